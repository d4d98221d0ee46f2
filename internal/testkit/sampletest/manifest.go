package sampletest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// ComparableManifest returns a dataset's _manifest.json without what may
// differ between runs over the same input (timings, worker count, reuse),
// for tests that check two ways of writing a dataset agree.
func ComparableManifest(tb testing.TB, dir string) map[string]any {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "_manifest.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		tb.Fatal(err)
	}
	delete(m, "seconds")
	delete(m, "reused")
	delete(m["options"].(map[string]any), "workers")
	return m
}
