#!/usr/bin/python3
"""For each URL on stdin (one per line), what Python's ServerProxy sends: the request target and the Authorization header."""
import json, sys, xmlrpc.client

answers = []
for url in sys.stdin.read().splitlines():
    proxy = xmlrpc.client.ServerProxy(url)
    host, handler = proxy._ServerProxy__host, proxy._ServerProxy__handler
    _, extra_headers, _ = xmlrpc.client.Transport().get_host_info(host)
    authorization = dict(extra_headers or []).get('Authorization')
    answers.append({'url': url, 'handler': handler, 'host': host.rpartition('@')[2], 'authorization': authorization})
print(json.dumps(answers))
