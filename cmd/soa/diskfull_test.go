package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-project/soa/internal/testkit/testenv"
)

// mountTmpfs mounts a tmpfs of the given options on a fresh folder, or skips
// the test where mounting is not allowed (not root, or no such privilege);
// under CI, which runs as root, it fails instead.
func mountTmpfs(t *testing.T, options string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir).CombinedOutput(); err != nil {
		testenv.Missing(t, "cannot mount a tmpfs here (%v: %s); this test needs root", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

func sampleFiles(t *testing.T) []string {
	files, _ := filepath.Glob("../../testdata/records/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no sample records")
	}
	return files
}

// runSoa runs soa in a child process and returns its exit status and stderr.
func runSoa(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := soaCmd(args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stderr.String()
	}
	t.Fatalf("run soa: %v", err)
	return 0, ""
}

// TestDiskFull: a full disk gives status 1, a message that says what to do,
// and leaves nothing behind (neither OUT nor its staging folder).
func TestDiskFull(t *testing.T) {
	disk := mountTmpfs(t, "size=100k")
	out := filepath.Join(disk, "ds")
	status, stderr := runSoa(t, append([]string{"convert", "-o", out, "--progress=none"}, sampleFiles(t)...)...)
	if status != 1 {
		t.Fatalf("exit status %d, want 1; stderr: %s", status, stderr)
	}
	for _, want := range []string{"no space left on device", "the disk is full: free some space"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
	if entries, _ := os.ReadDir(disk); len(entries) != 0 {
		t.Errorf("left on the full disk: %v", entries)
	}
}

// TestReadOnlyOut: an OUT that cannot be written gives status 1 and says so.
func TestReadOnlyOut(t *testing.T) {
	disk := mountTmpfs(t, "size=1m,ro")
	status, stderr := runSoa(t, "convert", "-o", filepath.Join(disk, "ds"), "--progress=none", sampleFiles(t)[0])
	if status != 1 {
		t.Fatalf("exit status %d, want 1; stderr: %s", status, stderr)
	}
	if !strings.Contains(stderr, "read-only file system") || !strings.Contains(stderr, "choose an OUT you can write to") {
		t.Errorf("stderr %q does not say the output cannot be written", stderr)
	}
}
