// Package soa converts the Smithsonian Open Access metadata dump (EDAN JSON
// lines) into a Hive-partitioned Parquet dataset.
//
// Layout: cmd/soa is the command (flags, signals, exit codes, nothing else);
// convert is the streaming pipeline (shards -> documents -> Arrow batches ->
// partitioned Parquet, manifest and rejects); schema holds the tables, the
// JSON-to-column mapping and the data dictionary, with no I/O; internal/source
// lists and decompresses input byte streams; internal/ui draws progress.
// Dependencies run one way: cmd -> convert -> schema. This package holds
// only the real sample records embedded for `soa demo`.
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
