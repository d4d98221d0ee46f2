package schema

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
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
