#!/usr/bin/env bash
# install.sh — publish Restarter and install it onto a systemd host (or into the tree of one, with --root).
#
#   sudo systemd/install.sh [options]
#
#   --root DIR            install into DIR (an offline system tree, e.g. a container's); nothing is started
#   --prebuilt DIR        take DIR/server and DIR/web as already published (skip dotnet publish)
#   --publish-dir DIR     where to publish (default: artifacts/publish in the repository)
#   --publish-only        publish and stop
#   --rpc-listen ADDR:PORT  where restarter-server.socket listens (default 127.0.0.1:8081); the web app follows
#   --web-listen ADDR:PORT  where restarter-web.socket listens (default 127.0.0.1:8080)
#   --users-file FILE     turn the web app's login on: FILE (the JSON users file that `Restarter.Web adduser` writes)
#                         is installed as /etc/restarter/web-users.json and handed to the web app as a credential
#   --demo                also install example@.service and enable example@0001, example@1234, example@4242
#   --no-enable           install the files but enable (and start) nothing
#
# What goes where:
#   /opt/restarter/server/Restarter.Server       the XML-RPC server, NativeAOT (one native binary)
#   /opt/restarter/web/                          the web app, self-contained .NET (no runtime needed on the host)
#   /etc/systemd/system/restarter-{server,web}.{socket,service} (+ .d/50-listen.conf for non-default addresses)
#   /etc/polkit-1/rules.d/50-restarter.rules     lets user "restarter" restart example@NNNN.service, nothing else
#   /etc/sysusers.d/restarter.conf               the static system user "restarter"
#   /etc/restarter/rpc.credential                "user:password" for HTTP Basic auth between web app and server
#                                                (0600 root; generated once, kept on reinstall; systemd hands it
#                                                to both services with LoadCredential=restarter-rpc)
# On a live systemd host the sockets are enabled and started, and running services are restarted on the new
# binaries. systemd/uninstall.sh reverses all of it.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
ROOT=""
PREBUILT=""
PUBLISH_DIR=$REPO/artifacts/publish
PUBLISH_ONLY=""
RPC_LISTEN=127.0.0.1:8081
WEB_LISTEN=127.0.0.1:8080
DEMO=""
ENABLE=1
USERS_FILE=""

say() { printf 'install: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
usage() { awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
    case $1 in
        --root) ROOT=${2%/}; shift 2 ;;
        --prebuilt) PREBUILT=$2; shift 2 ;;
        --publish-dir) PUBLISH_DIR=$2; shift 2 ;;
        --publish-only) PUBLISH_ONLY=1; shift ;;
        --rpc-listen) RPC_LISTEN=$2; shift 2 ;;
        --web-listen) WEB_LISTEN=$2; shift 2 ;;
        --demo) DEMO=1; shift ;;
        --users-file) USERS_FILE=$2; shift 2 ;;
        --no-enable) ENABLE=""; shift ;;
        -h|--help) usage 0 ;;
        *) say "unknown option: $1"; usage 2 ;;
    esac
done
valid_listen() { [[ $1 =~ ^([0-9.]+|\[[0-9a-fA-F:]+\]):[0-9]{1,5}$ ]]; }
valid_listen "$RPC_LISTEN" || die "--rpc-listen wants ADDR:PORT, e.g. 127.0.0.1:8081 (got '$RPC_LISTEN')"
valid_listen "$WEB_LISTEN" || die "--web-listen wants ADDR:PORT, e.g. 127.0.0.1:8080 (got '$WEB_LISTEN')"
[ -z "$USERS_FILE" ] || [ -s "$USERS_FILE" ] || die "--users-file $USERS_FILE: no such (non-empty) file"

rid() {
    case $(uname -m) in
        x86_64) echo linux-x64 ;;
        aarch64) echo linux-arm64 ;;
        *) die "unsupported architecture $(uname -m)" ;;
    esac
}

publish() {
    command -v dotnet >/dev/null || die "dotnet (the .NET 10 SDK) is needed to publish; or pass --prebuilt DIR"
    local r; r=$(rid)
    # PublishAot=true is in the project file (on the command line it would reach the analyzer project too).
    # NativeAOT needs clang and zlib1g-dev (apt-get install -y --no-install-recommends clang zlib1g-dev).
    say "publishing the server (NativeAOT, $r) -> $PUBLISH_DIR/server"
    dotnet publish "$REPO/src/Restarter.Server" -c Release -r "$r" \
        -o "$PUBLISH_DIR/server" --nologo -v quiet
    # Self-contained: the host needs no .NET runtime, and the app does not break when the host's runtime is
    # upgraded or removed. ReadyToRun: less JIT work at start-up.
    say "publishing the web app (self-contained, ReadyToRun, $r) -> $PUBLISH_DIR/web"
    dotnet publish "$REPO/src/Restarter.Web" -c Release -r "$r" --self-contained true -p:PublishReadyToRun=true \
        -o "$PUBLISH_DIR/web" --nologo -v quiet
}

if [ -n "$PREBUILT" ]; then
    PUBLISH_DIR=$PREBUILT
else
    publish
fi
[ -n "$PUBLISH_ONLY" ] && exit 0
[ "$(id -u)" = 0 ] || die "must run as root (it installs system files)"
[ -x "$PUBLISH_DIR/server/Restarter.Server" ] || die "no server binary at $PUBLISH_DIR/server/Restarter.Server"
[ -x "$PUBLISH_DIR/web/Restarter.Web" ] || die "no web app at $PUBLISH_DIR/web/Restarter.Web"
if [ -n "$ROOT" ]; then [ -d "$ROOT/etc" ] || die "--root $ROOT does not look like a system tree (no etc/)"; fi

LIVE=""
[ -z "$ROOT" ] && [ -d /run/systemd/system ] && LIVE=1
UNITS=$ROOT/etc/systemd/system

say "installing into ${ROOT:-/}"
# binaries: root-owned and read-only for the services
install -d -m 0755 "$ROOT/opt/restarter"
for part in server web; do
    rm -rf "$ROOT/opt/restarter/$part.new"
    mkdir "$ROOT/opt/restarter/$part.new"
    cp -r "$PUBLISH_DIR/$part/." "$ROOT/opt/restarter/$part.new/"
    find "$ROOT/opt/restarter/$part.new" -name '*.dbg' -delete
    chown -R 0:0 "$ROOT/opt/restarter/$part.new"
    chmod -R u=rwX,go=rX "$ROOT/opt/restarter/$part.new"
    rm -rf "$ROOT/opt/restarter/$part"
    mv "$ROOT/opt/restarter/$part.new" "$ROOT/opt/restarter/$part"
done
install -m 0644 "$HERE/README.md" "$ROOT/opt/restarter/README.md"

# units
install -d -m 0755 "$UNITS"
for unit in restarter-server.socket restarter-server.service restarter-web.socket restarter-web.service; do
    install -m 0644 "$HERE/$unit" "$UNITS/$unit"
done
listen_dropin() {  # listen_dropin UNIT CONTENT|"" : write or remove UNIT.d/50-listen.conf
    local d=$UNITS/$1.d
    if [ -n "$2" ]; then
        install -d -m 0755 "$d"
        printf '# written by install.sh\n%s\n' "$2" > "$d/50-listen.conf"
        chmod 0644 "$d/50-listen.conf"
    else
        rm -f "$d/50-listen.conf"; rmdir "$d" 2>/dev/null || true
    fi
}
if [ "$RPC_LISTEN" != 127.0.0.1:8081 ]; then
    listen_dropin restarter-server.socket "$(printf '[Socket]\nListenStream=\nListenStream=%s' "$RPC_LISTEN")"
    listen_dropin restarter-web.service "$(printf '[Service]\nEnvironment=RPC_SERVER=http://%s' "$RPC_LISTEN")"
else
    listen_dropin restarter-server.socket ""; listen_dropin restarter-web.service ""
fi
if [ -n "$USERS_FILE" ]; then
    install -d -m 0755 "$UNITS/restarter-web.service.d"
    # %d is the service's $CREDENTIALS_DIRECTORY: the web app (a dynamic user) reads its private copy
    printf '# written by install.sh --users-file\n[Service]\nLoadCredential=web-users:/etc/restarter/web-users.json\nEnvironment=Restarter__UsersFile=%%d/web-users\n' \
        > "$UNITS/restarter-web.service.d/50-users.conf"
    chmod 0644 "$UNITS/restarter-web.service.d/50-users.conf"
fi
if [ "$WEB_LISTEN" != 127.0.0.1:8080 ]; then
    listen_dropin restarter-web.socket "$(printf '[Socket]\nListenStream=\nListenStream=%s' "$WEB_LISTEN")"
else
    listen_dropin restarter-web.socket ""
fi
if [ -n "$DEMO" ]; then install -m 0644 "$HERE/example@.service" "$UNITS/example@.service"; fi

# polkit rule: keep the directory's owner and mode if polkitd created it (Debian: root:polkitd 0700)
[ -d "$ROOT/etc/polkit-1/rules.d" ] || install -d -m 0755 "$ROOT/etc/polkit-1/rules.d"
# polkitd reloads every rule on any change in the directory: replace the file atomically (a name that does not end
# in .rules is ignored, then a rename), and not at all when unchanged, or a restart racing the reload is refused.
rule=$ROOT/etc/polkit-1/rules.d/50-restarter.rules
if ! cmp -s "$REPO/polkit/50-restarter.rules" "$rule"; then
    install -m 0644 "$REPO/polkit/50-restarter.rules" "$rule.new"
    mv -f "$rule.new" "$rule"
fi

# the static user
install -d -m 0755 "$ROOT/etc/sysusers.d"
install -m 0644 "$HERE/sysusers.d/restarter.conf" "$ROOT/etc/sysusers.d/restarter.conf"
if [ -n "$ROOT" ]; then
    systemd-sysusers --root="$ROOT" >/dev/null
else
    systemd-sysusers /etc/sysusers.d/restarter.conf
fi

# the shared Basic-auth credential: generated once, kept across reinstalls so running clients keep working
install -d -m 0700 -o 0 -g 0 "$ROOT/etc/restarter"
if [ ! -s "$ROOT/etc/restarter/rpc.credential" ]; then
    (umask 077; printf 'restarter:%s' "$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')" \
        > "$ROOT/etc/restarter/rpc.credential")
    say "generated /etc/restarter/rpc.credential"
fi
chown 0:0 "$ROOT/etc/restarter/rpc.credential"; chmod 0600 "$ROOT/etc/restarter/rpc.credential"
if [ -n "$USERS_FILE" ]; then install -m 0600 -o 0 -g 0 "$USERS_FILE" "$ROOT/etc/restarter/web-users.json"; fi

[ -n "$ENABLE" ] || { say "done (nothing enabled: --no-enable)"; exit 0; }
DEMO_UNITS=(example@0001.service example@1234.service example@4242.service)
if [ -n "$LIVE" ]; then
    systemctl daemon-reload
    # A running service keeps the old binary, and a socket cannot be restarted under a running service: stop the
    # services (the next connection starts them again, on the new binaries) and restart the sockets.
    systemctl stop restarter-server.service restarter-web.service
    systemctl enable --quiet restarter-server.socket restarter-web.socket
    systemctl restart restarter-server.socket restarter-web.socket
    if [ -n "$DEMO" ]; then
        systemctl enable --quiet --now "${DEMO_UNITS[@]}"
    fi
    say "done: web on http://$WEB_LISTEN/, XML-RPC on http://$RPC_LISTEN/ (Basic auth, /etc/restarter/rpc.credential)"
else
    systemctl --root="${ROOT:-/}" --quiet enable restarter-server.socket restarter-web.socket
    if [ -n "$DEMO" ]; then
        systemctl --root="${ROOT:-/}" --quiet enable "${DEMO_UNITS[@]}" 2>/dev/null
    fi
    say "done: enabled in ${ROOT:-/} (no systemd running there: they start at its next boot)"
fi
