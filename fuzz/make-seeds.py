#!/usr/bin/python3
"""Writes the fuzzer's seed corpus: real requests as Python's xmlrpc.client writes them.

Run from the repository root: /usr/bin/python3 fuzz/make-seeds.py
The files land in tests/Restarter.Robustness.Tests/Fuzzing/Seeds/ and are committed, so CI needs no Python for them.
"""
import datetime
import os
import xmlrpc.client as x

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "Restarter.Robustness.Tests", "Fuzzing", "Seeds")

def call(name, *params, **kw):
    return x.dumps(tuple(params), name, **kw)

SEEDS = {
    # what the legacy web form sends
    "restart_unit-string": call("restart_unit", "1234"),
    "restart_unit-zeroes": call("restart_unit", "0000"),
    "restart_unit-int": call("restart_unit", 4321),
    "restart_unit-five-digits": call("restart_unit", "12345"),
    "restart_unit-letters": call("restart_unit", "abcd"),
    "restart_unit-newline": call("restart_unit", "1234\n"),
    "restart_unit-arabic-digits": call("restart_unit", "\u0661\u0662\u0663\u0664"),
    "restart_unit-no-params": call("restart_unit"),
    "restart_unit-two-params": call("restart_unit", "1234", "5678"),
    "restart_unit-nil": call("restart_unit", None, allow_none=True),
    "restart_unit-latin1": call("restart_unit", "1234", encoding="iso-8859-1"),
    "restart_unit_and_wait": call("restart_unit_and_wait", "1234", 30),
    "unit_state": call("unit_state", "1234"),
    "list_units": call("list_units"),
    # echo of every type, nested
    "echo-struct": call("echo", {
        "success": True, "message": "success", "i": 7, "d": 1.5, "neg": -0.0,
        "s": "Grüße <&> \"'", "b": x.Binary(b"\x00\x01restart_unit\xff"),
        "t": x.DateTime(datetime.datetime(2023, 7, 8, 12, 0, 0)),
        "a": [1, "two", [3.0, {"four": 4}]], "e": {},
    }),
    "echo-array": call("echo", [["1234"], [], [True, False]]),
    "echo-nil": call("echo", [None, {"n": None}], allow_none=True),
    "echo-unicode": call("echo", "\u2603 \U0001F600 \u00e9"),
    # multicall, as xmlrpc.client.MultiCall sends it
    "multicall": call("system.multicall", [
        {"methodName": "restart_unit", "params": ["1234"]},
        {"methodName": "restart_unit", "params": ["bad"]},
        {"methodName": "echo", "params": [{"k": [1, 2]}]},
        {"methodName": "restart_unit", "params": [5678]},
    ]),
    "multicall-nested": call("system.multicall", [
        {"methodName": "system.multicall", "params": [[{"methodName": "restart_unit", "params": ["1234"]}]]},
    ]),
    "introspection": call("system.listMethods"),
    "method-help": call("system.methodHelp", "restart_unit"),
    # responses and faults: not calls, but their bytes are good material for mutations
    "response-result": x.dumps(({"success": True, "message": "success"},), methodresponse=True),
    "response-fault": x.dumps(x.Fault(1, "<class 'TypeError'>:restart_unit() takes 2 positional arguments but 3 were given")),
    "response-list": x.dumps(([{"identifier": "1234", "unit": "example@1234.service", "active_state": "active", "main_pid": 42}],), methodresponse=True),
    # hand-written: what other stacks send, and the legacy server's known traps
    "restart_unit-i8-untyped": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall><methodName>restart_unit</methodName>"
        "<params><param><value><i8>1234</i8></value></param><param><value>1234</value></param></params></methodCall>",
    "restart_unit-dtd-entity": "<?xml version='1.0'?><!DOCTYPE methodCall [<!ENTITY id '1234'>]><methodCall>"
        "<methodName>restart_unit</methodName><params><param><value><string>&id;</string></value></param></params></methodCall>",
    "restart_unit-base64": "<methodCall><methodName>restart_unit</methodName><params><param><value><base64>MTIzNA==</base64>"
        "</value></param></params></methodCall>",
    "restart_unit-cdata-comment": "<?xml version='1.0'?><methodCall><methodName>restart_<!-- x -->unit</methodName><params><param>"
        "<value><![CDATA[12]]>34</value></param></params></methodCall>",
}

os.makedirs(OUT, exist_ok=True)
for name, text in SEEDS.items():
    encoding = "iso-8859-1" if name.endswith("latin1") else "utf-8"
    with open(os.path.join(OUT, name + ".xml"), "wb") as f:
        f.write(text.encode(encoding))
print(f"{len(SEEDS)} seeds written to {os.path.normpath(OUT)}")
