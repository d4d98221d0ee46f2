package roles_test

import (
	"testing"

	"github.com/soa-project/soa/schema/roles"
)

// The benchmarks measure the per-row cost the schema builder pays; the
// inputs are real sample strings.

func BenchmarkClassifyName(b *testing.B) {
	rows := [][2]string{
		{"Artist", "Jules Dalou, French, b. Paris, 1838–1902"},
		{"Author", "Grey, Frank H. 1883-1951 cmp"},
		{"Collector", "Bertrand F. Harrison"},
		{"Sitter", "Andrew Jackson, 15 Mar 1767 - 8 Jun 1845"},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rows {
			roles.ClassifyName("NPG", r[0], r[1])
		}
	}
	b.ReportMetric(float64(b.N*len(rows))/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkFindCountries(b *testing.B) {
	places := []string{
		"Carson, 8.5 Mi N, 1.5 Mi W, Skamania County, Washington, United States, North America",
		"Plains; USA, Canada (inferred)",
		"United States",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range places {
			roles.FindCountries(p)
		}
	}
	b.ReportMetric(float64(b.N*len(places))/b.Elapsed().Seconds(), "places/s")
}

func BenchmarkDates(b *testing.B) {
	labels := []string{"Date", "Date", "Date", "Date"}
	texts := []string{"185u", "[185-?]", "To 1901", "1850-1860"}
	b.ReportAllocs()
	for b.Loop() {
		roles.DateRoles("SIL", labels, texts)
		for _, t := range texts {
			roles.Uncertain(t)
			roles.SplitLater(t)
		}
	}
}
