#!/usr/bin/env bash
# Measures soa convert for performance work: wall time, CPU seconds (user +
# system), peak RSS and throughput, on a generated corpus, for one or more
# soa binaries run in turns (A B A B …), so that a noisy neighbour hurts
# every binary alike. With PROFILE=1 the last run of each binary also writes
# a CPU and a memory profile next to its output (see benchmarks/README.md,
# "Profiling").
#
#   benchmarks/profile.sh [-n RECORDS] [-l s3|github] [-r ROUNDS] [-w WORKERS] [SOA_BINARY...]
#
# Defaults: 200000 records, s3 layout (plain files), 3 rounds, default
# workers, and a soa built from this checkout. The corpus is generated once
# under $SOA_PERF_WORK (default /tmp/perf) with `soa gen --seed 1`, and read
# once before the runs so that every run reads it from the page cache.
# Prints one line per run and a summary (median of the rounds) per binary.
set -euo pipefail
cd "$(dirname "$0")/.."
records=200000 layout=s3 rounds=3 workers=""
while getopts n:l:r:w: opt; do
  case $opt in
    n) records=$OPTARG ;;
    l) layout=$OPTARG ;;
    r) rounds=$OPTARG ;;
    w) workers=$OPTARG ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
work=${SOA_PERF_WORK:-/tmp/perf}
mkdir -p "$work"
bins=("$@")
if [ ${#bins[@]} = 0 ]; then
  go build -o "$work/soa-head" ./cmd/soa
  bins=("$work/soa-head")
fi
if [ "$records" -gt 2000000 ] && [ -z "${SOA_PERF_LOCKED:-}" ]; then
  echo "more than 2M records: run under the shared lock, e.g." >&2
  echo "  SOA_PERF_LOCKED=1 flock /tmp/soa-bigrun.lock $0 -n $records ..." >&2
  exit 2
fi

corpus=$work/$layout-$records
if [ ! -d "$corpus" ]; then
  "${bins[0]}" gen --records "$records" --seed 1 --layout "$layout" -o "$corpus" --progress=none >&2
fi
if [ "$layout" = github ]; then
  bunzip=bzip2; command -v lbzip2 >/dev/null && bunzip=lbzip2
  json_bytes=$(find "$corpus/" -name '??.txt.bz2' -print0 | sort -z | xargs -0 cat | $bunzip -dc | wc -c)
else
  json_bytes=$(find "$corpus/" -name '??.txt' -print0 | xargs -0 cat | wc -c)
fi
find "$corpus/" -type f -print0 | xargs -0 cat > /dev/null # warm the page cache

printf '%-28s %6s %8s %8s %8s %8s %10s %8s\n' binary round wall_s cpu_s user_s rss_mb MB/s_json out_MB >&2
declare -A results
for round in $(seq "$rounds"); do
  for bin in "${bins[@]}"; do
    name=$(basename "$bin")
    out=$work/out-$name
    args=(convert -o "$out" --progress=none --no-reuse)
    [ -n "$workers" ] && args+=(--workers "$workers")
    if [ "${PROFILE:-0}" = 1 ] && [ "$round" = "$rounds" ]; then
      args+=(--cpuprofile "$work/$name.cpu" --memprofile "$work/$name.mem")
    fi
    rm -rf "$out"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bin" "${args[@]}" "$corpus" > /dev/null ||
      [ $? = 3 ] || { echo "$bin failed" >&2; exit 1; }
    read -r wall user sys rss < "$work/time"
    cpu=$(echo "$user + $sys" | bc)
    line=$(printf '%-28s %6s %8.1f %8.1f %8.1f %8d %10.0f %8.1f' "$name" "$round" "$wall" "$cpu" "$user" \
      "$((rss / 1024))" "$(echo "$json_bytes / 1000000 / $wall" | bc -l)" "$(du -sb "$out" | awk '{print $1 / 1000000}')")
    echo "$line" >&2
    results[$name]+="$wall $cpu $rss"$'\n'
  done
done
echo "== $records records, $layout layout, $((json_bytes / 1000000)) MB of JSON, median of $rounds" >&2
for bin in "${bins[@]}"; do
  name=$(basename "$bin")
  med() { printf '%s' "${results[$name]}" | awk -v c="$1" 'NF{print $c}' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
  wall=$(med 1) cpu=$(med 2) rss=$(med 3)
  printf '%-28s wall %6.1f s  cpu %6.1f s  rss %5d MB  %5.0f MB/s  %5.1f cpu-s/GB\n' "$name" "$wall" "$cpu" \
    "$((rss / 1024))" "$(echo "$json_bytes / 1000000 / $wall" | bc -l)" "$(echo "$cpu * 1000000000 / $json_bytes" | bc -l)"
done
