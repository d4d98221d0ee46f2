package schema

import (
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// TestStringColArrays: a stringCol gives back exactly the values and nulls
// appended, batch after batch, with nulls first seen at and across byte
// boundaries of the validity bitmap, empty values kept apart from nulls,
// and a batch without nulls carrying no bitmap.
func TestStringColArrays(t *testing.T) {
	c := newStringCol()
	// want[i] is row i's value; "<null>" marks a null.
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"no nulls", []string{"a", "", "ccc", "日本"}},
		{"first null at row 0", []string{"<null>", "x", "<null>"}},
		{"first null at row 8", append(repeat("v", 8), "<null>", "w")},
		{"first null at row 13", append(repeat("v", 13), "<null>", "", "<null>", "z")},
		{"only nulls", []string{"<null>", "<null>"}},
		{"no nulls again", repeat("q", 20)},
	} {
		for _, v := range tc.want {
			if v == "<null>" {
				c.AppendNull()
			} else {
				c.Append([]byte(v))
			}
		}
		if c.Len() != len(tc.want) {
			t.Errorf("%s: Len %d, want %d", tc.name, c.Len(), len(tc.want))
		}
		a := c.newArray()
		if err := array.ValidateFull(a); err != nil {
			t.Fatalf("%s: invalid array: %v", tc.name, err)
		}
		s := a.(*array.String)
		var got []string
		nulls := 0
		for i := range s.Len() {
			if s.IsNull(i) {
				got = append(got, "<null>")
				nulls++
			} else {
				got = append(got, s.Value(i))
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) || len(got) != len(tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
		if s.NullN() != nulls {
			t.Errorf("%s: NullN %d, want %d", tc.name, s.NullN(), nulls)
		}
		if nulls == 0 && s.NullBitmapBytes() != nil {
			t.Errorf("%s: a bitmap without nulls", tc.name)
		}
		a.Release()
		if c.Len() != 0 {
			t.Errorf("%s: %d rows left after newArray", tc.name, c.Len())
		}
	}
}

func repeat(v string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = v
	}
	return out
}
