#!/bin/sh
# Soak: wrk at 32 connections against the real server (restart_unit on a running instance of the stand-in systemd on a
# private dbus-daemon), the bus killed and restarted in the middle, the server's RSS sampled, every audit outcome counted.
# Usage: soak/soak.sh [SECONDS] [CONNECTIONS]   (default 1800 s = 30 min, 32 connections)
# The report goes to soak/results/soak-<date>-<seconds>s.txt. Needs: dotnet, dbus-daemon, wrk (apt-get install wrk).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-1800}
connections=${2:-32}
mkdir -p soak/results
report="$PWD/soak/results/soak-$(date -u +%Y%m%dT%H%MZ)-${seconds}s.txt"
command -v wrk >/dev/null || { echo "soak.sh: wrk is missing: apt-get install -y wrk" >&2; exit 2; }
dotnet build tests/Restarter.Robustness.Tests/Restarter.Robustness.Tests.csproj -c Release -v q -nologo
RESTARTER_SOAK_SECONDS=$seconds RESTARTER_SOAK_CONNECTIONS=$connections RESTARTER_SOAK_REPORT=$report \
  dotnet test tests/Restarter.Robustness.Tests/Restarter.Robustness.Tests.csproj -c Release --no-build \
  --filter "FullyQualifiedName~SoakTests" --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=$(( (seconds + 600) * 1000 ))
echo "report: $report"
cat "$report"
