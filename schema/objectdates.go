package schema

import (
	"bytes"
	"strings"

	"github.com/soa-project/soa/schema/datetext"
	"github.com/soa-project/soa/schema/roles"
)

type yearSpan struct{ lo, hi int32 }

// Date sources written to objects.date_source.
const (
	sourceFreetextDate = "freetext.date"
	sourceBuckets      = "indexedStructured.date"
)

// objectDates is the object's own dates, read from the view: the span
// (year_start, year_end, date_precision), where it came from (date_source),
// whether it is uncertain, and the span of a later cast, print or edition.
type objectDates struct {
	span      datetext.Span
	source    []byte // date_source; nil when no date
	uncertain bool   // the own date that gave the years says c., ?, [..], possibly, ...
	later     datetext.Span

	others []yearSpan       // scratch: spans of dates not about the object (accession, used)
	labels []string         // scratch: the date labels, for roles.DateRoles
	texts  []string         // scratch: the date texts
	roles  []roles.DateRole // the role of each date item
}

// analyse reads the dates (docs/DATES.md):
//
//   - each freetext.date item gets a role (roles.DateRoles: by its label,
//     and in SIL by its place among the record's dates); an unlabelled
//     date is the object's own;
//   - the object's own dates give year_start/year_end; a later cast, print
//     or edition inside one ("1840-1845, cast 1951-1962", roles.SplitLater)
//     and the dates labelled as such give later_year_start/later_year_end;
//     subject periods, coverage, lifespans, accession and modification
//     dates extend neither;
//   - without a year from an own date, the indexedStructured.date buckets
//     give the years, leaving out the buckets that a date not about the
//     object (an accession date) explains, but only in the units whose
//     buckets describe the object (roles.BucketsDescribeObject) and never
//     when the record says it is undated (n.d.).
//
// The buckets are counted and checked here whichever source wins.
func (d *objectDates) analyse(v *recordView, stats *Stats) {
	d.others, d.labels, d.texts = d.others[:0], d.labels[:0], d.texts[:0]
	for _, item := range v.dateItems {
		d.labels = append(d.labels, v.text(item.label))
		d.texts = append(d.texts, string(item.content))
	}
	d.roles = roles.AppendDateRoles(d.roles[:0], v.unit, d.labels, d.texts)

	var acc, later datetext.Acc
	undatedTag := -1
	d.uncertain = false
	uncertain := false // an own date with years says it is uncertain
	for i, item := range v.dateItems {
		text := item.content
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		role := d.roles[i]
		if !item.labelled && role == roles.OtherDate {
			role = roles.Own // a bare date is about the object
		}
		switch role {
		case roles.Own:
		case roles.Later:
			addLater(&later, d.texts[i])
			continue
		default:
			stats.ignoredDateLabels.add(item.label, 1)
			var other datetext.Acc
			if other.AddText(text) {
				if s := other.Span(); s.HasStart && s.HasEnd {
					d.others = append(d.others, yearSpan{s.Start, s.End})
				}
			}
			continue
		}
		stats.FreetextDates++
		own, laterPart := roles.SplitLater(d.texts[i])
		if laterPart != "" {
			addLater(&later, laterPart)
			text = []byte(own)
		}
		acc.SetTag(i)
		yearsBefore := acc.Years()
		if !acc.AddText(text) {
			stats.FreetextUnparsed++
			stats.unparsedFreetextDates.add(item.content, 1)
			continue
		}
		if acc.Years() == yearsBefore { // "n.d.": no year
			stats.FreetextUndated++
			if undatedTag < 0 {
				undatedTag = i
			}
			continue
		}
		if isUncertain(own) {
			uncertain = true
		}
	}

	// The buckets: every string is parsed and counted, whichever source wins.
	var buckets datetext.Acc
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
		buckets.AddSpan(lo, hi, u)
	}

	span, startTag, endTag := acc.Resolve()
	source := sourceFreetextDate
	if !span.HasStart && !span.HasEnd {
		stats.BucketsDropped += dropped // only the fallback reads the buckets
	}
	switch {
	case span.HasStart || span.HasEnd:
		// Any own date's doubt is the span's: "probably late 1950s" beside
		// "1955-1960" (nmah_884) leaves the span uncertain.
		d.uncertain = uncertain
	case span.Precision == datetext.PrecisionUndated:
		startTag, endTag = undatedTag, undatedTag
	case buckets.Years() > 0 && roles.BucketsDescribeObject(v.unit):
		span, _, _ = buckets.Resolve()
		source, startTag, endTag = sourceBuckets, -1, -1
	default:
		source = ""
	}
	d.span = span
	d.later = later.Span()
	if span.HasStart || span.HasEnd {
		stats.RecordsWithDate++
	}
	stats.DatePrecisions[span.Precision]++
	if span.Precision == datetext.PrecisionNone {
		d.source = nil
		return
	}
	d.source = append(d.source[:0], source...)
	if source == sourceFreetextDate {
		d.source = appendLabels(d.source, v.dateItems, startTag, endTag)
	}
	stats.dateSources.add(d.source, 1)
}

// isUncertain is roles.Uncertain, and "between 1920 and 1940": the
// cataloguer's form of an estimated date (acm_1991.0064.0009).
func isUncertain(text string) bool {
	t := strings.TrimLeft(strings.TrimSpace(text), "[(")
	return roles.Uncertain(text) || len(t) >= 8 && strings.EqualFold(t[:8], "between ")
}

// addLater adds a later cast or print's date; prose after it ("printed
// 1919-20 from cancelled plate", npg_NPG.2019.86) is dropped a word at a
// time until the rest parses.
func addLater(later *datetext.Acc, text string) {
	t := strings.TrimSpace(text)
	for range 8 {
		if later.AddText([]byte(t)) {
			return
		}
		i := strings.LastIndexByte(t, ' ')
		if i < 0 {
			return
		}
		t = strings.TrimSpace(t[:i])
	}
}

// dateUncertain is objects.date_uncertain: null without years.
func dateUncertain(v *recordView) (bool, bool) {
	if !v.dates.span.HasStart && !v.dates.span.HasEnd {
		return false, false
	}
	return v.dates.uncertain, true
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
func bucketUnit(lo, hi int32) datetext.Unit {
	switch hi - lo + 1 {
	case 10:
		return datetext.UnitDecade
	case 33, 34, 100:
		return datetext.UnitCentury
	case 999, 1000:
		return datetext.UnitMillennium
	}
	return datetext.UnitYear
}
