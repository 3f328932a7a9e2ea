"""Python's own xmlrpc.client as a test oracle for the .NET codec.

Reads a JSON array of requests on stdin and prints a JSON array of answers, one per request:
  {"op": "dumps_response", "value": SPEC}            -> {"bytes": BASE64 of dumps((v,), methodresponse=True)}
  {"op": "dumps_call", "method": NAME, "params": [SPEC]} -> {"bytes": ...}
  {"op": "dumps_fault", "code": INT, "string": STR}  -> {"bytes": ...}
  {"op": "loads", "data": BASE64}                    -> {"method": NAME|null, "params": [SPEC]} or {"fault": {...}} or {"error": TEXT}
A SPEC is a typed JSON value: {"t": "int"|"bool"|"str"|"double"|"dt"|"b64"|"nil"|"array"|"struct", "v": ...}; doubles
travel as the 16 hex digits of their IEEE bits so that -0.0, NaN and every last bit survive.
"""
import base64
import datetime
import decimal
import json
import struct
import sys
import xmlrpc.client


def from_spec(spec):
    t, v = spec["t"], spec.get("v")
    if t == "int":
        return int(v)
    if t == "bool":
        return bool(v)
    if t == "str":
        return v
    if t == "double":
        return struct.unpack(">d", bytes.fromhex(v))[0]
    if t == "dt":
        return datetime.datetime.fromisoformat(v)
    if t == "b64":
        return base64.b64decode(v)
    if t == "nil":
        return None
    if t == "array":
        return [from_spec(item) for item in v]
    if t == "struct":
        return {name: from_spec(item) for name, item in v}
    raise ValueError("unknown spec type " + t)


def to_spec(value):
    if value is None:
        return {"t": "nil"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, (float, decimal.Decimal)):
        return {"t": "double", "v": struct.pack(">d", float(value)).hex()}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, datetime.datetime):
        return {"t": "dt", "v": value.isoformat()}
    if isinstance(value, xmlrpc.client.DateTime):
        return {"t": "dt", "v": datetime.datetime.strptime(value.value, "%Y%m%dT%H:%M:%S").isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"t": "b64", "v": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return {"t": "array", "v": [to_spec(item) for item in value]}
    if isinstance(value, dict):
        return {"t": "struct", "v": [[name, to_spec(item)] for name, item in value.items()]}
    raise TypeError("cannot describe %r" % (value,))


def wire(text):
    # What ServerProxy and SimpleXMLRPCServer put on the wire for a dumps() result.
    return {"bytes": base64.b64encode(text.encode("utf-8", "xmlcharrefreplace")).decode("ascii")}


def answer(request):
    op = request["op"]
    if op == "dumps_response":
        return wire(xmlrpc.client.dumps((from_spec(request["value"]),), methodresponse=True, allow_none=True))
    if op == "dumps_call":
        params = tuple(from_spec(p) for p in request["params"])
        return wire(xmlrpc.client.dumps(params, request["method"], allow_none=True))
    if op == "dumps_fault":
        return wire(xmlrpc.client.dumps(xmlrpc.client.Fault(request["code"], request["string"])))
    if op == "loads":
        try:
            params, method = xmlrpc.client.loads(base64.b64decode(request["data"]), use_builtin_types=True)
        except xmlrpc.client.Fault as fault:
            return {"fault": {"code": fault.faultCode, "string": fault.faultString}}
        except Exception as error:  # the oracle reports, the test decides
            return {"error": "%s: %s" % (type(error).__name__, error)}
        return {"method": method, "params": [to_spec(p) for p in params]}
    raise ValueError("unknown op " + op)


def main():
    requests = json.load(sys.stdin)
    json.dump([answer(r) for r in requests], sys.stdout)


if __name__ == "__main__":
    main()
