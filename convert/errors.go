package convert

import (
	"errors"

	"github.com/soa-project/soa/internal/input/source"
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
	// ErrInputChanged: an input changed while the run read it (a file that
	// grew, shrank or was replaced, an object replaced mid-download). No
	// dataset is written.
	ErrInputChanged = source.ErrChanged
	// ErrNotJSONLines: no document of an input file parses as JSON. The
	// file gives one reject saying so, and nothing else; unless its
	// compressed stream broke off, when the one reject is the damage.
	ErrNotJSONLines = errors.New("not JSON lines")
	// ErrNoRecords: the inputs hold no record (empty files, or files of
	// which nothing converts). No dataset is written.
	ErrNoRecords = errors.New("no records in the input")
)

// errDamaged prefixes the reject of the unreadable rest of a file whose
// compressed stream is corrupt or cut short. Only bytes that were read
// without error can be damaged: a failure to read them stops the run
// instead (see fileDecoder.decode).
var errDamaged = errors.New("damaged compressed stream")
