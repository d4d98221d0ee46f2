package schema

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// derivation is one derived column of objects: its name (its type, source
// and meaning are its entry in Tables) and the pure function of the record's
// view that gives its value. Exactly one function is set, the one that
// matches the column's type:
//
//	bytes, text  string        nil / "" is null (an empty non-nil slice is "")
//	year         int32         ok false is null
//	float        double        ok false is null
//	list         list<string>  never null (nil is an empty list)
//	flag         bool          ok false is null
//
// Adding a derived column is one entry here and one Column in Tables; the
// builder binds and appends every entry (derivedCols).
type derivation struct {
	column string
	bytes  func(*recordView) []byte
	text   func(*recordView) string
	year   func(*recordView) (int32, bool)
	float  func(*recordView) (float64, bool)
	list   func(*recordView) []string
	flag   func(*recordView) (bool, bool)
}

// derivations are the derived columns of objects, in no particular order:
// each reads only the view.
var derivations = [...]derivation{
	{column: "year_start", year: func(v *recordView) (int32, bool) { return v.dates.span.Start, v.dates.span.HasStart }},
	{column: "year_end", year: func(v *recordView) (int32, bool) { return v.dates.span.End, v.dates.span.HasEnd }},
	{column: "date_precision", text: func(v *recordView) string { return v.dates.span.Precision.String() }},
	{column: "date_source", bytes: func(v *recordView) []byte { return v.dates.source }},
	{column: "later_year_start", year: func(v *recordView) (int32, bool) { return v.dates.later.Start, v.dates.later.HasStart }},
	{column: "later_year_end", year: func(v *recordView) (int32, bool) { return v.dates.later.End, v.dates.later.HasEnd }},
	{column: "date_uncertain", flag: dateUncertain},

	{column: "country", text: func(v *recordView) string { return v.place.country }},
	{column: "country_code", text: func(v *recordView) string { return v.place.countryCode }},
	{column: "countries", list: func(v *recordView) []string { return v.place.codes }},
	{column: "place_role", text: func(v *recordView) string { return string(v.place.role) }},
	{column: "state", bytes: func(v *recordView) []byte { return v.place.levels[levelState] }},
	{column: "county", bytes: func(v *recordView) []byte { return v.place.levels[levelCounty] }},
	{column: "city", bytes: func(v *recordView) []byte { return v.place.levels[levelCity] }},
	{column: "place_source", text: func(v *recordView) string { return v.place.source }},
	{column: "latitude", float: func(v *recordView) (float64, bool) { return v.coords.lat, v.coords.ok }},
	{column: "longitude", float: func(v *recordView) (float64, bool) { return v.coords.lon, v.coords.ok }},

	{column: "genus", bytes: func(v *recordView) []byte { return nonEmpty(v.taxon.parts.genus) }},
	{column: "subgenus", bytes: func(v *recordView) []byte { return nonEmpty(v.taxon.parts.subgenus) }},
	{column: "species", bytes: func(v *recordView) []byte { return nonEmpty(v.taxon.species) }},
	{column: "infraspecific_rank", text: func(v *recordView) string { return v.taxon.parts.rank }},
	{column: "infraspecific_epithet", bytes: func(v *recordView) []byte { return nonEmpty(v.taxon.parts.infra) }},
	{column: "taxon_role", text: taxonRole},

	{column: "makers", list: func(v *recordView) []string { return v.people.makers }},
	{column: "object_number", text: objectNumber},
}

// derivedCols are the builders of the derived columns, one per entry of
// derivations.
type derivedCols [len(derivations)]array.Builder

// bind looks up each derived column's builder and checks that its entry
// gives values of the column's type; a mismatch is a programming error
// caught by every test.
func (c *derivedCols) bind(r *array.RecordBuilder) {
	t := Tables[Objects]
	for i := range derivations {
		d := &derivations[i]
		col := t.Columns[t.Index(d.column)]
		var want arrow.DataType
		switch {
		case d.bytes != nil || d.text != nil:
			want = str.Arrow
		case d.year != nil:
			want = i32.Arrow
		case d.float != nil:
			want = f64.Arrow
		case d.list != nil:
			want = strList.Arrow
		case d.flag != nil:
			want = boolean.Arrow
		}
		if want == nil || !arrow.TypeEqual(want, col.Type.Arrow) {
			panic(fmt.Sprintf("schema: derived column %s is %s, its function gives %v", d.column, col.Type.Arrow, want))
		}
		c[i] = r.Field(t.Index(d.column))
	}
}

// append appends every derived column of one record.
func (c *derivedCols) append(v *recordView) {
	for i := range derivations {
		d := &derivations[i]
		switch b := c[i].(type) {
		case *array.StringBuilder:
			if d.bytes != nil {
				if s := d.bytes(v); s == nil {
					b.AppendNull()
				} else {
					b.BinaryBuilder.Append(s)
				}
			} else if s := d.text(v); s == "" {
				b.AppendNull()
			} else {
				b.Append(s)
			}
		case *array.Int32Builder:
			if y, ok := d.year(v); ok {
				b.Append(y)
			} else {
				b.AppendNull()
			}
		case *array.Float64Builder:
			if f, ok := d.float(v); ok {
				b.Append(f)
			} else {
				b.AppendNull()
			}
		case *array.ListBuilder:
			b.Append(true)
			vb := b.ValueBuilder().(*array.StringBuilder)
			for _, s := range d.list(v) {
				vb.Append(s)
			}
		case *array.BooleanBuilder:
			if f, ok := d.flag(v); ok {
				b.Append(f)
			} else {
				b.AppendNull()
			}
		}
	}
}

// nonEmpty returns s, or nil (null) when it is empty.
func nonEmpty(s []byte) []byte {
	if len(s) == 0 {
		return nil
	}
	return s
}
