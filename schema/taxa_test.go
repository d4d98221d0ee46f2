package schema_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/schema"
)

// taxonNames: scientific names of the real sample and the forms the
// botanical and zoological codes write.
var taxonNames = []struct {
	in   string
	want schema.TaxonName
	ok   bool
}{
	{"Coryphantha vivipara var. rosea", schema.TaxonName{Genus: "Coryphantha", Species: "Coryphantha vivipara", InfraspecificRank: "var.", InfraspecificEpithet: "rosea"}, true},
	{"Molophilus (Molophilus) styx Alexander, 1952", schema.TaxonName{Genus: "Molophilus", Subgenus: "Molophilus", Species: "Molophilus styx"}, true},
	{"Elymus x hansenii Scribn.", schema.TaxonName{Genus: "Elymus", Species: "Elymus x hansenii"}, true},
	{"Leymus salina (M.E. Jones) Á. Löve", schema.TaxonName{Genus: "Leymus", Species: "Leymus salina"}, true},
	{"Passerculus sandwichensis nevadensis", schema.TaxonName{Genus: "Passerculus", Species: "Passerculus sandwichensis", InfraspecificEpithet: "nevadensis"}, true},
	{"Orconectes neglectus chaenodactylus Williams, 1952", schema.TaxonName{Genus: "Orconectes", Species: "Orconectes neglectus", InfraspecificEpithet: "chaenodactylus"}, true},
	{"Vicia americana Muhl. ex Willd. var. americana", schema.TaxonName{Genus: "Vicia", Species: "Vicia americana", InfraspecificRank: "var.", InfraspecificEpithet: "americana"}, true},
	{"Phacelia nemoralis subsp. oregonensis Heckard", schema.TaxonName{Genus: "Phacelia", Species: "Phacelia nemoralis", InfraspecificRank: "subsp.", InfraspecificEpithet: "oregonensis"}, true},
	{"Festuca octoflora var. glauca (Nutt.) Fernald", schema.TaxonName{Genus: "Festuca", Species: "Festuca octoflora", InfraspecificRank: "var.", InfraspecificEpithet: "glauca"}, true},
	{"Carex sub-bracteata Mack.", schema.TaxonName{Genus: "Carex", Species: "Carex sub-bracteata"}, true},
	{"Ramulina angusta Loeblich & Tappan Loeblich, 1994", schema.TaxonName{Genus: "Ramulina", Species: "Ramulina angusta"}, true},
	{"Mikania cordifolia H.B.K.", schema.TaxonName{Genus: "Mikania", Species: "Mikania cordifolia"}, true},
	{"Graphephorum cernuum ined.", schema.TaxonName{Genus: "Graphephorum", Species: "Graphephorum cernuum"}, true},
	{"Sphenopholis sp.", schema.TaxonName{Genus: "Sphenopholis"}, true},
	{"Carex cf. lanuginosa", schema.TaxonName{Genus: "Carex"}, true}, // an uncertain species is not claimed
	{"Rosa ssp. alba", schema.TaxonName{Genus: "Rosa"}, true},
	{"Rosa canina ssp. dumalis", schema.TaxonName{Genus: "Rosa", Species: "Rosa canina", InfraspecificRank: "subsp.", InfraspecificEpithet: "dumalis"}, true},
	{"Acer rubrum f. tomentosum", schema.TaxonName{Genus: "Acer", Species: "Acer rubrum", InfraspecificRank: "f.", InfraspecificEpithet: "tomentosum"}, true},
	{"Tillandsia lindenii de Vriese", schema.TaxonName{Genus: "Tillandsia", Species: "Tillandsia lindenii"}, true},
	{"Puma concolor (Linnaeus, 1771)", schema.TaxonName{Genus: "Puma", Species: "Puma concolor"}, true},
	{"× Triticosecale rimpaui", schema.TaxonName{Genus: "Triticosecale", Species: "Triticosecale rimpaui"}, true},
	{"Sphenopholis", schema.TaxonName{Genus: "Sphenopholis"}, true},
	{"Poaceae", schema.TaxonName{}, false}, // a family, not a genus
	{"Formicidae", schema.TaxonName{}, false},
	{"P. sandwichensis", schema.TaxonName{}, false},
	{"unidentified", schema.TaxonName{}, false},
	{"", schema.TaxonName{}, false},
}

func TestParseTaxonName(t *testing.T) {
	for _, tt := range taxonNames {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := schema.ParseTaxonName(tt.in)
			if ok != tt.ok {
				t.Fatalf("ParseTaxonName(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseTaxonName(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
