package schema

import (
	"bytes"
)

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

// objectDates is the object's own dates, read from the view: the span
// (year_start, year_end, date_precision) and where it came from
// (date_source).
type objectDates struct {
	span   DateSpan
	source []byte     // date_source; nil when no date
	others []yearSpan // scratch: spans of dates not about the object (accession, used)
}

// analyse reads the dates: from the freetext dates about the object when
// any gives a year, else from the indexedStructured.date buckets, leaving
// out the buckets that a date not about the object (an accession date)
// explains. docs/DATES.md has the rules; the buckets are counted and
// checked here whichever source wins.
func (d *objectDates) analyse(v *recordView, stats *Stats) {
	d.others = d.others[:0]
	var acc dateAcc
	undatedTag := -1
	for i, item := range v.dateItems {
		text := item.content
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		if item.labelled && !isObjectDateLabel(item.label) {
			stats.ignoredDateLabels.add(item.label, 1)
			var other dateAcc
			if other.addText(text) {
				if s := other.span(); s.HasStart && s.HasEnd {
					d.others = append(d.others, yearSpan{s.Start, s.End})
				}
			}
			continue
		}
		stats.FreetextDates++
		acc.tag = i
		yearsBefore := acc.years
		if !acc.addText(text) {
			stats.FreetextUnparsed++
			stats.unparsedFreetextDates.add(text, 1)
			continue
		}
		if acc.years == yearsBefore { // "n.d.": no year
			stats.FreetextUndated++
			if undatedTag < 0 {
				undatedTag = i
			}
		}
	}

	// The buckets: every string is parsed and counted, whichever source wins.
	var buckets dateAcc
	dropped := int64(0)
	for _, s := range v.lists[listDates] {
		stats.DateValues++
		lo, hi, ok := bucketYears(s)
		if !ok {
			stats.unparsedDate(s)
			continue
		}
		if d.explained(lo, hi) {
			dropped++
			continue
		}
		u := bucketUnit(lo, hi)
		buckets.add(stmt{lo: lo, hi: hi, loUnit: u, hiUnit: u})
	}

	span, startTag, endTag := acc.resolve()
	source := sourceFreetextDate
	if !span.HasStart && !span.HasEnd {
		stats.BucketsDropped += dropped // only the fallback reads the buckets
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
	d.span = span
	if span.HasStart || span.HasEnd {
		stats.RecordsWithDate++
	}
	stats.DatePrecisions[span.Precision]++
	if span.Precision == PrecisionNone {
		d.source = nil
		return
	}
	d.source = append(d.source[:0], source...)
	if source == sourceFreetextDate {
		d.source = appendLabels(d.source, v.dateItems, startTag, endTag)
	}
	stats.dateSources.add(d.source, 1)
}

// appendLabels appends ":<label>" of the item that set the start, and
// "/<label>" of the one that set the end when it differs: a date_source of
// `freetext.date:Start Date/End Date`. Unlabelled items add nothing.
func appendLabels(dst []byte, items []freetextItem, startTag, endTag int) []byte {
	first := itemLabel(items, startTag)
	if first == nil {
		first, startTag = itemLabel(items, endTag), endTag
	}
	if first == nil {
		return dst
	}
	dst = append(append(dst, ':'), first...)
	if last := itemLabel(items, endTag); last != nil && endTag != startTag && !bytes.Equal(last, first) {
		dst = append(append(dst, '/'), last...)
	}
	return dst
}

func itemLabel(items []freetextItem, tag int) []byte {
	if tag < 0 || tag >= len(items) {
		return nil
	}
	if l := bytes.TrimSpace(items[tag].label); len(l) > 0 {
		return l
	}
	return nil
}

// explained reports whether a bucket overlaps a date the record gives for
// something other than the object: EDAN buckets every freetext date, so
// an accession date of 15 Aug 1964 puts a 1960s bucket on an object that
// says nothing else about its age.
func (d *objectDates) explained(lo, hi int32) bool {
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
