package roles_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/soa-project/soa/schema/roles"
)

// FuzzParseName checks that any text parses without panicking and that a
// name with a letter in it never loses all of its text.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{
		"Day, Horace Talmage 1909-1984", "Jules Dalou, French, b. Paris, 1838–1902",
		"Grey, Frank H. 1883-1951 cmp", "Katsushika Hokusai 葛飾北斎 (1760-1849)",
		"Mildred McMillen, born Chicago, IL 1884-died ca. 1940", "Entomological Society of Canada (1951- )",
		"Chief Pretty Eagle (Dee-Kit-Shis/Deèkitshis), Apsáalooke (Crow/Absaroke), 1840-1903", ", , 1900-", "(((", "DSI",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := roles.ParseName(s)
		if strings.IndexFunc(s, unicode.IsLetter) >= 0 && strings.TrimSpace(n.Display) == "" && n.Relator == "" {
			t.Errorf("ParseName(%q) lost the name: %+v", s, n)
		}
		roles.FindCountries(s)
		roles.SplitLater(s)
		roles.Uncertain(s)
		roles.SplitLabeled(s)
	})
}
