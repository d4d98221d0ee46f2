package convert_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/soa-project/soa/convert"
)

// The hand audit of issue #24 (item 6): testdata/audit/*.tsv hold, for real
// sample records, who made each one, when, where and its number as a careful
// reader of the record's JSON states them, written by hand from the JSON and
// the contract (never from soa's output). TestAuditTable converts the sample
// and checks the objects table against every row; TestAuditCoverage checks
// that the audit spans every unit of the sample and at least 60 records.

const auditDir = "../testdata/audit"

// auditColumns is the header of an audit table, in order (the contract's
// "Audit table format").
var auditColumns = []string{
	"record_id", "unit", "makers", "year_start", "year_end",
	"later_year_start", "later_year_end", "date_uncertain", "place_role",
	"country_code", "object_number", "note",
}

// auditChecked are the objects columns an audit row states, in the order
// mismatches are reported.
var auditChecked = []string{
	"makers", "year_start", "year_end", "later_year_start", "later_year_end",
	"date_uncertain", "place_role", "country_code", "object_number",
}

// auditRow is one row of an audit table. Values are kept as written; an
// empty value means null (makers: no maker).
type auditRow struct {
	Where    string // file:line, for messages
	RecordID string
	Unit     string
	Values   map[string]string // auditChecked column -> value as written
	Note     string
}

// parseAudit reads one audit table and checks that every value has the form
// the contract gives it, so that a typo in the table is reported as such
// instead of as a mismatch with soa.
func parseAudit(name string, r io.Reader) ([]auditRow, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var rows []auditRow
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		fields := strings.Split(text, "\t")
		if line == 1 {
			if !slices.Equal(fields, auditColumns) {
				return nil, fmt.Errorf("%s:1: header is %q, want %q", name, fields, auditColumns)
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, line)
		if len(fields) != len(auditColumns) {
			return nil, fmt.Errorf("%s: %d fields, want %d", where, len(fields), len(auditColumns))
		}
		row := auditRow{Where: where, RecordID: fields[0], Unit: fields[1], Note: fields[11], Values: map[string]string{}}
		if row.RecordID == "" || row.Unit == "" {
			return nil, fmt.Errorf("%s: record_id and unit are required", where)
		}
		if strings.TrimSpace(row.Note) == "" {
			return nil, fmt.Errorf("%s: %s has no note", where, row.RecordID)
		}
		for i, col := range auditColumns[2:11] {
			v := fields[i+2]
			if v != strings.TrimSpace(v) {
				return nil, fmt.Errorf("%s: %s %q has surrounding spaces", where, col, v)
			}
			if err := checkAuditValue(col, v); err != nil {
				return nil, fmt.Errorf("%s: %s: %v", where, col, err)
			}
			row.Values[col] = v
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("%s: empty, no header", name)
	}
	return rows, nil
}

func checkAuditValue(col, v string) error {
	if v == "" {
		return nil
	}
	switch col {
	case "makers":
		for _, m := range strings.Split(v, " | ") {
			if strings.TrimSpace(m) == "" {
				return fmt.Errorf("empty name in %q", v)
			}
		}
	case "year_start", "year_end", "later_year_start", "later_year_end":
		if _, err := strconv.Atoi(v); err != nil {
			return fmt.Errorf("%q is not a year", v)
		}
	case "date_uncertain":
		if v != "true" && v != "false" {
			return fmt.Errorf("%q is not true, false or empty", v)
		}
	case "place_role":
		if !slices.Contains([]string{"made", "collected", "depicted", "other"}, v) {
			return fmt.Errorf("%q is not made, collected, depicted, other or empty", v)
		}
	case "country_code":
		if len(v) != 2 || strings.ToUpper(v) != v || !unicode.IsLetter(rune(v[0])) || !unicode.IsLetter(rune(v[1])) {
			return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 code", v)
		}
	}
	return nil
}

// readAudits reads every testdata/audit/*.tsv; a record audited twice is an
// error, since two expectations for one record cannot both hold.
func readAudits(t *testing.T) []auditRow {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(auditDir, "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no audit tables in %s: %v", auditDir, err)
	}
	slices.Sort(files)
	var all []auditRow
	seen := map[string]string{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := parseAudit(filepath.Base(f), fh)
		_ = fh.Close() // read only
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if prev, dup := seen[r.RecordID]; dup {
				t.Fatalf("%s: %s is audited already at %s", r.Where, r.RecordID, prev)
			}
			seen[r.RecordID] = r.Where
		}
		all = append(all, rows...)
	}
	return all
}

// normName is the form in which an audited name and soa's name are compared:
// case, punctuation and runs of spaces do not count (the contract's "same
// display form, case/punctuation-insensitive"), so "Airstream, Inc." and
// "Airstream, Inc" agree but "Edgar Degas" and "Degas, Edgar" do not.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsPunct(r) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// auditWant is the value an audit row states for col, in the JSON shape the
// objects rows are read in (numbers float64, lists []any, null nil).
func auditWant(col, v string) any {
	switch col {
	case "makers":
		out := []any{}
		if v != "" {
			for _, m := range strings.Split(v, " | ") {
				out = append(out, m)
			}
		}
		return out
	}
	if v == "" {
		return nil
	}
	switch col {
	case "year_start", "year_end", "later_year_start", "later_year_end":
		n, _ := strconv.Atoi(v) // checked by parseAudit
		return float64(n)
	case "date_uncertain":
		return v == "true"
	}
	return v
}

// auditEqual says whether soa's value got agrees with the audit's want.
func auditEqual(col string, want, got any) bool {
	if col == "makers" {
		w, _ := want.([]any)
		g, ok := got.([]any)
		if !ok || len(g) != len(w) { // null is not the contract's empty list
			return false
		}
		for i := range w {
			gs, ok := g[i].(string)
			if !ok || normName(gs) != normName(w[i].(string)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(want, got)
}

// showValue writes a value for a message: null, a quoted string, a number
// without exponent, or a list of quoted strings.
func showValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = showValue(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// compareAudit compares the audit rows with the objects rows (keyed by
// record_id) and returns every problem: first the audited columns objects
// does not have, then one line per mismatching value in the form
// "record_id column: audit says X (note), soa gives Y". Columns objects
// lacks are not compared, so the rest is still checked.
func compareAudit(rows []auditRow, objects map[string]map[string]any, columns map[string]bool) []string {
	var out []string
	for _, col := range auditChecked {
		if !columns[col] {
			out = append(out, "objects has no column "+col)
		}
	}
	for _, r := range rows {
		obj := objects[r.RecordID]
		if obj == nil {
			out = append(out, fmt.Sprintf("%s (%s): no objects row with this record_id", r.RecordID, r.Where))
			continue
		}
		if u, _ := obj["unit_code"].(string); u != r.Unit {
			out = append(out, fmt.Sprintf("%s unit_code: audit says %q (%s), soa gives %q", r.RecordID, r.Unit, r.Note, u))
		}
		for _, col := range auditChecked {
			if !columns[col] {
				continue
			}
			want, got := auditWant(col, r.Values[col]), obj[col]
			if !auditEqual(col, want, got) {
				out = append(out, fmt.Sprintf("%s %s: audit says %s (%s), soa gives %s",
					r.RecordID, col, showValue(want), r.Note, showValue(got)))
			}
		}
	}
	return out
}

// TestAuditTable converts the real sample with the real pipeline and checks
// the objects table against every row of every audit table, reporting all
// mismatches at once.
func TestAuditTable(t *testing.T) {
	audits := readAudits(t)
	out := filepath.Join(t.TempDir(), "ds")
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*.jsonl"))
	convertChecked(t, convert.Options{Out: out, Inputs: files, Workers: 2})
	rows := readTable(t, out, "objects")
	if len(rows) == 0 {
		t.Fatal("objects table is empty")
	}
	columns := map[string]bool{}
	for col := range rows[0] { // every column of the schema is a key, null or not
		columns[col] = true
	}
	objects := map[string]map[string]any{}
	for _, row := range rows {
		objects[str(row["record_id"])] = row
	}
	problems := compareAudit(audits, objects, columns)
	for _, p := range problems {
		t.Error(p)
	}
	if len(problems) > 0 {
		t.Logf("%d problems in %d audited records", len(problems), len(audits))
	}
}

// TestAuditCoverage checks that the audit covers every unit of the sample
// and at least 60 records, and that each audited record is in the sample
// under the unit the audit names (read from the JSON, not from soa).
func TestAuditCoverage(t *testing.T) {
	audits := readAudits(t)
	unitOf := map[string]string{}
	var units []string
	for _, r := range sampleRecords(t) {
		id := str(get(r, "content", "descriptiveNonRepeating", "record_ID"))
		u := str(r["unitCode"])
		unitOf[id] = u
		if !slices.Contains(units, u) {
			units = append(units, u)
		}
	}
	audited := map[string]int{}
	for _, a := range audits {
		u, ok := unitOf[a.RecordID]
		switch {
		case !ok:
			t.Errorf("%s: %s is not a sample record", a.Where, a.RecordID)
		case u != a.Unit:
			t.Errorf("%s: %s is a %s record, the audit says %s", a.Where, a.RecordID, u, a.Unit)
		default:
			audited[u]++
		}
	}
	slices.Sort(units)
	var missing []string
	for _, u := range units {
		if audited[u] == 0 {
			missing = append(missing, u)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the audit has no record of %d of the sample's %d units: %s", len(missing), len(units), strings.Join(missing, ", "))
	}
	if len(audits) < 60 {
		t.Errorf("the audit has %d records; want at least 60", len(audits))
	}
}

// TestAuditSelfCheck shows that the parser and the comparison of the audit
// test work, on hand-made rows: a row that agrees gives no problem, each
// kind of disagreement gives its message, and malformed tables are refused.
func TestAuditSelfCheck(t *testing.T) {
	header := strings.Join(auditColumns, "\t") + "\n"
	table := header +
		"rec_a\tU\tEdgar Degas | Lehman & Duval Co.\t1879\t1880\t1919\t1920\tfalse\tmade\tFR\tNPG.1\tplate 1879-80, printed 1919-20\n" +
		"rec_b\tU\t\t\t\t\t\t\t\t\t\tno name, no date, no place\n" +
		"rec_c\tU\tA | B\t1900\t1900\t\t\ttrue\tother\tUS\tX-1\tc. 1900\n"
	rows, err := parseAudit("t.tsv", strings.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Values["makers"] != "Edgar Degas | Lehman & Duval Co." || rows[2].Note != "c. 1900" || rows[0].Where != "t.tsv:2" {
		t.Fatalf("parsed %+v", rows)
	}
	all := map[string]bool{"unit_code": true}
	for _, c := range auditChecked {
		all[c] = true
	}
	objects := map[string]map[string]any{
		// agrees: names compared without case and punctuation
		"rec_a": {"unit_code": "U", "makers": []any{"edgar degas", "Lehman & Duval Co"}, "year_start": 1879.0, "year_end": 1880.0,
			"later_year_start": 1919.0, "later_year_end": 1920.0, "date_uncertain": false, "place_role": "made", "country_code": "FR", "object_number": "NPG.1"},
		// agrees: empty makers list, every other value null
		"rec_b": {"unit_code": "U", "makers": []any{}, "year_start": nil, "year_end": nil, "later_year_start": nil, "later_year_end": nil,
			"date_uncertain": nil, "place_role": nil, "country_code": nil, "object_number": nil},
	}
	if p := compareAudit(rows[:2], objects, all); len(p) != 0 {
		t.Fatalf("agreeing rows gave problems:\n%s", strings.Join(p, "\n"))
	}

	// rec_c disagrees everywhere it can: order of makers, a year, a null
	// bool, a role, a code, a number given as "" instead of null.
	objects["rec_c"] = map[string]any{"unit_code": "V", "makers": []any{"B", "A"}, "year_start": 1895.0, "year_end": 1900.0,
		"later_year_start": nil, "later_year_end": 1950.0, "date_uncertain": nil, "place_role": "depicted", "country_code": "US", "object_number": ""}
	got := compareAudit(rows[2:], objects, all)
	want := []string{
		`rec_c unit_code: audit says "U" (c. 1900), soa gives "V"`,
		`rec_c makers: audit says ["A", "B"] (c. 1900), soa gives ["B", "A"]`,
		`rec_c year_start: audit says 1900 (c. 1900), soa gives 1895`,
		`rec_c later_year_end: audit says null (c. 1900), soa gives 1950`,
		`rec_c date_uncertain: audit says true (c. 1900), soa gives null`,
		`rec_c place_role: audit says "other" (c. 1900), soa gives "depicted"`,
		`rec_c object_number: audit says "X-1" (c. 1900), soa gives ""`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("mismatches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A null makers list is not the contract's empty list; a missing record
	// and missing columns are reported, and the columns present still checked.
	objects["rec_b"]["makers"] = nil
	delete(objects, "rec_a")
	partial := map[string]bool{"unit_code": true, "year_start": true, "makers": true}
	got = compareAudit(rows[:2], objects, partial)
	want = []string{
		"objects has no column year_end", "objects has no column later_year_start", "objects has no column later_year_end",
		"objects has no column date_uncertain", "objects has no column place_role", "objects has no column country_code",
		"objects has no column object_number",
		"rec_a (t.tsv:2): no objects row with this record_id",
		"rec_b makers: audit says [] (no name, no date, no place), soa gives null",
	}
	if !slices.Equal(got, want) {
		t.Errorf("mismatches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Malformed tables are refused with the place of the error.
	for _, bad := range []struct{ table, err string }{
		{"record_id\tunit\n", "t.tsv:1: header"},
		{header + "r\tU\t\t19x0\t\t\t\t\t\t\t\tn\n", "t.tsv:2: year_start"},
		{header + "r\tU\t\t\t\t\t\tyes\t\t\t\tn\n", "t.tsv:2: date_uncertain"},
		{header + "r\tU\t\t\t\t\t\t\tmade in\t\t\tn\n", "t.tsv:2: place_role"},
		{header + "r\tU\t\t\t\t\t\t\t\tUSA\t\tn\n", "t.tsv:2: country_code"},
		{header + "r\tU\tA |  | B\t\t\t\t\t\t\t\t\tn\n", "t.tsv:2: makers"},
		{header + "r\tU\t\t\t\t\t\t\t\t\t\t\n", "has no note"},
		{header + "r\tU\t\t\t\n", "t.tsv:2: 5 fields"},
		{"", "empty"},
	} {
		if _, err := parseAudit("t.tsv", strings.NewReader(bad.table)); err == nil || !strings.Contains(err.Error(), bad.err) {
			t.Errorf("table %q: error %v, want one containing %q", bad.table, err, bad.err)
		}
	}
}
