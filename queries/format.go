package queries

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Formats are the result formats soa query writes.
var Formats = []string{"table", "csv", "json", "parquet"}

// TableRows is how many rows the table format shows: it aligns its
// columns, which needs every row it shows in memory, so a longer result
// shows its first TableRows and counts the rest, and the footer says how
// to get them all (csv and json stream every row).
const TableRows = 10_000

// Write renders rows as table (aligned text), csv (RFC 4180, header first)
// or json (an array of objects). Parquet is written by DB.CopyParquet.
func Write(w io.Writer, format string, cols []string, rows [][]any) error {
	rw, err := NewRowWriter(w, format, cols)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := rw.Row(r); err != nil {
			return err
		}
	}
	return rw.Close()
}

// RowWriter writes a result row by row as it comes from DuckDB, so that a
// listing larger than memory (changes_since on a first run lists every
// record) goes to its file without being held: csv and json write each row
// when it is given; table holds at most TableRows.
type RowWriter struct {
	w      io.Writer
	format string
	cols   []string
	n      int // rows given

	csv   *csv.Writer
	rec   []string
	json  bytes.Buffer
	table [][]string
}

// NewRowWriter starts a result of cols in format (table, csv or json) on w.
func NewRowWriter(w io.Writer, format string, cols []string) (*RowWriter, error) {
	rw := &RowWriter{w: w, format: format, cols: cols}
	switch format {
	case "csv":
		rw.csv = csv.NewWriter(w)
		rw.rec = make([]string, len(cols))
		if err := rw.csv.Write(cols); err != nil {
			return nil, err
		}
	case "json", "table":
	default:
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	return rw, nil
}

// tableCell is the replacer of tabs and line breaks in a table's cells.
var tableCell = strings.NewReplacer("\t", " ", "\n", " ")

// Row writes one row; vals is not kept.
func (rw *RowWriter) Row(vals []any) error {
	rw.n++
	switch rw.format {
	case "csv":
		for i, v := range vals {
			rw.rec[i] = Text(v)
		}
		return rw.csv.Write(rw.rec)
	case "json":
		rw.json.Reset()
		if rw.n == 1 {
			rw.json.WriteString("[\n")
		} else {
			rw.json.WriteString(",\n")
		}
		if err := writeJSONObject(&rw.json, rw.cols, vals); err != nil {
			return err
		}
		_, err := rw.w.Write(rw.json.Bytes())
		return err
	}
	if rw.n > TableRows {
		return nil
	}
	cells := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			cells[i] = "NULL"
		} else {
			cells[i] = tableCell.Replace(Text(v))
		}
	}
	rw.table = append(rw.table, cells)
	return nil
}

// Close ends the result: the CSV's last bytes, the JSON array's end, or
// the aligned table and its count of rows.
func (rw *RowWriter) Close() error {
	switch rw.format {
	case "csv":
		rw.csv.Flush()
		return rw.csv.Error()
	case "json":
		end := "\n]\n"
		if rw.n == 0 {
			end = "[]\n"
		}
		_, err := io.WriteString(rw.w, end)
		return err
	}
	tw := tabwriter.NewWriter(rw.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(rw.cols, "\t"))
	for _, cells := range rw.table {
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	switch {
	case rw.n == 1:
		fmt.Fprintf(tw, "(1 row)\n")
	case rw.n > TableRows:
		fmt.Fprintf(tw, "(%d rows, the first %d shown: --format csv or json writes them all, with -o FILE to a file)\n", rw.n, TableRows)
	default:
		fmt.Fprintf(tw, "(%d rows)\n", rw.n)
	}
	return tw.Flush()
}

// writeJSONObject writes one row as a JSON object whose keys are in the
// order of the columns (a Go map would sort them), indented for its place
// in the result's array.
func writeJSONObject(b *bytes.Buffer, cols []string, vals []any) error {
	if len(cols) == 0 {
		b.WriteString("  {}")
		return nil
	}
	b.WriteString("  {\n")
	for j, c := range cols {
		b.WriteString("    ")
		if err := writeJSONValue(b, c); err != nil {
			return err
		}
		b.WriteString(": ")
		if err := writeJSONValue(b, jsonValue(vals[j])); err != nil {
			return fmt.Errorf("column %s: %w", c, err)
		}
		if j < len(cols)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  }")
	return nil
}

// writeJSONValue writes v as JSON at the depth of an object's value in
// the result's array, without escaping <, > and & (the output is no HTML).
func writeJSONValue(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	return nil
}

// Text is the plain-text form of a value: empty for NULL, RFC 3339 for
// times, the shortest exact form for numbers, JSON for lists and structs.
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case []byte:
		return string(v)
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case *big.Int:
		return v.String()
	case bool, int, int8, int16, int32, int64, uint8, uint16, uint32, uint64:
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(jsonValue(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func jsonValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	case *big.Int:
		if v.IsInt64() {
			return v.Int64()
		}
		return v.String()
	case []byte:
		return string(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = jsonValue(e)
		}
		return out
	}
	return v
}
