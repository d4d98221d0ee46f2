package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// lockHolder waits until the write lock of the dataset out is held by the
// process pid, and returns what the lock file says of it.
func lockHolder(t *testing.T, out string, pid int, exited <-chan error) map[string]any {
	t.Helper()
	lock := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".soa-lock")
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		var h map[string]any
		if data, err := os.ReadFile(lock); err == nil && json.Unmarshal(data, &h) == nil && h["pid"] == float64(pid) {
			return h
		}
		select {
		case err := <-exited:
			t.Fatalf("the first run ended (%v) before it was seen holding the lock", err)
		case <-time.After(time.Millisecond):
		}
	}
	t.Fatal("the first run never took the lock")
	return nil
}

// startSoa starts soa in a child process; exited receives its end.
func startSoa(t *testing.T, args ...string) (*exec.Cmd, *strings.Builder, <-chan error) {
	t.Helper()
	cmd := soaCmd(args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return cmd, &stderr, exited
}

// TestTwoRunsOneOut: a second soa convert or soa merge on an OUT that a
// running conversion writes says at once who holds it, exits with status 5
// and changes nothing; the first run finishes as if alone. A lock left by a
// killed run is taken over. The first run reads stdin, which the test
// feeds only once the second one is done, so it is still running then.
func TestTwoRunsOneOut(t *testing.T) {
	if testing.Short() {
		t.Skip("full conversions; runs in the full suite")
	}
	dir := t.TempDir()
	var records []byte
	for _, f := range sampleFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, data...)
	}
	clean := filepath.Join(dir, "clean")
	cleanRun := soaCmd("convert", "-o", clean, "--progress=none", "-")
	cleanRun.Stdin = strings.NewReader(string(records))
	if b, err := cleanRun.CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v: %s", err, b)
	}
	want := datasetHashes(t, clean)
	var shards []string
	for i := 1; i <= 2; i++ {
		shard := filepath.Join(t.TempDir(), "shard")
		if status, stderr := runSoa(t, append([]string{"convert", "--shard", fmt.Sprintf("%d/2", i), "-o", shard, "--progress=none"}, sampleFiles(t)...)...); status > 3 {
			t.Fatalf("shard %d: status %d: %s", i, status, stderr)
		}
		shards = append(shards, shard)
	}
	out := filepath.Join(dir, "ds")
	// startHolding starts a conversion of stdin into out and returns once
	// it holds the lock; feed writes its input.
	startHolding := func(t *testing.T, extra ...string) (cmd *exec.Cmd, feed func(), stderr *strings.Builder, exited <-chan error) {
		cmd = soaCmd(append([]string{"convert", "-o", out, "--progress=none", "-"}, extra...)...)
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stderr = &strings.Builder{}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ch := make(chan error, 1)
		go func() { ch <- cmd.Wait() }()
		lockHolder(t, out, cmd.Process.Pid, ch)
		return cmd, func() { stdin.Write(records); stdin.Close() }, stderr, ch
	}

	t.Run("convert and merge", func(t *testing.T) {
		first, feed, stderr1, exited := startHolding(t)
		host, _ := os.Hostname()
		start := time.Now()
		status, stderr := runSoa(t, "convert", "-o", out, "--progress=none", sampleFiles(t)[0])
		if status != 5 {
			t.Fatalf("second run: status %d, want 5: %s", status, stderr)
		}
		for _, w := range []string{"another soa process (pid " + strconv.Itoa(first.Process.Pid) + " on " + host + ", since ",
			"is writing " + out + ": wait for it to finish (or stop it) and run again; this run changed nothing"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("second run's message %q lacks %q", stderr, w)
			}
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the second run took %s to give up", d)
		}
		status, stderr = runSoa(t, append([]string{"merge", "-o", out}, shards...)...)
		if status != 5 || !strings.Contains(stderr, "is writing "+out) {
			t.Errorf("merge into a locked OUT: status %d: %s", status, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, ".ds.soa-staging")); err != nil {
			t.Errorf("the first run's staging folder is gone: %v", err)
		}
		feed()
		if err := <-exited; err != nil {
			t.Fatalf("the first run failed: %v: %s", err, stderr1.String())
		}
		if diff := cmp.Diff(want, datasetHashes(t, out)); diff != "" {
			t.Errorf("the first run's dataset differs from a clean run's:\n%s", diff)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("beside the datasets: %v", entries)
		}
	})

	t.Run("stale lock", func(t *testing.T) {
		first, _, _, exited := startHolding(t, "--no-reuse")
		_ = first.Process.Kill()
		<-exited
		if _, err := os.Stat(filepath.Join(dir, ".ds.soa-lock")); err != nil {
			t.Fatalf("the killed run left no lock file to take over: %v", err)
		}
		rerun := soaCmd("convert", "-o", out, "--progress=none", "-")
		rerun.Stdin = strings.NewReader(string(records))
		if b, err := rerun.CombinedOutput(); err != nil {
			t.Fatalf("run after a killed one: %v: %s", err, b)
		}
		if diff := cmp.Diff(want, datasetHashes(t, out)); diff != "" {
			t.Errorf("differs from a clean run:\n%s", diff)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("beside the datasets: %v", entries)
		}
	})
}

// TestReadersDuringRun: soa query, run again and again while a conversion
// replaces the dataset, always sees the old dataset or the new one whole,
// never parts of both, and never fails.
func TestReadersDuringRun(t *testing.T) {
	if testing.Short() {
		t.Skip("full conversions; runs in the full suite")
	}
	in := crashCorpus(t)
	out := filepath.Join(t.TempDir(), "ds")
	if status, stderr := runSoa(t, "convert", "-o", out, "--progress=none", in); status != 0 {
		t.Fatalf("first run: status %d: %s", status, stderr)
	}
	// One more record in each of three groups: a reader that mixed old and
	// new parts would count one or two more, not zero or three.
	for _, unit := range []string{"nmah", "saam", "npg"} {
		files, _ := filepath.Glob(filepath.Join(in, "metadata", "edan", unit, "*.txt"))
		appendCopy(t, files[0], unit)
	}
	count := func() (string, error) {
		cmd := soaCmd("query", out, "--format=csv", "--sql", "SELECT count(*) AS n FROM objects")
		b, err := cmd.CombinedOutput()
		return strings.TrimSpace(string(b)), err
	}
	before, err := count()
	if err != nil {
		t.Fatalf("%v: %s", err, before)
	}
	_, stderr, exited := startSoa(t, "convert", "-o", out, "--progress=none", in)
	var (
		mu      sync.Mutex
		results = map[string]int{}
		wg      sync.WaitGroup
		done    = make(chan struct{})
	)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				got, err := count()
				mu.Lock()
				if err != nil {
					results["error: "+got]++
				} else {
					results[got]++
				}
				mu.Unlock()
			}
		}()
	}
	err = <-exited
	time.Sleep(200 * time.Millisecond) // a few queries of the new dataset
	close(done)
	wg.Wait()
	if err != nil {
		t.Fatalf("conversion: %v: %s", err, stderr.String())
	}
	after, err := count()
	if err != nil {
		t.Fatalf("%v: %s", err, after)
	}
	if before == after {
		t.Fatalf("the conversion did not change the count (%s)", before)
	}
	for got, n := range results {
		if got != before && got != after {
			t.Errorf("%d queries saw %q, neither the old dataset (%s) nor the new one (%s)", n, got, before, after)
		}
	}
	if results[before] == 0 {
		t.Errorf("no query ran on the old dataset: %v", results)
	}
	t.Logf("queries during the run: %v", results)
}

// appendCopy appends a copy of the first record of file with another id.
func appendCopy(t *testing.T, file, tag string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	added := strings.Replace(first, `"record_ID":"`, `"record_ID":"`+tag+`-added-`, 1)
	if err := os.WriteFile(file, []byte(string(data)+added+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
