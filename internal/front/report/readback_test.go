package report_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	soa "github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/front/report"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
	"github.com/soa-project/soa/queries"
)

// The read-back tests render a report, read each section's numbers back
// from the HTML as a reader would see them, and compare them with SQL over
// the base tables (objects, media): not the rollups the report reads, so
// that a rollup, a query and the drawing are all checked at once. Each
// caption that names a subset ("records with no country", "units most of
// whose records are specimens", "left out: 2 records") has its own test.

type readBack struct {
	page string
	db   *queries.DB
}

// rendered converts the sample and a generated corpus of 3,000 records
// (more units and a spread of dates) and renders both.
var generated struct {
	once sync.Once
	dir  string
	err  error
}

// generatedDataset generates and converts the corpus once for all tests,
// in the folder TestMain removes.
func generatedDataset(t *testing.T) string {
	t.Helper()
	generated.once.Do(func() {
		root := filepath.Join(filepath.Dir(sampleDataset(t)), "generated")
		if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: 3000, Seed: 28, Layout: dump.S3, Compress: source.None, Out: root}); err != nil {
			generated.err = err
			return
		}
		var files []string
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() != "index.txt" {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			generated.err = err
			return
		}
		generated.dir = filepath.Join(filepath.Dir(sampleDataset(t)), "generated-ds")
		_, generated.err = convert.Run(context.Background(), convert.Options{Out: generated.dir, Inputs: files})
	})
	if generated.err != nil {
		t.Fatal(generated.err)
	}
	return generated.dir
}

func rendered(t *testing.T) map[string]readBack {
	t.Helper()
	out := map[string]readBack{"sample": renderOf(t, sampleDataset(t))}
	if !testing.Short() {
		out["generated"] = renderOf(t, generatedDataset(t))
	}
	return out
}

func renderOf(t *testing.T, ds string) readBack {
	t.Helper()
	db, err := queries.Open(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var b bytes.Buffer
	if err := report.RenderOptions(context.Background(), db, &b, report.Options{Now: madeAt}); err != nil {
		t.Fatal(err)
	}
	return readBack{b.String(), db}
}

// sql runs SQL over the dataset's base tables and returns its rows as text.
func (r readBack) sql(t *testing.T, query string) [][]string {
	t.Helper()
	_, rows, err := r.db.Rows(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	var out [][]string
	for _, row := range rows {
		var s []string
		for _, v := range row {
			s = append(s, queries.Text(v))
		}
		out = append(out, s)
	}
	return out
}

func (r readBack) count(t *testing.T, query string) int {
	t.Helper()
	n, err := strconv.Atoi(r.sql(t, query)[0][0])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// section is the HTML of the card with this id.
func (r readBack) section(t *testing.T, id string) string {
	t.Helper()
	start := strings.Index(r.page, `<section class="card" id="`+id+`">`)
	if start < 0 {
		t.Fatalf("no section %q", id)
	}
	end := strings.Index(r.page[start:], "</section>")
	return r.page[start : start+end]
}

// caption is the section's caption, unescaped.
func (r readBack) caption(t *testing.T, id string) string {
	t.Helper()
	s := r.section(t, id)
	return html.UnescapeString(s[strings.LastIndex(s, "<p>")+3 : strings.LastIndex(s, "</p>")])
}

type bar struct {
	label, sub, value string
	faint             bool
}

var barRE = regexp.MustCompile(`<div class="bar-row( faint)?"[^>]*><div class="bar-label">(.*?)(?: <span class="bar-sub">(.*?)</span>)?</div>.*?<div class="bar-value">(.*?)</div></div>`)

func bars(section string) []bar {
	var out []bar
	for _, m := range barRE.FindAllStringSubmatch(section, -1) {
		out = append(out, bar{html.UnescapeString(m[2]), html.UnescapeString(m[3]), html.UnescapeString(m[4]), m[1] != ""})
	}
	return out
}

// leadingInt reads the first whole number of s, commas allowed.
func leadingInt(t *testing.T, s string) int {
	t.Helper()
	m := regexp.MustCompile(`[\d,]+`).FindString(s)
	n, err := strconv.Atoi(strings.ReplaceAll(m, ",", ""))
	if err != nil {
		t.Fatalf("no number in %q", s)
	}
	return n
}

func captionInt(t *testing.T, caption, pattern string) int {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(caption)
	if m == nil {
		t.Fatalf("caption %q does not match %q", caption, pattern)
	}
	return leadingInt(t, m[1])
}

func forEachReport(t *testing.T, check func(t *testing.T, r readBack)) {
	for name, r := range rendered(t) {
		t.Run(name, func(t *testing.T) { check(t, r) })
	}
}

func TestReadBackTitle(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		m := regexp.MustCompile(`<h1>Smithsonian Open Access: a report on ([\d,]+) records? from ([\d,]+) units?</h1>`).FindStringSubmatch(r.page)
		if m == nil {
			t.Fatal("the title does not say how many records and units the report covers")
		}
		want := r.sql(t, "SELECT count(*), count(DISTINCT unit_code) FROM objects")[0]
		if got := []string{strings.ReplaceAll(m[1], ",", ""), strings.ReplaceAll(m[2], ",", "")}; got[0] != want[0] || got[1] != want[1] {
			t.Errorf("title says %v records and units, objects holds %v", got, want)
		}
	})
}

func TestReadBackUnits(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		want := r.sql(t, "SELECT unit_code, count(*) FROM objects GROUP BY 1 ORDER BY 2 DESC, 1")
		got := bars(r.section(t, "units"))
		if len(got) != len(want) {
			t.Fatalf("%d unit bars, objects has %d units", len(got), len(want))
		}
		for i, b := range got {
			if b.sub != want[i][0] || strconv.Itoa(leadingInt(t, b.value)) != want[i][1] {
				t.Errorf("bar %d: %s %s, want %s %s", i, b.sub, b.value, want[i][0], want[i][1])
			}
		}
	})
}

// TestReadBackCoverage: each unit's "with of all", and the order the
// caption states: the units of at least 30 records first, by share, then
// the small ones, pale, by size.
func TestReadBackCoverage(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		want := map[string]string{}
		for _, row := range r.sql(t, "SELECT unit_code, count(*) FILTER (WHERE has_media), count(*) FROM objects GROUP BY 1") {
			want[row[0]] = row[1] + " of " + row[2]
		}
		caption := r.caption(t, "coverage")
		threshold := captionInt(t, caption, `units with at least (\d+) records first`)
		got := bars(r.section(t, "coverage"))
		if len(got) != len(want) {
			t.Fatalf("%d coverage bars, %d units", len(got), len(want))
		}
		prevShare, prevSize, inSmall := 2.0, 1<<62, false
		for _, b := range got {
			counts := regexp.MustCompile(`([\d,]+) of ([\d,]+)$`).FindStringSubmatch(b.value)
			if counts == nil || strings.ReplaceAll(counts[0], ",", "") != want[b.sub] {
				t.Errorf("%s: %q, objects says %s", b.sub, b.value, want[b.sub])
				continue
			}
			with, all := leadingInt(t, counts[1]), leadingInt(t, counts[2])
			small := all < threshold
			if small != b.faint {
				t.Errorf("%s (%d records) faint=%v, the caption says units under %d are pale", b.sub, all, b.faint, threshold)
			}
			share := float64(with) / float64(all)
			switch {
			case inSmall && !small:
				t.Errorf("%s (%d records) comes after a unit under %d records", b.sub, all, threshold)
			case !small && share > prevShare:
				t.Errorf("%s (%.3f) is above a unit of a smaller share", b.sub, share)
			case small && inSmall && all > prevSize:
				t.Errorf("%s (%d records) is below a smaller unit", b.sub, all)
			}
			inSmall = inSmall || small
			prevShare, prevSize = share, all
		}
	})
}

// TestReadBackCountries: the countries drawn, the records "in more
// countries" and the records "with no country" of the caption.
func TestReadBackCountries(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		want := r.sql(t, "SELECT country, count(*) FROM objects WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")
		got := bars(r.section(t, "countries"))
		if len(got) != min(15, len(want)) {
			t.Fatalf("%d country bars, want %d", len(got), min(15, len(want)))
		}
		for i, b := range got {
			if b.label != want[i][0] || strconv.Itoa(leadingInt(t, b.value)) != want[i][1] {
				t.Errorf("bar %d: %s %s, want %v", i, b.label, b.value, want[i])
			}
		}
		caption := r.caption(t, "countries")
		if noCountry := r.count(t, "SELECT count(*) FROM objects WHERE country IS NULL"); captionInt(t, caption, `Records with no country: ([\d,]+)`) != noCountry {
			t.Errorf("caption %q; objects has %d records with no country", caption, noCountry)
		}
		if len(want) > 15 {
			rest := 0
			for _, row := range want[15:] {
				n, _ := strconv.Atoi(row[1])
				rest += n
			}
			if got := captionInt(t, caption, `Not drawn: ([\d,]+) records?`); got != rest {
				t.Errorf("caption says %d records in the other countries, objects %d", got, rest)
			}
			if got := captionInt(t, caption, `in ([\d,]+) (?:country|countries) more`); got != len(want)-15 {
				t.Errorf("caption says %d other countries, objects %d", got, len(want)-15)
			}
		}
		if strings.Contains(r.page, "NULL") || strings.Contains(r.page, "(no country)") {
			t.Error("the page names a missing country other than \"no country\"")
		}
	})
}

// TestReadBackFillRates: every cell's title (unit, column, percent) against
// the share of filled rows in objects; title counts the display title.
func TestReadBackFillRates(t *testing.T) {
	exprs := map[string]string{
		"title": "title IS NOT NULL", "guid": "guid IS NOT NULL", "country": "country IS NOT NULL",
		"coordinates": "latitude IS NOT NULL", "taxonomy": "tax_kingdom IS NOT NULL",
		"scientific_names": "len(scientific_names) > 0", "media": "has_media",
	}
	forEachReport(t, func(t *testing.T, r readBack) {
		cells := regexp.MustCompile(`title="([^",]+), ([a-z_]+): ([^"]+)"`).FindAllStringSubmatch(r.section(t, "fill"), -1)
		checked := 0
		for _, c := range cells {
			expr, ok := exprs[c[2]]
			if !ok {
				continue
			}
			row := r.sql(t, fmt.Sprintf("SELECT count(*) FILTER (WHERE %s), count(*) FROM objects WHERE unit_code = '%s'", expr, c[1]))[0]
			filled, _ := strconv.ParseFloat(row[0], 64)
			all, _ := strconv.ParseFloat(row[1], 64)
			shown, err := strconv.ParseFloat(strings.Trim(html.UnescapeString(c[3]), "%<>"), 64)
			if err != nil {
				t.Fatalf("cell %v: %v", c, err)
			}
			if diff := 100*filled/all - shown; diff > 0.1 || diff < -0.1 {
				t.Errorf("%s %s shows %s, objects has %v of %v", c[1], c[2], c[3], filled, all)
			}
			checked++
		}
		if checked < 7 {
			t.Errorf("only %d cells checked", checked)
		}
	})
}

// TestReadBackTaxonomy: every unit drawn has mostly specimens among its
// records with taxonomy, as the caption says, with the count of records
// with taxonomy it states; the units "not shown" are those with mostly
// subjects.
func TestReadBackTaxonomy(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		rows := r.sql(t, `SELECT unit_code, count(*), count(*) FILTER (WHERE taxon_role = 'specimen') FROM objects
			WHERE tax_kingdom IS NOT NULL OR tax_class IS NOT NULL OR tax_family IS NOT NULL GROUP BY 1`)
		withTaxonomy, specimens := map[string]int{}, map[string]int{}
		subjectUnits := 0
		for _, row := range rows {
			n, _ := strconv.Atoi(row[1])
			s, _ := strconv.Atoi(row[2])
			withTaxonomy[row[0]], specimens[row[0]] = n, s
			if 2*s <= n {
				subjectUnits++
			}
		}
		section := r.section(t, "taxonomy")
		heads := regexp.MustCompile(`<h3>.*? <span class="bar-sub">([A-Za-z]+) · ([\d,]+) records? with taxonomy</span></h3>`).FindAllStringSubmatch(section, -1)
		if len(heads) == 0 && len(rows) > subjectUnits {
			t.Fatal("no unit drawn, though some units hold specimens")
		}
		for _, h := range heads {
			code := h[1]
			if n := leadingInt(t, h[2]); n != withTaxonomy[code] {
				t.Errorf("%s: %d records with taxonomy, objects has %d", code, n, withTaxonomy[code])
			}
			if 2*specimens[code] <= withTaxonomy[code] {
				t.Errorf("%s is drawn, but only %d of its %d records with taxonomy are specimens", code, specimens[code], withTaxonomy[code])
			}
		}
		caption := r.caption(t, "taxonomy")
		if subjectUnits > 0 {
			if got := captionInt(t, caption, `Not shown: (\d+) units?`); got != subjectUnits {
				t.Errorf("caption leaves out %d units of subjects, objects has %d", got, subjectUnits)
			}
		} else if strings.Contains(caption, "Not shown") {
			t.Errorf("caption %q, but no unit holds mostly subjects", caption)
		}
	})
}

// TestReadBackDecades: each column's total and each unit's layer against
// objects, and the records "left out" of the caption are those before the
// first decade drawn, which holds records.
func TestReadBackDecades(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		section := r.section(t, "decades")
		totals := map[string]int{}
		for _, row := range r.sql(t, "SELECT floor(year_start / 10)::INTEGER * 10, count(*) FROM objects WHERE year_start IS NOT NULL GROUP BY 1") {
			n, _ := strconv.Atoi(row[1])
			totals[row[0]+"s"] = n
		}
		columns := regexp.MustCompile(`<g class="stack"[^>]*><title>(-?\d+s(?: BCE)?): ([\d,]+) records?</title>`).FindAllStringSubmatch(section, -1)
		if len(columns) == 0 {
			t.Fatal("no decade columns")
		}
		drawn := 0
		for _, c := range columns {
			n := leadingInt(t, c[2])
			drawn += n
			if totals[c[1]] != n {
				t.Errorf("the %s column says %d records, objects has %d", c[1], n, totals[c[1]])
			}
		}
		first := columns[0][1]
		if !strings.Contains(section, `class="tick">`+first+`</text>`) && !strings.Contains(section, `class="tick minor">`+first+`</text>`) {
			// The first column need not be labelled, but it must be the
			// first bucket of the axis: the axis label names it.
			if !strings.Contains(section, `aria-label="records by `+first+` to`) {
				t.Errorf("the axis does not start at the first decade with records, %s", first)
			}
		}
		all := r.count(t, "SELECT count(*) FROM objects WHERE year_start IS NOT NULL")
		left := 0
		if m := regexp.MustCompile(`Left out so that the rest can be read: ([\d,]+) records?`).FindStringSubmatch(r.caption(t, "decades")); m != nil {
			left = leadingInt(t, m[1])
		}
		if drawn+left != all {
			t.Errorf("%d records drawn and %d left out, objects has %d with a year", drawn, left, all)
		}
		// Each segment names its unit, or "N other units": the named ones
		// match objects.
		unitNames := map[string]string{}
		for _, row := range r.sql(t, "SELECT unit_code, mode(data_source) FROM objects GROUP BY 1") {
			unitNames[row[1]] = row[0]
		}
		segs := regexp.MustCompile(`<rect [^>]*class="col"[^>]*><title>(-?\d+s(?: BCE)?): ([\d,]+) of [\d,]+ records?, (.*?)</title>`).FindAllStringSubmatch(section, -1)
		for _, s := range segs {
			code, ok := unitNames[html.UnescapeString(s[3])]
			if !ok {
				continue // the other units' layer
			}
			decade := strings.TrimSuffix(s[1], "s")
			if want := r.count(t, fmt.Sprintf("SELECT count(*) FROM objects WHERE unit_code = '%s' AND floor(year_start / 10) * 10 = %s", code, decade)); want != leadingInt(t, s[2]) {
				t.Errorf("%s %s: %s records drawn, objects has %d", s[1], code, s[2], want)
			}
		}
		if len(segs) == 0 {
			t.Error("no unit layers")
		}
	})
}

// TestReadBackYears: the share known to the year or better and the count
// with a year that the caption states, and the records left out.
func TestReadBackYears(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		caption := r.caption(t, "years")
		withYear := r.count(t, "SELECT count(*) FROM objects WHERE year_start IS NOT NULL OR year_end IS NOT NULL")
		if got := captionInt(t, caption, `of the ([\d,]+) records with a year`); got != withYear {
			t.Errorf("caption says %d records with a year, objects has %d", got, withYear)
		}
		if strings.Contains(caption, "drawn in the decade chart") {
			t.Error("the caption says the decade chart draws what it leaves out")
		}
		if m := regexp.MustCompile(`the decade chart draws those from the (\d+)s on`).FindStringSubmatch(caption); m != nil {
			if !strings.Contains(r.caption(t, "decades"), "dated before the "+m[1]+"s") {
				t.Errorf("the year chart says the decade chart starts at the %ss; its caption says otherwise", m[1])
			}
		}
		if m := regexp.MustCompile(`([\d,]+) records? dated before (-?\d+)`).FindStringSubmatch(caption); m != nil {
			if want := r.count(t, "SELECT count(*) FROM objects WHERE year_start < "+m[2]); leadingInt(t, m[1]) != want {
				t.Errorf("caption leaves out %s records before %s, objects has %d", m[1], m[2], want)
			}
		}
	})
}

// TestReadBackMap: the records "with coordinates" of the caption.
func TestReadBackMap(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		want := r.count(t, "SELECT count(*) FROM objects WHERE latitude IS NOT NULL AND longitude IS NOT NULL")
		if got := captionInt(t, r.caption(t, "map"), `The ([\d,]+) records? with coordinates`); got != want {
			t.Errorf("caption says %d records with coordinates, objects has %d", got, want)
		}
		if strings.Contains(r.section(t, "map"), ": 1 records<") {
			t.Error(`a cell says "1 records"`)
		}
	})
}

// TestReadBackMedia: items per type, in order, against the media table.
func TestReadBackMedia(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		want := r.sql(t, "SELECT type, count(*) FROM media GROUP BY 1 ORDER BY 2 DESC, 1")
		got := bars(r.section(t, "media"))
		if len(got) != len(want) {
			t.Fatalf("%d media bars, %d types", len(got), len(want))
		}
		for i, b := range got {
			if strconv.Itoa(leadingInt(t, b.value)) != want[i][1] {
				t.Errorf("%s: %s, media has %s of %s", b.label, b.value, want[i][1], want[i][0])
			}
			if strings.Contains(b.label, "_") || b.label == "slideshowXML" {
				t.Errorf("raw code %q as a label", b.label)
			}
		}
	})
}

// TestReadBackTopLists: topics and object types, counted as list elements,
// and makers, counted as the records they made, against the base tables;
// no bar shows a raw code as its subtitle.
func TestReadBackTopLists(t *testing.T) {
	forEachReport(t, func(t *testing.T, r readBack) {
		for _, c := range []struct{ id, sql string }{
			{"topics", "SELECT v, count(*) FROM (SELECT unnest(topics) AS v FROM objects) GROUP BY 1"},
			{"types", "SELECT v, count(*) FROM (SELECT unnest(object_types) AS v FROM objects) GROUP BY 1"},
			// A maker is counted as the records whose makers name them.
			{"makers", "SELECT m, count(DISTINCT record_id) FROM (SELECT record_id, unnest(makers) AS m FROM objects) GROUP BY 1"},
		} {
			want := map[string][]string{}
			for _, row := range r.sql(t, c.sql) {
				want[row[0]] = append(want[row[0]], row[1])
			}
			got := bars(r.section(t, c.id))
			if len(got) == 0 {
				t.Errorf("%s: no bars", c.id)
			}
			for _, b := range got {
				if n := strconv.Itoa(leadingInt(t, b.value)); !slices.Contains(want[b.label], n) {
					t.Errorf("%s %q (%s): %s drawn, the base tables say %v", c.id, b.label, b.sub, n, want[b.label])
				}
				if strings.Contains(b.sub, "_") {
					t.Errorf("%s %q: raw code %q as its type", c.id, b.label, b.sub)
				}
			}
		}
	})
}
