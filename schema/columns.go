package schema

import (
	"github.com/apache/arrow-go/v18/arrow/array"
)

// The *Cols structs hold the typed field builders of each table, looked up
// by column name once so that the per-record code reads like the schema.

type objectCols struct {
	recordID, id, url, typ, hash, docSignature, version, linkedID, title *array.StringBuilder
	titleLabel, titleSort, dataSource, recordLink, guid, metadataAccess  *array.StringBuilder
	isCC0, hasMedia                                                      *array.BooleanBuilder
	timestamp, lastTimeUpdated                                           *array.TimestampBuilder
	mediaCount, imageCount                                               *array.Int32Builder
	lists                                                                [numListCols]*array.ListBuilder
	firsts                                                               [numFirstCols]*array.StringBuilder
	recordType, extraJSON                                                *array.StringBuilder
	derived                                                              derivedCols
}

// List columns of objects filled from indexedStructured keys, in column order.
const (
	listDates = iota
	listObjectTypes
	listTopics
	listPlaces
	listNames
	listCultures
	listLanguages
	listOnlineMediaTypes
	listUsageFlags
	listScientificNames
	listCommonNames
	numListCols
)

var listColumns = [numListCols]struct{ column, key string }{
	listDates:            {"dates", "date"},
	listObjectTypes:      {"object_types", "object_type"},
	listTopics:           {"topics", "topic"},
	listPlaces:           {"places", "place"},
	listNames:            {"names", "name"},
	listCultures:         {"cultures", "culture"},
	listLanguages:        {"languages", "language"},
	listOnlineMediaTypes: {"online_media_types", "online_media_type"},
	listUsageFlags:       {"usage_flags", "usage_flag"},
	listScientificNames:  {"scientific_names", "scientific_name"},
	listCommonNames:      {"common_names", "common_name"},
}

// Single-value string columns: geoLocation levels and first taxonomy values
// (country..city are derived from the levels and freetext: objectPlace).
const (
	firstContinent = iota
	firstCountry
	firstState
	firstCounty
	firstCity
	firstKingdom
	firstPhylum
	firstClass
	firstOrder
	firstFamily
	numFirstCols
)

var firstColumns = [numFirstCols]string{
	"continent", "country", "state", "county", "city",
	"tax_kingdom", "tax_phylum", "tax_class", "tax_order", "tax_family",
}

// geoLevels maps geoLocation level keys to their first* column.
var geoLevels = map[string]int{"L1": firstContinent, "L2": firstCountry, "L3": firstState, "L4": firstCounty, "L5": firstCity}

// indexedKeys maps the indexedStructured keys that feed an objects column to
// a list column (>= 0) or a first-value column (encoded as -1 - index).
var indexedKeys = func() map[string]int {
	m := map[string]int{"geoLocation": -1 - numFirstCols}
	for i, lc := range listColumns {
		m[lc.key] = i
	}
	for i, name := range firstColumns[firstKingdom:] {
		m[name] = -1 - (firstKingdom + i)
	}
	return m
}()

func (c *objectCols) bind(r *array.RecordBuilder) {
	t := Tables[Objects]
	s := func(name string) *array.StringBuilder { return r.Field(t.Index(name)).(*array.StringBuilder) }
	c.recordID, c.id, c.url, c.typ = s("record_id"), s("id"), s("url"), s("type")
	c.hash, c.docSignature, c.version, c.linkedID = s("hash"), s("doc_signature"), s("version"), s("linked_id")
	c.title, c.titleLabel, c.titleSort, c.dataSource = s("title"), s("title_label"), s("title_sort"), s("data_source")
	c.recordLink, c.guid, c.metadataAccess = s("record_link"), s("guid"), s("metadata_access")
	c.recordType, c.extraJSON = s("record_type"), s("extra_json")
	c.isCC0 = r.Field(t.Index("is_cc0")).(*array.BooleanBuilder)
	c.hasMedia = r.Field(t.Index("has_media")).(*array.BooleanBuilder)
	c.timestamp = r.Field(t.Index("timestamp")).(*array.TimestampBuilder)
	c.lastTimeUpdated = r.Field(t.Index("last_time_updated")).(*array.TimestampBuilder)
	i := func(name string) *array.Int32Builder { return r.Field(t.Index(name)).(*array.Int32Builder) }
	c.mediaCount, c.imageCount = i("media_count"), i("image_count")
	for k, lc := range listColumns {
		c.lists[k] = r.Field(t.Index(lc.column)).(*array.ListBuilder)
	}
	for k, name := range firstColumns {
		if k < firstCountry || k > firstCity { // country..city are derived (objectPlace)
			c.firsts[k] = s(name)
		}
	}
	c.derived.bind(r)
}

type mediaCols struct {
	recordID, typ, contentURL, thumbnailURL, idsID, guid, mediaID, usageAccess, altText, extraJSON *array.StringBuilder
	ordinal, maxWidth, maxHeight                                                                   *array.Int32Builder
	isCC0                                                                                          *array.BooleanBuilder
	resources                                                                                      *array.ListBuilder
	res                                                                                            *array.StructBuilder
	resLabel, resURL, resDimensions, resName, resType, resTitle, resCategory, resFilename          *array.StringBuilder
	resExtra                                                                                       *array.StringBuilder
	resWidth, resHeight                                                                            *array.Int32Builder
}

func (c *mediaCols) bind(r *array.RecordBuilder) {
	t := Tables[Media]
	s := func(name string) *array.StringBuilder { return r.Field(t.Index(name)).(*array.StringBuilder) }
	c.recordID, c.typ, c.contentURL, c.thumbnailURL = s("record_id"), s("type"), s("content_url"), s("thumbnail_url")
	c.idsID, c.guid, c.mediaID, c.usageAccess = s("ids_id"), s("guid"), s("media_id"), s("usage_access")
	c.altText, c.extraJSON = s("alt_text"), s("extra_json")
	c.ordinal = r.Field(t.Index("ordinal")).(*array.Int32Builder)
	c.maxWidth = r.Field(t.Index("max_width")).(*array.Int32Builder)
	c.maxHeight = r.Field(t.Index("max_height")).(*array.Int32Builder)
	c.isCC0 = r.Field(t.Index("is_cc0")).(*array.BooleanBuilder)
	c.resources = r.Field(t.Index("resources")).(*array.ListBuilder)
	c.res = c.resources.ValueBuilder().(*array.StructBuilder)
	field := func(name string) array.Builder {
		i, ok := resourceType.FieldIdx(name)
		if !ok {
			panic("schema: resources have no field " + name) // caught by every test
		}
		return c.res.FieldBuilder(i)
	}
	f := func(name string) *array.StringBuilder { return field(name).(*array.StringBuilder) }
	c.resLabel, c.resURL = f("label"), f("url")
	c.resWidth = field("width").(*array.Int32Builder)
	c.resHeight = field("height").(*array.Int32Builder)
	c.resDimensions, c.resName, c.resType, c.resTitle = f("dimensions"), f("name"), f("type"), f("title")
	c.resCategory, c.resFilename, c.resExtra = f("category"), f("filename"), f("extra_json")
}

type facetCols struct {
	recordID, facet, value, qualifier, level *stringCol
	ordinal                                  *array.Int32Builder
}

func (c *facetCols) bind(r *array.RecordBuilder, own []*stringCol) {
	s := stringCols(Facets, own)
	c.recordID, c.facet, c.value, c.qualifier, c.level = s("record_id"), s("facet"), s("value"), s("qualifier"), s("level")
	c.ordinal = r.Field(Tables[Facets].Index("ordinal")).(*array.Int32Builder)
}

type freetextCols struct {
	recordID, category, label, content, extraJSON *stringCol
	ordinal                                       *array.Int32Builder
}

func (c *freetextCols) bind(r *array.RecordBuilder, own []*stringCol) {
	s := stringCols(Freetext, own)
	c.recordID, c.category, c.label, c.content, c.extraJSON = s("record_id"), s("category"), s("label"), s("content"), s("extra_json")
	c.ordinal = r.Field(Tables[Freetext].Index("ordinal")).(*array.Int32Builder)
}

// stringCols returns a function giving table t's column name a stringCol
// of its own, recorded in own (by field index) so that NewRecords takes
// its rows from there rather than from the record builder.
func stringCols(t TableID, own []*stringCol) func(name string) *stringCol {
	return func(name string) *stringCol {
		c := newStringCol()
		own[Tables[t].Index(name)] = c
		return c
	}
}

type otherCols struct {
	id, url, typ, recordID, raw *array.StringBuilder
}

func (c *otherCols) bind(r *array.RecordBuilder) {
	t := Tables[Other]
	s := func(name string) *array.StringBuilder { return r.Field(t.Index(name)).(*array.StringBuilder) }
	c.id, c.url, c.typ, c.recordID, c.raw = s("id"), s("url"), s("type"), s("record_id"), s("raw_json")
}

type nameCols struct {
	recordID, name, role, roleClass, source *array.StringBuilder
	ordinal, birthYear, deathYear           *array.Int32Builder
}

func (c *nameCols) bind(r *array.RecordBuilder) {
	t := Tables[Names]
	s := func(name string) *array.StringBuilder { return r.Field(t.Index(name)).(*array.StringBuilder) }
	i := func(name string) *array.Int32Builder { return r.Field(t.Index(name)).(*array.Int32Builder) }
	c.recordID, c.name, c.role, c.roleClass, c.source = s("record_id"), s("name"), s("role"), s("role_class"), s("source")
	c.ordinal, c.birthYear, c.deathYear = i("ordinal"), i("birth_year"), i("death_year")
}

type identifierCols struct {
	recordID, scheme, value, label *array.StringBuilder
}

func (c *identifierCols) bind(r *array.RecordBuilder) {
	t := Tables[Identifiers]
	s := func(name string) *array.StringBuilder { return r.Field(t.Index(name)).(*array.StringBuilder) }
	c.recordID, c.scheme, c.value, c.label = s("record_id"), s("scheme"), s("value"), s("label")
}
