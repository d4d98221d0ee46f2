package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readme is the repository's README.md.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestREADMEOutputsIgnored: every file or folder the README's commands
// write in the clone (-o OUT of soa and go build, the demo's defaults) is
// ignored by git, so that trying the README never leaves untracked files
// that make go build stamp "with uncommitted changes" (#28).
func TestREADMEOutputsIgnored(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(git, "-C", root, "rev-parse", "--is-inside-work-tree").Output(); err != nil || strings.TrimSpace(string(out)) != "true" {
		t.Skip("not in a git clone")
	}
	outputs := []string{"soa-demo", "soa-demo-report.html"} // the demo's defaults
	flagOut := regexp.MustCompile(`(?:^|\s)-o\s+([^\s` + "`" + `"']+)`)
	for _, line := range strings.Split(readme(t), "\n") {
		if !strings.Contains(line, "soa ") && !strings.Contains(line, "./cmd/soa") {
			continue
		}
		for _, m := range flagOut.FindAllStringSubmatch(line, -1) {
			p := m[1]
			if p == strings.ToUpper(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") || strings.HasPrefix(p, "$") {
				continue // a placeholder (OUT, FILE) or a path outside the clone
			}
			outputs = append(outputs, p)
		}
	}
	slices.Sort(outputs)
	outputs = slices.Compact(outputs)
	if len(outputs) < 8 {
		t.Fatalf("found only %d outputs in the README: %q", len(outputs), outputs)
	}
	for _, p := range outputs {
		// A folder pattern (/sample/) matches only with the slash, as the
		// path does not exist here to be seen as a folder.
		file := exec.Command(git, "-C", root, "check-ignore", "-q", "--no-index", p).Run()
		folder := exec.Command(git, "-C", root, "check-ignore", "-q", "--no-index", p+"/").Run()
		if file != nil && folder != nil {
			t.Errorf("the README writes %s in the clone, and .gitignore does not ignore it", p)
		}
	}
	t.Logf("ignored: %q", outputs)
}

// TestREADMEFirstSteps: what a newcomer meets first is said before it
// happens (#28): the first build's minutes and memory before the first
// command; soa query --sql before the duckdb CLI, which is a separate
// download; where the GitHub dump is; how to clear Go's caches.
func TestREADMEFirstSteps(t *testing.T) {
	text := readme(t)
	before := func(first, then string) {
		t.Helper()
		i, j := strings.Index(text, first), strings.Index(text, then)
		switch {
		case i < 0:
			t.Errorf("README lacks %q", first)
		case j < 0:
			t.Errorf("README lacks %q", then)
		case i > j:
			t.Errorf("README says %q only after %q", first, then)
		}
	}
	before("The first build", "go run ./cmd/soa demo")
	// The README opens with its two commands; the note is the comment
	// line before the first.
	first := text[:max(strings.Index(text, "go run ./cmd/soa demo"), 0)]
	if !regexp.MustCompile(`\d+ min`).MatchString(first) || !regexp.MustCompile(`\d+(\.\d+)? GB of memory`).MatchString(first) {
		t.Errorf("the note before the first command does not give the first build's minutes and memory:\n%s", first)
	}
	before("./soa query soa-demo --sql", "duckdb -c")
	before("duckdb.org/docs/installation", "duckdb -c")
	before("https://github.com/Smithsonian/OpenAccess", "OpenAccess/metadata/objects")
	for _, want := range []string{"go clean -cache", "go clean -modcache", "go env GOMODCACHE"} {
		if !strings.Contains(text, want) {
			t.Errorf("README lacks %q", want)
		}
	}
}
