package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The names, identifiers and later dates of a view, checked alone. The
// inputs are the values of real sample records (testdata/records), cited
// by record id; the expectations are what the records say.

func TestNamesOfHokusaiPrint(t *testing.T) {
	// fsg_F1900.47: freetext Artist is Hokusai; the indexed names are only
	// the collectors Fenollosa and Freer, with no role.
	var v recordView
	v.reset("FSG", nil)
	v.nameItems = append(v.nameItems, freetextItem{label: []byte("Artist"), content: []byte("Katsushika Hokusai 葛飾北斎 (1760-1849)"), labelled: true, object: true})
	v.names = append(v.names, indexedName{text: []byte("Fenollosa, Ernest Francisco")}, indexedName{text: []byte("Freer, Charles Lang")})
	v.people.analyse(&v)
	if diff := cmp.Diff([]string{"Katsushika Hokusai 葛飾北斎"}, v.people.makers); diff != "" {
		t.Errorf("makers (-want +got):\n%s", diff)
	}
	type row struct {
		Name, Role, Class, Source string
		Birth, Death              int32
	}
	var got []row
	for _, r := range v.people.rows {
		got = append(got, row{r.name.Display, r.role, string(r.class), r.source, r.name.Birth, r.name.Death})
	}
	want := []row{
		{"Katsushika Hokusai 葛飾北斎", "Artist", "maker", sourceFreetextName, 1760, 1849},
		{"Fenollosa, Ernest Francisco", "", "other", sourceIndexedName, 0, 0},
		{"Freer, Charles Lang", "", "other", sourceIndexedName, 0, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names rows (-want +got):\n%s", diff)
	}
}

func TestNamesFormerAttributionIsNoMaker(t *testing.T) {
	// hmsg_83.89: Artist Susan MacDowell Eakins; Formerly attributed to
	// Thomas Eakins, whom the index lists first, unlabelled.
	var v recordView
	v.reset("HMSG", nil)
	v.nameItems = append(v.nameItems,
		freetextItem{label: []byte("Artist"), content: []byte("Susan MacDowell Eakins, American, b. Philadelphia, Pennsylvania, 1851–1938"), labelled: true, object: true},
		freetextItem{label: []byte("Formerly attributed to"), content: []byte("Thomas Eakins, American, b. Philadelphia, Pennsylvania, 1844–1916"), labelled: true, object: true})
	v.names = append(v.names, indexedName{text: []byte("Eakins, Thomas")}, indexedName{text: []byte("Eakins, Susan Macdowell")})
	v.people.analyse(&v)
	if diff := cmp.Diff([]string{"Susan MacDowell Eakins"}, v.people.makers); diff != "" {
		t.Errorf("makers (-want +got):\n%s", diff)
	}
	if len(v.people.rows) != 2 {
		t.Errorf("got %d names rows, want 2 (the index says the same two people)", len(v.people.rows))
	}
}

func TestIdentifiersSplitLabelledContent(t *testing.T) {
	// A NMNH record: USNM Number, and "Field Number : 795" under Other Numbers.
	var v recordView
	v.reset("NMNHBIRDS", nil)
	v.identifierItems = append(v.identifierItems,
		freetextItem{label: []byte("Other Numbers"), content: []byte("Field Number : 795"), labelled: true, object: true},
		freetextItem{label: []byte("USNM Number"), content: []byte("B12345"), labelled: true, object: true})
	v.identifiers.analyse(&v)
	want := []identifierRow{{"field_number", "795", "Field Number"}, {"usnm_number", "B12345", "USNM Number"}}
	if diff := cmp.Diff(want, v.identifiers.rows, cmp.AllowUnexported(identifierRow{})); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if got := objectNumber(&v); got != "B12345" {
		t.Errorf("object_number = %q, want B12345", got)
	}
}

func TestLaterCastLeavesOwnDate(t *testing.T) {
	// hmsg_66.1084: "1840-1845, cast 1951-1962".
	var v recordView
	v.reset("HMSG", nil)
	v.dateItems = append(v.dateItems, freetextItem{label: []byte("Date"), content: []byte("1840-1845, cast 1951-1962"), labelled: true, object: true})
	v.dates.analyse(&v, &Stats{})
	d := v.dates
	if d.span.Start != 1840 || d.span.End != 1845 || d.later.Start != 1951 || d.later.End != 1962 {
		t.Errorf("own %d-%d later %d-%d, want 1840-1845 and 1951-1962", d.span.Start, d.span.End, d.later.Start, d.later.End)
	}
	if u, ok := dateUncertain(&v); !ok || u {
		t.Errorf("date_uncertain = %v,%v, want false", u, ok)
	}
}

func TestUncertainCirca(t *testing.T) {
	// nasm_A19710896000: "Circa 1933".
	var v recordView
	v.reset("NASM", nil)
	v.dateItems = append(v.dateItems, freetextItem{label: []byte("Date"), content: []byte("Circa 1933"), labelled: true, object: true})
	v.dates.analyse(&v, &Stats{})
	if u, ok := dateUncertain(&v); !ok || !u {
		t.Errorf("date_uncertain = %v,%v, want true", u, ok)
	}
}
