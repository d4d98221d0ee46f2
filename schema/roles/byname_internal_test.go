package roles

import (
	"strings"
	"testing"
	"unicode"

	"github.com/biter777/countries"
)

// textPrepareRef is what github.com/biter777/countries' ByName switches on
// (its textPrepare, v1.7.5): the letters before the first "(", upper-cased.
func textPrepareRef(text string) string {
	if i := strings.Index(text, "("); i > -1 {
		text = text[:i]
	}
	var out string
	for _, r := range text {
		if unicode.IsLetter(r) {
			out += string(r)
		}
	}
	return strings.ToUpper(out)
}

var placeSeeds = []string{"", "USA", "United States", "united states of america", "Xi'an (Shaanxi Sheng, China)", "Côte d'Ivoire",
	"Österreich", "England", "Republic of Ireland", "Burma", "Georgia", "  France ", "Ill.", "Éire", "ǅ", "a\xffb", "ÿ", "ß",
	"People's Republic of China", "Korea (South)", "Prussia", "1234", "Mexico City, Mexico"}

func TestNameKeyOf(t *testing.T) {
	for _, s := range placeSeeds {
		if got, want := nameKeyOf(s), textPrepareRef(s); got != want {
			t.Errorf("nameKeyOf(%q) = %q, want %q", s, got, want)
		}
		for range 2 { // the second call reads the cache
			if got, want := byName(s), countries.ByName(s); got != want {
				t.Errorf("byName(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func FuzzNameKeyOf(f *testing.F) {
	for _, s := range placeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := nameKeyOf(s), textPrepareRef(s); got != want {
			t.Errorf("nameKeyOf(%q) = %q, want %q", s, got, want)
		}
		if got, want := byName(s), countries.ByName(s); got != want {
			t.Errorf("byName(%q) = %v, want %v", s, got, want)
		}
	})
}

func BenchmarkFindCountries(b *testing.B) {
	for b.Loop() {
		for _, s := range placeSeeds {
			FindCountries(s)
		}
	}
}
