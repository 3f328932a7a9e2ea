#!/usr/bin/python3
"""The legacy restart server for the client tests: the seed's Service on Python's own SimpleXMLRPCServer.

valid_id, Result and Service.restart_unit are the seed's lines, except that the D-Bus call is replaced by the answer
it gives on success: a test must never restart a unit. The other methods are test helpers. The server listens on a free
loopback port, prints "port N" on stdout, and exits when its stdin closes (so it never outlives the test run).
"""
import dataclasses, os, re, socketserver, sys, threading, xmlrpc.server


def valid_id(ident):
    # a more robust validation would check existence instead of format
    return bool(re.match(r'^[0-9]{4}$', str(ident)))


@dataclasses.dataclass
class Result:
    success: bool
    message: str


current = threading.local()


class Service:
    def restart_unit(self, identifier):
        if not valid_id(identifier):
            print(f'invalid identifer: {identifier}', file=sys.stderr)
            return Result(success=False, message='invalid identifier')
        return Result(success=True, message='success')

    def echo(self, value):
        return value

    def fail(self, text):
        raise Exception(text)

    def text_of_length(self, n):
        return 'x' * n

    def request_headers(self):
        return current.headers


class RecordingHandler(xmlrpc.server.SimpleXMLRPCRequestHandler):
    def decode_request_content(self, data):
        current.headers = {name.lower(): value for name, value in self.headers.items()}
        current.headers['x-request-path'] = self.path
        return super().decode_request_content(data)


class ThreadedSimpleXMLRPCServer(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer):
    daemon_threads = True


def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)


if __name__ == '__main__':
    with ThreadedSimpleXMLRPCServer(('127.0.0.1', 0), requestHandler=RecordingHandler, logRequests=False, allow_none=True) as server:
        server.register_instance(Service())
        server.register_introspection_functions()
        server.register_multicall_functions()
        print(f'port {server.server_address[1]}', flush=True)
        threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
        server.serve_forever()
