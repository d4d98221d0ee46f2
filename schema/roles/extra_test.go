package roles_test

import (
	"testing"

	"github.com/soa-project/soa/schema/roles"
)

func TestPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Unknown", true},             // NASM Manufacturer, SIA Creator (siris_arc_372807)
		{"Unidentified Artist", true}, // NPG npg_S_NPG.66.73
		{"Unidentified", true},        // SAAM saam_2004.29.63
		{"Unidentified Man", true},    // NPG Sitter
		{"Collector illegible", true}, // NMNHBOTANY
		{"Nomoli Style", true},        // NMAfA nmafa_85-1-3: a style, not a maker
		{"Kongo artist", false},       // NMAfA names the maker by people
		{"Temne artist", false},
		{"Ethiopian Orthodox", false},
		{"Wright Aeronautical", false},
	}
	for _, tt := range tests {
		if got := roles.Placeholder(tt.in); got != tt.want {
			t.Errorf("Placeholder(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSameNameFullerForm(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		// freetext display (ParseName) vs indexedStructured.name of the same NMAI record
		{"Charles W. Furlong (Charles Wellington Furlong)", "Furlong, Charles W.", true},
		{"General Nelson A. Miles (Nelson Appleton Miles)", "Miles, General Nelson A.", true},
		{"Chief Pretty Eagle (Dee-Kit-Shis/Deèkitshis)", "Pretty Eagle, Chief", true},
		{"Charlotte Williams Conable (Mrs. Barber J. Conable, Jr.)", "Conable, Barber", false},
		{"Barber Conable (Barber Benjamin Conable, Jr.)", "Conable, Barber", true},
	}
	for _, tt := range tests {
		if got := roles.SameName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPartOf(t *testing.T) {
	tests := []struct {
		part, whole string
		want        bool
	}{
		{"National Museum of Natural History (U.S.)", "National Museum of Natural History (U.S.) Department of Mineral Sciences", true}, // siris_arc_390189
		{"National Air and Space Museum (U.S.)", "National Air and Space Museum (U.S.) Exhibits Design Department", true},
		{"Day, Horace Talmage", "Day, Horace Talmage", false}, // same, not part
		{"Eakins, Thomas", "Eakins, Thomas Cowperthwait", true},
		{"Miles", "Reber, Cecelia Miles", false},
		{"", "Unknown", false},
	}
	for _, tt := range tests {
		if got := roles.PartOf(tt.part, tt.whole); got != tt.want {
			t.Errorf("PartOf(%q, %q) = %v, want %v", tt.part, tt.whole, got, tt.want)
		}
	}
}

// TestNumberRank follows the hand audit's number choices.
func TestNumberRank(t *testing.T) {
	tests := []struct {
		unit, label string
		want        int
	}{
		{"NMNHBOTANY", "USNM Number", 1},
		{"NMNHBOTANY", "Barcode", 2}, // nmnhbotany_15818707 has no USNM Number: its sheet barcode
		{"NMNHBOTANY", "Other Numbers", 0},
		{"NMNHENTO", "USNM Type Number", 1}, // nmnhentomology_9106301, split from Other Numbers
		{"NMNHMAMMALS", "Accession Number", 3},
		{"NMAH", "ID Number", 1},
		{"NMAH", "catalog number", 3},
		{"NMAH", "nonaccession number", 0},
		{"SIL", "Call number", 1},
		{"NMAI", "Barcode", 0},
	}
	for _, tt := range tests {
		if got := roles.NumberRank(tt.unit, roles.IdentifierScheme(tt.label), tt.label); got != tt.want {
			t.Errorf("NumberRank(%q, %q) = %d, want %d", tt.unit, tt.label, got, tt.want)
		}
	}
}
