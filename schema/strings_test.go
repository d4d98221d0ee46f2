package schema_test

import (
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
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

// TestReadStrings: a plain and a dictionary-encoded string column read the
// same, nulls included; other types are refused.
func TestReadStrings(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	sb := array.NewStringBuilder(mem)
	defer sb.Release()
	sb.AppendValues([]string{"b", "", "a", "b"}, []bool{true, false, true, true})
	plain := sb.NewStringArray()
	defer plain.Release()
	dict := asDictionary(t, mem, plain)
	defer dict.Release()
	for name, a := range map[string]arrow.Array{"plain": plain, "dictionary": dict} {
		s, err := schema.ReadStrings(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []string
		for i := range s.Len() {
			if s.IsNull(i) {
				got = append(got, "<null:"+s.Value(i)+">")
			} else {
				got = append(got, s.Value(i))
			}
		}
		if want := []string{"b", "<null:>", "a", "b"}; !slices.Equal(got, want) {
			t.Errorf("%s reads %q, want %q", name, got, want)
		}
	}
	ib := array.NewInt32Builder(mem)
	defer ib.Release()
	ints := ib.NewArray()
	defer ints.Release()
	if _, err := schema.ReadStrings(ints); err == nil {
		t.Error("an int32 column read as strings")
	}
}
