package schema

import (
	"bytes"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/valyala/fastjson"
)

// derivedCols are the objects columns derived from the record as a whole:
// dates, places and taxa (docs/DATES.md, docs/DATASET.md).
type derivedCols struct {
	datePrecision, dateSource, placeSource            *array.StringBuilder
	genus, subgenus, species, infraRank, infraEpithet *array.StringBuilder
	taxonRole                                         *array.StringBuilder
}

func (c *derivedCols) bind(r *array.RecordBuilder) {
	t := Tables[Objects]
	s := func(name string) *array.StringBuilder { return r.Field(t.Index(name)).(*array.StringBuilder) }
	c.datePrecision, c.dateSource, c.placeSource = s("date_precision"), s("date_source"), s("place_source")
	c.genus, c.subgenus, c.species = s("genus"), s("subgenus"), s("species")
	c.infraRank, c.infraEpithet, c.taxonRole = s("infraspecific_rank"), s("infraspecific_epithet"), s("taxon_role")
}

// derivedScratch is per-record state for the derived columns, reused from
// record to record so that deriving allocates nothing once warm.
type derivedScratch struct {
	freetext  *fastjson.Value // content.freetext of the record being appended
	taxonKeys bool            // indexedStructured has a tax_* key
	labels    [][]byte        // labels of the freetext.date items, by item
	others    []yearSpan      // spans of dates not about the object (accession, used)
	buf       []byte          // date_source, species
}

func (d *derivedScratch) reset(freetext *fastjson.Value) {
	d.freetext, d.taxonKeys = freetext, false
	d.labels, d.others = d.labels[:0], d.others[:0]
}

type yearSpan struct{ lo, hi int32 }

// Date sources written to objects.date_source.
const (
	sourceFreetextDate = "freetext.date"
	sourceBuckets      = "indexedStructured.date"
)

// objectDateLabels are the freetext.date labels that date the object
// itself (compared trimmed, ignoring case). Any other label ("Accession
// Date", "used date", "Period") is not read for year_start/year_end; the
// manifest counts them under dates.ignored_labels.
var objectDateLabels = [...]string{
	"date", "dates", "date made", "date created", "creation date", "date of creation", "collection date",
	"date collected", "date range", "start date", "end date", "production date", "date produced",
	"date published", "publication date", "date issued", "date manufactured", "date of manufacture",
	"manufacture date", "date built", "date designed", "date painted", "date printed", "date cast",
	"date photographed", "date of photograph", "date taken", "date recorded", "recording date", "date written",
	"date executed",
}

func isObjectDateLabel(label []byte) bool {
	label = bytes.TrimSpace(bytes.TrimRight(bytes.TrimSpace(label), ":"))
	for _, l := range objectDateLabels {
		if foldEq(label, l) {
			return true
		}
	}
	return false
}

// objectDates appends year_start, year_end, date_precision and date_source:
// from the freetext dates about the object when any gives a year, else from
// the indexedStructured.date buckets, leaving out the buckets that a date
// not about the object (an accession date) explains. docs/DATES.md has the
// rules; the buckets are counted and checked here whichever source wins.
func (b *Builder) objectDates() {
	d := &b.derived
	var acc dateAcc
	undatedTag := -1
	for i, item := range elements(d.freetext.Get("date")) {
		var label, text []byte
		labelled := false
		switch item.Type() {
		case fastjson.TypeString:
			text = item.GetStringBytes() // a bare string: a date without a label
		case fastjson.TypeObject:
			label, text = item.GetStringBytes("label"), item.GetStringBytes("content")
			labelled = item.Get("label") != nil
		}
		d.labels = append(d.labels, label)
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		if labelled && !isObjectDateLabel(label) {
			b.stats.ignoredDateLabels.add(label, 1)
			var other dateAcc
			if other.addText(text) {
				if s := other.span(); s.HasStart && s.HasEnd {
					d.others = append(d.others, yearSpan{s.Start, s.End})
				}
			}
			continue
		}
		b.stats.FreetextDates++
		acc.tag = i
		yearsBefore := acc.years
		if !acc.addText(text) {
			b.stats.FreetextUnparsed++
			b.stats.unparsedFreetextDates.add(text, 1)
			continue
		}
		if acc.years == yearsBefore { // "n.d.": no year
			b.stats.FreetextUndated++
			if undatedTag < 0 {
				undatedTag = i
			}
		}
	}

	// The buckets: every string is parsed and counted, whichever source wins.
	var buckets dateAcc
	dropped := int64(0)
	for _, s := range b.lists[listDates] {
		b.stats.DateValues++
		lo, hi, ok := bucketYears(s)
		if !ok {
			b.stats.unparsedDate(s)
			continue
		}
		if d.explained(lo, hi) {
			dropped++
			continue
		}
		u := bucketUnit(lo, hi)
		buckets.add(stmt{lo: lo, hi: hi, loUnit: u, hiUnit: u})
	}

	c := &b.obj
	span, startTag, endTag := acc.resolve()
	source := sourceFreetextDate
	if !span.HasStart && !span.HasEnd {
		b.stats.BucketsDropped += dropped // only the fallback reads the buckets
	}
	switch {
	case span.HasStart || span.HasEnd:
	case buckets.years > 0:
		span, _, _ = buckets.resolve()
		source, startTag, endTag = sourceBuckets, -1, -1
	case span.Precision == PrecisionUndated:
		startTag, endTag = undatedTag, undatedTag
	default:
		source = ""
	}
	appendYear(c.yearStart, span.Start, span.HasStart)
	appendYear(c.yearEnd, span.End, span.HasEnd)
	if span.HasStart || span.HasEnd {
		b.stats.RecordsWithDate++
	}
	b.stats.DatePrecisions[span.Precision]++
	if span.Precision == PrecisionNone {
		c.derived.datePrecision.AppendNull()
		c.derived.dateSource.AppendNull()
		return
	}
	c.derived.datePrecision.Append(span.Precision.String())
	d.buf = append(d.buf[:0], source...)
	if source == sourceFreetextDate {
		d.buf = d.appendLabels(d.buf, startTag, endTag)
	}
	c.derived.dateSource.BinaryBuilder.Append(d.buf)
	b.stats.dateSources.add(d.buf, 1)
}

// appendLabels appends ":<label>" of the item that set the start, and
// "/<label>" of the one that set the end when it differs: a date_source of
// `freetext.date:Start Date/End Date`. Unlabelled items add nothing.
func (d *derivedScratch) appendLabels(dst []byte, startTag, endTag int) []byte {
	first := d.label(startTag)
	if first == nil {
		first, startTag = d.label(endTag), endTag
	}
	if first == nil {
		return dst
	}
	dst = append(append(dst, ':'), first...)
	if last := d.label(endTag); last != nil && endTag != startTag && !bytes.Equal(last, first) {
		dst = append(append(dst, '/'), last...)
	}
	return dst
}

func (d *derivedScratch) label(tag int) []byte {
	if tag < 0 || tag >= len(d.labels) {
		return nil
	}
	if l := bytes.TrimSpace(d.labels[tag]); len(l) > 0 {
		return l
	}
	return nil
}

// explained reports whether a bucket overlaps a date the record gives for
// something other than the object: EDAN buckets every freetext date, so
// an accession date of 15 Aug 1964 puts a 1960s bucket on an object that
// says nothing else about its age.
func (d *derivedScratch) explained(lo, hi int32) bool {
	for _, o := range d.others {
		if lo <= o.hi && o.lo <= hi {
			return true
		}
	}
	return false
}

// bucketYears is ParseYears on a bucket: the common "1950s" read here
// without converting the bytes, anything else by ParseYears.
func bucketYears(s []byte) (lo, hi int32, ok bool) {
	if len(s) == 5 && s[4] == 's' && s[3] == '0' {
		n := int32(0)
		for _, c := range s[:4] {
			if c < '0' || c > '9' {
				return ParseYears(string(s))
			}
			n = n*10 + int32(c-'0')
		}
		return n, n + 9, n+9 <= MaxYear
	}
	return ParseYears(string(s))
}

// bucketUnit is the granularity of a parsed indexedStructured.date, from
// its width: the buckets are decades, centuries (or thirds of one) and
// millennia; a year or a range of years is to the year.
func bucketUnit(lo, hi int32) dateUnit {
	switch hi - lo + 1 {
	case 10:
		return unitDecade
	case 33, 34, 100:
		return unitCentury
	case 999, 1000:
		return unitMillennium
	}
	return unitYear
}

func appendYear(col *array.Int32Builder, y int32, ok bool) {
	if ok {
		col.Append(y)
	} else {
		col.AppendNull()
	}
}
