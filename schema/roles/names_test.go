package roles_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/schema/roles"
)

// TestNameLabelSampleLabels lists every one of the 63 freetext.name labels
// of the sample (../shared/design/edan-fields.md) with a unit that uses it
// and the class the contract (spec/contract-24.md) gives it.
func TestNameLabelSampleLabels(t *testing.T) {
	const notName = roles.NameClass("-")
	tests := []struct {
		unit, label string
		want        roles.NameClass
	}{
		{"AAA", "Subject", roles.Subject},
		{"NMAI", "Collector", roles.Provenance},
		{"NMNHBOTANY", "Collector", roles.Contributor},
		{"NMNHBOTANY", "Biogeographical Region", notName},
		{"NMNHBOTANY", "Min. Elevation", notName},
		{"SIL", "Author", roles.Maker},
		{"NMAI", "Donor", roles.Provenance},
		{"FSG", "Artist", roles.Maker},
		{"NMAI", "Previous owner", roles.Provenance},
		{"NMAI", "Culture/People", notName},
		{"NASM", "Manufacturer", roles.Maker},
		{"AAA", "Creator", roles.Maker},
		{"NASM", "Astronaut", roles.Subject},
		{"NMNHMAMMALS", "Microhabitat Description", notName},
		{"NPG", "Sitter", roles.Subject},
		{"SIL", "author", roles.Maker},
		{"NMNHBOTANY", "Max. Elevation", notName},
		{"NMAfA", "Maker", roles.Maker},
		{"NMAH", "maker", roles.Maker},
		{"NMAH", "referenced", roles.Subject},
		{"NMNHANTHRO", "Donor Name", roles.Provenance},
		{"SIL", "donor", roles.Provenance},
		{"FBR", "Alternate Title", notName},
		{"HMSG", "Attributed to", roles.Maker},
		{"NMNHEDUCATION", "Discipline", notName},
		{"NPG", "Publisher", roles.Publisher},
		{"NMNHEDUCATION", "Region", notName},
		{"SIL", "former owner", roles.Provenance},
		{"SIL", "issuing body", roles.Publisher},
		{"NMAH", "performer", roles.Contributor},
		{"NMAI", "Artist/Maker", roles.Maker},
		{"NPG", "Associated Person", roles.Contributor},
		{"NPG", "Attribution", roles.Maker},
		{"NPG", "Begun by", roles.Maker},
		{"NPG", "Cast after", roles.Contributor},
		{"NMAI", "Commissioner", roles.Contributor},
		{"NASM", "Contractor", roles.Maker},
		{"NPG", "Copy after", roles.Contributor},
		{"NMAAHC", "Created by", roles.Maker},
		{"NMNHBOTANY", "Expedition", notName},
		{"NPG", "Finished by", roles.Maker},
		{"NPG", "Former attribution", roles.Former},
		{"HMSG", "Formerly attributed to", roles.Former},
		{"NPG", "Formerly identified as", roles.Former},
		{"NPG", "Lithographer", roles.Maker},
		{"NMNHPALEO", "Ocean/Sea/Gulf", notName},
		{"NPG", "Other attribution", roles.Former},
		{"NASM", "Pilot", roles.Subject},
		{"NMAI", "Possible collector", roles.Former},
		{"NPG", "Possibly", roles.Maker},
		{"NMAI", "Previous seller", roles.Provenance},
		{"NPG", "Publication", roles.Publisher},
		{"NMNHINV", "River Basin", notName},
		{"NMAI", "Seller", roles.Provenance},
		{"NPG", "Studio", roles.Maker},
		{"SIA", "Uniform title", notName},
		{"NMAAHC", "Used by", roles.Subject},
		{"SIL", "collector", roles.Provenance},
		{"SIL", "editor", roles.Contributor},
		{"AAA", "photographer", roles.Maker}, // RecordNames makes siris_arc_209611's a contributor (typed personal_subj)
		{"NMAH", "publisher", roles.Publisher},
		{"SIL", "writer of afterword", roles.Contributor},
		{"SIL", "writer of foreword", roles.Contributor},
		{"SIL", "writer of introduction", roles.Contributor},
	}
	labels := map[string]bool{}
	for _, tt := range tests {
		labels[tt.label] = true
		t.Run(tt.unit+"/"+tt.label, func(t *testing.T) {
			got, ok := roles.NameLabel(tt.unit, tt.label)
			if !ok {
				got = notName
			}
			if got != tt.want {
				t.Errorf("NameLabel(%q, %q) = %q, want %q", tt.unit, tt.label, got, tt.want)
			}
		})
	}
	if len(labels) != 63 {
		t.Errorf("the table lists %d distinct labels, want the 63 of edan-fields.md", len(labels))
	}
}

func TestNameLabelUnseen(t *testing.T) {
	tests := []struct {
		label string
		want  roles.NameClass
	}{
		{"Engraver", roles.Maker},
		{"Printmaker", roles.Maker},
		{"Sculptor", roles.Maker},
		{"Formerly owned by", roles.Former},
		{"Lender", roles.Provenance},
		{"Person depicted", roles.Subject},
		{"Published by", roles.Publisher},
		{"Translator", roles.Contributor},
		{"Witness", roles.OtherName},
		// NMAH role terms outside the sample
		{"user", roles.Subject},
		{"wearer", roles.Subject},
		{"patentee", roles.Maker},
		{"retailer", roles.Provenance},
		{"distributor", roles.Publisher},
		{"inventor", roles.Maker},
		{"designer", roles.Maker},
		{"printer", roles.Maker},
		{"owner", roles.Provenance},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			got, ok := roles.NameLabel("NMAH", tt.label)
			if !ok || got != tt.want {
				t.Errorf("NameLabel(NMAH, %q) = %q, %v; want %q, true", tt.label, got, ok, tt.want)
			}
		})
	}
}

func TestIndexedNameType(t *testing.T) {
	tests := []struct {
		unit, typ string
		want      roles.NameClass
	}{
		{"AAA", "personal_main", roles.Maker},   // Day, Horace Talmage: Creator of siris_arc_211488
		{"SIA", "corporate_main", roles.Maker},  // National Air and Space Museum (U.S.): Creator
		{"SIA", "event_subj", roles.Subject},    // ... (Exhibition)
		{"AAA", "personal_subj", roles.Subject}, // Gee, Richard V
		{"FBR", "personal_main", roles.Maker},   // Stelfox, Arthur Wilson, 1883-1972: the diarist
		{"NPG", "", roles.OtherName},            // plain strings carry no role
		{"NMAH", "personal_main", roles.OtherName},
	}
	for _, tt := range tests {
		if got := roles.IndexedNameType(tt.unit, tt.typ); got != tt.want {
			t.Errorf("IndexedNameType(%q, %q) = %q, want %q", tt.unit, tt.typ, got, tt.want)
		}
	}
}

func TestParseName(t *testing.T) {
	tests := []struct {
		in   string
		want roles.Name
	}{
		{"Day, Horace Talmage 1909-1984", roles.Name{Display: "Day, Horace Talmage", Birth: 1909, Death: 1984, HasBirth: true, HasDeath: true}},
		{"Laning, Edward 1906-", roles.Name{Display: "Laning, Edward", Birth: 1906, HasBirth: true}},
		{"West, S. Jessie (Sarah Jessie)", roles.Name{Display: "West, S. Jessie (Sarah Jessie)"}},
		{"Merriam, C. Hart (Clinton Hart) 1855-1942", roles.Name{Display: "Merriam, C. Hart (Clinton Hart)", Birth: 1855, Death: 1942, HasBirth: true, HasDeath: true}},
		{"Charles Nicolas Ransonnette, French, 1793 - 1877", roles.Name{Display: "Charles Nicolas Ransonnette", Birth: 1793, Death: 1877, HasBirth: true, HasDeath: true}},
		{"Katsushika Hokusai 葛飾北斎 (1760-1849)", roles.Name{Display: "Katsushika Hokusai 葛飾北斎", Birth: 1760, Death: 1849, HasBirth: true, HasDeath: true}},
		{"Jules Dalou, French, b. Paris, 1838–1902", roles.Name{Display: "Jules Dalou", Birth: 1838, Death: 1902, HasBirth: true, HasDeath: true}},
		{"Susan MacDowell Eakins, American, b. Philadelphia, Pennsylvania, 1851–1938", roles.Name{Display: "Susan MacDowell Eakins", Birth: 1851, Death: 1938, HasBirth: true, HasDeath: true}},
		{"Neil A. Armstrong, 1930 - 2012", roles.Name{Display: "Neil A. Armstrong", Birth: 1930, Death: 2012, HasBirth: true, HasDeath: true}},
		{"John H. Glenn, Jr.", roles.Name{Display: "John H. Glenn, Jr."}},
		{"Airstream, Inc.", roles.Name{Display: "Airstream, Inc."}},
		{"Union Carbide, Nuclear Division", roles.Name{Display: "Union Carbide, Nuclear Division"}},
		{"Vic Firth Company, American, founded 1963", roles.Name{Display: "Vic Firth Company"}},
		{"Art Blakey, American, 1919 - 1990", roles.Name{Display: "Art Blakey", Birth: 1919, Death: 1990, HasBirth: true, HasDeath: true}},
		{"August Franzen, Non-Indian, 1863-1938", roles.Name{Display: "August Franzen", Birth: 1863, Death: 1938, HasBirth: true, HasDeath: true}},
		{"Charles W. Furlong (Charles Wellington Furlong), Non-Indian, 1874-1967", roles.Name{Display: "Charles W. Furlong (Charles Wellington Furlong)", Birth: 1874, Death: 1967, HasBirth: true, HasDeath: true}},
		{"Sam Conable (Samuel Williams Conable), Non-Indian", roles.Name{Display: "Sam Conable (Samuel Williams Conable)"}},
		{"Chief Pretty Eagle (Dee-Kit-Shis/Deèkitshis), Apsáalooke (Crow/Absaroke), 1840-1903", roles.Name{Display: "Chief Pretty Eagle (Dee-Kit-Shis/Deèkitshis)", Birth: 1840, Death: 1903, HasBirth: true, HasDeath: true}},
		{"Albert Newsam, 20 May 1809 - 20 Nov 1864", roles.Name{Display: "Albert Newsam", Birth: 1809, Death: 1864, HasBirth: true, HasDeath: true}},
		{"John Wollaston, c. 1710 - c. 1767", roles.Name{Display: "John Wollaston", Birth: 1710, Death: 1767, HasBirth: true, HasDeath: true}},
		{"Red Jacket, c. 1758 - 20 Jan 1830", roles.Name{Display: "Red Jacket", Birth: 1758, Death: 1830, HasBirth: true, HasDeath: true}},
		{"Jonathan Elliot, 1784 - 12 Mar 1846", roles.Name{Display: "Jonathan Elliot", Birth: 1784, Death: 1846, HasBirth: true, HasDeath: true}},
		{"Lehman & Duval Lithography Company, active 1835 - 1837", roles.Name{Display: "Lehman & Duval Lithography Company"}},
		{"Edward C. Biddle, active early 19th century", roles.Name{Display: "Edward C. Biddle"}},
		{"Ernest C. Peixotto, born San Francisco, CA 1869-died New York City 1940", roles.Name{Display: "Ernest C. Peixotto", Birth: 1869, Death: 1940, HasBirth: true, HasDeath: true}},
		{"José Guadalupe Posada, Mexican, Aguascalientes, Mexico 1852-died Mexico City, Mexico 1913", roles.Name{Display: "José Guadalupe Posada", Birth: 1852, Death: 1913, HasBirth: true, HasDeath: true}},
		{"Mildred McMillen, born Chicago, IL 1884-died ca. 1940", roles.Name{Display: "Mildred McMillen", Birth: 1884, Death: 1940, HasBirth: true, HasDeath: true}},
		{"Unidentified Artist", roles.Name{Display: "Unidentified Artist"}},
		{"Bailey, Vernon, 1864-1942", roles.Name{Display: "Bailey, Vernon", Birth: 1864, Death: 1942, HasBirth: true, HasDeath: true}},
		{"Grey, Frank H. 1883-1951 cmp", roles.Name{Display: "Grey, Frank H.", Relator: "cmp", Birth: 1883, Death: 1951, HasBirth: true, HasDeath: true}},
		{"Gaylord, Harriet lyr", roles.Name{Display: "Gaylord, Harriet", Relator: "lyr"}},
		{"A. Hoen & Co ltg", roles.Name{Display: "A. Hoen & Co", Relator: "ltg"}},
		{"Carruthers, John Franklin Bruce 1889-1960 DSI", roles.Name{Display: "Carruthers, John Franklin Bruce", Relator: "DSI", Birth: 1889, Death: 1960, HasBirth: true, HasDeath: true}},
		{"Burndy Library DSI", roles.Name{Display: "Burndy Library", Relator: "DSI"}},
		{"西安碑林博物馆 editor", roles.Name{Display: "西安碑林博物馆", Relator: "editor"}},
		{"Entomological Society of Canada (1863-1871)", roles.Name{Display: "Entomological Society of Canada (1863-1871)"}},
		{"Entomological Society of Canada (1951- )", roles.Name{Display: "Entomological Society of Canada (1951- )"}},
		{"International Congress of Entomology (20th : 1996 : Florence, Italy)", roles.Name{Display: "International Congress of Entomology (20th : 1996 : Florence, Italy)"}},
		{"Sālote Tupou III Queen of Tonga 1900-1965", roles.Name{Display: "Sālote Tupou III Queen of Tonga", Birth: 1900, Death: 1965, HasBirth: true, HasDeath: true}},
		{"Harriman Alaska Expedition (1899)", roles.Name{Display: "Harriman Alaska Expedition (1899)"}},
		{"Apollo 11 (Spacecraft)", roles.Name{Display: "Apollo 11 (Spacecraft)"}},
		{"Wood, John A. 1932-", roles.Name{Display: "Wood, John A.", Birth: 1932, HasBirth: true}},
		{"影山純夫 1947-", roles.Name{Display: "影山純夫", Birth: 1947, HasBirth: true}},
		{"Republic Of Korea, Seoul", roles.Name{Display: "Republic Of Korea, Seoul"}},
		{"Harrison, B. F.", roles.Name{Display: "Harrison, B. F."}}, // initials, not "b." (born)
		{"Joe, B.", roles.Name{Display: "Joe, B."}},
		{"Parker, D.", roles.Name{Display: "Parker, D."}},
		{"Edward Dunn, d. 1880", roles.Name{Display: "Edward Dunn", Death: 1880, HasDeath: true}},
		{"Jane Roe, b. 1950", roles.Name{Display: "Jane Roe", Birth: 1950, HasBirth: true}},
		{"Generous Friends: Building an Art Collection for the National Air and Space Museum (Exhibition) 2004-2006: Washington, D.C.)",
			roles.Name{Display: "Generous Friends: Building an Art Collection for the National Air and Space Museum (Exhibition) 2004-2006: Washington, D.C.)"}}, // SIA, unbalanced parenthesis as given
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, roles.ParseName(tt.in)); diff != "" {
				t.Errorf("ParseName(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestClassifyNameRelatorOverridesLabel(t *testing.T) {
	tests := []struct {
		label, content string
		want           roles.NameClass
		display        string
	}{
		{"Author", "Gaylord, Harriet lyr", roles.Maker, "Gaylord, Harriet"}, // siris_sil_978482: "poem by Harriet Gaylord"
		{"Author", "Wallerstein, A (Anton) 1813-1892 cmp", roles.Maker, "Wallerstein, A (Anton)"},
		{"Author", "Bella C. Landauer Collection of Aeronautical Sheet Music (Smithsonian Institution. Libraries) DSI", roles.Provenance, "Bella C. Landauer Collection of Aeronautical Sheet Music (Smithsonian Institution. Libraries)"},
		{"Author", "Antes, Adam 1891-1984", roles.Maker, "Antes, Adam"},
	}
	for _, tt := range tests {
		n, c, ok := roles.ClassifyName("SIL", tt.label, tt.content)
		if !ok || c != tt.want || n.Display != tt.display {
			t.Errorf("ClassifyName(SIL, %q, %q) = %q, %q, %v; want %q, %q, true", tt.label, tt.content, n.Display, c, ok, tt.display, tt.want)
		}
	}
	if _, _, ok := roles.ClassifyName("NMNHBOTANY", "Min. Elevation", "1200"); ok {
		t.Error("ClassifyName(Min. Elevation) ok = true, want false")
	}
}

func TestRelatorClass(t *testing.T) {
	tests := []struct {
		in   string
		want roles.NameClass
		ok   bool
	}{
		{"cmp", roles.Maker, true},
		{"lyr", roles.Maker, true}, // RDA: a lyricist is a creator of the song
		{"ltg", roles.Maker, true},
		{"DSI", roles.Provenance, true},
		{"former owner", roles.Provenance, true},
		{"Issuing body", roles.Publisher, true},
		{"aut", roles.Maker, true},
		{"xyz", "", false},
		{"dsi", "", false}, // codes are case-sensitive: only the upper-case DSI is the donor code
	}
	for _, tt := range tests {
		got, ok := roles.RelatorClass(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RelatorClass(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		// freetext vs indexedStructured forms of the same record
		{"Honoré-Victorin Daumier", "Daumier, Honore-Victorin", true}, // hmsg
		{"Day, Horace Talmage", "Day, Horace Talmage", true},          // siris_arc_211488
		{"Grey, Frank H.", "Grey, Frank H", true},                     // siris_sil_978482
		{"Katsushika Hokusai", "Hokusai, Katsushika", true},
		{"Thomas Eakins", "Eakins, Thomas Cowperthwait", false},
		{"Cecil Morgan", "Morgan, Thisba Hutson", false},
		// A fuller form in parentheses is the same name; a dated or numbered
		// one tells bodies and meetings apart (sample records of SIL).
		{"Charles W. Furlong (Charles Wellington Furlong)", "Furlong, Charles W.", true}, // NMAI_4538
		{"Wallerstein, A (Anton)", "Wallerstein, A", true},
		{"Entomological Society of Canada (1863-1871)", "Entomological Society of Canada (1951- )", false},
		{"International Congress of Entomology (20th : 1996 : Florence, Italy)", "International Congress of Entomology", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := roles.SameName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseNameKeepsBareYear(t *testing.T) {
	if got := roles.ParseName("1986").Display; got != "1986" {
		t.Errorf("ParseName(1986).Display = %q, want the text kept whole", got)
	}
	if got := roles.ParseName("  ").Display; got != "" {
		t.Errorf("ParseName(blank).Display = %q, want empty", got)
	}
}

// TestParseNameContractForms uses the forms spec/contract-24.md names that
// the sample lacks.
func TestParseNameContractForms(t *testing.T) {
	tests := []struct {
		in   string
		want roles.Name
	}{
		{"Gershwin, George, 1898-1937, cmp", roles.Name{Display: "Gershwin, George", Relator: "cmp", Birth: 1898, Death: 1937, HasBirth: true, HasDeath: true}},
		{"Hokusai, Katsushika 1760-1849", roles.Name{Display: "Hokusai, Katsushika", Birth: 1760, Death: 1849, HasBirth: true, HasDeath: true}},
		{"Doe, Jane, active 1840-1860", roles.Name{Display: "Doe, Jane"}},
		{"Doe, Jane, born 1909", roles.Name{Display: "Doe, Jane", Birth: 1909, HasBirth: true}},
		{"Doe, Jane, d. 1880", roles.Name{Display: "Doe, Jane", Death: 1880, HasDeath: true}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, roles.ParseName(tt.in)); diff != "" {
			t.Errorf("ParseName(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	// SIA: the Creator and its indexed event_main are one body.
	rows := roles.RecordNames("SIA", []roles.Labeled{{"Creator", "Harriman Alaska Expedition (1899)"}}, []roles.Indexed{{"event_main", "Harriman Alaska Expedition"}})
	if len(rows) != 1 || rows[0].Display != "Harriman Alaska Expedition (1899)" || rows[0].Class != roles.Maker {
		t.Errorf("RecordNames(Harriman Alaska Expedition) = %+v, want the Creator row only", rows)
	}
}
