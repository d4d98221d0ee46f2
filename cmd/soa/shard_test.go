package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/schema"
)

// TestShardProcessesMerge runs three `soa convert --shard i/3` processes at
// once, as a batch array job would, merges their datasets with `soa merge`,
// and compares the result with a single run: the same files, byte for byte,
// and the same manifest but for timings and worker count. Rollup files
// included: they are written per group, and linked by the merge, except
// duplicate_records, which the merge writes again from them.
func TestShardProcessesMerge(t *testing.T) {
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if status, stderr := runSoa(t, "gen", "--records", "3000", "--compress", "gzip", "--progress", "none", "-o", corpus); status != 0 {
		t.Fatalf("gen: status %d: %s", status, stderr)
	}
	single := filepath.Join(tmp, "single")
	if status, stderr := runSoa(t, "convert", "--progress", "none", "-o", single, corpus); status != 0 {
		t.Fatalf("single run: status %d: %s", status, stderr)
	}

	var shards []string
	var stderrs [3]bytes.Buffer
	cmds := make([]interface{ Wait() error }, 3)
	for i := range 3 {
		out := filepath.Join(tmp, fmt.Sprintf("shard%d", i+1))
		shards = append(shards, out)
		cmd := soaCmd("convert", "--progress", "none", "--workers", "1", "--shard", fmt.Sprintf("%d/3", i+1), "-o", out, corpus)
		cmd.Stderr = &stderrs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[i] = cmd
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("shard %d/3: %v: %s", i+1, err, stderrs[i].String())
		}
	}
	merged := filepath.Join(tmp, "merged")
	if status, stderr := runSoa(t, append([]string{"merge", "-o", merged}, shards...)...); status != 0 {
		t.Fatalf("merge: status %d: %s", status, stderr)
	}
	hashes := datasetHashes(t, single)
	for _, r := range schema.Rollups {
		found := false
		for rel := range hashes {
			found = found || strings.HasPrefix(filepath.ToSlash(rel), dataset.RollupsDir+"/"+r.Name+"/")
		}
		if !found {
			t.Errorf("the single run wrote no file of rollup %s", r.Name)
		}
	}
	if diff := cmp.Diff(hashes, datasetHashes(t, merged)); diff != "" {
		t.Errorf("merged dataset differs from a single run (-single +merged):\n%s", diff)
	}
	if diff := cmp.Diff(sampletest.ComparableManifest(t, single), sampletest.ComparableManifest(t, merged)); diff != "" {
		t.Errorf("merged manifest differs from a single run's (-single +merged):\n%s", diff)
	}
}
