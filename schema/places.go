package schema

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/biter777/countries"
	"github.com/soa-project/soa/schema/roles"
	"github.com/valyala/fastjson"
)

// Place sources written to objects.place_source.
const (
	sourceGeoLocation   = "geoLocation"
	sourceFreetextPlace = "freetext.place"
)

// objectPlace is the record's country, state, county and city, what they
// are to the object (place_role) and where they came from (place_source),
// and the countries the record names.
type objectPlace struct {
	levels [4][]byte       // country, state, county, city as given; nil when unknown
	source string          // place_source; "" when no level is set
	role   roles.PlaceRole // place_role; "" when no level is set

	country     string // objects.country: the ISO English short name, else the text as given
	countryCode string // ISO 3166-1 alpha-2; "" when the country is not an ISO country
	codes       []string
}

// Indexes of objectPlace.levels.
const (
	levelCountry = iota
	levelState
	levelCounty
	levelCity
)

// analyse chooses the place whose role is best known (docs/DATASET.md,
// "Places"):
//
//  1. the geoLocation, when the unit's geoLocation gives where the object
//     was made or collected (roles.GeoLocationRole: NMNH*, FSG, NASM,
//     NMAfA, NMAAHC, NZP);
//  2. else the freetext.place items whose label says made or collected
//     (Origin, Place made, made in, Country of Origin, Collecting
//     Locality; roles.PlaceLabel);
//  3. else the geoLocation, in the role the unit gives it (depicted for
//     SAAM and NPG, other elsewhere);
//  4. else the other freetext.place items.
//
// From freetext.place only what the text says unambiguously is taken:
//
//   - an item labelled Country, Country of Origin or Nation, State or
//     Province, County, City or Town (NZP: "Country" = "USA");
//   - NMAH's "Country: State, County, City" (state from the first part;
//     county and city only when all three are given);
//   - NPG's "Country\State\City" and "Country\State\County\City"; a
//     part of these two is taken only when the record's own place list
//     (indexedStructured.place) holds it too, so that a colon or backslash
//     in prose cannot invent a country;
//   - else the whole text as the country when it names an ISO 3166-1
//     country ("Japan", "United States, North and Central America").
func (p *objectPlace) analyse(v *recordView) {
	p.levels, p.source, p.role = [4][]byte{}, "", ""
	p.country, p.countryCode, p.codes = "", "", p.codes[:0]

	geo := v.firsts[firstCountry : firstCity+1]
	hasGeo := false
	for _, l := range geo {
		hasGeo = hasGeo || l != nil
	}
	geoRole := roles.GeoLocationRole(v.unit)
	stated := func(r roles.PlaceRole) bool { return r == roles.Made || r == roles.Collected }
	switch {
	case hasGeo && stated(geoRole):
		copy(p.levels[:], geo)
		p.source, p.role = sourceGeoLocation, geoRole
	case p.fromFreetext(v, stated):
	case hasGeo:
		copy(p.levels[:], geo)
		p.source, p.role = sourceGeoLocation, geoRole
	case p.fromFreetext(v, func(r roles.PlaceRole) bool { return !stated(r) }):
	case v.geoElements > 0:
		// A place without a country, state, county or city (a sea, the
		// Moon) still has a role.
		p.role = geoRole
	default:
		for _, item := range v.placeItems {
			if len(bytes.TrimSpace(item.content)) > 0 {
				p.role = placeLabelRole(v, item.label)
				break
			}
		}
	}

	if c := p.levels[levelCountry]; c != nil {
		p.country = string(c)
		if iso := v.countryNames.get(c, countryNamed); iso.Code != "" {
			p.country, p.countryCode = iso.Name, iso.Code
		}
		p.addCode(p.countryCode)
	} else if p.role != "" {
		// No country named: a US state names one (siris_sil_334064,
		// Place "California").
		for _, item := range v.placeItems {
			if code, ok := usStates[strings.TrimSpace(string(item.content))]; ok {
				p.country, p.countryCode = code.Name, code.Code
				p.addCode(code.Code)
				break
			}
		}
	}
	for _, l2 := range v.geoL2 {
		for _, c := range v.findCountries(l2) {
			p.addCode(c.Code)
		}
	}
	for _, item := range v.placeItems {
		if text := bytes.TrimSpace(item.content); len(text) > 0 {
			for _, c := range v.findCountries(text) {
				p.addCode(c.Code)
			}
		}
	}
}

// placeLabelRole is roles.PlaceLabel, but NPG's freetext Place is where
// the work was made or printed, not what it depicts (hand audit:
// npg_NPG.94.108, npg_NPG.2019.86).
func placeLabelRole(v *recordView, label []byte) roles.PlaceRole {
	if v.unit == "NPG" && foldEq(bytes.TrimSpace(label), "place") {
		return roles.Made
	}
	return roles.PlaceLabel(v.unit, v.text(label))
}

// ambiguousCountry reports a country the text may not name: "Korea" is
// KR or KP (nmnhanthropology_8430767), so a bare Korea gives no code.
func ambiguousCountry(c roles.Country, text string) bool {
	if c.Code != "KR" && c.Code != "KP" {
		return false
	}
	t := strings.ToLower(text)
	return !strings.Contains(t, "republic") && !strings.Contains(t, "south") && !strings.Contains(t, "north")
}

// lookupCountry is roles.LookupCountry without the ambiguous names.
func lookupCountry(text string) (roles.Country, bool) {
	c, ok := roles.LookupCountry(text)
	if !ok || ambiguousCountry(c, text) {
		return roles.Country{}, false
	}
	return c, true
}

// countryNamed is the country a country level names: the text is one
// (lookupCountry), else the first one it names ("United States, North and
// Central America"); the zero Country when none.
func countryNamed(text string) roles.Country {
	if iso, ok := lookupCountry(text); ok {
		return iso
	}
	if found := findCountriesIn(text); len(found) > 0 {
		return found[0]
	}
	return roles.Country{}
}

// findCountries is findCountriesIn, remembered by text. The result is
// shared: do not modify it.
func (v *recordView) findCountries(text []byte) []roles.Country {
	return v.countries.get(text, findCountriesIn)
}

// findCountriesIn is roles.FindCountries without the ambiguous names.
func findCountriesIn(text string) []roles.Country {
	found := roles.FindCountries(text)
	out := found[:0]
	for _, c := range found {
		if !ambiguousCountry(c, text) {
			out = append(out, c)
		}
	}
	return out
}

// usStates maps the name of each ISO 3166-2:US subdivision (states, the
// District of Columbia, outlying areas) to the United States, from the
// same maintained table as the countries.
var usStates = func() map[string]roles.Country {
	us, _ := roles.LookupCountry("US")
	m := map[string]roles.Country{}
	for _, s := range countries.SubdivisionsByCountryCode(countries.US) {
		m[s.String()] = us
	}
	return m
}()

// fromFreetext fills the levels from the freetext.place items whose role
// want accepts, and reports whether it filled any.
func (p *objectPlace) fromFreetext(v *recordView, want func(roles.PlaceRole) bool) bool {
	filled, hierarchy := false, false
	var firstRole roles.PlaceRole
	for _, item := range v.placeItems {
		if !item.object {
			continue
		}
		text := bytes.TrimSpace(item.content)
		if len(text) == 0 {
			continue
		}
		role := placeLabelRole(v, item.label)
		if !want(role) {
			continue
		}
		took := false
		switch level := placeLabelLevel(item.label); {
		case level >= 0:
			if p.levels[level] == nil {
				p.levels[level], took = text, true
			}
		case !hierarchy && p.hierarchy(text, v.lists[listPlaces]):
			hierarchy, took = true, true
		case p.levels[levelCountry] == nil && len(v.findCountries(text)) > 0:
			p.levels[levelCountry], took = text, true
		}
		if took && !filled {
			filled, firstRole = true, role
		}
	}
	if filled {
		p.source, p.role = sourceFreetextPlace, firstRole
	}
	return filled
}

func (p *objectPlace) addCode(code string) {
	if code == "" {
		return
	}
	for _, c := range p.codes {
		if c == code {
			return
		}
	}
	p.codes = append(p.codes, code)
}

// placeLabelLevel maps a freetext.place label that names a level to its
// index in objectPlace.levels, or -1.
func placeLabelLevel(label []byte) int {
	label = bytes.TrimSpace(label)
	switch {
	case foldEq(label, "country"), foldEq(label, "country of origin"), foldEq(label, "nation"):
		return levelCountry
	case foldEq(label, "state"), foldEq(label, "province"), foldEq(label, "state/province"):
		return levelState
	case foldEq(label, "county"):
		return levelCounty
	case foldEq(label, "city"), foldEq(label, "town"), foldEq(label, "city/town"):
		return levelCity
	}
	return -1
}

// placeHierarchy reads "Country: State, County, City" or
// "Country\State\County\City" into the empty levels; false when text has
// neither form or its country is not in the record's place list.
func (p *objectPlace) hierarchy(text []byte, places [][]byte) bool {
	var parts [4][]byte
	var levels [4]int
	n := 0
	if country, rest, ok := bytes.Cut(text, []byte(":")); ok && bytes.IndexByte(rest, ':') < 0 {
		parts[0], levels[0], n = country, levelCountry, 1
		for n < 4 && len(rest) > 0 {
			var part []byte
			part, rest, _ = bytes.Cut(rest, []byte(","))
			parts[n] = part
			n++
		}
		if len(rest) > 0 {
			return false
		}
		switch n {
		case 2, 3:
			levels[1], n = levelState, 2 // the second part may be a county or a city
		case 4:
			levels[1], levels[2], levels[3] = levelState, levelCounty, levelCity
		}
	} else if bytes.IndexByte(text, '\\') > 0 {
		rest := text
		for n < 4 && len(rest) > 0 {
			var part []byte
			part, rest, _ = bytes.Cut(rest, []byte(`\`))
			parts[n] = part
			n++
		}
		if len(rest) > 0 {
			return false
		}
		levels[0], levels[1] = levelCountry, levelState
		switch n {
		case 3:
			levels[2] = levelCity
		case 4:
			levels[2], levels[3] = levelCounty, levelCity
		}
	} else {
		return false
	}
	if !inList(places, bytes.TrimSpace(parts[0])) {
		return false
	}
	for i := range n {
		if part := bytes.TrimSpace(parts[i]); len(part) > 0 && p.levels[levels[i]] == nil && inList(places, part) {
			p.levels[levels[i]] = part
		}
	}
	return true
}

func inList(list [][]byte, s []byte) bool {
	for _, p := range list {
		if bytes.Equal(p, s) {
			return true
		}
	}
	return false
}

// coordinates is the first geoLocation point: both latitude and
// longitude, or neither (ok false).
type coordinates struct {
	lat, lon float64
	ok       bool
}

// analyse reads the point. A point whose latitude is not a number in
// [-90, 90] or whose longitude is not one in [-180, 180] gives neither and
// is counted in the manifest.
func (c *coordinates) analyse(v *recordView, stats *Stats) {
	*c = coordinates{}
	if v.lat == nil && v.lon == nil {
		return
	}
	la, okLat := decimalDegrees(v.lat)
	lo, okLon := decimalDegrees(v.lon)
	if okLat && okLon && la >= -90 && la <= 90 && lo >= -180 && lo <= 180 {
		*c = coordinates{la, lo, true}
		return
	}
	stats.CoordsUnparsed++
}

// decimalDegrees reads a coordinate given as {type, content} or bare, as a
// string or a number.
func decimalDegrees(v *fastjson.Value) (float64, bool) {
	if v != nil && v.Type() == fastjson.TypeObject {
		v = v.Get("content")
	}
	if v == nil {
		return 0, false
	}
	switch v.Type() {
	case fastjson.TypeNumber:
		f, err := v.Float64()
		return f, err == nil
	case fastjson.TypeString:
		f, err := strconv.ParseFloat(string(v.GetStringBytes()), 64)
		return f, err == nil
	}
	return 0, false
}

// foldEq compares b with the lower-case ASCII string w, ignoring ASCII case.
func foldEq(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}
