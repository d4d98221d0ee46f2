package schema

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Strings reads a string column however it was built: plain
// (*array.String) or dictionary-encoded with string values
// (*array.Dictionary), so that a column's Kind can build it as an Arrow
// dictionary without touching its readers (the tallies, the rollups).
// Its zero value is not usable; get one from ReadStrings.
type Strings struct {
	plain   *array.String
	indices *array.Dictionary // when dictionary-encoded; its values are values
	values  *array.String
}

// ReadStrings returns the reader of a, a string column or a dictionary of
// strings, or an error naming the type it has instead.
func ReadStrings(a arrow.Array) (Strings, error) {
	switch a := a.(type) {
	case *array.String:
		return Strings{plain: a}, nil
	case *array.Dictionary:
		if v, ok := a.Dictionary().(*array.String); ok {
			return Strings{indices: a, values: v}, nil
		}
	}
	return Strings{}, fmt.Errorf("%s is not a string column", a.DataType())
}

// Len is the number of rows.
func (s Strings) Len() int {
	if s.indices != nil {
		return s.indices.Len()
	}
	return s.plain.Len()
}

// IsNull says whether row i is null.
func (s Strings) IsNull(i int) bool {
	if s.indices != nil {
		return s.indices.IsNull(i)
	}
	return s.plain.IsNull(i)
}

// IsValid says whether row i is set.
func (s Strings) IsValid(i int) bool { return !s.IsNull(i) }

// Value is row i's string ("" when null). It shares the column's memory:
// valid while the column is.
func (s Strings) Value(i int) string {
	if s.indices != nil {
		if s.indices.IsNull(i) {
			return "" // as a plain column reads: a null slot's index is any
		}
		return s.values.Value(s.indices.GetValueIndex(i))
	}
	return s.plain.Value(i)
}
