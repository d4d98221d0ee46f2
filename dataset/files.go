package dataset

import (
	"io"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/schema"
)

// NewFileWriter starts a Parquet file made from a dataset for another tool
// (soa export) on w, with the parts' conventions (zstd, created_by "soa
// <version>", the Arrow schema in the footer): the top-level columns named
// in plain (mostly distinct values: URLs, ids, captions) without
// dictionary encoding and statistics, the others with both. It goes
// through newParquetWriter, as every part does.
func NewFileWriter(w io.Writer, sch *arrow.Schema, plain []string, version string, mem memory.Allocator) (*pqarrow.FileWriter, error) {
	leaves := make([]schema.Leaf, sch.NumFields())
	for i, f := range sch.Fields() {
		stored := !slices.Contains(plain, f.Name)
		leaves[i] = schema.Leaf{Path: f.Name, Dictionary: stored, Statistics: stored}
	}
	return newParquetWriter(sch, w, writerProperties(version, DefaultRowGroupRows, mem, leaves), ArrowWriterProperties(mem))
}
