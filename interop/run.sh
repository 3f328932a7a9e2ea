#!/usr/bin/env bash
# Interop suite: six foreign XML-RPC stacks (Python stdlib, Perl XMLRPC::Lite, Ruby xmlrpc, PHP xmlrpc-epi, xmlrpc-c,
# Node npm xmlrpc) against our servers, and our XmlRpcClient against their servers. Needs the Debian packages of
# tests/scripts/setup.sh and the npm registry (interop/node). Prints "PASS name" / "FAIL name detail" per check,
# rewrites interop/README.md with the table, and ends with "N passed, M failed".
set -uo pipefail
export TZ=UTC LC_ALL=C.UTF-8 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=$(mktemp -d /tmp/restarter-interop.XXXXXX)
RESULTS=$WORK/results.txt
CONFIGURATION=${CONFIGURATION:-Release}
PIDS=()
: > "$RESULTS"

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

record() { echo "$*" | tee -a "$RESULTS"; }   # record "PASS name" | "FAIL name detail" | "NOTE stack text"
fail() { record "FAIL $*"; }

# Runs a client and keeps its PASS/FAIL/NOTE lines; a client that crashes, hangs or prints nothing fails as a whole.
run_client() {  # run_client NAME ALLOWED_EXIT_CODES COMMAND...
  local name=$1 allowed=$2; shift 2
  local out=$WORK/$(echo "$name" | tr / _).out rc
  timeout 300 "$@" > "$out" 2> "$out.err"; rc=$?
  grep -E '^(PASS|FAIL|NOTE) ' "$out" | tee -a "$RESULTS"
  if ! grep -qE '^(PASS|FAIL) ' "$out" || [[ " $allowed " != *" $rc "* ]]; then
    fail "$name/script exited $rc: $(tail -c 600 "$out.err" | tr '\n' ' ')"
  fi
}

free_ports() {  # free_ports N: N distinct free loopback ports
  /usr/bin/python3 - "$1" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
EOF
}

# Waits until an XML-RPC server answers a POST with any HTTP status; false after 30 s or when the process died.
wait_http() {  # wait_http URL PID
  local i
  for i in $(seq 1 300); do
    kill -0 "$2" 2>/dev/null || return 1
    curl -s -o /dev/null -m 2 -X POST -H 'Content-Type: text/xml' --data '<?xml version="1.0"?><methodCall><methodName>system.listMethods</methodName></methodCall>' "$1" && return 0
    sleep 0.1
  done
  return 1
}

start() {  # start NAME LOGFILE COMMAND... ; sets LAST_PID
  "${@:3}" > "$2" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

wait_port_line() {  # wait_port_line LOGFILE PID: the port a server printed as "PORT n"
  local i
  for i in $(seq 1 300); do
    grep -m1 -oP '^PORT \K[0-9]+' "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

cd "$ROOT"

# --- build our side (JIT, not AOT) and the foreign pieces that need building
# Interop.slnf: ConformanceHost, Restarter.Server and ClientProbe (and what they reference) in one build.
built=1
if ! dotnet build interop/Interop.slnf -c "$CONFIGURATION" --nologo -v quiet > "$WORK/build.log" 2>&1; then
  fail "harness/build $(grep -m3 -E 'error' "$WORK/build.log" | tr '\n' ' ')"; built=0
fi
bin() { echo "$ROOT/$1/bin/$CONFIGURATION/net10.0/$(basename "$1").dll"; }

if [ ! -d interop/node/node_modules/xmlrpc ] || [ interop/node/package-lock.json -nt interop/node/node_modules/.package-lock.json ]; then
  (cd interop/node && npm ci --no-audit --no-fund --loglevel=error) > "$WORK/npm.log" 2>&1 || fail "harness/npm-ci $(tail -5 "$WORK/npm.log" | tr '\n' ' ')"
fi
XMLRPC_C_CLIENT_LIBS=$(xmlrpc-c-config client --libs | sed 's/-lcurl//')  # libxmlrpc_client links libcurl itself; no libcurl-dev needed
gcc -O1 -Wall -Werror -o "$WORK/c_client" interop/clients/c_client.c $(xmlrpc-c-config client --cflags) $XMLRPC_C_CLIENT_LIBS 2> "$WORK/gcc.log" ||
  fail "harness/gcc/c_client $(head -c 600 "$WORK/gcc.log" | tr '\n' ' ')"
gcc -O1 -Wall -Werror -o "$WORK/c_server" interop/servers/xmlrpc_c_server.c $(xmlrpc-c-config abyss-server --cflags --libs) 2> "$WORK/gcc-server.log" ||
  fail "harness/gcc/c_server $(head -c 600 "$WORK/gcc-server.log" | tr '\n' ' ')"

# --- start everything. No D-Bus anywhere: every bus address points at a socket that does not exist, so a valid id
# gets {false, <D-Bus error>} from our server and from the legacy one alike, and nothing is ever restarted.
read -r P_CONF P_SERVER P_AUTH P_LEGACY P_BOTTLE P_BOTTLE_LEGACY P_BOTTLE_AUTH P_PHP <<< "$(free_ports 8)"
NO_BUS="unix:path=$WORK/no-such-bus"
AUTH_USER=interop AUTH_SECRET="s3cret-$RANDOM$RANDOM"
# As deployed: a systemd credential (LoadCredential=restarter-rpc:...) named by Restarter:BasicAuthCredential.
mkdir -m 700 "$WORK/credentials"
printf '%s:%s\n' "$AUTH_USER" "$AUTH_SECRET" > "$WORK/credentials/restarter-rpc"
chmod 600 "$WORK/credentials/restarter-rpc"

CONFORMANCE_URL= SERVER_URL= AUTH_URL= LEGACY_URL=
if [ $built = 1 ]; then
  start conformance "$WORK/conformance.log" dotnet "$(bin interop/ConformanceHost)" --urls "http://127.0.0.1:$P_CONF"
  wait_http "http://127.0.0.1:$P_CONF/" "$LAST_PID" && CONFORMANCE_URL="http://127.0.0.1:$P_CONF/" ||
    fail "harness/start/ConformanceHost $(tail -c 600 "$WORK/conformance.log" | tr '\n' ' ')"

  start server "$WORK/server.log" env DBUS_SYSTEM_BUS_ADDRESS="$NO_BUS" Restarter__BusAddress="$NO_BUS" \
    dotnet "$(bin src/Restarter.Server)" --urls "http://127.0.0.1:$P_SERVER"
  wait_http "http://127.0.0.1:$P_SERVER/" "$LAST_PID" && SERVER_URL="http://127.0.0.1:$P_SERVER/" ||
    fail "harness/start/Restarter.Server $(tail -c 600 "$WORK/server.log" | tr '\n' ' ')"

  start server-auth "$WORK/server-auth.log" env DBUS_SYSTEM_BUS_ADDRESS="$NO_BUS" Restarter__BusAddress="$NO_BUS" \
    CREDENTIALS_DIRECTORY="$WORK/credentials" Restarter__BasicAuthCredential=restarter-rpc dotnet "$(bin src/Restarter.Server)" --urls "http://127.0.0.1:$P_AUTH"
  wait_http "http://127.0.0.1:$P_AUTH/" "$LAST_PID" && AUTH_URL="http://127.0.0.1:$P_AUTH/" ||
    fail "harness/start/Restarter.Server-with-Basic-auth $(tail -c 600 "$WORK/server-auth.log" | tr '\n' ' ')"
fi

start legacy "$WORK/legacy.log" systemd-socket-activate -l "127.0.0.1:$P_LEGACY" -E DBUS_SYSTEM_BUS_ADDRESS="$NO_BUS" \
  /usr/bin/python3 systemd/sandbox/fixture/usr/local/lib/restarter-sandbox/legacy-server.py
LEGACY_PID=$LAST_PID
wait_http "http://127.0.0.1:$P_LEGACY/" "$LEGACY_PID" && LEGACY_URL="http://127.0.0.1:$P_LEGACY/" ||
  fail "harness/start/legacy-python-server $(tail -c 600 "$WORK/legacy.log" | tr '\n' ' ')"

# Their servers, for our client: each prints "PORT n" once it listens (PHP's built-in server gets a port instead).
declare -A THEIR_SERVER_URL=()
start_their_server() {  # start_their_server STACK PATH_SUFFIX COMMAND...
  local port
  start "$1-server" "$WORK/$1_server.log" "${@:3}"
  if port=$(wait_port_line "$WORK/$1_server.log" "$LAST_PID"); then THEIR_SERVER_URL[$1]="http://127.0.0.1:$port$2"
  else fail "harness/start/$1-server $(tail -c 600 "$WORK/$1_server.log" | tr '\n' ' ')"; fi
}
[ -x "$WORK/c_server" ] && start_their_server c /RPC2 "$WORK/c_server"
start_their_server node / node interop/servers/node_server.js
start_their_server perl / perl interop/servers/perl_server.pl
start_their_server ruby /RPC2 ruby interop/servers/ruby_server.rb
start php-server "$WORK/php_server.log" php -S "127.0.0.1:$P_PHP" interop/servers/php_server.php
wait_http "http://127.0.0.1:$P_PHP/" "$LAST_PID" && THEIR_SERVER_URL[php]="http://127.0.0.1:$P_PHP/" ||
  fail "harness/start/php-server $(tail -c 600 "$WORK/php_server.log" | tr '\n' ' ')"

# --- 1. their clients, our servers
export CONFORMANCE_URL SERVER_URL AUTH_URL LEGACY_URL AUTH_USER AUTH_SECRET
run_client python "0" /usr/bin/python3 interop/clients/python_client.py
run_client perl "0" perl interop/clients/perl_client.pl
run_client ruby "0" ruby interop/clients/ruby_client.rb
run_client php "0" php interop/clients/php_client.php
[ -x "$WORK/c_client" ] && run_client c "0" "$WORK/c_client"
run_client node "0" node interop/clients/node_client.js

# The legacy Bottle web app (systemd/sandbox/legacy-client/client.py, the seed's, unchanged) in front of our server,
# in front of the legacy server, and in front of ours with Basic auth in RPC_SERVER's user info.
bottle_check() {  # bottle_check NAME PORT SERVICE_ID EXPECTED_JSON_PREDICATE(python expression over j)
  local body
  body=$(curl -s -m 30 -X POST --data-urlencode "service_id=$3" "http://127.0.0.1:$2/restart")
  if /usr/bin/python3 -c 'import json,sys; j=json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)' "$body" "$4" 2>/dev/null; then
    record "PASS bottle/$1"
  else
    fail "bottle/$1 answered $(head -c 300 <<< "$body" | tr '\n' ' ')"
  fi
}
start_bottle() {  # start_bottle NAME PORT RPC_SERVER
  start "bottle-$1" "$WORK/bottle-$1.log" systemd-socket-activate -l "127.0.0.1:$2" -E RPC_SERVER="$3" \
    /usr/bin/python3 systemd/sandbox/legacy-client/client.py
  local i
  for i in $(seq 1 100); do curl -s -o /dev/null -m 2 "http://127.0.0.1:$2/" && return 0; sleep 0.1; done
  fail "harness/start/bottle-$1 $(tail -c 400 "$WORK/bottle-$1.log" | tr '\n' ' ')"; return 1
}
DBUS_ANSWER='j["success"] is False and j["message"].startswith("org.freedesktop.DBus.Error.")'
INVALID_ANSWER='j == {"success": False, "message": "invalid identifier"}'
if [ -n "$SERVER_URL" ] && start_bottle ours "$P_BOTTLE" "$SERVER_URL"; then
  bottle_check server/restart-valid-id "$P_BOTTLE" 1234 "$DBUS_ANSWER"
  bottle_check server/restart-invalid-id "$P_BOTTLE" 12a4 "$INVALID_ANSWER"
  bottle_check server/restart-empty-id "$P_BOTTLE" "" "$INVALID_ANSWER"
  if [ -n "$LEGACY_URL" ] && start_bottle legacy "$P_BOTTLE_LEGACY" "$LEGACY_URL"; then
    for id in 1234 12a4 '' 99999 '0０12'; do
      ours=$(curl -s -m 30 -X POST --data-urlencode "service_id=$id" "http://127.0.0.1:$P_BOTTLE/restart")
      theirs=$(curl -s -m 30 -X POST --data-urlencode "service_id=$id" "http://127.0.0.1:$P_BOTTLE_LEGACY/restart")
      if [ -n "$ours" ] && [ "$ours" = "$theirs" ]; then record "PASS bottle/server/same-json-as-legacy-server-id-'$id'"
      else fail "bottle/server/same-json-as-legacy-server-id-'$id' ours: $ours legacy: $theirs"; fi
    done
  fi
fi
if [ -n "$AUTH_URL" ] && start_bottle auth "$P_BOTTLE_AUTH" "http://$AUTH_USER:$AUTH_SECRET@127.0.0.1:$P_AUTH/"; then
  bottle_check auth/restart-invalid-id-with-basic-auth "$P_BOTTLE_AUTH" 12a4 "$INVALID_ANSWER"
fi

# --- 2. our client, their servers
if [ $built = 1 ]; then
  PROBE=$(bin interop/ClientProbe)
  [ -n "$LEGACY_URL" ] && run_client python/client "0 1" dotnet "$PROBE" python "$LEGACY_URL"
  for stack in perl ruby php c node; do
    [ -n "${THEIR_SERVER_URL[$stack]:-}" ] && run_client $stack/client "0 1" dotnet "$PROBE" $stack "${THEIR_SERVER_URL[$stack]}"
  done
fi

# --- 3. the table
passed=$(grep -c '^PASS ' "$RESULTS"); failed=$(grep -c '^FAIL ' "$RESULTS")
versions=$(
  printf -- '- Python %s (stdlib xmlrpc), Debian python3\n' "$(/usr/bin/python3 -c 'import platform; print(platform.python_version())')"
  printf -- '- Perl XMLRPC::Lite %s (libxmlrpc-lite-perl)\n' "$(dpkg-query -W -f '${Version}' libxmlrpc-lite-perl 2>/dev/null)"
  printf -- '- Ruby %s, ruby-xmlrpc %s\n' "$(ruby -e 'print RUBY_VERSION')" "$(dpkg-query -W -f '${Version}' ruby-xmlrpc 2>/dev/null)"
  printf -- '- PHP %s, php-xmlrpc %s (xmlrpc-epi)\n' "$(php -r 'echo PHP_VERSION;')" "$(dpkg-query -W -f '${Version}' php-xmlrpc 2>/dev/null)"
  printf -- '- xmlrpc-c %s (libxmlrpc-core-c3-dev, Abyss server, curl client), gcc %s\n' "$(xmlrpc-c-config --version)" "$(gcc -dumpversion)"
  printf -- '- Node %s, npm xmlrpc %s\n' "$(node --version)" "$(node -p "require('$HERE/node/node_modules/xmlrpc/package.json').version" 2>/dev/null)"
  printf -- '- .NET SDK %s\n' "$(dotnet --version)"
)
/usr/bin/python3 - "$RESULTS" "$HERE/README.md" "$passed" "$failed" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$versions" <<'EOF'
import collections, sys
results, readme, passed, failed, when, versions = sys.argv[1:]
stacks = [('python', 'Python `xmlrpc`'), ('perl', 'Perl XMLRPC::Lite'), ('ruby', 'Ruby xmlrpc'), ('php', 'PHP xmlrpc-epi'),
          ('c', 'C xmlrpc-c'), ('node', 'Node npm xmlrpc'), ('bottle', 'legacy Bottle web app (Python)')]
columns = [('conformance', 'their client → ConformanceHost'), ('server', 'their client → Restarter.Server'),
           ('auth', 'their client → Restarter.Server, Basic auth'), ('client', 'our XmlRpcClient → their server')]
cells = collections.defaultdict(lambda: [0, 0])
notes, failures, other = collections.defaultdict(list), [], []
for line in open(results, encoding='utf-8'):
    kind, _, rest = line.rstrip('\n').partition(' ')
    if kind == 'NOTE':
        stack, _, text = rest.partition(' ')
        if text not in notes[stack]:
            notes[stack].append(text)
        continue
    name = rest.split(' ', 1)[0]
    parts = name.split('/')
    if kind == 'FAIL':
        failures.append(rest)
    if len(parts) >= 3 and parts[0] in dict(stacks) and parts[1] in dict(columns):
        cells[(parts[0], parts[1])][0 if kind == 'PASS' else 1] += 1
    elif kind == 'FAIL':
        other.append(rest)
out = ['# interop: six foreign XML-RPC stacks against Restarter, both ways', '',
       'Written by `interop/run.sh` (run by `tests/scripts/test-all.sh`); do not edit by hand. Last run: ' + when + ', '
       + f'**{passed} passed, {failed} failed**.', '',
       'Their clients call `interop/ConformanceHost` (echo, validator1.*, a stand-in `restart_unit`, system.*) and '
       '`src/Restarter.Server` (no D-Bus: a valid id answers `{false, <D-Bus error>}`, as the legacy server does without a '
       'bus; a second instance requires Basic auth, its credential read from `$CREDENTIALS_DIRECTORY` as under systemd). Our `XmlRpcClient` (`interop/ClientProbe`) calls the legacy Python '
       '`Service` on `SimpleXMLRPCServer` (`systemd/sandbox/fixture/usr/local/lib/restarter-sandbox/legacy-server.py`) and each other stack\'s own server (XMLRPC::Lite daemon, ruby-xmlrpc on WEBrick, xmlrpc-epi under `php -S`, xmlrpc-c Abyss, Node) '
       '(`interop/servers/`). Each cell counts the checks that passed out of those run; "—" means the stack has no such '
       'direction here.', '',
       '| stack | ' + ' | '.join(c[1] for c in columns) + ' |', '|---|' + '---|' * len(columns)]
for key, title in stacks:
    row = []
    for col, _ in columns:
        p, f = cells[(key, col)]
        row.append('—' if p + f == 0 else (f'✅ {p}/{p + f}' if f == 0 else f'❌ {p}/{p + f}'))
    out.append(f'| {title} | ' + ' | '.join(row) + ' |')
out += ['', '## What each check covers', '',
        '- **echo**: a struct holding every type the stack can express (int limits, i8 where it has them, booleans, strings '
        'with markup, `]]>`, non-ASCII and non-BMP characters, doubles, dateTime, base64 of all 256 byte values, nil, '
        'nested and empty arrays and structs) comes back equal, types included where the stack can tell them apart.',
        '- **restart_unit**: valid and invalid ids as strings and ints get the legacy answers; a fault arrives as the '
        "stack's fault type; Basic auth: right credentials pass, none or a wrong secret get HTTP 401.",
        '- **Python** also: multicall (with a fault inside), introspection, gzip both ways, the validator1 suite, and the '
        "same answers and fault texts as the legacy server for the same calls (odd ids and arities included). **Bottle**: the seed's web app answers the same JSON in front "
        'of our server as in front of the legacy one.', '',
        '## Divergences that are the foreign stack\'s own (tolerated, and only these)', '']
for key, title in stacks:
    for text in notes.get(key, []):
        if '(ours' not in text:
            out.append(f'- **{title}**: {text}')
out += ['', '## Differences that are ours, on purpose', '']
for key, title in stacks:
    for text in notes.get(key, []):
        if '(ours' in text:
            out.append(f'- **{title}**: {text}')
if failures:
    out += ['', '## Failures in the last run', ''] + [f'- `{f.split(" ", 1)[0]}` {f.split(" ", 1)[1] if " " in f else ""}' for f in failures]
out += ['', '## Stacks measured', '', versions, '']
open(readme, 'w', encoding='utf-8').write('\n'.join(out))
EOF

echo "$passed passed, $failed failed"
