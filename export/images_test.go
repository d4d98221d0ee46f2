package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/export"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/queries"
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
		dir, err := os.MkdirTemp("", "soa-export-")
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

func openSample(t *testing.T) *queries.DB {
	t.Helper()
	db, err := queries.Open(context.Background(), sampleDataset(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// row is one exported image as text, "" for null, in the file's columns.
type row map[string]string

// expected builds the rows the export must hold from the sample's JSON, by
// the rules of issue 27: one row per media item of type Images (CC0 ones
// unless all), its url the IIIF full image of its idsId (its content URL,
// https, when the idsId is not an IDS id), the title with HTML stripped.
func expected(t *testing.T, all bool, base string) []row {
	t.Helper()
	if base == "" {
		base = "https://ids.si.edu/ids/iiif"
	}
	https := func(u string) string {
		if s, ok := strings.CutPrefix(u, "http://"); ok {
			return "https://" + s
		}
		return u
	}
	var out []row
	for _, line := range sampletest.Lines(t) {
		var doc struct {
			Title   string
			Content struct {
				DNR struct {
					RecordID    string `json:"record_ID"`
					UnitCode    string `json:"unit_code"`
					RecordLink  string `json:"record_link"`
					OnlineMedia struct {
						Media []map[string]any
					} `json:"online_media"`
				} `json:"descriptiveNonRepeating"`
			}
		}
		if err := json.Unmarshal(line, &doc); err != nil {
			t.Fatal(err)
		}
		d := doc.Content.DNR
		for _, m := range d.OnlineMedia.Media {
			access, _ := m["usage"].(map[string]any)["access"].(string)
			if m["type"] != "Images" || (!all && access != "CC0") {
				continue
			}
			r := row{"caption": doc.Title, "record_id": d.RecordID, "unit_code": d.UnitCode,
				"license": access, "record_link": https(d.RecordLink)}
			r["media_id"], _ = m["id"].(string)
			ids, _ := m["idsId"].(string)
			if ids != "" && !strings.HasPrefix(ids, "http") {
				r["iiif_base"] = base + "/" + strings.ReplaceAll(ids, "/", "%2F")
				r["url"] = r["iiif_base"] + "/full/full/0/default.jpg"
			} else {
				r["url"] = https(m["content"].(string))
			}
			for _, k := range []string{"altTextAccessibility", "text_equiv", "alt"} {
				if s, _ := m[k].(string); s != "" && r["alt_text"] == "" {
					r["alt_text"] = s
				}
			}
			r["width"], r["height"] = largest(m["resources"])
			out = append(out, r)
		}
	}
	return out
}

// largest is the width and height of the largest resource by area, from
// its width and height, its "WxH" dimensions or the "(WxH)" ending its label.
func largest(resources any) (string, string) {
	list, _ := resources.([]any)
	sizeRE := regexp.MustCompile(`^(\d+)x(\d+)$`)
	labelRE := regexp.MustCompile(`\((\d+)x(\d+)\)$`)
	var bw, bh int
	for _, r := range list {
		res, _ := r.(map[string]any)
		w, h := num(res["width"]), num(res["height"])
		if w <= 0 || h <= 0 {
			w, h = 0, 0
			dims, _ := res["dimensions"].(string)
			label, _ := res["label"].(string)
			if m := sizeRE.FindStringSubmatch(dims); m != nil {
				w, h = atoi(m[1]), atoi(m[2])
			} else if m := labelRE.FindStringSubmatch(label); m != nil {
				w, h = atoi(m[1]), atoi(m[2])
			}
		}
		if w*h > bw*bh {
			bw, bh = w, h
		}
	}
	if bw == 0 {
		return "", ""
	}
	return strconv.Itoa(bw), strconv.Itoa(bh)
}

func num(v any) int {
	switch x := v.(type) {
	case float64:
		return int(x)
	case string:
		return atoi(x)
	}
	return 0
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

var columns = []string{"url", "iiif_base", "caption", "record_id", "unit_code", "media_id", "license", "width", "height", "alt_text", "record_link"}

// sortRows sorts rows and gives each every column, "" for the missing ones,
// so that rows read from any format compare equal.
func sortRows(rs []row) {
	for _, r := range rs {
		for _, c := range columns {
			r[c] += ""
		}
	}
	slices.SortFunc(rs, func(a, b row) int {
		return strings.Compare(a["unit_code"]+"\x00"+a["record_id"]+"\x00"+a["url"], b["unit_code"]+"\x00"+b["record_id"]+"\x00"+b["url"])
	})
}

func export1(t *testing.T, db *queries.DB, opts export.ImageOptions) export.ImageStats {
	t.Helper()
	stats, err := export.Images(context.Background(), db, opts)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func readCSV(t *testing.T, path string) []row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], columns) {
		t.Fatalf("header %q, want %q", recs[0], columns)
	}
	var out []row
	for _, rec := range recs[1:] {
		r := row{}
		for i, name := range recs[0] {
			r[name] = rec[i]
		}
		out = append(out, r)
	}
	return out
}

func readJSONL(t *testing.T, path string) []row {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []row
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		if len(m) != 11 {
			t.Fatalf("%d keys, want 11: %s", len(m), sc.Text())
		}
		r := row{}
		for k, v := range m {
			switch x := v.(type) {
			case string:
				r[k] = x
			case float64:
				r[k] = strconv.Itoa(int(x))
			}
		}
		out = append(out, r)
	}
	return out
}

func readParquet(t *testing.T, path string) []row {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pf, err := file.NewParquetReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	if got := pf.MetaData().GetCreatedBy(); got != "soa test" {
		t.Errorf("created_by %q, want %q", got, "soa test")
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	var out []row
	for i := range int(tbl.NumRows()) {
		r := row{}
		for c := range int(tbl.NumCols()) {
			col := tbl.Column(c)
			chunk := col.Data().Chunk(0)
			if col.Data().Len() != chunk.Len() {
				t.Fatal("test expects one chunk")
			}
			if chunk.IsNull(i) {
				r[col.Name()] = ""
				continue
			}
			switch v := chunk.GetOneForMarshal(i).(type) {
			case string:
				r[col.Name()] = v
			case int32:
				r[col.Name()] = strconv.Itoa(int(v))
			default:
				t.Fatalf("column %s: %T", col.Name(), v)
			}
		}
		out = append(out, r)
	}
	return out
}

func TestImagesFromSample(t *testing.T) {
	db := openSample(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		all  bool
	}{{"cc0", false}, {"all-rights", true}} {
		want := expected(t, tc.all, "")
		sortRows(want)
		for _, format := range []string{"csv", "jsonl", "parquet"} {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				out := filepath.Join(dir, tc.name+"."+format)
				stats := export1(t, db, export.ImageOptions{Out: out, AllRights: tc.all, Version: "test"})
				var got []row
				switch format {
				case "csv":
					got = readCSV(t, out)
				case "jsonl":
					got = readJSONL(t, out)
				case "parquet":
					got = readParquet(t, out)
				}
				if stats.Rows != int64(len(got)) {
					t.Errorf("stats say %d rows, the file has %d", stats.Rows, len(got))
				}
				if !slices.IsSortedFunc(got, func(a, b row) int {
					return cmpKey(a, b)
				}) {
					t.Error("rows are not sorted by unit_code, record_id")
				}
				sortRows(got)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("rows (-from the JSON +exported):\n%s", diff)
				}
			})
		}
	}
}

func cmpKey(a, b row) int {
	if c := strings.Compare(a["unit_code"], b["unit_code"]); c != 0 {
		return c
	}
	return strings.Compare(a["record_id"], b["record_id"])
}

func TestImagesDeterministic(t *testing.T) {
	db := openSample(t)
	dir := t.TempDir()
	for _, format := range []string{"csv", "jsonl", "parquet"} {
		a, b := filepath.Join(dir, "a."+format), filepath.Join(dir, "b."+format)
		export1(t, db, export.ImageOptions{Out: a, Version: "test"})
		export1(t, db, export.ImageOptions{Out: b, Version: "test"})
		da, _ := os.ReadFile(a)
		db_, _ := os.ReadFile(b)
		if !bytes.Equal(da, db_) || len(da) == 0 {
			t.Errorf("%s: two exports differ (%d and %d bytes)", format, len(da), len(db_))
		}
	}
}

func TestImagesWhereLimitBase(t *testing.T) {
	db := openSample(t)
	dir := t.TempDir()
	base := "http://127.0.0.1:8080/iiif/"

	out := filepath.Join(dir, "nasm.csv")
	export1(t, db, export.ImageOptions{Out: out, Where: "unit_code = 'NASM' AND title LIKE '%Spirit%'", IIIFBase: base})
	var want []row
	for _, r := range expected(t, false, "http://127.0.0.1:8080/iiif") {
		if r["unit_code"] == "NASM" && strings.Contains(r["caption"], "Spirit") {
			want = append(want, r)
		}
	}
	got := readCSV(t, out)
	sortRows(want)
	sortRows(got)
	if len(want) == 0 {
		t.Fatal("the sample has no NASM image of a Spirit: the test needs another filter")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("--where rows (-want +got):\n%s", diff)
	}

	all := readCSV(t, func() string {
		p := filepath.Join(dir, "all.csv")
		export1(t, db, export.ImageOptions{Out: p})
		return p
	}())
	limited := filepath.Join(dir, "limit.csv")
	if s := export1(t, db, export.ImageOptions{Out: limited, Limit: 7}); s.Rows != 7 {
		t.Errorf("--limit 7 wrote %d rows", s.Rows)
	}
	if diff := cmp.Diff(all[:7], readCSV(t, limited)); diff != "" {
		t.Errorf("--limit 7 is not the first 7 rows of the whole export:\n%s", diff)
	}
}

func TestImagesErrors(t *testing.T) {
	db := openSample(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "keep.csv")
	if err := os.WriteFile(existing, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts export.ImageOptions
		want error
		text string
	}{
		{"unknown extension", export.ImageOptions{Out: filepath.Join(dir, "x.txt")}, export.ErrFormat, `".txt": name the file .parquet, .csv or .jsonl`},
		{"no extension", export.ImageOptions{Out: filepath.Join(dir, "x")}, export.ErrFormat, "has no extension"},
		{"unknown column", export.ImageOptions{Out: existing, Where: "nope = 1"}, export.ErrWhere, `"nope"`},
		{"syntax", export.ImageOptions{Out: existing, Where: "unit_code = = 'x'"}, export.ErrWhere, "soa schema"},
		{"media column", export.ImageOptions{Out: existing, Where: "ids_id IS NULL"}, export.ErrWhere, "ids_id"},
		{"bad base", export.ImageOptions{Out: existing, IIIFBase: "ids.si.edu/iiif"}, export.ErrIIIFBase, "http(s) URL"},
		{"missing folder", export.ImageOptions{Out: filepath.Join(dir, "no", "such", "x.csv")}, os.ErrNotExist, "does not exist; create it, or write elsewhere"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := export.Images(context.Background(), db, tc.opts)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %q does not say %q", err, tc.text)
			}
		})
	}
	if data, _ := os.ReadFile(existing); string(data) != "old\n" {
		t.Errorf("a failed export changed %s: %q", existing, data)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestImagesCancelled(t *testing.T) {
	db := openSample(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "x.parquet")
	if _, err := export.Images(ctx, db, export.ImageOptions{Out: out}); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a cancelled export left %s", out)
	}
}

// TestImagesDuplicatedRecord: a record that appears twice in the input (the
// dump has such ids) gives its images once, not once per copy and join.
func TestImagesDuplicatedRecord(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../testdata/records/NMNHBOTANY.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	twice := filepath.Join(dir, "NMNHBOTANY.jsonl")
	if err := os.WriteFile(twice, append(append([]byte(nil), data...), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	ds := filepath.Join(dir, "ds")
	if _, err := convert.Run(context.Background(), convert.Options{Out: ds, Inputs: []string{twice}}); err != nil {
		t.Fatal(err)
	}
	db, err := queries.Open(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(dir, "images.csv")
	var progress atomic.Int64
	stats := export1(t, db, export.ImageOptions{Out: out, Rows: &progress})
	var want []row
	for _, r := range expected(t, false, "") {
		if r["unit_code"] == "NMNHBOTANY" {
			want = append(want, r)
		}
	}
	got := readCSV(t, out)
	sortRows(want)
	sortRows(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows of a record given twice (-each once +got):\n%s", diff)
	}
	if progress.Load() != stats.Rows || stats.Rows != int64(len(want)) {
		t.Errorf("progress counted %d rows, stats %d, want %d", progress.Load(), stats.Rows, len(want))
	}
}
