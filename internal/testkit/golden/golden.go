// Package golden compares test output with golden files in testdata/ and
// rewrites them under -update. It is imported by tests only, so the flag
// exists in test binaries only.
package golden

import (
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// Check compares got with the file at path, or writes got there under
// -update. pkg is the package's path for the hint, as in "./schema": a
// stale or missing file fails the test with the command that rewrites it.
func Check(tb testing.TB, path, pkg string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test %s -update to create it)", err, pkg)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		tb.Errorf("%s is stale (-want +got); if the change is intended, run go test %s -update:\n%s", path, pkg, diff)
	}
}
