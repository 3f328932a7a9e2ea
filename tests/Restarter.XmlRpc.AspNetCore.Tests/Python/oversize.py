"""Sends a 2 MiB call (over the default 1 MiB limit): xmlrpc.client must see HTTP 413, then a normal call must work."""
import sys
import xmlrpc.client as x

proxy = x.ServerProxy(sys.argv[1])
try:
    proxy.echo('x' * (2 * 1024 * 1024))
    raise AssertionError('no error')
except x.ProtocolError as e:
    assert e.errcode == 413, e
print(proxy.restart_unit('1234'))
