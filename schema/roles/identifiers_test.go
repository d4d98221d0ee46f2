package roles_test

import (
	"testing"

	"github.com/soa-project/soa/schema/roles"
)

// TestIdentifierScheme covers every freetext.identifier label of the sample
// and the labels split out of "Other Numbers" contents.
func TestIdentifierScheme(t *testing.T) {
	tests := []struct {
		label string
		want  roles.Scheme
	}{
		{"Local number", roles.LocalNumber},         // AAA, SIA
		{"Accession Number", roles.AccessionNumber}, // ACM, CHNDM, FSG, HMSG, NMNH*
		{"accession number", roles.AccessionNumber}, // NMAH
		{"Accession #", roles.AccessionNumber},      // FBR
		{"Inventory Number", roles.InventoryNumber}, // NASM
		{"Object number", roles.ObjectNumber},       // NMAAHC, NMAfA, NPG, SAAM
		{"ID Number", roles.ObjectNumber},           // NMAH: its object number
		{"catalog number", roles.CatalogNumber},     // NMAH
		{"Catalog Number", roles.CatalogNumber},     // NMAI
		{"nonaccession number", roles.OtherScheme},  // NMAH
		{"Barcode", roles.Barcode},                  // NMAI, NMNHBOTANY, NMNHENTO
		{"USNM Number", roles.USNMNumber},           // NMNH*
		{"Other Numbers", roles.OtherScheme},        // NMNH*
		{"Call number", roles.CallNumber},           // SIL
		{"Field Number", roles.FieldNumber},         // split from NMNHBIRDS "Field Number : 795"
		{"Mammals Field Number", roles.FieldNumber}, // NMNHMAMMALS
		{"Barcode of Life", roles.OtherScheme},      // NMNHBOTANY: a DNA barcode sample, not the sheet barcode
		{"Collector Number", roles.OtherScheme},     // NMNHENTO
		{"USNPC Accession (Catalog)", roles.OtherScheme},
	}
	for _, tt := range tests {
		if got := roles.IdentifierScheme(tt.label); got != tt.want {
			t.Errorf("IdentifierScheme(%q) = %q, want %q", tt.label, got, tt.want)
		}
	}
}

func TestSplitLabeled(t *testing.T) {
	tests := []struct {
		in           string
		label, value string
		ok           bool
	}{
		{"Field Number : 795", "Field Number", "795", true},                   // nmnhvz_14800560
		{"Field Number : AP Blair #76", "Field Number", "AP Blair #76", true}, // NMNHHERPS
		{"Mammals Field Number : JAD 1608", "Mammals Field Number", "JAD 1608", true},
		{"USNPC Accession (Catalog) : 047893.00", "USNPC Accession (Catalog)", "047893.00", true},
		{"Inquire SerNum : 6401", "Inquire SerNum", "6401", true},
		{"Barcode of Life : 62F3", "Barcode of Life", "62F3", true},
		{"AD/NPG.74.22", "", "", false},
		{"14/2226", "", "", false},
		{"AAF--Antes, Adam", "", "", false},
		{"ark:/65665/m3abc", "", "", false},
		{"SIA Acc. 01-014", "", "", false},
	}
	for _, tt := range tests {
		l, v, ok := roles.SplitLabeled(tt.in)
		if l != tt.label || v != tt.value || ok != tt.ok {
			t.Errorf("SplitLabeled(%q) = %q, %q, %v; want %q, %q, %v", tt.in, l, v, ok, tt.label, tt.value, tt.ok)
		}
	}
}

// TestPrimaryNumber checks, for each unit, the label issue #24 names as the
// unit's wall-label number and a label of the same record that is not.
func TestPrimaryNumber(t *testing.T) {
	tests := []struct {
		unit, label string
		want        bool
	}{
		{"SAAM", "Object number", true},
		{"NPG", "Object number", true},
		{"NMAfA", "Object number", true},
		{"NMAAHC", "Object number", true},
		{"NMAH", "ID Number", true},
		{"NMAH", "catalog number", false}, // nmah_1448973 repeats the ID Number as catalog number
		{"NMAH", "accession number", false},
		{"NASM", "Inventory Number", true},
		{"CHNDM", "Accession Number", true},
		{"FSG", "Accession Number", true},
		{"HMSG", "Accession Number", true},
		{"NMNHBOTANY", "USNM Number", true},
		{"NMNHBOTANY", "Barcode", false},
		{"NMNHMAMMALS", "Accession Number", false},
		{"NMAI", "Catalog Number", true},
		{"NMAI", "Barcode", false},
		{"SIL", "Call number", true},
		{"SIA", "Local number", true},
		{"AAA", "Local number", false}, // siris_arc_211488: "AAA 76", microfilm reels
		{"ACM", "Accession Number", true},
		{"XYZ", "Accession Number", true},
		{"XYZ", "Barcode", false},
	}
	for _, tt := range tests {
		if got := roles.PrimaryNumber(tt.unit, roles.IdentifierScheme(tt.label), tt.label); got != tt.want {
			t.Errorf("PrimaryNumber(%q, %q) = %v, want %v", tt.unit, tt.label, got, tt.want)
		}
	}
}
