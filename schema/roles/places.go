package roles

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/biter777/countries"
)

// PlaceRole says what a record's place is to the object: the place_role
// column of objects.
type PlaceRole string

// The place roles.
const (
	Made       PlaceRole = "made"      // where the object was made or comes from
	Collected  PlaceRole = "collected" // where a specimen was collected
	Depicted   PlaceRole = "depicted"  // what the work depicts, or the sitter's biography
	OtherPlace PlaceRole = "other"     // purchased, used, a subject heading, or a role the unit does not state
)

// PlaceLabel returns the role of a content.freetext.place label of the unit,
// case-insensitively: Origin, Place made, made in, Country of Origin, and
// NMAfA Geography are Made; Collecting Locality is Collected; a generic
// Place (or City, Country, Island Name, ...) takes the unit's convention
// (GeoLocationRole), so NMNH* Place is Collected and SAAM Place is
// Depicted, except NPG's freetext Place, which is where the work was made
// (Made; its geoLocation stays Depicted); purchased, used, referenced and
// anything else are OtherPlace.
func PlaceLabel(unit, label string) PlaceRole {
	l := normLabel(label)
	switch l {
	case "origin", "place made", "made in", "country of origin", "place of origin", "made", "place of manufacture":
		return Made
	case "geography":
		if unit == "NMAfA" {
			return Made
		}
		return GeoLocationRole(unit)
	case "collecting locality", "locality", "collection locality", "place collected":
		return Collected
	case "purchased", "used", "referenced", "place depicted", "depicted":
		if strings.Contains(l, "depicted") {
			return Depicted
		}
		return OtherPlace
	case "place", "city", "country", "state", "island name", "archipelago", "site", "location":
		if unit == "NPG" && l == "place" {
			// NPG's freetext Place is where the work was made or published
			// (npg_NPG.94.108: Philadelphia, where the lithograph was printed,
			// not the Seneca sitter's home); only its geoLocation, derived
			// from the sitter's topics, is depicted.
			return Made
		}
		return GeoLocationRole(unit)
	}
	switch {
	case strings.Contains(l, "made") || strings.Contains(l, "origin") || strings.Contains(l, "manufactur"):
		return Made
	case strings.Contains(l, "collect"):
		return Collected
	case strings.Contains(l, "depict"):
		return Depicted
	}
	return OtherPlace
}

// GeoLocationRole returns what a unit's indexedStructured.geoLocation (and
// its generic freetext Place) describes. The evidence for each unit is in
// doc.go: NMNH* units give the collecting locality (Collected); SAAM and
// NPG derive it from what the work depicts or from the sitter's biography
// (Depicted); FSG, NASM, NMAfA and NMAAHC give the place of origin (Made);
// NZP photographs were taken at the place given (Made); NMAH, NMAI, CHNDM,
// SIL, SIA, AAA, FBR and unknown units mix roles or give subject headings
// (OtherPlace): for them only a freetext label that says the role counts.
func GeoLocationRole(unit string) PlaceRole {
	if isNaturalHistory(unit) {
		return Collected
	}
	switch unit {
	case "SAAM", "NPG":
		return Depicted
	case "FSG", "NASM", "NMAfA", "NMAAHC", "NZP":
		return Made
	}
	return OtherPlace
}

// Country is an ISO 3166-1 country.
type Country struct {
	Code string // ISO 3166-1 alpha-2, "US"
	Name string // English short name as github.com/biter777/countries gives it, "United States"
}

// withdrawn are codes the country table still knows but ISO 3166-1 no
// longer lists (Yugoslavia, Netherlands Antilles): historical names give no
// code, like Prussia or the Ottoman Empire.
var withdrawn = map[string]bool{"YU": true, "AN": true}

// shortAliases are the abbreviations of the corpus that LookupCountry
// accepts; other strings of three letters or fewer are never looked up,
// because the country table matches ISO codes and "CA" in "San Francisco,
// CA" or "Ill." in "Chicago (Ill.)" are US states.
// ambiguousNames name more than one ISO country: "Korea" (KR or KP,
// nmnhanthropology_8430767) gives no code rather than a guess.
var ambiguousNames = map[string]bool{"korea": true}

var shortAliases = map[string]string{"USA": "US", "U.S.A.": "US", "U.S.A": "US", "U.S.": "US", "US": "US", "UK": "GB", "U.K.": "GB"}

// LookupCountry returns the country a place string names: an English name,
// an official or former name or an alias the table knows ("United States of
// America", "USA", "U.S.A.", "England", "Scotland", "Holland", "Burma",
// "Republic of Ireland"), ignoring a trailing "(inferred)" and "?". It is
// false for anything else: US states, cities, continents, oceans,
// historical states (Prussia, Ottoman Empire, Yugoslavia).
func LookupCountry(text string) (Country, bool) {
	t := strings.TrimSpace(text)
	t = strings.TrimSpace(strings.TrimSuffix(t, "(inferred)"))
	t = strings.TrimSpace(strings.TrimRight(t, "?"))
	if code, ok := shortAliases[strings.ToUpper(t)]; ok {
		return countryOf(countries.ByName(code))
	}
	if ambiguousNames[strings.ToLower(t)] {
		return Country{}, false
	}
	letters := 0
	for _, r := range t {
		if r != '.' && r != ' ' {
			letters++
		}
	}
	if letters <= 3 {
		return Country{}, false
	}
	if code, ok := countryNames()[strings.Join(foldWords(t), " ")]; ok {
		return countryOf(code)
	}
	if !mayNameCountry(t) {
		return Country{}, false
	}
	// The table's matcher knows the aliases and former names (England,
	// Holland, Burma, Zaire); it is slow (it rebuilds the string rune by
	// rune), so it runs only for strings the fast map missed.
	if c, ok := countryOf(byName(t)); ok {
		return c, true
	}
	// Official long forms the table lacks ("Republic of Ireland", FBR;
	// "People's Republic of China", SIL geoLocation) fall back to the name.
	for _, prefix := range []string{"people's republic of ", "republic of ", "kingdom of ", "state of ", "the "} {
		if len(t) > len(prefix) && strings.EqualFold(t[:len(prefix)], prefix) {
			return countryOf(byName(t[len(prefix):]))
		}
	}
	return Country{}, false
}

func countryOf(c countries.CountryCode) (Country, bool) {
	if !c.IsValid() || withdrawn[c.Alpha2()] {
		return Country{}, false
	}
	return Country{Code: c.Alpha2(), Name: c.String()}, true
}

// countryNames maps the folded English names of the table's countries
// (foldWords: lower case, no accents or punctuation) to their codes, the
// fast path of LookupCountry; built once from the table.
var countryNames = sync.OnceValue(func() map[string]countries.CountryCode {
	m := map[string]countries.CountryCode{}
	for _, c := range countries.All() {
		m[strings.Join(foldWords(c.String()), " ")] = c
	}
	return m
})

// mayNameCountry rules out strings no country name looks like: with a
// digit ("8.5 Mi N", "US 76") or more than seven words (the longest names,
// "South Georgia and the South Sandwich Islands", have seven).
func mayNameCountry(t string) bool {
	if strings.ContainsAny(t, "0123456789") {
		return false
	}
	words := strings.Fields(strings.ToLower(t))
	if len(words) == 0 || len(words) > 7 {
		return false
	}
	// Parts that are plainly not countries, frequent in specimen
	// localities, skip the slow matcher: continents, US states, and names
	// ending in a word no ISO country name ends in.
	folded := strings.Join(words, " ")
	if notCountries[folded] || usStates()[folded] {
		return false
	}
	switch strings.TrimSuffix(words[len(words)-1], ".") {
	case "county", "co", "province", "river", "creek", "island", "mountains", "mountain", "lake", "reservation",
		"basin", "canyon", "park", "parish", "department", "district", "drainage", "valley", "bay", "mts", "mt", "ocean", "sea":
		return false
	}
	return true
}

// notCountries are continents and regions that the sample's places name
// beside a country ("..., United States, North America").
var notCountries = map[string]bool{
	"north america": true, "south america": true, "central america": true, "north and central america": true,
	"asia": true, "europe": true, "africa": true, "oceania": true, "extraterrestrial": true, "west indies": true,
	"north america - neotropics": true, "south america - neotropics": true,
}

// usStates is the lower-case English names of the ISO 3166-2 subdivisions
// of the United States (states, the District of Columbia, outlying areas),
// built once from the country table.
var usStates = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, s := range countries.SubdivisionsByCountryCode(countries.US) {
		m[strings.ToLower(s.String())] = true
	}
	delete(m, "georgia") // also a country: handled in FindCountries
	return m
})

// ImpliedCountry returns the country a place string implies without
// naming one: the United States for a US state named as a whole part
// ("California", siris_sil_334064; "Virginia", siris_arc_211488) or a
// library abbreviation of one ("Chicago (Ill.)", siris_sil_1111706).
// Use it only when no place of the record names a country (RecordCountries
// does): "Georgia" is never taken for the state here.
func ImpliedCountry(text string) (Country, bool) {
	parts := strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case ',', ';', ':', '\\', '/', '(', ')', '[', ']', '|':
			return true
		}
		return false
	})
	for _, p := range parts {
		for _, q := range strings.Split(p, " or ") {
			q = strings.TrimSpace(q)
			if usStates()[strings.ToLower(q)] || usStateAbbreviations[q] {
				return countryOf(countries.US)
			}
		}
	}
	return Country{}, false
}

// usStateAbbreviations are the abbreviations of US states that library
// headings put in parentheses after a city (AACR2 appendix B: "Chicago
// (Ill.)", siris_sil_1111706; "San Francisco (Calif.)"). Matched only as a
// whole part of a place string, period included.
var usStateAbbreviations = map[string]bool{
	"Ala.": true, "Ariz.": true, "Ark.": true, "Calif.": true, "Colo.": true, "Conn.": true, "Del.": true,
	"D.C.": true, "Fla.": true, "Ga.": true, "Ill.": true, "Ind.": true, "Kan.": true, "Kans.": true, "Ky.": true,
	"La.": true, "Md.": true, "Mass.": true, "Mich.": true, "Minn.": true, "Miss.": true, "Mo.": true,
	"Mont.": true, "Neb.": true, "Nebr.": true, "Nev.": true, "N.H.": true, "N.J.": true, "N.M.": true,
	"N. Mex.": true, "N.Y.": true, "N.C.": true, "N.D.": true, "N. Dak.": true, "Okla.": true, "Or.": true,
	"Oreg.": true, "Pa.": true, "R.I.": true, "S.C.": true, "S.D.": true, "S. Dak.": true, "Tenn.": true,
	"Tex.": true, "Vt.": true, "Va.": true, "Wash.": true, "W. Va.": true, "Wis.": true, "Wyo.": true,
}

// FindCountries returns every country named in a place string, in the
// order first seen, without repeats. It splits the string at the
// separators the units use (",", ";", ":", "\", "/", " or ", parentheses):
// "USA, Canada (inferred)" gives US, CA; "United States: Pennsylvania" gives
// US; "Xi'an (Shaanxi Sheng, China)" gives CN. Only countries the string
// names count: a US state gives nothing here (ImpliedCountry). "Georgia"
// next to a United States place is the state and is skipped; alone it is
// the country.
func FindCountries(text string) []Country {
	parts := strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case ',', ';', ':', '\\', '/', '(', ')', '[', ']', '|':
			return true
		}
		return false
	})
	// found keeps every match in order; a bare "Georgia" is marked so
	// that it can be dropped once the whole string is known to be in the US.
	type match struct {
		c       Country
		georgia bool
	}
	var found []match
	hasUS := false
	for _, p := range parts {
		for _, q := range strings.Split(p, " or ") {
			q = strings.TrimSpace(q)
			c, ok := LookupCountry(q)
			if !ok {
				continue
			}
			hasUS = hasUS || c.Code == "US"
			found = append(found, match{c, c.Code == "GE" && strings.EqualFold(q, "Georgia")})
		}
	}
	var out []Country
	for _, m := range found {
		if (m.georgia && hasUS) || slices.Contains(out, m.c) {
			continue
		}
		out = append(out, m.c)
	}
	return out
}

// byName is countries.ByName, remembered by the only thing ByName reads of
// its argument: its letters before any "(", upper-cased (nameKeyOf, the
// package's textPrepare done in one pass). ByName builds that key a rune at
// a time by string concatenation and then compares it with some thousand
// spellings, microseconds for a place of a few words; the corpus repeats
// its place words. At most maxByNameEntries keys are kept, shared by every
// goroutine; results never depend on what the cache holds.
func byName(text string) countries.CountryCode {
	key := nameKeyOf(text)
	if c, ok := byNameCache.Load(key); ok {
		return c.(countries.CountryCode)
	}
	c := countries.ByName(text)
	if byNameEntries.Add(1) <= maxByNameEntries {
		byNameCache.Store(key, c)
	}
	return c
}

const maxByNameEntries = 1 << 16

var (
	byNameCache   sync.Map // nameKeyOf(text) -> countries.ByName(text)
	byNameEntries atomic.Int64
)

// nameKeyOf is the text github.com/biter777/countries' ByName looks up:
// the letters (unicode.IsLetter) of text before its first "(", upper-cased
// (strings.ToUpper).
func nameKeyOf(text string) string {
	if i := strings.IndexByte(text, '('); i >= 0 {
		text = text[:i]
	}
	var b strings.Builder
	b.Grow(len(text))
	ascii := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'a' <= c && c <= 'z' {
			b.WriteByte(c - ('a' - 'A'))
		} else if 'A' <= c && c <= 'Z' {
			b.WriteByte(c)
		}
	}
	if ascii {
		return b.String()
	}
	b.Reset()
	for _, r := range text {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return strings.ToUpper(b.String())
}
