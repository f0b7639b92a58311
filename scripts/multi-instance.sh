#!/usr/bin/env bash
# Two instances of the dashboard behind nginx on one PostgreSQL, on loopback only, and the checks that they behave
# as one site (docs/operations.md, "Several instances"):
#
#   1. both instances start at once on an empty database: one migration, one catalog sync, one demo data set (their
#      logs), one Data Protection key;
#   2. signed in through instance A, the session is good on B, and a form rendered by A posts on B (shared
#      Data Protection keys);
#   3. an import (the app's CLI) removes the demo notice from the home and a county page of both instances on the
#      next request (the data version, not a timer, decides what an instance's caches may keep);
#   4. kill -9 of an import while it writes leaves the database exactly as before, kill -9 of instance A leaves
#      nginx serving from B, and the same import then succeeds;
#   5. a rolling restart (SIGTERM A, start A, ready, nginx uses it, then the same for B) under wrk loses no request;
#   6. wrk through nginx: zero non-2xx answers, both instances serving.
#
#   bash scripts/multi-instance.sh
#
# UPWARD_APP_DIR: a folder with a built UpwardMobility.Web.dll (default: dotnet publish -c Release into a temp
# folder). MULTI_WRK_SECONDS (default 8) is the length of the final wrk runs; MULTI_KEEP_LOGS, a folder to copy the
# logs into when a check fails. Prints "ALL CHECKS PASSED" and exits 0
# when every check passed; the measured figures are printed as "FIGURE name value" lines.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# shellcheck source=lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
ensure_packages postgresql nginx wrk curl
# Always a private cluster: the checks create and kill things.
unset UPWARD_TEST_POSTGRES
start_private_postgres

NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/upward-multi.XXXXXX")"
chmod 755 "$WORK"
PIDS_A="" PIDS_B="" NGINX_PID="" WRK_PID="" IMPORT_PID=""
finish() {
  local status=$?
  # errexit would end the trap at its first failing command (the "(exit $status)" below) and leave PostgreSQL running.
  set +e
  for pid in $PIDS_A $PIDS_B $WRK_PID $IMPORT_PID; do kill -9 "$pid" 2>/dev/null; done
  # TERM, not KILL: nginx's master stops its workers only when it gets to; killed, it leaves them orphaned.
  if [[ -n "$NGINX_PID" ]]; then
    kill -TERM "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
  fi
  if ((status != 0)); then
    for f in "$WORK"/*.log; do [[ -f "$f" ]] && { echo "--- $f (last 30 lines)" >&2; tail -30 "$f" >&2; }; done
    if [[ -n "${MULTI_KEEP_LOGS:-}" ]]; then
      mkdir -p "$MULTI_KEEP_LOGS" && cp "$WORK"/*.log "$WORK"/*.txt "$MULTI_KEEP_LOGS"/ 2>/dev/null
      echo "logs kept in $MULTI_KEEP_LOGS" >&2
    fi
  fi
  rm -rf "$WORK"
  # cleanup (scripts/lib/postgres.sh) exits with the status it finds in $?.
  (exit "$status")
  cleanup
}
trap finish EXIT

fail() { log "CHECK FAILED: $*"; exit 1; }
free_port() {
  local p
  while :; do
    p=$(( 57000 + RANDOM % 2000 ))
    port_in_use "$p" || { echo "$p"; return; }
  done
}

if [[ -n "${UPWARD_APP_DIR:-}" ]]; then
  APP="$UPWARD_APP_DIR"
else
  APP="$WORK/app"
  log "Publishing (Release)…"
  dotnet publish src/UpwardMobility.Web -c Release -o "$APP" -v q -nologo >/dev/null
fi
[[ -f "$APP/UpwardMobility.Web.dll" ]] || fail "no UpwardMobility.Web.dll in $APP"

PSQL() { "$PG_BIN/psql" -qtA -h 127.0.0.1 -p "$PORT" -U postgres -d upward "$@"; }
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE upward" >/dev/null

PORT_A=$(free_port); PORT_B=$(free_port); PORT_N=$(free_port)
while [[ "$PORT_B" == "$PORT_A" ]]; do PORT_B=$(free_port); done
while [[ "$PORT_N" == "$PORT_A" || "$PORT_N" == "$PORT_B" ]]; do PORT_N=$(free_port); done
NGINX="http://127.0.0.1:$PORT_N"

export ASPNETCORE_ENVIRONMENT=Production
export Database__Provider=Postgres
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=upward"
export Demo__Seed=true
export AllowedHosts="127.0.0.1;localhost"
# nginx speaks plain http on loopback here; behind TLS keep the default (Always).
export Security__CookieSecurePolicy=SameAsRequest
export Logging__LogLevel__Default=Warning
export DataProtection__CertificatePath=""

# start_instance NAME PORT: runs the app in the background; its pid goes to PIDS_<NAME>.
start_instance() {
  local name=$1 port=$2
  # The start-up steps at Information: check 1 counts them in the logs (the names hold dots, so env, not export).
  (cd "$APP" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" \
    "Logging__LogLevel__UpwardMobility.Core.Data.DatabaseInitializer=Information" \
    "Logging__LogLevel__Microsoft.EntityFrameworkCore.Migrations=Information" \
    dotnet UpwardMobility.Web.dll >>"$WORK/app-$name.log" 2>&1) &
  printf -v "PIDS_$name" '%s' "$!"
}
wait_ready() {
  local port=$1 deadline=$((SECONDS + ${MULTI_READY_SECONDS:-120}))
  # A first start (migration, catalog, demo seed) takes ~10 s on two idle cores, several times that on busy ones.
  while ((SECONDS < deadline)); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/healthz/ready" && return 0
    sleep 0.25
  done
  fail "the instance on port $port did not become ready within ${MULTI_READY_SECONDS:-120} s"
}
stop_instance() { # graceful: SIGTERM, then wait for the process to end
  local pid=$1
  kill -TERM "$pid"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  fail "pid $pid did not stop within 30 s of SIGTERM"
}

# ---------------------------------------------------------------- 1. both at once on an empty database
started=$(date +%s.%N)
start_instance A "$PORT_A"
start_instance B "$PORT_B"
wait_ready "$PORT_A"; wait_ready "$PORT_B"
echo "FIGURE start-both-seconds $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $started}")"
# Each step ran once, on one of the two (the other waited on the advisory lock and found it done).
count_logs() { cat "$WORK"/app-A.log "$WORK"/app-B.log | grep -c -E "$1" || true; }
migrations=$(count_logs "Applying migration ")
[[ "$migrations" == "$(PSQL -c 'SELECT count(*) FROM "__EFMigrationsHistory"')" && "$migrations" -ge 1 ]] \
  || fail "expected each migration applied once, the logs show $migrations"
[[ "$(count_logs "Catalog sync wrote [1-9][0-9]* changes")" == 1 ]] || fail "expected one catalog sync that wrote something"
[[ "$(count_logs "Catalog sync wrote 0 changes")" == 1 ]] || fail "expected the second instance's catalog sync to find nothing to do"
[[ "$(count_logs "Seeded synthetic demo data")" == 1 ]] || fail "expected one demo seed in the logs"
[[ "$(PSQL -c 'SELECT count(*) FROM imports WHERE is_demo')" == 1 ]] || fail "expected one demo import after a simultaneous start"
[[ "$(PSQL -c 'SELECT count(*) FROM data_protection_keys')" == 1 ]] || fail "expected one Data Protection key"
log "1. two instances started at once: $migrations migration(s), one catalog sync, one demo data set, one key"

# ---------------------------------------------------------------- nginx in front
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  # Which instance answered: the rolling restart waits for nginx to use a restarted instance again, and the last
  # check that both served. Buffered, so it costs little under wrk.
  log_format upstream '\$upstream_addr \$status \$request_uri';
  access_log $WORK/access.log upstream buffer=256k flush=1s;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
$(sed 's/^/  /' "$ROOT/scripts/nginx/upward-mobility.conf.template" \
  | sed "s/\${UPWARD_UPSTREAMS}/server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=3s; server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=3s;/; s/\${UPWARD_LISTEN}/127.0.0.1:$PORT_N/")
}
EOF
"$NGINX_BIN" -t -q -c "$WORK/nginx.conf" -p "$WORK/nginx" 2>>"$WORK/nginx-error.log" || fail "nginx refused its configuration"
"$NGINX_BIN" -c "$WORK/nginx.conf" -p "$WORK/nginx" >>"$WORK/nginx-error.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 40); do curl -fs -o /dev/null "$NGINX/healthz/ready" && break; sleep 0.25; done
curl -fs -o /dev/null "$NGINX/healthz/ready" || fail "nginx does not answer"
# Sticky: one client keeps its instance (the route cookie), so a Blazor circuit stays where it started.
JAR="$WORK/sticky.jar"
curl -fs -c "$JAR" -b "$JAR" -o /dev/null "$NGINX/"
grep -q upward_route "$JAR" || fail "nginx set no route cookie"

# ---------------------------------------------------------------- 2. sign in through A, use it on B
ADMIN=admin@example.org
ADMIN_PASSWORD="a long admin password 42"
(cd "$APP" && echo "$ADMIN_PASSWORD" | dotnet UpwardMobility.Web.dll create-admin "$ADMIN" >>"$WORK/cli.log" 2>&1) || fail "create-admin failed"
token() { sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1 | sed 's/&#x2B;/+/g; s/&#x2F;/\//g; s/&#x3D;/=/g; s/&amp;/\&/g'; }
A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"
COOKIES="$WORK/session.jar"
form_token=$(curl -fs -c "$COOKIES" -b "$COOKIES" "$A/account/sign-in" | token)
[[ -n "$form_token" ]] || fail "no antiforgery token on A's sign-in page"
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$COOKIES" -b "$COOKIES" "$A/account/sign-in" \
  --data-urlencode "_handler=sign-in" --data-urlencode "__RequestVerificationToken=$form_token" \
  --data-urlencode "Input.Email=$ADMIN" --data-urlencode "Input.Password=$ADMIN_PASSWORD" --data-urlencode "Input.ReturnUrl=/")
[[ "$status" == 302 ]] || fail "sign-in through A answered $status"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$COOKIES" "$B/import/history")
[[ "$status" == 200 ]] || fail "A's session on B: /import/history answered $status"
page_token=$(curl -fs -c "$COOKIES" -b "$COOKIES" "$A/compare?fips=06037&fips=17031" | token)
status=$(curl -s -o "$WORK/peer.txt" -w '%{http_code}' -b "$COOKIES" "$B/peer-groups" \
  --data-urlencode "__RequestVerificationToken=$page_token" --data-urlencode "Name=Two big counties" \
  --data-urlencode "Fips=06037" --data-urlencode "Fips=17031" --data-urlencode "ReturnUrl=/compare")
[[ "$status" == 302 ]] || fail "A's form posted to B answered $status"
[[ "$(PSQL -c "SELECT count(*) FROM peer_groups WHERE name = 'Two big counties'")" == 1 ]] || fail "the peer group posted to B was not saved"
log "2. signed in through A: the session and A's form work on B"

# ---------------------------------------------------------------- 3. an import shows on both at once
# shows_demo URL: whether the page says its numbers are synthetic. Fetched whole before grep: with pipefail,
# grep -q closing the pipe early would make curl fail (exit 23).
shows_demo() {
  local page
  page=$(curl -fs "$1") || fail "$1 did not answer 200"
  grep -qi "synthetic demo data" <<<"$page"
}
# The county page (output-cached) and the home page (the county directory's in-memory copy), both warmed on both.
for base in "$A" "$B"; do
  for path in / /counties/06037; do
    shows_demo "$base$path" || fail "$base$path does not show the demo data before the import"
  done
done
import_cli() { (cd "$APP" && exec dotnet UpwardMobility.Web.dll import "$@" >>"$WORK/cli.log" 2>&1); }
# Urban's real files, laid beside the repository as for the tests (never copied into it).
URBAN="$ROOT/../shared/data/urban/components"
SMALL="$URBAN/county-debt-coll-shares-2022.csv"
BIG="$URBAN/metrics_income_county_all_longitudinal.csv"
[[ -f "$SMALL" && -f "$BIG" ]] || fail "the Urban data files are missing from $URBAN"
import_cli "$SMALL" || fail "the import failed"
for base in "$A" "$B"; do
  for path in / /counties/06037; do
    ! shows_demo "$base$path" || fail "$base$path still shows the demo data after the import"
  done
done
log "3. an import shows on A and B on the next request"

# ---------------------------------------------------------------- 4. kill -9 in the middle
fingerprint() { PSQL -c "SELECT count(*), coalesce(sum(hashtext(geography_id || ':' || metric_id || ':' || year || ':' || subgroup || ':' || coalesce(value::text, ''))), 0) FROM metric_values" ; echo "$(PSQL -c 'SELECT count(*), max(id) FROM imports')"; }
before=$(fingerprint)
(cd "$APP" && exec dotnet UpwardMobility.Web.dll import "$BIG" >>"$WORK/cli.log" 2>&1) &
IMPORT_PID=$!
# Killed once its transaction writes the values table (a row-exclusive lock on it; the instances only read).
writing=0
for _ in $(seq 1 600); do
  if [[ "$(PSQL -c "SELECT count(*) FROM pg_locks WHERE relation = 'metric_values'::regclass AND mode = 'RowExclusiveLock' AND granted AND pid <> pg_backend_pid()")" != 0 ]]; then
    writing=1
    break
  fi
  kill -0 "$IMPORT_PID" 2>/dev/null || break
  sleep 0.02
done
((writing)) || fail "the import never started writing metric_values (or ended before it could be killed)"
kill -9 "$IMPORT_PID" 2>/dev/null || true
import_status=0
wait "$IMPORT_PID" 2>/dev/null || import_status=$?
IMPORT_PID=""
((import_status == 137)) || fail "the import ended with $import_status before the kill -9 reached it"
# The server rolls the dead session's transaction back when it notices the closed socket: wait for its locks to go.
for _ in $(seq 1 200); do
  [[ "$(PSQL -c "SELECT count(*) FROM pg_locks WHERE relation = 'metric_values'::regclass AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()")" == 0 ]] && break
  sleep 0.05
done
[[ "$(fingerprint)" == "$before" ]] || fail "the killed import left something in the database"
# An instance dies (kill -9) while clients keep coming through nginx.
kill -9 "$PIDS_A"; wait "$PIDS_A" 2>/dev/null || true; PIDS_A=""
bad=0
for i in $(seq 1 40); do
  # A parameter the page reads, so most requests are rendered (others are redirected to the cached address).
  code=$(curl -s -o /dev/null -w '%{http_code}' "$NGINX/counties/06037?year=$((2014 + i % 10))")
  [[ "$code" == 200 ]] || bad=$((bad + 1))
done
((bad == 0)) || fail "$bad of 40 requests through nginx failed after instance A was killed"
import_cli "$BIG" || fail "the same import failed after the kill"
[[ "$(fingerprint)" != "$before" ]] || fail "the second import wrote nothing"
log "4. kill -9 of an import: database as before; kill -9 of A: nginx served 40/40 from B; the import then succeeded"
start_instance A "$PORT_A"; wait_ready "$PORT_A"

# ---------------------------------------------------------------- 5. rolling restart under wrk
LUA="$WORK/count.lua"
cat >"$LUA" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %.1f %.1f\n", summary.requests, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
# nginx_uses PORT TAG: sends probes tagged TAG through nginx until one was answered by that instance. After a stop,
# nginx holds an instance down for fail_timeout (passive health); stopping the other one before nginx has taken the
# restarted one back would leave it no live upstream. The tag, not a line count: the log is written in buffers, so
# older lines may land after any count taken now.
nginx_uses() {
  local port=$1 tag=$2
  for i in $(seq 1 100); do
    curl -s -o /dev/null "$NGINX/healthz/ready?probe=$tag-$i"
    awk -v addr="127.0.0.1:$port" -v probe="probe=$tag-" '$1 == addr && $2 ~ /^2/ && index($3, probe) {found = 1; exit} END {exit !found}' \
      "$WORK/access.log" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "nginx did not send requests to the instance on port $port again"
}
# wrk runs until interrupted (it then reports as usual), so the load covers the whole restart and no more. A request
# counts as lost when it fails or takes over 10 s (wrk's default, 2 s, is met by the odd request on busy shared cores).
wrk -t2 -c8 -d300s --timeout 10s -s "$LUA" "$NGINX/counties/06037" >"$WORK/wrk-roll.txt" 2>&1 &
WRK_PID=$!
for _ in $(seq 1 50); do [[ -s "$WORK/access.log" ]] && break; sleep 0.1; done
roll_started=$(date +%s.%N)
stop_instance "$PIDS_A"; start_instance A "$PORT_A"; wait_ready "$PORT_A"; nginx_uses "$PORT_A" roll-a
stop_instance "$PIDS_B"; start_instance B "$PORT_B"; wait_ready "$PORT_B"; nginx_uses "$PORT_B" roll-b
roll_seconds=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $roll_started}")
kill -INT "$WRK_PID"
wait "$WRK_PID"; WRK_PID=""
read -r total non2xx econnect eread ewrite etimeout p50 p99 < <(awk '$1=="RESULT" {print $2, $3, $4, $5, $6, $7, $8, $9}' "$WORK/wrk-roll.txt")
echo "FIGURE rolling-restart-seconds $roll_seconds"
echo "FIGURE rolling-restart-requests $total"
echo "FIGURE rolling-restart-failed $((non2xx + econnect + eread + ewrite + etimeout))"
((non2xx + econnect + eread + ewrite + etimeout == 0)) || fail "the rolling restart lost requests: $(cat "$WORK/wrk-roll.txt")"
log "5. rolling restart in ${roll_seconds} s under wrk: $total requests, none lost"

# ---------------------------------------------------------------- 6. wrk through nginx
SECONDS_WRK=${MULTI_WRK_SECONDS:-8}
for path in "/counties/06037" "/rankings?metric=share_employed&year=2023"; do
  out="$(wrk -t2 -c16 -d"${SECONDS_WRK}s" --timeout 10s -s "$LUA" "$NGINX$path")"
  read -r total non2xx econnect eread ewrite etimeout p50 p99 < <(awk '$1=="RESULT" {print $2, $3, $4, $5, $6, $7, $8, $9}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  echo "FIGURE wrk $path requests/s=$rps requests=$total p50_ms=$p50 p99_ms=$p99 non2xx=$non2xx errors=$((econnect + eread + ewrite + etimeout))"
  ((non2xx + econnect + eread + ewrite + etimeout == 0)) || fail "wrk through nginx on $path: $out"
done
# Both instances took part (nginx flushes its log every second).
for port in "$PORT_A" "$PORT_B"; do
  nginx_uses "$port" "end-$port"
done
log "6. wrk through nginx: zero non-2xx"
echo "ALL CHECKS PASSED"
