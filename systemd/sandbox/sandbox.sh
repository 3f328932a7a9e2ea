#!/usr/bin/env bash
# sandbox.sh — the whole Restarter stack on a REAL systemd 252 (PID 1 of a systemd-nspawn container), with a real
# D-Bus system bus and a real polkitd, on a host whose own PID 1 need not be systemd. Needs root.
#
#   sandbox.sh up        build the cached rootfs (first time only), publish + install Restarter into a fresh
#                        overlay with systemd/install.sh --root, boot it, print where the page is
#   sandbox.sh down      stop the container, remove its overlay, mounts and cgroups (idempotent)
#   sandbox.sh status    container state and the Restarter / example units
#   sandbox.sh exec CMD...           run CMD inside the container as root (all namespaces)
#   sandbox.sh run-as USER CMD...    run CMD inside as a transient service User=USER (stdio piped)
#   sandbox.sh logs [UNIT...]        journal of the container (default: the Restarter units)
#   sandbox.sh leader    host PID of the container's PID 1 (for nsenter --target PID --all)
#   sandbox.sh setup     only build the cached rootfs
#   sandbox.sh purge     down + delete the cached rootfs
#
# The container shares the host's network: the web app is on http://127.0.0.1:8080 and the XML-RPC server on
# http://127.0.0.1:8081 of the host (see SANDBOX_WEB_PORT / SANDBOX_RPC_PORT).
#
# Environment:
#   SANDBOX_STATE      cache and per-run state (default /var/tmp/restarter-sandbox)
#   SANDBOX_MACHINE    container name (default restarter); test.sh uses its own
#   SANDBOX_WEB_PORT   loopback port of restarter-web.socket (default 8080)
#   SANDBOX_RPC_PORT   loopback port of restarter-server.socket (default 8081)
#   SANDBOX_LEGACY_PORT  loopback port of the seed's unchanged Bottle client (default 8090; 0 = not installed)
#   SANDBOX_PUBLISHED  a folder with server/ and web/ already published (skips dotnet publish)
#   SANDBOX_SERVER     dotnet (default) | legacy: run the seed's Python XML-RPC server in restarter-server.service
#                      instead of ours (a drop-in; to compare the two designs)
#   SANDBOX_MIRROR     Debian mirror for debootstrap (default: the host's apt sources)
#   SANDBOX_BOOT_TIMEOUT  seconds (default 90)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
STATE=${SANDBOX_STATE:-/var/tmp/restarter-sandbox}
MACHINE=${SANDBOX_MACHINE:-restarter}
WEB_PORT=${SANDBOX_WEB_PORT:-8080}
RPC_PORT=${SANDBOX_RPC_PORT:-8081}
LEGACY_PORT=${SANDBOX_LEGACY_PORT:-8090}
SERVER_KIND=${SANDBOX_SERVER:-dotnet}
BOOT_TIMEOUT=${SANDBOX_BOOT_TIMEOUT:-90}
MIRROR=${SANDBOX_MIRROR:-$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)}
[ -n "$MIRROR" ] || MIRROR=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian
SUITE=bookworm
# libpam-systemd must be named: polkitd depends on "default-logind | logind", which debootstrap does not resolve.
# python3-bottle/-waitress: the seed's Bottle client; python3-dbus: the D-Bus probe (and the seed's server);
# libicu72 libssl3 zlib1g libstdc++6: what a self-contained .NET app loads.
PACKAGES=systemd,systemd-sysv,dbus,libpam-systemd,libnss-systemd,polkitd,python3,python3-dbus,python3-bottle,python3-waitress,procps,libicu72,libssl3,zlib1g,libstdc++6,ca-certificates
KEY=$(printf '%s %s v1' "$SUITE" "$PACKAGES" | sha256sum | cut -c1-12)
ROOTFS=$STATE/rootfs-$SUITE-$KEY
RUN=$STATE/run/$MACHINE
CG=restarter-sandbox-$MACHINE   # our own cgroup in every hierarchy, so nspawn never writes at the host's root

log() { printf '[sandbox %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
since() { awk -v a="$1" -v b="${EPOCHREALTIME}" 'BEGIN{printf "%.1f", b-a}'; }

[ "$(id -u)" = 0 ] || die "must run as root (it boots a container)"
case ${1:-} in
    exec|run-as|leader|status) ;;   # their exit status is the answer, not an error of this script
    up) trap 'rc=$?; if [ $rc != 0 ]; then log "up failed (exit $rc): tearing the half-booted sandbox down"; cmd_down quiet; fi' EXIT
        trap 'exit 130' INT TERM ;;
    *) trap 'rc=$?; [ $rc = 0 ] || log "failed (exit $rc) at line $LINENO: $BASH_COMMAND"' EXIT ;;
esac

cgroup_hierarchies() {
    if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then echo /sys/fs/cgroup; return; fi
    [ -d /sys/fs/cgroup/systemd ] && echo /sys/fs/cgroup/systemd
    [ -d /sys/fs/cgroup/unified ] && echo /sys/fs/cgroup/unified
    return 0
}

ensure_host_tools() {
    local missing=()
    command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
    command -v debootstrap >/dev/null || [ -f "$ROOTFS/.ready" ] || missing+=(debootstrap)
    [ ${#missing[@]} -eq 0 ] && return
    log "installing host packages: ${missing[*]}"
    # --no-install-recommends: systemd-container recommends libnss-mymachines, which edits /etc/nsswitch.conf
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

cmd_setup() {
    ensure_host_tools
    if [ -f "$ROOTFS/.ready" ]; then return 0; fi
    local t0=$EPOCHREALTIME r=$ROOTFS.tmp
    mkdir -p "$STATE/debs"
    rm -rf "$r"
    log "debootstrap $SUITE from $MIRROR -> $ROOTFS (first time only, about a minute)"
    if ! debootstrap --variant=minbase --cache-dir="$STATE/debs" --include="$PACKAGES" \
            "$SUITE" "$r" "$MIRROR" > "$STATE/debootstrap.log" 2>&1; then
        tail -20 "$STATE/debootstrap.log" >&2
        die "debootstrap failed (log: $STATE/debootstrap.log)"
    fi
    # units that only slow a container boot down or want a console
    systemctl --root="$r" --quiet mask console-getty.service getty@tty1.service e2scrub_reap.service \
        apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer fstrim.timer \
        systemd-pstore.service 2>/dev/null || true
    rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/*.deb
    touch "$r/.ready"
    mv "$r" "$ROOTFS"
    log "rootfs ready in $(since "$t0")s ($(du -sh "$ROOTFS" | cut -f1))"
}

nspawn_pid() {
    local pid
    [ -f "$RUN/nspawn.pid" ] || return 1
    pid=$(cat "$RUN/nspawn.pid")
    # guard against PID reuse: it must still be our systemd-nspawn for this machine
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "systemd-nspawn .*--machine=$MACHINE " || return 1
    echo "$pid"
}

leader_pid() {
    local np pid
    np=$(nspawn_pid) || return 1
    for pid in $(pgrep -P "$np" || true); do
        # the container's PID 1 lives in another PID namespace than nspawn itself
        if [ "$(readlink "/proc/$pid/ns/pid")" != "$(readlink "/proc/$np/ns/pid")" ]; then echo "$pid"; return 0; fi
    done
    return 1
}

in_ct() {
    local l
    l=$(leader_pid) || die "sandbox $MACHINE is not running (sandbox.sh up)"
    nsenter --target "$l" --all -- "$@"
}

run_as() {  # run_as USER [-p PROP=VALUE...] -- CMD...
    local user=$1; shift
    local props=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do props+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    in_ct systemd-run --quiet --wait --pipe --collect -p User="$user" "${props[@]}" -- "$@"
}

# Runs CMD with the overlay (cached rootfs + this run's upper dir) mounted at $RUN/merged, in a private mount
# namespace that disappears with CMD: nothing stays mounted on the host.
with_overlay() {
    # shellcheck disable=SC2016
    unshare --mount --propagation private -- /bin/sh -c '
        set -e
        mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$2/merged"
        shift 2
        exec "$@"' with-overlay "$ROOTFS" "$RUN" "$@"
}

publish() {  # prints the folder holding server/ and web/
    if [ -n "${SANDBOX_PUBLISHED:-}" ]; then echo "$SANDBOX_PUBLISHED"; return; fi
    command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is needed to publish Restarter; see the README"
    local missing=() p
    for p in clang zlib1g-dev; do   # what NativeAOT links with
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing host packages for NativeAOT: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
    fi
    local t0=$EPOCHREALTIME
    log "publishing Restarter (dotnet publish: server NativeAOT, web self-contained) -> $REPO/artifacts/publish"
    "$REPO/systemd/install.sh" --publish-only --publish-dir "$REPO/artifacts/publish" >&2 || die "publish failed"
    log "published in $(since "$t0")s"
    echo "$REPO/artifacts/publish"
}

populate() {  # populate PUBLISHED: install Restarter and the sandbox fixture into the fresh overlay
    local m=$RUN/merged
    local args=(--root "$m" --prebuilt "$1" --demo --rpc-listen "127.0.0.1:$RPC_PORT" --web-listen "127.0.0.1:$WEB_PORT")
    # hostname, test user, control template, D-Bus probe, the seed's client and (optionally) server
    with_overlay /bin/bash -c '
        set -euo pipefail
        m=$1 here=$2 machine=$3; shift 3
        cp -a "$here/fixture/." "$m/"
        echo "$machine" > "$m/etc/hostname"
        mkdir -p "$m/opt/legacy-client"
        cp "$here/legacy-client/client.py" "$m/opt/legacy-client/client.py"
        systemctl --root="$m" --quiet add-wants multi-user.target other@1234.service
        "$@"    # install.sh --root: also creates the users of every sysusers.d file, ours (intruder) included
        ' populate "$m" "$HERE" "$MACHINE" "$REPO/systemd/install.sh" "${args[@]}"
    if [ "$LEGACY_PORT" != 0 ]; then
        with_overlay /bin/bash -c '
            set -euo pipefail
            m=$1 port=$2 rpc=$3
            sed -e "s/@LEGACY_PORT@/$port/" "$m/usr/local/lib/restarter-sandbox/legacy-client.socket.in" \
                > "$m/etc/systemd/system/legacy-client.socket"
            sed -e "s/@RPC_PORT@/$rpc/" "$m/usr/local/lib/restarter-sandbox/legacy-client.service.in" \
                > "$m/etc/systemd/system/legacy-client.service"
            systemctl --root="$m" --quiet enable legacy-client.socket' populate-legacy "$m" "$LEGACY_PORT" "$RPC_PORT"
    fi
    case $SERVER_KIND in
        dotnet) ;;
        legacy) with_overlay /bin/sh -c '
                    mkdir -p "$1/etc/systemd/system/restarter-server.service.d"
                    cp "$1/usr/local/lib/restarter-sandbox/legacy-server.conf" "$1/etc/systemd/system/restarter-server.service.d/"' \
                    populate-server "$m" ;;
        *) die "SANDBOX_SERVER must be dotnet or legacy" ;;
    esac
}

cmd_up() {
    cmd_setup
    local published; published=$(publish)
    if nspawn_pid >/dev/null 2>&1; then log "sandbox $MACHINE already running: replacing it with a fresh one"; fi
    cmd_down quiet
    local port var
    for var in WEB_PORT RPC_PORT LEGACY_PORT; do   # the container shares the host's network
        port=${!var}
        [ "$port" = 0 ] && continue
        if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
            die "port $port is already in use on this host (ss -ltnp 'sport = :$port'); choose another with SANDBOX_$var=PORT"
        fi
    done
    local t0=$EPOCHREALTIME h cgprocs=()
    mkdir -p "$RUN/upper" "$RUN/work" "$RUN/merged"
    log "installing Restarter into a fresh overlay (systemd/install.sh --root)"
    populate "$published"
    local tinst; tinst=$(since "$t0")
    for h in $(cgroup_hierarchies); do mkdir -p "$h/$CG"; cgprocs+=("$h/$CG/cgroup.procs"); done
    local t1=$EPOCHREALTIME
    # --system-call-filter=bpf: nspawn's seccomp filter denies bpf() by default, and without it systemd silently
    # skips IPAddressDeny=/IPAddressAllow= inside (measured: a denied unit still connected).
    # Private mount namespace: a tmpfs on /run (nspawn insists /run/systemd/nspawn is a tmpfs; on some hosts /run
    # is on disk) and the overlay root; both vanish with nspawn. No host systemd to register with.
    # shellcheck disable=SC2016
    setsid unshare --mount --propagation private -- /bin/sh -c '
        set -e
        for f in '"${cgprocs[*]}"'; do echo $$ > "$f"; done
        mount -t tmpfs -o mode=0755,size=16m restarter-sandbox-run /run
        mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$2/merged"
        shift 2
        exec "$@"' sandbox-launch "$ROOTFS" "$RUN" \
        systemd-nspawn --quiet --directory="$RUN/merged" --boot --machine="$MACHINE" --hostname="$MACHINE" \
            --register=no --keep-unit --link-journal=no --system-call-filter=bpf --console=read-only --resolv-conf=off --timezone=off \
        < /dev/null > "$RUN/console.log" 2>&1 &
    echo $! > "$RUN/nspawn.pid"
    local state="" leader=""
    while :; do
        kill -0 "$(cat "$RUN/nspawn.pid")" 2>/dev/null || { tail -30 "$RUN/console.log" >&2; die "systemd-nspawn exited during boot"; }
        if leader=$(leader_pid 2>/dev/null); then
            state=$(nsenter --target "$leader" --all -- systemctl is-system-running 2>/dev/null || true)
            case $state in running|degraded) break ;; esac
        fi
        awk -v a="$t1" -v b="${EPOCHREALTIME}" -v t="$BOOT_TIMEOUT" 'BEGIN{exit !(b-a>t)}' &&
            { tail -30 "$RUN/console.log" >&2; die "boot did not finish in ${BOOT_TIMEOUT}s (state: ${state:-none})"; }
        sleep 0.1
    done
    # polkitd is D-Bus activated: start it now so the first restart does not pay for it
    in_ct systemctl start polkit.service
    log "sandbox $MACHINE up: $state (install ${tinst}s, boot $(since "$t1")s)"
    [ "$state" = degraded ] && { in_ct systemctl --failed --no-pager >&2 || true; }
    return 0
}

cmd_status() {
    if ! leader_pid >/dev/null 2>&1; then echo "$MACHINE: not running"; return 1; fi
    echo "$MACHINE: nspawn pid $(nspawn_pid), container PID 1 = host pid $(leader_pid), $(in_ct systemctl is-system-running || true)"
    in_ct systemctl list-units --no-pager --all 'restarter-*' 'legacy-client.*' 'example@*' 'other@*' 'polkit.service' 'dbus.service'
}

cmd_down() {
    local quiet=${1:-} pid leader i h
    if pid=$(nspawn_pid 2>/dev/null); then
        leader=$(leader_pid 2>/dev/null || true)
        [ -n "$quiet" ] || log "stopping $MACHINE (nspawn pid $pid)"
        kill -TERM "$pid"                         # nspawn asks the container's systemd to halt cleanly
        for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            log "clean halt timed out; forcing"
            kill -TERM "$pid" 2>/dev/null || true    # a second SIGTERM terminates at once
            sleep 2
            if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
            if [ -n "$leader" ]; then kill -KILL "$leader" 2>/dev/null || true; fi
        fi
        for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    for h in $(cgroup_hierarchies); do
        [ -d "$h/$CG" ] || continue
        for i in $(seq 1 50); do
            find "$h/$CG" -depth -type d -exec rmdir {} \; 2>/dev/null || true
            [ -d "$h/$CG" ] || break
            sleep 0.1
        done
        [ -d "$h/$CG" ] && log "WARNING: could not remove cgroup $h/$CG"
    done
    if [ -d "$RUN" ]; then
        if grep -q " $RUN/merged " /proc/self/mounts; then umount -l "$RUN/merged" || true; fi
        rm -rf "$RUN"
    fi
    [ -n "$quiet" ] || log "down: $MACHINE stopped, $RUN removed"
    return 0
}

cmd_purge() {
    cmd_down
    rm -rf "$STATE"/rootfs-* "$STATE/debs" "$STATE/debootstrap.log"
    rmdir "$STATE/run" "$STATE" 2>/dev/null || true
    log "purged $STATE"
}

print_where() {
    cat <<EOF

Restarter is running under a real systemd in the container "$MACHINE":
  web page        http://127.0.0.1:$WEB_PORT/
  XML-RPC server  http://127.0.0.1:$RPC_PORT/   (Basic auth: sudo $0 exec cat /etc/restarter/rpc.credential)
EOF
    [ "$LEGACY_PORT" != 0 ] && echo "  seed's client   http://127.0.0.1:$LEGACY_PORT/   (the unchanged Bottle app, through our server)"
    cat <<EOF
  running units   example@0001, example@1234, example@4242 (restartable), other@1234 (not)
  try it          curl -d service_id=1234 http://127.0.0.1:$WEB_PORT/restart
  look inside     sudo $0 status | logs | exec systemctl status example@1234.service
  stop it         sudo $0 down
EOF
}

case ${1:-help} in
    setup) cmd_setup ;;
    up) cmd_up; print_where ;;
    down) cmd_down ;;
    status) cmd_status ;;
    leader) leader_pid || die "sandbox $MACHINE is not running" ;;
    exec) shift; [ "${1:-}" = -- ] && shift; in_ct "$@" ;;
    run-as) shift; u=$1; shift; run_as "$u" "$@" ;;
    logs) shift; if [ $# -eq 0 ]; then set -- restarter-server.service restarter-web.service legacy-client.service; fi
          args=(); for u in "$@"; do args+=(-u "$u"); done
          in_ct journalctl --no-pager -b "${args[@]}" ;;
    purge) cmd_purge ;;
    -h|--help|help) awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0" ;;
    *) die "unknown command: $1 (try --help)" ;;
esac
