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
			id: "siris_arc_209611", unit: "AAA",
			freetext: []roles.Labeled{
				{"Creator", "DuMond, Frank Vincent 1865-1951"},
				{"Subject", "DuMond, Helen Savier 1872-"},
				{"photographer", "Gee, Richard V"},
			},
			indexed: []roles.Indexed{{"personal_main", "DuMond, Frank Vincent"}, {"personal_subj", "DuMond, Helen Savier"}, {"personal_subj", "Gee, Richard V"}},
			makers:  []string{"DuMond, Frank Vincent"},
			rows:    3,
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

// TestPickPlace and the tests below use the places and dates of sample
// records, with the values of the hand audit (written from the JSON).
func TestPickPlace(t *testing.T) {
	tests := []struct {
		id, unit string
		places   []roles.Labeled
		index    int
		role     roles.PlaceRole
	}{
		{"chndm_1931-66-88", "CHNDM", []roles.Labeled{{"made in", "France"}}, 0, roles.Made},
		{"nmah_1465431", "NMAH", []roles.Labeled{{"purchased", "United States: Pennsylvania"}}, 0, roles.OtherPlace},
		{"fbr_item_MODSI2650", "FBR", []roles.Labeled{{"Place", "Republic of Ireland"}, {"Place", "Kilbride"}, {"Place", "Scotland"}}, 0, roles.OtherPlace},
		{"nmnheducation_10002802", "NMNHEDUCATION", []roles.Labeled{{"Collecting Locality", "Mt. Mansfield, at 4300 ft, North America, United States, Vermont"}}, 0, roles.Collected},
		{"npg_NPG.94.108", "NPG", []roles.Labeled{{"Place", `United States\Pennsylvania\Philadelphia\Philadelphia`}}, 0, roles.Made},
		{"saam_2004.29.63", "SAAM", nil, -1, ""},
		{"constructed: made after other", "NMAH", []roles.Labeled{{"used", "United States: Pennsylvania"}, {"place made", "United Kingdom: England, Birmingham, Birmingham"}}, 1, roles.Made},
	}
	for _, tt := range tests {
		i, r := roles.PickPlace(tt.unit, tt.places)
		if i != tt.index || r != tt.role {
			t.Errorf("PickPlace(%s) = %d, %q; want %d, %q", tt.id, i, r, tt.index, tt.role)
		}
	}
}

func TestRecordCountries(t *testing.T) {
	// siris_sil_995783: subject places China, Japan; fbr_item_MODSI2650: Ireland, Scotland.
	tests := []struct {
		id     string
		places []roles.Labeled
		geo    []string
		want   []string
	}{
		{"siris_sil_995783", []roles.Labeled{{"Place", "China"}, {"Place", "Japan"}}, []string{"People's Republic of China", "Japan"}, []string{"CN", "JP"}},
		{"fbr_item_MODSI2650", []roles.Labeled{{"Place", "Republic of Ireland"}, {"Place", "Kilbride"}, {"Place", "Scotland"}}, nil, []string{"IE", "GB"}},
		{"NMAI_152904", []roles.Labeled{{"Place", "Plains; USA, Canada (inferred)"}}, []string{"USA, Canada"}, []string{"US", "CA"}},
		{"nmafa_85-1-3", []roles.Labeled{{"Geography", "Sierra Leone"}, {"Geography", "Guinea"}}, []string{"Sierra Leone", "Guinea"}, []string{"SL", "GN"}},
		{"saam_2004.29.63", nil, []string{"United States"}, []string{"US"}},
		{"siris_arc_211488", []roles.Labeled{{"Place", "France"}, {"Place", "Germany"}, {"Place", "Virginia"}}, nil, []string{"FR", "DE"}},
		{"state only (siris_sil_334064's place)", []roles.Labeled{{"Place", "California"}}, nil, []string{"US"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range roles.RecordCountries(tt.places, tt.geo) {
			got = append(got, c.Code)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("RecordCountries(%s) (-want +got):\n%s", tt.id, diff)
		}
	}
}

func TestDateUncertain(t *testing.T) {
	tests := []struct {
		id, unit      string
		labels, texts []string
		uncertain, ok bool
	}{
		{"nmah_884", "NMAH", []string{"Date made", "Date made", "Date made"}, []string{"late 1950s", "1955-1960", "probably late 1950s"}, true, true},
		{"hmsg_66.1084", "HMSG", []string{"Date"}, []string{"1840-1845, cast 1951-1962"}, false, true},
		{"saam_1952.13.116", "SAAM", []string{"Date"}, []string{"n.d."}, false, false},
		{"nmnhanthropology_8430767", "NMNHANTHRO", []string{"Accession Date"}, []string{"15 Aug 1964"}, false, false},
		{"siris_sil_980173", "SIL", []string{"Date", "Date", "Date", "Date"}, []string{"185u", "[185-?]", "To 1901", "1850-1860"}, true, true},
		{"siris_sil_978482", "SIL", []string{"Date", "Date", "Date"}, []string{"1921", "C1921", "1920-1930"}, false, true},
		{"nmah_1465431", "NMAH", []string{"date made", "used date"}, []string{"1952", "October 20, 1952"}, false, true},
		{"acm_1995.5009.0003", "ACM", nil, nil, false, false},
	}
	for _, tt := range tests {
		u, ok := roles.DateUncertain(tt.unit, tt.labels, tt.texts)
		if u != tt.uncertain || ok != tt.ok {
			t.Errorf("DateUncertain(%s) = %v, %v; want %v, %v", tt.id, u, ok, tt.uncertain, tt.ok)
		}
	}
}
