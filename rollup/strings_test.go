package rollup_test

import (
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/rollup"
	"github.com/soa-project/soa/schema"
)

var dictOfStrings = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// asDictionary re-encodes a string column as an Arrow dictionary.
func asDictionary(t *testing.T, mem memory.Allocator, a *array.String) arrow.Array {
	t.Helper()
	b := array.NewDictionaryBuilder(mem, dictOfStrings).(*array.BinaryDictionaryBuilder)
	defer b.Release()
	for i := range a.Len() {
		if a.IsNull(i) {
			b.AppendNull()
		} else if err := b.AppendString(a.Value(i)); err != nil {
			t.Fatal(err)
		}
	}
	return b.NewArray()
}

// TestTalliesReadDictionaryColumns: the tallies of the real sample are the
// same when every string column of its batches is built as an Arrow
// dictionary instead, so a column's kind can switch to one.
func TestTalliesReadDictionaryColumns(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b, docs := sampleBatches(t, mem)
	defer b.Release()
	recs := b.NewRecords()
	var dictRecs [schema.NumTables]arrow.RecordBatch
	converted := 0
	for ti, rec := range recs {
		if rec == nil {
			continue
		}
		fields := slices.Clone(rec.Schema().Fields())
		cols := make([]arrow.Array, rec.NumCols())
		for c := range cols {
			if s, ok := rec.Column(c).(*array.String); ok {
				cols[c] = asDictionary(t, mem, s)
				fields[c].Type = dictOfStrings
				converted++
			} else {
				cols[c] = rec.Column(c)
				cols[c].Retain()
			}
		}
		dictRecs[ti] = array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, rec.NumRows())
		for _, c := range cols {
			c.Release()
		}
	}
	defer func() {
		for ti := range recs {
			if recs[ti] != nil {
				recs[ti].Release()
				dictRecs[ti].Release()
			}
		}
	}()
	if converted == 0 {
		t.Fatal("no string column to re-encode")
	}
	plain, dict := rollup.NewTallies(), rollup.NewTallies()
	if err := plain.Add("U", recs, docs); err != nil {
		t.Fatal(err)
	}
	if err := dict.Add("U", dictRecs, docs); err != nil {
		t.Fatal(err)
	}
	for i := range plain.T {
		if plain.T[i] == nil {
			continue
		}
		name := schema.Rollups[i].Name
		pk, pc := plain.T[i].Sorted()
		dk, dc := dict.T[i].Sorted()
		if len(pk) == 0 && name != "coordinate_cells" {
			t.Errorf("%s: no keys from the sample", name)
		}
		if diff := cmp.Diff(pk, dk); diff != "" {
			t.Errorf("%s: keys differ (-plain +dictionary):\n%s", name, diff)
		}
		if diff := cmp.Diff(pc, dc); diff != "" {
			t.Errorf("%s: counts differ (-plain +dictionary):\n%s", name, diff)
		}
	}
}
