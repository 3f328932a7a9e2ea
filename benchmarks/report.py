#!/usr/bin/python3
"""Turns one e2e.sh run (results.tsv, rss.tsv, coldstart.tsv, env.txt) into the Markdown tables of docs/performance.md.

    /usr/bin/python3 benchmarks/report.py benchmarks/results/<run>
"""
import csv
import os
import sys

NAMES = {
    "ceiling": "Kestrel ceiling, canned answer (NativeAOT)",
    "ceiling-jit": "Kestrel ceiling, canned answer (JIT)",
    "server": "Restarter.Server (NativeAOT), as shipped",
    "server-quiet": "Restarter.Server (NativeAOT), Microsoft.AspNetCore logs at Warning",
    "conformance": "ConformanceHost (JIT)",
    "conformance-aot": "ConformanceHost (NativeAOT)",
    "xmlrpc-c": "xmlrpc-c 1.33 Abyss (C)",
    "legacy": "legacy Python SimpleXMLRPCServer",
}


def rows(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def ratio(a, b):
    return a / b if a and b else float("nan")


def verdict(ok):
    return "met" if ok else "**missed**"


def main(directory):
    results = rows(directory, "results.tsv")
    rss = {r["server"]: r for r in rows(directory, "rss.tsv")}
    cold = {r["server"]: r for r in rows(directory, "coldstart.tsv")}
    rps = {(r["server"], r["workload"], r["connections"]): float(r["req_per_s"]) for r in results}
    out = []
    with open(os.path.join(directory, "env.txt")) as f:
        out.append("```\n" + f.read().rstrip() + "\n```\n")

    for workload, title in (("restart_unit", "restart_unit (160-byte call)"), ("echo", "echo (36 KB struct)")):
        out.append(f"### {title}\n")
        out.append("| server | conns | req/s | p50 ms | p99 ms | socket errors | non-2xx |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for r in results:
            if r["workload"] != workload:
                continue
            out.append(f"| {NAMES.get(r['server'], r['server'])} | {r['connections']} | {float(r['req_per_s']):,.0f} | "
                       f"{float(r['p50_ms']):.2f} | {float(r['p99_ms']):.2f} | {r['socket_errors']} | {r['non_2xx']} |")
        out.append("")

    out.append("### Memory\n")
    out.append("| server | peak RSS under load (VmHWM) | RSS after the load |")
    out.append("|---|---:|---:|")
    for server, r in rss.items():
        out.append(f"| {NAMES.get(server, server)} | {int(r['peak_rss_kb']) / 1024:.1f} MB | {int(r['rss_after_kb']) / 1024:.1f} MB |")
    out.append("")

    out.append("### Cold start (process start to first correct restart_unit answer)\n")
    out.append("| server | median | runs (ms) |")
    out.append("|---|---:|---|")
    for server, r in cold.items():
        out.append(f"| {NAMES.get(server, server)} | {float(r['median_ms']):.1f} ms | {r['runs_ms']} |")
    out.append("")

    out.append("### Targets\n")
    out.append("| target | measured | verdict |")
    out.append("|---|---|---|")
    ceiling = max(rps.get(("ceiling", "restart_unit", "32"), 0), rps.get(("ceiling-jit", "restart_unit", "32"), 0))
    for name in ("server", "server-quiet", "conformance", "conformance-aot"):
        ours = rps.get((name, "restart_unit", "32"), 0)
        if not ours:
            continue
        r = ratio(ours, ceiling)
        out.append(f"| restart_unit@32 ≥ 0.7× Kestrel ceiling (the better of AOT and JIT): {NAMES[name]} | {ours:,.0f} / {ceiling:,.0f} = {r:.2f}× "
                   f"(vs legacy {ratio(ours, rps.get(('legacy', 'restart_unit', '32'))):.1f}×, "
                   f"vs xmlrpc-c {ratio(ours, rps.get(('xmlrpc-c', 'restart_unit', '32'))):.1f}×) | {verdict(r >= 0.7)} |")
    c = rps.get(("xmlrpc-c", "echo", "32"), 0)
    for name in ("conformance", "conformance-aot"):
        ours = rps.get((name, "echo", "32"), 0)
        if not ours:
            continue
        r = ratio(ours, c)
        out.append(f"| echo 36 KB@32 ≥ 10× xmlrpc-c: {NAMES[name]} (Restarter.Server has no echo) | {ours:,.0f} / {c:,.0f} = {r:.2f}× "
                   f"(vs legacy {ratio(ours, rps.get(('legacy', 'echo', '32'))):.1f}×) | {verdict(r >= 10)} |")
    if "server" in cold and "legacy" in cold:
        a, b = float(cold["server"]["median_ms"]), float(cold["legacy"]["median_ms"])
        out.append(f"| cold start, NativeAOT server ≤ legacy Python | {a:.1f} ms vs {b:.1f} ms ({ratio(b, a):.1f}× faster) | {verdict(a <= b)} |")
    if "server" in rss:
        peak = int(rss["server"]["peak_rss_kb"]) / 1024
        out.append(f"| peak RSS under load ≤ 40 MB (Restarter.Server) | {peak:.1f} MB | {verdict(peak <= 40)} |")
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
