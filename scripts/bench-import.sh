#!/usr/bin/env bash
# Import benchmark (docs/performance.md): every real file into a private PostgreSQL, next to PostgreSQL's
# own COPY of the same tidy values (three runs, medians compared); then peak memory for one file and for a
# synthetic file ten times its size.
#
#   bash scripts/bench-import.sh [DATA_DIR]     # default ../shared/data/urban; BENCH_RUNS=1 for a single run
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
# Three fresh processes (each a cold start, like the CLI), each with three reference COPYs: on a shared machine
# single runs vary by ±20%, so the verdict compares medians.
RUNS="${BENCH_RUNS:-3}"
OUT="$(mktemp)"
for run in $(seq 1 "$RUNS"); do
  echo "--- run $run of $RUNS"
  "${BENCH[@]}" all "$DATA" | tee -a "$OUT"
done
awk '
  /^import: /  { for (i = 1; i <= NF; i++) if ($(i + 1) == "s," && $(i + 3) == "values/s") imports[++ni] = $i }
  /^copy: /    { for (i = 1; i <= NF; i++) if ($(i + 1) == "s,") copies[++nc] = $i }
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                     return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { mi = median(imports, ni); mc = median(copies, nc)
        printf "summary: median import %.2f s of %d runs, median COPY %.2f s of %d, ratio %.2fx\n", mi, ni, mc, nc, mi / mc }' "$OUT"
rm -f "$OUT"
ONE="$DATA/components/metrics_income_county_all_longitudinal.csv"
"${BENCH[@]}" memory "$ONE" 1
"${BENCH[@]}" memory "$ONE" 10
