package dataset

import "errors"

// Errors that callers tell apart.
var (
	// ErrNotDataset: a folder holds no soa dataset (it has no manifest).
	// When it is the output of a run and not empty, replacing it could
	// destroy someone's files, so it is refused.
	ErrNotDataset = errors.New("not a soa dataset")
	// ErrNotShardDataset: a folder given to Merge is not the dataset of a
	// `soa convert --shard i/n` process, or does not fit with the others.
	ErrNotShardDataset = errors.New("not a shard dataset of the same conversion")
	// ErrLocked: another process is writing the dataset (see LockedError,
	// which says which); the run that gets it changed nothing.
	ErrLocked = errors.New("dataset locked by another soa process")
	// ErrNoState: a dataset has no state file (it was written before state
	// files existed, or is not a dataset), so nothing of it can be reused.
	ErrNoState = errors.New("no " + StatePath)
	// ErrShrink: the publish gate refused a run that would lose more
	// records than a weekly update does (see ShrinkError, which says which
	// units); the previous dataset is unchanged.
	ErrShrink = errors.New("not published: the new dataset would lose too many records")
)
