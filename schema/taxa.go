package schema

import (
	"bytes"
)

// Taxon roles written to objects.taxon_role.
const (
	// RoleSpecimen: the record names the organism it is (it has a
	// scientific name): a natural-history specimen or lot.
	RoleSpecimen = "specimen"
	// RoleSubject: the record has taxonomy but no scientific name: the
	// taxa are what the object shows or is about (a vase filed under
	// Elephantidae, books about ants under Formicidae).
	RoleSubject = "subject"
)

// TaxonName is a scientific name split into its parts (docs/DATASET.md,
// "Taxa"); an empty part is absent. Species is the binomial "Genus
// epithet" as GBIF writes it (with the hybrid sign when the name has one:
// "Elymus x hansenii"), empty when the name stops at the genus.
type TaxonName struct {
	Genus, Subgenus, Species                string
	InfraspecificRank, InfraspecificEpithet string
}

// ParseTaxonName splits a scientific name with or without authority:
// "Coryphantha vivipara var. rosea", "Molophilus (Molophilus) styx
// Alexander, 1952", "Elymus x hansenii Scribn.", "Sphenopholis sp.". ok is
// false when the name does not start with a genus.
func ParseTaxonName(name string) (TaxonName, bool) {
	var t taxonParts
	if !t.parse([]byte(name)) {
		return TaxonName{}, false
	}
	return TaxonName{Genus: string(t.genus), Subgenus: string(t.subgenus), Species: string(t.appendSpecies(nil)),
		InfraspecificRank: t.rank, InfraspecificEpithet: string(t.infra)}, true
}

// appendSpecies appends the binomial, or nothing when there is no epithet.
func (t *taxonParts) appendSpecies(dst []byte) []byte {
	if len(t.epithet) == 0 {
		return dst
	}
	dst = append(dst, t.genus...)
	if len(t.hybrid) > 0 {
		dst = append(append(dst, ' '), t.hybrid...)
	}
	return append(append(dst, ' '), t.epithet...)
}

// taxonParts are the parts of a name, as slices of its bytes.
type taxonParts struct {
	genus, subgenus, hybrid, epithet, infra []byte
	rank                                    string
}

// infraspecificRanks maps the rank markers written in names to the
// spelling kept in objects.infraspecific_rank.
var infraspecificRanks = [...]struct{ written, rank string }{
	{"var.", "var."}, {"var", "var."}, {"subsp.", "subsp."}, {"subsp", "subsp."}, {"ssp.", "subsp."},
	{"ssp", "subsp."}, {"f.", "f."}, {"fo.", "f."}, {"forma", "f."}, {"subvar.", "subvar."},
	{"subf.", "subf."}, {"cv.", "cv."}, {"nothosubsp.", "nothosubsp."}, {"nothovar.", "nothovar."},
}

// authorParticles are lower-case words that start an authority, not an
// infraspecific epithet ("Tillandsia lindenii de Vriese").
var authorParticles = [...]string{"de", "del", "della", "di", "da", "das", "do", "dos", "du", "van", "von",
	"der", "den", "ter", "ex", "in", "et", "le", "la", "y", "zu", "auct.", "sensu", "emend.", "non", "nom."}

// higherSuffixes end the names of families, orders and classes, which a
// one-word name may be instead of a genus.
var higherSuffixes = [...]string{"aceae", "idae", "inae", "oideae", "oidea", "ales", "ineae", "phyta",
	"opsida", "mycota", "mycetes", "phyceae"}

func (t *taxonParts) parse(name []byte) bool {
	*t = taxonParts{}
	rest := name
	next := func() []byte {
		rest = bytes.TrimLeft(rest, " ")
		i := bytes.IndexByte(rest, ' ')
		if i < 0 {
			i = len(rest)
		}
		w := rest[:i]
		rest = rest[i:]
		return w
	}
	peek := func() []byte {
		r := bytes.TrimLeft(rest, " ")
		if i := bytes.IndexByte(r, ' '); i >= 0 {
			return r[:i]
		}
		return r
	}
	w := next()
	if isHybridSign(w) { // × Triticosecale
		w = next()
	}
	if !isGenus(w) {
		return false
	}
	t.genus = w
	if s := peek(); len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')' && isGenus(s[1:len(s)-1]) {
		t.subgenus = s[1 : len(s)-1]
		next()
	}
	w = next()
	if isHybridSign(w) {
		t.hybrid = w
		w = next()
	}
	switch {
	case isEpithet(w) && !isParticle(w):
		t.epithet = w
	case len(w) == 0 && len(t.subgenus) == 0 && isHigherTaxon(t.genus):
		return false // a family or order, not a genus
	default:
		t.hybrid = nil // sp., cf., an authority: the genus alone
		return true
	}
	// An infraspecific part: a rank and its epithet anywhere after the
	// species (authorities may come between), or a third lower-case word
	// right after it (a zoological subspecies).
	if s := peek(); isEpithet(s) && !isParticle(s) && rankOf(s) == "" {
		t.infra = s
		return true
	}
	for w = next(); len(w) > 0; w = next() {
		if r := rankOf(w); r != "" {
			if e := peek(); isEpithet(e) {
				t.rank, t.infra = r, e
			}
			return true
		}
	}
	return true
}

func rankOf(w []byte) string {
	for _, r := range infraspecificRanks {
		if foldEq(w, r.written) {
			return r.rank
		}
	}
	return ""
}

func isHybridSign(w []byte) bool {
	return string(w) == "x" || string(w) == "×" || string(w) == "X"
}

// isGenus: a capital letter then lower-case letters (a hyphen allowed).
func isGenus(w []byte) bool {
	return len(w) >= 2 && w[0] >= 'A' && w[0] <= 'Z' && allNameBytes(w[1:])
}

// isEpithet: lower-case letters (a hyphen allowed), not an abbreviation
// such as sp., cf. or aff.
func isEpithet(w []byte) bool {
	return len(w) >= 2 && w[0] >= 'a' && w[0] <= 'z' && allNameBytes(w[1:]) &&
		!foldEq(w, "sp") && !foldEq(w, "spp") && !foldEq(w, "cf") && !foldEq(w, "aff")
}

func allNameBytes(w []byte) bool {
	for _, c := range w {
		if !isNameByte(c) {
			return false
		}
	}
	return true
}

// isNameByte: a lower-case letter, a hyphen, or a byte of a non-ASCII letter.
func isNameByte(c byte) bool { return c >= 'a' && c <= 'z' || c == '-' || c >= 0x80 }

func isParticle(w []byte) bool {
	for _, p := range authorParticles {
		if string(w) == p {
			return true
		}
	}
	return false
}

func isHigherTaxon(w []byte) bool {
	for _, s := range higherSuffixes {
		if bytes.HasSuffix(w, []byte(s)) {
			return true
		}
	}
	return false
}

// objectTaxon is the record's accepted scientific name, split.
type objectTaxon struct {
	parts   taxonParts
	species []byte // the binomial, in a buffer of its own
}

// analyse splits the accepted scientific name: the one the record's title
// starts with (NMNH titles the record with the current identification),
// else the first.
func (t *objectTaxon) analyse(v *recordView) {
	names := v.lists[listScientificNames]
	var accepted []byte
	for _, n := range names {
		if len(v.title) > 0 && bytes.HasPrefix(n, v.title) && (len(n) == len(v.title) || n[len(v.title)] == ' ') {
			accepted = n
			break
		}
	}
	if accepted == nil && len(names) > 0 {
		accepted = names[0]
	}
	if accepted == nil || !t.parts.parse(accepted) {
		t.parts = taxonParts{}
	}
	t.species = t.parts.appendSpecies(t.species[:0])
}

// taxonRole is objects.taxon_role: specimen when the record has a
// scientific name, subject when it has other taxonomy, else "" (null).
func taxonRole(v *recordView) string {
	switch {
	case len(v.lists[listScientificNames]) > 0:
		return RoleSpecimen
	case v.taxonKeys || len(v.lists[listCommonNames]) > 0:
		return RoleSubject
	}
	return ""
}
