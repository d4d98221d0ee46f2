// Package soa converts the Smithsonian Open Access metadata dump (EDAN JSON
// lines) into a Hive-partitioned Parquet dataset. This package holds only
// the real sample records embedded for `soa demo`; the code is laid out as
// follows, dependencies running one way (golangci-lint's depguard, in
// .golangci.yml, keeps them so):
//
//	cmd/soa ──> convert ──> schema
//	   │           │          ▲
//	   │           ▼          │
//	   ├──────> dataset ──────┘
//	   │           ▲     ▲
//	   ├──────> queries  │
//	   │           ▲     │
//	   └──────> export ──┘
//
// The packages:
//
//   - cmd/soa is the command: flags, signals, exit codes, nothing else.
//   - convert is the streaming pipeline: input files -> documents -> Arrow
//     batches -> partitioned Parquet parts (Run owns every goroutine).
//   - schema holds the tables, the JSON-to-column mapping (Builder) and the
//     data dictionary; no I/O.
//   - dataset owns the dataset on disk: layout, the part writer (every Parquet file),
//     manifest, rejects, state, publishing (staging and swap) and merging
//     the datasets of --shard processes.
//   - queries holds the bundled DuckDB queries and runs them over a dataset,
//     which it reads through dataset, never through convert.
//   - export writes files made from a dataset for other tools (soa export
//     images: the image URLs and captions img2dataset reads); it reads the
//     dataset through queries and writes Parquet with dataset's properties.
//   - internal/source lists input files (local files, stdin, objects of
//     an S3 bucket) and decompresses them (convert's side of the inputs); internal/ui draws progress and the summary;
//     internal/report renders the HTML report from queries; internal/gen
//     and internal/dump generate and write corpora in the dump's layouts;
//     internal/profile writes the Go profiles of --cpuprofile and
//     --memprofile (its goroutine, not cmd's); internal/golden is the
//     tests' golden-file helper (-update).
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
