package convert_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/schema"
)

// TestSampleRoundTrip converts the 228 real records and checks every table
// read back from Parquet against the JSON, decoded independently.
func TestSampleRoundTrip(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ds")
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*.jsonl"))
	m := convertChecked(t, convert.Options{Out: out, Inputs: files, Workers: 2})
	recs := sampleRecords(t)
	if m.Records != int64(len(recs)) || m.Rejects != 0 {
		t.Fatalf("manifest: %d records, %d rejects; want %d, 0", m.Records, m.Rejects, len(recs))
	}

	t.Run("objects", func(t *testing.T) {
		type obj struct {
			Unit, Title, Access string
			Media, Images       int
			CC0                 bool
			Dates               []string
		}
		want := map[string]obj{}
		for _, r := range recs {
			d := get(r, "content", "descriptiveNonRepeating")
			o := obj{Unit: str(r["unitCode"]), Title: str(r["title"]), Access: str(get(d, "metadata_usage", "access"))}
			o.CC0 = o.Access == "CC0"
			for _, item := range asList(get(d, "online_media", "media")) {
				o.Media++
				if str(get(item, "type")) == "Images" {
					o.Images++
				}
			}
			for _, s := range asList(get(r, "content", "indexedStructured", "date")) {
				o.Dates = append(o.Dates, str(s))
			}
			id := str(get(d, "record_ID"))
			if _, dup := want[id]; dup {
				t.Fatalf("sample has record_id %s twice", id)
			}
			want[id] = o
		}
		got := map[string]obj{}
		for _, row := range readTable(t, out, "objects") {
			o := obj{Unit: str(row["unit_code"]), Title: str(row["title"]), Access: str(row["metadata_access"]),
				Media: int(row["media_count"].(float64)), Images: int(row["image_count"].(float64)), CC0: row["is_cc0"].(bool)}
			for _, s := range asList(row["dates"]) {
				o.Dates = append(o.Dates, str(s))
			}
			if row["has_media"].(bool) != (o.Media > 0) {
				t.Errorf("%s: has_media disagrees with media_count", row["record_id"])
			}
			id := str(row["record_id"])
			if _, dup := got[id]; dup {
				t.Errorf("record %s appears twice in objects", id)
			}
			got[id] = o
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("objects differ from the JSON (-json +parquet):\n%s", diff)
		}
	})

	t.Run("derived", func(t *testing.T) {
		checkDerived(t, recs, readTable(t, out, "objects"))
	})

	t.Run("freetext", func(t *testing.T) {
		var want, got []string
		for _, r := range recs {
			id := str(get(r, "content", "descriptiveNonRepeating", "record_ID"))
			ft, _ := get(r, "content", "freetext").(map[string]any)
			for cat, items := range ft {
				for i, item := range asList(items) {
					want = append(want, fmt.Sprintf("%s|%s|%d|%s|%s", id, cat, i, str(get(item, "label")), str(get(item, "content"))))
				}
			}
		}
		for _, row := range readTable(t, out, "freetext") {
			got = append(got, fmt.Sprintf("%s|%s|%d|%s|%s", str(row["record_id"]), str(row["category"]), int(row["ordinal"].(float64)), str(row["label"]), str(row["content"])))
		}
		sort.Strings(want)
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("freetext multiset differs (-json +parquet):\n%s", diff)
		}
	})

	t.Run("facets", func(t *testing.T) {
		var want, got []string
		for _, r := range recs {
			id := str(get(r, "content", "descriptiveNonRepeating", "record_ID"))
			is, _ := get(r, "content", "indexedStructured").(map[string]any)
			for key, v := range is {
				for _, leaf := range stringLeaves(v) {
					want = append(want, id+"|"+key+"|"+leaf)
				}
			}
		}
		for _, row := range readTable(t, out, "facets") {
			for _, col := range []string{"value", "qualifier"} {
				if s, ok := row[col].(string); ok {
					got = append(got, str(row["record_id"])+"|"+str(row["facet"])+"|"+s)
				}
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("indexedStructured strings and facets differ (-json +parquet):\n%s", diff)
		}
	})

	t.Run("media", func(t *testing.T) {
		want := map[string]int{}
		for _, r := range recs {
			d := get(r, "content", "descriptiveNonRepeating")
			if n := len(asList(get(d, "online_media", "media"))); n > 0 {
				want[str(get(d, "record_ID"))] = n
			}
		}
		got := map[string]int{}
		ordinals := map[string][]int{}
		for _, row := range readTable(t, out, "media") {
			id := str(row["record_id"])
			got[id]++
			ordinals[id] = append(ordinals[id], int(row["ordinal"].(float64)))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("media rows per record differ (-json +parquet):\n%s", diff)
		}
		for id, ords := range ordinals {
			slices.Sort(ords)
			for i, o := range ords {
				if o != i {
					t.Errorf("%s: media ordinals %v, want 0..%d", id, ords, len(ords)-1)
					break
				}
			}
		}
	})
}

// stringLeaves returns every string under v, object keys excluded.
func stringLeaves(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, stringLeaves(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, stringLeaves(e)...)
		}
		return out
	}
	return nil
}

// TestLayoutsAgree writes the sample as the GitHub dump (bzip2, sharded by
// hash, index.txt.bz2 beside the files) and as the S3 dump (plain, lower-case
// unit folders): both convert to the same objects files, byte for byte.
func TestLayoutsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("runs in the full (non -short) suite: bzip2 under -race takes half a minute")
	}
	github := writeLayout(t, dump.GitHub, source.Bzip2)
	s3 := writeLayout(t, dump.S3, source.None)
	mg := convertChecked(t, convert.Options{Out: filepath.Join(t.TempDir(), "gh"), Inputs: []string{github}})
	ms := convertChecked(t, convert.Options{Out: filepath.Join(t.TempDir(), "s3"), Inputs: []string{s3}})
	if mg.Records != 228 || ms.Records != 228 {
		t.Fatalf("records: github %d, s3 %d; want 228", mg.Records, ms.Records)
	}
	if len(mg.Skipped) != 27 || len(ms.Skipped) != 27 {
		t.Errorf("skipped index files: github %d, s3 %d; want 27 each", len(mg.Skipped), len(ms.Skipped))
	}
	for _, in := range mg.Inputs {
		if in.Codec != "bzip2" {
			t.Errorf("%s: codec %s, want bzip2", in.Path, in.Codec)
		}
	}
	if diff := cmp.Diff(outputHashes(ms), outputHashes(mg)); diff != "" {
		t.Errorf("GitHub and S3 layouts give different files (-s3 +github):\n%s", diff)
	}
}

// TestDeterministicAcrossWorkers converts the same sharded input with 1, 2
// and 5 workers and compares every output file's hash.
func TestDeterministicAcrossWorkers(t *testing.T) {
	in := writeLayout(t, dump.S3, source.Zstd)
	var first map[string]string
	workerCounts := []int{1, 2, 5}
	if testing.Short() {
		workerCounts = []int{1, 3} // the race detector still sees the pipeline run in parallel
	}
	for _, workers := range workerCounts {
		// Small batches and row groups so that batching and part rotation
		// are exercised across the worker counts too.
		m := convertChecked(t, convert.Options{Out: filepath.Join(t.TempDir(), "ds"), Inputs: []string{in},
			Workers: workers, BatchRows: 5, RowGroupRows: 64, MaxPartBytes: 1})
		got := outputHashes(m)
		if first == nil {
			first = got
			continue
		}
		if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("workers=%d differs from workers=1:\n%s", workers, diff)
		}
	}
	// Rollup tallies spilled to disk every few keys and merged give the
	// same rollup files as tallies held in memory.
	if testing.Short() {
		return // one conversion more, in the full suite
	}
	m := convertChecked(t, convert.Options{Out: filepath.Join(t.TempDir(), "ds"), Inputs: []string{in},
		Workers: 2, BatchRows: 5, RowGroupRows: 64, MaxPartBytes: 1, RollupSpillKeys: 3})
	if diff := cmp.Diff(first, outputHashes(m)); diff != "" {
		t.Errorf("spilled rollups differ:\n%s", diff)
	}
	rollups := 0
	for _, o := range m.Outputs {
		if o.Rollup != "" {
			rollups++
		}
	}
	if rollups < len(schema.Rollups) {
		t.Errorf("%d rollup files in the manifest, want one per group and per-group rollup, and duplicate_records", rollups)
	}
}

func outputHashes(m *dataset.Manifest) map[string]string {
	h := map[string]string{}
	for _, o := range m.Outputs {
		h[o.Path] = fmt.Sprintf("%s rows=%d", o.SHA256, o.Rows)
	}
	return h
}

// TestNoDictionaryFallback: a dictionary-encoded column whose dictionary
// outgrows the default 1 MiB page limit stays dictionary-encoded, and a
// plain column (title) has only plain pages. A chunk that fell back to
// plain pages would list its two page encodings in random order (arrow-go
// builds the list from a map), and two runs over the same input would
// differ.
func TestNoDictionaryFallback(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, `{"type":"edanmdm","unitCode":"U","title":"%0200d","content":{"descriptiveNonRepeating":{"record_ID":"u_%d","data_source":"%0200d"}}}`+"\n", i, i, i)
	}
	in := filepath.Join(dir, "U.jsonl")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m := convertChecked(t, convert.Options{Out: filepath.Join(dir, "ds"), Inputs: []string{in}})
	seen := map[string]bool{}
	for _, o := range m.Outputs {
		if o.Rows == 0 {
			continue
		}
		for _, col := range columnChunks(t, filepath.Join(dir, "ds", filepath.FromSlash(o.Path))) {
			data := dataPageEncodings(col)
			if len(data) > 1 {
				t.Errorf("%s column %s: data page encodings %v (dictionary fell back)", o.Path, col.PathInSchema(), data)
			}
			path := col.PathInSchema().String()
			switch {
			case o.Table != "objects":
			case path == "data_source":
				seen[path] = true
				if !col.HasDictionaryPage() || !slices.Equal(data, []string{"RLE_DICTIONARY"}) {
					t.Errorf("%s: data_source has data pages %v, want dictionary indices only", o.Path, data)
				}
			case path == "title":
				seen[path] = true
				if col.HasDictionaryPage() || !slices.Equal(data, []string{"PLAIN"}) {
					t.Errorf("%s: title has data pages %v, want plain only", o.Path, data)
				}
			}
		}
	}
	if !seen["data_source"] || !seen["title"] {
		t.Errorf("columns checked: %v, want data_source and title", seen)
	}
}
