// Package testenv decides what a test does when something it needs from the
// machine (a program, a privilege) is missing.
package testenv

import (
	"os"
	"testing"
)

// CI reports whether the tests run under CI: CI=true, which .ci/run's
// environment sets and scripts/test sets when it is not set.
func CI() bool { return os.Getenv("CI") == "true" }

// Missing skips the test with the reason, or fails it under CI, where what
// is missing is an install step of scripts/test that did not work: there a
// skip would pass a test that never ran.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if CI() {
		tb.Fatalf("under CI a test may not skip for a missing dependency: "+format, args...)
	}
	tb.Skipf(format, args...)
}
