// Package soa converts the Smithsonian Open Access metadata dump (EDAN JSON
// lines) into a Hive-partitioned Parquet dataset. This package holds only
// the real sample records embedded for `soa demo`; the code is laid out in
// rooms, one per stage of the pipeline, dependencies running one way, down
// the picture (golangci-lint's depguard, in .golangci.yml, keeps them so):
//
//	front ends    cmd/soa ──────────────> internal/front/{ui,report,profile}
//	                 │                              │ (ui -> dataset,
//	engines          ├─> convert    export ──> queries    report -> queries)
//	                 │    │ │ │        │          │
//	the dataset      │    │ │ └──────> dataset <──┘
//	                 │    │ │            │    └──> internal/output/atomicfile
//	the records      │    │ └─> rollup ──┴─> schema ──> schema/datetext
//	the input        │    └─> internal/input/source
//	shared names     │               └──> internal/group <── dataset
//	tooling          └─> internal/tools/{gen,dump} ──> internal/input/source
//	test support     internal/testkit/{sampletest,golden,testenv,s3test}
//
// The arrows in words: cmd/soa -> every room below it; convert -> rollup,
// dataset, schema and internal/input; rollup -> schema -> schema/datetext;
// queries -> dataset -> schema; export -> queries and dataset;
// internal/front -> dataset and queries; internal/input and dataset ->
// internal/group (a leaf, as internal/output is); internal/tools ->
// internal/input. internal/testkit is imported by tests only. Nothing
// points up. A derived column is an entry in schema (and, for a new
// count, a rollup declared in schema and tallied in rollup); a faster
// write path is dataset's part writer and convert's stages.
//
// The packages:
//
//   - cmd/soa is the command: flags, signals, exit codes, nothing else.
//   - convert is the streaming pipeline: input files -> documents -> Arrow
//     batches -> partitioned Parquet parts (Run owns every goroutine).
//   - rollup counts the rollups (Tally, Tallies) from the batches the
//     schema's Builder returns; no I/O. Its files are written by dataset.
//   - schema holds the tables and the rollups' declarations, the
//     JSON-to-column mapping (Builder) and the data dictionary; no I/O.
//   - schema/datetext is the freetext date grammar (words, lexer, parser,
//     accumulator) of docs/DATES.md; it knows no records.
//   - dataset owns the dataset on disk: layout, the part writer (every Parquet file),
//     manifest, rejects, state, publishing (staging and swap) and merging
//     the datasets of --shard processes.
//   - queries holds the bundled DuckDB queries and runs them over a dataset,
//     which it reads through dataset, never through convert.
//   - export writes files made from a dataset for other tools (soa export
//     images: the image URLs and captions img2dataset reads); it reads the
//     dataset through queries and writes Parquet with dataset's properties.
//   - internal/input/source is the input stage below convert: it lists input
//     files (local files, stdin, objects of an S3 bucket) and decompresses
//     them.
//   - internal/front holds the front ends beside cmd: ui draws progress and
//     the summary; report renders the HTML report from queries; profile
//     writes the Go profiles of --cpuprofile and --memprofile (its
//     goroutine, not cmd's).
//   - internal/group is the one rule that names a group (the unit of work
//     of --shard and re-runs), shared by the input and the dataset.
//   - internal/output/atomicfile writes a file whole or not at all.
//   - internal/tools/gen and internal/tools/dump generate and write corpora
//     in the dump's layouts (soa gen, tests, benchmarks).
//   - internal/testkit holds the tests' support: sampletest (the sample
//     records), golden (the golden-file helper, -update), testenv (what a
//     test needs of the machine) and s3test (a local S3 server).
package soa

import (
	"embed"
	"io/fs"
)

//go:embed testdata/records/*.jsonl
var sample embed.FS

// Sample returns the real sample records: one JSON-lines file per unit,
// named <UNIT>.jsonl, at the root of the returned file system.
func Sample() fs.FS {
	sub, err := fs.Sub(sample, "testdata/records")
	if err != nil {
		panic(err) // the embedded path is fixed at build time
	}
	return sub
}
