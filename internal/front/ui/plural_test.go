package ui

import (
	"strings"
	"testing"

	"github.com/soa-project/soa/dataset"
)

func TestN(t *testing.T) {
	for _, c := range []struct {
		n            int
		noun, plural string
		want         string
	}{
		{0, "file", "", "0 files"},
		{1, "file", "", "1 file"},
		{2, "file", "", "2 files"},
		{1, "retry", "retries", "1 retry"},
		{3, "retry", "retries", "3 retries"},
	} {
		if got := N(c.n, c.noun, c.plural); got != c.want {
			t.Errorf("N(%d, %q, %q) = %q, want %q", c.n, c.noun, c.plural, got, c.want)
		}
	}
	if got := N(int64(1), "record", ""); got != "1 record" {
		t.Errorf("N(int64 1) = %q", got)
	}
}

// TestSummaryOne checks the summary of a run of one record from one file,
// and of a merge of one shard dataset: no "1 files".
func TestSummaryOne(t *testing.T) {
	m := &dataset.Manifest{Records: 1, Inputs: []dataset.InputFile{{Bytes: 10}}, Outputs: []dataset.OutputFile{{}}}
	var b strings.Builder
	Summary(&b, m, "out", 0)
	Summary(&b, m, "out", 1)
	for _, want := range []string{
		"Converted 1 record from 1 file (",
		"Merged 1 shard dataset: 1 record from 1 file (",
		"in 1 Parquet file)",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), " 1 files") || strings.Contains(b.String(), " 1 records") {
		t.Errorf("summary has a plural for one:\n%s", b.String())
	}
}
