"""Python's own SimpleXMLRPCServer serving what interop/ConformanceHost serves, to compare bytes with.

Prints the port it listens on (127.0.0.1, chosen by the OS), then serves until killed.
restart_unit and echo live on a registered instance, as in the legacy server; validator1.* are registered functions.
"""
import re
import socketserver
import dataclasses
import xmlrpc.server


class Server(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer):
    daemon_threads = True


@dataclasses.dataclass
class Result:
    success: bool
    message: str


class Service:
    def restart_unit(self, identifier):
        """Validates the identifier (four ASCII digits, as a string or an int) and answers as the server would, without restarting anything."""
        if isinstance(identifier, (str, int)) and not isinstance(identifier, bool) and re.match(r'^[0-9]{4}\Z', str(identifier)):
            return Result(success=True, message='success')
        return Result(success=False, message='invalid identifier')

    def echo(self, x):
        """Returns its argument unchanged."""
        return x


def arrayOfStructsTest(array):
    return sum(s['curly'] for s in array)


def countTheEntities(text):
    return {
        'ctLeftAngleBrackets': text.count('<'),
        'ctRightAngleBrackets': text.count('>'),
        'ctAmpersands': text.count('&'),
        'ctApostrophes': text.count("'"),
        'ctQuotes': text.count('"'),
    }


def easyStructTest(s):
    return s['moe'] + s['larry'] + s['curly']


def echoStructTest(s):
    return s


def manyTypesTest(number, boolean, text, real, when, data):
    return [number, boolean, text, real, when, data]


def moderateSizeArrayCheck(array):
    return array[0] + array[-1]


def nestedStructTest(calendar):
    day = calendar['2000']['04']['01']
    return day['moe'] + day['larry'] + day['curly']


def simpleStructReturnTest(number):
    return {'times10': number * 10, 'times100': number * 100, 'times1000': number * 1000}


def main():
    server = Server(('127.0.0.1', 0), logRequests=False)
    server.register_introspection_functions()
    server.register_multicall_functions()
    server.register_instance(Service())
    for f in (arrayOfStructsTest, countTheEntities, easyStructTest, echoStructTest, manyTypesTest,
              moderateSizeArrayCheck, nestedStructTest, simpleStructReturnTest):
        server.register_function(f, 'validator1.' + f.__name__)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
