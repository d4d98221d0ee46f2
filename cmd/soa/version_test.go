package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestGoBuildID checks that the build id soa reuses parts by is the Go
// toolchain's own build ID of the executable, read without hashing it.
func TestGoBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the ELF note is read on Linux only; elsewhere the executable is hashed")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if got := goBuildID(exe); got != want || got == "" {
		t.Errorf("goBuildID = %q, go tool buildid says %q", got, want)
	}
	if id := buildID(); !strings.HasSuffix(id, "+go:"+want) {
		t.Errorf("buildID() = %q, want it to end in the Go build ID", id)
	}
}
