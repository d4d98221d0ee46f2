package schema

import (
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/valyala/fastjson"
)

// TestBuilderSizeReserves: after a batch is taken, each column builder,
// down to list values and struct fields, has room for as many rows and
// string bytes as that batch held, and the next batch is built right.
func TestBuilderSizeReserves(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	sch := arrow.NewSchema([]arrow.Field{
		{Name: "s", Type: arrow.BinaryTypes.String},
		{Name: "l", Type: arrow.ListOf(arrow.StructOf(arrow.Field{Name: "v", Type: arrow.BinaryTypes.String}))},
	}, nil)
	rb := array.NewRecordBuilder(mem, sch)
	defer rb.Release()
	s := rb.Field(0).(*array.StringBuilder)
	l := rb.Field(1).(*array.ListBuilder)
	st := l.ValueBuilder().(*array.StructBuilder)
	v := st.FieldBuilder(0).(*array.StringBuilder)
	const rows = 1000
	for range rows {
		s.Append("0123456789")
		l.Append(true)
		for range 3 {
			st.Append(true)
			v.Append("abcd")
		}
	}
	sizes := make([]builderSize, sch.NumFields())
	for i := range sizes {
		sizes[i].measure(rb.Field(i))
	}
	rec := rb.NewRecordBatch()
	rec.Release()
	for i := range sizes {
		sizes[i].reserve(rb.Field(i))
	}
	if s.Cap() < rows || s.DataCap() < rows*10 {
		t.Errorf("string column: room for %d rows, %d bytes; want %d, %d", s.Cap(), s.DataCap(), rows, rows*10)
	}
	if l.Cap() < rows || st.Cap() < 3*rows || v.Cap() < 3*rows || v.DataCap() < 3*rows*4 {
		t.Errorf("list column: room for %d lists, %d structs, %d values, %d bytes; want %d, %d, %d, %d",
			l.Cap(), st.Cap(), v.Cap(), v.DataCap(), rows, 3*rows, 3*rows, 3*rows*4)
	}
	s.Append("x")
	l.Append(true)
	st.Append(true)
	v.Append("y")
	rec = rb.NewRecordBatch()
	defer rec.Release()
	if rec.NumRows() != 1 || rec.Column(0).(*array.String).Value(0) != "x" ||
		rec.Column(1).(*array.List).ListValues().(*array.Struct).Field(0).(*array.String).Value(0) != "y" {
		t.Errorf("batch after reserving: %v", rec)
	}
}

// TestBuilderMakesRoomWithinAUnit: after a batch, the next batch of the
// same unit starts with room for as many facets as the last one held, a
// Builder moved to another unit starts from nothing, and the second batch's
// rows are the second batch's documents.
func TestBuilderMakesRoomWithinAUnit(t *testing.T) {
	doc := func(unit, id string) *fastjson.Value {
		v, err := fastjson.Parse(`{"type":"edanmdm","unitCode":"` + unit + `","content":{"descriptiveNonRepeating":{"record_ID":"` +
			id + `"},"indexedStructured":{"topic":["a","b","c","d"]}}}`)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	b := NewBuilder(mem, "A")
	defer b.Release()
	batch := func(unit string, n int) arrow.RecordBatch {
		t.Helper()
		for i := range n {
			if err := b.Append(doc(unit, fmt.Sprintf("%s%d", unit, i)), nil); err != nil {
				t.Fatal(err)
			}
		}
		recs := b.NewRecords()
		for t, r := range recs {
			if TableID(t) != Facets && r != nil {
				r.Release()
			}
		}
		return recs[Facets]
	}
	first := batch("A", 500) // 2,000 facets rows
	first.Release()
	b.Reset("A")
	if err := b.Append(doc("A", "next"), nil); err != nil {
		t.Fatal(err)
	}
	if got := cap(b.fac.recordID.offsets); got < 2001 {
		t.Errorf("same unit: room for %d facets offsets, want at least 2,001", got)
	}
	second := batch("A", 0)
	defer second.Release()
	ids := second.Column(Tables[Facets].Index("record_id")).(*array.String)
	if second.NumRows() != 4 || ids.Value(0) != "next" || ids.Value(3) != "next" {
		t.Errorf("second batch: %d rows, first id %q", second.NumRows(), ids.Value(0))
	}
	b.Reset("A")
	batch("A", 500).Release()
	b.Reset("B")
	if err := b.Append(doc("B", "b0"), nil); err != nil {
		t.Fatal(err)
	}
	if got := cap(b.fac.recordID.offsets); got > 64 {
		t.Errorf("other unit: room for %d facets offsets, want a fresh start", got)
	}
	batch("B", 0).Release()
}
