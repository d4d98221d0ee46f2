package dataset

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/internal/group"
	"github.com/soa-project/soa/schema"
)

// DefaultRowGroupRows is the rows of a row group unless a run says otherwise.
const DefaultRowGroupRows = 128 * 1024

// DefaultRowGroupBytes ends a row group before DefaultRowGroupRows once its
// encoded size reaches it: a row group is held in memory until it ends.
const DefaultRowGroupBytes = 32 << 20

// noDictionaryFallback is a dictionary page size no column chunk reaches:
// a chunk is at most one row group of a part of MaxPartBytes.
const noDictionaryFallback = 1 << 40

// WriterProperties are the Parquet properties of the parts of table t:
// zstd, data pages v1, row groups of at most rowGroupRows rows, created_by
// "soa <version>", and, per leaf column, dictionary encoding and statistics
// (with the page index) as its kind declares (schema.Kind). They are part
// of the dataset contract (docs/DATASET.md).
func WriterProperties(t schema.TableID, version string, rowGroupRows int, mem memory.Allocator) *parquet.WriterProperties {
	return writerProperties(version, rowGroupRows, mem, schema.Tables[t].Leaves())
}

// RollupWriterProperties are the Parquet properties of the files of rollup
// r: those of the tables, with row groups of DefaultRowGroupRows.
func RollupWriterProperties(r *schema.Rollup, version string, mem memory.Allocator) *parquet.WriterProperties {
	return writerProperties(version, DefaultRowGroupRows, mem, r.Leaves())
}

func writerProperties(version string, rowGroupRows int, mem memory.Allocator, leaves []schema.Leaf) *parquet.WriterProperties {
	props := []parquet.WriterProperty{
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithStats(true),
		parquet.WithPageIndexEnabled(true),
		parquet.WithMaxRowGroupLength(int64(rowGroupRows)),
		parquet.WithDictionaryDefault(true),
		// Never fall back from dictionary to plain pages within a column
		// chunk: arrow-go lists a chunk's page encodings from a Go map
		// (metadata.ColumnChunkMetaDataBuilder.Finish), so a chunk with both
		// kinds gets them in random order in the footer, and the same input
		// would give different bytes. The columns of mostly distinct values,
		// whose dictionaries would grow large, are plain from the start.
		parquet.WithDictionaryPageSizeLimit(noDictionaryFallback),
		parquet.WithVersion(parquet.V2_LATEST),
		parquet.WithDataPageVersion(parquet.DataPageV1),
		parquet.WithCreatedBy("soa " + version),
		parquet.WithAllocator(mem),
	}
	for _, l := range leaves {
		if !l.Dictionary {
			props = append(props, parquet.WithDictionaryFor(l.Path, false))
		}
		if !l.Statistics {
			props = append(props, parquet.WithStatsFor(l.Path, false))
		}
	}
	return parquet.NewWriterProperties(props...)
}

// ArrowWriterProperties store the Arrow schema in every part's footer, so
// that Arrow readers get the exact types back.
func ArrowWriterProperties(mem memory.Allocator) pqarrow.ArrowWriterProperties {
	return pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem))
}

// writeEmptyTables gives every table without rows in groups one part with
// no rows, so that each of the five tables can be read, with its schema, by
// every reader, rather than be a missing folder. The part goes in the
// partition of the dataset's first unit (a true statement: that unit has no
// such rows), not in __HIVE_DEFAULT_PARTITION__, from which Spark would
// type unit_code as null. It belongs to no group: it is written again at
// every run and merge, from the whole dataset.
func writeEmptyTables(staging string, groups []*GroupState, version string) ([]OutputFile, error) {
	var has [schema.NumTables]bool
	firstUnit := ""
	for _, g := range groups {
		for _, o := range g.Outputs {
			for t := range schema.NumTables {
				has[t] = has[t] || schema.Tables[t].Name == o.Table
			}
			if o.Rows > 0 && o.Rollup == "" && (firstUnit == "" || o.Unit < firstUnit) {
				firstUnit = o.Unit
			}
		}
	}
	var out []OutputFile
	for t := range schema.NumTables {
		if has[t] {
			continue
		}
		o, err := writeEmptyPart(staging, t, firstUnit, version)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// writeEmptyPart writes a part of table t with no rows in unit's partition.
func writeEmptyPart(staging string, t schema.TableID, unit, version string) (OutputFile, error) {
	table := schema.Tables[t]
	rel := table.Name + "/" + PartitionDir(unit) + "/" + PartName(unit, group.Of(unit), 0)
	format := TableFormat(t, version, DefaultRowGroupRows, DefaultRowGroupBytes, 0, memory.DefaultAllocator)
	p, err := format.Create(staging, rel, OutputFile{Table: table.Name, Unit: unit})
	if err != nil {
		return OutputFile{}, fmt.Errorf("write empty part: %w", err)
	}
	o, err := p.Close()
	if err != nil {
		return OutputFile{}, fmt.Errorf("write empty part: %w", err)
	}
	return o, nil
}
