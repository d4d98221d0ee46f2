package schema

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
)

// Version is the dataset schema version written to every manifest. Bump it
// when a column is renamed, retyped or dropped (adding columns does not).
const Version = 2

// Column describes one column of a table: its kind (Arrow type and how it
// is stored), the JSON path it comes from and what it means. The data
// dictionary and the Parquet writer properties (package dataset) are
// derived from these.
type Column struct {
	Name   string
	Type   Kind
	Source string
	Doc    string
}

// Table describes one table of the dataset.
type Table struct {
	Name    string
	Doc     string
	Columns []Column
}

// Schema returns the Arrow schema of the table. Every field is nullable so
// that readers merging many files never meet a required/optional mismatch;
// the builders guarantee which columns are never null (see Column.Doc).
func (t *Table) Schema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Type.Arrow, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// Index returns the position of the named column; it panics when the column
// does not exist, which is a programming error caught by every test.
func (t *Table) Index(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	panic(fmt.Sprintf("schema: table %s has no column %q", t.Name, name))
}

// TableID names one of the tables, in the order the tables are listed
// everywhere; it indexes Tables and every per-table array.
type TableID int

// Table identifiers.
const (
	Objects TableID = iota
	Media
	Facets
	Freetext
	Other
	Names
	Identifiers
	NumTables
)

// The kinds of the columns. A column of repeating values keeps both
// dictionary encoding and statistics (str and the others); distinctStr and
// repeatedStr are the exceptions (see Kind).
var (
	str       = Kind{Arrow: arrow.BinaryTypes.String, Dictionary: true, Statistics: true}
	i32       = Kind{Arrow: arrow.PrimitiveTypes.Int32, Dictionary: true, Statistics: true}
	f64       = Kind{Arrow: arrow.PrimitiveTypes.Float64, Dictionary: true, Statistics: true}
	boolean   = Kind{Arrow: arrow.FixedWidthTypes.Boolean, Dictionary: true, Statistics: true}
	strList   = Kind{Arrow: arrow.ListOf(arrow.BinaryTypes.String), Dictionary: true, Statistics: true}
	timestamp = Kind{Arrow: &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}, Dictionary: true, Statistics: true}
	// distinctStr is a string column of mostly distinct values: plain,
	// without statistics.
	distinctStr = Kind{Arrow: arrow.BinaryTypes.String}
	// repeatedStr is a string column that repeats the record id on every
	// row of a record (facets, freetext): runs that dictionary indices
	// encode in a few bits, but whose min and max, in input order, prune
	// nothing.
	repeatedStr = Kind{Arrow: arrow.BinaryTypes.String, Dictionary: true}

	// resources is the list of a media item's resources (an image
	// rendition, a 3D file). Keys other than these are kept in each
	// element's extra_json.
	resources = listOfStructs(
		field{"label", str},
		field{"url", distinctStr},
		field{"width", i32},
		field{"height", i32},
		field{"dimensions", str},
		field{"name", distinctStr},
		field{"type", str},
		field{"title", str},
		field{"category", str},
		field{"filename", distinctStr},
		field{"extra_json", distinctStr},
	)
	// resourceType is the struct of one resource, for the builder.
	resourceType = resources.Arrow.(*arrow.ListType).Elem().(*arrow.StructType)
)

const (
	dnr = "content.descriptiveNonRepeating"
	is  = "content.indexedStructured"
)

// Tables lists the seven tables of the dataset, indexed by Objects..Identifiers.
var Tables = [NumTables]*Table{
	Objects: {
		Name: "objects",
		Doc:  "one row per edanmdm record (a collection object, specimen, archival or library item)",
		Columns: []Column{
			{"record_id", distinctStr, dnr + ".record_ID", "stable record key (`nmah_1448973`); never null; joins every side table"},
			{"id", distinctStr, "id", "EDAN document id; not stable across releases"},
			{"url", distinctStr, "url", "`edanmdm:<record_ID>`"},
			{"type", str, "type", "EDAN document type (always `edanmdm` here)"},
			{"hash", distinctStr, "hash", "SHA-1 of the core fields; its first two hex digits name the dump file (00.txt … ff.txt) that holds the record"},
			{"doc_signature", distinctStr, "docSignature", "signature of the whole document (changes with any edit)"},
			{"version", str, "version", "EDAN version string, often empty"},
			{"linked_id", str, "linkedId", "parent document id (`0` or empty when none)"},
			{"title", distinctStr, "title", "display title; may contain HTML"},
			{"title_label", str, dnr + ".title.label", "label of the title (`Title`, `Object Name`)"},
			{"title_sort", distinctStr, dnr + ".title_sort", "upper-cased sort title"},
			{"data_source", str, dnr + ".data_source", "full name of the unit that holds the record"},
			{"record_link", distinctStr, dnr + ".record_link", "the unit's web page for the record"},
			{"guid", distinctStr, dnr + ".guid", "persistent ARK or DOI"},
			{"object_number", distinctStr, "content.freetext.identifier[]", "the unit's primary number, the one on its label: SAAM, NPG, NMAfA, NMAAHC `Object number`; NMAH `ID Number`; NASM `Inventory Number`; CHNDM, FSG, HMSG, ACM `Accession Number`; FBR `Accession #`; NMNH* `USNM Number` (else a number whose label names USNM, else the `Barcode`); NMAI `Catalog Number`; SIL `Call number`; AAA, SIA `Local number`; other units the first object, accession, catalog or inventory number; a `Label : value` content counts under its own label; null when none (every number is in identifiers)"},
			{"metadata_access", str, dnr + ".metadata_usage.access", "rights of the metadata (`CC0`, `Usage conditions apply`)"},
			{"is_cc0", boolean, dnr + ".metadata_usage.access", "metadata_access == \"CC0\"; never null"},
			{"timestamp", timestamp, "timestamp", "when the record entered EDAN (int or string of epoch seconds)"},
			{"last_time_updated", timestamp, "lastTimeUpdated", "when the record last changed (int or string of epoch seconds)"},
			{"media_count", i32, dnr + ".online_media.media", "number of online media items; never null"},
			{"has_media", boolean, dnr + ".online_media.media", "media_count > 0; never null"},
			{"image_count", i32, dnr + ".online_media.media[].type", "media items of type `Images`; never null"},
			{"dates", strList, is + ".date[]", "normalised dates as given (`1960s`, `BCE 1000s`); empty list when none"},
			{"year_start", i32, "content.freetext.date[] | " + is + ".date[]", "first year of the object's own production, publication or (specimens) collection date (negative = BCE): from the freetext dates whose role is the object's own (`Date`, `date made`, `Collection Date`; in SIL the publication date, not the subject periods), without a later cast or print; else the decade buckets in the units where they describe the object; null when undated (`n.d.`), when none parse, or when the start is open; rules in docs/DATES.md"},
			{"year_end", i32, "content.freetext.date[] | " + is + ".date[]", "last year of the object's own date (negative = BCE); never extended by subject periods, coverage (`To 1901`), lifespans, accession dates or a later cast; null when none parse or the end is open (`1988-`)"},
			{"date_precision", str, "(derived from the dates)", "how finely year_start/year_end are known: `day`, `month`, `year` (one year, stated to that precision), `range` (two years), `circa` (±5 years), `decade`, `century`, `millennium`, `open` (one end only), `undated` (the record says n.d.); null when no date"},
			{"date_source", str, "(derived from the dates)", "where the years came from: `freetext.date:<label>` (`freetext.date:Collection Date`; `…:Start Date/End Date` when two labels set the ends) or `indexedStructured.date` (the buckets, the fallback); null when no date"},
			{"later_year_start", i32, "content.freetext.date[]", "first year of a later cast, print, impression or edition (`1840-1845, cast 1951-1962` gives 1951; labels such as `Cast Date`); null when none"},
			{"later_year_end", i32, "content.freetext.date[]", "last year of that later cast or print (1962 above); null when none or open (`cast after 1902`)"},
			{"date_uncertain", boolean, "content.freetext.date[]", "true when the own date that set year_start or year_end says it is uncertain: `c.`, `ca.`, `circa`, `about`, `?`, a bracketed cataloguer's date `[1921]`, `possibly`, `probably`, `(inferred)`, `1850 or 1851`, MARC `185u`; false for a stated date or the decade buckets; null when year_start and year_end are null"},
			{"object_types", strList, is + ".object_type[]", "object types (`Drawings`, `Holotypes`)"},
			{"topics", strList, is + ".topic[]", "subject topics"},
			{"places", strList, is + ".place[]", "place names, flattened"},
			{"names", strList, is + ".name[]", "people and organisations as the index lists them, in any role (makers, sitters, donors, former attributions); a name object contributes its `content`; the names table says each one's role"},
			{"makers", strList, "content.freetext.name[] | " + is + ".name[]", "who made the object: the display forms (no life dates or relator codes) of the names whose role class is `maker` (names table), in record order, each once; never a former or rejected attribution, sitter, subject, donor, owner, publisher or contributor; placeholders (`Unknown`, `Unidentified Artist`) are left out; empty list when none"},
			{"cultures", strList, is + ".culture[]", "cultures and peoples"},
			{"languages", strList, is + ".language[]", "languages (libraries)"},
			{"online_media_types", strList, is + ".online_media_type[]", "kinds of online media the unit lists (even when the media itself is not open access)"},
			{"usage_flags", strList, is + ".usage_flag[]", "unit-specific flags and tags"},
			{"continent", str, is + ".geoLocation[].L1", "first continent or ocean (level L1)"},
			{"country", str, is + ".geoLocation[].L2 | content.freetext.place[]", "the country of the place chosen by place_role: the ISO 3166-1 English short name (`United States`, `Japan`) when the place names an ISO country (`USA`, `United States of America` and `U.S.A.` are all `United States`), else the text as given (`Prussia`, a sea)"},
			{"state", str, is + ".geoLocation[].L3 | content.freetext.place[]", "first state, province or district (level L3); likewise"},
			{"county", str, is + ".geoLocation[].L4 | content.freetext.place[]", "first county or island (level L4); likewise"},
			{"city", str, is + ".geoLocation[].L5 | content.freetext.place[]", "first city or town (level L5); likewise"},
			{"latitude", f64, is + ".geoLocation[].points.point.latitude.content", "first point's latitude in decimal degrees, in [-90, 90]; null unless the point's longitude is valid too"},
			{"longitude", f64, is + ".geoLocation[].points.point.longitude.content", "first point's longitude in decimal degrees, in [-180, 180]; null unless the point's latitude is valid too"},
			{"place_source", str, "(derived from the places)", "where country/state/county/city came from: `geoLocation`, or `freetext.place` (NZP `Country`/`City` items, NMAH `United States: Pennsylvania`); null when none is set"},
			{"place_role", str, is + ".geoLocation[] | content.freetext.place[].label", "what that place is to the object: `made` (freetext labels Origin, Place made, made in, Country of Origin, NMAfA Geography; the geoLocation of FSG, NASM, NMAfA, NMAAHC, NZP), `collected` (Collecting Locality; every NMNH* unit's geoLocation), `depicted` (SAAM and NPG geoLocation: what the work shows or the sitter's biography), `other` (purchased, used, subject headings, a place whose role the unit does not state); a made or collected place is preferred; null when no country, state, county or city is set; docs/DATASET.md, \"Places\""},
			{"country_code", str, "(derived from country)", "ISO 3166-1 alpha-2 code of country (`US`, `JP`); null when country is not an ISO country (`Prussia`, `Ottoman Empire`, `Korea`)"},
			{"countries", strList, is + ".geoLocation[].L2 | content.freetext.place[]", "every ISO 3166-1 alpha-2 code the record's places name (country first, then the geoLocation countries, then freetext.place), each once (`USA, Canada` gives US, CA); empty list when none"},
			{"tax_kingdom", str, is + ".tax_kingdom[0]", "first kingdom; every value is in facets"},
			{"tax_phylum", str, is + ".tax_phylum[0]", "first phylum; every value is in facets"},
			{"tax_class", str, is + ".tax_class[0]", "first class; every value is in facets"},
			{"tax_order", str, is + ".tax_order[0]", "first order; every value is in facets"},
			{"tax_family", str, is + ".tax_family[0]", "first family; every value is in facets"},
			{"scientific_names", strList, is + ".scientific_name[]", "scientific names with authority"},
			{"common_names", strList, is + ".common_name[]", "vernacular names"},
			{"genus", str, is + ".scientific_name[]", "genus of the accepted scientific name (the one the title starts with, else the first); null when the name does not start with one"},
			{"subgenus", str, is + ".scientific_name[]", "subgenus, from `Genus (Subgenus) epithet`"},
			{"species", str, is + ".scientific_name[]", "binomial `Genus epithet` of the accepted name, without authority (`Elymus x hansenii` keeps the hybrid sign); null when the name stops at the genus (`Sphenopholis sp.`)"},
			{"infraspecific_rank", str, is + ".scientific_name[]", "`var.`, `subsp.`, `f.`, … as the name writes it (`ssp.` as `subsp.`); null for a zoological trinomial, which names no rank"},
			{"infraspecific_epithet", str, is + ".scientific_name[]", "the epithet below the species (`rosea` in `Coryphantha vivipara var. rosea`, `nevadensis` in `Passerculus sandwichensis nevadensis`)"},
			{"taxon_role", str, is + ".scientific_name[] | tax_* | common_name[]", "`specimen` when the record has a scientific name (it is the organism), `subject` when it has taxonomy but no scientific name (a vase filed under Elephantidae), null when it has no taxonomy"},
			{"record_type", str, dnr + ".record_type", "EDAN record type (NMAI; usually empty)"},
			{"extra_json", distinctStr, "(any key without a column)", "JSON object of envelope and descriptiveNonRepeating values that have no column, keyed by JSON path; null when none. indexedStructured and freetext keys are never here: they are in facets and freetext"},
		},
	},
	Media: {
		Name: "media",
		Doc:  "one row per online_media.media[] item",
		Columns: []Column{
			{"record_id", distinctStr, dnr + ".record_ID", "the record the media belongs to"},
			{"ordinal", i32, dnr + ".online_media.media[]", "position in media[], from 0"},
			{"type", str, "media[].type", "`Images`, `Scanned books`, `3d_voyager`, …"},
			{"content_url", distinctStr, "media[].content", "URL of the media (IDS delivery, PDF, 3D package)"},
			{"thumbnail_url", distinctStr, "media[].thumbnail", "URL of a thumbnail"},
			{"ids_id", distinctStr, "media[].idsId", "Smithsonian image delivery id"},
			{"guid", distinctStr, "media[].guid", "persistent ARK of the media"},
			{"media_id", distinctStr, "media[].id", "EDAN media id (`media:…`, `3d_package:…`)"},
			{"usage_access", str, "media[].usage.access", "rights of the media (`CC0`, `Not determined`)"},
			{"is_cc0", boolean, "media[].usage.access", "usage_access == \"CC0\"; never null"},
			{"alt_text", distinctStr, "media[].altTextAccessibility | text_equiv | alt", "alternative text, from whichever alt-text key is present (first non-empty in that order); the others stay in extra_json"},
			{"max_width", i32, "media[].resources[].width | label", "width of the largest resource, from width/height, `dimensions` or the `(6600x6600)` in a label"},
			{"max_height", i32, "media[].resources[].height | label", "height of that same resource"},
			{"resources", resources, "media[].resources[]", "renditions and files; keys without a field (3D attributes…) in each element's extra_json"},
			{"extra_json", distinctStr, "(any media key without a column)", "JSON object of the item's other keys (caption, usage codes, voyagerId…); null when none"},
		},
	},
	Facets: {
		Name: "facets",
		Doc:  "every value under indexedStructured, long form: one row per string (or number/bool) leaf",
		Columns: []Column{
			{"record_id", repeatedStr, dnr + ".record_ID", "the record"},
			{"facet", str, is + ".<key>", "the indexedStructured key as given (`topic`, `geo_age-era`, `nmaiculture_continent`)"},
			{"ordinal", i32, is + ".<key>[]", "position of the element in the key's array, from 0"},
			{"value", str, "leaf", "the value; numbers and booleans as JSON text; a `{type, content}` object gives its content"},
			{"qualifier", str, "leaf's sibling `type`", "the `type` beside a content (a name's `personal_main`, a geo level's `Country`, a point's `decimal`)"},
			{"level", str, "key path inside the element", "where inside an object element the value sits: `L1`..`L5`, `Other`, `points.point.latitude` for geoLocation, `building` for exhibition; null for plain values and name objects"},
		},
	},
	Freetext: {
		Name: "freetext",
		Doc:  "one row per freetext {label, content} item, in input order",
		Columns: []Column{
			{"record_id", repeatedStr, dnr + ".record_ID", "the record"},
			{"category", str, "content.freetext.<category>", "the category as given (`notes`, `physicalDescription`, any unseen one)"},
			{"ordinal", i32, "content.freetext.<category>[]", "position within the category, from 0"},
			{"label", str, "[].label", "display label (unit-specific, case varies)"},
			{"content", distinctStr, "[].content", "display text; may contain HTML"},
			{"extra_json", distinctStr, "[] other keys", "JSON object of the item's other keys; null when none"},
		},
	},
	Other: {
		Name: "other",
		Doc:  "records whose type is not edanmdm, kept whole",
		Columns: []Column{
			{"id", distinctStr, "id", "EDAN document id"},
			{"url", distinctStr, "url", "EDAN url"},
			{"type", str, "type", "EDAN document type (`ead_collection`, …)"},
			{"record_id", distinctStr, dnr + ".record_ID | content.id", "record id when the document has one"},
			{"raw_json", distinctStr, "(whole line)", "the document as read"},
		},
	},
	Names: {
		Name: "names",
		Doc:  "one row per person or body an edanmdm record names, per role: who made it, who it shows, who owned it (docs/DATASET.md, \"Names\")",
		Columns: []Column{
			{"record_id", repeatedStr, dnr + ".record_ID", "the record"},
			{"ordinal", i32, "(row order)", "position among the record's names rows, from 0: the freetext.name rows first, in input order, then the indexedStructured.name entries no freetext row names"},
			{"name", str, "content.freetext.name[].content | " + is + ".name[]", "display form: the name without life dates, nationality, relator code or trailing punctuation (`Hokusai, Katsushika 1760-1849` gives `Hokusai, Katsushika`)"},
			{"role", str, "content.freetext.name[].label | relator | " + is + ".name[].type", "the role as given: the freetext label (`Artist`, `Sitter`, `Former attribution`), a MARC relator code or term in the name (`cmp`, `lyr`, `DSI`, `editor`), else the index's type (`personal_main`); null for a plain index string"},
			{"role_class", str, "(derived from role)", "`maker`, `contributor`, `subject`, `provenance`, `former`, `publisher` or `other`; the mapping of every label is in docs/DATASET.md, \"Names\"; an unseen label goes through a keyword rule, else `other`"},
			{"birth_year", i32, "(derived from the name)", "birth year when the text states it (`1909-1984` gives 1909, `1906-` gives 1906); null otherwise, and for `active 1840-1860`"},
			{"death_year", i32, "(derived from the name)", "death year when the text states it; null otherwise"},
			{"source", str, "(which key)", "`content.freetext.name` or `" + is + ".name`; one row per person per role when both say the same (the freetext one, which has the role)"},
		},
	},
	Identifiers: {
		Name: "identifiers",
		Doc:  "one row per content.freetext.identifier item of an edanmdm record: the numbers on its label",
		Columns: []Column{
			{"record_id", repeatedStr, dnr + ".record_ID", "the record"},
			{"scheme", str, "(derived from label)", "`accession_number`, `object_number` (also NMAH `ID Number`), `catalog_number`, `inventory_number`, `usnm_number`, `barcode`, `field_number`, `call_number`, `local_number` or `other`"},
			{"value", distinctStr, "content.freetext.identifier[].content", "the number; from a `Label : value` content (`Field Number : 795`) the part after the colon"},
			{"label", str, "content.freetext.identifier[].label", "the label as given, or the label split from a `Label : value` content"},
		},
	},
}
