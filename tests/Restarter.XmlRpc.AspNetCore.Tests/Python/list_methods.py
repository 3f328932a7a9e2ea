import sys
import xmlrpc.client as x
print(x.ServerProxy(sys.argv[1]).system.listMethods())
