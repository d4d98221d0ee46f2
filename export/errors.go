package export

import "errors"

// ErrFormat means the output file's name does not end in an extension
// Images writes (.parquet, .csv, .jsonl).
var ErrFormat = errors.New("unknown output format")

// ErrWhere means the --where filter is not SQL DuckDB can run over objects.
var ErrWhere = errors.New("bad --where")

// ErrIIIFBase means the --iiif-base URL is not an http(s) URL.
var ErrIIIFBase = errors.New("bad --iiif-base")
