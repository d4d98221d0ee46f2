package main

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
)

// sourceRecord is what the test reads of a record in the source files, to
// write its expectations from the input rather than from soa's output.
type sourceRecord struct {
	Unit      string `json:"unitCode"`
	Signature string `json:"docSignature"`
	// Updated is lastTimeUpdated, epoch seconds as a string or a number.
	Updated json.RawMessage `json:"lastTimeUpdated"`
	Content struct {
		DescriptiveNonRepeating struct {
			RecordID string `json:"record_ID"`
		} `json:"descriptiveNonRepeating"`
	} `json:"content"`
}

func (r sourceRecord) key() string { return r.Unit + "/" + r.Content.DescriptiveNonRepeating.RecordID }

// updated is lastTimeUpdated as soa query prints a UTC timestamp.
func (r sourceRecord) updated(t *testing.T) string {
	secs, err := strconv.ParseInt(strings.Trim(string(r.Updated), `"`), 10, 64)
	if err != nil {
		t.Fatalf("%s: lastTimeUpdated %s: %v", r.key(), r.Updated, err)
	}
	return time.Unix(secs, 0).UTC().Format(time.RFC3339)
}

// readSourceRecords returns the records of every record file under root,
// by unit/record_id, and the lines per unit. The changes table lists a
// record kept in several copies once per copy; the tests' corpora have no
// such copies (the first run's test checks it), so a map is enough.
func readSourceRecords(t *testing.T, root string) (map[string]sourceRecord, map[string]int64) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, "*", "[0-9a-f][0-9a-f].txt"))
	records, units := map[string]sourceRecord{}, map[string]int64{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if line == "" {
				continue
			}
			var r sourceRecord
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			records[r.key()] = r
			units[r.Unit]++
		}
	}
	return records, units
}

// fileRecords returns the records of one record file, in order.
func fileRecords(t *testing.T, file string) []sourceRecord {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []sourceRecord
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		var r sourceRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out = append(out, r)
	}
	return out
}

// queryCSV runs SQL over a dataset with soa query and returns its rows,
// header first.
func queryCSV(t *testing.T, ds, sql string) [][]string {
	t.Helper()
	status, stdout, stderr := soaS3(t, nil, "query", ds, "--format=csv", "--sql", sql)
	if status != 0 {
		t.Fatalf("query %q: status %d: %s", sql, status, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatalf("query %q: %v\n%s", sql, err, stdout)
	}
	return rows
}

// lastRunChanges returns the last run's changes as "change unit/id
// before after" lines, sorted.
func lastRunChanges(t *testing.T, ds string) []string {
	t.Helper()
	rows := queryCSV(t, ds, `SELECT change, unit_code || '/' || record_id, coalesce(doc_signature_before, '-'), coalesce(doc_signature_after, '-')
		FROM changes WHERE run_at = (SELECT max(run_at) FROM changes)`)
	var out []string
	for _, r := range rows[1:] {
		out = append(out, strings.Join(r, " "))
	}
	slices.Sort(out)
	return out
}

// changesHashes hashes the files of a dataset's changes history, which
// datasetHashes leaves out.
func changesHashes(t *testing.T, ds string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(ds, "_changes", "*"))
	h := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h[filepath.Base(f)] = fmt.Sprintf("%x", sha256.Sum256(data))
	}
	return h
}

// editLines rewrites a record file through edit, which gets its lines.
func editLines(t *testing.T, file string, edit func([]string) []string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := edit(strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"))
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWeeklyChanges runs the weekly cycle on a local copy of the dump (the
// S3 one is in TestConvertBucket): the first run lists every record as
// added; after a record is edited, one added and one deleted, the re-run
// lists exactly those and equals a fresh run; a unit that loses more than
// half its records is not published (status 6) unless --allow-shrink.
func TestWeeklyChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("several conversions; runs in the full suite")
	}
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: 4000, Seed: 26, Layout: dump.S3, Compress: source.None, Out: corpus}); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(corpus, "metadata", "edan")
	ds := filepath.Join(tmp, "ds")
	convertOK := func(t *testing.T, args ...string) {
		t.Helper()
		status, _, stderr := soaS3(t, nil, append([]string{"convert", "--progress=none"}, args...)...)
		if status != 0 && status != 3 {
			t.Fatalf("convert %v: status %d: %s", args, status, stderr)
		}
	}

	t.Run("first run: every record added", func(t *testing.T) {
		convertOK(t, "-o", ds, root)
		records, units := readSourceRecords(t, root)
		var lines int64
		for _, n := range units {
			lines += n
		}
		if lines != int64(len(records)) {
			t.Fatalf("%d records under %d keys: the corpus has copies of a record, which this test does not expect", lines, len(records))
		}
		var want, wantUpdated []string
		for k, r := range records {
			want = append(want, "added "+k+" - "+r.Signature)
			wantUpdated = append(wantUpdated, k+" "+r.updated(t))
		}
		slices.Sort(want)
		slices.Sort(wantUpdated)
		if diff := gocmp.Diff(want, lastRunChanges(t, ds)); diff != "" {
			t.Errorf("changes of the first run (-source +changes):\n%s", diff)
		}
		var updated []string
		for _, r := range queryCSV(t, ds, "SELECT unit_code || '/' || record_id, last_time_updated FROM changes")[1:] {
			updated = append(updated, strings.Join(r, " "))
		}
		slices.Sort(updated)
		if diff := gocmp.Diff(wantUpdated, updated); diff != "" {
			t.Errorf("last_time_updated in changes (-source +changes):\n%s", diff)
		}
	})

	t.Run("a week of edits", func(t *testing.T) {
		records, counts := readSourceRecords(t, root)
		units := largestUnits(t, root, counts)
		file := recordFiles(t, root, units[0])[0]
		var want []string
		editLines(t, file, func(lines []string) []string {
			var first, second sourceRecord
			_ = json.Unmarshal([]byte(lines[0]), &first)
			_ = json.Unmarshal([]byte(lines[1]), &second)
			edited := strings.Replace(lines[0], `"docSignature":"`+first.Signature+`"`, `"docSignature":"edited-this-week"`, 1)
			added := strings.Replace(strings.Replace(lines[0], `"record_ID":"`, `"record_ID":"added-this-week-`, 1),
				`"docSignature":"`+first.Signature+`"`, `"docSignature":"new-this-week"`, 1)
			if edited == lines[0] || !strings.Contains(added, "new-this-week") {
				t.Fatalf("the test's edits did not apply to %s", lines[0])
			}
			addedKey := first.Unit + "/added-this-week-" + first.Content.DescriptiveNonRepeating.RecordID
			if _, dup := records[addedKey]; dup {
				t.Fatalf("%s already exists", addedKey)
			}
			want = []string{
				"modified " + first.key() + " " + records[first.key()].Signature + " edited-this-week",
				"removed " + second.key() + " " + records[second.key()].Signature + " -",
				"added " + addedKey + " - new-this-week",
			}
			return append([]string{edited, added}, lines[2:]...)
		})
		// The edited and deleted records must be nowhere else in the input
		// for the expectation above to hold.
		after, _ := readSourceRecords(t, root)
		if _, still := after[strings.Fields(want[1])[1]]; still {
			t.Fatalf("the deleted record is also elsewhere in the input: pick another")
		}
		slices.Sort(want)
		convertOK(t, "-o", ds, root)
		if diff := gocmp.Diff(want, lastRunChanges(t, ds)); diff != "" {
			t.Errorf("changes of the re-run (-edits +changes):\n%s", diff)
		}
		// The bundled query, by date, unit and kind of change.
		modified := strings.Fields(want[slices.IndexFunc(want, func(s string) bool { return strings.HasPrefix(s, "modified ") })])[1]
		unit, id, _ := strings.Cut(modified, "/")
		now := time.Now().UTC()
		for _, tc := range []struct {
			since string
			want  []string
		}{
			{now.Format(time.DateOnly), []string{unit + " " + id + " modified"}},
			{now.Add(24 * time.Hour).Format(time.DateOnly), nil},
		} {
			status, stdout, stderr := soaS3(t, nil, "query", ds, "changes_since", "--format=csv",
				"--param", "since="+tc.since, "--param", "unit="+unit, "--param", "change=modified")
			if status != 0 {
				t.Fatalf("changes_since: status %d: %s", status, stderr)
			}
			rows, _ := csv.NewReader(strings.NewReader(stdout)).ReadAll()
			var got []string
			for _, r := range rows[1:] {
				got = append(got, r[1]+" "+r[2]+" "+r[3])
			}
			if diff := gocmp.Diff(tc.want, got); diff != "" {
				t.Errorf("changes_since since=%s unit=%s change=modified (-want +got):\n%s", tc.since, unit, diff)
			}
		}
		if status, _, stderr := soaS3(t, nil, "query", ds, "changes_since", "--param", "since=1 November"); status != 2 || !strings.Contains(stderr, `"1 November" is not a date (want YYYY-MM-DD`) {
			t.Errorf("a bad date: status %d: %s", status, stderr)
		}

		fresh := filepath.Join(tmp, "fresh")
		convertOK(t, "--no-reuse", "-o", fresh, root)
		if diff := gocmp.Diff(datasetHashes(t, fresh), datasetHashes(t, ds)); diff != "" {
			t.Errorf("the re-run's tables differ from a fresh run's (-fresh +rerun):\n%s", diff)
		}
		// The history holds both runs.
		if rows := queryCSV(t, ds, "SELECT count(DISTINCT run_at) FROM changes"); rows[1][0] != "2" {
			t.Errorf("runs in the history: %v", rows)
		}
	})

	t.Run("publish gate", func(t *testing.T) {
		_, before := readSourceRecords(t, root)
		// The largest unit keeps 40% of its records.
		unit := largestUnits(t, root, before)[0]
		code := unitCode(t, root, unit)
		if before[code] < 100 {
			t.Fatalf("unit %s has %d records; the gate's per-unit limit needs 100", code, before[code])
		}
		var removed []string
		records, _ := readSourceRecords(t, root)
		for _, file := range recordFiles(t, root, unit) {
			editLines(t, file, func(lines []string) []string {
				keep := len(lines) * 2 / 5
				for _, l := range lines[keep:] {
					var r sourceRecord
					_ = json.Unmarshal([]byte(l), &r)
					removed = append(removed, r.key())
				}
				return lines[:keep]
			})
		}
		_, after := readSourceRecords(t, root)
		if after[code]*2 >= before[code] {
			t.Fatalf("unit %s: %d -> %d records is not a loss of more than half", code, before[code], after[code])
		}
		old, oldChanges := datasetHashes(t, ds), changesHashes(t, ds)
		if len(oldChanges) != 2 {
			t.Fatalf("changes history before the gate: %v", oldChanges)
		}
		oldManifest, _ := os.ReadFile(filepath.Join(ds, "_manifest.json"))
		status, _, stderr := soaS3(t, nil, "convert", "--progress=none", "-o", ds, root)
		if status != 6 {
			t.Fatalf("status %d, want 6: %s", status, stderr)
		}
		for _, w := range []string{fmt.Sprintf("%s %d -> %d", code, before[code], after[code]), "--allow-shrink", "the previous dataset is unchanged"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr lacks %q: %s", w, stderr)
			}
		}
		newManifest, _ := os.ReadFile(filepath.Join(ds, "_manifest.json"))
		if diff := gocmp.Diff(old, datasetHashes(t, ds)); diff != "" || string(newManifest) != string(oldManifest) {
			t.Errorf("a refused run changed the dataset:\n%s", diff)
		}
		if diff := gocmp.Diff(oldChanges, changesHashes(t, ds)); diff != "" {
			t.Errorf("a refused run changed the changes history:\n%s", diff)
		}

		convertOK(t, "--allow-shrink", "-o", ds, root)
		now, _ := readSourceRecords(t, root)
		var want []string
		for _, k := range removed {
			if _, still := now[k]; !still {
				want = append(want, "removed "+k+" "+records[k].Signature+" -")
			}
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if diff := gocmp.Diff(want, lastRunChanges(t, ds)); diff != "" {
			t.Errorf("changes of the shrinking run (-source +changes):\n%s", diff)
		}
	})
}

// largestUnits returns the unit folders under root, the most records first.
func largestUnits(t *testing.T, root string, counts map[string]int64) []string {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var units []string
	for _, e := range entries {
		if e.IsDir() {
			units = append(units, e.Name())
		}
	}
	slices.SortStableFunc(units, func(a, b string) int { return cmp.Compare(unitRows(counts, b), unitRows(counts, a)) })
	return units
}

// recordFiles returns the record files of a unit folder, sorted.
func recordFiles(t *testing.T, root, unit string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, unit, "[0-9a-f][0-9a-f].txt"))
	if len(files) == 0 {
		t.Fatalf("unit folder %s has no record file", unit)
	}
	return files
}

// unitCode is the unitCode of the first record of a unit folder.
func unitCode(t *testing.T, root, unit string) string {
	t.Helper()
	f, err := os.Open(recordFiles(t, root, unit)[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	sc.Scan()
	var r sourceRecord
	if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return r.Unit
}

// unitRows is the rows of the unit whose folder is unit (its code in any
// case).
func unitRows(counts map[string]int64, unit string) int64 {
	var n int64
	for code, c := range counts {
		if strings.EqualFold(code, unit) {
			n += c
		}
	}
	return n
}
