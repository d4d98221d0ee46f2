package roles_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/schema/roles"
)

func TestSamePerson(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Thomas Eakins", "Eakins, Thomas Cowperthwait", true},             // hmsg_78.119 freetext vs indexed
		{"Susan MacDowell Eakins", "MacDowell Eakins, Susan Hannah", true}, // hmsg_83.89
		{"Bertrand F. Harrison", "Harrison, B. F.", true},                  // NMNHBOTANY
		{"Seymour H. Levy", "Levy, S. H.", true},                           // nmnhvz_14800560
		{"K. W. Parker", "Parker, K. W.", true},
		{"Kittie Fenley Parker", "Parker, K. W.", false},
		{"Kittie Fenley Parker", "Parker, K. F.", true},
		{"Charlotte Williams Conable (Mrs. Barber J. Conable, Jr.)", "Conable, Barber", false},
		{"Cecil Morgan", "Morgan, Thisba Hutson", false},
		{"John Elliott", "Elliot, Jonathan", false},
		{"Jonathan Elliot", "Elliot, Jonathan", true},
		{"Kuschel", "Kuschel", true},
	}
	for _, tt := range tests {
		if got := roles.SamePerson(tt.a, tt.b); got != tt.want {
			t.Errorf("SamePerson(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestRecordNames reads whole name lists of sample records; the makers are
// those of the hand audit (testdata/audit on the audit branches), written
// from the JSON.
func TestRecordNames(t *testing.T) {
	tests := []struct {
		id, unit string
		freetext []roles.Labeled
		indexed  []roles.Indexed
		makers   []string
		rows     int // names rows: one per person per role
	}{
		{
			id: "hmsg_83.89", unit: "HMSG",
			freetext: []roles.Labeled{
				{"Artist", "Susan MacDowell Eakins, American, b. Philadelphia, Pennsylvania, 1851–1938"},
				{"Formerly attributed to", "Thomas Eakins, American, b. Philadelphia, Pennsylvania, 1844–1916"},
			},
			indexed: []roles.Indexed{{"", "Eakins, Thomas Cowperthwait"}, {"", "MacDowell Eakins, Susan Hannah"}},
			makers:  []string{"Susan MacDowell Eakins"},
			rows:    2,
		},
		{
			id: "siris_sil_978482", unit: "SIL",
			freetext: []roles.Labeled{
				{"Author", "Grey, Frank H. 1883-1951 cmp"},
				{"Author", "Gaylord, Harriet lyr"},
				{"Author", "Bella C. Landauer Collection of Aeronautical Sheet Music (Smithsonian Institution. Libraries) DSI"},
				{"Subject", "Grey, Frank H. 1883-1951"},
			},
			indexed: []roles.Indexed{
				{"", "Grey, Frank H."},
				{"", "Bella C. Landauer Collection of Aeronautical Sheet Music (Smithsonian Institution. Libraries)"},
				{"", "Grey, Frank H"},
				{"", "Gaylord, Harriet"},
			},
			makers: []string{"Grey, Frank H.", "Gaylord, Harriet"},
			rows:   4,
		},
		{
			id: "siris_arc_390189", unit: "SIA",
			freetext: []roles.Labeled{{"Creator", "National Museum of Natural History (U.S.) Department of Mineral Sciences"}},
			indexed:  []roles.Indexed{{"corporate_main", "National Museum of Natural History (U.S.)"}},
			makers:   []string{"National Museum of Natural History (U.S.) Department of Mineral Sciences"},
			rows:     1,
		},
		{
			id: "fbr_item_MODSI2650", unit: "FBR",
			indexed: []roles.Indexed{{"personal_main", "Stelfox, Arthur Wilson, 1883-1972"}},
			makers:  []string{"Stelfox, Arthur Wilson"},
			rows:    1,
		},
		{
			id: "npg_S_NPG.66.73", unit: "NPG",
			freetext: []roles.Labeled{
				{"Artist", "Unidentified Artist"},
				{"Former attribution", "John Wollaston, c. 1710 - c. 1767"},
				{"Formerly identified as", "John Bartram, 23 Mar 1699 - 22 Sep 1777"},
				{"Sitter", "Unidentified Man"},
			},
			indexed: []roles.Indexed{{"", "Bartram, John"}, {"", "Wollaston, John"}},
			makers:  []string{},
			rows:    4,
		},
		{
			id: "nasm_A19740677000", unit: "NASM",
			freetext: []roles.Labeled{{"Manufacturer", "Airstream, Inc."}, {"Contractor", "Melpar, Inc."}},
			indexed:  []roles.Indexed{{"", "Airstream, Inc."}, {"", "Melpar, Inc."}},
			makers:   []string{"Airstream, Inc.", "Melpar, Inc."},
			rows:     2,
		},
		{
			id: "nmnhbotany (Collector)", unit: "NMNHBOTANY",
			freetext: []roles.Labeled{{"Collector", "Bertrand F. Harrison"}, {"Min. Elevation", "1200"}},
			indexed:  []roles.Indexed{{"", "Harrison, B. F."}},
			makers:   []string{},
			rows:     1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			rows := roles.RecordNames(tt.unit, tt.freetext, tt.indexed)
			if diff := cmp.Diff(tt.makers, roles.Makers(rows)); diff != "" {
				t.Errorf("makers (-want +got):\n%s", diff)
			}
			if len(rows) != tt.rows {
				t.Errorf("%d names rows, want %d: %+v", len(rows), tt.rows, rows)
			}
		})
	}
}

func TestRecordNamesRows(t *testing.T) {
	// NMAAHC nmaahc_2012.36.4ab
	rows := roles.RecordNames("NMAAHC",
		[]roles.Labeled{{"Created by", "Vic Firth Company, American, founded 1963"}, {"Used by", "Art Blakey, American, 1919 - 1990"}},
		[]roles.Indexed{{"", "Blakey, Art"}, {"", "Vic Firth Company"}})
	want := []roles.NameRow{
		{Name: roles.Name{Display: "Vic Firth Company"}, Role: "Created by", Class: roles.Maker, Source: roles.SourceFreetext},
		{Name: roles.Name{Display: "Art Blakey", Birth: 1919, Death: 1990, HasBirth: true, HasDeath: true}, Role: "Used by", Class: roles.Subject, Source: roles.SourceFreetext},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("RecordNames(nmaahc_2012.36.4ab) (-want +got):\n%s", diff)
	}
	// AAA siris_arc_209611: an indexed subject not in freetext keeps its type as role.
	rows = roles.RecordNames("AAA", []roles.Labeled{{"Creator", "DuMond, Frank Vincent 1865-1951"}},
		[]roles.Indexed{{"personal_main", "DuMond, Frank Vincent"}, {"personal_subj", "DuMond, Helen Savier"}})
	want = []roles.NameRow{
		{Name: roles.Name{Display: "DuMond, Frank Vincent", Birth: 1865, Death: 1951, HasBirth: true, HasDeath: true}, Role: "Creator", Class: roles.Maker, Source: roles.SourceFreetext},
		{Name: roles.Name{Display: "DuMond, Helen Savier"}, Role: "personal_subj", Class: roles.Subject, Source: roles.SourceIndexed},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("RecordNames(siris_arc_209611) (-want +got):\n%s", diff)
	}
}
