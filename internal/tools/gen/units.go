package gen

// unitSpec is one unit of the generated corpus. Weights are the record counts
// of the Feb-2020 GitHub dump (shared/design/corpus-profile.md, from Matt
// Miller's full-dump statistics), so the skew is the real one: NMNHBOTANY
// about a third, NMNHINV and NMAH about a ninth each, and units of a few dozen
// records. NMAI, AAA and NZP were added to the dump after Feb 2020; their
// weights are estimates (marked), kept small so the profile's shares hold.
type unitSpec struct {
	code, name string
	weight     int
	kind       kind
	// mediaShare is the share of the unit's records with online_media:
	// 2.3M of NMNHBOTANY's 3.6M had media in 2020; about 4% elsewhere, which
	// gives the corpus-wide quarter the profile reports.
	mediaShare float64
}

type kind int

const (
	natural kind = iota
	art
	history
	archives
)

var units = []unitSpec{
	{"AAA", "Archives of American Art", 20000, archives, 0.04}, // estimate
	{"ACAH", "Archives Center, National Museum of American History", 11, archives, 0.04},
	{"ACM", "Anacostia Community Museum", 249, history, 0.10},
	{"CHNDM", "Cooper Hewitt, Smithsonian Design Museum", 40196, art, 0.10},
	{"FBR", "Smithsonian Field Book Project", 1517, archives, 0.04},
	{"FSA", "Freer Gallery of Art and Arthur M. Sackler Gallery Archives", 26, archives, 0.04},
	{"FSG", "Freer Gallery of Art and Arthur M. Sackler Gallery", 3133, art, 0.10},
	{"HAC", "Smithsonian Gardens", 252, natural, 0.04},
	{"HMSG", "Hirshhorn Museum and Sculpture Garden", 502, art, 0.10},
	{"HSFA", "Human Studies Film Archives", 77, archives, 0.04},
	{"NAA", "National Anthropological Archives", 8, archives, 0.04},
	{"NASM", "National Air and Space Museum", 141, history, 0.10},
	{"NMAAHC", "National Museum of African American History and Culture", 2389, history, 0.10},
	{"NMAfA", "National Museum of African Art", 136, art, 0.10},
	{"NMAH", "National Museum of American History", 1292751, history, 0.04},
	{"NMAI", "National Museum of the American Indian", 60000, history, 0.04}, // estimate
	{"NMNHANTHRO", "NMNH - Anthropology Dept.", 479774, natural, 0.04},
	{"NMNHBIRDS", "NMNH - Vertebrate Zoology - Birds Division", 554194, natural, 0.04},
	{"NMNHBOTANY", "NMNH - Botany Dept.", 3614685, natural, 0.64},
	{"NMNHEDUCATION", "NMNH - Education & Outreach", 5799, natural, 0.04},
	{"NMNHENTO", "NMNH - Entomology Dept.", 520812, natural, 0.04},
	{"NMNHFISHES", "NMNH - Vertebrate Zoology - Fishes Division", 473581, natural, 0.04},
	{"NMNHHERPS", "NMNH - Vertebrate Zoology - Herpetology Division", 581303, natural, 0.04},
	{"NMNHINV", "NMNH - Invertebrate Zoology Dept.", 1926719, natural, 0.04},
	{"NMNHMAMMALS", "NMNH - Vertebrate Zoology - Mammals Division", 616251, natural, 0.04},
	{"NMNHMINSCI", "NMNH - Mineral Sciences Dept.", 443706, natural, 0.04},
	{"NMNHPALEO", "NMNH - Paleobiology Dept.", 626183, natural, 0.04},
	{"NPG", "National Portrait Gallery", 8309, art, 0.10},
	{"NPM", "National Postal Museum", 2547, history, 0.04},
	{"NZP", "Smithsonian's National Zoo & Conservation Biology Institute", 5000, history, 0.10}, // estimate
	{"SAAM", "Smithsonian American Art Museum", 12547, art, 0.10},
	{"SI", "Smithsonian Institution, Digitization Program Office", 11, archives, 0.04},
	{"SIA", "Smithsonian Institution Archives", 29416, archives, 0.04},
	{"SIL", "Smithsonian Libraries", 13794, archives, 0.04},
}

// donors says which sample units lend their records as templates to units of
// a kind that has no sample record of its own.
var donors = map[kind][]string{
	natural:  {"NMNHBOTANY", "NMNHINV", "NMNHENTO", "NMNHMAMMALS"},
	art:      {"SAAM", "NPG", "HMSG"},
	history:  {"NMAH", "NASM"},
	archives: {"SIA", "SIL", "AAA"},
}

// UnitCounts splits n records over the units in proportion to their weights
// (largest remainder), giving every unit at least one record once n is at
// least 1,000, so that small units are always present.
func UnitCounts(n int) map[string]int {
	total := 0
	for _, u := range units {
		total += u.weight
	}
	counts := make(map[string]int, len(units))
	type rem struct {
		code string
		frac float64
	}
	var rems []rem
	assigned := 0
	for _, u := range units {
		exact := float64(n) * float64(u.weight) / float64(total)
		c := int(exact)
		counts[u.code] = c
		assigned += c
		rems = append(rems, rem{u.code, exact - float64(c)})
	}
	// Largest remainders first; ties by code, so the split is deterministic.
	for i := 1; i < len(rems); i++ {
		for j := i; j > 0 && (rems[j].frac > rems[j-1].frac || rems[j].frac == rems[j-1].frac && rems[j].code < rems[j-1].code); j-- {
			rems[j], rems[j-1] = rems[j-1], rems[j]
		}
	}
	for i := 0; assigned < n; i++ {
		counts[rems[i%len(rems)].code]++
		assigned++
	}
	if n >= 1000 {
		for _, u := range units {
			if counts[u.code] == 0 {
				counts[u.code] = 1
				counts["NMNHBOTANY"]--
			}
		}
	}
	return counts
}
