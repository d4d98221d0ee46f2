package convert

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzDocReader: any byte stream is split without panicking, line numbers
// only grow, a document returned whole is at most the limit, and one
// rejected as too long comes cut to rawCutBytes. Limits run both below and
// above rawCutBytes, so that either bound can be the one that binds.
//
//	go test ./convert -run '^$' -fuzz FuzzDocReader -fuzztime 5m
func FuzzDocReader(f *testing.F) {
	for _, s := range []string{"{\"a\":1}\n{\"b\":2}\n", "{\n \"a\": \"}\"\n}\n", "\xef\xbb\xbf{}\r\n\r\n", "{\n", "}\n{", "\n\n\n", "{\"a\":\"\\\"{\"}\n"} {
		f.Add([]byte(s), 64)
	}
	f.Add([]byte("{\n\"a\":\""+strings.Repeat("x", 5000)+"\"\n}\n{}\n"), 4500)
	f.Add([]byte(strings.Repeat("y", 9000)+"\n{}\n"), 4200)
	f.Add([]byte("{\n}\n"), 1) // a limit of 2: the closing line's newline counts
	f.Fuzz(func(t *testing.T, data []byte, limit int) {
		limit = 1 + abs(limit)%(3*rawCutBytes)
		var d docReader
		d.reset(bytes.NewReader(data), limit)
		last := 0
		for i := 0; ; i++ {
			doc, line, err := d.Next()
			if line < last {
				t.Fatalf("line %d after line %d", line, last)
			}
			last = line
			switch {
			case errors.Is(err, errTooLong):
				if len(doc) > rawCutBytes {
					t.Fatalf("too-long document returned with %d bytes, want it cut to %d", len(doc), rawCutBytes)
				}
			case len(doc) > limit:
				t.Fatalf("document of %d bytes (err %v) with a limit of %d", len(doc), err, limit)
			}
			if err == io.EOF && len(doc) == 0 {
				return
			}
			if err != nil && !errors.Is(err, errTooLong) {
				return
			}
			if i > len(data)+2 {
				t.Fatalf("no progress after %d documents from %d bytes", i, len(data))
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
