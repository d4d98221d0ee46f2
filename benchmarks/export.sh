#!/usr/bin/env bash
# Times `soa export images` (issue 27) on a generated corpus: wall time, CPU
# and peak RSS (/usr/bin/time -v) of exporting every CC0 image to Parquet,
# CSV and JSON lines, and of one filtered export; writes
# benchmarks/results/export-<records>.jsonl and prints it.
#
#   benchmarks/export.sh [RECORDS] [SOA]   default 1000000; SOA: the soa
#                                          binary (default: built here)
#
# The corpus and its dataset are made once under $SOA_BENCH_WORK (default
# /tmp/soa-bench), in export-<records>/, and kept for later runs (about
# 3 GB per million records). Each export runs twice and the faster run is
# kept. Run it on a quiet machine; above 2M records hold
# `flock /tmp/soa-bigrun.lock`.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
soa=${2:-}
work=${SOA_BENCH_WORK:-/tmp/soa-bench}/export-$records
mkdir -p "$work"
if [ -z "$soa" ]; then
  soa=$work/soa
  go build -o "$soa" ./cmd/soa
fi
if [ ! -f "$work/ds/_manifest.json" ]; then
  [ -d "$work/corpus" ] || "$soa" gen --records "$records" --layout s3 --compress none --progress none -o "$work/corpus"
  "$soa" convert --progress none -o "$work/ds" "$work/corpus"
fi
out=benchmarks/results/export-$records.jsonl
mkdir -p benchmarks/results
: > "$out"

# best2 NAME FILE ARGS...: the faster of two runs of soa export images.
best2() {
  local name=$1 file=$2; shift 2
  local best=""
  for i in 1 2; do
    rm -f "$work/$file"
    /usr/bin/time -v -o "$work/time" "$soa" export images "$work/ds" -o "$work/$file" --progress none "$@" > "$work/stdout"
    local wall rss cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time")
    cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$work/time")
    rss=$(awk -F': ' '/Maximum resident/{print int($2/1024)}' "$work/time")
    if [ -z "$best" ] || [ "$(echo "$wall < ${best%% *}" | bc)" = 1 ]; then best="$wall $cpu $rss"; fi
  done
  read -r wall cpu rss <<< "$best"
  local rows bytes
  rows=$(grep -oE '^Exported [0-9]+' "$work/stdout" | awk '{print $2}')
  bytes=$(stat -c %s "$work/$file")
  printf '{"records":%d,"name":"%s","rows":%d,"bytes":%d,"wall_s":%s,"cpu_s":%s,"rss_mb":%d,"cores":%d,"load":"%s"}\n' \
    "$records" "$name" "$rows" "$bytes" "$wall" "$cpu" "$rss" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
}

best2 cc0-parquet images.parquet
best2 cc0-csv images.csv
best2 cc0-jsonl images.jsonl
best2 all-rights-parquet all.parquet --all-rights
best2 where-botany-parquet botany.parquet --where "unit_code = 'NMNHBOTANY'"
