package convert_test

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"
	"github.com/valyala/fastjson"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
	"github.com/soa-project/soa/schema"
)

// TestSecondReader converts the sample (with testdata/other-types)
// and a generated corpus, reads every part of every table back with
// parquet-go, a Parquet implementation independent of the arrow-go writer,
// and compares every row, value by value, with the Arrow batches the
// schema builder makes of the same input: what pqarrow was given.
func TestSecondReader(t *testing.T) {
	if testing.Short() {
		t.Skip("the race pass (-short) has the same pipeline in other tests; runs in the full suite")
	}
	t.Run("sample", func(t *testing.T) {
		files, _ := filepath.Glob(filepath.Join(sampleDir, "*.jsonl"))
		// Documents that are not edanmdm (an archival collection and a
		// component, as the API serves them): the other table's rows.
		files = append(files, "../testdata/other-types/SIA-other.jsonl")
		slices.Sort(files)
		compareWithSecondReader(t, files, files, "other/SIA")
	})
	t.Run("generated", func(t *testing.T) {
		root := filepath.Join(t.TempDir(), "corpus")
		if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: 4000, Seed: 11, Layout: dump.S3, Compress: source.None, OtherForms: 0.05, Out: root}); err != nil {
			t.Fatal(err)
		}
		var files []string
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() != "index.txt" {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(files) // the converter walks a folder in lexical path order
		compareWithSecondReader(t, []string{root}, files, "")
	})
}

// compareWithSecondReader converts inputs (files, the input files in the
// converter's order) and compares; mustHave names a table/unit that must
// have rows, so that the test cannot pass on an empty input.
func compareWithSecondReader(t *testing.T, inputs, files []string, mustHave string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "ds")
	m := convertChecked(t, convert.Options{Out: out, Inputs: inputs, Workers: 2})
	want := builderRows(t, files)
	got := map[string][]map[string]any{}
	parts := 0
	for ti := range schema.NumTables {
		table := schema.Tables[ti].Name
		dirs, _ := filepath.Glob(filepath.Join(out, table, "unit_code=*"))
		for _, dir := range dirs {
			unit := strings.TrimPrefix(filepath.Base(dir), "unit_code=")
			names, _ := filepath.Glob(filepath.Join(dir, "*.parquet"))
			slices.Sort(names) // part-00000, part-00001, ...: rows in input order
			for _, name := range names {
				rows, err := parquet.ReadFile[any](name)
				if err != nil {
					t.Fatalf("parquet-go cannot read %s: %v", name, err)
				}
				parts++
				for _, r := range rows {
					got[table+"/"+unit] = append(got[table+"/"+unit], normalised(r).(map[string]any))
				}
			}
		}
	}
	tableOutputs := 0
	for _, o := range m.Outputs {
		if o.Table != "" {
			tableOutputs++
			continue
		}
		// A rollup file: parquet-go reads it whole, with the rows the
		// manifest counts.
		rows, err := parquet.ReadFile[any](filepath.Join(out, filepath.FromSlash(o.Path)))
		if err != nil {
			t.Fatalf("parquet-go cannot read rollup %s: %v", o.Path, err)
		}
		if int64(len(rows)) != o.Rows {
			t.Errorf("rollup %s: parquet-go reads %d rows, the manifest says %d", o.Path, len(rows), o.Rows)
		}
	}
	if parts != tableOutputs {
		t.Errorf("read %d parts, the manifest lists %d", parts, tableOutputs)
	}
	rows := 0
	for _, rs := range want {
		rows += len(rs)
	}
	if rows == 0 || mustHave != "" && len(want[mustHave]) == 0 {
		t.Fatalf("the input gave %d rows (%s: %d): the test would check too little", rows, mustHave, len(want[mustHave]))
	}
	for key := range want {
		if _, ok := got[key]; !ok {
			got[key] = nil
		}
	}
	for key, g := range got {
		w := want[key]
		if len(w) != len(g) {
			t.Errorf("%s: parquet-go reads %d rows, the builder made %d", key, len(g), len(w))
			continue
		}
		for i := range w {
			if diff := cmp.Diff(w[i], g[i]); diff != "" {
				t.Errorf("%s row %d (-builder +parquet-go):\n%s", key, i, diff)
				break
			}
		}
	}
	t.Logf("%d rows in %d parts compared", rows, parts)
}

// builderRows runs the schema builder over the input files, one document a
// line, and returns its rows per table and unit, in input order.
func builderRows(t *testing.T, files []string) map[string][]map[string]any {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rows := map[string][]map[string]any{}
	var p fastjson.Parser
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		builders := map[string]*schema.Builder{}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			line := sc.Bytes()
			if len(strings.TrimSpace(string(line))) == 0 {
				continue
			}
			v, err := p.ParseBytes(line)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			unit := string(schema.Unit(v))
			b := builders[unit]
			if b == nil {
				b = schema.NewBuilder(mem, unit)
				builders[unit] = b
			}
			if err := b.Append(v, line); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		for _, unit := range slices.Sorted(maps(builders)) {
			b := builders[unit]
			for ti, rec := range b.NewRecords() {
				if rec == nil {
					continue
				}
				key := schema.Tables[ti].Name + "/" + unit
				for i := range int(rec.NumRows()) {
					row := map[string]any{}
					for c, field := range rec.Schema().Fields() {
						row[field.Name] = normalised(arrowValue(rec.Column(c), i))
					}
					rows[key] = append(rows[key], row)
				}
				rec.Release()
			}
			b.Release()
		}
	}
	return rows
}

func maps(m map[string]*schema.Builder) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// arrowValue is one Arrow value as Go: what parquet-go gives for the same
// Parquet column (timestamps as the stored milliseconds).
func arrowValue(arr arrow.Array, i int) any {
	if arr.IsNull(i) {
		return nil
	}
	switch a := arr.(type) {
	case *array.String:
		return a.Value(i)
	case *array.Boolean:
		return a.Value(i)
	case *array.Int32:
		return a.Value(i)
	case *array.Int64:
		return a.Value(i)
	case *array.Float64:
		return a.Value(i)
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		v := int64(a.Value(i))
		switch unit {
		case arrow.Second:
			return v * 1000
		case arrow.Millisecond:
			return v
		case arrow.Microsecond:
			return v / 1000
		}
		return v / 1_000_000
	case *array.List:
		start, end := a.ValueOffsets(i)
		out := []any{}
		for j := start; j < end; j++ {
			out = append(out, arrowValue(a.ListValues(), int(j)))
		}
		return out
	case *array.Struct:
		out := map[string]any{}
		for f, field := range a.DataType().(*arrow.StructType).Fields() {
			out[field.Name] = arrowValue(a.Field(f), i)
		}
		return out
	}
	panic(fmt.Sprintf("arrowValue: no case for %s", arr.DataType()))
}

// normalised makes integers int64 and byte strings strings, so that the
// two readers' values compare by value.
func normalised(v any) any {
	switch v := v.(type) {
	case int32:
		return int64(v)
	case int:
		return int64(v)
	case []byte:
		return string(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalised(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = normalised(e)
		}
		return out
	}
	return v
}
