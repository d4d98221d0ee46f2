package rollup

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/soa-project/soa/schema"
)

// Tally accumulates the counts of one rollup by key. Keys are the rollup's
// key columns encoded so that their bytes sort as the values do (nulls
// first, then strings by bytes, integers by value), which is the order in
// which rollup files are written and spilled runs are merged. Counts are
// additions, so tallies of any split of the input merge into the same
// result. A Tally is not safe for concurrent use.
type Tally struct {
	rollup *schema.Rollup
	width  int
	index  map[string]int32
	counts []int64
	marks  []int64 // per key, the last document counted by addForDocument
}

// NewTally returns an empty tally of r.
func NewTally(r *schema.Rollup) *Tally {
	return &Tally{rollup: r, width: len(r.Columns) - r.Keys, index: map[string]int32{}}
}

// Rollup is the rollup the tally counts.
func (t *Tally) Rollup() *schema.Rollup { return t.rollup }

// Len is the number of distinct keys.
func (t *Tally) Len() int { return len(t.index) }

// Reset empties the tally.
func (t *Tally) Reset() {
	clear(t.index)
	t.counts = t.counts[:0]
	t.marks = t.marks[:0]
}

// entry returns the counts of key, added if new.
func (t *Tally) entry(key []byte) (int, []int64) {
	i, ok := t.index[string(key)]
	if !ok {
		i = int32(len(t.index))
		t.index[string(key)] = i
		t.counts = append(t.counts, make([]int64, t.width)...)
		t.marks = append(t.marks, -1)
	}
	return int(i), t.counts[int(i)*t.width : int(i+1)*t.width]
}

// addForDocument counts one row of document doc (a number that grows from
// document to document): every count column but the last is a count of
// rows and gains 1; the last counts documents and gains 1 only for the
// first of doc's rows with this key.
func (t *Tally) addForDocument(key []byte, doc int64) {
	i, row := t.entry(key)
	for k := range len(row) - 1 {
		row[k]++
	}
	if t.marks[i] != doc {
		t.marks[i] = doc
		row[len(row)-1]++
	}
}

// Add adds counts (one per count column) to key's.
func (t *Tally) Add(key []byte, counts ...int64) {
	_, row := t.entry(key)
	for k, c := range counts {
		row[k] += c
	}
}

// Sorted returns the keys in byte order and, for each, its counts.
func (t *Tally) Sorted() ([]string, [][]int64) {
	keys := slices.Sorted(maps.Keys(t.index))
	counts := make([][]int64, len(keys))
	for j, k := range keys {
		i := int(t.index[k])
		counts[j] = t.counts[i*t.width : (i+1)*t.width]
	}
	return keys, counts
}

// AppendRow appends one rollup row, its encoded key and its counts, to b,
// a record builder of r.Schema().
func AppendRow(r *schema.Rollup, b *array.RecordBuilder, key []byte, counts []int64) error {
	for c := 0; c < r.Keys; c++ {
		if len(key) == 0 {
			return fmt.Errorf("rollup %s: key too short", r.Name)
		}
		valid := key[0] == 1
		key = key[1:]
		switch fb := b.Field(c).(type) {
		case *array.StringBuilder:
			if !valid {
				fb.AppendNull()
				continue
			}
			var s []byte
			for {
				i := bytes.IndexByte(key, 0)
				if i < 0 || i+1 >= len(key) {
					return fmt.Errorf("rollup %s: unterminated string in key", r.Name)
				}
				s = append(s, key[:i]...)
				esc := key[i+1]
				key = key[i+2:]
				if esc == 0x01 {
					break
				}
				s = append(s, 0)
			}
			fb.BinaryBuilder.Append(s)
		case *array.Int32Builder:
			if !valid {
				fb.AppendNull()
				continue
			}
			if len(key) < 4 {
				return fmt.Errorf("rollup %s: short integer in key", r.Name)
			}
			fb.Append(int32(binary.BigEndian.Uint32(key) ^ 0x80000000))
			key = key[4:]
		default:
			return fmt.Errorf("rollup %s: key column %d of unsupported type", r.Name, c)
		}
	}
	for k, v := range counts {
		b.Field(r.Keys + k).(*array.Int64Builder).Append(v)
	}
	return nil
}

// keyBuf encodes a key: per column a validity byte (0 null, 1 set), then a
// string with its 0x00 bytes written 0x00 0xFF and ended by 0x00 0x01, or
// an int32 as 4 big-endian bytes with the sign bit flipped.
type keyBuf []byte

func (k keyBuf) str(s string) keyBuf {
	k = append(k, 1)
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 {
			k = append(k, s...)
			break
		}
		k = append(k, s[:i]...)
		k = append(k, 0, 0xFF)
		s = s[i+1:]
	}
	return append(k, 0, 1)
}

func (k keyBuf) null() keyBuf { return append(k, 0) }

func (k keyBuf) optStr(a schema.Strings, i int) keyBuf {
	if a.IsNull(i) {
		return k.null()
	}
	return k.str(a.Value(i))
}

func (k keyBuf) i32(v int32) keyBuf {
	return binary.BigEndian.AppendUint32(append(k, 1), uint32(v)^0x80000000)
}

func (k keyBuf) optI32(a *array.Int32, i int) keyBuf {
	if a.IsNull(i) {
		return k.null()
	}
	return k.i32(a.Value(i))
}

// Tallies are the tallies of every per-group rollup, for one group:
// T[UnitRecords] and so on (nil for the global rollups).
type Tallies struct {
	T    [schema.NumRollups]*Tally
	sc   tallyScratch
	docs int64 // documents seen, numbering them for addForDocument
}

// NewTallies returns empty tallies of every per-group rollup.
func NewTallies() *Tallies {
	ts := &Tallies{}
	for i, r := range schema.Rollups {
		if !r.Global {
			ts.T[i] = NewTally(r)
		}
	}
	return ts
}

// tallyScratch is reused between batches.
type tallyScratch struct {
	unit keyBuf // the unit's key column, the first of most keys
	key  keyBuf
}

// Add counts the rows of one batch of each table of unit, as a Builder
// returned them, with the document ends the Builder gave for its objects
// rows (nil recs are tables without rows). It only reads the batches.
func (ts *Tallies) Add(unit string, recs [schema.NumTables]arrow.RecordBatch, docs []schema.DocumentEnd) error {
	sc := &ts.sc
	sc.unit = sc.unit[:0].str(unit)
	if o := recs[schema.Objects]; o != nil {
		if int(o.NumRows()) != len(docs) {
			return fmt.Errorf("rollups: %d objects rows but %d document ends", o.NumRows(), len(docs))
		}
		if err := ts.addObjects(unit, o, sc); err != nil {
			return err
		}
	}
	if m := recs[schema.Media]; m != nil {
		if err := ts.addMedia(unit, m, sc); err != nil {
			return err
		}
	}
	if err := ts.addNames(unit, recs[schema.Facets], docs, sc); err != nil {
		return err
	}
	return ts.addFreetext(unit, recs[schema.Freetext], docs, sc)
}

// stringReader reads the string columns of batches through Strings,
// keeping the first error.
type stringReader struct{ err error }

func (sr *stringReader) strings(rec arrow.RecordBatch, table schema.TableID, name string) schema.Strings {
	return sr.read(rec.Column(schema.Tables[table].Index(name)), schema.Tables[table].Name+"."+name)
}

// read reads a, named what in an error: a string column, or the values of
// a list of strings.
func (sr *stringReader) read(a arrow.Array, what string) schema.Strings {
	s, err := schema.ReadStrings(a)
	if err != nil && sr.err == nil {
		sr.err = fmt.Errorf("rollups: %s: %w", what, err)
	}
	return s
}

func column[T arrow.Array](rec arrow.RecordBatch, table schema.TableID, name string) T {
	return rec.Column(schema.Tables[table].Index(name)).(T)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (ts *Tallies) addObjects(unit string, o arrow.RecordBatch, sc *tallyScratch) error {
	n := int(o.NumRows())
	var sr stringReader
	var (
		recordID   = sr.strings(o, schema.Objects, "record_id")
		dataSource = sr.strings(o, schema.Objects, "data_source")
		isCC0      = column[*array.Boolean](o, schema.Objects, "is_cc0")
		hasMedia   = column[*array.Boolean](o, schema.Objects, "has_media")
		mediaCount = column[*array.Int32](o, schema.Objects, "media_count")
		imageCount = column[*array.Int32](o, schema.Objects, "image_count")
		country    = sr.strings(o, schema.Objects, "country")
		code       = sr.strings(o, schema.Objects, "country_code")
		placeRole  = sr.strings(o, schema.Objects, "place_role")
		uncertain  = column[*array.Boolean](o, schema.Objects, "date_uncertain")
		makers     = column[*array.List](o, schema.Objects, "makers")
		makerNames = sr.read(makers.ListValues(), "objects.makers")
		lat        = column[*array.Float64](o, schema.Objects, "latitude")
		lon        = column[*array.Float64](o, schema.Objects, "longitude")
		precision  = sr.strings(o, schema.Objects, "date_precision")
		yearStart  = column[*array.Int32](o, schema.Objects, "year_start")
		yearEnd    = column[*array.Int32](o, schema.Objects, "year_end")
		kingdom    = sr.strings(o, schema.Objects, "tax_kingdom")
		class      = sr.strings(o, schema.Objects, "tax_class")
		family     = sr.strings(o, schema.Objects, "tax_family")
	)
	if sr.err != nil {
		return sr.err
	}
	k := sc.key[:0]
	for i := range n {
		k = append(k[:0], sc.unit...).optStr(dataSource, i)
		ts.T[schema.UnitRecords].Add(k, 1, b2i(isCC0.Value(i)), b2i(hasMedia.Value(i)), int64(mediaCount.Value(i)), int64(imageCount.Value(i)))

		k = append(k[:0], sc.unit...).optStr(country, i)
		ts.T[schema.CountryRecords].Add(k, 1, b2i(lat.IsValid(i) && lon.IsValid(i)))

		k = append(k[:0], sc.unit...).optStr(code, i).optStr(placeRole, i)
		ts.T[schema.CountryCodeRecords].Add(k, 1, b2i(uncertain.IsValid(i) && uncertain.Value(i)))

		start, end := makers.ValueOffsets(i)
		for j := start; j < end; j++ { // makers lists each maker once
			k = append(k[:0], sc.unit...).str(makerNames.Value(int(j)))
			ts.T[schema.MakerRecords].Add(k, 1)
		}

		k = append(k[:0], sc.unit...).optStr(precision, i)
		ts.T[schema.DateRecords].Add(k, 1, b2i(yearStart.IsValid(i) || yearEnd.IsValid(i)))

		if lat.IsValid(i) && lon.IsValid(i) {
			k = append(k[:0], sc.unit...).i32(degreeCell(lat.Value(i), 90)).i32(degreeCell(lon.Value(i), 180))
			ts.T[schema.CoordinateCells].Add(k, 1)
		}

		if kingdom.IsValid(i) || class.IsValid(i) || family.IsValid(i) {
			k = append(k[:0], sc.unit...).optStr(kingdom, i).optStr(class, i).optStr(family, i)
			ts.T[schema.TaxonRecords].Add(k, 1)
		}

		k = k[:0].str(recordID.Value(i)).str(unit)
		ts.T[schema.RecordIDs].Add(k, 1)
	}

	for c, col := range schema.Tables[schema.Objects].Columns {
		k = append(k[:0], sc.unit...).str(col.Name)
		ts.T[schema.ColumnFill].Add(k, filled(o.Column(c)))
	}

	for _, name := range schema.RolledUpLists {
		l := column[*array.List](o, schema.Objects, name)
		values, err := schema.ReadStrings(l.ListValues())
		if err != nil {
			return fmt.Errorf("rollups: objects.%s: %w", name, err)
		}
		for i := range n {
			start, end := l.ValueOffsets(i)
			for j := start; j < end; j++ {
				k = append(k[:0], sc.unit...).str(name).str(values.Value(int(j)))
				ts.T[schema.ListValues].Add(k, 1)
			}
		}
	}

	for _, name := range schema.YearColumns {
		a := o.Column(schema.Tables[schema.Objects].Index(name))
		for i := range n {
			if a.IsNull(i) {
				continue
			}
			var year int32
			switch a := a.(type) {
			case *array.Int32:
				year = a.Value(i)
			case *array.Timestamp:
				unit := a.DataType().(*arrow.TimestampType).Unit
				year = int32(a.Value(i).ToTime(unit).UTC().Year())
			default:
				panic(fmt.Sprintf("rollup: year column %s of unsupported type %s", name, a.DataType()))
			}
			k = append(k[:0], sc.unit...).str(name).i32(year)
			ts.T[schema.YearRecords].Add(k, 1)
		}
	}
	sc.key = k
	return nil
}

// degreeCell is the one-degree cell of a coordinate in [-limit, limit]:
// floor(v), with limit itself in the last cell (limit-1) so that the cells
// tile the globe. Values outside the range (never written: latitude and
// longitude are checked when built) are clamped to the edge cells.
func degreeCell(v float64, limit int32) int32 {
	c := math.Floor(v)
	switch {
	case c >= float64(limit):
		return limit - 1
	case c < float64(-limit) || math.IsNaN(c):
		return -limit
	}
	return int32(c)
}

// filled counts the rows of a column that are not null, and, for a list,
// not empty, and, for a boolean, true.
func filled(a arrow.Array) int64 {
	switch a := a.(type) {
	case *array.List:
		var n int64
		for i := range a.Len() {
			if start, end := a.ValueOffsets(i); a.IsValid(i) && end > start {
				n++
			}
		}
		return n
	case *array.Boolean:
		var n int64
		for i := range a.Len() {
			if a.IsValid(i) && a.Value(i) {
				n++
			}
		}
		return n
	}
	return int64(a.Len() - a.NullN())
}

func (ts *Tallies) addMedia(unit string, m arrow.RecordBatch, sc *tallyScratch) error {
	var sr stringReader
	var (
		typ    = sr.strings(m, schema.Media, "type")
		isCC0  = column[*array.Boolean](m, schema.Media, "is_cc0")
		width  = column[*array.Int32](m, schema.Media, "max_width")
		height = column[*array.Int32](m, schema.Media, "max_height")
	)
	if sr.err != nil {
		return sr.err
	}
	k := sc.key[:0]
	for i := range int(m.NumRows()) {
		cc0 := b2i(isCC0.Value(i))
		k = append(k[:0], sc.unit...).optStr(typ, i).str("width").optI32(width, i)
		ts.T[schema.MediaSizes].Add(k, 1, cc0)
		k = append(k[:0], sc.unit...).optStr(typ, i).str("height").optI32(height, i)
		ts.T[schema.MediaSizes].Add(k, 1, cc0)
	}
	sc.key = k
	return nil
}

// perDocument calls add for each row of each document with a key: keyOf
// appends a row's key to k and says whether the row counts at all.
func (ts *Tallies) perDocument(rows int, docs []schema.DocumentEnd, end func(schema.DocumentEnd) int32,
	keyOf func(k keyBuf, row int) (keyBuf, bool), add func(key []byte, doc int64)) {
	k := ts.sc.key[:0]
	start := 0
	for _, d := range docs {
		ts.docs++
		stop := min(int(end(d)), rows)
		for r := start; r < stop; r++ {
			var ok bool
			if k, ok = keyOf(k[:0], r); ok {
				add(k, ts.docs)
			}
		}
		start = stop
	}
	ts.sc.key = k
}

func (ts *Tallies) addNames(unit string, f arrow.RecordBatch, docs []schema.DocumentEnd, sc *tallyScratch) error {
	if f == nil {
		return nil
	}
	var sr stringReader
	var (
		facet     = sr.strings(f, schema.Facets, "facet")
		value     = sr.strings(f, schema.Facets, "value")
		qualifier = sr.strings(f, schema.Facets, "qualifier")
	)
	if sr.err != nil {
		return sr.err
	}
	ts.perDocument(int(f.NumRows()), docs, func(d schema.DocumentEnd) int32 { return d.Facets },
		func(k keyBuf, r int) (keyBuf, bool) {
			if value.IsNull(r) || facet.Value(r) != "name" {
				return k, false
			}
			return append(k, sc.unit...).str(value.Value(r)).str(qualifier.Value(r)), true // a null qualifier reads as ""
		},
		ts.T[schema.NameRecords].addForDocument)
	return nil
}

func (ts *Tallies) addFreetext(unit string, f arrow.RecordBatch, docs []schema.DocumentEnd, sc *tallyScratch) error {
	if f == nil {
		return nil
	}
	var sr stringReader
	var (
		category = sr.strings(f, schema.Freetext, "category")
		label    = sr.strings(f, schema.Freetext, "label")
	)
	if sr.err != nil {
		return sr.err
	}
	ts.perDocument(int(f.NumRows()), docs, func(d schema.DocumentEnd) int32 { return d.Freetext },
		func(k keyBuf, r int) (keyBuf, bool) {
			return append(k, sc.unit...).str(category.Value(r)).str(label.Value(r)), true // a null label reads as ""
		},
		ts.T[schema.FreetextLabels].addForDocument)
	return nil
}
