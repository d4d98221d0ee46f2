package roles

import "testing"

// uncertainTokens are the pieces of the dates TestMayBeUncertain joins:
// every word of uncertainRe in several cases, the non-ASCII letters that
// fold to its ASCII ones, and ordinary dates.
var uncertainTokens = []string{"c.", "C.", "ca", "Ca.", "CA.", "circa", "Circa", "about", "ABOUT", "approx.", "Approximately",
	"possibly", "probably", "Perhaps", "likely", "li\u212aely", "po\u017fsibly", "(inferred)", "Inferred", "or", "OR", "?",
	"[1921]", "[185-?]", "185u", "19uu", "19UU", "c1921", "C1921", "1921", "1850", "May", "Jun", "to", "Apr", "Oct", "Sep",
	"Edo period", "undated", "n.d.", "1850 or 1851", "Between 1920 and 1940", "between", "s", "", "18th century", "é"}

// TestMayBeUncertain checks the prefilter never hides a match of
// uncertainRe: every pair of tokens, with every separator.
func TestMayBeUncertain(t *testing.T) {
	n := 0
	for _, a := range uncertainTokens {
		for _, b := range uncertainTokens {
			for _, sep := range []string{" ", ",", "-", "(", ";", "", "  "} {
				s := a + sep + b
				if uncertainRe.MatchString(s) {
					n++
					if !mayBeUncertain(s) {
						t.Errorf("mayBeUncertain(%q) = false, but uncertainRe matches", s)
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d matches: the test reads too little", n)
	}
	for _, s := range []string{"2 May 1952", "Jun 1952 to Jul 1952", "1920s", "Aug 1888", "18970510", "1897-1898"} {
		if mayBeUncertain(s) {
			t.Errorf("mayBeUncertain(%q) = true: the prefilter lets a plain date through", s)
		}
	}
}

func FuzzMayBeUncertain(f *testing.F) {
	for _, s := range uncertainTokens {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if uncertainRe.MatchString(s) && !mayBeUncertain(s) {
			t.Errorf("mayBeUncertain(%q) = false, but uncertainRe matches", s)
		}
	})
}
