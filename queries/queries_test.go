package queries_test

import (
	"bytes"
	"context"
	"encoding/json"

	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/testkit/golden"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/queries"
	"github.com/soa-project/soa/schema"
)

var (
	sampleOnce sync.Once
	sampleDS   string
	sampleErr  error
)

// sampleDataset converts the real sample once for all tests of the package.
func sampleDataset(t *testing.T) string {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "soa-queries-")
		if err != nil {
			sampleErr = err
			return
		}
		files, _ := filepath.Glob("../testdata/records/*.jsonl")
		sampleDS = filepath.Join(dir, "ds")
		_, sampleErr = convert.Run(context.Background(), convert.Options{Out: sampleDS, Inputs: files})
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleDS
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleDS != "" {
		os.RemoveAll(filepath.Dir(sampleDS))
	}
	os.Exit(code)
}

func open(t *testing.T, ds string) *queries.DB {
	t.Helper()
	db, err := queries.Open(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var paramRef = regexp.MustCompile(`\$([a-z_]+)`)

// runTime matches the run_at of a changes row as CSV gives it.
var runTime = regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?`)

// TestHeaders: every query documents itself, and binds exactly the
// parameters it declares.
func TestHeaders(t *testing.T) {
	qs, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 13 {
		t.Fatalf("%d bundled queries, want at least 13", len(qs))
	}
	for _, q := range qs {
		var declared, used []string
		for _, p := range q.Params {
			declared = append(declared, p.Name)
		}
		for _, m := range paramRef.FindAllStringSubmatch(q.SQL, -1) {
			if !slices.Contains(used, m[1]) {
				used = append(used, m[1])
			}
		}
		slices.Sort(declared)
		slices.Sort(used)
		if !slices.Equal(declared, used) {
			t.Errorf("%s declares %v but uses %v", q.Name, declared, used)
		}
		for _, table := range strings.Split(q.Reads, ",") {
			table = strings.TrimSpace(table)
			if !slices.Contains(dataset.TableNames(), table) && schema.RollupByName(table) == nil && table != "changes" {
				t.Errorf("%s reads unknown table or rollup %q", q.Name, table)
			}
		}
		if q.BaseSQL != "" {
			var base []string
			for _, m := range paramRef.FindAllStringSubmatch(q.BaseSQL, -1) {
				if !slices.Contains(base, m[1]) {
					base = append(base, m[1])
				}
			}
			slices.Sort(base)
			if !slices.Equal(declared, base) {
				t.Errorf("%s declares %v but its base SQL uses %v", q.Name, declared, base)
			}
		}
	}
}

// TestGoldenResults runs every bundled query, with its defaults, on the
// converted real sample and compares the CSV with queries/testdata/<name>.csv.
func TestGoldenResults(t *testing.T) {
	db := open(t, sampleDataset(t))
	qs, _ := queries.List()
	for _, q := range qs {
		t.Run(q.Name, func(t *testing.T) {
			args, err := q.Args(nil)
			if err != nil {
				t.Fatal(err)
			}
			cols, rows, err := db.Rows(context.Background(), db.SQL(q), args...)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(cols, ", "); got != q.Columns {
				t.Errorf("columns %q, header says %q", got, q.Columns)
			}
			var b bytes.Buffer
			if err := queries.Write(&b, "csv", cols, rows); err != nil {
				t.Fatal(err)
			}
			got := b.Bytes()
			if q.Reads == "changes" {
				// The changes history says when the sample was converted.
				got = runTime.ReplaceAll(got, []byte("RUN_AT"))
			}
			golden.Check(t, filepath.Join("testdata", q.Name+".csv"), "./queries", got)
		})
	}
}

type sampleRec struct {
	UnitCode string `json:"unitCode"`
	Title    string `json:"title"`
	Content  struct {
		DNR struct {
			RecordID      string `json:"record_ID"`
			MetadataUsage struct {
				Access string `json:"access"`
			} `json:"metadata_usage"`
			OnlineMedia struct {
				Media []json.RawMessage `json:"media"`
			} `json:"online_media"`
		} `json:"descriptiveNonRepeating"`
		IS struct {
			Date []string `json:"date"`
		} `json:"indexedStructured"`
	} `json:"content"`
}

func readSample(t *testing.T) []sampleRec {
	var out []sampleRec
	for _, line := range sampletest.Lines(t) {
		var r sampleRec
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// TestUnitCountsMatchJSON: records_by_unit equals a count of the JSON lines
// by unitCode, made without the converter.
func TestUnitCountsMatchJSON(t *testing.T) {
	want := map[string]int64{}
	for _, r := range readSample(t) {
		want[r.UnitCode]++
	}
	db := open(t, sampleDataset(t))
	q, _ := queries.Get("records_by_unit")
	args, _ := q.Args(nil)
	_, rows, err := db.Rows(context.Background(), q.SQL, args...)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, r := range rows {
		got[r[0].(string)] = r[2].(int64)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("per-unit counts (-json +duckdb):\n%s", diff)
	}
}

// TestDuckDBSeesEveryRecord reads objects/*/*.parquet with hive partitioning,
// as a scholar would, and finds every record once with its unit, title,
// media count, CC0 flag and dates as in the JSON.
func TestDuckDBSeesEveryRecord(t *testing.T) {
	type rec struct {
		Unit, Title string
		Media       int64
		CC0         bool
		Dates       string
	}
	want := map[string]rec{}
	for _, r := range readSample(t) {
		d, _ := json.Marshal(r.Content.IS.Date)
		if r.Content.IS.Date == nil {
			d = []byte("[]")
		}
		want[r.Content.DNR.RecordID] = rec{r.UnitCode, r.Title, int64(len(r.Content.DNR.OnlineMedia.Media)), r.Content.DNR.MetadataUsage.Access == "CC0", string(d)}
	}
	db := open(t, sampleDataset(t))
	glob := filepath.ToSlash(sampleDataset(t)) + "/objects/*/*.parquet"
	_, rows, err := db.Rows(context.Background(), `SELECT record_id, unit_code, title, media_count, is_cc0, to_json(dates)::VARCHAR, count(*) OVER (PARTITION BY record_id)
		FROM read_parquet(?, hive_partitioning = true)`, glob)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]rec{}
	for _, r := range rows {
		if r[6].(int64) != 1 {
			t.Errorf("record %v appears %d times", r[0], r[6])
		}
		got[r[0].(string)] = rec{r[1].(string), r[2].(string), int64(r[3].(int32)), r[4].(bool), r[5].(string)}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DuckDB's view of objects (-json +duckdb):\n%s", diff)
	}
}

func TestParams(t *testing.T) {
	db := open(t, sampleDataset(t))
	q, _ := queries.Get("records_by_decade")
	args, err := q.Args(map[string]string{"unit": "NMNHBOTANY", "year_from": "1900", "year_to": "1949"})
	if err != nil {
		t.Fatal(err)
	}
	_, rows, err := db.Rows(context.Background(), q.SQL, args...)
	if err != nil {
		t.Fatal(err)
	}
	var decades []int64
	for _, r := range rows {
		decades = append(decades, int64(r[0].(int32)))
	}
	if len(decades) == 0 || decades[0] < 1900 || decades[len(decades)-1] > 1940 {
		t.Errorf("decades %v, want within 1900..1940", decades)
	}
	// A value that would break pasted SQL is just a value when bound.
	args, _ = q.Args(map[string]string{"unit": "x' OR '1'='1"})
	if _, rows, err = db.Rows(context.Background(), q.SQL, args...); err != nil || len(rows) != 0 {
		t.Errorf("hostile unit: %d rows, err %v; want 0 rows", len(rows), err)
	}
	for given, want := range map[string]string{"year_from=abc": "not an integer", "bogus=1": "has no parameter"} {
		k, v, _ := strings.Cut(given, "=")
		if _, err := q.Args(map[string]string{k: v}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Args(%s) = %v, want %q", given, err, want)
		}
	}
	if _, err := queries.Get("nope"); err == nil || !strings.Contains(err.Error(), "--list") {
		t.Errorf("Get(nope) = %v", err)
	}
}

func TestFormats(t *testing.T) {
	db := open(t, sampleDataset(t))
	out := filepath.Join(t.TempDir(), "units.parquet")
	q, _ := queries.Get("top_topics")
	args, _ := q.Args(map[string]string{"limit": "3"})
	if err := db.CopyParquet(context.Background(), q.SQL, out, args...); err != nil {
		t.Fatal(err)
	}
	_, rows, err := db.Rows(context.Background(), "SELECT count(*) FROM read_parquet(?)", out)
	if err != nil || rows[0][0].(int64) != 3 {
		t.Fatalf("parquet result: %v rows, err %v", rows, err)
	}
	cols, rows, _ := db.Rows(context.Background(), "SELECT 'a\"b' AS s, [1,2] AS l, NULL AS n")
	var js bytes.Buffer
	queries.Write(&js, "json", cols, rows)
	var parsed []map[string]any
	if err := json.Unmarshal(js.Bytes(), &parsed); err != nil || parsed[0]["s"] != `a"b` || parsed[0]["n"] != nil {
		t.Errorf("json output %s: %v", js.String(), err)
	}
	var tbl bytes.Buffer
	queries.Write(&tbl, "table", cols, rows)
	if !strings.Contains(tbl.String(), "NULL") || !strings.Contains(tbl.String(), "(1 row)") {
		t.Errorf("table output:\n%s", tbl.String())
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := queries.Open(context.Background(), t.TempDir()); err == nil || !strings.Contains(err.Error(), "no _manifest.json") {
		t.Errorf("Open(empty dir) = %v", err)
	}
}
