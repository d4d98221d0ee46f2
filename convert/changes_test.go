package convert_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
)

// signedDoc returns a minimal edanmdm line for unit with record id id and
// document signature sig (the EDAN docSignature, which changes with any
// edit of the document).
func signedDoc(unit, id, sig string) string {
	return `{"type":"edanmdm","unitCode":"` + unit + `","docSignature":"` + sig + `","title":"t ` + id + ` ` + sig +
		`","content":{"descriptiveNonRepeating":{"record_ID":"` + id + `"}}}`
}

// lastChanges returns the rows of the newest file of a dataset's changes
// history as "change record_id before after", sorted.
func lastChanges(t *testing.T, ds string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(ds, filepath.FromSlash(dataset.ChangesGlob)))
	if err != nil || len(files) == 0 {
		t.Fatalf("no changes history in %s: %v", ds, err)
	}
	slices.Sort(files) // named by publish time
	var rows []string
	for _, r := range readParquetRows(t, files[len(files)-1]) {
		rows = append(rows, fmt.Sprintf("%s %s %s %s", str(r["change"]), str(r["record_id"]),
			orNull(r["doc_signature_before"]), orNull(r["doc_signature_after"])))
	}
	slices.Sort(rows)
	return rows
}

func orNull(v any) string {
	if v == nil {
		return "null"
	}
	return str(v)
}

// TestChangesOfRecordsInSeveralCopies: a record id held by several
// documents (copies) with different signatures is compared as the set of
// its copies' signatures, on both sides; re-reading the same copies
// reports nothing, whatever order they are read in, and each copy that
// changed appears once. Every run also edits one other record ("marker")
// so that the group is read again rather than taken over unchanged.
func TestChangesOfRecordsInSeveralCopies(t *testing.T) {
	// dups is n record ids, each in two copies with signatures a and b: the
	// order the two come back in from a sort of hashes is a coin toss per
	// id, so 200 of them leave no room for luck.
	const n = 200
	dups := func(sigs ...string) []string {
		var lines []string
		for i := range n {
			for _, s := range sigs {
				lines = append(lines, signedDoc("TEST", fmt.Sprintf("dup_%03d", i), s))
			}
		}
		return lines
	}
	for _, tc := range []struct {
		name          string
		before, after []string
		want          []string // the changes other than the marker's, sorted
	}{
		{"same copies", dups("a", "b"), dups("a", "b"), nil},
		{"same copies read in the other order", dups("a", "b"), dups("b", "a"), nil},
		{"identical copies", []string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "a")},
			[]string{signedDoc("TEST", "x", "a")}, nil},
		{"one copy edited", []string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "b")},
			[]string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "c")},
			[]string{"modified x b c"}},
		{"both copies edited", []string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "b")},
			[]string{signedDoc("TEST", "x", "c"), signedDoc("TEST", "x", "d")},
			[]string{"modified x a c", "modified x b d"}},
		{"a copy dropped", []string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "b")},
			[]string{signedDoc("TEST", "x", "a")},
			[]string{"modified x b a"}},
		{"a copy added", []string{signedDoc("TEST", "x", "a")},
			[]string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "c")},
			[]string{"modified x a c"}},
		{"two copies become one new", []string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "b")},
			[]string{signedDoc("TEST", "x", "c")},
			[]string{"modified x a c", "modified x b c"}},
		{"one copy becomes two new", []string{signedDoc("TEST", "x", "a")},
			[]string{signedDoc("TEST", "x", "c"), signedDoc("TEST", "x", "d")},
			[]string{"modified x a c", "modified x a d"}},
		{"copies removed", []string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "b")}, nil,
			[]string{"removed x a null", "removed x b null"}},
		{"copies added", nil, []string{signedDoc("TEST", "x", "a"), signedDoc("TEST", "x", "b")},
			[]string{"added x null a", "added x null b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), "TEST.jsonl")
			out := filepath.Join(t.TempDir(), "ds")
			opts := convert.Options{Out: out, Inputs: []string{in}, Build: "test", Workers: 2, AllowShrink: true}
			write := func(marker string, lines []string) {
				t.Helper()
				lines = append([]string{signedDoc("TEST", "marker", marker)}, lines...)
				if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("m1", tc.before)
			convertChecked(t, opts)
			write("m2", tc.after)
			convertChecked(t, opts)
			want := append([]string{"modified marker m1 m2"}, tc.want...)
			slices.Sort(want)
			if diff := cmp.Diff(want, lastChanges(t, out)); diff != "" {
				t.Errorf("changes of the second run (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChangesStorage: in a changes file the record ids and signatures,
// mostly distinct, are plain, and the columns of few values (change,
// unit_code, run_at, last_time_updated) dictionary-encoded, every column with statistics and
// without a dictionary falling back to plain pages (docs/DATASET.md, The
// changes history).
func TestChangesStorage(t *testing.T) {
	in := filepath.Join(t.TempDir(), "TEST.jsonl")
	out := filepath.Join(t.TempDir(), "ds")
	var lines []string
	for i := range 300 {
		lines = append(lines, signedDoc("TEST", fmt.Sprintf("id_%03d", i), fmt.Sprintf("sig%03d", i)))
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	convertChecked(t, convert.Options{Out: out, Inputs: []string{in}, Build: "test", Workers: 2})
	files, err := filepath.Glob(filepath.Join(out, filepath.FromSlash(dataset.ChangesGlob)))
	if err != nil || len(files) != 1 {
		t.Fatalf("changes files %v (%v), want one", files, err)
	}
	plain := map[string]bool{"record_id": true, "doc_signature_before": true, "doc_signature_after": true}
	seen := 0
	for _, col := range columnChunks(t, files[0]) {
		seen++
		path := col.PathInSchema().String()
		data := dataPageEncodings(col)
		want := []string{"RLE_DICTIONARY"}
		if plain[path] {
			want = []string{"PLAIN"}
		}
		if !slices.Equal(data, want) || col.HasDictionaryPage() == plain[path] {
			t.Errorf("%s: data pages %v, dictionary page %v; want %v", path, data, col.HasDictionaryPage(), want)
		}
		if ok, err := col.StatsSet(); !ok || err != nil {
			t.Errorf("%s: no statistics (%v)", path, err)
		}
	}
	if seen != dataset.ChangesSchema.NumFields() {
		t.Errorf("checked %d column chunks, want %d", seen, dataset.ChangesSchema.NumFields())
	}
}
