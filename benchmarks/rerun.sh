#!/usr/bin/env bash
# Measures what re-runs and shards save, on a generated corpus in the S3
# layout (plain files, as the dump is published today): a full conversion,
# an unchanged re-run, a re-run after one record is added to one unit
# folder, a full --no-reuse conversion of the changed corpus, three --shard
# processes run one after another, and soa merge. Every run must exit 0,
# and every dataset it reports is checked against a full conversion of the
# same input: the unchanged re-run against the first full run, the changed
# re-run and the merge against the --no-reuse run. Writes
# results/rerun.jsonl and the README's rerun section (report.py).
#
#   benchmarks/rerun.sh [RECORDS]     default 1000000
#
# Work files go to $SOA_BENCH_WORK (default /tmp/soa-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
records=${1:-1000000}
work=${SOA_BENCH_WORK:-/tmp/soa-bench}/rerun-$records
results=$repo/benchmarks/results/rerun.jsonl
rm -rf "$work" && mkdir -p "$work" "$(dirname "$results")"
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
go build -o "$work/soa" ./cmd/soa
soa=$work/soa
corpus=$work/corpus
"$soa" gen --records "$records" --layout s3 --progress none -o "$corpus" >/dev/null

commit=$(git rev-parse HEAD)
git diff --quiet HEAD -- . ':!benchmarks/results' ':!benchmarks/README.md' || commit="$commit+uncommitted"
jq -nc --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" --argjson cores "$(nproc)" \
  --argjson mem "$(free -g | awk '/Mem:/{print $2}')" --arg go "$(go version | awk '{print $3}')" \
  --arg commit "$commit" --arg date "$(date -u +%Y-%m-%dT%H:%MZ)" \
  '{kind:"machine", cpu:$cpu, cores:$cores, mem_gb:$mem, go:$go, commit:$commit, date:$date,
    duckdb:"-", polars:"-", pyarrow:"-", lbzip2:"-"}' > "$results.tmp"

# run STEP CMD...: times CMD (no subshell: a failure stops the script) and
# sets secs.
run() {
  local t0 t1 status=0
  t0=$(date +%s.%N)
  "$@" > "$work/out.log" 2>&1 || status=$?
  t1=$(date +%s.%N)
  if [ $status != 0 ]; then
    echo "$1 … failed with status $status:" >&2; tail -5 "$work/out.log" >&2; exit 1
  fi
  secs=$(echo "$t1 - $t0" | bc)
}
# same A B: every file of two datasets but the manifest and the changes
# history is the same, and the manifests differ only in timings, worker count
# and reuse. _changes/ holds a file per run that changed something, so two
# datasets with different run histories differ there by design
# (docs/DATASET.md, "The changes history").
same() {
  diff -r -x _manifest.json -x _changes "$1" "$2" >/dev/null &&
    diff <(jq -S 'del(.seconds, .reused, .options.workers)' "$1/_manifest.json") \
         <(jq -S 'del(.seconds, .reused, .options.workers)' "$2/_manifest.json") >/dev/null ||
    { echo "$1 and $2 differ" >&2; exit 1; }
}
# record STEP SECONDS CHECK: one line of the results file.
record() {
  jq -nc --argjson size "$records" --arg step "$1" --argjson wall "$2" --arg check "$3" \
    '{kind:"rerun", size:$size, step:$step, wall_s:$wall, check:$check}' >> "$results.tmp"
  echo "$1: $2 s ($3)" >&2
}

run "$soa" convert --progress none -o "$work/ds" "$corpus"
full=$secs
cp -al "$work/ds" "$work/first"  # parts are never rewritten in place: links keep the first run's bytes
run "$soa" convert --progress none -o "$work/ds" "$corpus"
unchanged=$secs
same "$work/first" "$work/ds"
unchanged_reused=$(jq -r '"\(.reused.inputs) of \(.inputs | length) files reused"' "$work/ds/_manifest.json")
# One more record in the NMAAHC folder (a unit of 0.02% of the records).
# (A glob, not ls | head: under pipefail, ls killed by SIGPIPE once head has
# its line would end the script without a word.)
nmaahc=("$corpus"/metadata/edan/nmaahc/[0-9a-f][0-9a-f].txt)
[ -f "${nmaahc[0]}" ] || { echo "no NMAAHC file in $corpus" >&2; exit 1; }
shard=${nmaahc[0]}
head -1 "$shard" | sed 's/"record_ID":"/"record_ID":"rerun-added-/' >> "$shard"
run "$soa" convert --progress none -o "$work/ds" "$corpus"
changed=$secs
reused=$(jq -r '"\(.reused.inputs) of \(.inputs | length) files reused"' "$work/ds/_manifest.json")
run "$soa" convert --progress none --no-reuse -o "$work/fresh" "$corpus"
fresh=$secs
same "$work/fresh" "$work/ds"
[ "$(jq .records "$work/fresh/_manifest.json")" = $((records + 1)) ] || { echo "the changed corpus did not give $((records + 1)) records" >&2; exit 1; }

shards=0
for i in 1 2 3; do
  run "$soa" convert --progress none --shard $i/3 -o "$work/shard$i" "$corpus"
  shards=$(echo "if ($secs > $shards) $secs else $shards" | bc)
done
run "$soa" merge -o "$work/merged" "$work/shard1" "$work/shard2" "$work/shard3"
merge=$secs
same "$work/fresh" "$work/merged"

record "full conversion" "$full" "$(jq .records "$work/first/_manifest.json") records"
record "re-run, nothing changed" "$unchanged" "same bytes as the full conversion; $unchanged_reused"
record "re-run, one record added to NMAAHC" "$changed" "same bytes as a --no-reuse run; $reused"
record "full conversion again, --no-reuse" "$fresh" "$((records + 1)) records"
record "slowest of three --shard i/3 runs (one after another)" "$shards" "-"
record "soa merge of the three" "$merge" "same bytes as the --no-reuse run"
mv "$results.tmp" "$results"
python3 benchmarks/report.py benchmarks/README.md
echo "results: $results; table written to benchmarks/README.md" >&2
