#!/usr/bin/env bash
# End-to-end benchmark: every server on core 0 (taskset), wrk on core 1, the same bodies, one run.
#
#   benchmarks/e2e.sh [OUTDIR]          (default OUTDIR: benchmarks/results/<UTC time>)
#
# Environment:
#   SERVERS         which servers, in this order (default: all)
#                   "ceiling ceiling-jit server conformance conformance-aot xmlrpc-c legacy"
#                   (also: server-quiet, the server with ASP.NET Core's per-request lines forced off;
#                   server-noaudit, the server without its audit line per call, to price that line)
#   WARMUP=3 DURATION=10 CONNECTIONS="1 32" COLDSTART_RUNS=5
#   SKIP_BUILD=1    reuse the binaries under benchmarks/.bin from an earlier run
#   BUILD_ONLY=1    build the binaries and stop (build early, measure when the machine is quiet)
#
# Needs: dotnet, wrk, taskset, gcc, libxmlrpc-core-c3-dev, /usr/bin/python3 with python3-dbus, clang and zlib1g-dev
# (NativeAOT). Installs nothing: see docs/performance.md for the apt-get line. Sends traffic to 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HERE=$ROOT/benchmarks
BIN=$HERE/.bin
OUT=${1:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
SERVERS=${SERVERS:-"ceiling ceiling-jit server conformance conformance-aot xmlrpc-c legacy"}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-"1 32"}
COLDSTART_RUNS=${COLDSTART_RUNS:-5}
SERVER_CORE=0
LOAD_CORE=1
TOOLS=$HERE/e2e_tools.py
PAYLOADS=$HERE/payloads
# The server's GC setting, read from its unit so that the benchmark measures it as shipped.
SERVER_GC=$(grep -o 'DOTNET_GCgen0size=[0-9A-Fa-f]*' "$ROOT/systemd/restarter-server.service") \
  || { echo "e2e.sh: no DOTNET_GCgen0size in systemd/restarter-server.service" >&2; exit 2; }

mkdir -p "$OUT/wrk" "$BIN"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

for tool in dotnet wrk taskset gcc xmlrpc-c-config /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "e2e.sh: $tool is missing (see docs/performance.md, 'Reproduce')" >&2; exit 2; }
done
if [ "$(nproc)" -lt 2 ]; then echo "e2e.sh: needs 2 cores (server on one, wrk on the other)" >&2; exit 2; fi

# ---- build ----------------------------------------------------------------------------------------------------------
build() {
  log "build: Restarter.Server (NativeAOT)"
  dotnet publish "$ROOT/src/Restarter.Server/Restarter.Server.csproj" -c Release -r linux-x64 -o "$BIN/server" -v q -nologo >"$OUT/build-server.log" 2>&1
  log "build: ConformanceHost (JIT and NativeAOT)"
  dotnet publish "$ROOT/interop/ConformanceHost/ConformanceHost.csproj" -c Release -o "$BIN/conformance" -v q -nologo >"$OUT/build-conformance.log" 2>&1
  dotnet publish "$ROOT/interop/ConformanceHost/ConformanceHost.csproj" -c Release -r linux-x64 -p:PublishAot=true -o "$BIN/conformance-aot" -v q -nologo >"$OUT/build-conformance-aot.log" 2>&1
  log "build: Kestrel ceiling (NativeAOT and JIT)"
  dotnet publish "$HERE/Restarter.Benchmarks.Kestrel/Restarter.Benchmarks.Kestrel.csproj" -c Release -r linux-x64 -o "$BIN/ceiling" -v q -nologo >"$OUT/build-ceiling.log" 2>&1
  dotnet publish "$HERE/Restarter.Benchmarks.Kestrel/Restarter.Benchmarks.Kestrel.csproj" -c Release -p:PublishAot=false -o "$BIN/ceiling-jit" -v q -nologo >"$OUT/build-ceiling-jit.log" 2>&1
  log "build: xmlrpc-c Abyss server"
  # shellcheck disable=SC2046
  gcc -O2 -Wall -o "$BIN/abyss_server" "$HERE/xmlrpc-c/abyss_server.c" $(xmlrpc-c-config abyss-server --libs)
}
[ "${SKIP_BUILD:-0}" = 1 ] || build
if [ "${BUILD_ONLY:-0}" = 1 ]; then log "built into $BIN"; exit 0; fi

# ---- servers --------------------------------------------------------------------------------------------------------
port_of() {
  case $1 in
    conformance) echo 18081 ;; server) echo 18082 ;; xmlrpc-c) echo 18083 ;; legacy) echo 18084 ;;
    ceiling) echo 18085 ;; ceiling-jit) echo 18086 ;; server-quiet) echo 18087 ;; conformance-aot) echo 18088 ;; server-noaudit) echo 18089 ;;
  esac
}

# The command line of a server (without taskset), listening on its port.
command_of() {
  local url="http://127.0.0.1:$(port_of "$1")"
  case $1 in
    conformance) echo "env ASPNETCORE_URLS=$url $BIN/conformance/ConformanceHost" ;;
    # DBUS_SYSTEM_BUS_ADDRESS: the invalid-id path never reaches the bus; if anything tried, it must fail, not restart.
    # $SERVER_GC: the GC setting systemd/restarter-server.service runs the server with (see docs/performance.md).
    server) echo "env ASPNETCORE_URLS=$url DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent/restarter-benchmark $SERVER_GC $BIN/server/Restarter.Server" ;;
    # The same server with ASP.NET Core's own per-request lines (4 at Information) turned off; the audit line stays.
    server-quiet) echo "env ASPNETCORE_URLS=$url DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent/restarter-benchmark $SERVER_GC Logging__LogLevel__Microsoft.AspNetCore=Warning $BIN/server/Restarter.Server" ;;
    server-noaudit) echo "env ASPNETCORE_URLS=$url DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent/restarter-benchmark $SERVER_GC Logging__LogLevel__Restarter.Audit=None $BIN/server/Restarter.Server" ;;
    conformance-aot) echo "env ASPNETCORE_URLS=$url $BIN/conformance-aot/ConformanceHost" ;;
    xmlrpc-c) echo "$BIN/abyss_server $(port_of "$1")" ;;
    legacy) echo "/usr/bin/python3 $HERE/legacy/legacy_server.py $(port_of "$1")" ;;
    ceiling) echo "env ASPNETCORE_URLS=$url $BIN/ceiling/Restarter.Benchmarks.Kestrel" ;;
    ceiling-jit) echo "env ASPNETCORE_URLS=$url $BIN/ceiling-jit/Restarter.Benchmarks.Kestrel" ;;
  esac
}

# Workloads a server answers: Restarter.Server has no echo method.
workloads_of() {
  case $1 in server | server-quiet | server-noaudit) echo "restart_unit" ;; *) echo "restart_unit echo" ;; esac
}

body_of() { case $1 in restart_unit) echo "$PAYLOADS/restart_unit_invalid.xml" ;; echo) echo "$PAYLOADS/echo36k.xml" ;; esac; }
expect_of() { case $1 in restart_unit) echo "$PAYLOADS/restart_unit_invalid.response.xml" ;; echo) echo "$PAYLOADS/echo36k.response.xml" ;; esac; }
# Python's client sends Accept-Encoding: gzip; restart_unit's answer is under every threshold. echo goes without,
# so that it measures the codec (xmlrpc-c never compresses; Python's server would gzip a 36 KB answer).
encoding_of() { case $1 in restart_unit) echo gzip ;; *) echo "" ;; esac; }

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

rss_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "uptime at start: $(uptime)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "kernel: $(uname -r)"
  echo "dotnet: $(dotnet --version) (runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v=$2 } END { print v }'))"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "python: $(/usr/bin/python3 --version 2>&1)"
  echo "xmlrpc-c: $(xmlrpc-c-config --version)"
  echo "server core: $SERVER_CORE, wrk core: $LOAD_CORE, warm-up ${WARMUP}s, measured ${DURATION}s"
} >"$OUT/env.txt"

printf 'server\tworkload\tconnections\treq_per_s\tp50_ms\tp99_ms\tsocket_errors\tnon_2xx\n' >"$OUT/results.tsv"
printf 'server\tpeak_rss_kb\trss_after_kb\n' >"$OUT/rss.tsv"

for server in $SERVERS; do
  port=$(port_of "$server")
  url="http://127.0.0.1:$port/RPC2"
  if ss -ltn "sport = :$port" | grep -q LISTEN; then
    log "$server: port $port is taken; skipped"
    continue
  fi
  log "$server: start on core $SERVER_CORE: $(command_of "$server")"
  # shellcheck disable=SC2046
  taskset -c "$SERVER_CORE" $(command_of "$server") >"$OUT/$server.log" 2>&1 &
  SERVER_PID=$!
  ok=1
  for workload in $(workloads_of "$server"); do
    if ! "$TOOLS" wait "$url" "$(body_of "$workload")" "$(expect_of "$workload")" 30 2>>"$OUT/run.log"; then
      log "$server: wrong or no answer to $workload; skipped (see run.log)"
      ok=0
    fi
  done
  if [ "$ok" = 1 ]; then
    for workload in $(workloads_of "$server"); do
      for connections in $CONNECTIONS; do
        export WRK_BODY WRK_ACCEPT_ENCODING
        WRK_BODY=$(body_of "$workload")
        WRK_ACCEPT_ENCODING=$(encoding_of "$workload")
        taskset -c "$LOAD_CORE" wrk -t1 -c"$connections" -d"${WARMUP}s" -s "$HERE/post.lua" "$url" >/dev/null
        file="$OUT/wrk/$server.$workload.$connections.txt"
        taskset -c "$LOAD_CORE" wrk -t1 -c"$connections" -d"${DURATION}s" --latency -s "$HERE/post.lua" "$url" >"$file"
        summary=$("$TOOLS" wrk "$file")
        printf '%s\t%s\t%s\t%s\n' "$server" "$workload" "$connections" "$summary" >>"$OUT/results.tsv"
        log "$server $workload c=$connections: $(echo "$summary" | awk -F'\t' '{ printf "%s req/s, p50 %s ms, p99 %s ms, errors %s, non-2xx %s", $1, $2, $3, $4, $5 }')"
      done
      if ! "$TOOLS" check "$url" "$(body_of "$workload")" "$(expect_of "$workload")" 2>>"$OUT/run.log"; then
        log "$server: wrong answer to $workload after the load"
      fi
    done
    printf '%s\t%s\t%s\n' "$server" "$(rss_field "$SERVER_PID" VmHWM)" "$(rss_field "$SERVER_PID" VmRSS)" >>"$OUT/rss.tsv"
    log "$server: peak RSS $(rss_field "$SERVER_PID" VmHWM) KB"
  fi
  stop_server
done

# ---- cold start: process start to first correct answer --------------------------------------------------------------
printf 'server\tmedian_ms\truns_ms\n' >"$OUT/coldstart.tsv"
for server in server legacy conformance conformance-aot ceiling; do
  case " $SERVERS " in *" $server "*) ;; *) continue ;; esac
  port=$(port_of "$server")
  log "$server: cold start x$COLDSTART_RUNS"
  # shellcheck disable=SC2046
  if "$TOOLS" coldstart --runs "$COLDSTART_RUNS" --url "http://127.0.0.1:$port/RPC2" \
      --body "$PAYLOADS/restart_unit_invalid.xml" --expect "$PAYLOADS/restart_unit_invalid.response.xml" \
      -- taskset -c "$SERVER_CORE" $(command_of "$server") >"$OUT/coldstart.$server.txt" 2>&1; then
    median=$(awk '/^median/ { print $2 }' "$OUT/coldstart.$server.txt")
    runs=$(awk '/^run/ { printf "%s%s", sep, $3; sep=" " }' "$OUT/coldstart.$server.txt")
    printf '%s\t%s\t%s\n' "$server" "$median" "$runs" >>"$OUT/coldstart.tsv"
    log "$server: cold start median $median ms ($runs)"
  else
    log "$server: cold start failed: $(tail -1 "$OUT/coldstart.$server.txt")"
  fi
done

echo "uptime at end: $(uptime)" >>"$OUT/env.txt"
/usr/bin/python3 "$HERE/report.py" "$OUT" >"$OUT/report.md"
log "done: $OUT/report.md"
