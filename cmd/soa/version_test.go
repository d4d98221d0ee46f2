package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
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

// TestCommitOf checks what soa version says of the commit: the go
// command's stamp, else the -X main.commit value, else unknown.
func TestCommitOf(t *testing.T) {
	rev := "99434acc00fa41072d4b0cea63907d0d64ac7898"
	for _, c := range []struct {
		settings []debug.BuildSetting
		stamped  string
		want     string
	}{
		{[]debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-11-25T03:44:48Z"}, {Key: "vcs.modified", Value: "false"}},
			"", rev + " (2026-11-25T03:44:48Z)"},
		{[]debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}},
			"", rev + " (with uncommitted changes)"},
		{[]debug.BuildSetting{{Key: "vcs.revision", Value: rev}}, "other", rev}, // the stamp wins
		{[]debug.BuildSetting{{Key: "-buildmode", Value: "exe"}}, rev, rev},
		{nil, "", "unknown (built without VCS information"},
	} {
		if got := commitOf(c.settings, c.stamped, false); !strings.HasPrefix(got, c.want) {
			t.Errorf("commitOf(%v, %q) = %q, want %q", c.settings, c.stamped, got, c.want)
		}
	}
}

// TestVersionLdflags builds soa without VCS information and with the
// commit given by -ldflags -X, as the help says, and runs soa version.
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds soa")
	}
	exe := filepath.Join(t.TempDir(), "soa")
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X main.commit=0123abcd", "-o", exe, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n  commit    0123abcd\n", "\n  arrow-go  v18.", "\n  duckdb    v1."} {
		if !strings.Contains(string(out), want) {
			t.Errorf("soa version lacks %q:\n%s", want, out)
		}
	}
}

// TestVersionGoRun runs soa version the way the README's first command
// starts soa, go run ./cmd/soa: go run stamps no commit, and soa says that
// go run is why (#28).
func TestVersionGoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds soa")
	}
	cmd := exec.Command("go", "run", ".", "version")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go run . version: %v\n%s", err, out)
	}
	if want := "\n  commit    unknown (go run stamps no VCS information; go build ./cmd/soa does"; !strings.Contains(string(out), want) {
		t.Errorf("soa version under go run lacks %q:\n%s", want, out)
	}
}

// TestIsGoRunBinary: the two places go run runs soa from (a temporary
// folder when it builds, the build cache when it reuses that build, as
// Go 1.24 and later do), and places it does not.
func TestIsGoRunBinary(t *testing.T) {
	for path, want := range map[string]bool{
		"/tmp/go-build3949196224/b001/exe/soa": true,
		"/root/.cache/go-build/ce/cec6cfc2ff551c5ffd8c8308bf51e3b54619f0f3fbea461ae308790d1ad9dc41-d/soa": true,
		"/root/go/bin/soa": false,
		"./soa":            false,
		"/root/.cache/go-build/ce/cec6cfc2-d/soa":                                                         false,
		"/root/.cache/go-build/ab/cec6cfc2ff551c5ffd8c8308bf51e3b54619f0f3fbea461ae308790d1ad9dc41-d/soa": false,
	} {
		if got := isGoRunBinary(path); got != want {
			t.Errorf("isGoRunBinary(%q) = %v, want %v", path, got, want)
		}
	}
}
