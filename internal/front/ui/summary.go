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
		fmt.Fprintf(w, "Merged %s: %s from %s (%s) in %.2f s\n", N(merged, "shard dataset", ""), N(m.Records, "record", ""), N(len(m.Inputs), "file", ""), MB(in), m.Seconds.Total)
	} else {
		fmt.Fprintf(w, "Converted %s from %s (%s) in %.2f s\n", N(m.Records, "record", ""), N(len(m.Inputs), "file", ""), MB(in), m.Seconds.Total)
	}
	if m.Shard != nil {
		fmt.Fprintf(w, "  shard      %s of the groups (put all shard datasets together with soa merge)\n", m.Shard)
	}
	switch r := m.Reused; {
	case r.Groups > 0:
		fmt.Fprintf(w, "  reused     %s (%s) of unchanged groups, from the previous dataset\n", N(r.Inputs, "file", ""), MB(r.Bytes))
	case r.Reason != "":
		fmt.Fprintf(w, "  reused     nothing: previous dataset %s\n", r.Reason)
	}
	fmt.Fprintf(w, "  rejected   %d", m.Rejects)
	if m.Rejects > 0 {
		fmt.Fprintf(w, " (see %s/%s)", out, dataset.RejectsPath)
	}
	fmt.Fprintln(w)
	var arrays []string
	for _, f := range m.Inputs {
		if f.Form == dataset.FormJSONArray {
			arrays = append(arrays, f.Path)
		}
	}
	if len(arrays) > 0 {
		fmt.Fprintf(w, "  arrays     %s %s one JSON array of records, read record by record: %s%s\n",
			N(len(arrays), "file", ""), agree(len(arrays), "was", "were"), strings.Join(arrays[:min(len(arrays), 3)], ", "), more(len(arrays)-3))
	}
	fmt.Fprintf(w, "  units      %d\n", len(m.Units()))
	var tables []string
	for _, t := range m.Tables {
		tables = append(tables, fmt.Sprintf("%s %d", t.Name, t.Rows))
	}
	fmt.Fprintf(w, "  rows       %s\n", strings.Join(tables, ", "))
	fmt.Fprintf(w, "  output     %s (%s in %s)\n", out, MB(m.OutputBytes()), N(len(m.Outputs), "Parquet file", ""))
	if len(m.Skipped) > 0 {
		fmt.Fprintf(w, "  skipped    %s that %s no records (index.txt and the like; listed in _manifest.json)\n", N(len(m.Skipped), "file", ""), agree(len(m.Skipped), "holds", "hold"))
	}
	if m.Dates.Unparsed > 0 {
		fmt.Fprintf(w, "  dates      %d of %s did not parse to years (listed in _manifest.json)\n", m.Dates.Unparsed, N(m.Dates.Values, "date value", ""))
	}
	if m.UTF8Repaired > 0 {
		fmt.Fprintf(w, "  utf-8      %s had invalid UTF-8, replaced by U+FFFD\n", N(m.UTF8Repaired, "document", ""))
	}
}

// more is ", and N more" for a list cut short, or nothing.
func more(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(", and %d more", n)
}
