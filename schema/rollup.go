package schema

import (
	"github.com/apache/arrow-go/v18/arrow"
)

// Rollup describes one summary table ("rollup") of a dataset: counts of the
// base tables' rows by a few keys, computed while the records stream
// through the converter, so that the bundled queries read a few thousand
// rows instead of hundreds of millions. Columns are the key columns first
// (Keys of them), then the counts (int64). Every per-group rollup has
// unit_code as a key column, so that summing over a rollup's files gives
// the same numbers as the same question over the base tables (see
// docs/DATASET.md, "Rollups", for what "records" means there).
type Rollup struct {
	Table
	// Keys is how many of Columns are keys; the rest are counts.
	Keys int
	// Reads names the base table(s) the rollup summarises.
	Reads string
	// Global is set for a rollup computed from the whole dataset when it is
	// published (one file), rather than per group while converting.
	Global bool
}

// RollupID names one of the rollups; it indexes Rollups and rollup.Tallies.T.
type RollupID int

// Rollup identifiers.
const (
	UnitRecords RollupID = iota
	ColumnFill
	ListValues
	CountryRecords
	YearRecords
	TaxonRecords
	MediaSizes
	FreetextLabels
	NameRecords
	MakerRecords
	CountryCodeRecords
	DateRecords
	CoordinateCells
	RecordIDs
	DuplicateRecords
	NumRollups
)

var i64 = Kind{Arrow: arrow.PrimitiveTypes.Int64, Dictionary: true, Statistics: true}

// RolledUpLists are the list columns of objects whose values are counted in
// list_values. names and scientific_names are left out on purpose: they
// have hundreds of thousands of distinct values per unit in the real
// corpus, and name_records counts names from facets instead.
var RolledUpLists = []string{"object_types", "topics", "places"}

// YearColumns are the objects columns whose years year_records counts:
// year_start as it is, last_time_updated as its UTC year.
var YearColumns = []string{"year_start", "last_time_updated"}

const rollupRecordsNote = "documents (objects rows) carrying the value; equals count(DISTINCT record_id) when no record id is duplicated (see docs/DATASET.md)"

// Rollups lists the rollups of a dataset, indexed by UnitRecords..DuplicateRecords.
var Rollups = [NumRollups]*Rollup{
	UnitRecords: {Table: Table{Name: "unit_records", Doc: "objects rows per unit and data_source, with their CC0 and media counts", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"data_source", str, "objects.data_source", "full name of the unit as the record gives it; null when absent"},
		{"records", i64, "count(*)", "objects rows"},
		{"cc0_records", i64, "objects.is_cc0", "rows with is_cc0"},
		{"records_with_media", i64, "objects.has_media", "rows with has_media"},
		{"media_items", i64, "objects.media_count", "sum of media_count"},
		{"images", i64, "objects.image_count", "sum of image_count"},
	}}, Keys: 2, Reads: "objects"},
	ColumnFill: {Table: Table{Name: "column_fill", Doc: "per unit and objects column, the rows in which the column is filled", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"column", str, "objects column name", "every column of objects"},
		{"filled", i64, "objects.<column>", "rows where the value is not null, and for a list not empty, and for a boolean true"},
	}}, Keys: 2, Reads: "objects"},
	ListValues: {Table: Table{Name: "list_values", Doc: "per unit, how often each value occurs in the list columns object_types, topics and places", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"column", str, "objects column name", "`object_types`, `topics` or `places`"},
		{"value", str, "objects.<column>[]", "a list element"},
		{"occurrences", i64, "unnest(objects.<column>)", "elements equal to value (a record listing it twice counts twice, as unnest does)"},
	}}, Keys: 3, Reads: "objects"},
	CountryRecords: {Table: Table{Name: "country_records", Doc: "objects rows per unit and first country, and how many have coordinates", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"country", str, "objects.country", "first geoLocation country; null when none"},
		{"records", i64, "count(*)", "objects rows"},
		{"with_coordinates", i64, "objects.latitude, longitude", "rows with both latitude and longitude"},
	}}, Keys: 2, Reads: "objects"},
	YearRecords: {Table: Table{Name: "year_records", Doc: "objects rows per unit and year of year_start, and of last_time_updated (UTC)", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"column", str, "objects column name", "`year_start`, or `last_time_updated` (its year in UTC)"},
		{"year", i32, "objects.<column>", "the year; rows where the column is null are not counted"},
		{"records", i64, "count(*)", "objects rows"},
	}}, Keys: 3, Reads: "objects"},
	TaxonRecords: {Table: Table{Name: "taxon_records", Doc: "objects rows per unit and first kingdom, class and family (rows with at least one of them)", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"kingdom", str, "objects.tax_kingdom", "first kingdom"},
		{"class", str, "objects.tax_class", "first class"},
		{"family", str, "objects.tax_family", "first family"},
		{"records", i64, "count(*)", "objects rows"},
	}}, Keys: 4, Reads: "objects"},
	MediaSizes: {Table: Table{Name: "media_sizes", Doc: "media items per unit, type and pixel size of the largest rendition: a histogram of max_width and one of max_height, from which exact medians follow", Columns: []Column{
		{"unit_code", str, "media partition", "the unit"},
		{"media_type", str, "media.type", "the media type; null when absent"},
		{"dimension", str, "max_width | max_height", "`width` (max_width) or `height` (max_height); every item is counted once in each"},
		{"pixels", i32, "media.max_width | max_height", "the size; null when unknown"},
		{"items", i64, "count(*)", "media rows"},
		{"cc0_items", i64, "media.is_cc0", "media rows with is_cc0"},
	}}, Keys: 4, Reads: "media"},
	FreetextLabels: {Table: Table{Name: "freetext_labels", Doc: "freetext items per unit, category and label", Columns: []Column{
		{"unit_code", str, "freetext partition", "the unit"},
		{"category", str, "freetext.category", "the category"},
		{"label", str, "coalesce(freetext.label, '')", "the label; '' when absent"},
		{"items", i64, "count(*)", "freetext rows"},
		{"records", i64, "freetext.record_id", rollupRecordsNote},
	}}, Keys: 3, Reads: "freetext"},
	NameRecords: {Table: Table{Name: "name_records", Doc: "per unit, the records that carry each name (facets rows of facet `name` with a value)", Columns: []Column{
		{"unit_code", str, "facets partition", "the unit"},
		{"name", str, "facets.value", "the name"},
		{"name_type", str, "coalesce(facets.qualifier, '')", "the name's type (`personal_main`); '' when none"},
		{"records", i64, "facets.record_id", rollupRecordsNote},
	}}, Keys: 3, Reads: "facets"},
	MakerRecords: {Table: Table{Name: "maker_records", Doc: "per unit, the records each maker made (objects.makers)", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"maker", str, "objects.makers[]", "a maker's display form"},
		{"records", i64, "count(*)", "objects rows listing the maker"},
	}}, Keys: 2, Reads: "objects"},
	CountryCodeRecords: {Table: Table{Name: "country_code_records", Doc: "objects rows per unit, ISO country code and place_role", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"country_code", str, "objects.country_code", "ISO 3166-1 alpha-2 code; null when none"},
		{"place_role", str, "objects.place_role", "`made`, `collected`, `depicted`, `other`; null when the record has no place"},
		{"records", i64, "count(*)", "objects rows"},
		{"uncertain_date", i64, "objects.date_uncertain", "rows whose date is uncertain"},
	}}, Keys: 3, Reads: "objects"},
	DateRecords: {Table: Table{Name: "date_records", Doc: "objects rows per unit and date_precision, and how many have a year", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"date_precision", str, "objects.date_precision", "how finely the dates are known (`day`, `year`, `decade`, …); null when the record has no date"},
		{"records", i64, "count(*)", "objects rows"},
		{"with_year", i64, "objects.year_start, year_end", "rows with year_start or year_end set"},
	}}, Keys: 2, Reads: "objects"},
	CoordinateCells: {Table: Table{Name: "coordinate_cells", Doc: "objects rows with coordinates per unit and cell of one degree of latitude and longitude", Columns: []Column{
		{"unit_code", str, "objects partition", "the unit"},
		{"lat", i32, "objects.latitude", "the cell's southern edge: floor(latitude), -90..89 (latitude 90 is in cell 89)"},
		{"lon", i32, "objects.longitude", "the cell's western edge: floor(longitude), -180..179 (longitude 180 is in cell 179)"},
		{"records", i64, "count(*)", "objects rows with both latitude and longitude in the cell"},
	}}, Keys: 3, Reads: "objects"},
	RecordIDs: {Table: Table{Name: "record_ids", Doc: "every record id of objects with its unit and number of copies, sorted by record id; what duplicate_records is made from", Columns: []Column{
		{"record_id", str, "objects.record_id", "the record id"},
		{"unit_code", str, "objects partition", "the unit"},
		{"documents", i64, "count(*)", "objects rows with this record id in this unit and group (more than 1 only for a duplicated id)"},
	}}, Keys: 2, Reads: "objects"},
	DuplicateRecords: {Table: Table{Name: "duplicate_records", Doc: "record ids that appear more than once in objects, over the whole dataset (written at publish time from record_ids)", Columns: []Column{
		{"record_id", str, "objects.record_id", "the record id"},
		{"copies", i64, "count(*)", "objects rows with this record id"},
		{"units", str, "objects partition", "the units holding a copy, sorted, comma-separated"},
	}}, Keys: 1, Reads: "objects", Global: true},
}

// RollupByName returns the named rollup, or nil.
func RollupByName(name string) *Rollup {
	for _, r := range Rollups {
		if r.Name == name {
			return r
		}
	}
	return nil
}
