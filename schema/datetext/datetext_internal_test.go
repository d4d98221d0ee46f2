package datetext

import "testing"

// commonDateForms are the freetext dates most records carry (NMNH
// collection dates, years, ranges, circa): the parser must not allocate on
// them, as it runs on every record.
var commonDateForms = [][]byte{
	[]byte("15 Jun 1952"), []byte("1934"), []byte("1929-1965"), []byte("c. 1818-30"), []byte("June 4, 1971"),
	[]byte("Apr 1952 to May 1952"), []byte("19480516"), []byte("2013:12:07"), []byte("09/29/2004"),
	[]byte("late 19th century"), []byte("1850s"), []byte("n.d."), []byte("Edo period"),
	[]byte("(1886-1895/cast 1895-1904)"), []byte("1879-80 (printed 1919-20 from cancelled plate)"),
}

func TestDateTextAllocs(t *testing.T) {
	for _, s := range commonDateForms {
		allocs := testing.AllocsPerRun(100, func() {
			var acc Acc
			acc.AddText(s)
			acc.Resolve()
		})
		if allocs != 0 {
			t.Errorf("parsing %q allocates %.0f times", s, allocs)
		}
	}
}

// BenchmarkDateText parses the common forms, the work a record's freetext
// dates add to a conversion.
//
//	go test ./schema/datetext -run '^$' -bench DateText
func BenchmarkDateText(b *testing.B) {
	n := 0
	for _, s := range commonDateForms {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range commonDateForms {
			var acc Acc
			acc.AddText(s)
			acc.Resolve()
		}
	}
	b.ReportMetric(float64(b.N*len(commonDateForms))/b.Elapsed().Seconds(), "dates/s")
}
