package roles_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/schema/roles"
)

// TestPlaceLabel covers every freetext.place label of the sample.
func TestPlaceLabel(t *testing.T) {
	tests := []struct {
		unit, label string
		want        roles.PlaceRole
	}{
		{"AAA", "Place", roles.OtherPlace},
		{"CHNDM", "Place", roles.OtherPlace},
		{"CHNDM", "made in", roles.Made},
		{"FBR", "Place", roles.OtherPlace},
		{"FSG", "Origin", roles.Made},
		{"NASM", "Country of Origin", roles.Made},
		{"NMAAHC", "Place made", roles.Made},
		{"NMAH", "origin", roles.Made},
		{"NMAH", "place made", roles.Made},
		{"NMAH", "purchased", roles.OtherPlace},
		{"NMAH", "referenced", roles.OtherPlace},
		{"NMAH", "used", roles.OtherPlace},
		{"NMAI", "Archipelago", roles.OtherPlace},
		{"NMAI", "Island Name", roles.OtherPlace},
		{"NMAI", "Place", roles.OtherPlace},
		{"NMAfA", "Geography", roles.Made},
		{"NMNHANTHRO", "Place", roles.Collected},
		{"NMNHBIRDS", "Place", roles.Collected},
		{"NMNHBOTANY", "Place", roles.Collected},
		{"NMNHEDUCATION", "Collecting Locality", roles.Collected},
		{"NMNHENTO", "Place", roles.Collected},
		{"NMNHFISHES", "Place", roles.Collected},
		{"NMNHHERPS", "Place", roles.Collected},
		{"NMNHINV", "Place", roles.Collected},
		{"NMNHMAMMALS", "Place", roles.Collected},
		{"NMNHMINSCI", "Place", roles.Collected},
		{"NMNHPALEO", "Place", roles.Collected},
		{"NPG", "Place", roles.Made}, // npg_NPG.94.108: Philadelphia, where the lithograph was printed
		{"NZP", "City", roles.Made},
		{"NZP", "Country", roles.Made},
		{"SIA", "Place", roles.OtherPlace},
		{"SIL", "Place", roles.OtherPlace},
		{"SAAM", "Place", roles.Depicted},
		{"NMAH", "Place of manufacture", roles.Made},
	}
	for _, tt := range tests {
		if got := roles.PlaceLabel(tt.unit, tt.label); got != tt.want {
			t.Errorf("PlaceLabel(%q, %q) = %q, want %q", tt.unit, tt.label, got, tt.want)
		}
	}
}

func TestLookupCountry(t *testing.T) {
	tests := []struct {
		in   string
		code string // "" = not a country
	}{
		{"United States", "US"},
		{"United States of America", "US"},
		{"USA", "US"},
		{"U.S.A.", "US"},
		{"USA (inferred)", "US"},
		{"England", "GB"},
		{"Scotland", "GB"},
		{"Great Britain", "GB"},
		{"Holland", "NL"},
		{"Burma", "MM"},
		{"Republic of Ireland", "IE"},
		{"People's Republic of China", "CN"},
		{"Japan", "JP"},
		{"Democratic Republic of the Congo", "CD"},
		{"Sierra Leone", "SL"},
		{"Antarctica", "AQ"},
		{"Pennsylvania", ""},
		{"Washington", ""},
		{"New Mexico", ""},
		{"North America", ""},
		{"Indian Ocean", ""},
		{"Prussia", ""},
		{"Ottoman Empire", ""},
		{"Africa", ""},
		{"Yugoslavia", ""},
		{"CA", ""},   // California in "San Francisco, CA", never Canada
		{"Ill.", ""}, // "Chicago (Ill.)"
		{"Moon", ""},
		{"Korea", ""}, // nmnhanthropology_8430767: KR or KP, no guess
	}
	for _, tt := range tests {
		c, ok := roles.LookupCountry(tt.in)
		if ok != (tt.code != "") || c.Code != tt.code {
			t.Errorf("LookupCountry(%q) = %+v, %v; want code %q", tt.in, c, ok, tt.code)
		}
	}
	if c, _ := roles.LookupCountry("USA"); c.Name != "United States" {
		t.Errorf("LookupCountry(USA).Name = %q, want the table's English short name United States", c.Name)
	}
}

// TestFindCountries uses freetext.place contents of the sample.
func TestFindCountries(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Plains; USA, Canada (inferred)", []string{"US", "CA"}},            // NMAI
		{"United States: Pennsylvania", []string{"US"}},                     // NMAH
		{"United Kingdom: England, Birmingham, Birmingham", []string{"GB"}}, // NMAH
		{"United States, North and Central America", []string{"US"}},        // NMAAHC
		{"Arizona or New Mexico; USA", []string{"US"}},                      // NMAI
		{"Isla Grande de Tierra del Fuego; Tierra del Fuego Province; Argentina", []string{"AR"}},
		{"Kongo Central Province, Democratic Republic of the Congo", []string{"CD"}}, // NMAfA
		{"Brass, Niger River Delta, Nigeria", []string{"NG"}},
		{"West Pakistan, Pakistan, Asia", []string{"PK"}},
		{"Juan Fernandez I.; Masafuera; inocentes Alto s; 1400 m, Valparaiso, Chile", []string{"CL"}},
		{"Oklahoma: Tributary of Muddy Boggy Creek, 1.6 miles south of Lehigh on US 76, Red River Drainage, Oklahoma, United States, North America", []string{"US"}},
		{"Gino-Goje, a rubber camp on lower Río Apaporis, ca. 2 hrs by 7.5 hp outboard motor above mouth of Río Pira-Parana, Amazonas, Colombia, South America", []string{"CO"}},
		{"Cerro Del Tortuguero, Cave At Base Of Hill, Barra Del Tortuguero, Limon, Costa Rica, North America", []string{"CR"}},
		{`France\Île-de-France\Ville de Paris, Départment de\Paris`, []string{"FR"}}, // NPG
		{"Xi'an (Shaanxi Sheng, China)", []string{"CN"}}, // SIL
		{"Chicago (Ill.)", nil},                          // a state, not a country: ImpliedCountry
		{"San Francisco (Calif.)", nil},
		{"Juan Fernandez I.; Masafuera", nil}, // I. is an island, not a state
		{"Central Timor Sea, N Of Sahul Rise, Indian Ocean", nil},
		{"Atlanta, Georgia, United States", []string{"US"}},
		{"Tbilisi, Georgia", []string{"GE"}},
		{"Georgia; Armenia", []string{"GE", "AM"}}, // first seen first
		{"Georgia, United States", []string{"US"}},
		{"California", nil},
		{"Near: the old mill, Virginia", nil},
		{"North Dakota or South Dakota; USA (inferred)", []string{"US"}},
		{"Korea, Asia", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range roles.FindCountries(tt.in) {
			got = append(got, c.Code)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindCountries(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestImpliedCountry(t *testing.T) {
	tests := []struct {
		in   string
		code string
	}{
		{"California", "US"},             // siris_sil_334064
		{"Virginia", "US"},               // siris_arc_211488
		{"Chicago (Ill.)", "US"},         // siris_sil_1111706: Ill. is Illinois
		{"San Francisco (Calif.)", "US"}, // SIL
		{"Arizona or New Mexico", "US"},  // NMAI_152901, before "; USA"
		{"Georgia", ""},                  // a country too: never implied
		{"Juan Fernandez I.; Masafuera", ""},
		{"Moon", ""},
	}
	for _, tt := range tests {
		c, ok := roles.ImpliedCountry(tt.in)
		if ok != (tt.code != "") || c.Code != tt.code {
			t.Errorf("ImpliedCountry(%q) = %+v, %v; want %q", tt.in, c, ok, tt.code)
		}
	}
}
