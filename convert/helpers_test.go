package convert_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/internal/tools/dump"
)

const sampleDir = "../testdata/records"

// sampleRecords returns every real sample record, decoded independently of
// the converter (encoding/json), in file order.
func sampleRecords(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range sampletest.Lines(t) {
		var rec map[string]any
		d := json.NewDecoder(bytes.NewReader(line))
		d.UseNumber()
		if err := d.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
	return out
}

// writeLayout writes the sample as a dump in layout, grouped by unit and
// sharded by hash like the real one, and returns its root.
func writeLayout(t testing.TB, layout dump.Layout, comp source.Codec) string {
	t.Helper()
	root := t.TempDir()
	w, err := dump.NewWriter(root, layout, comp)
	if err != nil {
		t.Fatal(err)
	}
	byUnit := map[string][][]byte{}
	var hashes = map[string][]string{}
	var units []string
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*.jsonl"))
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var head struct{ UnitCode, Hash string }
			if err := json.Unmarshal([]byte(line), &head); err != nil {
				t.Fatal(err)
			}
			if _, ok := byUnit[head.UnitCode]; !ok {
				units = append(units, head.UnitCode)
			}
			byUnit[head.UnitCode] = append(byUnit[head.UnitCode], []byte(line))
			hashes[head.UnitCode] = append(hashes[head.UnitCode], head.Hash)
		}
	}
	for _, u := range units {
		if err := w.BeginUnit(u); err != nil {
			t.Fatal(err)
		}
		for i, line := range byUnit[u] {
			if err := w.Add(hashes[u][i], line); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.EndUnit(); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// convertChecked runs a conversion with a checked allocator and fails the
// test if any Arrow memory is left allocated afterwards.
func convertChecked(t testing.TB, opts convert.Options) *dataset.Manifest {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	opts.Allocator = mem
	m, err := convert.Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("convert: %v", err)
	}
	return m
}

// readTable reads every part of a table back with pqarrow and returns its
// rows as JSON-shaped maps, with unit_code taken from the partition folder.
func readTable(t testing.TB, dataset, table string) []map[string]any {
	t.Helper()
	parts, err := filepath.Glob(filepath.Join(dataset, table, "unit_code=*", "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(parts)
	var rows []map[string]any
	for _, p := range parts {
		unit := strings.TrimPrefix(filepath.Base(filepath.Dir(p)), "unit_code=")
		for _, row := range readParquetRows(t, p) {
			row["unit_code"] = unit
			rows = append(rows, row)
		}
	}
	return rows
}

// readParquetRows reads one Parquet file back with pqarrow and returns its
// rows as JSON-shaped maps, checking that every buffer was released.
func readParquetRows(t testing.TB, path string) []map[string]any {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1024}, mem)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	var rows []map[string]any
	for rr.Next() {
		rows = append(rows, sampletest.Rows(t, rr.RecordBatch())...)
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// get walks a decoded JSON value by keys.
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func asList(v any) []any {
	switch v := v.(type) {
	case []any:
		return v
	case nil:
		return nil
	}
	return []any{v}
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	case float64:
		b, _ := json.Marshal(v)
		return string(b)
	}
	return ""
}
