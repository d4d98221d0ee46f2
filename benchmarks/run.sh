#!/usr/bin/env bash
# Regenerates the results in benchmarks/README.md: soa against DuckDB, polars
# and pyarrow, and the decompression floors (cat, lbzip2), on generated
# corpora of each size, in one run on one machine. Nothing is typed by hand:
# every number in the README's tables comes from a results file written
# here (with the commit and tool versions), rendered by report.py.
#
#   benchmarks/run.sh [SIZE...]        default: 100000 1000000, into
#                                      results/results.jsonl
#   benchmarks/run.sh --full [SIZE]    the full size (default 11620642
#                                      records, ~33 GB of JSON): soa on the
#                                      plain and the bzip2 shards, and the
#                                      floors, into results/full.jsonl
#
# SOA_BENCH_BZIP2=0 leaves out the bzip2 shards (their generation is the
# longest step at full size: about 50 minutes at a load of 9 on 2 cores).
#
# Every command runs twice from a warm page cache and the faster run is
# kept, unless its first run took over $SOA_BENCH_ONCE_S seconds (default
# 300): those run once, and the tables say so. A command that exits
# non-zero, or a soa run whose manifest does not hold every record, is
# reported as failed, never timed as a success.
#
# Work files go to $SOA_BENCH_WORK (default /tmp/soa-bench): about 3 GB of
# corpus and outputs per million records; the full size needs about 45 GB.
# Run it on a quiet machine: the tables are only as good as the machine was
# idle (on a shared machine, hold `flock /tmp/soa-bigrun.lock` above 2M).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${SOA_BENCH_WORK:-/tmp/soa-bench}
once_s=${SOA_BENCH_ONCE_S:-300}
full=0
if [ "${1:-}" = --full ]; then full=1; shift; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || { [ $full = 1 ] && sizes=(11620642) || sizes=(100000 1000000); }
results=$repo/benchmarks/results/results.jsonl
[ $full = 1 ] && results=$repo/benchmarks/results/full.jsonl
mkdir -p "$work" "$(dirname "$results")"

command -v lbzip2 >/dev/null || { apt-get update -qq && apt-get install -y -qq lbzip2 >/dev/null; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
[ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q -r benchmarks/requirements.txt
py=$work/venv/bin/python
# DuckDB 2.0 cannot share an environment with the 1.5.6 above: its peers
# run from a second one.
[ -x "$work/venv-duckdb2/bin/python" ] || python3 -m venv "$work/venv-duckdb2"
"$work/venv-duckdb2/bin/pip" install -q -r benchmarks/requirements-duckdb2.txt
py2=$work/venv-duckdb2/bin/python
go build -o "$work/soa" ./cmd/soa
soa=$work/soa
cores=$(nproc)
mem_mb=$(free -m | awk '/Mem:/{print $2}')
declare -A peak_rss peak_size

commit=$(git rev-parse HEAD)
git diff --quiet HEAD -- . ':!benchmarks/results' ':!benchmarks/README.md' || commit="$commit+uncommitted"
: > "$results"
jq -nc --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" --argjson cores "$cores" \
  --argjson mem "$(free -g | awk '/Mem:/{print $2}')" --arg go "$(go version | awk '{print $3}')" \
  --arg commit "$commit" --arg date "$(date -u +%Y-%m-%dT%H:%MZ)" \
  --arg duckdb "$($py -c 'import duckdb;print(duckdb.__version__)')" --arg polars "$($py -c 'import polars;print(polars.__version__)')" \
  --arg pyarrow "$($py -c 'import pyarrow;print(pyarrow.__version__)')" \
  --arg duckdb2 "$($py2 -c 'import duckdb;print(duckdb.__version__)')" --arg chdb "$($py -c 'import chdb;print(chdb.__version__)')" \
  --arg datafusion "$($py -c 'import datafusion;print(datafusion.__version__)')" \
  --arg lbzip2 "$(dpkg-query -W -f '${Version}' lbzip2 2>/dev/null || lbzip2 --version 2>&1 | head -1)" \
  --arg once "$once_s" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{kind:"machine", cpu:$cpu, cores:$cores, mem_gb:$mem, go:$go, commit:$commit, date:$date,
    duckdb:$duckdb, polars:$polars, pyarrow:$pyarrow, duckdb2:$duckdb2, chdb:$chdb, datafusion:$datafusion, lbzip2:$lbzip2, once_s:($once|tonumber), load:$load}' >> "$results"

# timed OUT CMD...: runs CMD under /usr/bin/time, stdout and stderr to
# $work/stdout and $work/stderr; sets wall, cpu, rss (MB) and ok (0 or the
# exit status).
timed() {
  local out=$1; shift
  rm -rf "$out"; sync
  ok=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr" || ok=$?
  read -r wall user sys rss < <(tail -1 "$work/time")
  cpu=$(echo "$user + $sys" | bc)
  rss=$((rss / 1024))
}

# check_soa OUT N: soa's dataset holds N records and no rejects.
check_soa() {
  [ "$(jq '.records' "$1/_manifest.json" 2>/dev/null)" = "$2" ] && [ "$(jq '.rejects' "$1/_manifest.json")" = 0 ]
}

# measure SIZE TOOL INPUT OUT CMD...: wall, CPU and peak RSS of CMD, the size
# of OUT, and whether it succeeded, as one "run" line of the results file.
measure() {
  local size=$1 tool=$2 input=$3 out=$4; shift 4
  local status=ok best_wall="" best_cpu="" best_rss="" runs=0 err=""
  for attempt in 1 2; do
    timed "$out" "$@"
    runs=$attempt
    if [ "$ok" = 0 ] && [ "$tool" = soa ] && ! check_soa "$out" "$size"; then
      ok=manifest; echo "soa's manifest does not hold $size records and no rejects" >> "$work/stderr"
    fi
    if [ "$ok" != 0 ]; then
      status=failed best_wall=$wall best_cpu=$cpu best_rss=$rss
      # The last line that says what went wrong.
      err=$(grep -E '[A-Za-z.]*(Error|Exception)[A-Za-z]*: |manifest does not' "$work/stderr" | tail -1 | tr -c '[:print:]' ' ' | cut -c1-220)
      [ -n "$err" ] || err=$(grep -v '^\s*$' "$work/stderr" | tail -1 | tr -c '[:print:]' ' ' | cut -c1-220)
      [ -n "$err" ] || err="exit status $ok"
      break
    fi
    if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc)" = 1 ]; then best_wall=$wall best_cpu=$cpu best_rss=$rss; fi
    [ "$(echo "$wall > $once_s" | bc)" = 1 ] && break
  done
  local bytes=0
  [ -e "$out" ] && bytes=$(du -sb "$out" | cut -f1)
  jq -nc --argjson size "$size" --arg tool "$tool" --arg input "$input" --argjson wall "$best_wall" \
    --argjson cpu "$best_cpu" --argjson rss "$best_rss" --argjson bytes "$bytes" --arg status "$status" \
    --arg error "$err" --argjson runs "$runs" --argjson cores "$cores" \
    '{kind:"run", size:$size, tool:$tool, input:$input, wall_s:$wall, cpu_s:$cpu, rss_mb:$rss,
      out_bytes:$bytes, status:$status, error:$error, runs:$runs, cores:$cores}' >> "$results"
  echo "  $tool ($input): ${best_wall}s, ${best_rss} MB, $status" >&2
  [ $status = ok ]
}

# generate SIZE LAYOUT DIR: the corpus, timed when this run makes it.
generate() {
  local size=$1 layout=$2 dir=$3
  [ -d "$dir" ] && return 0
  timed "$dir.tmp" "$soa" gen --records "$size" --seed 1 --layout "$layout" -o "$dir.tmp" --progress=none
  [ "$ok" = 0 ] || { cat "$work/stderr" >&2; exit 1; }
  mv "$dir.tmp" "$dir"
  jq -nc --argjson size "$size" --arg layout "$layout" --argjson wall "$wall" --argjson cpu "$cpu" --argjson rss "$rss" \
    --argjson bytes "$(du -sb "$dir" | cut -f1)" --argjson cores "$cores" \
    '{kind:"gen", size:$size, layout:$layout, wall_s:$wall, cpu_s:$cpu, rss_mb:$rss, bytes:$bytes, cores:$cores}' >> "$results"
  echo "  soa gen --layout $layout: ${wall}s" >&2
}

for n in "${sizes[@]}"; do
  echo "== $n records" >&2
  s3=$work/s3-$n gh=$work/gh-$n
  generate "$n" s3 "$s3"
  bz=()
  if [ "${SOA_BENCH_BZIP2:-1}" != 0 ]; then
    generate "$n" github "$gh"
    mapfile -t bz < <(find "$gh" -name '??.txt.bz2' | sort)
  fi
  mapfile -t plain < <(find "$s3" -name '??.txt' | sort)
  jq -nc --argjson size "$n" --argjson plain "$(cat "${plain[@]}" | wc -c)" --argjson bz2 "$(cat "${bz[@]}" /dev/null | wc -c)" \
    --argjson files "${#plain[@]}" '{kind:"corpus", size:$size, plain_bytes:$plain, bz2_bytes:$bz2, files:$files}' >> "$results"

  cat "${plain[@]}" "${bz[@]}" > /dev/null  # every tool reads from the page cache
  measure "$n" cat plain /dev/null/none sh -c 'cat "$@" > /dev/null' _ "${plain[@]}" || true
  ok_tools=()
  if [ ${#bz[@]} -gt 0 ]; then
    measure "$n" "lbzip2 -d" bz2 /dev/null/none sh -c 'lbzip2 -dc -n "$0" "$@" > /dev/null' "$cores" "${bz[@]}" || true
    measure "$n" soa bz2 "$work/out-soa-bz2" "$soa" convert -o "$work/out-soa-bz2" --progress=none "$gh" && ok_tools+=(soa-bz2) || true
  fi
  measure "$n" soa plain "$work/out-soa-plain" "$soa" convert -o "$work/out-soa-plain" --progress=none "$s3" && ok_tools+=(soa-plain) || true
  if [ $full = 1 ]; then continue; fi
  for peer in duckdb duckdb-full duckdb2 duckdb2-mem polars polars-full polars-override pyarrow pyarrow-normalised \
      chdb chdb-str chdb-object datafusion datafusion-full datafusion-normalised; do
    # Some variants hold the whole corpus in memory: one whose peak RSS at a
    # smaller size, scaled to this one, would pass 80% of the memory is not
    # run (it would swap the machine to a halt or be killed), and says so.
    if [ -n "${peak_rss[$peer]:-}" ]; then
      estimate=$(( peak_rss[$peer] * n / peak_size[$peer] ))
      if [ "$estimate" -gt $(( mem_mb * 8 / 10 )) ]; then
        jq -nc --argjson size "$n" --arg tool "$peer" --argjson rss "$estimate" --argjson cores "$cores" \
          --arg error "not run: peak RSS ${peak_rss[$peer]} MB at ${peak_size[$peer]} records scales to $estimate MB here, over 80% of the $mem_mb MB of memory" \
          '{kind:"run", size:$size, tool:$tool, input:"plain", wall_s:0, cpu_s:0, rss_mb:$rss, out_bytes:0,
            status:"skipped", error:$error, runs:0, cores:$cores}' >> "$results"
        echo "  $peer: skipped (estimated $estimate MB)" >&2
        continue
      fi
    fi
    peer_py=$py; case $peer in duckdb2*) peer_py=$py2 ;; esac
    measure "$n" "$peer" plain "$work/out-$peer" "$peer_py" benchmarks/peers.py "$peer" "$work/out-$peer" "${plain[@]}" && ok_tools+=("$peer") || true
    peak_rss[$peer]=$(tail -1 "$results" | jq .rss_mb) peak_size[$peer]=$n
  done

  # What each tool kept (benchmarks/fidelity.py, the same scan for every
  # tool; in Python, so at the smallest size only, scans run side by side).
  if [ "$n" = "${sizes[0]}" ]; then
    rm -f "$work"/fidelity-*.json
    running=0
    for tool in "${ok_tools[@]}"; do
      [ "$tool" = soa-bz2 ] && continue  # the same files as soa-plain (TestLayoutsAgree, scripts/compare-builds)
      kind=peer; [ "$tool" = soa-plain ] && kind=soa
      "$py" benchmarks/fidelity.py "$kind" "$s3" "$work/out-$tool" > "$work/fidelity-$tool.json" 2> "$work/fidelity-$tool.err" &
      running=$((running + 1))
      if [ $running -ge "$cores" ]; then wait -n || true; running=$((running - 1)); fi
    done
    wait || true
    for tool in "${ok_tools[@]}"; do
      [ "$tool" = soa-bz2 ] && continue
      name=$tool; [ "$tool" = soa-plain ] && name=soa
      if ! report=$(jq -c . "$work/fidelity-$tool.json" 2>/dev/null) || [ -z "$report" ]; then
        echo "fidelity scan of $name failed:" >&2; tail -3 "$work/fidelity-$tool.err" >&2; exit 1
      fi
      jq -nc --argjson size "$n" --arg tool "$name" --argjson report "$report" '{kind:"fidelity", size:$size, tool:$tool, report:$report}' >> "$results"
      echo "  fidelity of $name: $(echo "$report" | jq -c '{leaves, leaves_lost, json_text_paths}')" >&2
    done
  fi

  # Bundled queries on soa's dataset of this size.
  if [ -f "$work/out-soa-plain/_manifest.json" ]; then
    SOA_BENCH_DATASET=$work/out-soa-plain go test ./queries -run '^$' -bench Queries -benchtime 3x 2>/dev/null |
      awk -v n="$n" '/^BenchmarkQueries\//{split($1,a,"/"); sub(/-[0-9]+$/,"",a[2]); printf "{\"kind\":\"query\",\"size\":%d,\"query\":\"%s\",\"ms\":%.1f}\n", n, a[2], $3/1e6}' >> "$results"
  fi
done

"$py" benchmarks/report.py benchmarks/README.md
echo "results: $results; tables written to benchmarks/README.md" >&2
