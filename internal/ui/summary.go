package ui

import (
	"fmt"
	"io"
	"strings"

	"github.com/soa-project/soa/convert"
)

// Summary writes the one-screen account of a conversion.
func Summary(w io.Writer, m *convert.Manifest, out string) {
	var in int64
	for _, f := range m.Inputs {
		in += f.Bytes
	}
	fmt.Fprintf(w, "Converted %d records from %d files (%s) in %.2f s\n", m.Records, len(m.Inputs), MB(in), m.Seconds.Total)
	fmt.Fprintf(w, "  rejected   %d", m.Rejects)
	if m.Rejects > 0 {
		fmt.Fprintf(w, " (see %s/%s)", out, convert.RejectsPath)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  units      %d\n", len(m.Units()))
	var tables []string
	for _, t := range m.Tables {
		tables = append(tables, fmt.Sprintf("%s %d", t.Name, t.Rows))
	}
	fmt.Fprintf(w, "  rows       %s\n", strings.Join(tables, ", "))
	fmt.Fprintf(w, "  output     %s (%s in %d Parquet files)\n", out, MB(m.OutputBytes()), len(m.Outputs))
	if len(m.Skipped) > 0 {
		fmt.Fprintf(w, "  skipped    %d files that are not shards (listed in _manifest.json)\n", len(m.Skipped))
	}
	if m.Dates.Unparsed > 0 {
		fmt.Fprintf(w, "  dates      %d of %d date values did not parse to years (listed in _manifest.json)\n", m.Dates.Unparsed, m.Dates.Values)
	}
	if m.UTF8Repaired > 0 {
		fmt.Fprintf(w, "  utf-8      %d documents had invalid UTF-8, replaced by U+FFFD\n", m.UTF8Repaired)
	}
}
