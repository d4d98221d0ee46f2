#!/usr/bin/env bash
# Times every bundled query, `soa report`, and a few ad-hoc queries of the
# kind scholars ask (filters on unit, year, object type, place, over the full
# tables), each as a new `soa query` process, three times, keeping the median;
# writes benchmarks/results/queries-<records>.jsonl and the table between the
# <!-- queries --> markers of benchmarks/README.md (one column per size
# measured so far).
#
#   benchmarks/queries.sh DATASET [SOA]     SOA: the soa binary (default: built here)
#
# DATASET is a dataset written by `soa convert` (its manifest gives the size).
# Run it under `flock /tmp/soa-bigrun.lock` for datasets above 2M records.
set -euo pipefail
cd "$(dirname "$0")/.."
ds=${1:?usage: benchmarks/queries.sh DATASET [SOA]}
soa=${2:-}
if [ -z "$soa" ]; then
  soa=$(mktemp -d)/soa
  go build -o "$soa" ./cmd/soa
fi
records=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]+"/_manifest.json"))["records"])' "$ds")
out=benchmarks/results/queries-$records.jsonl
mkdir -p benchmarks/results
: > "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median3 KIND NAME CMD...: wall time of three runs of CMD, the median kept,
# and the CPU seconds and peak RSS of that run.
median3() {
  local kind=$1 name=$2; shift 2
  for i in 1 2 3; do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/t$i" "$@" > /dev/null 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  done
  sort -n "$tmp/t1" "$tmp/t2" "$tmp/t3" | sed -n 2p | {
    read -r wall user sys rss
    printf '{"kind":"%s","records":%d,"name":"%s","wall_s":%s,"cpu_s":%.2f,"rss_mb":%d}\n' \
      "$kind" "$records" "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" >> "$out"
    echo "  $kind $name: ${wall}s" >&2
  }
}

for q in $("$soa" query "$ds" --list | awk '/^[a-z]/{print $1}'); do
  median3 query "$q" "$soa" query "$ds" "$q" --format csv
done
median3 report report "$soa" report "$ds" -o "$tmp/report.html"

# Ad-hoc questions over the full tables, as a scholar would type them.
adhoc() { median3 adhoc "$1" "$soa" query "$ds" --format csv --sql "$2"; }
adhoc "SELECT 1 (the fixed cost: process, DuckDB, views)" "SELECT 1"
adhoc "object types of one unit, 1900-1950" \
  "SELECT object_type, count(*) AS n FROM (SELECT unnest(object_types) AS object_type FROM objects WHERE unit_code = 'NMAH' AND year_start BETWEEN 1900 AND 1950) GROUP BY ALL ORDER BY n DESC LIMIT 20"
adhoc "records of one country by unit" \
  "SELECT unit_code, count(*) AS n FROM objects WHERE country = 'Colombia' GROUP BY ALL ORDER BY n DESC"
adhoc "holotypes by decade" \
  "SELECT year_start // 10 * 10 AS decade, count(*) AS n FROM objects WHERE list_contains(object_types, 'Holotypes') GROUP BY ALL ORDER BY decade"
adhoc "titles of records from one place (facets join)" \
  "SELECT o.record_id, o.title FROM objects o SEMI JOIN (SELECT record_id FROM facets WHERE facet = 'place' AND value = 'Frederick County') f USING (record_id) ORDER BY o.record_id LIMIT 100"
adhoc "titles of records from one place (objects.places)" \
  "SELECT record_id, title FROM objects WHERE list_contains(places, 'Frederick County') ORDER BY record_id LIMIT 100"
adhoc "one unit's records before 1800" \
  "SELECT record_id, title, year_start FROM objects WHERE unit_code = 'NMNHBOTANY' AND year_start < 1800 ORDER BY year_start, record_id LIMIT 100"

python3 - "$records" <<'PY'
import glob, json, re, sys
sizes = {}
for path in glob.glob("benchmarks/results/queries-*.jsonl"):
    for line in open(path):
        r = json.loads(line)
        sizes.setdefault(r["records"], {})[(r["kind"], r["name"])] = (r["wall_s"], r["cpu_s"])
cols = sorted(sizes)
rows = []
for kind in ("query", "report", "adhoc"):
    names = sorted({n for s in sizes.values() for k, n in s if k == kind})
    for n in names:
        label = {"query": f"`{n}`", "report": "`soa report`", "adhoc": f"ad hoc: {n}"}[kind]
        rows.append("| " + label + " | " + " | ".join(
            ("%.2f (%.2f)" % sizes[c][(kind, n)] if (kind, n) in sizes[c] else "-") for c in cols) + " |")
head = "| query (new `soa query` process, median of 3) | " + " | ".join(f"{c:,} records: wall s (CPU s)" for c in cols) + " |"
table = "\n".join([head, "|---|" + "---:|" * len(cols)] + rows)
readme = open("benchmarks/README.md").read()
block = "<!-- queries -->\n" + table + "\n<!-- /queries -->"
readme = re.sub(r"<!-- queries -->.*<!-- /queries -->", lambda m: block, readme, flags=re.S)
open("benchmarks/README.md", "w").write(readme)
PY
echo "results: $out; table written to benchmarks/README.md" >&2
