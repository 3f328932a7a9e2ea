#!/usr/bin/python3
"""Writes the benchmark request bodies exactly as Python's xmlrpc.client sends them, and the answers a correct
server gives, so every server in a run is checked against the same expectation.

    /usr/bin/python3 benchmarks/payloads/make_payloads.py   # rewrites the *.xml files beside this script

Deterministic: the same files on every run (no clock, no randomness).
"""
import datetime
import os
import xmlrpc.client

HERE = os.path.dirname(os.path.abspath(__file__))


def echo_struct():
    """99 mixed scalars, then an array of 50 structs: about 36 KB on the wire."""
    kinds = [
        lambda i: i * 7919 - 400000,                                        # int
        lambda i: f"value {i} & <escaped> text, grüße {i * 3}",            # string, with escapes and UTF-8
        lambda i: i * 1.25 + 0.1,                                          # double
        lambda i: i % 2 == 0,                                              # boolean
        lambda i: xmlrpc.client.DateTime(datetime.datetime(2024, 1 + i % 12, 1 + i % 28, i % 24, i % 60, i % 60)),
        lambda i: xmlrpc.client.Binary(bytes((i + k) % 256 for k in range(24))),  # base64
    ]
    value = {}
    for i in range(99):
        value[f"f{i:02d}"] = kinds[i % len(kinds)](i)
    value["items"] = [
        {
            "id": 1000 + n,
            "name": f"example@{1000 + n:04d}",
            "active": n % 3 != 0,
            "load": n / 8,
            "since": xmlrpc.client.DateTime(datetime.datetime(2025, 6, 1 + n % 28, 12, n % 60, 0)),
            "tags": [f"group-{n % 5}"],
        }
        for n in range(50)
    ]
    return value


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main():
    # The call the legacy web form makes for a valid id, and the same-sized call with an id that fails validation
    # (the servers that really talk to D-Bus are measured on that path: no system bus is involved).
    write("restart_unit.xml", xmlrpc.client.dumps(("1234",), "restart_unit"))
    write("restart_unit.response.xml", xmlrpc.client.dumps(({"success": True, "message": "success"},), methodresponse=True))
    write("restart_unit_invalid.xml", xmlrpc.client.dumps(("12a4",), "restart_unit"))
    write("restart_unit_invalid.response.xml",
          xmlrpc.client.dumps(({"success": False, "message": "invalid identifier"},), methodresponse=True))
    value = echo_struct()
    write("echo36k.xml", xmlrpc.client.dumps((value,), "echo"))
    write("echo36k.response.xml", xmlrpc.client.dumps((value,), methodresponse=True))


if __name__ == "__main__":
    main()
