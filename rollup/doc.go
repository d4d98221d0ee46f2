// Package rollup counts the rollups while the records stream through the
// converter: a Tally per rollup and group, keyed so that its bytes sort as
// the key values do, read from the batches the schema.Builder returns
// (Tallies.Add) and written back as rows (AppendRow). The rollups
// themselves (schema.Rollups: names, columns, keys) are declared in
// package schema beside the base tables, where dataset and queries read
// them; their files are written by package dataset. No I/O here.
//
// It sits between convert and schema: convert -> rollup -> schema.
package rollup
