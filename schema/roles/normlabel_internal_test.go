package roles

import (
	"strings"
	"testing"
)

// normLabelRef is what normLabel computes, written plainly.
func normLabelRef(label string) string {
	return strings.Join(strings.Fields(strings.ToLower(label)), " ")
}

var labelSeeds = []string{"", " ", "Date", "date", "Date Made", "date  made", " date", "date ", "\tDate\r\n", "Collector",
	"Former Owner", "ACCESSION #", "a\vb\fc", "Ém", "Place\u00a0made", "x\u0085y", "İstanbul", "KELVIN \u212a", "a b"}

func TestNormLabel(t *testing.T) {
	for _, s := range labelSeeds {
		if got, want := normLabel(s), normLabelRef(s); got != want {
			t.Errorf("normLabel(%q) = %q, want %q", s, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { normLabel("date made") }); n != 0 {
		t.Errorf("normLabel of a folded label allocates %v times", n)
	}
}

func FuzzNormLabel(f *testing.F) {
	for _, s := range labelSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normLabel(s), normLabelRef(s); got != want {
			t.Errorf("normLabel(%q) = %q, want %q", s, got, want)
		}
	})
}
