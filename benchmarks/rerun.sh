#!/usr/bin/env bash
# Measures what re-runs and shards save, on a generated corpus in the S3
# layout (plain shards, as the dump is published today): a full conversion, an unchanged re-run, a re-run
# after one record is added to one unit folder, and three --shard processes
# run one after another plus soa merge. Each re-run and the merge are checked
# to give the bytes of a full run. Prints a Markdown table.
#
#   benchmarks/rerun.sh [RECORDS]     default 1000000
#
# Work files go to $SOA_BENCH_WORK (default /tmp/soa-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
work=${SOA_BENCH_WORK:-/tmp/soa-bench}/rerun-$records
rm -rf "$work" && mkdir -p "$work"
go build -o "$work/soa" ./cmd/soa
soa=$work/soa
corpus=$work/corpus
"$soa" gen --records "$records" --layout s3 --progress none -o "$corpus" >/dev/null

# seconds CMD...: wall time of a command, its output discarded.
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || [ $? = 3 ]
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
# same A B: every file of two datasets but the manifest is the same, and the
# manifests differ only in timings, worker count and reuse.
same() {
  diff -r -x _manifest.json "$1" "$2" >/dev/null &&
    diff <(jq -S 'del(.seconds, .reused, .options.workers)' "$1/_manifest.json") \
         <(jq -S 'del(.seconds, .reused, .options.workers)' "$2/_manifest.json") >/dev/null ||
    { echo "$1 and $2 differ" >&2; exit 1; }
}

full=$(seconds "$soa" convert --progress none -o "$work/ds" "$corpus")
unchanged=$(seconds "$soa" convert --progress none -o "$work/ds" "$corpus")
# One more record in the NMAAHC folder (a unit of 0.02% of the records).
shard=$(ls "$corpus"/metadata/edan/nmaahc/[0-9a-f][0-9a-f].txt | head -1)
head -1 "$shard" | sed 's/"record_ID":"/"record_ID":"rerun-added-/' >> "$shard"
changed=$(seconds "$soa" convert --progress none -o "$work/ds" "$corpus")
reused=$(jq -r '"\(.reused.inputs) of \(.inputs | length) files"' "$work/ds/_manifest.json")
fresh=$(seconds "$soa" convert --progress none --no-reuse -o "$work/fresh" "$corpus")
same "$work/fresh" "$work/ds"

shards=0
for i in 1 2 3; do
  s=$(seconds "$soa" convert --progress none --shard $i/3 -o "$work/shard$i" "$corpus")
  shards=$(echo "if ($s > $shards) $s else $shards" | bc)
  echo "shard $i/3: $s s" >&2
done
merge=$(seconds "$soa" merge -o "$work/merged" "$work/shard1" "$work/shard2" "$work/shard3")
same "$work/fresh" "$work/merged"

cat <<TABLE
| $records records, S3 layout (plain shards) | seconds |
|---|---:|
| full conversion | $full |
| re-run, nothing changed | $unchanged |
| re-run, one record added to NMAAHC ($reused reused) | $changed |
| full conversion again, --no-reuse (same bytes as the re-run) | $fresh |
| slowest of three --shard i/3 runs (one after another here) | $shards |
| soa merge of the three (same bytes as a full run) | $merge |
TABLE
