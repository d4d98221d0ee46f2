package convert

import (
	"errors"

	"github.com/soa-project/soa/internal/source"
)

// Errors of Run that callers tell apart (soa maps them to exit statuses).
var (
	// ErrRejected: --strict and a document was rejected. No dataset is written.
	ErrRejected = errors.New("document rejected")
	// ErrNoInputFiles: the inputs hold no input file (a folder without
	// 00.txt … ff.txt files).
	ErrNoInputFiles = errors.New("no input files found")
	// ErrNoInput: an input path does not exist.
	ErrNoInput = source.ErrNoInput
)

// errDamaged prefixes the reject of the unreadable rest of a file whose
// compressed stream is corrupt or cut short.
var errDamaged = errors.New("damaged compressed stream")
