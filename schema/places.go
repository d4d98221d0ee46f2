package schema

import (
	"bytes"
	"strconv"

	"github.com/valyala/fastjson"
)

// Place sources written to objects.place_source.
const (
	sourceGeoLocation   = "geoLocation"
	sourceFreetextPlace = "freetext.place"
)

// objectPlace is the record's country, state, county and city, and where
// they came from (place_source).
type objectPlace struct {
	levels [4][]byte // country, state, county, city; nil when unknown
	source string    // place_source; "" when no level is set
}

// Indexes of objectPlace.levels.
const (
	levelCountry = iota
	levelState
	levelCounty
	levelCity
)

// analyse takes the levels from the geoLocation, else from freetext.place.
// Only what the text says unambiguously is taken (docs/DATASET.md,
// "Places"):
//
//   - an item labelled Country, Country of Origin or Nation, State or
//     Province, County, City or Town (NZP: "Country" = "USA");
//   - NMAH's "Country: State, County, City" (state from the first part;
//     county and city only when all three are given);
//   - NPG's "Country\State\City" and "Country\State\County\City".
//
// A part of the last two is taken only when the record's own place list
// (indexedStructured.place) holds it too, so that a colon or backslash in
// prose cannot invent a country.
func (p *objectPlace) analyse(v *recordView) {
	copy(p.levels[:], v.firsts[firstCountry:firstCity+1])
	for _, l := range p.levels {
		if l != nil {
			p.source = sourceGeoLocation
			return
		}
	}
	filled, hierarchy := false, false
	for _, item := range v.placeItems {
		if !item.object {
			continue
		}
		text := bytes.TrimSpace(item.content)
		if len(text) == 0 {
			continue
		}
		if level := placeLabelLevel(item.label); level >= 0 {
			if p.levels[level] == nil {
				p.levels[level], filled = text, true
			}
			continue
		}
		if !hierarchy {
			hierarchy = p.hierarchy(text, v.lists[listPlaces])
			filled = filled || hierarchy
		}
	}
	p.source = ""
	if filled {
		p.source = sourceFreetextPlace
	}
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
