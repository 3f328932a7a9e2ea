#!/bin/sh
# A long run of the mutation fuzzer (the CI smoke run does 5000 cases with one seed).
# Usage: fuzz/run-long.sh [CASES] [SEED]   (default 2,000,000 cases, seed from the clock)
# Failing inputs are written to fuzz/findings/ (body .xml + what went wrong .txt); replay one by adding it to
# tests/Restarter.Robustness.Tests/Fuzzing/Seeds/ or to a regression test.
set -eu
cd "$(dirname "$0")/.."
cases=${1:-2000000}
seed=${2:-$(date +%s)}
mkdir -p fuzz/findings
dotnet build tests/Restarter.Robustness.Tests/Restarter.Robustness.Tests.csproj -c Release -v q -nologo
echo "fuzzing $cases cases with seed $seed"
RESTARTER_FUZZ_CASES=$cases RESTARTER_FUZZ_SEED=$seed RESTARTER_FUZZ_FINDINGS="$PWD/fuzz/findings" \
  dotnet test tests/Restarter.Robustness.Tests/Restarter.Robustness.Tests.csproj -c Release --no-build \
  --filter "FullyQualifiedName~FuzzTests.Mutated" --logger "console;verbosity=detailed" -- RunConfiguration.TestSessionTimeout=86400000
