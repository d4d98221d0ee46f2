package queries_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-project/soa/queries"
)

// TestWriteJSONColumnOrder checks that --format json keeps the columns'
// order (not the alphabetical order of a Go map) and is valid JSON.
func TestWriteJSONColumnOrder(t *testing.T) {
	cols := []string{"unit_code", "records", "a<b", "list", "none"}
	rows := [][]any{
		{"NMNHBOTANY", int64(67), "x & y", []any{int64(1), "two"}, nil},
		{"SIL", int64(30), "", []any{}, nil},
	}
	var b bytes.Buffer
	if err := queries.Write(&b, "json", cols, rows); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "unit_code": "NMNHBOTANY",
    "records": 67,
    "a<b": "x & y",
    "list": [
      1,
      "two"
    ],
    "none": null
  },
  {
    "unit_code": "SIL",
    "records": 30,
    "a<b": "",
    "list": [],
    "none": null
  }
]
`
	if b.String() != want {
		t.Errorf("json:\n%s\nwant:\n%s", b.String(), want)
	}
	var parsed []map[string]any
	if err := json.Unmarshal(b.Bytes(), &parsed); err != nil || len(parsed) != 2 {
		t.Errorf("not a JSON array of two objects: %v", err)
	}
	for _, c := range []struct {
		cols []string
		rows [][]any
		want string
	}{
		{cols, nil, "[]\n"},
		{nil, [][]any{{}}, "[\n  {}\n]\n"},
	} {
		var b bytes.Buffer
		if err := queries.Write(&b, "json", c.cols, c.rows); err != nil || b.String() != c.want {
			t.Errorf("json of %d rows, %d columns: %q, %v; want %q", len(c.rows), len(c.cols), b.String(), err, c.want)
		}
		if !json.Valid(b.Bytes()) {
			t.Errorf("invalid JSON: %q", b.String())
		}
	}
}

// TestWriteTableRowCount checks the count under a table: "1 row", "2 rows".
func TestWriteTableRowCount(t *testing.T) {
	for n, want := range map[int]string{0: "(0 rows)\n", 1: "(1 row)\n", 2: "(2 rows)\n"} {
		var b bytes.Buffer
		if err := queries.Write(&b, "table", []string{"n"}, numberRows(n)); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(b.Bytes(), []byte(want)) {
			t.Errorf("table of %d rows ends %q, want %q", n, b.String(), want)
		}
	}
}

// TestWriteTableShowsAtMostTableRows checks that a table longer than
// TableRows shows its first TableRows rows, in order, and a footer with the
// whole count and how to get every row, while csv writes them all.
func TestWriteTableShowsAtMostTableRows(t *testing.T) {
	n := queries.TableRows + 5
	rows := numberRows(n)
	var tbl bytes.Buffer
	if err := queries.Write(&tbl, "table", []string{"n"}, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(tbl.String(), "\n"), "\n")
	// header, TableRows rows, footer
	if len(lines) != queries.TableRows+2 {
		t.Fatalf("table of %d rows has %d lines, want %d", n, len(lines), queries.TableRows+2)
	}
	if got, want := strings.TrimSpace(lines[queries.TableRows]), strconv.Itoa(queries.TableRows-1); got != want {
		t.Errorf("last row shown %q, want %q", got, want)
	}
	footer := lines[len(lines)-1]
	for _, want := range []string{"(" + strconv.Itoa(n) + " rows", "first " + strconv.Itoa(queries.TableRows) + " shown", "--format csv"} {
		if !strings.Contains(footer, want) {
			t.Errorf("footer %q lacks %q", footer, want)
		}
	}
	var csv bytes.Buffer
	if err := queries.Write(&csv, "csv", []string{"n"}, rows); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(csv.String(), "\n"); got != n+1 {
		t.Errorf("csv of %d rows has %d lines, want %d", n, got, n+1)
	}
}

// numberRows returns n one-column rows holding 0, 1, ... n-1.
func numberRows(n int) [][]any {
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{int64(i)}
	}
	return rows
}
