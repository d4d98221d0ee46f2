// Package schema is the dataset's schema and the mapping from EDAN JSON to
// its columns: the five tables and their Arrow types (Tables), the Builder
// that appends parsed documents (fastjson values) to Arrow record batches,
// the derived values (years from dates, coordinates, media sizes), the key
// census (Stats) and the data dictionary printed by `soa schema`.
//
// The Builder reads each record once into a view (view.go: its lists,
// geoLocation, the freetext items the derived columns read, and the
// analyses they share) and the derived columns of objects are a table of
// {column, function of the view} (derive.go): adding one is an entry there
// and a Column in Tables.
//
// It does no I/O and starts no goroutines: a Builder is fed documents by the
// converter and hands back batches; writing them is the converter's job.
// Nothing is dropped: a value without a column of its own goes to a
// long-form table (facets, freetext) or an extra_json cell, and Stats says
// where (docs/DATASET.md).
package schema
