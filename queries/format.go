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

// Write renders rows as table (aligned text), csv (RFC 4180, header first)
// or json (an array of objects). Parquet is written by DB.CopyParquet.
func Write(w io.Writer, format string, cols []string, rows [][]any) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(cols)
		rec := make([]string, len(cols))
		for _, r := range rows {
			for i, v := range r {
				rec[i] = Text(v)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "json":
		return writeJSON(w, cols, rows)
	case "table":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
		for _, r := range rows {
			cells := make([]string, len(r))
			for i, v := range r {
				if v == nil {
					cells[i] = "NULL"
				} else {
					cells[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(Text(v))
				}
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		if len(rows) == 1 {
			fmt.Fprintf(tw, "(1 row)\n")
		} else {
			fmt.Fprintf(tw, "(%d rows)\n", len(rows))
		}
		return tw.Flush()
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// writeJSON writes rows as a JSON array of objects whose keys are in the
// order of the columns (a Go map would sort them), indented by two spaces.
func writeJSON(w io.Writer, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, r := range rows {
		if len(cols) == 0 {
			b.WriteString("  {}")
		} else {
			b.WriteString("  {\n")
			for j, c := range cols {
				b.WriteString("    ")
				if err := writeJSONValue(&b, c); err != nil {
					return err
				}
				b.WriteString(": ")
				if err := writeJSONValue(&b, jsonValue(r[j])); err != nil {
					return fmt.Errorf("column %s: %w", c, err)
				}
				if j < len(cols)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString("  }")
		}
		if i < len(rows)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writeJSONValue writes v as JSON at the depth of an object's value in
// writeJSON's array, without escaping <, > and & (the output is no HTML).
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
