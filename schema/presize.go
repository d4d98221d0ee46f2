package schema

import (
	"github.com/apache/arrow-go/v18/arrow/array"
)

// builderSize is how much one column builder held when its batch was taken:
// its rows, the bytes of its string values, and the same for the builders
// under it (list values, struct fields).
type builderSize struct {
	rows, bytes int
	children    []builderSize
}

// measure records the sizes of b and its children into s, reusing s's
// slices.
func (s *builderSize) measure(b array.Builder) {
	s.rows, s.bytes = b.Len(), 0
	switch b := b.(type) {
	case *array.BinaryBuilder:
		s.bytes = b.DataLen()
	case *array.StringBuilder:
		s.bytes = b.DataLen()
	case *array.ListBuilder:
		s.children = resize(s.children, 1)
		s.children[0].measure(b.ValueBuilder())
	case *array.StructBuilder:
		s.children = resize(s.children, b.NumField())
		for i := range s.children {
			s.children[i].measure(b.FieldBuilder(i))
		}
	}
}

// reserve gives b (empty, its buffers just handed to a batch) room for as
// much as s measured. Builders start at 32 rows and double as they fill,
// so a batch of a few thousand rows would otherwise copy each buffer seven
// or eight times (Builder.makeRoom says when it runs).
func (s *builderSize) reserve(b array.Builder) {
	if s.rows == 0 {
		return
	}
	b.Reserve(s.rows)
	switch b := b.(type) {
	case *array.BinaryBuilder:
		b.ReserveData(s.bytes)
	case *array.StringBuilder:
		b.ReserveData(s.bytes)
	case *array.ListBuilder:
		s.children[0].reserve(b.ValueBuilder())
	case *array.StructBuilder:
		for i := range s.children {
			s.children[i].reserve(b.FieldBuilder(i))
		}
	}
}

func resize(s []builderSize, n int) []builderSize {
	if cap(s) < n {
		return make([]builderSize, n)
	}
	return s[:n]
}
