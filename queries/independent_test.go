package queries_test

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
	"github.com/soa-project/soa/queries"
)

// genRecord is what the independent computations read of a generated
// record, decoded with encoding/json, not by the converter.
type genRecord struct {
	UnitCode        string         `json:"unitCode"`
	LastTimeUpdated json.Number    `json:"lastTimeUpdated"`
	DocSignature    string         `json:"docSignature"`
	Content         genContent     `json:"content"`
	raw             map[string]any // the whole record, for freetext
}

type genContent struct {
	DNR struct {
		RecordID      string `json:"record_ID"`
		DataSource    string `json:"data_source"`
		MetadataUsage struct {
			Access string `json:"access"`
		} `json:"metadata_usage"`
		OnlineMedia struct {
			Media []struct {
				Type  string `json:"type"`
				Usage struct {
					Access string `json:"access"`
				} `json:"usage"`
			} `json:"media"`
		} `json:"online_media"`
	} `json:"descriptiveNonRepeating"`
	IS map[string]json.RawMessage `json:"indexedStructured"`
}

func readCorpus(t *testing.T, root string) []genRecord {
	t.Helper()
	var recs []genRecord
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "index.txt" {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var r genRecord
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			if err := json.Unmarshal(sc.Bytes(), &r.raw); err != nil {
				return err
			}
			recs = append(recs, r)
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// strings of an indexedStructured key: the string elements, and the
// content of {content} objects, with their type.
func (r *genRecord) facet(key string) (values, types []string) {
	raw, ok := r.Content.IS[key]
	if !ok {
		return nil, nil
	}
	var elems []any
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, nil
	}
	for _, e := range elems {
		switch e := e.(type) {
		case string:
			values, types = append(values, e), append(types, "")
		case map[string]any:
			if c, ok := e["content"].(string); ok {
				typ, _ := e["type"].(string)
				values, types = append(values, c), append(types, typ)
			}
		}
	}
	return values, types
}

// duckRound rounds half away from zero, as DuckDB's round does.
func duckRound(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// counted is a (key, count) list sorted by count descending, then key.
type counted struct {
	key   string
	count int64
}

func topCounts(m map[string]int64, limit int) []counted {
	var out []counted
	for k, n := range m {
		out = append(out, counted{k, n})
	}
	slices.SortFunc(out, func(a, b counted) int { return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.key, b.key)) })
	if limit >= 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// baseRows reads columns of a base table as DuckDB gives them, for the
// queries whose inputs are derived by the converter (year_start, country,
// latitude, max_width): the independent part is then the aggregation.
func baseRows(t *testing.T, ds, sql string) [][]any {
	t.Helper()
	_, rows, err := open(t, ds).Rows(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestQueriesMatchIndependentResults runs every bundled query on a generated
// corpus and compares its rows with the same figures computed here, in Go,
// from the JSON (decoded with encoding/json) or, for the columns the
// converter derives, from plain reads of the base tables.
func TestQueriesMatchIndependentResults(t *testing.T) {
	root := filepath.Join(t.TempDir(), "corpus")
	if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: 3000, Seed: 3, Layout: dump.S3, Compress: source.None, Out: root}); err != nil {
		t.Fatal(err)
	}
	ds := filepath.Join(t.TempDir(), "ds")
	if _, err := convert.Run(context.Background(), convert.Options{Out: ds, Inputs: []string{root}}); err != nil {
		t.Fatal(err)
	}
	recs := readCorpus(t, root)
	want := independentResults(t, recs, ds)
	maps.Copy(want, changesResults(t, recs, ds))
	db := open(t, ds)
	qs, _ := queries.List()
	for _, q := range qs {
		t.Run(q.Name, func(t *testing.T) {
			w, ok := want[q.Name]
			if !ok {
				t.Fatalf("no independent computation for %s: add one to independentResults", q.Name)
			}
			args, _ := q.Args(nil)
			_, rows, err := db.Rows(context.Background(), q.SQL, args...)
			if err != nil {
				t.Fatal(err)
			}
			if q.Name != "duplicate_records" && len(rows) == 0 {
				t.Fatalf("no rows on %d generated records", len(recs))
			}
			got := normalise(rows)
			if diff := compareRows(w, got); diff != "" {
				t.Errorf("%s differs from the independent computation: %s", q.Name, diff)
			}
		})
	}
}

// normalise turns DuckDB values into strings and float64s.
func normalise(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = make([]any, len(r))
		for j, v := range r {
			switch v := v.(type) {
			case int32:
				out[i][j] = float64(v)
			case int64:
				out[i][j] = float64(v)
			case float64:
				out[i][j] = v
			case nil:
				out[i][j] = nil
			default:
				out[i][j] = fmt.Sprint(v)
			}
		}
	}
	return out
}

func compareRows(want, got [][]any) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d rows, want %d; first rows got %v want %v", len(got), len(want), head(got), head(want))
	}
	for i := range want {
		if len(want[i]) != len(got[i]) {
			return fmt.Sprintf("row %d: %v, want %v", i, got[i], want[i])
		}
		for j := range want[i] {
			w, g := want[i][j], got[i][j]
			wf, wok := w.(float64)
			gf, gok := g.(float64)
			if wok && gok {
				if math.Abs(wf-gf) > 1e-9 {
					return fmt.Sprintf("row %d: %v, want %v", i, got[i], want[i])
				}
				continue
			}
			if w != g {
				return fmt.Sprintf("row %d: %v, want %v", i, got[i], want[i])
			}
		}
	}
	return ""
}

func head(rows [][]any) [][]any { return rows[:min(3, len(rows))] }

func f(n int64) float64 { return float64(n) }

func independentResults(t *testing.T, recs []genRecord, ds string) map[string][][]any {
	out := map[string][][]any{}

	// overview and records_by_unit, from the JSON.
	type unitAgg struct {
		records, cc0, withMedia, media int64
		sources                        map[string]int64
	}
	units := map[string]*unitAgg{}
	var records, cc0, withMedia, media, images int64
	for i := range recs {
		r := &recs[i]
		u := units[r.UnitCode]
		if u == nil {
			u = &unitAgg{sources: map[string]int64{}}
			units[r.UnitCode] = u
		}
		m := int64(len(r.Content.DNR.OnlineMedia.Media))
		isCC0 := r.Content.DNR.MetadataUsage.Access == "CC0"
		records++
		u.records++
		u.sources[r.Content.DNR.DataSource]++
		media += m
		u.media += m
		if isCC0 {
			cc0++
			u.cc0++
		}
		if m > 0 {
			withMedia++
			u.withMedia++
		}
		for _, it := range r.Content.DNR.OnlineMedia.Media {
			if it.Type == "Images" {
				images++
			}
		}
	}
	out["overview"] = [][]any{{f(records), f(int64(len(units))), f(cc0), duckRound(f(cc0)/f(records), 4),
		f(withMedia), duckRound(f(withMedia)/f(records), 4), f(media), f(images)}}
	var byUnit [][]any
	for _, c := range topCounts(func() map[string]int64 {
		m := map[string]int64{}
		for code, u := range units {
			m[code] = u.records
		}
		return m
	}(), -1) {
		u := units[c.key]
		byUnit = append(byUnit, []any{c.key, topCounts(u.sources, 1)[0].key, f(u.records), f(u.cc0), f(u.withMedia), f(u.media)})
	}
	out["records_by_unit"] = byUnit

	// duplicate_records: ids seen more than once, from the JSON.
	idUnits := map[string][]string{}
	for _, r := range recs {
		idUnits[r.Content.DNR.RecordID] = append(idUnits[r.Content.DNR.RecordID], r.UnitCode)
	}
	out["duplicate_records"] = duplicates(idUnits, 100)

	// freetext_census, from the JSON.
	type ftKey struct{ cat, label string }
	ftItems := map[ftKey]int64{}
	ftRecords := map[ftKey]map[string]bool{}
	ftUnits := map[ftKey]map[string]bool{}
	for _, r := range recs {
		ft, _ := r.raw["content"].(map[string]any)["freetext"].(map[string]any)
		for cat, items := range ft {
			list, _ := items.([]any)
			for _, it := range list {
				label := ""
				if m, ok := it.(map[string]any); ok {
					label, _ = m["label"].(string)
				}
				k := ftKey{cat, label}
				ftItems[k]++
				if ftRecords[k] == nil {
					ftRecords[k], ftUnits[k] = map[string]bool{}, map[string]bool{}
				}
				ftRecords[k][r.Content.DNR.RecordID] = true
				ftUnits[k][r.UnitCode] = true
			}
		}
	}
	var ftKeys []ftKey
	for k := range ftItems {
		ftKeys = append(ftKeys, k)
	}
	slices.SortFunc(ftKeys, func(a, b ftKey) int {
		return cmp.Or(cmp.Compare(ftItems[b], ftItems[a]), cmp.Compare(a.cat, b.cat), cmp.Compare(a.label, b.label))
	})
	var census [][]any
	for _, k := range ftKeys[:min(200, len(ftKeys))] {
		census = append(census, []any{k.cat, k.label, f(ftItems[k]), f(int64(len(ftRecords[k]))), f(int64(len(ftUnits[k])))})
	}
	out["freetext_census"] = census

	// records_updated_by_year, from the JSON's epoch seconds.
	years := map[int]int64{}
	for _, r := range recs {
		s, err := r.LastTimeUpdated.Int64()
		if err != nil {
			t.Fatalf("lastTimeUpdated %q: %v", r.LastTimeUpdated, err)
		}
		years[time.Unix(s, 0).UTC().Year()]++
	}
	var yearRows [][]any
	for _, y := range sortedKeys(years) {
		yearRows = append(yearRows, []any{float64(y), f(years[y])})
	}
	out["records_updated_by_year"] = yearRows

	// taxonomy_breakdown: first kingdom, class and family, from the JSON.
	type taxKey struct{ kingdom, class, family any }
	tax := map[taxKey]int64{}
	first := func(r *genRecord, key string) any {
		if v, _ := r.facet(key); len(v) > 0 {
			return v[0]
		}
		return nil
	}
	for i := range recs {
		k := taxKey{first(&recs[i], "tax_kingdom"), first(&recs[i], "tax_class"), first(&recs[i], "tax_family")}
		if k.kingdom != nil || k.class != nil || k.family != nil {
			tax[k]++
		}
	}
	var taxKeys []taxKey
	for k := range tax {
		taxKeys = append(taxKeys, k)
	}
	nullsLast := func(a, b any) int {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return 1
		case b == nil:
			return -1
		}
		return cmp.Compare(a.(string), b.(string))
	}
	slices.SortFunc(taxKeys, func(a, b taxKey) int {
		return cmp.Or(cmp.Compare(tax[b], tax[a]), nullsLast(a.kingdom, b.kingdom), nullsLast(a.class, b.class), nullsLast(a.family, b.family))
	})
	var taxRows [][]any
	for _, k := range taxKeys[:min(50, len(taxKeys))] {
		taxRows = append(taxRows, []any{k.kingdom, k.class, k.family, f(tax[k])})
	}
	out["taxonomy_breakdown"] = taxRows

	// top_names: names and their type, counted in distinct records.
	nameRecords := map[[2]string]map[string]bool{}
	for i := range recs {
		values, types := recs[i].facet("name")
		for j, v := range values {
			k := [2]string{v, types[j]}
			if nameRecords[k] == nil {
				nameRecords[k] = map[string]bool{}
			}
			nameRecords[k][recs[i].Content.DNR.RecordID] = true
		}
	}
	var nameKeys [][2]string
	for k := range nameRecords {
		nameKeys = append(nameKeys, k)
	}
	slices.SortFunc(nameKeys, func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(len(nameRecords[b]), len(nameRecords[a])), cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	var nameRows [][]any
	for _, k := range nameKeys[:min(20, len(nameKeys))] {
		nameRows = append(nameRows, []any{k[0], k[1], f(int64(len(nameRecords[k])))})
	}
	out["top_names"] = nameRows

	// top_makers: objects.makers (derived by the converter, read from the
	// base table), counted in distinct records, with their units.
	makerRecords, makerUnits := map[string]map[string]bool{}, map[string]map[string]bool{}
	for _, r := range baseRows(t, ds, "SELECT record_id, unit_code, makers FROM objects") {
		for _, m := range r[2].([]any) {
			name := m.(string)
			if makerRecords[name] == nil {
				makerRecords[name], makerUnits[name] = map[string]bool{}, map[string]bool{}
			}
			makerRecords[name][r[0].(string)] = true
			makerUnits[name][r[1].(string)] = true
		}
	}
	makerKeys := slices.Collect(maps.Keys(makerRecords))
	slices.SortFunc(makerKeys, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(makerRecords[b]), len(makerRecords[a])), cmp.Compare(a, b))
	})
	var makerRows [][]any
	for _, k := range makerKeys[:min(20, len(makerKeys))] {
		units := slices.Sorted(maps.Keys(makerUnits[k]))
		makerRows = append(makerRows, []any{k, f(int64(len(makerRecords[k]))), strings.Join(units, ",")})
	}
	out["top_makers"] = makerRows

	// countries_by_code: country_code, place_role and date_uncertain
	// (derived, read from the base table), counted here.
	type codeCounts struct{ records, made, collected, depicted, other, uncertain int64 }
	byCode := map[any]*codeCounts{}
	for _, r := range baseRows(t, ds, "SELECT country_code, place_role, date_uncertain FROM objects") {
		c := byCode[r[0]]
		if c == nil {
			c = &codeCounts{}
			byCode[r[0]] = c
		}
		c.records++
		switch r[1] {
		case "made":
			c.made++
		case "collected":
			c.collected++
		case "depicted":
			c.depicted++
		case "other":
			c.other++
		}
		if r[2] == true {
			c.uncertain++
		}
	}
	codes := slices.Collect(maps.Keys(byCode))
	slices.SortFunc(codes, func(a, b any) int {
		if n := cmp.Compare(byCode[b].records, byCode[a].records); n != 0 {
			return n
		}
		switch { // NULLS LAST
		case a == nil:
			return 1
		case b == nil:
			return -1
		}
		return cmp.Compare(a.(string), b.(string))
	})
	var codeRows [][]any
	for _, k := range codes[:min(30, len(codes))] {
		c := byCode[k]
		codeRows = append(codeRows, []any{k, f(c.records), f(c.made), f(c.collected), f(c.depicted), f(c.other), f(c.uncertain)})
	}
	out["countries_by_code"] = codeRows

	// top_object_types, top_topics: every element counted.
	for query, key := range map[string]string{"top_object_types": "object_type", "top_topics": "topic"} {
		counts := map[string]int64{}
		for i := range recs {
			values, _ := recs[i].facet(key)
			for _, v := range values {
				counts[v]++
			}
		}
		var rows [][]any
		for _, c := range topCounts(counts, 20) {
			rows = append(rows, []any{c.key, f(c.count)})
		}
		out[query] = rows
	}

	// top_places: countries (the converter's first geoLocation country,
	// read from the base table) and place values (from the JSON).
	countries := map[string]int64{}
	for _, r := range baseRows(t, ds, "SELECT country FROM objects WHERE country IS NOT NULL") {
		countries[r[0].(string)]++
	}
	places := map[string]int64{}
	for i := range recs {
		values, _ := recs[i].facet("place")
		for _, v := range values {
			places[v]++
		}
	}
	var placeRows [][]any
	for _, c := range topCounts(countries, 15) {
		placeRows = append(placeRows, []any{"country", c.key, f(c.count)})
	}
	for _, c := range topCounts(places, 15) {
		placeRows = append(placeRows, []any{"place", c.key, f(c.count)})
	}
	out["top_places"] = placeRows

	// coordinates_by_country, from base-table columns.
	type coordAgg struct{ records, with int64 }
	coords := map[string]*coordAgg{}
	for _, r := range baseRows(t, ds, "SELECT country, latitude, longitude FROM objects") {
		country := "(no country)"
		if r[0] != nil {
			country = r[0].(string)
		}
		a := coords[country]
		if a == nil {
			a = &coordAgg{}
			coords[country] = a
		}
		a.records++
		if r[1] != nil && r[2] != nil {
			a.with++
		}
	}
	var coordKeys []string
	for k, a := range coords {
		if a.with > 0 {
			coordKeys = append(coordKeys, k)
		}
	}
	slices.SortFunc(coordKeys, func(a, b string) int { return cmp.Or(cmp.Compare(coords[b].with, coords[a].with), cmp.Compare(a, b)) })
	var coordRows [][]any
	for _, k := range coordKeys {
		a := coords[k]
		coordRows = append(coordRows, []any{k, f(a.records), f(a.with), duckRound(f(a.with)/f(a.records), 4)})
	}
	out["coordinates_by_country"] = coordRows

	// records_by_decade: year_start from the base table.
	decades := map[int]int64{}
	for _, r := range baseRows(t, ds, "SELECT year_start FROM objects WHERE year_start IS NOT NULL") {
		y := int(r[0].(int32))
		decades[int(math.Floor(float64(y)/10))*10]++
	}
	var decadeRows [][]any
	for _, d := range sortedKeys(decades) {
		decadeRows = append(decadeRows, []any{float64(d), f(decades[d])})
	}
	out["records_by_decade"] = decadeRows

	// records_by_year: the same years, not bucketed.
	yearStarts := map[int]int64{}
	for _, r := range baseRows(t, ds, "SELECT year_start FROM objects WHERE year_start IS NOT NULL") {
		yearStarts[int(r[0].(int32))]++
	}
	var yearStartRows [][]any
	for _, y := range sortedKeys(yearStarts) {
		yearStartRows = append(yearStartRows, []any{float64(y), f(yearStarts[y])})
	}
	out["records_by_year"] = yearStartRows

	// records_by_date_precision: date_precision and years from the base table.
	type precisionAgg struct{ records, withYear int64 }
	precisions := map[string]*precisionAgg{}
	const noPrecision = "\x00null"
	for _, r := range baseRows(t, ds, "SELECT date_precision, year_start IS NOT NULL OR year_end IS NOT NULL FROM objects") {
		k := noPrecision
		if r[0] != nil {
			k = r[0].(string)
		}
		a := precisions[k]
		if a == nil {
			a = &precisionAgg{}
			precisions[k] = a
		}
		a.records++
		if r[1].(bool) {
			a.withYear++
		}
	}
	precisionKeys := slices.Collect(maps.Keys(precisions))
	slices.SortFunc(precisionKeys, func(a, b string) int {
		return cmp.Or(cmp.Compare(precisions[b].records, precisions[a].records), nullsLast(nilIf(a, noPrecision), nilIf(b, noPrecision)))
	})
	var precisionRows [][]any
	for _, k := range precisionKeys {
		precisionRows = append(precisionRows, []any{nilIf(k, noPrecision), f(precisions[k].records), f(precisions[k].withYear)})
	}
	out["records_by_date_precision"] = precisionRows

	// coordinate_grid at its default of one degree: floor of each
	// coordinate, latitude 90 and longitude 180 in the cells below them.
	type cell struct{ lat, lon int }
	cells := map[cell]int64{}
	for _, r := range baseRows(t, ds, "SELECT latitude, longitude FROM objects WHERE latitude IS NOT NULL AND longitude IS NOT NULL") {
		lat, lon := r[0].(float64), r[1].(float64)
		cells[cell{min(int(math.Floor(lat)), 89), min(int(math.Floor(lon)), 179)}]++
	}
	cellKeys := slices.Collect(maps.Keys(cells))
	slices.SortFunc(cellKeys, func(a, b cell) int { return cmp.Or(cmp.Compare(a.lat, b.lat), cmp.Compare(a.lon, b.lon)) })
	var cellRows [][]any
	for _, k := range cellKeys {
		cellRows = append(cellRows, []any{float64(k.lat), float64(k.lon), f(cells[k])})
	}
	out["coordinate_grid"] = cellRows

	// taxonomy_by_unit: the first kingdom and class (from the JSON) of the
	// records with any taxonomy, the 5 commonest per unit.
	type unitClass struct{ unit, kingdom, class any }
	unitClasses := map[unitClass]int64{}
	unitTaxa := map[string]int64{}
	for i := range recs {
		k, c, fam := first(&recs[i], "tax_kingdom"), first(&recs[i], "tax_class"), first(&recs[i], "tax_family")
		if k != nil || c != nil || fam != nil {
			unitClasses[unitClass{recs[i].UnitCode, k, c}]++
			unitTaxa[recs[i].UnitCode]++
		}
	}
	classKeys := slices.Collect(maps.Keys(unitClasses))
	slices.SortFunc(classKeys, func(a, b unitClass) int {
		return cmp.Or(cmp.Compare(unitTaxa[b.unit.(string)], unitTaxa[a.unit.(string)]), cmp.Compare(a.unit.(string), b.unit.(string)),
			cmp.Compare(unitClasses[b], unitClasses[a]), nullsLast(a.kingdom, b.kingdom), nullsLast(a.class, b.class))
	})
	var classRows [][]any
	perUnit := map[string]int{}
	for _, k := range classKeys {
		u := k.unit.(string)
		if perUnit[u]++; perUnit[u] > 5 {
			continue
		}
		classRows = append(classRows, []any{u, f(unitTaxa[u]), k.kingdom, k.class, f(unitClasses[k])})
	}
	out["taxonomy_by_unit"] = classRows

	// fill_rates_by_unit: shares of filled base-table columns per unit.
	fillCols := []string{"title IS NOT NULL", "guid IS NOT NULL", "record_link IS NOT NULL", "len(dates) > 0",
		"year_start IS NOT NULL OR year_end IS NOT NULL", "coalesce(date_precision IN ('day', 'month', 'year'), false)", "len(object_types) > 0", "len(topics) > 0", "len(places) > 0", "len(names) > 0",
		"country IS NOT NULL", "latitude IS NOT NULL", "tax_kingdom IS NOT NULL", "len(scientific_names) > 0", "genus IS NOT NULL", "has_media"}
	fills := map[string][]int64{}
	for _, r := range baseRows(t, ds, "SELECT unit_code, "+strings.Join(fillCols, ", ")+" FROM objects") {
		u := r[0].(string)
		if fills[u] == nil {
			fills[u] = make([]int64, len(fillCols)+1)
		}
		fills[u][0]++
		for j := range fillCols {
			if r[j+1].(bool) {
				fills[u][j+1]++
			}
		}
	}
	fillCounts := map[string]int64{}
	for u, c := range fills {
		fillCounts[u] = c[0]
	}
	var fillRows [][]any
	for _, c := range topCounts(fillCounts, -1) {
		row := []any{c.key, f(c.count)}
		for _, n := range fills[c.key][1:] {
			row = append(row, duckRound(f(n)/f(c.count), 3))
		}
		fillRows = append(fillRows, row)
	}
	out["fill_rates_by_unit"] = fillRows

	// media_types_and_sizes: per media type, from base-table columns.
	type mediaAgg struct {
		items, cc0     int64
		widths, height []float64
		maxW, maxH     any
	}
	mt := map[string]*mediaAgg{}
	for _, r := range baseRows(t, ds, "SELECT type, is_cc0, max_width, max_height FROM media") {
		typ := r[0].(string)
		a := mt[typ]
		if a == nil {
			a = &mediaAgg{}
			mt[typ] = a
		}
		a.items++
		if r[1].(bool) {
			a.cc0++
		}
		if r[2] != nil {
			w := float64(r[2].(int32))
			a.widths = append(a.widths, w)
			if a.maxW == nil || w > a.maxW.(float64) {
				a.maxW = w
			}
		}
		if r[3] != nil {
			h := float64(r[3].(int32))
			a.height = append(a.height, h)
			if a.maxH == nil || h > a.maxH.(float64) {
				a.maxH = h
			}
		}
	}
	mtCounts := map[string]int64{}
	for k, a := range mt {
		mtCounts[k] = a.items
	}
	var mediaRows [][]any
	for _, c := range topCounts(mtCounts, -1) {
		a := mt[c.key]
		mediaRows = append(mediaRows, []any{c.key, f(a.items), f(a.cc0), f(int64(len(a.widths))), median(a.widths), median(a.height), a.maxW, a.maxH})
	}
	out["media_types_and_sizes"] = mediaRows
	out["cc0_images_by_unit"] = cc0ImagesByUnit(t, recs, ds)
	return out
}

// cc0ImagesByUnit counts the CC0 images of each unit from the JSON, and
// those with a pixel size (which the converter derives) from media.
func cc0ImagesByUnit(t *testing.T, recs []genRecord, ds string) [][]any {
	images := map[string]int64{}
	for _, r := range recs {
		for _, it := range r.Content.DNR.OnlineMedia.Media {
			if it.Type == "Images" && it.Usage.Access == "CC0" {
				images[r.UnitCode]++
			}
		}
	}
	sized := map[string]int64{}
	for _, r := range baseRows(t, ds, "SELECT unit_code FROM media WHERE type = 'Images' AND is_cc0 AND max_width IS NOT NULL AND max_height IS NOT NULL") {
		sized[r[0].(string)]++
	}
	var rows [][]any
	for _, c := range topCounts(images, -1) {
		rows = append(rows, []any{c.key, f(c.count), f(sized[c.key]), f(c.count - sized[c.key]), duckRound(f(sized[c.key])/f(c.count), 4)})
	}
	return rows
}

// median as DuckDB's median(x)::INTEGER gives it: the middle value, or the
// mean of the two middle ones, rounded half away from zero; NULL when empty.
func median(xs []float64) any {
	if len(xs) == 0 {
		return nil
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return math.Round(m)
}

// nilIf is nil when s is the stand-in for a null key, s otherwise.
func nilIf(s, null string) any {
	if s == null {
		return nil
	}
	return s
}

func sortedKeys(m map[int]int64) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// duplicates is duplicate_records computed from record ids and their
// units: ids seen more than once, by copies then id, with their units.
func duplicates(idUnits map[string][]string, limit int) [][]any {
	var rows [][]any
	for id, us := range idUnits {
		if len(us) < 2 {
			continue
		}
		distinct := slices.Compact(slices.Sorted(slices.Values(us)))
		rows = append(rows, []any{id, f(int64(len(us))), strings.Join(distinct, ",")})
	}
	slices.SortFunc(rows, func(a, b []any) int {
		return cmp.Or(cmp.Compare(b[1].(float64), a[1].(float64)), cmp.Compare(a[0].(string), b[0].(string)))
	})
	return rows[:min(limit, len(rows))]
}

// TestDuplicateRecordsFound: a fixture with the duplicates the real dump has
// (a record moved from SI to OCIO_DPO3D and present in both folders) and a
// record repeated within one file; duplicate_records lists exactly them,
// as counted from the JSON.
func TestDuplicateRecordsFound(t *testing.T) {
	lines := sampletest.Lines(t)
	rewrite := func(line []byte, unit, id string) string {
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatal(err)
		}
		rec["unitCode"] = unit
		rec["content"].(map[string]any)["descriptiveNonRepeating"].(map[string]any)["unit_code"] = unit
		rec["content"].(map[string]any)["descriptiveNonRepeating"].(map[string]any)["record_ID"] = id
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	dir := t.TempDir()
	files := map[string][]string{
		"SI.jsonl":         {rewrite(lines[0], "SI", "si_moved_1"), rewrite(lines[1], "SI", "si_only_1")},
		"OCIO_DPO3D.jsonl": {rewrite(lines[0], "OCIO_DPO3D", "si_moved_1")},
		"NMAH.jsonl":       {rewrite(lines[2], "NMAH", "nmah_3x"), rewrite(lines[3], "NMAH", "nmah_once"), rewrite(lines[2], "NMAH", "nmah_3x"), rewrite(lines[2], "NMAH", "nmah_3x")},
	}
	var inputs []string
	idUnits := map[string][]string{}
	for name, recs := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(recs, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
		for _, r := range recs {
			var g genRecord
			if err := json.Unmarshal([]byte(r), &g); err != nil {
				t.Fatal(err)
			}
			idUnits[g.Content.DNR.RecordID] = append(idUnits[g.Content.DNR.RecordID], g.UnitCode)
		}
	}
	slices.Sort(inputs)
	ds := filepath.Join(t.TempDir(), "ds")
	if _, err := convert.Run(context.Background(), convert.Options{Out: ds, Inputs: inputs}); err != nil {
		t.Fatal(err)
	}
	q, _ := queries.Get("duplicate_records")
	args, _ := q.Args(nil)
	_, rows, err := open(t, ds).Rows(context.Background(), q.SQL, args...)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{{"nmah_3x", 3.0, "NMAH"}, {"si_moved_1", 2.0, "OCIO_DPO3D,SI"}}
	if diff := compareRows(duplicates(idUnits, 100), want); diff != "" {
		t.Fatalf("the fixture is not what this test means: %s", diff)
	}
	if diff := compareRows(want, normalise(rows)); diff != "" {
		t.Errorf("duplicate_records: %s", diff)
	}
}

// changesResults computes changes_by_run and changes_since: the dataset
// was written by one run over no previous dataset, so every record (unit,
// record_ID, once per copy) is added, with its docSignature and
// lastTimeUpdated from the JSON. run_at, the moment of the run, is read
// from the table.
func changesResults(t *testing.T, recs []genRecord, ds string) map[string][][]any {
	runs := baseRows(t, ds, "SELECT DISTINCT run_at FROM changes")
	if len(runs) != 1 {
		t.Fatalf("%d runs in the changes of one conversion", len(runs))
	}
	runAt := fmt.Sprint(runs[0][0])
	// Every copy is a row, in the query's order (unit, record id).
	added := make([]*genRecord, len(recs))
	for i := range recs {
		added[i] = &recs[i]
	}
	slices.SortStableFunc(added, func(a, b *genRecord) int {
		return cmp.Or(strings.Compare(a.UnitCode, b.UnitCode), strings.Compare(a.Content.DNR.RecordID, b.Content.DNR.RecordID))
	})
	perUnitAdded := map[string]int64{}
	var since [][]any
	for _, r := range added {
		perUnitAdded[r.UnitCode]++
		s, err := r.LastTimeUpdated.Int64()
		if err != nil {
			t.Fatalf("lastTimeUpdated %q: %v", r.LastTimeUpdated, err)
		}
		since = append(since, []any{runAt, r.UnitCode, r.Content.DNR.RecordID, "added", nil, r.DocSignature, fmt.Sprint(time.Unix(s, 0).UTC())})
	}
	var byRun [][]any
	for _, u := range slices.Sorted(maps.Keys(perUnitAdded)) {
		byRun = append(byRun, []any{runAt, u, f(perUnitAdded[u]), 0.0, 0.0})
	}
	return map[string][][]any{"changes_by_run": byRun, "changes_since": since}
}
