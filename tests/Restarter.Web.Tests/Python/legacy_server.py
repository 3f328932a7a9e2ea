#!/usr/bin/python3
"""The legacy restart server for the web tests: the seed's Service on Python's SimpleXMLRPCServer, threaded as in the
seed, with the D-Bus call replaced by the answer it gives on success (a test must never restart a unit). Listens on a
free loopback port, prints "port N", and exits when its stdin closes."""
import dataclasses, os, re, socketserver, sys, threading, xmlrpc.server


class ThreadedSimpleXMLRPCServer(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer):
    """A threaded SimpleXMLRPCServer (the seed's is socket-activated; this one binds a free port)"""
    daemon_threads = True


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
            print(f'invalid identifer: {identifier}', file=sys.stderr)
            return Result(success=False, message='invalid identifier')
        return Result(success=True, message='success')


def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)


if __name__ == '__main__':
    with ThreadedSimpleXMLRPCServer(('127.0.0.1', 0), logRequests=False) as server:
        server.register_instance(Service())
        print(f'port {server.server_address[1]}', flush=True)
        threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
        server.serve_forever()
