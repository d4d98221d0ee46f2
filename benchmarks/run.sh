#!/usr/bin/env bash
# Regenerates the results in benchmarks/README.md: soa against DuckDB, polars
# and pyarrow, and the decompression floors (cat, lbzip2), on generated
# corpora of each size, in one run on one machine. Nothing is typed by hand:
# every number comes from results/results.jsonl, written here.
#
#   benchmarks/run.sh [SIZE...]        default: 100000 1000000
#   benchmarks/run.sh --full [SIZE]    the full-size row: soa and cat on plain
#                                      shards only (default 11620642 records;
#                                      about 31 GB of JSON), into results/full.jsonl
#
# Work files go to $SOA_BENCH_WORK (default /tmp/soa-bench): about 3 GB of
# corpus and outputs per million records.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${SOA_BENCH_WORK:-/tmp/soa-bench}
full=0
if [ "${1:-}" = --full ]; then full=1; shift; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || { [ $full = 1 ] && sizes=(11620642) || sizes=(100000 1000000); }
results=$repo/benchmarks/results/results.jsonl
[ $full = 1 ] && results=$repo/benchmarks/results/full.jsonl
mkdir -p "$work" "$(dirname "$results")"

command -v lbzip2 >/dev/null || { apt-get update -qq && apt-get install -y -qq lbzip2 >/dev/null; }
[ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q -r benchmarks/requirements.txt
py=$work/venv/bin/python
go build -o "$work/soa" ./cmd/soa
soa=$work/soa

: > "$results"
machine=$(printf '{"kind":"machine","cpu":"%s","cores":%d,"mem_gb":%d,"go":"%s","soa":"%s","duckdb":"%s","polars":"%s","pyarrow":"%s","lbzip2":"%s"}' \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(nproc)" "$(free -g | awk '/Mem:/{print $2}')" \
  "$(go version | awk '{print $3}')" "$(git rev-parse --short HEAD)" \
  "$($py -c 'import duckdb;print(duckdb.__version__)')" "$($py -c 'import polars;print(polars.__version__)')" \
  "$($py -c 'import pyarrow;print(pyarrow.__version__)')" "$(lbzip2 --version 2>&1 | head -1 | grep -o "[0-9]\+\.[0-9.]*" | head -1)")
echo "$machine" >> "$results"

# measure SIZE TOOL INPUT OUT CMD...: wall, CPU and peak RSS of CMD, the size
# of OUT, and whether it succeeded. A run that succeeds is run twice and the
# faster kept: these machines share their host, and a neighbour can halve a
# single run's speed for a minute.
measure() {
  local size=$1 tool=$2 input=$3 out=$4; shift 4
  local status=ok wall=0 user=0 sys=0 rss=0
  for attempt in 1 2; do
    rm -rf "$out"; sync
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr"; then
      status=failed
      read -r wall user sys rss < <(tail -1 "$work/time")
      break
    fi
    read -r w u s r < <(tail -1 "$work/time")
    if [ "$attempt" = 1 ] || [ "$(echo "$w < $wall" | bc)" = 1 ]; then wall=$w user=$u sys=$s rss=$r; fi
  done
  local bytes=0
  [ -e "$out" ] && bytes=$(du -sb "$out" | cut -f1)
  local err=""
  # The last line that says what went wrong, made safe for a JSON string.
  [ $status = ok ] || err=$(grep -E '(Error|Exception|Invalid)[A-Za-z]*: ' "$work/stderr" | tail -1 |
    tr -c '[:print:]' ' ' | cut -c1-220 | sed 's/\\/\\\\/g; s/"/\\"/g')
  printf '{"kind":"run","size":%d,"tool":"%s","input":"%s","wall_s":%s,"cpu_s":%.2f,"rss_mb":%d,"out_bytes":%d,"status":"%s","error":"%s"}\n' \
    "$size" "$tool" "$input" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$bytes" "$status" "$err" >> "$results"
  echo "  $tool ($input): ${wall}s, $((rss / 1024)) MB, $status" >&2
  [ $status = ok ] && touch "$work/ok-$(basename "$out" | sed 's/^out-//')"
  return 0
}

for n in "${sizes[@]}"; do
  echo "== $n records" >&2
  s3=$work/s3-$n gh=$work/gh-$n
  [ -d "$s3" ] || "$soa" gen --records "$n" --seed 1 --layout s3 -o "$s3" --progress=none >&2
  mapfile -t plain < <(find "$s3" -name '??.txt' | sort)
  if [ $full = 1 ]; then
    printf '{"kind":"corpus","size":%d,"plain_bytes":%d,"bz2_bytes":0,"files":%d}\n' "$n" \
      "$(cat "${plain[@]}" | wc -c)" "${#plain[@]}" >> "$results"
    measure "$n" cat plain /dev/null/none sh -c 'cat "$@" > /dev/null' _ "${plain[@]}"
    measure "$n" soa plain "$work/out-soa" "$soa" convert -o "$work/out-soa" --progress=none "$s3"
    continue
  fi
  [ -d "$gh" ] || "$soa" gen --records "$n" --seed 1 --layout github -o "$gh" --progress=none >&2
  mapfile -t bz < <(find "$gh" -name '??.txt.bz2' | sort)
  printf '{"kind":"corpus","size":%d,"plain_bytes":%d,"bz2_bytes":%d,"files":%d}\n' "$n" \
    "$(cat "${plain[@]}" | wc -c)" "$(cat "${bz[@]}" | wc -c)" "${#plain[@]}" >> "$results"

  cat "${plain[@]}" "${bz[@]}" > /dev/null  # every tool reads from the page cache
  measure "$n" cat plain /dev/null/none sh -c 'cat "$@" > /dev/null' _ "${plain[@]}"
  measure "$n" "lbzip2 -d" bz2 /dev/null/none sh -c 'lbzip2 -dc -n "$(nproc)" "$@" > /dev/null' _ "${bz[@]}"
  rm -f "$work"/ok-*
  measure "$n" soa bz2 "$work/out-soa" "$soa" convert -o "$work/out-soa" --progress=none "$gh"
  measure "$n" soa plain "$work/out-soa" "$soa" convert -o "$work/out-soa" --progress=none "$s3"
  measure "$n" duckdb plain "$work/out-duckdb" "$py" benchmarks/peers.py duckdb "$work/out-duckdb" "${plain[@]}"
  measure "$n" "duckdb (sample all rows)" plain "$work/out-duckdb-full" "$py" benchmarks/peers.py duckdb-full "$work/out-duckdb-full" "${plain[@]}"
  measure "$n" polars plain "$work/out-polars" "$py" benchmarks/peers.py polars "$work/out-polars" "${plain[@]}"
  measure "$n" "polars (infer all rows)" plain "$work/out-polars-full" "$py" benchmarks/peers.py polars-full "$work/out-polars-full" "${plain[@]}"
  measure "$n" pyarrow plain "$work/out-pyarrow" "$py" benchmarks/peers.py pyarrow "$work/out-pyarrow" "${plain[@]}"

  # What each peer lost (a JSON scan in Python: done at the smallest size).
  if [ "$n" = "${sizes[0]}" ]; then
    for peer in duckdb duckdb-full polars polars-full pyarrow; do
      # Only a run that finished has an output worth scanning.
      if [ -f "$work/ok-$peer" ]; then
        printf '{"kind":"fidelity","size":%d,"tool":"%s","report":%s}\n' "$n" "$peer" \
          "$("$py" benchmarks/compare.py "$s3" "$work/out-$peer")" >> "$results"
      fi
    done
  fi

  # Bundled queries on soa's dataset of this size.
  "$soa" convert -o "$work/out-soa" --progress=none "$s3" >/dev/null
  SOA_BENCH_DATASET=$work/out-soa go test ./queries -run '^$' -bench Queries -benchtime 3x 2>/dev/null |
    awk -v n="$n" '/^BenchmarkQueries\//{split($1,a,"/"); sub(/-[0-9]+$/,"",a[2]); printf "{\"kind\":\"query\",\"size\":%d,\"query\":\"%s\",\"ms\":%.1f}\n", n, a[2], $3/1e6}' >> "$results"
done

"$py" benchmarks/report.py benchmarks/README.md benchmarks/results/results.jsonl benchmarks/results/full.jsonl
echo "results: $results; tables written to benchmarks/README.md" >&2
