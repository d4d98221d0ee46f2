package convert

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// errTooLong marks a document longer than the limit. Its text is cut to
// rawCutBytes and the rest of it is skipped, so memory stays bounded.
var errTooLong = errors.New("document longer than the line limit")

// docReader splits a decompressed shard into JSON documents: one per line
// (bulk dump, API rows), or, when a line is a lone "{", a pretty-printed
// document spanning lines up to its closing brace. It strips a UTF-8 BOM
// at the start and CR before LF, and skips blank lines.
type docReader struct {
	r        *bufio.Reader
	maxBytes int
	line     int // lines consumed so far
	buf      []byte
}

// reset starts reading r, reusing the buffers of the previous stream.
func (d *docReader) reset(r io.Reader, maxBytes int) {
	if d.r == nil {
		d.r = bufio.NewReaderSize(r, 1<<20)
	} else {
		d.r.Reset(r)
	}
	d.maxBytes, d.line = maxBytes, 0
}

// Next returns the next document and the line it starts on. The slice is
// valid until the next call. At the end it returns io.EOF; errTooLong and
// read errors come with the document's text so far (cut), and reading may
// go on after errTooLong but not after a read error.
func (d *docReader) Next() (doc []byte, line int, err error) {
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
