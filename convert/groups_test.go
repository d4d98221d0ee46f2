package convert_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/schema"
)

// mixedCorpus is the sample in the S3 layout plus what makes groups
// interesting: a malformed line in the NMAH folder (a reject), and a record
// of NPG found in the SIL folder (a part series of one unit written from
// another group).
func mixedCorpus(t *testing.T) string {
	t.Helper()
	root := writeLayout(t, dump.S3, source.None)
	appendLine(t, firstShard(t, root, "nmah"), "{not json")
	appendLine(t, firstShard(t, root, "sil"), doc("NPG", "stray_1"))
	return root
}

func firstShard(t *testing.T, root, group string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "metadata", "edan", group, "[0-9a-f][0-9a-f].txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no input file in %s: %v", group, err)
	}
	return files[0]
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

// datasetFiles hashes every file of a dataset but the manifest, which is
// compared by sameManifest, and the changes history, which says when runs
// happened (the one part outside the byte-identical promise).
func datasetFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == dataset.ManifestName || filepath.Dir(rel) == dataset.ChangesDir {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		files[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func requireSameDataset(t *testing.T, want, got string) {
	t.Helper()
	requireRollupsListed(t, want)
	requireRollupsListed(t, got)
	if diff := cmp.Diff(datasetFiles(t, want), datasetFiles(t, got)); diff != "" {
		t.Errorf("files of %s differ from %s (-want +got):\n%s", got, want, diff)
	}
	if diff := cmp.Diff(sampletest.ComparableManifest(t, want), sampletest.ComparableManifest(t, got)); diff != "" {
		t.Errorf("manifest of %s differs from %s (-want +got):\n%s", got, want, diff)
	}
}

// requireRollupsListed: the dataset has its rollup files, every one listed
// in the manifest's outputs, each per-group one also in its group's
// outputs in the state, and no other file under _rollups.
func requireRollupsListed(t *testing.T, dir string) {
	t.Helper()
	m, err := dataset.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := dataset.ReadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	inState := map[string]bool{}
	for _, g := range st.Groups {
		for _, o := range g.Outputs {
			if o.Rollup != "" {
				if o.Group != g.Name || o.Path != dataset.RollupPath(o.Rollup, g.Name) {
					t.Errorf("group %s lists rollup file %+v", g.Name, o)
				}
				inState[o.Path] = true
			}
		}
	}
	listed := map[string]bool{}
	perRollup := map[string]int{}
	for _, o := range m.Outputs {
		if o.Rollup == "" {
			continue
		}
		listed[o.Path] = true
		perRollup[o.Rollup]++
		if o.Group != "" && !inState[o.Path] {
			t.Errorf("%s is in the manifest but not in its group's state", o.Path)
		}
	}
	for _, r := range schema.Rollups {
		if perRollup[r.Name] == 0 {
			t.Errorf("%s: no file of rollup %s", dir, r.Name)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, dataset.RollupsDir, "*", "*"))
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		if !listed[filepath.ToSlash(rel)] {
			t.Errorf("%s: %s is not listed in the manifest", dir, rel)
		}
	}
	if len(files) != len(listed) {
		t.Errorf("%s: %d rollup files, %d listed", dir, len(files), len(listed))
	}
}

// TestReuseUnchangedGroups: a re-run over changed input, with the previous
// dataset in place, converts only the groups whose input changed and gives
// the same bytes as a full run.
func TestReuseUnchangedGroups(t *testing.T) {
	root := mixedCorpus(t)
	out := filepath.Join(t.TempDir(), "ds")
	opts := convert.Options{Out: out, Inputs: []string{root}, Build: "test", Workers: 2}
	first := convertChecked(t, opts)
	if first.Reused.Groups != 0 || first.Reused.Reason != "" {
		t.Fatalf("first run reused %+v", first.Reused)
	}

	again := convertChecked(t, opts)
	if again.Reused.Groups != 27 || again.Reused.Inputs != len(first.Inputs) {
		t.Errorf("unchanged re-run reused %+v, want all 27 groups and %d inputs", again.Reused, len(first.Inputs))
	}
	if again.Rejects != 1 || again.Records != first.Records {
		t.Errorf("unchanged re-run: %d records, %d rejects; want %d and 1", again.Records, again.Rejects, first.Records)
	}

	// Change three groups: a record added in NPG, an input file removed from SAAM,
	// a new group; NMAH (with its reject) and SIL (with NPG's stray record)
	// stay as they were.
	appendLine(t, firstShard(t, root, "npg"), doc("NPG", "added_1"))
	if err := os.Remove(firstShard(t, root, "saam")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "metadata", "edan", "newunit"), 0o755)
	appendLine(t, filepath.Join(root, "metadata", "edan", "newunit", "00.txt"), doc("NEWUNIT", "new_1")+"\n{bad")
	resumed := convertChecked(t, opts)
	if resumed.Reused.Groups != 25 {
		t.Errorf("reused %+v, want 25 of 28 groups (npg, saam and newunit converted)", resumed.Reused)
	}

	full := filepath.Join(t.TempDir(), "full")
	fullOpts := opts
	fullOpts.Out = full
	convertChecked(t, fullOpts)
	requireSameDataset(t, full, out)
	if rs := readRejects(t, out); len(rs) != 2 || !strings.Contains(rs[0].File, "newunit") || !strings.Contains(rs[1].File, "nmah") {
		t.Errorf("rejects %+v, want newunit's then nmah's (listing order)", rs)
	}

	// Another build does not trust these parts, and writes the same ones.
	other := opts
	other.Build = "other"
	m := convertChecked(t, other)
	if m.Reused.Groups != 0 || !strings.Contains(m.Reused.Reason, "another build") {
		t.Errorf("other build reused %+v", m.Reused)
	}
	if diff := cmp.Diff(outputHashes(resumed), outputHashes(m)); diff != "" {
		t.Errorf("other build wrote other parts:\n%s", diff)
	}
}

// TestReuseNeedsPartsInPlace: a group whose part file was removed or
// changed size since is converted again, not trusted.
func TestReuseNeedsPartsInPlace(t *testing.T) {
	root := mixedCorpus(t)
	out := filepath.Join(t.TempDir(), "ds")
	opts := convert.Options{Out: out, Inputs: []string{root}, Build: "test"}
	convertChecked(t, opts)
	want := datasetFiles(t, out)
	if err := os.Remove(filepath.Join(out, "objects", "unit_code=NMAH", "part-00000.parquet")); err != nil {
		t.Fatal(err)
	}
	m := convertChecked(t, opts)
	if m.Reused.Groups != 26 {
		t.Errorf("reused %d groups, want 26 (all but nmah)", m.Reused.Groups)
	}
	if diff := cmp.Diff(want, datasetFiles(t, out)); diff != "" {
		t.Errorf("dataset differs after re-run (-want +got):\n%s", diff)
	}

	// Without its rejects file, the group with a reject (nmah) is redone.
	if err := os.Remove(filepath.Join(out, dataset.RejectsPath)); err != nil {
		t.Fatal(err)
	}
	m = convertChecked(t, opts)
	if m.Reused.Groups != 26 {
		t.Errorf("reused %d groups, want 26 (all but nmah)", m.Reused.Groups)
	}
	if diff := cmp.Diff(want, datasetFiles(t, out)); diff != "" {
		t.Errorf("dataset differs after re-run (-want +got):\n%s", diff)
	}
}

// TestShardsMergeToSingleRun converts the corpus as three shards into three
// folders and merges them: the same bytes as one run. Each group is in
// exactly one shard.
func TestShardsMergeToSingleRun(t *testing.T) {
	root := mixedCorpus(t)
	tmp := t.TempDir()
	single := filepath.Join(tmp, "single")
	base := convert.Options{Inputs: []string{root}, Build: "test", MaxPartBytes: 1, RowGroupRows: 512}
	one := base
	one.Out = single
	whole := convertChecked(t, one)

	var shards []string
	var records int64
	for i := 1; i <= 3; i++ {
		o := base
		o.Out = filepath.Join(tmp, "shard", string(rune('0'+i)))
		o.Shard = &dataset.ShardSpec{Index: i, Count: 3}
		m := convertChecked(t, o)
		if m.Shard == nil || *m.Shard != *o.Shard {
			t.Errorf("shard %d manifest says shard %v", i, m.Shard)
		}
		if len(m.Inputs) == 0 {
			t.Errorf("shard %d converted nothing", i)
		}
		records += m.Records
		shards = append(shards, o.Out)
	}
	if records != whole.Records {
		t.Errorf("shards hold %d records, one run %d", records, whole.Records)
	}

	merged := filepath.Join(tmp, "merged")
	// Given in any order.
	m, err := dataset.Merge(context.Background(), merged, []string{shards[2], shards[0], shards[1]})
	if err != nil {
		t.Fatal(err)
	}
	if m.Shard != nil || m.Records != whole.Records {
		t.Errorf("merged manifest: shard %v, %d records", m.Shard, m.Records)
	}
	requireSameDataset(t, single, merged)

	for _, tc := range []struct {
		name   string
		shards []string
		want   string
	}{
		{"missing", shards[:2], "give all 3 shard datasets once"},
		{"twice", []string{shards[0], shards[0], shards[1]}, "are both shard 1/3"},
		{"not a shard", []string{single, shards[1], shards[2]}, "was not written with --shard"},
		{"not a dataset", []string{tmp, shards[1], shards[2]}, "has no _state/groups.json"},
	} {
		_, err := dataset.Merge(context.Background(), filepath.Join(tmp, "bad"), tc.shards)
		if !errors.Is(err, dataset.ErrNotShardDataset) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want ErrNotShard saying %q", tc.name, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "bad")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused merge left %s behind", filepath.Join(tmp, "bad"))
	}

	// A shard of other input does not merge.
	appendLine(t, firstShard(t, root, "npg"), doc("NPG", "added_1"))
	o := base
	o.Out = filepath.Join(tmp, "shard", "other3")
	o.Shard = &dataset.ShardSpec{Index: 3, Count: 3}
	convertChecked(t, o)
	if _, err := dataset.Merge(context.Background(), filepath.Join(tmp, "bad"), []string{shards[0], shards[1], o.Out}); !errors.Is(err, dataset.ErrNotShardDataset) {
		t.Errorf("shards of different input merged: %v", err)
	}
}

// TestGroupRuns: a group whose files are not together in the listing (the
// same unit folder in two dumps given at once) has its parts closed at the
// end of each run of its files, and its next rows start a new part, so
// memory holds the parts of the groups being converted only. Runs are read
// from the full listing: shards and re-runs close parts where one run
// does, and a re-run does not reuse a group whose runs changed.
func TestGroupRuns(t *testing.T) {
	dir := t.TempDir()
	copyTo := func(src, dst string) string {
		data, err := os.ReadFile(filepath.Join(sampleDir, src))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, dst)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	nmah1 := copyTo("NMAH.jsonl", "a/NMAH.jsonl")
	sil := copyTo("SIL.jsonl", "b/SIL.jsonl")
	nmah2 := copyTo("NMAH.jsonl", "c/NMAH.jsonl")
	interleaved := []string{nmah1, sil, nmah2}
	run := func(name string, inputs []string, shard *dataset.ShardSpec) (string, *dataset.Manifest) {
		out := filepath.Join(dir, name)
		return out, convertChecked(t, convert.Options{Out: out, Inputs: inputs, Build: "test", Shard: shard})
	}

	single, m := run("single", interleaved, nil)
	var nmahParts []string
	for _, o := range m.Outputs {
		if o.Table == "objects" && o.Unit == "NMAH" {
			nmahParts = append(nmahParts, o.Path)
		}
	}
	want := []string{"objects/unit_code=NMAH/part-00000.parquet", "objects/unit_code=NMAH/part-00001.parquet"}
	if diff := cmp.Diff(want, nmahParts); diff != "" {
		t.Errorf("NMAH parts, one per run of the group's files (-want +got):\n%s", diff)
	}

	// Shards close the parts where one run does.
	s1, _ := run("s1", interleaved, &dataset.ShardSpec{Index: 1, Count: 2})
	s2, _ := run("s2", interleaved, &dataset.ShardSpec{Index: 2, Count: 2})
	merged := filepath.Join(dir, "merged")
	if _, err := dataset.Merge(context.Background(), merged, []string{s1, s2}); err != nil {
		t.Fatal(err)
	}
	requireSameDataset(t, single, merged)

	// A re-run after a change to SIL reuses nmah: its runs are the same.
	appendLine(t, sil, doc("SIL", "added_1"))
	again, m := run("single", interleaved, nil)
	if m.Reused.Groups != 1 {
		t.Errorf("re-run after a change to sil reused %+v, want nmah", m.Reused)
	}
	full, _ := run("full", interleaved, nil)
	requireSameDataset(t, full, again)

	// The same files of nmah, now together: one run, so nmah is converted
	// again and has one part, as a full run of this listing writes.
	together := []string{nmah1, nmah2, sil}
	again, m = run("single", together, nil)
	if m.Reused.Groups != 1 || m.Reused.Inputs != 1 {
		t.Errorf("re-run with nmah's files together reused %+v, want sil only", m.Reused)
	}
	full, _ = run("full2", together, nil)
	requireSameDataset(t, full, again)
}

// TestManyUnitsDeterministic: a group of more units than a table writer
// keeps open (parts closed least recently written first, reopened as new
// parts when their unit comes back) converts to the same bytes for any
// worker count and keeps every row.
func TestManyUnitsDeterministic(t *testing.T) {
	dir := t.TempDir()
	// Three files of one group (folder), each with the same 40 units: more
	// than the 32 parts a table writer keeps open per group. (A part closed
	// for room first writes the rows held back for it, so the second file's
	// rows can still join the first's; the third file's come back to closed
	// parts.)
	folder := filepath.Join(dir, "metadata", "edan", "many")
	os.MkdirAll(folder, 0o755)
	for _, name := range []string{"00.txt", "01.txt", "02.txt"} {
		var b strings.Builder
		for u := range 40 {
			b.WriteString(doc(fmt.Sprintf("U%03d", u), fmt.Sprintf("r_%s_%d", name, u)) + "\n")
		}
		if err := os.WriteFile(filepath.Join(folder, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := dir
	var first map[string]string
	for _, workers := range []int{1, 3} {
		m := convertChecked(t, convert.Options{Out: filepath.Join(dir, fmt.Sprint("ds", workers)), Inputs: []string{in}, Workers: workers})
		rows := map[string]int64{}
		parts := 0
		for _, o := range m.Outputs {
			if o.Table == "objects" {
				rows[o.Unit] += o.Rows
				parts++
			}
		}
		if len(rows) != 40 || rows["U000"] != 3 || rows["U039"] != 3 {
			t.Errorf("workers=%d: objects rows per unit %v, want 3 for each of 40 units", workers, rows)
		}
		if parts <= 40 {
			t.Errorf("workers=%d: %d objects parts; parts were not closed and reopened", workers, parts)
		}
		got := outputHashes(m)
		if first == nil {
			first = got
		} else if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("workers=%d differs from workers=1:\n%s", workers, diff)
		}
	}
}
