#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root) and runs every suite: xunit, interop, end to end.
# The last line is "N passed, M failed", summed over all suites.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
RESULTS=$ROOT/artifacts/test-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

bash tests/scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

total_pass=0; total_fail=0
add() {  # add SUITE PASSED FAILED
  printf '%-34s %5s passed %5s failed\n' "$1" "$2" "$3" | tee -a "$RESULTS/summary.txt"
  total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3))
}

# --- xunit: one trx per test project; a project that fails to build counts as one failure
dotnet build Restarter.sln -c Release --nologo -v quiet > "$RESULTS/build.log" 2>&1 || { tail -40 "$RESULTS/build.log"; add "build" 0 1; }
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    > "$RESULTS/$name.log" 2>&1
  trx=$RESULTS/$name.trx
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<< "$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<< "$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<< "$counters")
    [ "${f:-0}" != 0 ] && grep -E "^\s+Failed |Error Message" -A3 "$RESULTS/$name.log" | head -60
    add "$name" "${p:-0}" "$(( ${f:-0} + ${e:-0} ))"
  else
    tail -20 "$RESULTS/$name.log"; add "$name" 0 1
  fi
done

# --- script suites: each prints "N passed, M failed" as its last line
for suite in interop/run.sh systemd/sandbox/test.sh; do
  [ -x "$suite" ] || continue
  log=$RESULTS/$(echo "$suite" | tr / _).log
  "$suite" > "$log" 2>&1
  last=$(tail -1 "$log")
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    [ "${BASH_REMATCH[2]}" != 0 ] && grep -E "^FAIL" "$log" | head -40
    add "$suite" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  else
    tail -30 "$log"; add "$suite" 0 1
  fi
done

echo "${total_pass} passed, ${total_fail} failed"
[ "$total_fail" = 0 ]
