package convert_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	dsnetbzip2 "github.com/dsnet/compress/bzip2"
	"github.com/klauspost/compress/zstd"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
)

// doc returns a minimal valid edanmdm line for unit with record id id.
func doc(unit, id string) string {
	return `{"type":"edanmdm","unitCode":"` + unit + `","title":"t ` + id + `","content":{"descriptiveNonRepeating":{"record_ID":"` + id + `"}}}`
}

func readRejects(t *testing.T, out string) []dataset.Reject {
	t.Helper()
	f, err := os.Open(filepath.Join(out, dataset.RejectsPath))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rs []dataset.Reject
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r dataset.Reject
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("rejects line %q: %v", sc.Text(), err)
		}
		rs = append(rs, r)
	}
	return rs
}

func compress(t *testing.T, codec string, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	switch codec {
	case "bz2":
		w, _ := dsnetbzip2.NewWriter(&b, &dsnetbzip2.WriterConfig{Level: 1})
		w.Write(data)
		w.Close()
	case "gz":
		w := gzip.NewWriter(&b)
		w.Write(data)
		w.Close()
	case "zst":
		w, _ := zstd.NewWriter(&b)
		w.Write(data)
		w.Close()
	}
	return b.Bytes()
}

func manyDocs(unit string, n int) []byte {
	var b bytes.Buffer
	for i := range n {
		b.WriteString(doc(unit, unit+"_"+itoa(i)) + "\n")
	}
	return b.Bytes()
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestBadInput is the bad-input matrix: each case is one input file; the run
// must keep every good record, reject exactly the bad documents with their
// line, and never fail as a whole.
func TestBadInput(t *testing.T) {
	good := doc("U", "u_1")
	cases := []struct {
		name         string
		file         string // default 00.txt
		data         []byte
		records      int64
		rejectLines  []int
		errContains  string
		utf8Repaired int64
		wantTitle    string // a title that must be read back as is
	}{
		{name: "malformed JSON", data: []byte(good + "\n{\"type\":\n" + doc("U", "u_2") + "\n"), records: 2, rejectLines: []int{2}, errContains: "invalid JSON"},
		{name: "not an object", data: []byte("[1,2]\n\"text\"\n42\n" + good + "\n"), records: 1, rejectLines: []int{1, 2, 3}, errContains: "not a JSON object"},
		{name: "no record id", data: []byte(`{"type":"edanmdm","unitCode":"U","content":{}}` + "\n" + good + "\n"), records: 1, rejectLines: []int{1}, errContains: "record_ID"},
		{name: "last line without newline", data: []byte(doc("U", "u_0") + "\n" + good), records: 2},
		{name: "truncated last line", data: []byte(good + "\n" + good[:40]), records: 1, rejectLines: []int{2}, errContains: "invalid JSON"},
		{name: "CRLF line endings", data: []byte(doc("U", "u_0") + "\r\n" + good + "\r\n"), records: 2},
		{name: "UTF-8 BOM", data: []byte("\xef\xbb\xbf" + good + "\n"), records: 1},
		{name: "invalid UTF-8", data: []byte(strings.Replace(good, `"t u_1"`, "\"t \xff\xfe u_1\"", 1) + "\n"), records: 1, utf8Repaired: 1},
		// A raw control character in a string is kept as given: nothing is lost.
		{name: "NUL byte", data: []byte(strings.Replace(good, `"t u_1"`, "\"t \x00 u_1\"", 1) + "\n" + doc("U", "u_2") + "\n"), records: 2, wantTitle: "t \x00 u_1"},
		{name: "blank lines", data: []byte("\n\n" + good + "\n   \n\n" + doc("U", "u_2") + "\n\n"), records: 2},
		{name: "pretty-printed document", data: []byte("{\n  \"type\": \"edanmdm\",\n  \"unitCode\": \"U\",\n  \"content\": {\"descriptiveNonRepeating\": {\"record_ID\": \"u_p\"}}\n}\n" + good + "\n"), records: 2},
		{name: "unclosed pretty document", data: []byte(good + "\n{\n  \"type\": \"edanmdm\",\n"), records: 1, rejectLines: []int{2}, errContains: "not closed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			name := c.file
			if name == "" {
				name = "00.txt"
			}
			in := filepath.Join(dir, name)
			if err := os.WriteFile(in, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "ds")
			m := convertChecked(t, convert.Options{Out: out, Inputs: []string{in}})
			if m.Records != c.records {
				t.Errorf("records %d, want %d", m.Records, c.records)
			}
			rs := readRejects(t, out)
			var lines []int
			for _, r := range rs {
				lines = append(lines, r.Line)
				if r.File != in || !strings.Contains(r.Error, c.errContains) {
					t.Errorf("reject %+v, want file %s and error containing %q", r, in, c.errContains)
				}
			}
			if !equalInts(lines, c.rejectLines) {
				t.Errorf("rejected lines %v, want %v", lines, c.rejectLines)
			}
			if c.wantTitle != "" {
				found := false
				for _, row := range readTable(t, out, "objects") {
					found = found || row["title"] == c.wantTitle
				}
				if !found {
					t.Errorf("no objects row has the title %q", c.wantTitle)
				}
			}
			if m.Rejects != int64(len(c.rejectLines)) || m.UTF8Repaired != c.utf8Repaired {
				t.Errorf("manifest rejects %d, utf8_repaired %d; want %d, %d", m.Rejects, m.UTF8Repaired, len(c.rejectLines), c.utf8Repaired)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDamagedStreams: a compressed input file cut in half keeps the records
// before the damage and rejects the rest with a reason; a bad checksum is
// reported; the other input files of the run are untouched.
func TestDamagedStreams(t *testing.T) {
	data := manyDocs("U", 3000)
	for _, codec := range []string{"bz2", "gz", "zst"} {
		t.Run(codec+" cut in half", func(t *testing.T) {
			dir := t.TempDir()
			full := compress(t, codec, data)
			bad := filepath.Join(dir, "00.txt."+codec)
			os.WriteFile(bad, full[:len(full)/2], 0o644)
			okFile := filepath.Join(dir, "01.txt")
			os.WriteFile(okFile, []byte(doc("V", "v_1")+"\n"), 0o644)
			out := filepath.Join(dir, "ds")
			m := convertChecked(t, convert.Options{Out: out, Inputs: []string{dir}})
			if m.Inputs[0].Records == 0 || m.Inputs[0].Records >= 3000 {
				t.Errorf("kept %d records of the damaged file, want some but not all 3000", m.Inputs[0].Records)
			}
			if m.Inputs[1].Records != 1 {
				t.Errorf("the good file lost records: %+v", m.Inputs[1])
			}
			rs := readRejects(t, out)
			if len(rs) != 1 || !strings.Contains(rs[0].Error, "damaged compressed stream") || rs[0].File != bad {
				t.Fatalf("rejects %+v, want one damage reject for %s", rs, bad)
			}
		})
	}
	for _, codec := range []string{"gz", "zst"} {
		t.Run(codec+" bad checksum", func(t *testing.T) {
			dir := t.TempDir()
			full := compress(t, codec, data)
			// The checksum is in the last 8 (gzip: CRC32 + size) or 4 (zstd) bytes.
			full[len(full)-5] ^= 0xff
			in := filepath.Join(dir, "00.txt."+codec)
			os.WriteFile(in, full, 0o644)
			out := filepath.Join(dir, "ds")
			m := convertChecked(t, convert.Options{Out: out, Inputs: []string{in}})
			rs := readRejects(t, out)
			if len(rs) != 1 || !strings.Contains(rs[0].Error, "damaged") {
				t.Fatalf("rejects %+v (records %d), want one damage reject", rs, m.Records)
			}
		})
	}
}

// TestDamagedStreamNoDocumentParses: when a compressed stream breaks off
// and nothing that came out of it before parses (the damage's garbage, or
// text that is not JSON), the file's one reject is the damage, with the
// decompressor's error, not "not JSON lines": the stream is what to fix.
func TestDamagedStreamNoDocumentParses(t *testing.T) {
	// gzip at level 0 stores the text as it is: flipping its bytes damages
	// the documents, and the checksum at the end then fails.
	var stored bytes.Buffer
	gw, _ := gzip.NewWriterLevel(&stored, gzip.NoCompression)
	gw.Write([]byte(doc("U", "u_1") + "\n" + doc("U", "u_2") + "\n" + doc("U", "u_3") + "\n"))
	gw.Close()
	garbled := stored.Bytes()
	for i := 0; ; i++ {
		j := bytes.Index(garbled, []byte(`{"type"`))
		if j < 0 {
			if i != 3 {
				t.Fatalf("flipped %d documents of the stored gzip, want 3", i)
			}
			break
		}
		garbled[j] ^= 0x80
	}
	// Text that is not JSON, over several bzip2 blocks (100k each at level
	// 1), cut short in a later one: the first blocks come out whole.
	var csv bytes.Buffer
	csv.WriteString("id,title\n")
	for i := range 40000 {
		fmt.Fprintf(&csv, "%d,Vase %d\n", i, i*7919%10007)
	}
	bz := compress(t, "bz2", csv.Bytes())
	for _, c := range []struct {
		name, file string
		data       []byte
		why        string // what the reject must say besides the damage
		documents  string
	}{
		{"gz with damaged data", "00.txt.gz", garbled, "gzip: invalid checksum", "none of the 3 documents before it parses as JSON"},
		{"bz2 cut short", "00.txt.bz2", bz[:len(bz)*2/3], "unexpected EOF", "documents before it parses as JSON"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, c.file)
			if err := os.WriteFile(in, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			good := filepath.Join(dir, "01.txt")
			if err := os.WriteFile(good, []byte(doc("V", "v_1")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "ds")
			m := convertChecked(t, convert.Options{Out: out, Inputs: []string{dir}})
			rs := readRejects(t, out)
			if len(rs) != 1 || m.Rejects != 1 || rs[0].File != in {
				t.Fatalf("rejects %+v (manifest: %d), want one for %s", rs, m.Rejects, in)
			}
			if e := rs[0].Error; !strings.HasPrefix(e, "damaged compressed stream: rest of file unreadable from line ") ||
				!strings.Contains(e, c.why) || !strings.Contains(e, c.documents) || strings.Contains(e, "not JSON lines") {
				t.Errorf("reject error %q, want the damage (%q) and %q, not \"not JSON lines\"", e, c.why, c.documents)
			}
			if m.Records != 1 {
				t.Errorf("records %d, want the good file's 1", m.Records)
			}
		})
	}
}

// TestLongLineBoundedMemory: a 100 MB line is rejected with its text cut,
// the records around it are kept, and memory does not grow with the line.
func TestLongLineBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB file; runs in the full suite")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "00.txt")
	f, _ := os.Create(in)
	w := bufio.NewWriter(f)
	w.WriteString(doc("U", "u_1") + "\n")
	w.WriteString(`{"type":"edanmdm","title":"`)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 100 {
		w.Write(chunk)
	}
	w.WriteString("\"}\n" + doc("U", "u_2") + "\n")
	w.Flush()
	f.Close()
	const limit = 8 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	out := filepath.Join(dir, "ds")
	m := convertChecked(t, convert.Options{Out: out, Inputs: []string{in}, MaxLineBytes: limit})
	runtime.ReadMemStats(&after)
	if m.Records != 2 || m.Rejects != 1 {
		t.Fatalf("records %d, rejects %d; want 2 and 1", m.Records, m.Rejects)
	}
	rs := readRejects(t, out)
	if rs[0].Line != 2 || !strings.Contains(rs[0].Error, "longer than the line limit") || len(rs[0].Raw) > 4096 {
		t.Errorf("reject line %d error %q raw %d bytes", rs[0].Line, rs[0].Error, len(rs[0].Raw))
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4*limit+64<<20 {
		t.Errorf("allocated %d MB for a 100 MB line with an %d MB limit: not bounded", grew>>20, limit>>20)
	}
}

// TestHostileUnitCodes: whatever a unitCode holds, files stay inside OUT,
// one partition per distinct code, escaped as documented.
func TestHostileUnitCodes(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "00.txt")
	codes := []string{"../../x", "a/b", "with space", "..", ".", "%2F", "NMAfA", "é", ""}
	var b strings.Builder
	for i, c := range codes {
		b.WriteString(doc(c, "r_"+itoa(i)) + "\n")
	}
	os.WriteFile(in, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "ds")
	m := convertChecked(t, convert.Options{Out: out, Inputs: []string{in}})
	if m.Records != int64(len(codes)) {
		t.Fatalf("records %d, want %d", m.Records, len(codes))
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && p != in && !strings.HasPrefix(p, out+string(filepath.Separator)) {
			t.Errorf("file written outside OUT: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	parts, _ := filepath.Glob(filepath.Join(out, "objects", "*"))
	for _, p := range parts {
		got[filepath.Base(p)] = true
	}
	for _, want := range []string{"unit_code=..%2F..%2Fx", "unit_code=a%2Fb", "unit_code=with%20space", "unit_code=..", "unit_code=.",
		"unit_code=%252F", "unit_code=NMAfA", "unit_code=%C3%A9", "unit_code=__HIVE_DEFAULT_PARTITION__"} {
		if !got[want] {
			t.Errorf("no partition folder %s; have %v", want, got)
		}
	}
	if len(got) != len(codes) {
		t.Errorf("%d partitions for %d distinct codes: %v", len(got), len(codes), got)
	}
}

// TestUnitFromRecordNotFolder: a record's own unitCode decides its partition,
// whatever folder it was found in; duplicate record ids are all kept.
func TestUnitFromRecordNotFolder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "SI"), 0o755)
	os.MkdirAll(filepath.Join(dir, "OCIO_DPO3D"), 0o755)
	os.WriteFile(filepath.Join(dir, "SI", "00.txt"), []byte(doc("OCIO_DPO3D", "dup_1")+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "OCIO_DPO3D", "00.txt"), []byte(doc("OCIO_DPO3D", "dup_1")+"\n"), 0o644)
	out := filepath.Join(dir, "ds")
	m := convertChecked(t, convert.Options{Out: out, Inputs: []string{dir}})
	if m.Tables[0].Units["OCIO_DPO3D"] != 2 || len(m.Tables[0].Units) != 1 {
		t.Errorf("objects per unit %v, want both copies under OCIO_DPO3D", m.Tables[0].Units)
	}
}

// TestStrictLeavesNothing: with Strict, the first reject stops the run and
// neither OUT nor its staging folder exists afterwards.
func TestStrictLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "00.txt")
	os.WriteFile(in, []byte(doc("U", "u_1")+"\nnot json\n"+doc("U", "u_2")+"\n"), 0o644)
	out := filepath.Join(dir, "ds")
	_, err := convert.Run(context.Background(), convert.Options{Out: out, Inputs: []string{in}, Strict: true})
	if !errors.Is(err, convert.ErrRejected) || !strings.Contains(err.Error(), in+":2") {
		t.Fatalf("err %v, want ErrRejected at %s:2", err, in)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestNoRecords: an input that holds no record (an empty file, an empty
// compressed file, an empty array, a file that is not JSON lines) ends the
// run with ErrNoRecords saying why, and publishes nothing: a new OUT is not
// created, an existing dataset keeps its records (#28).
func TestNoRecords(t *testing.T) {
	for _, c := range []struct {
		name, file string
		data       []byte
		why        string
	}{
		{"empty file", "00.txt", nil, "the input file holds no document"},
		{"zero-length bz2", "00.txt.bz2", []byte{}, "the input file holds no document"},
		{"empty array", "records.json", []byte("[\n]\n"), "the input file holds no document"},
		{"CSV", "table.csv", []byte("id,title\n1,Vase\n"), `none of the 2 documents in 1 file converts (the first: %s line 1: not JSON lines: none of its 2 documents parses as JSON; it starts "id,title\n1,Vase\n" (the first document: cannot parse JSON`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, c.file)
			if err := os.WriteFile(in, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "ds")
			_, err := convert.Run(context.Background(), convert.Options{Out: out, Inputs: []string{in}})
			why := c.why
			if strings.Contains(why, "%s") {
				why = fmt.Sprintf(why, in)
			}
			if !errors.Is(err, convert.ErrNoRecords) || !strings.Contains(err.Error(), why) {
				t.Fatalf("err = %v, want ErrNoRecords saying %q", err, why)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("OUT exists after a run without records (stat: %v)", err)
			}
			// Over an existing dataset: it keeps its one record.
			good := filepath.Join(dir, "good.jsonl")
			if err := os.WriteFile(good, []byte(doc("U", "u_1")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			convertChecked(t, convert.Options{Out: out, Inputs: []string{good}})
			if _, err := convert.Run(context.Background(), convert.Options{Out: out, Inputs: []string{in}}); !errors.Is(err, convert.ErrNoRecords) {
				t.Fatalf("over a dataset: err = %v, want ErrNoRecords", err)
			}
			m, err := dataset.ReadManifest(out)
			if err != nil || m.Records != 1 {
				t.Errorf("the dataset after the run: %v records (%v), want the 1 it had", m, err)
			}
		})
	}
}

// TestJSONArrayNotALine: a one-line array of 3,000 records, 150 times the
// line limit, converts every record: the array is read element by element,
// each bounded by the limit, never as one line (#28).
func TestJSONArrayNotALine(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("[")
	for i := range 3000 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(doc("U", "u_"+itoa(i)))
	}
	b.WriteString("]")
	const limit = 1 << 10
	if b.Len() < 150*limit {
		t.Fatalf("the array is %d bytes, want it far over the %d-byte limit", b.Len(), limit)
	}
	in := filepath.Join(dir, "records.json")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	m := convertChecked(t, convert.Options{Out: filepath.Join(dir, "ds"), Inputs: []string{in}, MaxLineBytes: limit})
	if m.Records != 3000 || m.Rejects != 0 {
		t.Errorf("records %d, rejects %d; want 3000, 0", m.Records, m.Rejects)
	}
	if len(m.Inputs) != 1 || m.Inputs[0].Form != dataset.FormJSONArray {
		t.Errorf("inputs %+v, want one of form %q", m.Inputs, dataset.FormJSONArray)
	}
}

// TestJSONArraySeparators: an array of records is read as strict JSON. A
// missing comma, two commas and a trailing comma are each one reject at
// their line saying what to do, and lose no element; text after the
// closing "]" is one reject quoting it, never read as JSON lines.
func TestJSONArraySeparators(t *testing.T) {
	data := "[\n" +
		doc("U", "u_1") + " " + doc("U", "u_2") + ",\n" + // 2: no comma
		"," + doc("U", "u_3") + ",\n" + // 3: two commas
		doc("U", "u_4") + ",\n" + // 4
		"]\n" + // 5: a trailing comma
		"\n" +
		doc("U", "u_5") + "\n" // 7: after the array
	dir := t.TempDir()
	in := filepath.Join(dir, "records.json")
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "ds")
	m := convertChecked(t, convert.Options{Out: out, Inputs: []string{in}})
	var ids []string
	for _, row := range readTable(t, out, "objects") {
		ids = append(ids, str(row["record_id"]))
	}
	if strings.Join(ids, " ") != "u_1 u_2 u_3 u_4" {
		t.Errorf("records %v, want u_1 u_2 u_3 u_4", ids)
	}
	want := []struct {
		line     int
		contains string
		raw      string
	}{
		{2, "no comma before the element that starts here; put one between the two elements", ""},
		{3, "two commas in a row); remove the extra comma", ""},
		{5, `a comma before the closing "]" (JSON allows none); remove it`, ""},
		{7, `text after the closing "]" of the file's array, starting "{\"type\":\"edanmdm\",\"unitCode\":\"U\""; ` +
			"a file holds one JSON array of records or JSON lines, not both: move the records into the array, or into a file of their own",
			doc("U", "u_5") + "\n"},
	}
	rs := readRejects(t, out)
	if len(rs) != len(want) || m.Rejects != int64(len(want)) {
		t.Fatalf("rejects %+v (manifest: %d), want %d", rs, m.Rejects, len(want))
	}
	for i, w := range want {
		r := rs[i]
		if r.File != in || r.Line != w.line || !strings.HasPrefix(r.Error, "malformed JSON array: ") || !strings.Contains(r.Error, w.contains) || r.Raw != w.raw {
			t.Errorf("reject %d = %+v, want line %d, error containing %q, raw %q", i, r, w.line, w.contains, w.raw)
		}
	}
}
