#!/usr/bin/env bash
# Runs the whole test suite: the one command for developers and CI.
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh --filter Infra  # any extra arguments go to `dotnet test`
#
# It installs PostgreSQL and Chromium with apt-get when they are missing, starts a private,
# throw-away PostgreSQL cluster on a free loopback port (stopped and deleted on exit), sets
# UPWARD_TEST_POSTGRES and UPWARD_TEST_CHROMIUM, runs `dotnet test UpwardMobility.sln`, and
# ends with one line "N passed, N failed, N skipped".
#
# Set UPWARD_TEST_POSTGRES yourself to use an existing server instead of a private cluster, and
# UPWARD_TEST_CHROMIUM to use another Chromium. UPWARD_TEST_LOG names the log file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_UI_LANGUAGE=en
# Build nodes that outlive the run would hold the output pipe (tee) open.
export MSBUILDDISABLENODEREUSE=1
# shellcheck source=lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

if ! command -v dotnet >/dev/null 2>&1; then
  log "dotnet is not on PATH: install the .NET 10 SDK first."
  exit 1
fi

# nginx and wrk: the two-instance test (scripts/multi-instance.sh, run by MultiInstanceTests).
ensure_packages postgresql chromium nginx wrk curl
CHROMIUM="${UPWARD_TEST_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
  log "Chromium is missing at $CHROMIUM."
  exit 1
fi
export UPWARD_TEST_CHROMIUM="$CHROMIUM"
start_private_postgres
log "Chromium: $UPWARD_TEST_CHROMIUM"

# ---------------------------------------------------------------------- tests
LOG="${UPWARD_TEST_LOG:-$ROOT/TestResults/test-run.log}"
mkdir -p "$(dirname "$LOG")"

set +e
dotnet test UpwardMobility.sln "$@" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e

# "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ..." per assembly.
read -r passed failed skipped < <(
  sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$LOG" |
    grep -E '(Passed|Failed)! +- Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+' |
    awk '{
      if (match($0, /Failed: *[0-9]+/))  { s = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); f += s }
      if (match($0, /Passed: *[0-9]+/))  { s = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); p += s }
      if (match($0, /Skipped: *[0-9]+/)) { s = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); k += s }
    } END { printf "%d %d %d\n", p, f, k }'
)
if ((rc != 0 && failed == 0)); then
  log "dotnet test exited with $rc (a build error, or a test host that crashed); see $LOG"
fi
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
