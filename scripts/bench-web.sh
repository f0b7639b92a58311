#!/usr/bin/env bash
# Web benchmarks (docs/performance.md): publish the app (Release, Production), import every real file into a
# private PostgreSQL with the app's own CLI, then
#   1. wrk, 20 connections: the county page, the metric page, rankings, compare and the map data, each next to
#      an empty page of the same app (the not-found page: layout, no data) in the same run;
#   2. headless Chromium: page weight and time until drawn, first and repeat visit (map, county, metric pages);
#   3. the same on Lighthouse's phone profile through the DevTools protocol (1.6 Mbit/s down, 750 kbit/s up,
#      150 ms RTT, CPU 4× slower): map, county, metric and compare pages.
#
#   bash scripts/bench-web.sh [DATA_DIR]     # default ../shared/data/urban; needs wrk (apt-get install wrk)
#   BENCH_WRK=0 bash scripts/bench-web.sh    # only the browser measurements (2 and 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${1:-$ROOT/../shared/data/urban}"
DURATION="${BENCH_DURATION:-15s}"
# shellcheck source=lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
ensure_packages postgresql chromium wrk
start_private_postgres
export UPWARD_TEST_CHROMIUM="${UPWARD_TEST_CHROMIUM:-/usr/bin/chromium}"

"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE upward_web" >/dev/null
PUBLISH="$(mktemp -d "${TMPDIR:-/tmp}/upward-publish.XXXXXX")"
APP_PID=""
stop_app() { [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null; rm -rf "$PUBLISH"; cleanup; }
trap stop_app EXIT

log "Publishing (Release)…"
dotnet publish src/UpwardMobility.Web -c Release -o "$PUBLISH" -v q -nologo >/dev/null
dotnet build tests/UpwardMobility.Benchmarks -c Release -v q -nologo >/dev/null

export ASPNETCORE_ENVIRONMENT=Production
export Database__Provider=Postgres
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=upward_web"
export Demo__Seed=false
# Production stops at start-up with AllowedHosts '*'.
export AllowedHosts="127.0.0.1;localhost"
export Security__CookieSecurePolicy=SameAsRequest
export Logging__LogLevel__Default=Warning

mapfile -t FILES < <(find "$DATA" -name '*.csv' ! -name '*recent*' | sort)
log "Importing ${#FILES[@]} files…"
start=$(date +%s)
(cd "$PUBLISH" && dotnet UpwardMobility.Web.dll import "${FILES[@]}" >/dev/null)
log "Imported in $(( $(date +%s) - start )) s."

APP_PORT=$(( 56000 + RANDOM % 1000 ))
BASE="http://127.0.0.1:$APP_PORT"
(cd "$PUBLISH" && ASPNETCORE_URLS="$BASE" exec dotnet UpwardMobility.Web.dll >"$PUBLISH/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 120); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/healthz" >/dev/null || { cat "$PUBLISH/app.log" >&2; log "the app did not start"; exit 1; }

PAGES=(
  "/not-found"
  "/counties/06037"
  "/counties/06037/metrics/share_employed"
  "/rankings?metric=share_employed&year=2023"
  "/compare?fips=06037&fips=17031&fips=48201"
  "/map/map.svg?metric=share_employed&year=2023"
)
# Warm up: JIT, EF Core query caches, the county directory.
for page in "${PAGES[@]}"; do for _ in 1 2 3 4 5; do curl -fs -o /dev/null "$BASE$page" || true; done; done

# wrk prints p50/p75/p90/p99 only: this script adds p95, in milliseconds.
LUA="$PUBLISH/percentiles.lua"
cat >"$LUA" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("PCT %.1f %.1f %.1f %.1f %d\n", latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
LUA

if [[ "${BENCH_WRK:-1}" != 0 ]]; then
echo
echo "wrk -t2 -c20 -d$DURATION (requests/s; latency in ms)"
echo
echo "| page | requests/s | p50 | p90 | p95 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|---|"
for page in "${PAGES[@]}"; do
  out="$(wrk -t2 -c20 -d"$DURATION" -s "$LUA" "$BASE$page")"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  read -r p50 p90 p95 p99 bad < <(awk '$1=="PCT" {print $2, $3, $4, $5, $6}' <<<"$out")
  echo "| \`$page\` | $rps | $p50 | $p90 | $p95 | $p99 | $bad |"
done
fi

echo
echo "Headless Chromium, first and repeat visit:"
echo
dotnet tests/UpwardMobility.Benchmarks/bin/Release/net10.0/UpwardMobility.Benchmarks.dll pages "$BASE" \
  "/map?metric=share_employed&year=2023" "/counties/06037" "/counties/06037/metrics/share_employed" \
  "/rankings?metric=share_employed&year=2023" "/compare?fips=06037&fips=17031&fips=48201"

echo
echo "Headless Chromium on Lighthouse's phone profile, first and repeat visit:"
echo
dotnet tests/UpwardMobility.Benchmarks/bin/Release/net10.0/UpwardMobility.Benchmarks.dll phone "$BASE" \
  "/map?metric=share_employed&year=2023" "/counties/06037" "/counties/06037/metrics/share_employed" \
  "/compare?fips=06037&fips=17031&fips=48201"
