package roles

import "strings"

// Scheme is the kind of an identifier, from its label: the scheme column of
// the identifiers table.
type Scheme string

// The identifier schemes.
const (
	AccessionNumber Scheme = "accession_number"
	ObjectNumber    Scheme = "object_number"
	CatalogNumber   Scheme = "catalog_number"
	InventoryNumber Scheme = "inventory_number"
	USNMNumber      Scheme = "usnm_number"
	Barcode         Scheme = "barcode"
	FieldNumber     Scheme = "field_number"
	CallNumber      Scheme = "call_number"
	LocalNumber     Scheme = "local_number"
	OtherScheme     Scheme = "other"
)

// IdentifierScheme returns the scheme of a content.freetext.identifier label
// (or of the label split from a "Label : value" content), case-insensitively:
// Accession Number, Accession # -> accession_number; Object number and
// NMAH's ID Number (its object number) -> object_number; Catalog Number ->
// catalog_number; Inventory Number; USNM Number; Barcode (not "Barcode of
// Life", a DNA sample id) -> barcode; USNM Type Number -> usnm_number;
// Field Number, Mammals Field Number ->
// field_number; Call number; Local number(s); anything else (Other Numbers,
// nonaccession number, Collector Number) -> other.
func IdentifierScheme(label string) Scheme {
	l := normLabel(label)
	switch l {
	case "accession number", "accession #", "accession no.", "accession":
		return AccessionNumber
	case "object number", "id number", "object no.":
		return ObjectNumber
	case "catalog number", "catalogue number", "catalog no.":
		return CatalogNumber
	case "inventory number":
		return InventoryNumber
	case "usnm number":
		return USNMNumber
	case "barcode":
		return Barcode
	case "field number":
		return FieldNumber
	case "call number":
		return CallNumber
	case "local number", "local numbers":
		return LocalNumber
	}
	switch {
	case strings.HasSuffix(l, "field number"): // "Mammals Field Number"
		return FieldNumber
	case strings.HasPrefix(l, "usnm") && strings.HasSuffix(l, "number"): // "USNM Type Number", nmnhentomology_9106301
		return USNMNumber
	case strings.HasPrefix(l, "accession number"):
		return AccessionNumber
	}
	return OtherScheme
}

// SplitLabeled splits an identifier content of the form "Label : value" or
// "Label: value" ("Field Number : 795", "USNPC Accession (Catalog) :
// 047893.00") into its label and value. ok is false, and the content is
// not split, when it has no such label: a value with a colon inside
// ("ark:/65665/...", "12:30") or nothing on one side of the colon.
func SplitLabeled(content string) (label, value string, ok bool) {
	i := strings.Index(content, ":")
	if i <= 0 {
		return "", "", false
	}
	label = strings.TrimSpace(content[:i])
	value = strings.TrimSpace(content[i+1:])
	if label == "" || value == "" || strings.HasPrefix(content[i+1:], "/") {
		return "", "", false
	}
	// A label is words: it starts with a letter and holds a space or is
	// followed by " : " (the EDAN "Label : value" form).
	if !isLetter(label[0]) || (!strings.Contains(label, " ") && !strings.HasPrefix(content[i-1:], " :")) {
		return "", "", false
	}
	return label, value, true
}

func isLetter(b byte) bool { return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }

// PrimaryNumber reports whether an identifier of the given scheme and label
// is the unit's primary number, the one printed on its wall label or
// catalogue card: SAAM, NPG, NMAfA, NMAAHC Object number; NMAH ID Number;
// NASM Inventory Number; CHNDM, FSG, HMSG, ACM Accession Number; NMNH*
// USNM Number; NMAI Catalog Number; SIL Call number; SIA Local number;
// FBR Accession #; none for AAA (its Local numbers are microfilm reels). For other units the first object, accession,
// catalog or inventory number is primary (the caller takes the first
// identifier for which this is true). NumberRank adds the fallbacks.
func PrimaryNumber(unit string, scheme Scheme, label string) bool {
	l := normLabel(label)
	switch unit {
	case "SAAM", "NPG", "NMAfA", "NMAAHC":
		return l == "object number"
	case "NMAH":
		return l == "id number"
	case "NASM":
		return scheme == InventoryNumber
	case "CHNDM", "FSG", "HMSG", "ACM", "FBR":
		return scheme == AccessionNumber
	case "NMAI":
		return scheme == CatalogNumber
	case "SIL":
		return scheme == CallNumber
	case "SIA":
		return scheme == LocalNumber
	case "AAA":
		// AAA's Local numbers are microfilm reels and a collection code
		// ("AAA 76", "AAA dayhora", siris_arc_211488), no number on a label.
		return false
	}
	if isNaturalHistory(unit) {
		return scheme == USNMNumber
	}
	switch scheme {
	case ObjectNumber, AccessionNumber, CatalogNumber, InventoryNumber:
		return true
	}
	return false
}

// NumberRank ranks an identifier as a candidate for objects.object_number:
// 1 for the unit's primary number (PrimaryNumber), 2 and 3 for the numbers
// a careful reader takes when the record lacks it, 0 for none. The caller
// takes the first identifier, in record order, of the lowest non-zero rank.
// The fallbacks: an NMNH* record without a USNM Number takes its Barcode,
// the number on the herbarium sheet or specimen label
// (nmnhbotany_15818707); a record of any unit without its primary number
// takes its first object, accession, catalog or inventory number.
func NumberRank(unit string, scheme Scheme, label string) int {
	if PrimaryNumber(unit, scheme, label) {
		return 1
	}
	switch {
	case isNaturalHistory(unit) && scheme == Barcode:
		return 2
	case scheme == ObjectNumber || scheme == AccessionNumber || scheme == CatalogNumber || scheme == InventoryNumber:
		return 3
	}
	return 0
}
