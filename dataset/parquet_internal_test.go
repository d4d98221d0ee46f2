package dataset

import (
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/schema"
)

// TestColumnChoicesNameColumns: every column named in plainColumns and
// noStatsColumns is a leaf column of its table (a renamed column would
// otherwise silently get its dictionary and statistics back), and the
// writer properties give each column the encoding and statistics chosen.
func TestColumnChoicesNameColumns(t *testing.T) {
	for ti := range schema.NumTables {
		table := schema.Tables[ti]
		props := WriterProperties(ti, "test", DefaultRowGroupRows, memory.DefaultAllocator)
		pq, err := pqarrow.ToParquet(table.Schema(), props, pqarrow.DefaultWriterProps())
		if err != nil {
			t.Fatal(err)
		}
		var leaves []string
		for i := range pq.NumColumns() {
			leaves = append(leaves, pq.Column(i).Path())
		}
		for _, c := range slices.Concat(plainColumns[ti], noStatsColumns[ti]) {
			if !slices.Contains(leaves, c) {
				t.Errorf("%s: %q is not a leaf column (have %v)", table.Name, c, leaves)
			}
		}
		for _, leaf := range leaves {
			plain := slices.Contains(plainColumns[ti], leaf)
			stats := !plain && !slices.Contains(noStatsColumns[ti], leaf)
			if got := props.DictionaryEnabledFor(leaf); got == plain {
				t.Errorf("%s.%s: dictionary %v, want %v", table.Name, leaf, got, !plain)
			}
			if got := props.StatisticsEnabledFor(leaf); got != stats {
				t.Errorf("%s.%s: statistics %v, want %v", table.Name, leaf, got, stats)
			}
		}
	}
}
