package convert_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet/file"
	pqschema "github.com/apache/arrow-go/v18/parquet/schema"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/schema"
)

// TestDictionaryTimestampUnit checks that the data dictionary gives the
// unit of time a reader of the Parquet files gets: Parquet has no unit of
// seconds, so the timestamp[s] columns are stored as milliseconds.
func TestDictionaryTimestampUnit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ds")
	in, _ := filepath.Abs("../testdata/records/NMAH.jsonl")
	convertChecked(t, convert.Options{Out: out, Inputs: []string{in}})
	parts, _ := filepath.Glob(filepath.Join(out, "objects", "unit_code=*", "*.parquet"))
	if len(parts) == 0 {
		t.Fatal("no objects part")
	}
	pf, err := file.OpenParquetFile(parts[0], false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	fileSchema := pf.MetaData().Schema
	checked := 0
	for _, tbl := range schema.Tables {
		if tbl.Name != "objects" {
			continue
		}
		for _, c := range tbl.Columns {
			if _, ok := c.Type.Arrow.(*arrow.TimestampType); !ok {
				continue
			}
			i := fileSchema.ColumnIndexByName(c.Name)
			if i < 0 {
				t.Fatalf("column %s not in the file", c.Name)
			}
			ts, ok := fileSchema.Column(i).LogicalType().(interface{ TimeUnit() pqschema.TimeUnitType })
			if !ok {
				t.Fatalf("column %s: logical type %v", c.Name, fileSchema.Column(i).LogicalType())
			}
			unit := map[pqschema.TimeUnitType]string{pqschema.TimeUnitMillis: "ms", pqschema.TimeUnitMicros: "us", pqschema.TimeUnitNanos: "ns"}[ts.TimeUnit()]
			if got := schema.TypeName(c.Type.Arrow); !strings.HasPrefix(got, "timestamp["+unit+",") {
				t.Errorf("column %s: the dictionary says %s, the file stores %s", c.Name, got, unit)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no timestamp column in objects: nothing checked")
	}
}
