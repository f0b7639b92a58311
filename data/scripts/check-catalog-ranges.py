#!/usr/bin/env python3
"""Check the metric catalog (data/catalog/framework.json) against real Mobility Metrics CSVs.

Usage:
    python3 data/scripts/check-catalog-ranges.py [DATA_DIR] [--catalog PATH]

DATA_DIR defaults to ../shared/data/urban relative to the repository root; every
*.csv below it is scanned. The script

  1. loads the catalog and checks its shape (5 pillars, 24 predictors, known units
     and directions, unique keys and aliases, <key|alias>_quality listed);
  2. checks that every CSV header is accounted for: an id/name column, a metric key
     or alias, <key|alias>_lb / _ub, or a column listed in some qualityColumns;
  3. for each metric, reports the min/max seen in value columns and in bound
     columns against validMin/validMax (a:b values such as 0.190:0.272,
     20.8%:27.5% or 2235:1 are read as a/b; b = 0 is skipped);
  4. checks that quality columns hold only 1/2/3, Strong/Marginal/Weak or missing.

Exit status: 0 = no problems, 1 = problems found, 2 = could not run.
Standard library only.
"""

import argparse
import csv
import io
import json
import math
import os
import re
import sys

ID_COLUMNS = {
    "year", "state", "county", "state_name", "county_name", "subgroup_type",
    "subgroup", "place", "place_name", "population",
}
UNITS = {"share", "dollars", "ratePer100k", "ratePer10k", "count", "ratio", "index", "abRatio"}
DIRECTIONS = {"up", "down", "parity", "context"}
MISSING = {"", "na", "n/a", "nan", "null", "none", "."}
QUALITY_WORDS = {"strong", "marginal", "weak"}
EXPECTED_DIMENSIONS = 3
EXPECTED_PILLARS = 5
EXPECTED_PREDICTORS = 24

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_text(path):
    """Read a CSV as text: UTF-8 (BOM stripped), falling back to Windows-1252."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return raw.decode("latin-1"), "latin-1"


def parse_plain(text):
    """Number from one side of a value: '0.19', '.99', '20.8%', '1,234'. None if not a number."""
    t = text.strip()
    pct = t.endswith("%")
    if pct:
        t = t[:-1].strip()
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    try:
        x = float(t)
    except ValueError:
        return None
    if math.isnan(x) or math.isinf(x):
        return None
    return x / 100.0 if pct else x


def parse_value(cell):
    """Return (kind, number). kind: missing | number | zero_denominator | text."""
    s = cell.strip().strip('"').strip()
    if s.lower() in MISSING:
        return "missing", None
    if ":" in s:
        parts = s.split(":")
        if len(parts) != 2:
            return "text", None
        a, b = parse_plain(parts[0]), parse_plain(parts[1])
        if a is None or b is None:
            return "text", None
        if b == 0:
            return "zero_denominator", None
        return "number", a / b
    x = parse_plain(s)
    if x is None:
        return "text", None
    return "number", x


def quality_ok(cell):
    s = cell.strip().strip('"').strip()
    if s.lower() in MISSING or s.lower() in QUALITY_WORDS:
        return True
    x = parse_plain(s)
    return x is not None and x in (1.0, 2.0, 3.0)


def is_number_or_null(v):
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))


class Stats:
    def __init__(self):
        self.n = 0
        self.lo = None
        self.hi = None
        self.below = 0
        self.above = 0

    def add(self, x, vmin, vmax):
        self.n += 1
        self.lo = x if self.lo is None else min(self.lo, x)
        self.hi = x if self.hi is None else max(self.hi, x)
        if vmin is not None and x < vmin:
            self.below += 1
        if vmax is not None and x > vmax:
            self.above += 1


def check_catalog(cat, problems):
    """Validate catalog shape; return list of metric dicts."""
    if cat.get("version") != 1:
        problems.append("catalog: version must be 1")
    dims = cat.get("dimensions") or []
    if len(dims) != EXPECTED_DIMENSIONS:
        problems.append("catalog: expected %d dimensions, found %d" % (EXPECTED_DIMENSIONS, len(dims)))
    for d in dims:
        for f in ("key", "name", "description"):
            if not isinstance(d.get(f), str) or not d.get(f):
                problems.append("catalog: dimension %r missing %s" % (d.get("key"), f))
    pillars = cat.get("pillars") or []
    if len(pillars) != EXPECTED_PILLARS:
        problems.append("catalog: expected %d pillars, found %d" % (EXPECTED_PILLARS, len(pillars)))
    metrics = []
    keys_seen = set()
    n_pred = 0
    for p in pillars:
        for f in ("key", "name", "description"):
            if not isinstance(p.get(f), str) or not p.get(f):
                problems.append("catalog: pillar %r missing %s" % (p.get("key"), f))
        if p.get("key") in keys_seen:
            problems.append("catalog: duplicate key %r" % p.get("key"))
        keys_seen.add(p.get("key"))
        for pr in p.get("predictors") or []:
            n_pred += 1
            for f in ("key", "name", "description"):
                if not isinstance(pr.get(f), str) or not pr.get(f):
                    problems.append("catalog: predictor %r missing %s" % (pr.get("key"), f))
            if pr.get("key") in keys_seen:
                problems.append("catalog: duplicate key %r" % pr.get("key"))
            keys_seen.add(pr.get("key"))
            if not pr.get("metrics"):
                problems.append("catalog: predictor %r has no metrics" % pr.get("key"))
            metrics.extend(pr.get("metrics") or [])
    if n_pred != EXPECTED_PREDICTORS:
        problems.append("catalog: expected %d predictors, found %d" % (EXPECTED_PREDICTORS, n_pred))

    names = {}
    for m in metrics:
        k = m.get("key")
        where = "catalog: metric %r" % k
        for f in ("key", "label", "description", "source"):
            if not isinstance(m.get(f), str) or not m.get(f):
                problems.append("%s: missing %s" % (where, f))
        if not isinstance(m.get("caveats"), str):
            problems.append("%s: caveats must be a string" % where)
        if m.get("unit") not in UNITS:
            problems.append("%s: unknown unit %r" % (where, m.get("unit")))
        if m.get("direction") not in DIRECTIONS:
            problems.append("%s: unknown direction %r" % (where, m.get("direction")))
        if not isinstance(m.get("retired"), bool):
            problems.append("%s: retired must be true/false" % where)
        if not isinstance(m.get("aliases"), list) or not isinstance(m.get("qualityColumns"), list):
            problems.append("%s: aliases and qualityColumns must be lists" % where)
            continue
        vmin, vmax = m.get("validMin"), m.get("validMax")
        if "validMin" not in m or "validMax" not in m or not is_number_or_null(vmin) or not is_number_or_null(vmax):
            problems.append("%s: validMin/validMax must be numbers or null" % where)
        elif vmin is not None and vmax is not None and vmin > vmax:
            problems.append("%s: validMin > validMax" % where)
        for name in [k] + m["aliases"]:
            low = str(name).lower()
            if low in names and names[low] is not m:
                problems.append("%s: name %r also used by metric %r" % (where, name, names[low].get("key")))
            names[low] = m
            if low + "_quality" not in [q.lower() for q in m["qualityColumns"]]:
                problems.append("%s: qualityColumns lacks %s_quality" % (where, name))
        if len(set(q.lower() for q in m["qualityColumns"])) != len(m["qualityColumns"]):
            problems.append("%s: duplicate qualityColumns" % where)
    for m in metrics:
        for q in m.get("qualityColumns") or []:
            if q.lower() in names:
                problems.append("catalog: quality column %r is also a metric name" % q)
    return metrics


def fmt(x):
    if x is None:
        return "-"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return "%.6g" % x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", nargs="?", default=os.path.join(repo_root(), "..", "shared", "data", "urban"),
                    help="folder scanned recursively for *.csv (default: ../shared/data/urban from the repo root)")
    ap.add_argument("--catalog", default=os.path.join(repo_root(), "data", "catalog", "framework.json"),
                    help="catalog JSON (default: data/catalog/framework.json)")
    args = ap.parse_args()

    try:
        with open(args.catalog, encoding="utf-8-sig") as f:
            cat = json.load(f)
    except (OSError, ValueError) as e:
        print("ERROR: cannot load catalog %s: %s" % (args.catalog, e), file=sys.stderr)
        return 2
    data_dir = os.path.normpath(args.data_dir)
    if not os.path.isdir(data_dir):
        print("ERROR: data folder not found: %s" % data_dir, file=sys.stderr)
        return 2

    problems = []
    notes = []
    metrics = check_catalog(cat, problems)

    value_cols = {}    # lower-case name -> metric
    quality_cols = {}  # lower-case name -> [metric keys]
    for m in metrics:
        for name in [m.get("key")] + list(m.get("aliases") or []):
            value_cols[str(name).lower()] = m
        for q in m.get("qualityColumns") or []:
            quality_cols.setdefault(q.lower(), []).append(m.get("key"))

    files = []
    for dirpath, dirnames, filenames in os.walk(data_dir):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.lower().endswith(".csv"):
                files.append(os.path.join(dirpath, fn))
    if not files:
        print("ERROR: no CSV files under %s" % data_dir, file=sys.stderr)
        return 2

    vstats = {m.get("key"): Stats() for m in metrics}
    bstats = {m.get("key"): Stats() for m in metrics}
    text_cells = {}     # (file, column) -> (count, example)
    zero_den = {}       # metric key -> count
    bad_quality = {}    # (file, column) -> (count, example)
    unaccounted = {}    # column -> [files]
    seen_metrics = set()

    for path in files:
        rel = os.path.relpath(path, data_dir)
        text, enc = read_text(path)
        if enc != "utf-8":
            notes.append("%s: decoded as %s" % (rel, enc))
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            notes.append("%s: empty file" % rel)
            continue
        roles = []  # per column: (kind, metric) kind in id/value/bound/quality/unknown
        for h in header:
            name = h.strip().strip('"').strip().lower()
            if name in ID_COLUMNS:
                roles.append(("id", None))
            elif name in value_cols:
                roles.append(("value", value_cols[name]))
            elif (name.endswith("_lb") or name.endswith("_ub")) and name[:-3] in value_cols:
                roles.append(("bound", value_cols[name[:-3]]))
            elif name in quality_cols:
                roles.append(("quality", None))
            else:
                roles.append(("unknown", None))
                unaccounted.setdefault(h.strip(), []).append(rel)
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            for i, cell in enumerate(row[:len(roles)]):
                kind, m = roles[i]
                if kind in ("value", "bound"):
                    pk, x = parse_value(cell)
                    key = m.get("key")
                    if pk == "number":
                        seen_metrics.add(key)
                        st = vstats[key] if kind == "value" else bstats[key]
                        st.add(x, m.get("validMin"), m.get("validMax"))
                    elif pk == "zero_denominator":
                        zero_den[key] = zero_den.get(key, 0) + 1
                    elif pk == "text":
                        c, ex = text_cells.get((rel, header[i]), (0, cell))
                        text_cells[(rel, header[i])] = (c + 1, ex)
                elif kind == "quality" and not quality_ok(cell):
                    c, ex = bad_quality.get((rel, header[i]), (0, cell))
                    bad_quality[(rel, header[i])] = (c + 1, ex)

    # Report
    print("Catalog: %s" % os.path.normpath(args.catalog))
    print("Data:    %s (%d CSV files)" % (data_dir, len(files)))
    print()
    cols = ("metric", "unit", "validMin", "validMax", "values", "min", "max", "bounds", "bMin", "bMax", "status")
    rows = []
    for m in metrics:
        k = m.get("key")
        v, b = vstats[k], bstats[k]
        status = []
        if v.below or b.below:
            status.append("BELOW MIN (%d)" % (v.below + b.below))
        if v.above or b.above:
            status.append("ABOVE MAX (%d)" % (v.above + b.above))
        if v.below or b.below or v.above or b.above:
            problems.append("metric %s: %d value(s) below validMin %s, %d above validMax %s (seen %s..%s, bounds %s..%s)" % (
                k, v.below + b.below, fmt(m.get("validMin")), v.above + b.above, fmt(m.get("validMax")),
                fmt(v.lo), fmt(v.hi), fmt(b.lo), fmt(b.hi)))
        if k not in seen_metrics:
            status.append("no data")
        rows.append((k, m.get("unit"), fmt(m.get("validMin")), fmt(m.get("validMax")),
                     str(v.n), fmt(v.lo), fmt(v.hi), str(b.n), fmt(b.lo), fmt(b.hi),
                     ", ".join(status) or "ok"))
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)] if rows else [len(c) for c in cols]
    right = {2, 3, 4, 5, 6, 7, 8, 9}
    def line(r):
        return "  ".join(r[i].rjust(widths[i]) if i in right else r[i].ljust(widths[i]) for i in range(len(cols))).rstrip()
    print(line(cols))
    print(line(tuple("-" * w for w in widths)))
    for r in rows:
        print(line(r))
    print()

    for col, where in sorted(unaccounted.items()):
        problems.append("unaccounted column %r in %s" % (col, ", ".join(where)))
    for (rel, col), (c, ex) in sorted(text_cells.items()):
        problems.append("%s: column %s has %d non-numeric value(s), e.g. %r" % (rel, col, c, ex))
    for (rel, col), (c, ex) in sorted(bad_quality.items()):
        problems.append("%s: quality column %s has %d unexpected value(s), e.g. %r" % (rel, col, c, ex))
    no_data = [m.get("key") for m in metrics if m.get("key") not in seen_metrics]
    if no_data:
        notes.append("%d metric(s) with no numeric data: %s" % (len(no_data), ", ".join(no_data)))
    for k, c in sorted(zero_den.items()):
        notes.append("metric %s: %d a:b value(s) with b = 0 skipped" % (k, c))

    for n in notes:
        print("note: " + n)
    if problems:
        print()
        for p in problems:
            print("PROBLEM: " + p)
        print("\nFAILED: %d problem(s)" % len(problems))
        return 1
    print("\nOK: %d metrics, %d CSV files, every header accounted for, all values within range" % (len(metrics), len(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
