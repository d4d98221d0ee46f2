package dataset

import (
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
)

// FileWriterProperties are the Parquet properties of a file made from a
// dataset for another tool (soa export): those of the tables' parts, with
// dictionary encoding and statistics off for the leaf columns in plain
// (mostly distinct values: URLs, ids, captions), on for the others.
func FileWriterProperties(version string, plain []string, mem memory.Allocator) *parquet.WriterProperties {
	return writerProperties(version, DefaultRowGroupRows, mem, plain, nil)
}
