// Package sampletest gives tests the real sample records embedded in soa
// (testdata/records), one JSON line each, in file then line order.
package sampletest

import (
	"bufio"
	"io/fs"
	"slices"
	"testing"

	"github.com/soa-project/soa"
)

// Lines returns every sample record's JSON text.
func Lines(tb testing.TB) [][]byte {
	tb.Helper()
	fsys := soa.Sample()
	names, err := fs.Glob(fsys, "*.jsonl")
	if err != nil || len(names) == 0 {
		tb.Fatalf("no embedded sample records: %v", err)
	}
	slices.Sort(names)
	var out [][]byte
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			out = append(out, append([]byte(nil), sc.Bytes()...))
		}
		f.Close()
		if err := sc.Err(); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
	}
	return out
}
