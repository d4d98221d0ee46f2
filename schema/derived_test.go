package schema_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/schema"
	"github.com/valyala/fastjson"
)

// record returns an edanmdm document with the given title and the JSON of
// its indexedStructured and freetext.
func record(id, title, indexed, freetext string) string {
	if indexed == "" {
		indexed = "{}"
	}
	if freetext == "" {
		freetext = "{}"
	}
	return fmt.Sprintf(`{"type":"edanmdm","unitCode":"U","title":%q,"content":{"descriptiveNonRepeating":{"record_ID":%q},"indexedStructured":%s,"freetext":%s}}`,
		title, id, indexed, freetext)
}

// derivedColumns are the objects columns compared by the tests below.
var derivedColumns = []string{"year_start", "year_end", "date_precision", "date_source", "country", "state", "county", "city",
	"place_source", "latitude", "longitude", "genus", "subgenus", "species", "infraspecific_rank", "infraspecific_epithet", "taxon_role"}

// derived builds the lines as NMAH records: a unit whose date buckets
// describe the object (roles.BucketsDescribeObject) and whose places state
// no role unless their label does.
func derived(t *testing.T, lines ...string) ([]map[string]any, *schema.Stats) {
	t.Helper()
	tables, stats := buildUnitRecords(t, "NMAH", lines)
	var out []map[string]any
	for _, row := range tables[schema.Objects] {
		m := map[string]any{}
		for _, c := range derivedColumns {
			if v := row[c]; v != nil {
				m[c] = v
			}
		}
		out = append(out, m)
	}
	return out, stats
}

func TestDerivedDates(t *testing.T) {
	tests := []struct {
		name, indexed, freetext string
		want                    map[string]any
	}{
		{
			"the freetext date wins over the buckets",
			`{"date":["1840s","1610s","1860s"]}`, `{"date":[{"label":"Date","content":"1847"},{"label":"Period","content":"Edo period"}]}`,
			map[string]any{"year_start": 1847.0, "year_end": 1847.0, "date_precision": "year", "date_source": "freetext.date:Date"},
		},
		{
			"a day, with its label",
			`{"date":["1950s"]}`, `{"date":[{"label":"Collection Date","content":"15 Jun 1952"}]}`,
			map[string]any{"year_start": 1952.0, "year_end": 1952.0, "date_precision": "day", "date_source": "freetext.date:Collection Date"},
		},
		{
			"the buckets are the fallback",
			`{"date":["1920s","1860s"]}`, `{"date":[{"label":"Date","content":"Edo period"}]}`,
			map[string]any{"year_start": 1860.0, "year_end": 1929.0, "date_precision": "decade", "date_source": "indexedStructured.date"},
		},
		{
			"an accession date is not the object's, nor is its bucket",
			`{"date":["1960s"]}`, `{"date":[{"label":"Accession Date","content":"15 Aug 1964"}]}`,
			map[string]any{},
		},
		{
			"a bucket an accession date does not explain stays",
			`{"date":["1960s","1880s"]}`, `{"date":[{"label":"Accession Date","content":"15 Aug 1964"}]}`,
			map[string]any{"year_start": 1880.0, "year_end": 1889.0, "date_precision": "decade", "date_source": "indexedStructured.date"},
		},
		{
			"a used date does not widen the object's",
			`{"date":["1950s"]}`, `{"date":[{"label":"date made","content":"1950"},{"label":"used date","content":"October 20, 1952"}]}`,
			map[string]any{"year_start": 1950.0, "year_end": 1950.0, "date_precision": "year", "date_source": "freetext.date:date made"},
		},
		{
			"start and end dates name both labels",
			`{"date":["1940s"]}`, `{"date":[{"label":"Date Range","content":"1948-1949"},{"label":"Start Date","content":"19480516"},{"label":"End Date","content":"19490918"}]}`,
			map[string]any{"year_start": 1948.0, "year_end": 1949.0, "date_precision": "range", "date_source": "freetext.date:Start Date/End Date"},
		},
		{
			"several dates combine",
			``, `{"date":[{"label":"Date","content":"1974"},{"label":"Date","content":"July 20, 1974"}]}`,
			map[string]any{"year_start": 1974.0, "year_end": 1974.0, "date_precision": "day", "date_source": "freetext.date:Date"},
		},
		{
			"an open end stays open",
			`{"date":["1980s"]}`, `{"date":[{"label":"Date","content":"1988"},{"label":"Date","content":"1988-"}]}`,
			map[string]any{"year_start": 1988.0, "date_precision": "open", "date_source": "freetext.date:Date"},
		},
		{
			"undated, with no bucket",
			``, `{"date":[{"label":"Date","content":"n.d."}]}`,
			map[string]any{"date_precision": "undated", "date_source": "freetext.date:Date"},
		},
		{
			"undated, with buckets: undated all the same (issue #24)",
			`{"date":["1920s"]}`, `{"date":[{"label":"Date","content":"n.d."}]}`,
			map[string]any{"date_precision": "undated", "date_source": "freetext.date:Date"},
		},
		{
			"a bare string item is a date without a label",
			``, `{"date":["c. 1758"]}`,
			map[string]any{"year_start": 1753.0, "year_end": 1763.0, "date_precision": "circa", "date_source": "freetext.date"},
		},
		{
			"BCE",
			``, `{"date":[{"label":"Date","content":"100 B.C.-100 A.D."}]}`,
			map[string]any{"year_start": -100.0, "year_end": 100.0, "date_precision": "range", "date_source": "freetext.date:Date"},
		},
		{
			"no date at all",
			`{"topic":["Ants"]}`, `{"notes":[{"label":"Note","content":"1934"}]}`,
			map[string]any{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _ := derived(t, record("r", "T", tt.indexed, tt.freetext))
			got := map[string]any{}
			for _, c := range []string{"year_start", "year_end", "date_precision", "date_source"} {
				if v, ok := rows[0][c]; ok {
					got[c] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDerivedDateStats(t *testing.T) {
	_, stats := derived(t,
		record("a", "A", `{"date":["1960s","2970s"]}`, `{"date":[{"label":"Accession Date","content":"15 Aug 1964"}]}`),
		record("b", "B", ``, `{"date":[{"label":"Date","content":"Edo period"},{"label":"Date","content":"n.d."},{"label":"Date","content":"1934"}]}`),
	)
	if stats.FreetextDates != 3 || stats.FreetextUndated != 1 || stats.FreetextUnparsed != 1 || stats.UnparsedFreetextDates()["Edo period"] != 1 {
		t.Errorf("freetext dates: %d read, %d undated, %d unparsed %v", stats.FreetextDates, stats.FreetextUndated, stats.FreetextUnparsed, stats.UnparsedFreetextDates())
	}
	if stats.IgnoredDateLabels()["Accession Date"] != 1 || stats.BucketsDropped != 1 || stats.DatesUnparsed != 1 {
		t.Errorf("ignored labels %v, buckets dropped %d, unparsed buckets %d", stats.IgnoredDateLabels(), stats.BucketsDropped, stats.DatesUnparsed)
	}
	if p := stats.DatePrecisionCounts(); p["none"] != 1 || p["year"] != 1 || stats.RecordsWithDate != 1 || stats.DateSources()["freetext.date:Date"] != 1 {
		t.Errorf("precisions %v, with a year %d, sources %v", p, stats.RecordsWithDate, stats.DateSources())
	}
}

func TestDerivedPlaces(t *testing.T) {
	tests := []struct {
		name, indexed, freetext string
		want                    map[string]any
	}{
		{
			"NZP labels",
			``, `{"place":[{"label":"City","content":"Washington"},{"label":"Country","content":"USA"}]}`,
			map[string]any{"country": "United States", "city": "Washington", "place_source": "freetext.place"}, // ISO 3166-1 name
		},
		{
			"NMAH country and state",
			`{"place":["United States","Pennsylvania"],"geoLocation":[{"Other":{"type":"Place","content":"United States"}},{"Other":{"type":"Place","content":"Pennsylvania"}}]}`,
			`{"place":[{"label":"origin","content":"United States: Pennsylvania"}]}`,
			map[string]any{"country": "United States", "state": "Pennsylvania", "place_source": "freetext.place"},
		},
		{
			"NMAH state, county and city",
			`{"place":["England","United Kingdom","Birmingham"]}`,
			`{"place":[{"label":"place made","content":"United Kingdom: England, Birmingham, Birmingham"}]}`,
			map[string]any{"country": "United Kingdom", "state": "England", "county": "Birmingham", "city": "Birmingham", "place_source": "freetext.place"},
		},
		{
			"NMAH two parts: the second may be a county or a city",
			`{"place":["United States","New York","Albany"]}`,
			`{"place":[{"label":"place made","content":"United States: New York, Albany"}]}`,
			map[string]any{"country": "United States", "state": "New York", "place_source": "freetext.place"},
		},
		{
			"a colon in prose is not a country",
			`{"place":["Virginia"]}`, `{"place":[{"label":"Place","content":"Near: the old mill, Virginia"}]}`,
			map[string]any{},
		},
		{
			"NPG backslashes",
			`{"place":["United States","District of Columbia","Washington"]}`,
			`{"place":[{"label":"Place","content":"United States\\District of Columbia\\Washington"}]}`,
			map[string]any{"country": "United States", "state": "District of Columbia", "city": "Washington", "place_source": "freetext.place"},
		},
		{
			"the geoLocation wins",
			`{"geoLocation":[{"L2":{"type":"Country","content":"France"}}]}`, `{"place":[{"label":"Country","content":"USA"}]}`,
			map[string]any{"country": "France", "place_source": "geoLocation"},
		},
		{
			"a point: both coordinates",
			`{"geoLocation":[{"points":{"point":{"latitude":{"type":"decimal","content":"40.8333"},"longitude":{"type":"decimal","content":"-76"}}}}]}`, ``,
			map[string]any{"latitude": 40.8333, "longitude": -76.0},
		},
		{
			"a latitude past 90 gives neither",
			`{"geoLocation":[{"points":{"point":{"latitude":{"content":"95"},"longitude":{"content":"10"}}}}]}`, ``,
			map[string]any{},
		},
		{
			"a latitude below -90 gives neither",
			`{"geoLocation":[{"points":{"point":{"latitude":{"content":"-91"},"longitude":{"content":"10"}}}}]}`, ``,
			map[string]any{},
		},
		{
			"a longitude that is not a number gives neither",
			`{"geoLocation":[{"points":{"point":{"latitude":{"content":"45"},"longitude":{"content":"west"}}}}]}`, ``,
			map[string]any{},
		},
		{
			"a longitude past 180 gives neither",
			`{"geoLocation":[{"points":{"point":{"latitude":"45","longitude":"181"}}}]}`, ``,
			map[string]any{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _ := derived(t, record("r", "T", tt.indexed, tt.freetext))
			got := map[string]any{}
			for _, c := range []string{"country", "state", "county", "city", "place_source", "latitude", "longitude"} {
				if v, ok := rows[0][c]; ok {
					got[c] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	_, stats := derived(t, record("r", "T", `{"geoLocation":[{"points":{"point":{"latitude":"95","longitude":"10"}}}]}`, ``))
	if stats.CoordsUnparsed != 1 {
		t.Errorf("coordinates unparsed %d, want 1", stats.CoordsUnparsed)
	}
}

func TestDerivedTaxa(t *testing.T) {
	tests := []struct {
		name, title, indexed string
		want                 map[string]any
	}{
		{
			"a specimen", "Coryphantha vivipara var. rosea",
			`{"scientific_name":["Coryphantha vivipara var. rosea"],"tax_family":["Cactaceae"]}`,
			map[string]any{"genus": "Coryphantha", "species": "Coryphantha vivipara", "infraspecific_rank": "var.", "infraspecific_epithet": "rosea", "taxon_role": "specimen"},
		},
		{
			"the accepted name is the one the title starts with", "Hesperostipa neomexicana (Thurb.) Barkworth",
			`{"scientific_name":["Stipa neomexicana (Thurb.) Scribn.","Hesperostipa neomexicana (Thurb.) Barkworth"]}`,
			map[string]any{"genus": "Hesperostipa", "species": "Hesperostipa neomexicana", "taxon_role": "specimen"},
		},
		{
			"a title without the authority", "Molophilus (Molophilus) styx",
			`{"scientific_name":["Molophilus (Molophilus) styx Alexander, 1952"]}`,
			map[string]any{"genus": "Molophilus", "subgenus": "Molophilus", "species": "Molophilus styx", "taxon_role": "specimen"},
		},
		{
			"a vase filed under Elephantidae", "Vase",
			`{"tax_family":["Elephantidae"],"common_name":["Elephants"]}`,
			map[string]any{"taxon_role": "subject"},
		},
		{
			"a key without a column is taxonomy too", "Book",
			`{"tax_sub-family":["Formicinae"]}`,
			map[string]any{"taxon_role": "subject"},
		},
		{
			"no taxonomy", "Chair", `{"topic":["Furniture"]}`,
			map[string]any{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _ := derived(t, record("r", tt.title, tt.indexed, ``))
			got := map[string]any{}
			for _, c := range []string{"genus", "subgenus", "species", "infraspecific_rank", "infraspecific_epithet", "taxon_role"} {
				if v, ok := rows[0][c]; ok {
					got[c] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestStatsMergeOrder: the counted lists keep the same strings and counts
// whatever the order in which stats are merged, also once they are full:
// the 1,000 smallest strings, with their exact counts.
func TestStatsMergeOrder(t *testing.T) {
	var parts []*schema.Stats
	allBuckets, allTexts := map[string]int64{}, map[string]int64{}
	for p := range 4 {
		var lines []string
		for i := range 700 {
			// Overlapping sets of distinct unparsed strings, 2,800 in all.
			bucket, text := fmt.Sprint("bad ", (i*7+p*500)%2000), fmt.Sprint("prose ", (p*300+i)%1500)
			allBuckets[bucket]++
			allTexts[text]++
			lines = append(lines, record(fmt.Sprint(p, "-", i), "T", `{"date":["`+bucket+`"]}`,
				`{"date":[{"label":"Date","content":"`+text+`"}]}`))
		}
		_, stats := buildRecords(t, lines)
		parts = append(parts, stats)
	}
	merge := func(order ...int) schema.Stats {
		var s schema.Stats
		for _, i := range order {
			s.Merge(parts[i])
		}
		return s
	}
	var pairwise schema.Stats // (3+2) + (1+0)
	left, right := merge(3, 2), merge(1, 0)
	pairwise.Merge(&left)
	pairwise.Merge(&right)
	smallest := func(all map[string]int64) map[string]int64 {
		keys := slices.Sorted(maps.Keys(all))
		out := map[string]int64{}
		for _, k := range keys[:1000] {
			out[k] = all[k]
		}
		return out
	}
	wantBuckets, wantTexts := smallest(allBuckets), smallest(allTexts)
	for name, s := range map[string]schema.Stats{"0123": merge(0, 1, 2, 3), "3102": merge(3, 1, 0, 2), "pairwise": pairwise} {
		if diff := cmp.Diff(wantBuckets, s.UnparsedDates()); diff != "" {
			t.Errorf("merge %s: unparsed buckets (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff(wantTexts, s.UnparsedFreetextDates()); diff != "" {
			t.Errorf("merge %s: unparsed freetext dates (-want +got):\n%s", name, diff)
		}
	}
}

// TestSampleYearPrecision measures, on the real sample, the share of dated
// records whose years are known to the year or better (a day, a month or
// one year), and holds it: before the freetext dates were read it was 0 of
// 178 (every year came from a decade bucket).
func TestSampleYearPrecision(t *testing.T) {
	var lines []string
	for _, l := range sampletest.Lines(t) {
		lines = append(lines, string(l))
	}
	_, stats := buildRecords(t, lines)
	p := stats.DatePrecisionCounts()
	dated := stats.RecordsWithDate
	fine := p["day"] + p["month"] + p["year"]
	t.Logf("dated records %d of %d; to the year or better %d (%.1f%%); precisions %v", dated, len(lines), fine, 100*float64(fine)/float64(dated), p)
	if dated < 180 || float64(fine) < 0.7*float64(dated) {
		t.Errorf("%d of %d dated records to the year or better; want at least 70%% of at least 180", fine, dated)
	}
}

// BenchmarkAppendSample appends the real sample records to a Builder: the
// per-record cost of the JSON-to-column mapping, derived columns included.
//
//	go test ./schema -run '^$' -bench AppendSample
func BenchmarkAppendSample(b *testing.B) {
	lines := sampletest.Lines(b)
	docs := make([]*fastjson.Value, 0, len(lines))
	var n int64
	for _, l := range lines {
		var p fastjson.Parser // one each: a parser owns the values it returns
		v, err := p.ParseBytes(l)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, v)
		n += int64(len(l))
	}
	bld := schema.NewBuilder(memory.NewGoAllocator(), "U")
	defer bld.Release()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for i, v := range docs {
			if err := bld.Append(v, lines[i]); err != nil {
				b.Fatal(err)
			}
		}
		for _, r := range bld.NewRecords() {
			if r != nil {
				r.Release()
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "records/s")
}

// TestDerivedOddShapes: values of the wrong JSON type where the derived
// columns look (a numeric label, an object content, a place list that is a
// string, a scientific name that is a number) give nulls, never an error.
func TestDerivedOddShapes(t *testing.T) {
	rows, stats := derived(t,
		record("r1", "T", `{"scientific_name":[5,{"content":"Rosa canina"}],"date":[true,"1950s"],"tax_kingdom":"Plantae"}`,
			`{"date":[{"label":1,"content":{"x":"1934"}},5,null,{"label":"Date","content":["1934"]},{"label":"Date"}],"place":"Country: USA"}`),
		record("r2", "T", `{"geoLocation":[{"points":[{"point":[{"latitude":{"content":true},"longitude":{"content":null}}]}]}]}`,
			`{"place":[{"label":"Country","content":7},{"label":{"x":1},"content":"USA"},"United States: Ohio"]}`),
		record("r3", "T", `[]`, `"not an object"`),
	)
	want := []map[string]any{
		{"year_start": 1950.0, "year_end": 1959.0, "date_precision": "decade", "date_source": "indexedStructured.date", "taxon_role": "specimen"},
		// A place whose label is not a string is still a place; its text
		// names an ISO country.
		{"country": "United States", "place_source": "freetext.place"},
		{},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if stats.CoordsUnparsed != 1 {
		t.Errorf("coordinates unparsed %d, want 1", stats.CoordsUnparsed)
	}
}
