package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInputChangedUnderRun changes an input file while soa reads it (the
// process is stopped with SIGSTOP while it has the file open, the file is
// changed, and the process continued): the run fails with status 1, names
// the file, and writes nothing; once the file is stable, a run succeeds.
func TestInputChangedUnderRun(t *testing.T) {
	if testing.Short() {
		t.Skip("several conversions; runs in the full suite")
	}
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("needs /proc to see the files a process has open")
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, file string)
		want   string
	}{
		{"grows", func(t *testing.T, file string) {
			f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteString(strings.Repeat(`{"type":"edanmdm","unitCode":"U","content":{"descriptiveNonRepeating":{"record_ID":"late"}}}`+"\n", 100)); err != nil {
				t.Fatal(err)
			}
		}, "grew from"},
		{"shrinks", func(t *testing.T, file string) {
			if err := os.Truncate(file, 1000); err != nil {
				t.Fatal(err)
			}
		}, "shrank from"},
		{"is replaced", func(t *testing.T, file string) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file+".new", data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(file+".new", file); err != nil {
				t.Fatal(err)
			}
		}, "was replaced by another file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			dump := filepath.Join(dir, "dump")
			big := filepath.Join(dump, "aaa", "00.txt")
			writeDocs(t, big, "AAA", 60000) // some 8 MB: read over many reads
			writeDocs(t, filepath.Join(dump, "zzz", "00.txt"), "ZZZ", 20000)
			out := filepath.Join(dir, "ds")
			cmd, stderr, exited := startSoa(t, "convert", "-o", out, "--progress=none", "--workers=1", dump)
			stopWhileOpen(t, cmd.Process.Pid, big, exited)
			tc.change(t, big)
			_ = cmd.Process.Signal(syscall.SIGCONT)
			err := <-exited
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Fatalf("exit %v, want status 1: %s", err, stderr.String())
			}
			msg := stderr.String()
			for _, w := range []string{"input changed while being read: " + big, "wait until it is complete, then run again; nothing was written"} {
				if !strings.Contains(msg, w) {
					t.Errorf("stderr %q lacks %q", msg, w)
				}
			}
			if !strings.Contains(msg, tc.want) {
				t.Logf("the change was seen after the file was read (%q), not while", msg)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("left behind: %v", entries)
			}
			// (A file cut mid-line ends in a rejected document: status 3.)
			if status, stderr := runSoa(t, "convert", "-o", out, "--progress=none", dump); status != 0 && status != 3 {
				t.Errorf("a run over the stable input: status %d: %s", status, stderr)
			}
		})
	}
}

// writeDocs writes n records of unit to file.
func writeDocs(t *testing.T, file, unit string, n int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"type":"edanmdm","unitCode":"%s","title":"record %d of a file that is read over many reads","content":{"descriptiveNonRepeating":{"record_ID":"%s_%d"}}}`+"\n", unit, i, unit, i)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// stopWhileOpen stops the process pid with SIGSTOP as soon as it has file
// open (or, if it never sees it open, once the process has read it).
func stopWhileOpen(t *testing.T, pid int, file string, exited <-chan error) {
	t.Helper()
	fds := fmt.Sprintf("/proc/%d/fd", pid)
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(fds)
		for _, e := range entries {
			if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && target == file {
				_ = syscall.Kill(pid, syscall.SIGSTOP)
				return
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("soa ended (%v) before it opened %s", err, file)
		default:
		}
	}
	t.Fatalf("soa never opened %s", file)
}
