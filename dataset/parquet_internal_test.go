package dataset

import (
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/schema"
)

// The storage choices as docs/DATASET.md states them, per table: the leaf
// columns written plain and without statistics (mostly distinct values),
// and those dictionary-encoded without statistics (record ids repeated on
// every row of a record). Every other leaf has both.
var (
	wantPlain = [schema.NumTables][]string{
		schema.Objects: {"record_id", "id", "url", "hash", "doc_signature", "title", "title_sort",
			"record_link", "guid", "object_number", "extra_json"},
		schema.Media: {"record_id", "content_url", "thumbnail_url", "ids_id", "guid", "media_id", "alt_text",
			"resources.list.element.url", "resources.list.element.name", "resources.list.element.filename",
			"resources.list.element.extra_json", "extra_json"},
		schema.Freetext:    {"content", "extra_json"},
		schema.Other:       {"id", "url", "record_id", "raw_json"},
		schema.Identifiers: {"value"},
	}
	wantNoStats = [schema.NumTables][]string{
		schema.Facets:      {"record_id"},
		schema.Freetext:    {"record_id"},
		schema.Names:       {"record_id"},
		schema.Identifiers: {"record_id"},
	}
)

// TestWriterPropertiesFollowKinds: the writer properties derived from the
// columns' kinds give every leaf column of every table the encoding and
// statistics chosen, and every rollup column both; the leaves named are
// the Parquet schema's.
func TestWriterPropertiesFollowKinds(t *testing.T) {
	check := func(t *testing.T, name string, table *schema.Table, plain, noStats []string, props interface {
		DictionaryEnabledFor(string) bool
		StatisticsEnabledFor(string) bool
	}) {
		t.Helper()
		pq, err := pqarrow.ToParquet(table.Schema(), WriterProperties(schema.Objects, "test", DefaultRowGroupRows, memory.DefaultAllocator), pqarrow.DefaultWriterProps())
		if err != nil {
			t.Fatal(err)
		}
		var leaves []string
		for i := range pq.NumColumns() {
			leaves = append(leaves, pq.Column(i).Path())
		}
		var declared []string
		for _, l := range table.Leaves() {
			declared = append(declared, l.Path)
		}
		if !slices.Equal(declared, leaves) {
			t.Errorf("%s: Leaves() %v, Parquet leaves %v", name, declared, leaves)
		}
		for _, c := range slices.Concat(plain, noStats) {
			if !slices.Contains(leaves, c) {
				t.Errorf("%s: %q is not a leaf column (have %v)", name, c, leaves)
			}
		}
		for _, leaf := range leaves {
			isPlain := slices.Contains(plain, leaf)
			stats := !isPlain && !slices.Contains(noStats, leaf)
			if got := props.DictionaryEnabledFor(leaf); got == isPlain {
				t.Errorf("%s.%s: dictionary %v, want %v", name, leaf, got, !isPlain)
			}
			if got := props.StatisticsEnabledFor(leaf); got != stats {
				t.Errorf("%s.%s: statistics %v, want %v", name, leaf, got, stats)
			}
		}
	}
	for ti := range schema.NumTables {
		table := schema.Tables[ti]
		props := WriterProperties(ti, "test", DefaultRowGroupRows, memory.DefaultAllocator)
		check(t, table.Name, table, wantPlain[ti], wantNoStats[ti], props)
	}
	for _, r := range schema.Rollups {
		check(t, r.Name, &r.Table, nil, nil, RollupWriterProperties(r, "test", memory.DefaultAllocator))
	}
}
