package convert

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzDocReader: any byte stream is split without panicking, line numbers
// only grow, and no document exceeds the limit.
//
//	go test ./convert -run '^$' -fuzz FuzzDocReader -fuzztime 5m
func FuzzDocReader(f *testing.F) {
	for _, s := range []string{"{\"a\":1}\n{\"b\":2}\n", "{\n \"a\": \"}\"\n}\n", "\xef\xbb\xbf{}\r\n\r\n", "{\n", "}\n{", "\n\n\n", "{\"a\":\"\\\"{\"}\n"} {
		f.Add([]byte(s), 64)
	}
	f.Fuzz(func(t *testing.T, data []byte, limit int) {
		limit = 1 + abs(limit)%256
		var d docReader
		d.reset(bytes.NewReader(data), limit)
		last := 0
		for i := 0; ; i++ {
			doc, line, err := d.Next()
			if line < last {
				t.Fatalf("line %d after line %d", line, last)
			}
			last = line
			if len(doc) > max(limit, rawCutBytes)+1 {
				t.Fatalf("document of %d bytes with a limit of %d", len(doc), limit)
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
