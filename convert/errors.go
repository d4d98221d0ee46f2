package convert

import "errors"

// Errors of Run that callers tell apart (soa maps them to exit statuses).
var (
	// ErrRejected: --strict and a document was rejected. No dataset is written.
	ErrRejected = errors.New("document rejected")
	// ErrNotDataset: Out is a non-empty folder that holds no soa dataset,
	// so replacing it could destroy someone's files.
	ErrNotDataset = errors.New("output folder is not empty and is not a soa dataset")
	// ErrNoShards: the inputs hold no shard file.
	ErrNoShards = errors.New("no shard files found")
	// ErrDamaged: a compressed stream is corrupt or cut short; it prefixes
	// the reject of the unreadable rest of a file.
	ErrDamaged = errors.New("damaged compressed stream")
)
