package dataset_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/soa-project/soa/dataset"
)

// TestPartNames: a unit's own group writes part-NNNNN, another group's rows
// of that unit carry the group's name; hostile group names stay one name.
func TestPartNames(t *testing.T) {
	for _, tc := range []struct{ unit, group, want string }{
		{"NMAH", "nmah", "part-00002.parquet"},
		{"NMAfA", "nmafa", "part-00002.parquet"},
		{"NPG", "sil", "part-sil-00002.parquet"},
		{"X", "../a b", "part-..%2Fa%20b-00002.parquet"},
		{"", "stdin", "part-stdin-00002.parquet"},
	} {
		if got := dataset.PartName(tc.unit, tc.group, 2); got != tc.want {
			t.Errorf("PartName(%q, %q) = %q, want %q", tc.unit, tc.group, got, tc.want)
		}
	}
}

// TestPartitionDir: every unit code stays one folder inside its table.
func TestPartitionDir(t *testing.T) {
	for unit, want := range map[string]string{
		"NMAfA": "unit_code=NMAfA", "OFEO-SG": "unit_code=OFEO-SG", "OCIO_DPO3D": "unit_code=OCIO_DPO3D",
		"../../x": "unit_code=..%2F..%2Fx", "a/b": "unit_code=a%2Fb", "a b": "unit_code=a%20b",
		"": "unit_code=__HIVE_DEFAULT_PARTITION__", "é": "unit_code=%C3%A9",
	} {
		got := dataset.PartitionDir(unit)
		if got != want {
			t.Errorf("PartitionDir(%q) = %q, want %q", unit, got, want)
		}
		if filepath.Base(got) != got || strings.Contains(got, "/") {
			t.Errorf("PartitionDir(%q) = %q leaves its folder", unit, got)
		}
	}
}

func TestParseShardSpec(t *testing.T) {
	if s, err := dataset.ParseShardSpec("2/3"); err != nil || s != (dataset.ShardSpec{Index: 2, Count: 3}) || s.String() != "2/3" {
		t.Errorf("2/3: %v, %v", s, err)
	}
	for _, bad := range []string{"0/3", "4/3", "3", "a/b", "1/0", "-1/2", ""} {
		if _, err := dataset.ParseShardSpec(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestCheck tells a missing folder from one that is not a dataset.
func TestCheck(t *testing.T) {
	tmp := t.TempDir()
	if err := dataset.Check(filepath.Join(tmp, "nowhere")); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing folder: %v", err)
	}
	if err := dataset.Check(tmp); !errors.Is(err, dataset.ErrNotDataset) {
		t.Errorf("empty folder: %v", err)
	}
	file := filepath.Join(tmp, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := dataset.Check(file); !errors.Is(err, dataset.ErrNotDataset) {
		t.Errorf("a file: %v", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, dataset.ManifestName), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := dataset.Check(tmp); err != nil {
		t.Errorf("a dataset: %v", err)
	}
}

// TestPrepareRefusesForeignFolders: a non-empty folder without a manifest
// is never replaced; an empty one, a missing one and a dataset are.
func TestPrepareRefusesForeignFolders(t *testing.T) {
	tmp := t.TempDir()
	precious := filepath.Join(tmp, "precious")
	if err := os.MkdirAll(precious, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(precious, "thesis.tex"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Prepare(context.Background(), precious); !errors.Is(err, dataset.ErrNotDataset) {
		t.Fatalf("a foreign folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(precious, "thesis.tex")); err != nil {
		t.Fatal("the foreign folder was touched")
	}
	for _, out := range []string{filepath.Join(tmp, "new"), filepath.Join(tmp, "empty")} {
		if strings.HasSuffix(out, "empty") {
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		s, err := dataset.Prepare(context.Background(), out)
		if err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if err := os.WriteFile(filepath.Join(s.Dir, dataset.ManifestName), []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := dataset.Check(out); err != nil {
			t.Errorf("%s after commit: %v", out, err)
		}
		// A second run replaces the dataset and leaves nothing beside it.
		s, err = dataset.Prepare(context.Background(), out)
		if err != nil {
			t.Fatal(err)
		}
		s.Abort()
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("left behind: %s", e.Name())
			}
		}
	}
}

// TestWriteLock: while one Staging of a dataset is open, a second Prepare
// fails at once with a LockedError naming this process, and touches
// nothing; once the first is done, the lock file is gone and the next
// Prepare succeeds.
func TestWriteLock(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "ds")
	first, err := dataset.Prepare(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(first.Dir, "marker")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = dataset.Prepare(ctx, out)
	var locked *dataset.LockedError
	if !errors.As(err, &locked) || !errors.Is(err, dataset.ErrLocked) || locked.Holder.PID != os.Getpid() {
		t.Fatalf("second Prepare: %v", err)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Error("the second Prepare touched the first one's staging folder")
	}
	first.Abort()
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	second, err := dataset.Prepare(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	second.Abort()
}

// TestReadLockHoldsOffSwap: a Commit waits for the readers of the dataset
// it replaces, who see the old version until they let go, then the new one.
func TestReadLockHoldsOffSwap(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "ds")
	version := func() string {
		b, _ := os.ReadFile(filepath.Join(out, dataset.ManifestName))
		return string(b)
	}
	commit := func(v string) error {
		s, err := dataset.Prepare(ctx, out)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(s.Dir, dataset.ManifestName), []byte(v), 0o644); err != nil {
			return err
		}
		if err := s.Commit(); err != nil {
			s.Abort()
			return err
		}
		return nil
	}
	if err := commit("old"); err != nil {
		t.Fatal(err)
	}
	release, err := dataset.ReadLock(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- commit("new") }()
	select {
	case err := <-done:
		t.Fatalf("the commit did not wait for the reader (%v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	if v := version(); v != "old" {
		t.Errorf("the reader saw %q while holding the lock", v)
	}
	release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	release, err = dataset.ReadLock(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if v := version(); v != "new" {
		t.Errorf("after the swap the reader saw %q", v)
	}
	if _, err := dataset.ReadLock(ctx, filepath.Join(out, "nowhere")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read lock of a missing folder: %v", err)
	}
}
