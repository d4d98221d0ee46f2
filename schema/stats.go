package schema

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/soa-project/soa/schema/datetext"
)

// Where a key without a column of its own was kept. Each census entry says
// one of these, so a user can find every value the dataset holds.
const (
	KeptInObjectsExtra   = "objects.extra_json"
	KeptInFacets         = "facets"
	KeptInFreetext       = "freetext"
	KeptInMediaExtra     = "media.extra_json"
	KeptInResourcesExtra = "media.resources[].extra_json"
)

// CensusEntry counts one key path that has no column of its own.
type CensusEntry struct {
	Path        string `json:"path"`
	KeptIn      string `json:"kept_in"`
	Count       int64  `json:"count"`
	ExampleUnit string `json:"example_unit"`
}

// maxUnparsedExamples bounds the distinct strings each counted list keeps
// (unparsed dates, ignored labels, date sources), so that a corpus of
// garbage dates cannot grow the stats without limit. The smallest strings
// in byte order are kept: which ones survive then does not depend on the
// order in which stats are merged (see counts).
const maxUnparsedExamples = 1000

// Stats is what a Builder learned about its input beyond the rows: the key
// census and the date and coordinate parsing outcomes. Merge is commutative
// and associative, so merged stats do not depend on the order of merging.
type Stats struct {
	// census holds one map per section; the key is the key (not the path),
	// so that looking it up from parser bytes does not allocate.
	census [numSections]map[string]*CensusEntry

	DateValues      int64 // indexedStructured.date strings seen
	DatesUnparsed   int64 // of which the year parser refused
	CoordsUnparsed  int64 // geoLocation points whose latitude/longitude is not a number in range
	RecordsWithDate int64 // objects rows with year_start or year_end set

	// Freetext dates (docs/DATES.md).
	FreetextDates    int64 // freetext.date items read as dates of the object
	FreetextUndated  int64 // of which said undated (n.d.) and gave no year
	FreetextUnparsed int64 // of which the grammar did not know
	BucketsDropped   int64 // indexedStructured.date buckets left out of the fallback because a non-object date explains them
	DatePrecisions   [datetext.NumPrecisions]int64

	// Distinct strings with their counts, bounded (see counts); read them
	// with the methods of the same names.
	unparsedDates, unparsedFreetextDates, ignoredDateLabels, dateSources counts

	// Names rows: records per role_class, and rows per role_class and
	// role (keyed "class\trole").
	nameClassRecords, nameRoles counts
}

// NameClassRecords returns, per names.role_class, the records with at
// least one name of that class.
func (s *Stats) NameClassRecords() map[string]int64 { return s.nameClassRecords.values() }

// NameRoles returns, per names.role_class, the names rows per role (the
// label, relator or index type as given; "" for none): what was left
// `other` is listed under "other".
func (s *Stats) NameRoles() map[string]map[string]int64 {
	out := map[string]map[string]int64{}
	for k, n := range s.nameRoles.values() {
		class, role, _ := strings.Cut(k, "\t")
		if out[class] == nil {
			out[class] = map[string]int64{}
		}
		out[class][role] += n
	}
	return out
}

// UnparsedDates returns the indexedStructured.date strings the year parser
// refused, with their counts (the 1,000 smallest strings).
func (s *Stats) UnparsedDates() map[string]int64 { return s.unparsedDates.values() }

// UnparsedFreetextDates returns the freetext dates of objects the grammar
// did not know, with their counts (the 1,000 smallest strings).
func (s *Stats) UnparsedFreetextDates() map[string]int64 { return s.unparsedFreetextDates.values() }

// IgnoredDateLabels returns the labels of freetext.date items not read as
// dates of the object ("Accession Date"), with their counts.
func (s *Stats) IgnoredDateLabels() map[string]int64 { return s.ignoredDateLabels.values() }

// DateSources returns the objects rows per date_source.
func (s *Stats) DateSources() map[string]int64 { return s.dateSources.values() }

type section int

const (
	secEnvelope section = iota
	secContent
	secDNR
	secMetadataUsage
	secOnlineMedia
	secIndexed
	secFreetext
	secMedia
	secMediaUsage
	secResources
	numSections
)

// sectionInfo gives each section's census path prefix, where its keys are
// kept, and the prefix of its keys inside an extra_json cell: full paths in
// objects.extra_json, paths relative to the item in the media, resource and
// freetext item cells.
var sectionInfo = [numSections]struct{ prefix, keptIn, extraPrefix string }{
	secEnvelope:      {"", KeptInObjectsExtra, ""},
	secContent:       {"content.", KeptInObjectsExtra, "content."},
	secDNR:           {dnr + ".", KeptInObjectsExtra, dnr + "."},
	secMetadataUsage: {dnr + ".metadata_usage.", KeptInObjectsExtra, dnr + ".metadata_usage."},
	secOnlineMedia:   {dnr + ".online_media.", KeptInObjectsExtra, dnr + ".online_media."},
	secIndexed:       {is + ".", KeptInFacets, ""},
	secFreetext:      {"content.freetext.", KeptInFreetext, ""},
	secMedia:         {dnr + ".online_media.media[].", KeptInMediaExtra, ""},
	secMediaUsage:    {dnr + ".online_media.media[].usage.", KeptInMediaExtra, "usage."},
	secResources:     {dnr + ".online_media.media[].resources[].", KeptInResourcesExtra, ""},
}

func (s *Stats) count(sec section, key []byte, unit string) {
	m := s.census[sec]
	if m == nil {
		m = make(map[string]*CensusEntry)
		s.census[sec] = m
	}
	if e := m[string(key)]; e != nil {
		e.Count++
		if unit < e.ExampleUnit {
			e.ExampleUnit = unit
		}
		return
	}
	info := sectionInfo[sec]
	m[string(key)] = &CensusEntry{Path: info.prefix + string(key), KeptIn: info.keptIn, Count: 1, ExampleUnit: unit}
}

func (s *Stats) unparsedDate(v []byte) {
	s.DatesUnparsed++
	s.unparsedDates.add(v, 1)
}

// Merge adds o into s.
func (s *Stats) Merge(o *Stats) {
	for sec := range o.census {
		for k, e := range o.census[sec] {
			if s.census[sec] == nil {
				s.census[sec] = make(map[string]*CensusEntry)
			}
			if mine := s.census[sec][k]; mine != nil {
				mine.Count += e.Count
				mine.ExampleUnit = min(mine.ExampleUnit, e.ExampleUnit)
			} else {
				c := *e
				s.census[sec][k] = &c
			}
		}
	}
	s.DateValues += o.DateValues
	s.DatesUnparsed += o.DatesUnparsed
	s.CoordsUnparsed += o.CoordsUnparsed
	s.RecordsWithDate += o.RecordsWithDate
	s.FreetextDates += o.FreetextDates
	s.FreetextUndated += o.FreetextUndated
	s.FreetextUnparsed += o.FreetextUnparsed
	s.BucketsDropped += o.BucketsDropped
	for i, n := range o.DatePrecisions {
		s.DatePrecisions[i] += n
	}
	s.unparsedDates.merge(&o.unparsedDates)
	s.unparsedFreetextDates.merge(&o.unparsedFreetextDates)
	s.ignoredDateLabels.merge(&o.ignoredDateLabels)
	s.dateSources.merge(&o.dateSources)
	s.nameClassRecords.merge(&o.nameClassRecords)
	s.nameRoles.merge(&o.nameRoles)
}

// DatePrecisionCounts returns the objects rows per date_precision, keyed
// by its name ("none" for rows without a date), every precision listed.
func (s *Stats) DatePrecisionCounts() map[string]int64 {
	m := make(map[string]int64, datetext.NumPrecisions)
	for p, n := range s.DatePrecisions {
		m[precisionKey(datetext.Precision(p))] = n
	}
	return m
}

// Census returns every key path without a column of its own, sorted by path.
func (s *Stats) Census() []CensusEntry {
	var out []CensusEntry
	for _, m := range s.census {
		for _, e := range m {
			out = append(out, *e)
		}
	}
	slices.SortFunc(out, func(a, b CensusEntry) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// statsJSON is how Stats are saved in a dataset's state, so that a later run
// can merge the stats of the groups it reuses. Census entries are sorted, so
// the same stats always give the same bytes.
type statsJSON struct {
	Census          []statsEntry     `json:"census"`
	DateValues      int64            `json:"date_values"`
	DatesUnparsed   int64            `json:"dates_unparsed"`
	UnparsedDates   map[string]int64 `json:"unparsed_dates,omitempty"`
	CoordsUnparsed  int64            `json:"coords_unparsed"`
	RecordsWithDate int64            `json:"records_with_date"`

	FreetextDates         int64            `json:"freetext_dates"`
	FreetextUndated       int64            `json:"freetext_undated"`
	FreetextUnparsed      int64            `json:"freetext_unparsed"`
	UnparsedFreetextDates map[string]int64 `json:"unparsed_freetext_dates,omitempty"`
	IgnoredDateLabels     map[string]int64 `json:"ignored_date_labels,omitempty"`
	BucketsDropped        int64            `json:"buckets_dropped"`
	DatePrecisions        map[string]int64 `json:"date_precisions,omitempty"`
	DateSources           map[string]int64 `json:"date_sources,omitempty"`
	NameClassRecords      map[string]int64 `json:"name_class_records,omitempty"`
	NameRoles             map[string]int64 `json:"name_roles,omitempty"`
}

type statsEntry struct {
	Section     int    `json:"section"`
	Key         string `json:"key"`
	Count       int64  `json:"count"`
	ExampleUnit string `json:"example_unit"`
}

// MarshalJSON saves the stats, census included.
func (s *Stats) MarshalJSON() ([]byte, error) {
	j := statsJSON{
		Census:     []statsEntry{},
		DateValues: s.DateValues, DatesUnparsed: s.DatesUnparsed, UnparsedDates: omitEmpty(s.unparsedDates.values()),
		CoordsUnparsed: s.CoordsUnparsed, RecordsWithDate: s.RecordsWithDate,
		FreetextDates: s.FreetextDates, FreetextUndated: s.FreetextUndated, FreetextUnparsed: s.FreetextUnparsed,
		UnparsedFreetextDates: omitEmpty(s.unparsedFreetextDates.values()), IgnoredDateLabels: omitEmpty(s.ignoredDateLabels.values()),
		BucketsDropped: s.BucketsDropped, DateSources: omitEmpty(s.dateSources.values()),
		NameClassRecords: omitEmpty(s.nameClassRecords.values()), NameRoles: omitEmpty(s.nameRoles.values()),
	}
	for p, n := range s.DatePrecisions {
		if n != 0 {
			if j.DatePrecisions == nil {
				j.DatePrecisions = make(map[string]int64)
			}
			j.DatePrecisions[precisionKey(datetext.Precision(p))] = n
		}
	}
	for sec, m := range s.census {
		for k, e := range m {
			j.Census = append(j.Census, statsEntry{Section: sec, Key: k, Count: e.Count, ExampleUnit: e.ExampleUnit})
		}
	}
	slices.SortFunc(j.Census, func(a, b statsEntry) int {
		return cmp.Or(cmp.Compare(a.Section, b.Section), cmp.Compare(a.Key, b.Key))
	})
	return json.Marshal(j)
}

// UnmarshalJSON restores stats saved by MarshalJSON.
func (s *Stats) UnmarshalJSON(data []byte) error {
	var j statsJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*s = Stats{
		DateValues: j.DateValues, DatesUnparsed: j.DatesUnparsed,
		CoordsUnparsed: j.CoordsUnparsed, RecordsWithDate: j.RecordsWithDate,
		FreetextDates: j.FreetextDates, FreetextUndated: j.FreetextUndated, FreetextUnparsed: j.FreetextUnparsed,
		BucketsDropped: j.BucketsDropped,
	}
	s.unparsedDates.set(j.UnparsedDates)
	s.unparsedFreetextDates.set(j.UnparsedFreetextDates)
	s.ignoredDateLabels.set(j.IgnoredDateLabels)
	s.dateSources.set(j.DateSources)
	s.nameClassRecords.set(j.NameClassRecords)
	s.nameRoles.set(j.NameRoles)
	for name, n := range j.DatePrecisions {
		p, ok := precisionByKey(name)
		if !ok {
			return fmt.Errorf("stats: unknown date precision %q", name)
		}
		s.DatePrecisions[p] = n
	}
	for _, e := range j.Census {
		if e.Section < 0 || e.Section >= int(numSections) {
			return fmt.Errorf("stats: census section %d out of range", e.Section)
		}
		if s.census[e.Section] == nil {
			s.census[e.Section] = make(map[string]*CensusEntry)
		}
		info := sectionInfo[e.Section]
		s.census[e.Section][e.Key] = &CensusEntry{Path: info.prefix + e.Key, KeptIn: info.keptIn, Count: e.Count, ExampleUnit: e.ExampleUnit}
	}
	return nil
}

// precisionKey names a precision in saved stats ("none" for no date).
func precisionKey(p datetext.Precision) string {
	if p == datetext.PrecisionNone {
		return "none"
	}
	return p.String()
}

func precisionByKey(name string) (datetext.Precision, bool) {
	for p := range datetext.NumPrecisions {
		if precisionKey(p) == name {
			return p, true
		}
	}
	return 0, false
}

// omitEmpty returns nil for an empty map, so that saved stats leave it out.
func omitEmpty(m map[string]int64) map[string]int64 {
	if len(m) == 0 {
		return nil
	}
	return m
}

// DateSummary says how dates fared (docs/DATES.md). Values, Unparsed and
// UnparsedValues are about the indexedStructured.date buckets; the
// Freetext* fields about the freetext dates of the object. The value lists
// keep the 1,000 smallest strings (byte order), with exact counts.
type DateSummary struct {
	Values          int64            `json:"values"`
	Unparsed        int64            `json:"unparsed"`
	RecordsWithYear int64            `json:"records_with_year"`
	UnparsedValues  map[string]int64 `json:"unparsed_values"`

	FreetextValues         int64            `json:"freetext_values"`
	FreetextUndated        int64            `json:"freetext_undated"`
	FreetextUnparsed       int64            `json:"freetext_unparsed"`
	FreetextUnparsedValues map[string]int64 `json:"freetext_unparsed_values"`
	// IgnoredLabels counts the freetext.date labels not read as dates of
	// the object ("Accession Date", "used date", "Period").
	IgnoredLabels map[string]int64 `json:"ignored_labels"`
	// BucketsDropped counts buckets left out of the fallback because a
	// date not about the object explains them.
	BucketsDropped int64 `json:"buckets_dropped"`
	// Precision and Source count objects rows per date_precision ("none"
	// for no date) and per date_source.
	Precision map[string]int64 `json:"precision"`
	Source    map[string]int64 `json:"source"`
}

// DateSummary is the summary of the dates counted so far.
func (s *Stats) DateSummary() DateSummary {
	return DateSummary{
		Values:          s.DateValues,
		Unparsed:        s.DatesUnparsed,
		RecordsWithYear: s.RecordsWithDate,
		UnparsedValues:  s.UnparsedDates(),

		FreetextValues:         s.FreetextDates,
		FreetextUndated:        s.FreetextUndated,
		FreetextUnparsed:       s.FreetextUnparsed,
		FreetextUnparsedValues: s.UnparsedFreetextDates(),
		IgnoredLabels:          s.IgnoredDateLabels(),
		BucketsDropped:         s.BucketsDropped,
		Precision:              s.DatePrecisionCounts(),
		Source:                 s.DateSources(),
	}
}
