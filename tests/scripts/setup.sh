#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building and testing Restarter. Idempotent; needs root for apt-get.
set -euo pipefail

PACKAGES=(
  # private system bus for the D-Bus tests, the legacy Python stack for golden and drop-in tests
  dbus python3 python3-dbus python3-bottle python3-waitress
  # systemd-socket-activate: the server tests pass it a listening socket as fd 3, as restarter-server.socket does
  systemd
  # NativeAOT publish
  clang zlib1g-dev
  # headless browser tests (Playwright drives Debian's chromium; never a browser download)
  chromium
  # the real-systemd sandbox
  systemd-container debootstrap
  # foreign XML-RPC stacks for interop/
  ruby ruby-xmlrpc libxmlrpc-lite-perl php-cli php-xmlrpc libxmlrpc-core-c3-dev gcc libc6-dev
  # benchmarks
  wrk hyperfine util-linux
  curl ca-certificates
)

missing=()
command -v node >/dev/null && command -v npm >/dev/null || PACKAGES+=(nodejs npm)
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # --no-install-recommends: systemd-container recommends libnss-mymachines, which edits /etc/nsswitch.conf
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

cd "$(dirname "$0")/../.."
dotnet restore Restarter.sln --verbosity quiet
