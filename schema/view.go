package schema

import (
	"github.com/soa-project/soa/schema/roles"
	"github.com/valyala/fastjson"
)

// recordView is what one edanmdm record says about its object, extracted
// once while its facets and freetext rows are written: the indexed lists and
// first values, the geoLocation, the freetext items whose labels the derived
// columns read (dates, places, names, identifiers), and the results of the
// analyses that several derived columns share (the object's dates, its
// place, its accepted taxon). The derived columns (derive.go) are pure
// functions of it, so each can be tested alone and a new one is one entry.
//
// Slices point into the parsed document or into the view's own buffers;
// they are valid until the next record. One view is reused from record to
// record so that extracting allocates nothing once warm.
type recordView struct {
	unit  string
	title []byte

	// From indexedStructured, as given.
	lists       [numListCols][][]byte
	firsts      [numFirstCols][]byte // geoLocation levels L1..L5 and the first tax_* values
	lat, lon    *fastjson.Value      // the first geoLocation point
	taxonKeys   bool                 // indexedStructured has a tax_* key
	geoL2       [][]byte             // every geoLocation level L2 (country, nation, sea), in order
	geoElements int                  // geoLocation elements (with or without levels)
	names       []indexedName        // indexedStructured.name, in order

	// From freetext, in input order.
	dateItems, placeItems, nameItems, identifierItems []freetextItem

	// Analyses, filled by analyse from the above.
	dates       objectDates
	place       objectPlace
	coords      coordinates
	taxon       objectTaxon
	people      objectNames
	identifiers objectIdentifiers

	// Results of roles' parsers by text, kept from record to record.
	parsedNames  memo[parsedName]
	countries    memo[[]roles.Country]
	countryNames memo[roles.Country]
	labels       memo[string] // freetext labels as strings (text)
}

// text returns b as a string, remembered by its bytes (labels and types
// repeat on every record), so that reading it allocates only the first
// time.
func (v *recordView) text(b []byte) string {
	return v.labels.get(b, func(s string) string { return s })
}

// indexedName is one indexedStructured.name entry: a string, or the
// content and type of a {type, content} object.
type indexedName struct {
	text, typ []byte
}

// freetextItem is one item of a freetext category: label and content of a
// {label, content} object (object), or the content of a bare string.
type freetextItem struct {
	label, content   []byte
	labelled, object bool // the item had a label key; the item was an object
}

func (v *recordView) reset(unit string, title []byte) {
	v.unit, v.title = unit, title
	for i := range v.lists {
		v.lists[i] = v.lists[i][:0]
	}
	v.firsts = [numFirstCols][]byte{}
	v.lat, v.lon, v.taxonKeys = nil, nil, false
	v.geoL2, v.names, v.geoElements = v.geoL2[:0], v.names[:0], 0
	v.dateItems, v.placeItems = v.dateItems[:0], v.placeItems[:0]
	v.nameItems, v.identifierItems = v.nameItems[:0], v.identifierItems[:0]
}

// freetextCategory notes the items of one freetext category the derived
// columns read. Only the first occurrence of a category counts, as a
// lookup by key would find it.
func (v *recordView) freetextCategory(category []byte, items []*fastjson.Value, seen *[numViewCategories]bool) {
	var dst *[]freetextItem
	var k viewCategory
	switch string(category) {
	case "date":
		dst, k = &v.dateItems, viewDates
	case "place":
		dst, k = &v.placeItems, viewPlaces
	case "name":
		dst, k = &v.nameItems, viewNames
	case "identifier":
		dst, k = &v.identifierItems, viewIdentifiers
	default:
		return
	}
	if seen[k] {
		return
	}
	seen[k] = true
	for _, item := range items {
		var it freetextItem
		switch item.Type() {
		case fastjson.TypeString:
			it.content = item.GetStringBytes() // a bare string: content without a label
		case fastjson.TypeObject:
			it.label, it.content = item.GetStringBytes("label"), item.GetStringBytes("content")
			it.labelled, it.object = item.Get("label") != nil, true
		}
		*dst = append(*dst, it)
	}
}

type viewCategory int

const (
	viewDates viewCategory = iota
	viewPlaces
	viewNames
	viewIdentifiers
	numViewCategories
)

// analyse runs the analyses the derived columns share, counting what they
// learn in stats.
func (v *recordView) analyse(stats *Stats) {
	v.dates.analyse(v, stats)
	v.place.analyse(v)
	v.coords.analyse(v, stats)
	v.taxon.analyse(v)
	v.people.analyse(v)
	v.identifiers.analyse(v)
}
