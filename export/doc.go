// Package export writes files made from a soa dataset for other tools.
// Images writes the image media of a dataset as the list of URLs and
// captions that img2dataset downloads (README, "Images").
//
// It reads a dataset through package queries (DuckDB over the dataset's
// views) and writes Parquet with package dataset's writer properties; it
// knows nothing of how the dataset was converted.
package export
