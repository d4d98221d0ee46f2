#!/usr/bin/env bash
# soa against a peer, timed in alternation (soa, peer, soa, peer, ...) so
# that both see the same machine: a sequential best-of-two drifts with
# whatever else the machine does. Writes one "pair" line per run to
# results/pairs.jsonl; report.py renders the median of each tool and the
# median and range of the per-pair ratio (soa's wall time / the peer's).
#
#   benchmarks/pairs.sh [-n PAIRS] [-p PEER] SIZE...
#
# PAIRS defaults to 3, PEER to duckdb-full (DuckDB 1.5.6 with
# sample_size=-1, union_by_name=true: the fastest peer that converts this
# corpus; see run.sh for the others). PEER may name several, comma-separated
# (-p duckdb-full,duckdb2-mem): each round runs soa, then each peer, and
# every peer's ratio is taken against the soa run of its own round. Corpora and the venvs are shared with
# run.sh ($SOA_BENCH_WORK, default /tmp/soa-bench). Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${SOA_BENCH_WORK:-/tmp/soa-bench}
pairs=3 peer=duckdb-full
while getopts n:p: o; do case $o in n) pairs=$OPTARG ;; p) peer=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: benchmarks/pairs.sh [-n PAIRS] [-p PEER] SIZE..." >&2; exit 2; }
results=$repo/benchmarks/results/pairs.jsonl
mkdir -p "$work" "$(dirname "$results")"
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
IFS=, read -r -a peers <<< "$peer"
# python PEER: the venv that has the peer's library (DuckDB 2.0 has its own).
python() { case $1 in duckdb2*) echo "$work/venv-duckdb2/bin/python" ;; *) echo "$work/venv/bin/python" ;; esac; }
for v in venv:requirements.txt venv-duckdb2:requirements-duckdb2.txt; do
  dir=$work/${v%%:*}
  [ -x "$dir/bin/python" ] || python3 -m venv "$dir"
  "$dir/bin/pip" install -q -r "benchmarks/${v#*:}"
done
go build -o "$work/soa" ./cmd/soa
soa=$work/soa
commit=$(git rev-parse HEAD)
git diff --quiet HEAD -- . ':!benchmarks/results' ':!benchmarks/README.md' || commit="$commit+uncommitted"
: > "$results"
versions=$(for p in "${peers[@]}"; do
  lib=$(case $p in duckdb*) echo duckdb ;; chdb*) echo chdb ;; datafusion*) echo datafusion ;; polars*) echo polars ;; *) echo pyarrow ;; esac)
  printf '%s %s\n' "$p" "$("$(python "$p")" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$lib")"
done | jq -Rn '[inputs | split(" ") | {(.[0]): .[1]}] | add')
jq -nc --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" --argjson cores "$(nproc)" \
  --arg go "$(go version | awk '{print $3}')" --arg commit "$commit" --arg date "$(date -u +%Y-%m-%dT%H:%MZ)" \
  --arg peer "$peer" --argjson peer_versions "$versions" \
  --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{kind:"machine", cpu:$cpu, cores:$cores, go:$go, commit:$commit, date:$date, peer:$peer, peer_versions:$peer_versions, load:$load}' >> "$results"

# run SIZE PAIR TOOL OUT CMD...: one timed run as a "pair" line.
run() {
  local size=$1 pair=$2 tool=$3 out=$4; shift 4
  rm -rf "$out"; sync
  local ok=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr" || ok=$?
  read -r wall user sys rss < <(tail -1 "$work/time")
  if [ $ok != 0 ]; then echo "$tool failed (exit $ok):" >&2; tail -3 "$work/stderr" >&2; exit 1; fi
  if [ "$tool" = soa ] && [ "$(jq .records "$out/_manifest.json")" != "$size" ]; then
    echo "soa's manifest does not hold $size records" >&2; exit 1
  fi
  jq -nc --argjson size "$size" --argjson pair "$pair" --arg tool "$tool" --argjson wall "$wall" \
    --argjson cpu "$(echo "$user + $sys" | bc)" --argjson rss "$((rss / 1024))" \
    --argjson bytes "$(du -sb "$out" | cut -f1)" --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
    '{kind:"pair", size:$size, pair:$pair, tool:$tool, wall_s:$wall, cpu_s:$cpu, rss_mb:$rss, out_bytes:$bytes, load:$load}' >> "$results"
  echo "  pair $pair $tool: ${wall}s, $((rss / 1024)) MB" >&2
}

for n in "$@"; do
  echo "== $n records, $pairs pairs of soa and $peer" >&2
  s3=$work/s3-$n
  if [ ! -d "$s3" ]; then
    "$soa" gen --records "$n" --seed 1 --layout s3 -o "$s3.tmp" --progress=none && mv "$s3.tmp" "$s3"
  fi
  mapfile -t plain < <(find "$s3" -name '??.txt' | sort)
  cat "${plain[@]}" > /dev/null
  for i in $(seq 1 "$pairs"); do
    run "$n" "$i" soa "$work/out-soa-plain" "$soa" convert -o "$work/out-soa-plain" --progress=none "$s3"
    for p in "${peers[@]}"; do
      run "$n" "$i" "$p" "$work/out-$p" "$(python "$p")" benchmarks/peers.py "$p" "$work/out-$p" "${plain[@]}"
    done
  done
done
"$work/venv/bin/python" benchmarks/report.py benchmarks/README.md
echo "results: $results; table written to benchmarks/README.md (<!-- pairs -->)" >&2
