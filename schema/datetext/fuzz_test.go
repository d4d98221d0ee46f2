package datetext_test

import (
	"testing"

	"github.com/soa-project/soa/schema/datetext"
)

// FuzzParseDateText: never panics; a parsed span is ordered, within
// MaxYear, and its precision agrees with its ends (open when one is
// missing, undated when both are). Seeds: every freetext date of the
// sample and the forms of TestParseDateTextForms.
//
//	go test ./schema/datetext -run '^$' -fuzz FuzzParseDateText -fuzztime 5m
func FuzzParseDateText(f *testing.F) {
	for _, tt := range realDates {
		f.Add(tt.in)
	}
	for _, s := range []string{"June 15-17, 1934", "15 Jun - 20 Jul 1934", "1850s-60s", "[18--?]", "1uuu",
		"first half of the 19th century", "1st century BCE-1st century CE", "10,000 BC", "A.D. 79", "c1921",
		"1988, 1988-", "To 1901; 1850-1860", "(1876-1878/cast after 1902)", "1934-06-15T10:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := datetext.Parse(s)
		if !ok {
			return
		}
		switch {
		case d.Precision == datetext.PrecisionUndated:
			if d.HasStart || d.HasEnd {
				t.Fatalf("Parse(%q) = %+v: undated with a year", s, d)
			}
		case !d.HasStart && !d.HasEnd:
			t.Fatalf("Parse(%q) = %+v: ok without a year", s, d)
		case d.HasStart != d.HasEnd:
			if d.Precision != datetext.PrecisionOpen {
				t.Fatalf("Parse(%q) = %+v: one end, not open", s, d)
			}
		case d.Start > d.End || d.End > datetext.MaxYear:
			t.Fatalf("Parse(%q) = %+v", s, d)
		case d.Start == d.End && d.Precision > datetext.PrecisionYear:
			t.Fatalf("Parse(%q) = %+v: one year with precision %s", s, d, d.Precision)
		}
		if d.HasStart && d.Start > datetext.MaxYear || d.HasEnd && d.End > datetext.MaxYear {
			t.Fatalf("Parse(%q) = %+v: past MaxYear", s, d)
		}
	})
}
