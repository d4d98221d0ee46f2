// Package dataset owns a soa dataset on disk: its layout (table and
// partition folders, part names, the sidecars _manifest.json,
// _rejects/rejects.jsonl and _state/groups.json), the one part writer
// through which every Parquet file (table part, rollup file, empty part) is
// written (PartFormat, PartWriter: writer properties, row-group policy,
// temporary name, hash, close-then-rename), and how a dataset is published:
// built in a staging folder beside the target, checked by the publish gate
// (a run that would lose too many records is refused: ShrinkError), given
// its changes from the dataset it replaces (the _changes history), and
// swapped in whole.
//
// The converter writes datasets through it, the queries read them through
// it, and soa merge (Merge) puts the datasets of several --shard processes
// together with it. It knows the tables' names and Arrow schemas (package
// schema) and nothing of how rows are made from JSON.
//
// A dataset is made of groups (see GroupState): every part file is written
// from one group's input files alone, so the parts of a group can be taken
// over by a later run or a merge as they are.
package dataset
