#!/usr/bin/env bash
# uninstall.sh — reverse systemd/install.sh: stop and disable the units, remove binaries, units, drop-ins,
# the polkit rule, the sysusers file and /etc/restarter (with the credential).
#
#   sudo systemd/uninstall.sh [--root DIR] [--keep-credential]
#
# The system user "restarter" stays in /etc/passwd, as Debian does for every system user: files it may own
# must not fall to a later user that reuses its uid. Remove it by hand with `userdel restarter` if you wish.
# example@.service is removed only if install.sh --demo put it there (it carries install.sh's marker line).
set -euo pipefail

ROOT=""
KEEP_CREDENTIAL=""
say() { printf 'uninstall: %s\n' "$*" >&2; }
while [ $# -gt 0 ]; do
    case $1 in
        --root) ROOT=${2%/}; shift 2 ;;
        --keep-credential) KEEP_CREDENTIAL=1; shift ;;
        -h|--help) awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; exit 0 ;;
        *) say "unknown option: $1"; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { say "ERROR: must run as root"; exit 1; }

UNITS=$ROOT/etc/systemd/system
OURS=(restarter-server.socket restarter-server.service restarter-web.socket restarter-web.service)
DEMO_UNITS=(example@0001.service example@1234.service example@4242.service)
demo_ours() { [ -f "$UNITS/example@.service" ] && grep -q '^# Installed by Restarter' "$UNITS/example@.service"; }

if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
    systemctl disable --quiet --now "${OURS[@]}" 2>/dev/null || true
    if demo_ours; then
        systemctl disable --quiet "${DEMO_UNITS[@]}" 2>/dev/null || true
        systemctl stop 'example@*.service' 2>/dev/null || true   # every running instance of the demo template
    fi
else
    systemctl --root="${ROOT:-/}" --quiet disable "${OURS[@]}" 2>/dev/null || true
    if demo_ours; then systemctl --root="${ROOT:-/}" --quiet disable "${DEMO_UNITS[@]}" 2>/dev/null || true; fi
fi
for u in "${OURS[@]}"; do rm -rf "${UNITS:?}/$u" "$UNITS/$u.d"; done
if demo_ours; then
    rm -f "$UNITS/example@.service"
    for u in "${DEMO_UNITS[@]}"; do rm -f "$UNITS/multi-user.target.wants/$u"; done
    rmdir "$UNITS/multi-user.target.wants" 2>/dev/null || true
fi
rm -rf "$ROOT/opt/restarter"
rm -f "$ROOT/etc/polkit-1/rules.d/50-restarter.rules" "$ROOT/etc/sysusers.d/restarter.conf"
if [ -n "$KEEP_CREDENTIAL" ]; then
    say "kept /etc/restarter/rpc.credential"
else
    rm -rf "$ROOT/etc/restarter"
fi
if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
say "done: Restarter removed from ${ROOT:-/}"
