# The legacy restart server from the design this project rebuilds ("Spooky Web Application Idea"), unchanged but for
# this comment: our XmlRpcClient must work against it during a migration. interop/run.sh starts it under
# systemd-socket-activate (it expects its listening socket as fd 3) with DBUS_SYSTEM_BUS_ADDRESS pointing nowhere,
# so a valid id answers {false, <the D-Bus error>} and nothing is ever restarted.
import dataclasses, os, re, socket, socketserver, xmlrpc.server

import dbus


class ThreadedSimpleXMLRPCServer(socketserver.ThreadingMixIn,
                                 xmlrpc.server.SimpleXMLRPCServer):
    """A threaded, socket-activated SimpleXMLRPCServer"""
    def __init__(self):
        xmlrpc.server.SimpleXMLRPCServer.__init__(self, (None, None), bind_and_activate=False)
        SYSTEMD_FIRST_SOCKET_FD = 3
        self.socket = socket.fromfd(SYSTEMD_FIRST_SOCKET_FD, socket.AF_INET, socket.SOCK_STREAM)


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
    # TODO this doesn't error out with a bad FD when not
    # socket-activated, should fix that
    with ThreadedSimpleXMLRPCServer() as server:
        server.register_instance(Service())
        server.serve_forever()
