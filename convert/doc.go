// Package convert is the streaming pipeline that turns EDAN JSON-lines
// input files into a soa dataset: input files -> documents -> Arrow record
// batches (package schema) -> partitioned Parquet parts, published with
// their manifest, rejects and state by package dataset.
//
// Run is the one entry point; convertInputs (pipeline.go), which it calls,
// is the one owner of goroutines. Each stage is a type of its own:
//
//	dispatch -> workers (one input file each) -> sequencer (input order) -> one tableWriter per table
//	                                                                     -> rollupWriter
//
// Every Parquet file goes through dataset's part writer (dataset.PartFormat).
//
// Workers decode different input files at once; the sequencer takes their
// chunks in input order, so every part file receives its rows in input
// order and the output bytes do not depend on the number of workers.
// Progress is reported through Counters, never printed.
//
// Memory does not grow with the corpus: at most a few chunks per worker
// wait for the sequencer; a table writer closes a group's parts when the
// sequencer is past the group's files, and within a group keeps at most
// maxOpenParts parts and maxOpenBytes of buffered row groups open, and
// holds back at most maxHeldBytes of batches to write them several files at
// a time (coalesceRows); a row group ends at RowGroupRows rows or
// RowGroupBytes encoded bytes.
package convert
