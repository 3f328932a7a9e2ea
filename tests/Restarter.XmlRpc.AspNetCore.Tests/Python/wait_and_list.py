"""Waits up to 30 s for an XML-RPC server to answer, then prints system.listMethods()."""
import sys
import time
import xmlrpc.client as x

deadline = time.monotonic() + 30
while True:
    try:
        print(x.ServerProxy(sys.argv[1]).system.listMethods())
        break
    except OSError:
        if time.monotonic() > deadline:
            raise
        time.sleep(0.1)
