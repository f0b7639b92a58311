#!/usr/bin/env bash
# Import benchmark (docs/performance.md): every real file into a private PostgreSQL, next to PostgreSQL's
# own COPY of the same tidy values; then peak memory for one file and for a synthetic file ten times its size.
#
#   bash scripts/bench-import.sh [DATA_DIR]     # default ../shared/data/urban
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${1:-$ROOT/../shared/data/urban}"
# shellcheck source=lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
ensure_packages postgresql
start_private_postgres

dotnet build tests/UpwardMobility.Benchmarks -c Release -v q -nologo >/dev/null
BENCH=(dotnet tests/UpwardMobility.Benchmarks/bin/Release/net10.0/UpwardMobility.Benchmarks.dll)
"${BENCH[@]}" all "$DATA"
ONE="$DATA/components/metrics_income_county_all_longitudinal.csv"
"${BENCH[@]}" memory "$ONE" 1
"${BENCH[@]}" memory "$ONE" 10
