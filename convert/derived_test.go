package convert_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// checkDerived compares the derived objects columns (dates, places, taxa)
// with a second, independent reading of the JSON: the standard library's
// time.Parse and strings, on the forms the sample's records use. Records
// with a date form this reading does not know are left to the schema
// package's table tests, and counted, so that the check cannot quietly
// shrink.
func checkDerived(t *testing.T, recs []map[string]any, rows []map[string]any) {
	byID := map[string]map[string]any{}
	for _, row := range rows {
		byID[str(row["record_id"])] = row
	}
	datesChecked := 0
	for _, r := range recs {
		id := str(get(r, "content", "descriptiveNonRepeating", "record_ID"))
		row := byID[id]
		if row == nil {
			t.Fatalf("%s: no objects row", id)
		}
		want := map[string]any{}
		if d, ok := independentDates(r); ok {
			datesChecked++
			for k, v := range d {
				want[k] = v
			}
		} else {
			for _, k := range []string{"year_start", "year_end", "date_precision", "date_source"} {
				want[k] = row[k] // left to the grammar's tests
			}
		}
		for k, v := range independentPlaces(r) {
			want[k] = v
		}
		for k, v := range independentTaxa(r) {
			want[k] = v
		}
		got := map[string]any{}
		for k := range want {
			got[k] = row[k]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: derived columns differ from the JSON (-json +parquet):\n%s", id, diff)
		}
	}
	// 163 of the 228 when this was written; the others use circa, centuries,
	// BCE, open ranges, notes, several labels or forms (TestParseDateText*),
	// or roles this reading leaves to the hand audit (testdata/audit): SIL's
	// subject periods, FSG's Period, later casts and prints.
	if datesChecked < 163 {
		t.Errorf("dates of only %d records read independently; want at least 163", datesChecked)
	}
}

// The labels of the sample's freetext dates, by whether they date the object.
var (
	objectLabels = []string{"date", "collection date", "date made", "date created", "creation date", "date range", "start date", "end date"}
	otherLabels  = []string{"accession date", "used date"}
	// bucketUnits are the units whose decade buckets describe the object
	// (docs/DATES.md, "Per unit"): elsewhere a record without a freetext
	// year has none.
	bucketUnits = []string{"ACM", "AAA", "CHNDM", "FBR", "HMSG", "NASM", "NMAAHC", "NMAfA", "NMAH", "NMAI", "SIA",
		"NMNHBIRDS", "NMNHBOTANY", "NMNHEDUCATION", "NMNHENTO", "NMNHFISHES", "NMNHHERPS", "NMNHINV", "NMNHMAMMALS",
		"NMNHMINSCI", "NMNHPALEO"}
)

// independentDates returns year_start, year_end, date_precision and
// date_source as a reader takes them from the record, or false when a
// date is in a form this reading leaves to the grammar's tests.
func independentDates(r map[string]any) (map[string]any, bool) {
	type span struct {
		lo, hi int
		prec   string
	}
	var object, other []span
	var labels []string
	undated := ""
	unit := str(r["unitCode"])
	if unit == "SIL" {
		return nil, false // which Date is the publication date: left to the audit
	}
	for _, item := range asList(get(r, "content", "freetext", "date")) {
		label, text := str(get(item, "label")), str(get(item, "content"))
		if strings.Contains(text, "cast") || strings.Contains(text, "print") {
			return nil, false // a later cast or print: left to the audit
		}
		l := strings.ToLower(strings.TrimSpace(label))
		isObject := slices.Contains(objectLabels, l)
		if !isObject && !slices.Contains(otherLabels, l) {
			return nil, false
		}
		if text == "n.d." {
			if undated == "" {
				undated = label
			}
			continue
		}
		lo, hi, prec, ok := simpleDate(text)
		switch {
		case !isObject && ok:
			other = append(other, span{lo, hi, prec})
		case !ok:
			return nil, false
		default:
			object = append(object, span{lo, hi, prec})
			labels = append(labels, label)
		}
	}
	out := map[string]any{}
	if len(object) > 0 {
		// A range's ends are years; on a tie the finer end, then the first, sets it.
		rank := map[string]int{"day": 0, "month": 1, "year": 2, "range": 2}
		start, end, finest := 0, 0, object[0].prec
		for i, s := range object {
			if s.lo < object[start].lo || s.lo == object[start].lo && rank[s.prec] < rank[object[start].prec] {
				start = i
			}
			if s.hi > object[end].hi || s.hi == object[end].hi && rank[s.prec] < rank[object[end].prec] {
				end = i
			}
			if rank[s.prec] < rank[finest] {
				finest = s.prec
			}
		}
		lo, hi := object[start].lo, object[end].hi
		out["year_start"], out["year_end"] = float64(lo), float64(hi)
		out["date_precision"] = "range"
		if lo == hi {
			out["date_precision"] = finest
		}
		out["date_source"] = "freetext.date:" + labels[start]
		if labels[end] != labels[start] {
			out["date_source"] = "freetext.date:" + labels[start] + "/" + labels[end]
		}
		return out, true
	}
	// n.d.: undated, whatever the buckets say.
	if undated != "" {
		out["year_start"], out["year_end"], out["date_precision"], out["date_source"] = nil, nil, "undated", "freetext.date:"+undated
		return out, true
	}
	// The fallback: decade buckets, less those a date not about the object
	// explains, in the units whose buckets describe the object.
	lo, hi, found := 0, 0, false
	var buckets []any
	if slices.Contains(bucketUnits, unit) {
		buckets = asList(get(r, "content", "indexedStructured", "date"))
	}
	for _, b := range buckets {
		decade, err := strconv.Atoi(strings.TrimSuffix(str(b), "s"))
		if err != nil || decade%10 != 0 {
			return nil, false
		}
		explained := false
		for _, o := range other {
			explained = explained || o.lo <= decade+9 && decade <= o.hi
		}
		if explained {
			continue
		}
		if !found || decade < lo {
			lo = decade
		}
		if !found || decade+9 > hi {
			hi = decade + 9
		}
		found = true
	}
	switch {
	case found:
		out["year_start"], out["year_end"], out["date_precision"], out["date_source"] = float64(lo), float64(hi), "decade", "indexedStructured.date"
	default:
		out["year_start"], out["year_end"], out["date_precision"], out["date_source"] = nil, nil, nil, nil
	}
	return out, true
}

// simpleDate reads the plain forms of the sample with the standard library.
func simpleDate(s string) (lo, hi int, prec string, ok bool) {
	if a, b, found := strings.Cut(s, " to "); found {
		alo, _, ap, aok := simpleDate(a)
		_, bhi, bp, bok := simpleDate(b)
		if !aok || !bok || ap != bp {
			return 0, 0, "", false
		}
		if alo == bhi {
			return alo, bhi, ap, true
		}
		return alo, bhi, "range", true
	}
	if a, b, found := strings.Cut(s, "-"); found && len(a) == 4 && len(b) == 4 {
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if err1 == nil && err2 == nil && x < y {
			return x, y, "range", true
		}
		return 0, 0, "", false
	}
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil {
			return y, y, "year", true
		}
	}
	for layout, p := range map[string]string{
		"2 Jan 2006": "day", "January 2, 2006": "day", "20060102": "day", "2006:01:02": "day", "01/02/2006": "day",
		"Jan 2006": "month",
	} {
		if d, err := time.Parse(layout, s); err == nil {
			return d.Year(), d.Year(), p, true
		}
	}
	return 0, 0, "", false
}

// independentPlaces returns state..city, place_source, latitude and
// longitude: the first geoLocation levels when the record has no
// freetext.place (which may say the place is where it was made, and win);
// the first point when both its coordinates are numbers in range. Which
// place is chosen and its country are checked by the hand audit
// (testdata/audit: place_role, country_code).
func independentPlaces(r map[string]any) map[string]any {
	levels := []string{"L2", "L3", "L4", "L5"}
	cols := []string{"country", "state", "county", "city"}
	out := map[string]any{"country": nil, "state": nil, "county": nil, "city": nil, "place_source": nil,
		"latitude": nil, "longitude": nil}
	var lat, lon any
	for _, e := range asList(get(r, "content", "indexedStructured", "geoLocation")) {
		for i, l := range levels {
			v := get(e, l)
			if c := get(v, "content"); c != nil {
				v = c
			}
			if s, ok := v.(string); ok && out[cols[i]] == nil {
				out[cols[i]], out["place_source"] = s, "geoLocation"
			}
		}
		if p := get(e, "points", "point"); p != nil && lat == nil {
			lat, lon = get(p, "latitude", "content"), get(p, "longitude", "content")
		}
	}
	if lat != nil && lon != nil {
		la, err1 := strconv.ParseFloat(str(lat), 64)
		lo, err2 := strconv.ParseFloat(str(lon), 64)
		if err1 == nil && err2 == nil && la >= -90 && la <= 90 && lo >= -180 && lo <= 180 {
			out["latitude"], out["longitude"] = la, lo
		}
	}
	delete(out, "country") // normalised to ISO 3166-1: the audit checks its code
	if len(asList(get(r, "content", "freetext", "place"))) > 0 {
		for _, k := range []string{"state", "county", "city", "place_source"} {
			delete(out, k)
		}
		return out
	}
	return out
}

// independentTaxa returns the taxon columns: the name the title starts
// with (else the first) split on spaces, and the role from which keys the
// record has.
func independentTaxa(r map[string]any) map[string]any {
	out := map[string]any{"genus": nil, "subgenus": nil, "species": nil, "infraspecific_rank": nil,
		"infraspecific_epithet": nil, "taxon_role": nil}
	is, _ := get(r, "content", "indexedStructured").(map[string]any)
	for k := range is {
		if strings.HasPrefix(k, "tax_") || k == "common_name" {
			out["taxon_role"] = "subject"
		}
	}
	names := asList(is["scientific_name"])
	if len(names) == 0 {
		return out
	}
	out["taxon_role"] = "specimen"
	name := str(names[0])
	for _, n := range names {
		if title := str(r["title"]); str(n) == title || strings.HasPrefix(str(n), title+" ") {
			name = str(n)
			break
		}
	}
	f := strings.Fields(name)
	out["genus"] = f[0]
	f = f[1:]
	if strings.HasPrefix(f[0], "(") {
		out["subgenus"] = strings.Trim(f[0], "()")
		f = f[1:]
	}
	lower := func(s string) bool { return s != "" && s == strings.ToLower(s) && !strings.ContainsAny(s, ".(),&") }
	switch {
	case f[0] == "x" && lower(f[1]):
		out["species"] = fmt.Sprintf("%s x %s", out["genus"], f[1])
		return out
	case lower(f[0]):
		out["species"] = fmt.Sprintf("%s %s", out["genus"], f[0])
	default:
		return out
	}
	if len(f) > 1 && lower(f[1]) && f[1] != "ex" && f[1] != "var." {
		out["infraspecific_epithet"] = f[1]
	}
	for i, w := range f {
		if (w == "var." || w == "subsp.") && i+1 < len(f) {
			out["infraspecific_rank"], out["infraspecific_epithet"] = w, f[i+1]
		}
	}
	return out
}
