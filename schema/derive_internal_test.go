package schema

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Each derivation is a function of a view: these tests build views by hand,
// without a document, and check one derived column each.

func TestDerivationsBindToEveryEntry(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range derivations {
		if seen[d.column] {
			t.Errorf("column %s derived twice", d.column)
		}
		seen[d.column] = true
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := NewBuilder(mem, "U") // panics on a derivation whose type differs from its column's
	b.Release()
}

func derivationOf(t *testing.T, column string) *derivation {
	t.Helper()
	for i := range derivations {
		if derivations[i].column == column {
			return &derivations[i]
		}
	}
	t.Fatalf("no derivation for %s", column)
	return nil
}

func TestPlaceFromLabelledFreetext(t *testing.T) {
	var v recordView
	v.reset("NZP", nil)
	v.placeItems = append(v.placeItems,
		freetextItem{label: []byte("Country"), content: []byte(" USA "), labelled: true, object: true},
		freetextItem{label: []byte("City"), content: []byte("Washington"), labelled: true, object: true})
	v.analyse(&Stats{})
	// USA is the ISO 3166-1 country United States; NZP photographs were
	// taken where they say (roles.GeoLocationRole): made.
	if got := derivationOf(t, "country").text(&v); got != "United States" {
		t.Errorf("country = %q, want United States", got)
	}
	if got := derivationOf(t, "country_code").text(&v); got != "US" {
		t.Errorf("country_code = %q, want US", got)
	}
	if got := derivationOf(t, "place_role").text(&v); got != "made" {
		t.Errorf("place_role = %q, want made", got)
	}
	if got := string(derivationOf(t, "city").bytes(&v)); got != "Washington" {
		t.Errorf("city = %q, want Washington", got)
	}
	if got := derivationOf(t, "place_source").text(&v); got != sourceFreetextPlace {
		t.Errorf("place_source = %q, want %s", got, sourceFreetextPlace)
	}
}

func TestTaxonRoleAlone(t *testing.T) {
	tests := []struct {
		name      string
		sci, comm [][]byte
		taxonKeys bool
		want      string
	}{
		{"scientific name", [][]byte{[]byte("Canis lupus")}, nil, true, RoleSpecimen},
		{"taxonomy only", nil, nil, true, RoleSubject},
		{"common name only", nil, [][]byte{[]byte("wolf")}, false, RoleSubject},
		{"none", nil, nil, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v recordView
			v.reset("NMNH", nil)
			v.lists[listScientificNames], v.lists[listCommonNames], v.taxonKeys = tt.sci, tt.comm, tt.taxonKeys
			if got := derivationOf(t, "taxon_role").text(&v); got != tt.want {
				t.Errorf("taxon_role = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestYearsFromBucketsAlone(t *testing.T) {
	var v recordView
	v.reset("NMAH", nil) // a unit whose buckets describe the object
	v.lists[listDates] = [][]byte{[]byte("1960s")}
	var stats Stats
	v.analyse(&stats)
	start, okStart := derivationOf(t, "year_start").year(&v)
	end, okEnd := derivationOf(t, "year_end").year(&v)
	if !okStart || !okEnd || start != 1960 || end != 1969 {
		t.Errorf("years = %d,%v .. %d,%v, want 1960 .. 1969", start, okStart, end, okEnd)
	}
	if got := string(derivationOf(t, "date_source").bytes(&v)); got != sourceBuckets {
		t.Errorf("date_source = %q, want %s", got, sourceBuckets)
	}
}
