package ui

import (
	"fmt"
	"io"
	"strings"

	"github.com/soa-project/soa/dataset"
)

// Summary writes the one-screen account of a conversion, or of a merge
// when merged is the number of shard datasets put together.
func Summary(w io.Writer, m *dataset.Manifest, out string, merged int) {
	var in int64
	for _, f := range m.Inputs {
		in += f.Bytes
	}
	if merged > 0 {
		fmt.Fprintf(w, "Merged %d shard datasets: %d records from %d files (%s) in %.2f s\n", merged, m.Records, len(m.Inputs), MB(in), m.Seconds.Total)
	} else {
		fmt.Fprintf(w, "Converted %d records from %d files (%s) in %.2f s\n", m.Records, len(m.Inputs), MB(in), m.Seconds.Total)
	}
	if m.Shard != nil {
		fmt.Fprintf(w, "  shard      %s of the groups (put all shard datasets together with soa merge)\n", m.Shard)
	}
	switch r := m.Reused; {
	case r.Groups > 0:
		fmt.Fprintf(w, "  reused     %d files (%s) of unchanged groups, from the previous dataset\n", r.Inputs, MB(r.Bytes))
	case r.Reason != "":
		fmt.Fprintf(w, "  reused     nothing: previous dataset %s\n", r.Reason)
	}
	fmt.Fprintf(w, "  rejected   %d", m.Rejects)
	if m.Rejects > 0 {
		fmt.Fprintf(w, " (see %s/%s)", out, dataset.RejectsPath)
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
		fmt.Fprintf(w, "  skipped    %d files that hold no records (index.txt and the like; listed in _manifest.json)\n", len(m.Skipped))
	}
	if m.Dates.Unparsed > 0 {
		fmt.Fprintf(w, "  dates      %d of %d date values did not parse to years (listed in _manifest.json)\n", m.Dates.Unparsed, m.Dates.Values)
	}
	if m.UTF8Repaired > 0 {
		fmt.Fprintf(w, "  utf-8      %d documents had invalid UTF-8, replaced by U+FFFD\n", m.UTF8Repaired)
	}
}
