package schema

import "errors"

// Errors returned by Builder.Append. Each makes the document a reject: it is
// not converted, and the caller records it with its location.
var (
	// ErrNotObject means the JSON value is not an object.
	ErrNotObject = errors.New("not a JSON object")
	// ErrNoRecordID means an edanmdm document has no
	// content.descriptiveNonRepeating.record_ID string.
	ErrNoRecordID = errors.New("no content.descriptiveNonRepeating.record_ID")
)
