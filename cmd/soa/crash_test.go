package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
)

// soaCmd runs this test binary as soa.
func soaCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SOA_TEST_AS_SOA=1")
	return cmd
}

// datasetHashes hashes every file of a dataset but the manifest (which holds
// timings) and the changes history (which says when runs happened, see
// changesHashes), and fails on any temporary or staging file under OUT.
func datasetHashes(t *testing.T, out string) map[string]string {
	t.Helper()
	h := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if strings.HasSuffix(p, ".tmp") || strings.HasPrefix(d.Name(), ".") {
			t.Errorf("half-written file visible under OUT: %s", rel)
		}
		if rel == "_manifest.json" || strings.HasPrefix(filepath.ToSlash(rel), "_changes/") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		s := sha256.New()
		io.Copy(s, f)
		h[rel] = fmt.Sprintf("%x", s.Sum(nil))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func crashCorpus(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "corpus")
	if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: 30000, Seed: 5, Layout: dump.S3, Compress: source.None, Out: root}); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestKillAndRerun kills conversions with SIGKILL at moments spread over a
// run, checks that OUT never shows a partial dataset, and that running again
// gives exactly the bytes of a clean run.
func TestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("several full conversions; runs in the full suite")
	}
	in := crashCorpus(t)
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean")
	start := time.Now()
	if out, err := soaCmd("convert", "-o", clean, "--progress=none", in).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	took := time.Since(start)
	want := datasetHashes(t, clean)

	out := filepath.Join(dir, "crash")
	killAndRerun(t, dir, out, in, took, want, "--no-reuse")

	// Then over changed input, killing re-runs that reuse the unchanged
	// groups (their parts hard-linked into the staging folder).
	appendRecordLine(t, in)
	clean2 := filepath.Join(t.TempDir(), "clean")
	if b, err := soaCmd("convert", "-o", clean2, "--progress=none", in).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, b)
	}
	killAndRerun(t, dir, out, in, took/2, datasetHashes(t, clean2))
}

// appendRecordLine adds a copy of the first record of one NMAH input file, with
// another record id, so that one group's input changes.
func appendRecordLine(t *testing.T, corpus string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpus, "metadata", "edan", "nmah", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no nmah input file in the corpus")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	added := strings.Replace(first, `"record_ID":"`, `"record_ID":"added-`, 1)
	if err := os.WriteFile(files[0], []byte(string(data)+added+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// killAndRerun starts `soa convert -o out in` (with extra flags) and kills
// it with SIGKILL at moments spread over took, then checks OUT and that a
// plain re-run gives want. A kill must land: a run that ended before it is
// tried again with half the delay, and the case fails if none was killed.
func killAndRerun(t *testing.T, dir, out, in string, took time.Duration, want map[string]string, extra ...string) {
	t.Helper()
	for i, frac := range []float64{0.05, 0.25, 0.5, 0.75, 0.95} {
		delay := time.Duration(frac * float64(took))
		killed := false
		for attempt := 0; attempt < 4 && !killed; attempt++ {
			killed = killDuring(t, out, in, delay, extra)
			delay /= 2
		}
		if !killed {
			t.Fatalf("kill %d: every run ended before its kill (last delay %s); the case proves nothing", i, 2*delay)
		}
		// OUT holds nothing or a whole dataset (the previous run's), never a part.
		if _, err := os.Stat(out); err == nil {
			if _, err := os.Stat(filepath.Join(out, "_manifest.json")); err != nil {
				t.Fatalf("kill %d: OUT exists without a manifest", i)
			}
			datasetHashes(t, out)
		}
		if b, err := soaCmd("convert", "-o", out, "--progress=none", in).CombinedOutput(); err != nil {
			t.Fatalf("rerun after kill %d: %v\n%s", i, err, b)
		}
		got := datasetHashes(t, out)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("after kill %d at %.0f%% the rerun differs from a clean run", i, frac*100)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Errorf("after kill %d and rerun, the folder holds %d entries (staging left behind?)", i, len(entries))
		}
	}
}

// killDuring runs `soa convert -o out in` and sends it SIGKILL after delay.
// It reports whether the process died of that signal; false means the run
// had ended by itself (it must then have succeeded).
func killDuring(t *testing.T, out, in string, delay time.Duration, extra []string) bool {
	t.Helper()
	cmd := soaCmd(append([]string{"convert", "-o", out, "--progress=none", in}, extra...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(delay)
	_ = cmd.Process.Kill() // fails only when the process is gone: Wait says how it ended
	err := cmd.Wait()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return true
	}
	if err != nil {
		t.Fatalf("soa convert was not killed but failed: %v\n%s", err, stderr.String())
	}
	return false
}

// TestInterrupt: SIGINT stops a run promptly with status 130, removes the
// staging folder and leaves the previous dataset as it was.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("full conversions; runs in the full suite")
	}
	in := crashCorpus(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "ds")
	if b, err := soaCmd("convert", "-o", out, "--progress=none", in).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, b)
	}
	before := datasetHashes(t, out)
	cmd := soaCmd("convert", "-o", out, "--progress=none", "--no-reuse", in)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.Start()
	time.Sleep(300 * time.Millisecond)
	sent := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit %v, want status 130; stderr: %s", err, stderr.String())
	}
	if d := time.Since(sent); d > 3*time.Second {
		t.Errorf("took %s to stop after SIGINT", d)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr %q does not say it was interrupted", stderr.String())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %v; the staging folder was not removed", entries)
	}
	if fmt.Sprint(datasetHashes(t, out)) != fmt.Sprint(before) {
		t.Error("the previous dataset changed")
	}
}
