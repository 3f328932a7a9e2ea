#!/usr/bin/python3
"""Helpers for benchmarks/e2e.sh (standard library only).

  check URL BODY EXPECTED          POST BODY as Python's xmlrpc.client would; exit 0 if the answer equals EXPECTED
                                   (compared as XML-RPC values, so formatting differences between servers don't matter)
  wait URL BODY EXPECTED SECONDS   like check, retried until it passes or SECONDS run out
  coldstart --runs N --url URL --body BODY --expect EXPECTED -- CMD...
                                   N times: start CMD, poll until the first correct answer; prints one line per run
                                   (milliseconds, RSS in KB at that moment) and the median
  wrk FILE                         turn `wrk --latency` output into: req_per_s p50_ms p99_ms socket_errors non_2xx
"""
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import xmlrpc.client

HEADERS = {"Content-Type": "text/xml", "User-Agent": "Python-xmlrpc/3.11", "Accept-Encoding": "gzip"}


def post(url, body, timeout=5.0):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("POST", parts.path or "/", body=body, headers=HEADERS)
        response = connection.getresponse()
        data = response.read()
        if response.getheader("Content-Encoding", "").lower() == "gzip":
            import gzip
            data = gzip.decompress(data)
        return response.status, data
    finally:
        connection.close()


def normalise(value):
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    if isinstance(value, xmlrpc.client.DateTime):
        return ("dateTime", value.value)
    if isinstance(value, xmlrpc.client.Binary):
        return ("base64", bytes(value.data))
    if isinstance(value, float):
        # xmlrpc-c writes 0.375 as 0.37500000000000006: equal to 12 significant digits is equal here.
        return ("double", float(f"{value:.12g}"))
    return value


def answer_problem(url, body, expected):
    """None when the server answers BODY with EXPECTED, else what is wrong."""
    try:
        status, data = post(url, body)
    except OSError as e:
        return f"no answer: {e}"
    if status != 200:
        return f"HTTP {status}: {data[:200]!r}"
    try:
        got = xmlrpc.client.loads(data)[0]
    except Exception as e:  # noqa: BLE001 - any parse failure is a wrong answer
        return f"not an XML-RPC response ({e}): {data[:200]!r}"
    want = xmlrpc.client.loads(expected)[0]
    if normalise(got) != normalise(want):
        return f"wrong answer: {str(normalise(got))[:300]}"
    return None


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cmd_check(url, body, expected):
    problem = answer_problem(url, read(body), read(expected))
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


def cmd_wait(url, body, expected, seconds):
    deadline = time.monotonic() + float(seconds)
    body, expected = read(body), read(expected)
    problem = "not tried"
    while time.monotonic() < deadline:
        problem = answer_problem(url, body, expected)
        if problem is None:
            return 0
        time.sleep(0.1)
    print(problem, file=sys.stderr)
    return 1


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cmd_coldstart(args):
    runs, url, body, expect = 5, None, None, None
    while args and args[0] != "--":
        flag, value, args = args[0], args[1], args[2:]
        if flag == "--runs":
            runs = int(value)
        elif flag == "--url":
            url = value
        elif flag == "--body":
            body = read(value)
        elif flag == "--expect":
            expect = read(value)
    command = args[1:]
    times = []
    for run in range(runs):
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            while True:
                if answer_problem(url, body, expect) is None:
                    elapsed = (time.monotonic() - start) * 1000
                    break
                if process.poll() is not None:
                    raise SystemExit(f"{command[0]} exited with {process.returncode} before answering")
                if time.monotonic() - start > 30:
                    raise SystemExit(f"{command[0]} gave no correct answer within 30 s")
                time.sleep(0.001)
            rss = rss_kb(process.pid)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        times.append(elapsed)
        print(f"run {run + 1}: {elapsed:.1f} ms, RSS {rss} KB after the first answer")
        time.sleep(0.3)
    print(f"median {statistics.median(times):.1f} ms")
    return 0


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


def cmd_wrk(path):
    text = open(path).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = sum(int(x) for x in errors.groups()) if errors else 0
    print(f"{float(rps.group(1)) if rps else 0:.0f}\t{to_ms(p50.group(1)) if p50 else float('nan'):.3f}\t"
          f"{to_ms(p99.group(1)) if p99 else float('nan'):.3f}\t{socket_errors}\t{int(non2xx.group(1)) if non2xx else 0}")
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[1], argv[2:]
    if command == "check":
        return cmd_check(*rest)
    if command == "wait":
        return cmd_wait(*rest)
    if command == "coldstart":
        return cmd_coldstart(rest)
    if command == "wrk":
        return cmd_wrk(*rest)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
