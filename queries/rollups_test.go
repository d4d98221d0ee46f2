package queries_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
	"github.com/soa-project/soa/queries"
)

// paramSets are the bindings under which each query over the rollups must
// equal its base query: the defaults, every row (a limit above any result),
// one unit, and a year range.
func paramSets(t *testing.T, db *queries.DB, q queries.Query) []map[string]string {
	sets := []map[string]string{nil}
	for _, p := range q.Params {
		switch p.Name {
		case "limit":
			sets = append(sets, map[string]string{"limit": "1000000"})
		case "unit":
			_, rows, err := db.Rows(context.Background(), "SELECT unit_code FROM objects GROUP BY ALL ORDER BY count(*) DESC, unit_code LIMIT 2")
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				sets = append(sets, map[string]string{"unit": r[0].(string)})
			}
			sets = append(sets, map[string]string{"unit": "NO_SUCH_UNIT"})
		case "degrees":
			sets = append(sets, map[string]string{"degrees": "7"}, map[string]string{"degrees": "90"})
		case "year_from":
			sets = append(sets, map[string]string{"year_from": "1900", "year_to": "1949"}, map[string]string{"year_from": "-5000"})
		}
	}
	return sets
}

// requireRollupsEqualBase runs every bundled query that reads rollups, and
// its base query (queries/base/<name>.sql) over the five tables, under
// each of paramSets, and requires the same columns and rows, values and Go
// types alike. except names queries whose records column may differ (see
// TestRollupsWithDuplicateIDs); their other columns must still agree.
func requireRollupsEqualBase(t *testing.T, ds string, except map[string]bool) {
	t.Helper()
	db := open(t, ds)
	if !db.Rollups {
		t.Fatalf("%s has no rollups", ds)
	}
	qs, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, q := range qs {
		if q.BaseSQL == "" {
			continue
		}
		checked++
		unitRows := false
		sets := paramSets(t, db, q)
		for _, params := range sets {
			args, err := q.Args(params)
			if err != nil {
				t.Fatal(err)
			}
			bcols, brows, err := db.Rows(context.Background(), q.BaseSQL, args...)
			if err != nil {
				t.Fatalf("%s base %v: %v", q.Name, params, err)
			}
			rcols, rrows, err := db.Rows(context.Background(), q.SQL, args...)
			if err != nil {
				t.Fatalf("%s %v: %v", q.Name, params, err)
			}
			// A unit may have no rows for a query (no coordinates in SIL);
			// one of the units must.
			if len(brows) == 0 && q.Name != "duplicate_records" && params["unit"] == "" {
				t.Errorf("%s %v: the base query returns no rows: the comparison proves nothing", q.Name, params)
			}
			if len(brows) > 0 && params["unit"] != "" {
				unitRows = true
			}
			if except[q.Name] {
				continue
			}
			if diff := cmp.Diff(bcols, rcols); diff != "" {
				t.Errorf("%s %v: columns (-base +rollups):\n%s", q.Name, params, diff)
			}
			if diff := cmp.Diff(brows, rrows); diff != "" {
				t.Errorf("%s %v: rows differ (-base +rollups):\n%s", q.Name, params, diff)
			}
		}
		if !unitRows && slices.ContainsFunc(sets, func(p map[string]string) bool { return p["unit"] != "" && p["unit"] != "NO_SUCH_UNIT" }) {
			t.Errorf("%s: the base query returns no rows for any unit: the comparison proves nothing", q.Name)
		}
	}
	// The queries of the changes history read neither tables nor rollups.
	overTables := slices.DeleteFunc(slices.Clone(qs), func(q queries.Query) bool { return q.Reads == "changes" })
	if checked < len(overTables) {
		t.Errorf("%d queries read rollups, want all %d bundled ones over the tables", checked, len(overTables))
	}
}

// requireUniqueIDs is the precondition of the equivalence for top_names and
// freetext_census, whose rollups count documents (docs/DATASET.md).
func requireUniqueIDs(t *testing.T, ds string) {
	t.Helper()
	_, rows, err := open(t, ds).Rows(context.Background(), "SELECT count(*) - count(DISTINCT record_id) FROM objects")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0].(int64) != 0 {
		t.Fatalf("%s has %d duplicated record ids: the equivalence of per-document counts does not hold", ds, rows[0][0])
	}
}

// TestRollupsEqualBase: on the real sample, every query over the rollups
// returns exactly what its base query returns over the tables.
func TestRollupsEqualBase(t *testing.T) {
	ds := sampleDataset(t)
	requireUniqueIDs(t, ds)
	requireRollupsEqualBase(t, ds, nil)
}

// TestRollupsEqualBaseGenerated: the same on a generated corpus, whose
// records mix the sample's templates over many units, files and batches.
func TestRollupsEqualBaseGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs in the full (non -short) suite: SQL equivalence, nothing the race detector looks at")
	}
	records := 20000
	root := filepath.Join(t.TempDir(), "corpus")
	if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: records, Seed: 11, Layout: dump.S3, Compress: source.None, Out: root}); err != nil {
		t.Fatal(err)
	}
	ds := filepath.Join(t.TempDir(), "ds")
	// Small batches: rollups are tallied batch by batch and documents must
	// not be split or double counted at batch ends.
	if _, err := convert.Run(context.Background(), convert.Options{Out: ds, Inputs: []string{root}, BatchRows: 7, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	requireUniqueIDs(t, ds)
	requireRollupsEqualBase(t, ds, nil)
}

// TestRollupsWithDuplicateIDs pins what the rollups say when a record id
// is duplicated (a record kept twice in its unit's file, and moved to
// another unit while its old copy stays): duplicate_records and every query
// over objects or media agree with the base queries exactly; top_names and
// freetext_census count each copy in records (documents carrying the
// value), where count(DISTINCT record_id) counts the id once.
func TestRollupsWithDuplicateIDs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs in the full (non -short) suite: SQL equivalence, nothing the race detector looks at")
	}
	dir := t.TempDir()
	lines := sampletest.Lines(t)
	var withNames, withNotes []byte
	for _, l := range lines {
		s := string(l)
		if withNames == nil && strings.Contains(s, `"name":[{`) && strings.Contains(s, `"notes":[`) {
			withNames = l
		}
	}
	if withNames == nil {
		t.Fatal("no sample record with names and notes")
	}
	withNotes = withNames
	var all []string
	for _, l := range lines {
		all = append(all, string(l))
	}
	unitOf := func(doc string) string {
		i := strings.Index(doc, `"unitCode":"`)
		rest := doc[i+len(`"unitCode":"`):]
		return rest[:strings.IndexByte(rest, '"')]
	}
	unit := unitOf(string(withNames))
	moved := strings.Replace(string(withNotes), `"unitCode":"`+unit+`"`, `"unitCode":"OCIO_DPO3D"`, 1)
	if moved == string(withNotes) {
		t.Fatal("could not move the record")
	}
	// The first copy again at the end of the corpus file (same unit), and a
	// moved copy in a file of its own (another group).
	write := func(name string, docs ...string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(docs, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("all.jsonl", append(all, string(withNames))...)
	write("OCIO_DPO3D.jsonl", moved)
	ds := filepath.Join(t.TempDir(), "ds")
	if _, err := convert.Run(context.Background(), convert.Options{Out: ds, Inputs: []string{filepath.Join(dir, "all.jsonl"), filepath.Join(dir, "OCIO_DPO3D.jsonl")}}); err != nil {
		t.Fatal(err)
	}
	requireRollupsEqualBase(t, ds, map[string]bool{"top_names": true, "top_makers": true, "freetext_census": true})

	db := open(t, ds)
	_, dups, err := db.Rows(context.Background(), "SELECT record_id, copies, units FROM duplicate_records")
	if err != nil {
		t.Fatal(err)
	}
	units := []string{"OCIO_DPO3D", unit}
	slices.Sort(units)
	if len(dups) != 1 || dups[0][1].(int64) != 3 || dups[0][2].(string) != strings.Join(units, ",") {
		t.Fatalf("duplicate_records %v, want one id in 3 copies in OCIO_DPO3D and %s", dups, unit)
	}
	// The documented difference, exactly: the rollup's records is the base
	// count plus, per duplicated id carrying the value, its copies but one
	// (the copies here are the same document, so each carries every value).
	for _, c := range []struct{ name, rollup, base string }{
		{"top_names",
			`SELECT name, name_type, sum(records)::BIGINT FROM name_records GROUP BY ALL`,
			`SELECT value, coalesce(qualifier, ''), (count(DISTINCT record_id) + coalesce(sum(extra), 0))::BIGINT
			 FROM (SELECT DISTINCT record_id, value, qualifier FROM facets WHERE facet = 'name' AND value IS NOT NULL)
			 LEFT JOIN (SELECT record_id, copies - 1 AS extra FROM duplicate_records) USING (record_id)
			 GROUP BY ALL`},
		{"freetext_census",
			`SELECT category, label, sum(items)::BIGINT, sum(records)::BIGINT FROM freetext_labels GROUP BY ALL`,
			`SELECT category, label, (SELECT count(*) FROM freetext f WHERE f.category = d.category AND coalesce(f.label, '') = d.label),
			        (count(DISTINCT record_id) + coalesce(sum(extra), 0))::BIGINT
			 FROM (SELECT DISTINCT record_id, category, coalesce(label, '') AS label FROM freetext) d
			 LEFT JOIN (SELECT record_id, copies - 1 AS extra FROM duplicate_records) USING (record_id)
			 GROUP BY ALL`},
	} {
		order := " ORDER BY ALL"
		_, want, err := db.Rows(context.Background(), c.base+order)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		_, got, err := db.Rows(context.Background(), c.rollup+order)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s over the rollups is not the base count plus the extra copies (-want +got):\n%s", c.name, diff)
		}
	}
}

// TestWithoutRollups: a dataset without rollups (as soa wrote before them)
// runs every bundled query's base SQL, with the same results.
func TestWithoutRollups(t *testing.T) {
	if testing.Short() {
		t.Skip("runs in the full (non -short) suite")
	}
	ds := filepath.Join(t.TempDir(), "ds")
	if err := os.CopyFS(ds, os.DirFS(sampleDataset(t))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(ds, dataset.RollupsDir)); err != nil {
		t.Fatal(err)
	}
	with, without := open(t, sampleDataset(t)), open(t, ds)
	if without.Rollups {
		t.Fatal("a dataset without _rollups says it has rollups")
	}
	qs, _ := queries.List()
	for _, q := range qs {
		args, _ := q.Args(nil)
		_, want, err := with.Rows(context.Background(), with.SQL(q), args...)
		if err != nil {
			t.Fatal(err)
		}
		_, got, err := without.Rows(context.Background(), without.SQL(q), args...)
		if err != nil {
			t.Fatalf("%s without rollups: %v", q.Name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s without rollups (-with +without):\n%s", q.Name, diff)
		}
		if len(want) == 0 && q.Name != "duplicate_records" {
			t.Errorf("%s: no rows", q.Name)
		}
	}
}
