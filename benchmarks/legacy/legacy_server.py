#!/usr/bin/python3
"""The legacy restart_unit server, for benchmarks/e2e.sh: the seed's code (Spooky Web Application Idea) copied as it
stands, with two changes only, both marked below:

  1. It listens on the port given on the command line (the seed takes a systemd socket from fd 3; that is kept when
     LISTEN_FDS is set, which is how e2e.sh measures cold start with systemd-socket-activate).
  2. An `echo` function is registered beside the Service, for the 36 KB echo workload (the seed has only
     restart_unit). SimpleXMLRPCServer dispatches to it as it would to any registered function.

    /usr/bin/python3 benchmarks/legacy/legacy_server.py 8081
"""
import dataclasses, os, re, socket, socketserver, sys, xmlrpc.server

import dbus


class ThreadedSimpleXMLRPCServer(socketserver.ThreadingMixIn,
                                 xmlrpc.server.SimpleXMLRPCServer):
    """A threaded, socket-activated SimpleXMLRPCServer"""
    def __init__(self):
        xmlrpc.server.SimpleXMLRPCServer.__init__(self, (None, None), bind_and_activate=False)
        SYSTEMD_FIRST_SOCKET_FD = 3
        self.socket = socket.fromfd(SYSTEMD_FIRST_SOCKET_FD, socket.AF_INET, socket.SOCK_STREAM)


# change 1: the same server on a port from the command line (SimpleXMLRPCServer's own bind and listen, backlog 5)
class PortThreadedSimpleXMLRPCServer(socketserver.ThreadingMixIn,
                                     xmlrpc.server.SimpleXMLRPCServer):
    def __init__(self, port):
        xmlrpc.server.SimpleXMLRPCServer.__init__(self, ('127.0.0.1', port), logRequests=True)


def valid_id(ident):
    # a more robust validation would check existence instead of format
    return bool(re.match(r'^[0-9]{4}$', str(ident)))


@dataclasses.dataclass
class Result:
    success: bool
    message: str


class Service:
    def restart_unit(self, identifier):
        if not valid_id(identifier):
            print(f'invalid identifer: {identifier}')
            return Result(success=False, message='invalid identifier')
        try:
            sysbus = dbus.SystemBus()
            systemd1 = sysbus.get_object("org.freedesktop.systemd1", "/org/freedesktop/systemd1")
            manager = dbus.Interface(systemd1, "org.freedesktop.systemd1.Manager")
            job = manager.RestartUnit(f"example@{identifier}.service", "replace")
            return Result(success=True, message='success')
        except Exception as e:
            print(f'Exception occurred: {e}')
            return Result(success=False, message=f'{e}')


if __name__ == '__main__':
    if os.environ.get('LISTEN_FDS'):
        server = ThreadedSimpleXMLRPCServer()
    else:
        server = PortThreadedSimpleXMLRPCServer(int(sys.argv[1]))
    with server:
        server.register_instance(Service())
        server.register_function(lambda x: x, 'echo')  # change 2
        server.serve_forever()
