package convert

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// errTooLong marks a document longer than the limit. Its text is cut to
// rawCutBytes and the rest of it is skipped, so memory stays bounded.
var errTooLong = errors.New("document longer than the line limit")

// docReader splits a decompressed shard into JSON documents: one per line
// (bulk dump, API rows), or, when a line is a lone "{", a pretty-printed
// document spanning lines up to its closing brace. It strips a UTF-8 BOM
// at the start and CR before LF, and skips blank lines.
//
// A stream whose first character is "[" is one JSON array of records (what
// the Open Access API and several re-packs give, on one line or
// pretty-printed): its elements are returned one by one, each bounded by
// maxBytes like a line, so memory stays bounded however long the array.
type docReader struct {
	r        *bufio.Reader
	maxBytes int
	line     int // lines consumed so far
	buf      []byte
	started  bool // the start of the stream has been looked at
	array    bool // inside the stream's top-level array
	sep      arraySep
	// wasArray says that the stream began with a JSON array.
	wasArray bool
	// head is the stream's first headBytes, for a message about a stream
	// that is not JSON at all.
	head []byte
}

// headBytes is how much of a stream head keeps: enough to recognise a PNG,
// a zip or a CSV header.
const headBytes = 32

// reset starts reading r, reusing the buffers of the previous stream.
func (d *docReader) reset(r io.Reader, maxBytes int) {
	if d.r == nil {
		d.r = bufio.NewReaderSize(r, 1<<20)
	} else {
		d.r.Reset(r)
	}
	d.maxBytes, d.line = maxBytes, 0
	d.started, d.array, d.wasArray, d.head = false, false, false, d.head[:0]
	d.sep = sepStart
}

// arrayPeekBytes is how far into a stream docReader looks for the "[" of an
// array: past a BOM and blank lines, never further.
const arrayPeekBytes = 4096

// startArray consumes the stream's opening "[" (after a BOM and white
// space) and says so; otherwise it consumes nothing.
func (d *docReader) startArray() bool {
	head, _ := d.r.Peek(arrayPeekBytes)
	d.head = append(d.head[:0], head[:min(len(head), headBytes)]...)
	i := 0
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	lines := 0
	for ; i < len(head); i++ {
		switch head[i] {
		case ' ', '\t', '\r':
		case '\n':
			lines++
		case '[':
			// An array of records holds objects: "[1,2]" on the first line
			// of JSON lines is a document (to reject), not the file's array.
			if !startsRecords(head[i+1:]) {
				return false
			}
			if _, err := d.r.Discard(i + 1); err != nil {
				return false
			}
			d.line += lines
			return true
		default:
			return false
		}
	}
	return false
}

// startsRecords says whether what follows an opening "[" begins an array of
// records: after white space, an object or the end of an empty array.
func startsRecords(rest []byte) bool {
	t := bytes.TrimLeft(rest, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == ']')
}

// nextElement returns the array's next element and the line it starts on.
// The array is read as strict JSON: its elements are separated by exactly
// one comma, with optional white space. A missing comma, an empty element
// (",,", or a comma after "[") and a trailing comma before "]" (which JSON
// forbids: it is rejected, not accepted) each give one errArraySyntax,
// with no text, and reading goes on: the elements around a bad separator
// are kept. After the closing "]" only white space may follow (afterArray).
func (d *docReader) nextElement() ([]byte, int, error) {
	for {
		c, err := d.nextNonSpace()
		if err != nil {
			if err == io.EOF {
				return []byte("["), d.line + 1, errArrayNotClosed
			}
			return nil, d.line + 1, err
		}
		switch c {
		case ',':
			if d.sep != sepElement {
				// Reading goes on past the extra comma, as if it were not
				// there. (A comma right after "[" is never met here: the
				// stream is an array only when "[" is followed by "{" or "]".)
				return nil, d.line + 1, fmt.Errorf("%w: an empty element (two commas in a row); remove the extra comma", errArraySyntax)
			}
			d.sep = sepComma
			continue
		case ']':
			// What follows is looked at by afterArray.
			d.array = false
			if d.sep == sepComma {
				return nil, d.line + 1, fmt.Errorf(`%w: a comma before the closing "]" (JSON allows none); remove it`, errArraySyntax)
			}
			return d.afterArray()
		}
		if err := d.r.UnreadByte(); err != nil {
			return nil, d.line + 1, err
		}
		if d.sep == sepElement {
			// The element is read at the next call, as if the comma were there.
			d.sep = sepComma
			return nil, d.line + 1, fmt.Errorf("%w: no comma before the element that starts here; put one between the two elements", errArraySyntax)
		}
		break
	}
	d.sep = sepElement
	start := d.line + 1
	d.buf = d.buf[:0]
	var s braceState
	tooLong := false
	for {
		c, err := d.r.ReadByte()
		if err != nil {
			if err == io.EOF {
				return cut(d.buf), start, errArrayNotClosed
			}
			return cut(d.buf), start, err
		}
		// A scalar (or garbage) element ends at the next separator, at
		// white space or at the start of another value: what follows it
		// is read as the array's next element or separator.
		if len(d.buf) > 0 && d.buf[0] != '{' && d.buf[0] != '[' && d.buf[0] != '"' && endsScalar(c) {
			if err := d.r.UnreadByte(); err != nil {
				return cut(d.buf), start, err
			}
			break
		}
		if c == '\n' {
			d.line++
		}
		if len(d.buf) < d.maxBytes {
			d.buf = append(d.buf, c)
		} else {
			tooLong = true
		}
		s.scanByte(c)
		if s.depth <= 0 && !s.inString && (c == '}' || c == ']' || (c == '"' && len(d.buf) > 1 && d.buf[0] == '"')) {
			break
		}
	}
	if tooLong {
		return cut(d.buf), start, errTooLong
	}
	return d.buf, start, nil
}

// nextNonSpace reads past JSON white space, counting lines, and returns
// the first other byte.
func (d *docReader) nextNonSpace() (byte, error) {
	for {
		c, err := d.r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			d.line++
		case ' ', '\t', '\r':
		default:
			return c, nil
		}
	}
}

// endsScalar says whether c ends a scalar element of an array: a
// separator, white space or the start of another value.
func endsScalar(c byte) bool {
	switch c {
	case ',', ']', ' ', '\t', '\r', '\n', '{', '[', '"':
		return true
	}
	return false
}

// arraySep is what nextElement last read of the array.
type arraySep uint8

const (
	sepStart   arraySep = iota // the opening "["
	sepElement                 // an element
	sepComma                   // a comma after an element
)

// afterArray reads what follows the array's closing "]": white space up to
// the end of the stream, then io.EOF. Anything else is one errArraySyntax
// with the text from there (cut to rawCutBytes and the limit, the rest of
// the stream read and dropped): a file is one JSON array or JSON lines,
// not both.
func (d *docReader) afterArray() ([]byte, int, error) {
	if _, err := d.nextNonSpace(); err != nil {
		return nil, d.line + 1, err // io.EOF: nothing but white space followed
	}
	if err := d.r.UnreadByte(); err != nil {
		return nil, d.line + 1, err
	}
	start := d.line + 1
	d.buf = d.buf[:0]
	for {
		frag, err := d.r.ReadSlice('\n')
		d.buf = append(d.buf, frag[:min(len(frag), min(rawCutBytes, d.maxBytes)-len(d.buf))]...)
		if len(frag) > 0 && frag[len(frag)-1] == '\n' {
			d.line++
		}
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return cut(d.buf), start, err
		}
	}
	found := d.buf[:min(len(d.buf), headBytes)]
	return cut(d.buf), start, fmt.Errorf("%w: text after the closing \"]\" of the file's array, starting %q; "+
		"a file holds one JSON array of records or JSON lines, not both: move the records into the array, or into a file of their own",
		errArraySyntax, found)
}

// errArraySyntax: a JSON array of records is malformed (a separator
// missing or extra, text after its end). It is rejected and reading goes
// on: no element is lost for it.
var errArraySyntax = errors.New("malformed JSON array")

// errArrayNotClosed: the stream ends inside its top-level array.
var errArrayNotClosed = errors.New("JSON array not closed before the end of the file")

// Next returns the next document and the line it starts on. The slice is
// valid until the next call. At the end it returns io.EOF; errTooLong and
// read errors come with the document's text so far (cut), errArraySyntax
// with the text at fault if any, and reading may go on after errTooLong
// and errArraySyntax but not after a read error.
func (d *docReader) Next() (doc []byte, line int, err error) {
	if !d.started {
		d.started = true
		d.array = d.startArray()
		d.wasArray = d.array
	}
	if d.array {
		return d.nextElement()
	}
	if d.wasArray {
		return d.afterArray()
	}
	for {
		text, err := d.readLine()
		line = d.line
		if err != nil && (len(text) == 0 || errors.Is(err, errTooLong)) {
			return text, line, err
		}
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
		}
		trimmed := bytes.TrimSpace(text)
		if len(trimmed) == 0 {
			if err != nil {
				return nil, line, err
			}
			continue
		}
		if err != nil { // a last line cut short by a read error
			return text, line, err
		}
		if len(trimmed) == 1 && trimmed[0] == '{' {
			return d.readPretty(line)
		}
		return text, line, nil
	}
}

// readPretty gathers the lines of a pretty-printed document whose first line
// was "{", until the braces balance outside strings.
func (d *docReader) readPretty(start int) ([]byte, int, error) {
	doc := append(d.buf[:0:0], '{')
	var s braceState
	s.scan([]byte("{"))
	for s.depth > 0 {
		text, err := d.readLine()
		// A line too long by itself, or one that takes the document past
		// the limit (with its newline), makes the document too long.
		if errors.Is(err, errTooLong) || len(doc)+1+len(text) > d.maxBytes {
			return cut(doc), start, errTooLong
		}
		doc = append(doc, '\n')
		doc = append(doc, text...)
		s.scan(text)
		if err != nil {
			return doc, start, err
		}
	}
	return doc, start, nil
}

// braceState tracks JSON nesting across lines, ignoring braces in strings.
type braceState struct {
	depth           int
	inString, escap bool
}

func (s *braceState) scan(b []byte) {
	for _, c := range b {
		s.scanByte(c)
	}
}

func (s *braceState) scanByte(c byte) {
	{
		switch {
		case s.escap:
			s.escap = false
		case s.inString:
			switch c {
			case '\\':
				s.escap = true
			case '"':
				s.inString = false
			}
		case c == '"':
			s.inString = true
		case c == '{' || c == '[':
			s.depth++
		case c == '}' || c == ']':
			s.depth--
		}
	}
}

// readLine returns the next line without its LF or CR LF. A line over
// maxBytes is consumed to its end and returned cut, with errTooLong.
func (d *docReader) readLine() ([]byte, error) {
	d.line++
	d.buf = d.buf[:0]
	tooLong := false
	for {
		frag, err := d.r.ReadSlice('\n')
		if !tooLong {
			if len(d.buf)+len(frag) > d.maxBytes {
				tooLong = true
				d.buf = append(d.buf, frag[:min(len(frag), rawCutBytes)]...)
			} else {
				d.buf = append(d.buf, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line := bytes.TrimSuffix(d.buf, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if tooLong {
			return cut(line), errTooLong
		}
		if err == io.EOF && len(line) == 0 {
			d.line--
			return nil, io.EOF
		}
		if err == io.EOF {
			return line, nil // last line without a newline
		}
		return line, err
	}
}

// rawCutBytes is how much of a rejected document's text goes to the rejects
// file: enough to find and fix it, small enough to keep the file readable.
const rawCutBytes = 4096

func cut(b []byte) []byte { return b[:min(len(b), rawCutBytes)] }
