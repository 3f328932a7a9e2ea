#!/usr/bin/env bash
# test.sh — Restarter end to end on a real systemd: publishes, boots a fresh sandbox (sandbox.sh, installed with
# systemd/install.sh --root), checks the whole chain, tears it down. Needs root, dotnet, node, chromium.
# One line per check ("PASS name detail" / "FAIL name detail"); the last line is "N passed, M failed".
#
# Environment: SANDBOX_PUBLISHED=DIR reuses a publish (server/ and web/); SANDBOX_SERVER=legacy runs the seed's
# Python server instead of ours (to compare: its known gaps then FAIL); SANDBOX_SKIP_WEB=1 leaves the web app
# checks out. Ports are picked free on the host, so it can run while `sandbox.sh up` serves 8080/8081.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SB=$HERE/sandbox.sh
PASS=0; FAIL=0
T0=$EPOCHREALTIME

LAST=$EPOCHREALTIME
report() { local t; t=$(since "$LAST"); LAST=$EPOCHREALTIME; printf '%s %-52s %s [%ss]\n' "$1" "$2" "$3" "$t"; }
pass() { PASS=$((PASS + 1)); report PASS "$1" "${2:-}"; }
fail() { FAIL=$((FAIL + 1)); report FAIL "$1" "${2:-}"; }
check() { if eval "$3"; then pass "$1" "$2"; else fail "$1" "$2"; fi; }   # check NAME DETAIL CONDITION
since() { awk -v a="$1" -v b="${EPOCHREALTIME}" 'BEGIN{printf "%.1f", b-a}'; }
finish() { echo "time: $(since "$T0")s"; echo "$PASS passed, $FAIL failed"; [ "$FAIL" = 0 ]; exit $?; }

if [ "$(id -u)" != 0 ]; then fail "run as root" "test.sh boots a container"; finish; fi

export SANDBOX_MACHINE=${SANDBOX_MACHINE:-restarter-test}
read -r SANDBOX_WEB_PORT SANDBOX_RPC_PORT SANDBOX_LEGACY_PORT < <(/usr/bin/python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
export SANDBOX_WEB_PORT SANDBOX_RPC_PORT SANDBOX_LEGACY_PORT
SERVER_KIND=${SANDBOX_SERVER:-dotnet}
WEB=http://127.0.0.1:$SANDBOX_WEB_PORT
RPC=http://127.0.0.1:$SANDBOX_RPC_PORT
LEGACY=http://127.0.0.1:$SANDBOX_LEGACY_PORT
OK_JSON='{"success": true, "message": "success"}'
INVALID_JSON='{"success": false, "message": "invalid identifier"}'
DENIED='org\.freedesktop\.DBus\.Error\.(InteractiveAuthorizationRequired|AccessDenied)'
PROBE=/usr/local/lib/restarter-sandbox/probe.py
ARTIFACTS=$REPO/artifacts/sandbox
mkdir -p "$ARTIFACTS"

cleanup() { "$SB" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

LEADER=""
in_ct() { nsenter --target "$LEADER" --all -- "$@"; }
stamp() { in_ct systemctl show -p MainPID --value -p ExecMainStartTimestampMonotonic "$1" | tr '\n' ' '; }
wait_moved() {  # wait_moved UNIT OLD-STAMP: 0 once the unit runs with a new main process
    local i new
    for i in $(seq 1 50); do
        new=$(stamp "$1")
        [ "$new" != "$2" ] && [ "$(in_ct systemctl is-active "$1")" = active ] && return 0
        sleep 0.1
    done
    return 1
}
post() { curl -s -m 15 -H 'Accept: */*' --data-urlencode "service_id=$2" "$1/restart"; }
demo_stamps() { local u; for u in example@0001 example@1234 example@4242 other@1234; do printf '%s=[%s] ' "$u" "$(stamp "$u.service")"; done; }
example_units() { in_ct systemctl list-units --all --plain --no-legend 'example@*' | awk '{print $1}' | sort | tr '\n' ' '; }

# ---------------------------------------------------------------- without a container
out=$(node "$REPO/polkit/test/rule-matrix.mjs" 2>&1); rc=$?
check "polkit rule matrix (node, fake polkit)" "$(tail -1 <<< "$out")" '[ $rc = 0 ]'

if [ -n "${SANDBOX_PUBLISHED:-}" ]; then
    PUB=$SANDBOX_PUBLISHED
    pass "publish" "reusing $PUB"
else
    PUB=$REPO/artifacts/publish
    t=$EPOCHREALTIME
    if "$REPO/systemd/install.sh" --publish-only --publish-dir "$PUB" > "$ARTIFACTS/publish.log" 2>&1; then
        pass "publish (server NativeAOT, web self-contained)" "$(since "$t")s, $(du -sh "$PUB/server" | cut -f1) + $(du -sh "$PUB/web" | cut -f1)"
    else
        fail "publish" "$(grep -m3 -E 'error|ERROR' "$ARTIFACTS/publish.log" | tr '\n' ' ')"
        finish
    fi
fi
export SANDBOX_PUBLISHED=$PUB

# install into a scratch tree, reinstall, uninstall: the installer reverses cleanly and keeps the credential
scratch=$(mktemp -d /tmp/restarter-install-XXXXXX); mkdir -p "$scratch/etc"
{
    "$REPO/systemd/install.sh" --root "$scratch" --prebuilt "$PUB" --demo --rpc-listen 127.0.0.1:18081 &&
    cred1=$(cat "$scratch/etc/restarter/rpc.credential") &&
    "$REPO/systemd/install.sh" --root "$scratch" --prebuilt "$PUB" --demo --rpc-listen 127.0.0.1:18081 &&
    cred2=$(cat "$scratch/etc/restarter/rpc.credential")
} > "$ARTIFACTS/install-roundtrip.log" 2>&1; rc=$?
installed=$(cd "$scratch" && ls opt/restarter/server/Restarter.Server opt/restarter/web/Restarter.Web \
    etc/polkit-1/rules.d/50-restarter.rules etc/sysusers.d/restarter.conf etc/restarter/rpc.credential \
    etc/systemd/system/sockets.target.wants/restarter-server.socket etc/systemd/system/sockets.target.wants/restarter-web.socket \
    etc/systemd/system/multi-user.target.wants/example@1234.service 2>&1 | wc -l)
mode=$(stat -c '%a %U' "$scratch/etc/restarter/rpc.credential" 2>&1)
check "install.sh --root: files, enablement, credential 0600" "$installed/8 paths, credential $mode" \
    '[ $rc = 0 ] && [ "$installed" = 8 ] && [ "$mode" = "600 root" ]'
check "install.sh: reinstall keeps the credential" "$(grep -c . <<< "${cred1:-}") credential" '[ "${cred1:-x}" = "${cred2:-y}" ]'
dropin=$(cat "$scratch/etc/systemd/system/restarter-web.service.d/50-listen.conf" 2>&1 | grep RPC_SERVER)
check "install.sh --rpc-listen: socket and web app follow" "$dropin" '[ "$dropin" = "Environment=RPC_SERVER=http://127.0.0.1:18081" ]'
"$REPO/systemd/uninstall.sh" --root "$scratch" >> "$ARTIFACTS/install-roundtrip.log" 2>&1; rc=$?
left=$(cd "$scratch" && find . -type f ! -regex '\./etc/\(passwd\|group\|shadow\|gshadow\|\.pwd\.lock\)-?' | sort | tr '\n' ' ')
check "uninstall.sh --root: nothing left but the user" "rc=$rc, files left: ${left:-none}" '[ $rc = 0 ] && [ -z "$left" ]'
rm -rf "$scratch"

# ---------------------------------------------------------------- boot
t=$EPOCHREALTIME
if "$SB" up > "$ARTIFACTS/up.log" 2>&1; then
    pass "sandbox up (fresh overlay, install.sh --root, boot)" "$(since "$t")s; $(grep -o 'up: .*' "$ARTIFACTS/up.log")"
else
    fail "sandbox up" "$(tail -5 "$ARTIFACTS/up.log" | tr '\n' ' ')"; finish
fi

LEADER=$("$SB" leader)
r=$(in_ct systemctl is-active dbus.service polkit.service example@0001.service example@1234.service \
    example@4242.service other@1234.service restarter-server.socket restarter-web.socket legacy-client.socket | sort | uniq -c | xargs)
check "bus, polkitd, demo units, sockets active" "$r" '[ "$r" = "9 active" ]'
r=$(in_ct sha256sum /etc/polkit-1/rules.d/50-restarter.rules | cut -c1-16)
check "polkit rule installed as in the repository" "sha256 $r" '[ "$r" = "$(sha256sum < "$REPO/polkit/50-restarter.rules" | cut -c1-16)" ]'
r=$(in_ct grep '^restarter:' /etc/passwd | cut -d: -f3)
check "restarter is a static system user" "uid ${r:-none} in /etc/passwd" '[ -n "$r" ] && [ "${r:-1000}" -lt 1000 ]'
r=$(in_ct stat -c '%a %U' /etc/restarter/rpc.credential)
check "credential /etc/restarter/rpc.credential 0600 root" "$r" '[ "$r" = "600 root" ]'
CRED=$(in_ct cat /etc/restarter/rpc.credential)

# ---------------------------------------------------------------- the seed's client, unchanged, through our server
r=$(curl -s -m 10 "$LEGACY/")
check "seed client GET / serves its form" "$(grep -c 'name="service_id"' <<< "$r") service_id field" 'grep -q "name=\"service_id\"" <<< "$r"'
before=$(stamp example@1234.service)
r=$(post "$LEGACY" 1234)
wait_moved example@1234.service "$before"; moved=$?
check "seed client restarts example@1234 via our server" "$r; MainPID [$before] -> [$(stamp example@1234.service)]" \
    '[ "$r" = "$OK_JSON" ] && [ $moved = 0 ]'

pid=$(in_ct systemctl show -p MainPID --value restarter-server.service)
r=$(in_ct sh -c 'p=$1; printf "exe=%s user=%s mdwe=%s wx_mappings=%s" "$(readlink /proc/$p/exe)" \
    "$(stat -c %U /proc/$p)" "$(systemctl show -p MemoryDenyWriteExecute --value restarter-server.service)" \
    "$(grep -c " rwxp " /proc/$p/maps)"' sh "$pid")
if [ "$SERVER_KIND" = dotnet ]; then
    check "server: NativeAOT as restarter under MemoryDenyWriteExecute" "pid $pid $r" \
        '[ "$r" = "exe=/opt/restarter/server/Restarter.Server user=restarter mdwe=yes wx_mappings=0" ]'
else
    echo "     (legacy server: $r)"
fi

stamps=$(demo_stamps); units=$(example_units); bad=0; details=""
for id in 12345 123 abcd '1234'$'\n' $'\n''1234' '١٢٣٤' '１２３４' '' '12 4' 'example@1234' '-123' '1234.0' '+123' \
          '0x12' '1234/../../other@1234'; do
    r=$(post "$LEGACY" "$id")
    [ "$r" = "$INVALID_JSON" ] || { bad=$((bad + 1)); details+="[$(printf %q "$id") -> $r] "; }
done
sleep 0.3
check "seed client: 15 invalid ids answered 'invalid identifier'" "${details:-all 15}" '[ $bad = 0 ]'
check "invalid ids restarted and started nothing" "units: $units" '[ "$(demo_stamps)" = "$stamps" ] && [ "$(example_units)" = "$units" ]'

r=$(post "$LEGACY" 9999); sleep 0.3
st=$(in_ct systemctl is-active example@9999.service)
check "id 9999 (no such instance) starts nothing" "$r; example@9999: $st" 'grep -q "\"success\": false" <<< "$r" && [ "$st" != active ]'

# ---------------------------------------------------------------- the XML-RPC server directly
xmlrpc() {  # xmlrpc URL ID -> the answer as Python prints it, or the ProtocolError
    /usr/bin/python3 -c 'import sys, xmlrpc.client
try: print(xmlrpc.client.ServerProxy(sys.argv[1]).restart_unit(sys.argv[2]))
except xmlrpc.client.ProtocolError as e: print(f"HTTP {e.errcode} {e.errmsg}")
except Exception as e: print(f"{type(e).__name__}: {e}")' "$1" "$2"
}
before=$(stamp example@4242.service)
r=$(xmlrpc "http://$CRED@127.0.0.1:$SANDBOX_RPC_PORT" 4242)
wait_moved example@4242.service "$before"; moved=$?
check "XML-RPC with the credential restarts example@4242" "$r" '[ "$r" = "{'"'"'success'"'"': True, '"'"'message'"'"': '"'"'success'"'"'}" ] && [ $moved = 0 ]'
before=$(stamp example@4242.service)
r1=$(xmlrpc "$RPC" 4242); r2=$(xmlrpc "http://restarter:wrong@127.0.0.1:$SANDBOX_RPC_PORT" 4242); sleep 0.3
check "XML-RPC without / with a wrong credential: 401" "$r1 | $r2" \
    '[[ $r1 == "HTTP 401"* ]] && [[ $r2 == "HTTP 401"* ]] && [ "$(stamp example@4242.service)" = "$before" ]'

# ---------------------------------------------------------------- polkit with our server bypassed (D-Bus directly)
as_user() { local u=$1; shift; in_ct systemd-run --quiet --wait --pipe --collect -p User="$u" "$@"; }
before=$(stamp example@0001.service)
r=$(as_user restarter -p DynamicUser=yes /usr/bin/python3 $PROBE RestartUnit:example@0001.service)
wait_moved example@0001.service "$before"; moved=$?
check "D-Bus as restarter: RestartUnit example@0001 allowed" "$r" '[[ $r == *" OK /org/freedesktop/systemd1/job/"* ]] && [ $moved = 0 ]'
stamps=$(demo_stamps); units=$(example_units)
refuse() {  # refuse USER [systemd-run options] -- METHOD:UNIT...
    local user=$1 opts=() line n=0 bad=""; shift
    while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
    while IFS= read -r line; do
        n=$((n + 1))
        [[ $line =~ \ ERR\ $DENIED\  ]] || bad+="[$line] "
    done < <(as_user "$user" "${opts[@]}" /usr/bin/python3 $PROBE "$@")
    check "D-Bus as $user: refused ($*)" "${bad:-$n/$# calls refused}" "[ -z \"\$bad\" ] && [ \$n = $# ]"
}
refuse restarter -- RestartUnit:other@1234.service
refuse restarter -- StopUnit:example@1234.service
refuse restarter -p DynamicUser=yes -- StartUnit:example@5555.service TryRestartUnit:example@1234.service \
    ReloadOrRestartUnit:example@1234.service KillUnit:example@1234.service RestartUnit:example@12345.service
refuse intruder -- RestartUnit:example@1234.service StopUnit:example@1234.service
refuse nobody -- RestartUnit:example@1234.service
sleep 0.3
check "refused calls changed nothing" "units: $(example_units)" '[ "$(demo_stamps)" = "$stamps" ] && [ "$(example_units)" = "$units" ]'

# ---------------------------------------------------------------- our web app
if [ -n "${SANDBOX_SKIP_WEB:-}" ]; then
    echo "     (web app checks left out: SANDBOX_SKIP_WEB is set)"
else
    r=$(curl -s -m 15 -o /dev/null -w '%{http_code}' "$WEB/"); body=$(curl -s -m 15 "$WEB/")
    check "web GET / serves the service_id form" "HTTP $r" '[ "$r" = 200 ] && [[ $body == *'"'"'name="service_id"'"'"'* ]]'
    before=$(stamp example@1234.service)
    r=$(post "$WEB" 1234)
    wait_moved example@1234.service "$before"; moved=$?
    check "web (script, Accept */*) restarts example@1234" "$r" '[ "$r" = "$OK_JSON" ] && [ $moved = 0 ]'
    before=$(stamp example@1234.service)
    r=$(post "$WEB" '1234'$'\n'); sleep 0.3
    check "web: '1234\\n' is invalid, nothing restarted" "$r" '[ "$r" = "$INVALID_JSON" ] && [ "$(stamp example@1234.service)" = "$before" ]'
    before=$(stamp example@0001.service)
    r=$(node "$HERE/browser-restart.mjs" "$WEB/" 0001 "$ARTIFACTS/web-restart.png" 2>&1)
    wait_moved example@0001.service "$before"; moved=$?
    check "web in headless Chromium restarts example@0001" "$(cut -c1-160 <<< "$r")" '[[ $r == *'"'"'"status":200'"'"'* ]] && [ $moved = 0 ]'
    pid=$(in_ct systemctl show -p MainPID --value restarter-web.service)
    r=$(in_ct sh -c 'printf "exe=%s user=%s" "$(readlink /proc/$1/exe)" "$(stat -c %U /proc/$1)"' sh "$pid")
    check "web app runs as its dynamic user" "pid $pid $r" '[ "$r" = "exe=/opt/restarter/web/Restarter.Web user=restarter-web" ]'
fi

# ---------------------------------------------------------------- the units themselves
connect() {  # connect [systemd-run -p options] -> "connected" or the error, dialling the RPC port from a transient unit
    in_ct systemd-run --quiet --wait --pipe --collect "$@" /usr/bin/python3 -c 'import socket, sys
try: socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1); print("connected")
except OSError as e: print(type(e).__name__)' "$SANDBOX_RPC_PORT" 2>&1
}
r1=$(connect -p IPAddressDeny=any); r2=$(connect -p IPAddressDeny=any -p IPAddressAllow=localhost)
check "IPAddressDeny= is enforced (web unit: localhost only)" "deny any: $r1; allow localhost: $r2" \
    '[ "$r1" != connected ] && [ "$r2" = connected ]'
r=$(in_ct systemd-analyze verify /etc/systemd/system/restarter-server.socket /etc/systemd/system/restarter-server.service \
    /etc/systemd/system/restarter-web.socket /etc/systemd/system/restarter-web.service /etc/systemd/system/example@.service 2>&1); rc=$?
check "systemd-analyze verify: clean" "rc=$rc ${r:-no output}" '[ $rc = 0 ] && [ -z "$r" ]'
score() { in_ct systemd-analyze security --no-pager "$1" | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN{exit !(a != "" && a+0 <= b+0)}'; }
seed="seed's server.service $(score seed-server.service), client.service $(score seed-client.service)"
r=$(score restarter-server.service); check "exposure restarter-server.service <= 1.0" "$r (the $seed)" 'le "$r" 1.0'
r=$(score restarter-web.service); check "exposure restarter-web.service <= 2.0" "$r" 'le "$r" 2.0'
services=(restarter-server.service); [ -n "${SANDBOX_SKIP_WEB:-}" ] || services+=(restarter-web.service)
r=$(in_ct systemctl show -p ActiveState -p SubState -p NRestarts -p Result "${services[@]}" | sort -u | xargs)
check "services ready (Type=notify), none crashed or restarted" "$r" \
    '[ "$r" = "ActiveState=active NRestarts=0 Result=success SubState=running" ]'

# ---------------------------------------------------------------- install.sh / uninstall.sh on a live systemd
# (the container's): reinstall over the running stack, then remove it
root=/proc/$LEADER/root
rm -rf "$root/srv/restarter-src"; mkdir -p "$root/srv/restarter-src/artifacts"
cp -r "$REPO/systemd" "$REPO/polkit" "$root/srv/restarter-src/"
cp -rL "$PUB" "$root/srv/restarter-src/artifacts/publish"
cred_before=$(in_ct cat /etc/restarter/rpc.credential)
in_ct /srv/restarter-src/systemd/install.sh --prebuilt /srv/restarter-src/artifacts/publish --demo \
    --rpc-listen "127.0.0.1:$SANDBOX_RPC_PORT" --web-listen "127.0.0.1:$SANDBOX_WEB_PORT" > "$ARTIFACTS/live-install.log" 2>&1; rc=$?
before=$(stamp example@1234.service)
r=$(post "$LEGACY" 1234)
wait_moved example@1234.service "$before"; moved=$?
check "live reinstall: stack still restarts, credential kept" "rc=$rc $r" \
    '[ $rc = 0 ] && [ "$r" = "$OK_JSON" ] && [ $moved = 0 ] && [ "$(in_ct cat /etc/restarter/rpc.credential)" = "$cred_before" ]'
in_ct journalctl -b --no-pager > "$ARTIFACTS/journal.log" 2>&1 || true
in_ct /srv/restarter-src/systemd/uninstall.sh > "$ARTIFACTS/live-uninstall.log" 2>&1; rc=$?
left=$(in_ct sh -c 'ls -d /opt/restarter /etc/restarter /etc/polkit-1/rules.d/50-restarter.rules /etc/systemd/system/restarter-* \
    /etc/sysusers.d/restarter.conf /etc/systemd/system/example@.service 2>/dev/null; systemctl list-units --plain --no-legend "restarter-*" "example@*"' | xargs)
r=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$RPC/" || true)
check "live uninstall: units stopped, files gone, port closed" "rc=$rc left: ${left:-nothing}; RPC port: $r" \
    '[ $rc = 0 ] && [ -z "$left" ] && [ "$r" = 000 ]'

# ---------------------------------------------------------------- teardown
t=$EPOCHREALTIME
"$SB" down > "$ARTIFACTS/down.log" 2>&1
left=$( { pgrep -f "systemd-nspawn .*--machine=$SANDBOX_MACHINE " || true; ls -d /sys/fs/cgroup/*/restarter-sandbox-"$SANDBOX_MACHINE" 2>/dev/null || true;
          grep "/restarter-sandbox/run/$SANDBOX_MACHINE" /proc/self/mounts || true; } | xargs)
check "down leaves no container, cgroup or mount" "$(since "$t")s ${left}" '[ -z "$left" ]'
finish
