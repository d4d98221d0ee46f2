package dataset_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/schema"
)

// freetextBatch builds n rows of the freetext table, record ids numbered
// from first.
func freetextBatch(t *testing.T, mem memory.Allocator, first, n int) arrow.RecordBatch {
	t.Helper()
	tb := schema.Tables[schema.Freetext]
	b := array.NewRecordBuilder(mem, tb.Schema())
	defer b.Release()
	for i := range n {
		for c, col := range tb.Columns {
			switch fb := b.Field(c).(type) {
			case *array.StringBuilder:
				fb.Append(fmt.Sprintf("%s-%08d", col.Name, first+i))
			case *array.Int32Builder:
				fb.Append(int32(i))
			default:
				t.Fatalf("column %s: unexpected builder %T", col.Name, fb)
			}
		}
	}
	return b.NewRecordBatch()
}

// TestPartWriterRowGroupsAndRecord: rows go into row groups of the
// format's row count, and Close names the file and describes it with the
// size and SHA-256 of the bytes on disk; nothing but the final file is
// left in the folder.
func TestPartWriterRowGroupsAndRecord(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	root := t.TempDir()
	format := dataset.TableFormat(schema.Freetext, "test", 100, 1<<30, 0, mem)
	rel := "freetext/unit_code=X/part-00000.parquet"
	pw, err := format.Create(root, rel, dataset.OutputFile{Table: "freetext", Unit: "X", Group: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{30, 150, 45} { // 225 rows: groups of 100, 100, 25
		rec := freetextBatch(t, mem, 0, n)
		err := pw.Write(rec)
		rec.Release()
		if err != nil {
			t.Fatal(err)
		}
	}
	o, err := pw.Close()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	want := dataset.OutputFile{Path: rel, Table: "freetext", Unit: "X", Group: "x", Rows: 225,
		Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	if o != want {
		t.Errorf("Close described\n%+v, want\n%+v", o, want)
	}
	r, err := file.OpenParquetFile(filepath.Join(root, filepath.FromSlash(rel)), false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var groups []int64
	for i := range r.NumRowGroups() {
		groups = append(groups, r.MetaData().RowGroup(i).NumRows())
	}
	if fmt.Sprint(groups) != "[100 100 25]" {
		t.Errorf("row groups %v, want [100 100 25]", groups)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "freetext", "unit_code=X"))
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the part", len(entries))
	}
}

// TestPartWriterFullAndAbort: with a size bound, WriteUntilFull stops at
// the end of the first row group that leaves the part at the bound, and
// Abort leaves no file behind.
func TestPartWriterFullAndAbort(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	root := t.TempDir()
	format := dataset.TableFormat(schema.Freetext, "test", 10, 1<<30, 1, mem) // any row group fills the part
	pw, err := format.Create(root, "freetext/unit_code=X/part-00000.parquet", dataset.OutputFile{})
	if err != nil {
		t.Fatal(err)
	}
	rec := freetextBatch(t, mem, 0, 25)
	defer rec.Release()
	off, err := pw.WriteUntilFull(rec, 0)
	if err != nil {
		t.Fatal(err)
	}
	if off != 10 || !pw.Full() || pw.Rows() != 10 {
		t.Errorf("WriteUntilFull reached row %d (full %v, rows %d), want 10, full, 10", off, pw.Full(), pw.Rows())
	}
	pw.Abort()
	entries, _ := os.ReadDir(filepath.Join(root, "freetext", "unit_code=X"))
	if len(entries) != 0 {
		t.Errorf("Abort left %d files", len(entries))
	}
}

// TestPartWriterEmptyBatch: a file given only a batch without rows has one
// row group without rows (what duplicate_records is when no record id
// repeats); a file given nothing has none (an empty part).
func TestPartWriterEmptyBatch(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	root := t.TempDir()
	format := dataset.TableFormat(schema.Freetext, "test", 100, 1<<30, 0, mem)
	for _, tc := range []struct {
		name   string
		write  bool
		groups int
	}{{"empty-batch", true, 1}, {"nothing", false, 0}} {
		pw, err := format.Create(root, "freetext/unit_code=X/"+tc.name+".parquet", dataset.OutputFile{})
		if err != nil {
			t.Fatal(err)
		}
		if tc.write {
			rec := freetextBatch(t, mem, 0, 0)
			err := pw.Write(rec)
			rec.Release()
			if err != nil {
				t.Fatal(err)
			}
		}
		o, err := pw.Close()
		if err != nil {
			t.Fatal(err)
		}
		r, err := file.OpenParquetFile(filepath.Join(root, filepath.FromSlash(o.Path)), false)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.NumRowGroups(); got != tc.groups || r.NumRows() != 0 {
			t.Errorf("%s: %d row groups, %d rows; want %d, 0", tc.name, got, r.NumRows(), tc.groups)
		}
		r.Close()
	}
}
