package roles_test

import (
	"fmt"

	"github.com/soa-project/soa/schema/roles"
)

// A SIL sheet-music record (siris_sil_978482): the relator code after the
// name says what the "Author" did.
func ExampleClassifyName() {
	for _, content := range []string{
		"Grey, Frank H. 1883-1951 cmp",
		"Gaylord, Harriet lyr",
		"Bella C. Landauer Collection of Aeronautical Sheet Music (Smithsonian Institution. Libraries) DSI",
	} {
		n, class, _ := roles.ClassifyName("SIL", "Author", content)
		fmt.Printf("%s | %s | %s\n", n.Display, n.Relator, class)
	}
	// Output:
	// Grey, Frank H. | cmp | maker
	// Gaylord, Harriet | lyr | maker
	// Bella C. Landauer Collection of Aeronautical Sheet Music (Smithsonian Institution. Libraries) | DSI | provenance
}

// An NMAI place (NMAI_152904) names two countries.
func ExampleFindCountries() {
	for _, c := range roles.FindCountries("Plains; USA, Canada (inferred)") {
		fmt.Println(c.Code, c.Name)
	}
	// Output:
	// US United States
	// CA Canada
}

// An HMSG bronze (hmsg_66.1084): the model's date and the later cast.
func ExampleSplitLater() {
	own, later := roles.SplitLater("1840-1845, cast 1951-1962")
	fmt.Printf("own %q, later %q\n", own, later)
	// Output:
	// own "1840-1845", later "cast 1951-1962"
}
