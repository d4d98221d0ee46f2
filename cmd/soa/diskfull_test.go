package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mountTmpfs mounts a tmpfs of the given options on a fresh folder, or skips
// the test where mounting is not allowed (not root, or no such privilege).
func mountTmpfs(t *testing.T, options string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); this test needs root", err, strings.TrimSpace(string(out)))
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

// TestDiskFull: a full disk gives status 1, a message that says what to do,
// and leaves nothing behind (neither OUT nor its staging folder).
func TestDiskFull(t *testing.T) {
	disk := mountTmpfs(t, "size=100k")
	out := filepath.Join(disk, "ds")
	cmd := soaCmd(append([]string{"convert", "-o", out, "--progress=none"}, sampleFiles(t)...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, want status 1", err)
	}
	for _, want := range []string{"no space left on device", "the disk is full: free some space"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q lacks %q", stderr.String(), want)
		}
	}
	if entries, _ := os.ReadDir(disk); len(entries) != 0 {
		t.Errorf("left on the full disk: %v", entries)
	}
}

// TestReadOnlyOut: an OUT that cannot be written gives status 1 and says so.
func TestReadOnlyOut(t *testing.T) {
	disk := mountTmpfs(t, "size=1m,ro")
	cmd := soaCmd("convert", "-o", filepath.Join(disk, "ds"), "--progress=none", sampleFiles(t)[0])
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, want status 1", err)
	}
	if !strings.Contains(stderr.String(), "read-only file system") || !strings.Contains(stderr.String(), "choose an OUT you can write to") {
		t.Errorf("stderr %q does not say the output cannot be written", stderr.String())
	}
}
