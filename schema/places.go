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

// freetextPlaces fills country, state, county and city from freetext.place
// when the geoLocation gave none of them, and appends place_source. Only
// what the text says unambiguously is taken (docs/DATASET.md, "Places"):
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
func (b *Builder) freetextPlaces() {
	col := b.obj.derived.placeSource
	for i := firstCountry; i <= firstCity; i++ {
		if b.firsts[i] != nil {
			col.Append(sourceGeoLocation)
			return
		}
	}
	filled, hierarchy := false, false
	for _, item := range elements(b.derived.freetext.Get("place")) {
		if item.Type() != fastjson.TypeObject {
			continue
		}
		text := bytes.TrimSpace(item.GetStringBytes("content"))
		if len(text) == 0 {
			continue
		}
		if level := placeLabelLevel(item.GetStringBytes("label")); level >= 0 {
			if b.firsts[level] == nil {
				b.firsts[level], filled = text, true
			}
			continue
		}
		if !hierarchy {
			hierarchy = b.placeHierarchy(text)
			filled = filled || hierarchy
		}
	}
	if filled {
		col.Append(sourceFreetextPlace)
	} else {
		col.AppendNull()
	}
}

// placeLabelLevel maps a freetext.place label that names a level to its
// first* column, or -1.
func placeLabelLevel(label []byte) int {
	label = bytes.TrimSpace(label)
	switch {
	case foldEq(label, "country"), foldEq(label, "country of origin"), foldEq(label, "nation"):
		return firstCountry
	case foldEq(label, "state"), foldEq(label, "province"), foldEq(label, "state/province"):
		return firstState
	case foldEq(label, "county"):
		return firstCounty
	case foldEq(label, "city"), foldEq(label, "town"), foldEq(label, "city/town"):
		return firstCity
	}
	return -1
}

// placeHierarchy reads "Country: State, County, City" or
// "Country\State\County\City" into the empty levels; false when text has
// neither form or its country is not in the record's place list.
func (b *Builder) placeHierarchy(text []byte) bool {
	var parts [4][]byte
	var levels [4]int
	n := 0
	if country, rest, ok := bytes.Cut(text, []byte(":")); ok && bytes.IndexByte(rest, ':') < 0 {
		parts[0], levels[0], n = country, firstCountry, 1
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
			levels[1], n = firstState, 2 // the second part may be a county or a city
		case 4:
			levels[1], levels[2], levels[3] = firstState, firstCounty, firstCity
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
		levels[0], levels[1] = firstCountry, firstState
		switch n {
		case 3:
			levels[2] = firstCity
		case 4:
			levels[2], levels[3] = firstCounty, firstCity
		}
	} else {
		return false
	}
	if !b.inPlaceList(bytes.TrimSpace(parts[0])) {
		return false
	}
	for i := range n {
		if p := bytes.TrimSpace(parts[i]); len(p) > 0 && b.firsts[levels[i]] == nil && b.inPlaceList(p) {
			b.firsts[levels[i]] = p
		}
	}
	return true
}

func (b *Builder) inPlaceList(s []byte) bool {
	for _, p := range b.lists[listPlaces] {
		if bytes.Equal(p, s) {
			return true
		}
	}
	return false
}

// coordinates appends latitude and longitude: both, or neither. A point
// whose latitude is not a number in [-90, 90] or whose longitude is not
// one in [-180, 180] gives neither and is counted in the manifest.
func (b *Builder) coordinates(lat, lon *fastjson.Value) {
	c := &b.obj
	if lat == nil && lon == nil {
		c.latitude.AppendNull()
		c.longitude.AppendNull()
		return
	}
	la, okLat := decimalDegrees(lat)
	lo, okLon := decimalDegrees(lon)
	if okLat && okLon && la >= -90 && la <= 90 && lo >= -180 && lo <= 180 {
		c.latitude.Append(la)
		c.longitude.Append(lo)
		return
	}
	b.stats.CoordsUnparsed++
	c.latitude.AppendNull()
	c.longitude.AppendNull()
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
