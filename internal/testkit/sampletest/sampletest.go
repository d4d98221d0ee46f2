// Package sampletest gives tests the real sample records embedded in soa
// (testdata/records), one JSON line each, in file then line order.
package sampletest

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
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
		_ = f.Close() // read only
		if err := sc.Err(); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
	}
	return out
}

// Rows returns the rows of rec as JSON-shaped maps (numbers as float64,
// lists as []any, timestamps as RFC 3339 strings), so that tests compare
// converted values with decoded JSON simply.
func Rows(tb testing.TB, rec arrow.RecordBatch) []map[string]any {
	tb.Helper()
	out := make([]map[string]any, 0, rec.NumRows())
	for i := 0; i < int(rec.NumRows()); i++ {
		row := map[string]any{}
		for c, f := range rec.Schema().Fields() {
			row[f.Name] = rec.Column(c).GetOneForMarshal(i)
		}
		b, err := json.Marshal(row)
		if err != nil {
			tb.Fatal(err)
		}
		norm := map[string]any{}
		if err := json.Unmarshal(b, &norm); err != nil {
			tb.Fatal(err)
		}
		out = append(out, norm)
	}
	return out
}
