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
	for _, s := range []string{"[{\"a\":1},{\"b\":\"]\"}]", "[\n {\n  \"a\": [1, 2]\n },\n 3\n]\n", "[", "[{", "[]\n{}\n", "[}]", "\xef\xbb\xbf\n [ {} ]"} {
		f.Add([]byte(s), 64)
	}
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
			if err != nil && !errors.Is(err, errTooLong) && !errors.Is(err, errArraySyntax) {
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

// TestDocReaderArray: a stream that is one JSON array gives its elements
// one by one, on one line or pretty-printed, with the line each starts on;
// brackets inside strings do not end an element; an element over the limit
// is cut and the next one read; an array cut short says so.
func TestDocReaderArray(t *testing.T) {
	type got struct {
		doc  string
		line int
		err  error
	}
	read := func(input string, limit int) ([]got, bool) {
		var d docReader
		d.reset(strings.NewReader(input), limit)
		var out []got
		for {
			doc, line, err := d.Next()
			if err == io.EOF && len(doc) == 0 {
				return out, d.wasArray
			}
			out = append(out, got{string(doc), line, err})
			if err != nil && !errors.Is(err, errTooLong) && !errors.Is(err, errArraySyntax) {
				return out, d.wasArray
			}
		}
	}
	for _, c := range []struct {
		name, input string
		limit       int
		want        []got
		array       bool
	}{
		{"one line", `[{"a":1},{"b":"]},["},{"c":[1,{"d":2}]}]`, 100,
			[]got{{`{"a":1}`, 1, nil}, {`{"b":"]},["}`, 1, nil}, {`{"c":[1,{"d":2}]}`, 1, nil}}, true},
		{"pretty", "\xef\xbb\xbf\n[\n  {\n    \"a\": 1\n  },\n  {\"b\": 2}\n]\n", 100,
			[]got{{"{\n    \"a\": 1\n  }", 3, nil}, {`{"b": 2}`, 6, nil}}, true},
		{"scalar elements", `[{"a":1}, 1, "x"]`, 100,
			[]got{{`{"a":1}`, 1, nil}, {"1", 1, nil}, {`"x"`, 1, nil}}, true},
		{"too long", `[{"a":"` + strings.Repeat("x", 50) + `"},{"b":1}]`, 20,
			[]got{{`{"a":"` + strings.Repeat("x", 14), 1, errTooLong}, {`{"b":1}`, 1, nil}}, true},
		{"cut short", "[{\"a\":1},\n{\"b\":", 100,
			[]got{{`{"a":1}`, 1, nil}, {`{"b":`, 2, errArrayNotClosed}}, true},
		{"empty", "[ ]\n", 100, nil, true},
		{"white space after the array", "[{\"a\":1}] \n\r\n\t", 100, []got{{`{"a":1}`, 1, nil}}, true},
		// A file is one array or JSON lines: what follows the array is one
		// reject, from where it starts to the end.
		{"lines after the array", "[{\"a\":1}]\n{\"b\":2}\n{\"c\":3}", 100,
			[]got{{`{"a":1}`, 1, nil}, {"{\"b\":2}\n{\"c\":3}", 2, errArraySyntax}}, true},
		{"text after the array", "[{\"a\":1}]x", 100, []got{{`{"a":1}`, 1, nil}, {"x", 1, errArraySyntax}}, true},
		// A bad separator is one error, and every element around it is read.
		{"no comma", "[{\"a\":1} {\"b\":2}\n{\"c\":3}]", 100,
			[]got{{`{"a":1}`, 1, nil}, {"", 1, errArraySyntax}, {`{"b":2}`, 1, nil}, {"", 2, errArraySyntax}, {`{"c":3}`, 2, nil}}, true},
		{"no comma between scalars", `[{"a":1}, 1 "x" 2]`, 100,
			[]got{{`{"a":1}`, 1, nil}, {"1", 1, nil}, {"", 1, errArraySyntax}, {`"x"`, 1, nil}, {"", 1, errArraySyntax}, {"2", 1, nil}}, true},
		{"two commas", "[{\"a\":1},\n,{\"b\":2}]", 100,
			[]got{{`{"a":1}`, 1, nil}, {"", 2, errArraySyntax}, {`{"b":2}`, 2, nil}}, true},
		// JSON allows no trailing comma: it is rejected, the elements kept.
		{"a trailing comma", "[{\"a\":1},\n{\"b\":2},\n]\n", 100,
			[]got{{`{"a":1}`, 1, nil}, {`{"b":2}`, 2, nil}, {"", 3, errArraySyntax}}, true},
		{"JSON lines", "{\"a\":[1]}\n[1]\n", 100, []got{{`{"a":[1]}`, 1, nil}, {"[1]", 2, nil}}, false},
		{"JSON lines starting with an array of numbers", "[1,2]\n{\"a\":1}\n", 100, []got{{"[1,2]", 1, nil}, {`{"a":1}`, 2, nil}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, array := read(c.input, c.limit)
			if array != c.array {
				t.Errorf("wasArray = %v, want %v", array, c.array)
			}
			if len(out) != len(c.want) {
				t.Fatalf("got %+v, want %+v", out, c.want)
			}
			for i := range out {
				if out[i].doc != c.want[i].doc || out[i].line != c.want[i].line || !errors.Is(out[i].err, c.want[i].err) {
					t.Errorf("document %d = %q line %d (%v), want %q line %d (%v)", i, out[i].doc, out[i].line, out[i].err, c.want[i].doc, c.want[i].line, c.want[i].err)
				}
			}
		})
	}
}
