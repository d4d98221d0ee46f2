package profile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-project/soa/internal/front/profile"
)

// TestStartStop: with both files named, Stop leaves a CPU profile, a heap
// profile and the peak heap profile beside it, none empty.
func TestStartStop(t *testing.T) {
	dir := t.TempDir()
	p := profile.Files{CPU: filepath.Join(dir, "cpu.pprof"), Mem: filepath.Join(dir, "mem.pprof")}
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	var keep [][]byte
	for range 100 {
		keep = append(keep, make([]byte, 1<<16))
	}
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	_ = keep
	for _, name := range []string{"cpu.pprof", "mem.pprof", "mem.pprof.peak"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
		} else if fi.Size() == 0 {
			t.Errorf("%s is empty", name)
		}
	}
}

// TestNone: with no file named, Start and Stop write nothing.
func TestNone(t *testing.T) {
	var p profile.Files
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
}
