package dataset

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Reject is one input document that could not be converted, as written to
// _rejects/rejects.jsonl. Line 0 means the file as a whole (a bad header).
type Reject struct {
	File  string `json:"file"`
	Line  int    `json:"line"`
	Error string `json:"error"`
	Raw   string `json:"raw"`
}

// RejectSource is a rejects file whose lines are in listing order, and which
// input files' lines to take from it (Keep nil: all).
type RejectSource struct {
	Path string
	Keep func(file string) bool
}

// assembleRejects writes RejectsPath in dir from the lines of sources,
// ordered by the listing position of their file (order), each file's lines
// in their own order. Lines are copied as they are, so rejects taken from a
// previous run or from a --shard process keep their bytes.
func assembleRejects(dir string, order map[string]int, sources []RejectSource) (err error) {
	path := filepath.Join(dir, filepath.FromSlash(RejectsPath))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create rejects folder: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create rejects file: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write rejects: %w", cerr)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<16)

	readers := make([]*rejectReader, 0, len(sources))
	for _, s := range sources {
		in, err := os.Open(s.Path)
		if err != nil {
			return fmt.Errorf("read rejects: %w", err)
		}
		defer in.Close() //nolint:errcheck // read only
		r := &rejectReader{src: s, r: bufio.NewReaderSize(in, 1<<16), order: order}
		if err := r.next(); err != nil {
			return err
		}
		readers = append(readers, r)
	}
	for {
		var first *rejectReader
		for _, r := range readers {
			if r.line != nil && (first == nil || r.pos < first.pos) {
				first = r
			}
		}
		if first == nil {
			break
		}
		if _, err := w.Write(first.line); err != nil {
			return fmt.Errorf("write rejects: %w", err)
		}
		if err := first.next(); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write rejects: %w", err)
	}
	return f.Sync()
}

// rejectReader yields the kept lines of one source with their file's
// listing position; line is nil at the end.
type rejectReader struct {
	src   RejectSource
	r     *bufio.Reader
	order map[string]int
	line  []byte
	pos   int
}

func (r *rejectReader) next() error {
	for {
		line, err := r.r.ReadBytes('\n')
		if len(line) == 0 && errors.Is(err, io.EOF) {
			r.line = nil
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read rejects %s: %w", r.src.Path, err)
		}
		if line[len(line)-1] != '\n' {
			line = append(line, '\n')
		}
		var head struct {
			File string `json:"file"`
		}
		if err := json.Unmarshal(line, &head); err != nil {
			return fmt.Errorf("read rejects %s: %w", r.src.Path, err)
		}
		if r.src.Keep != nil && !r.src.Keep(head.File) {
			continue
		}
		pos, ok := r.order[head.File]
		if !ok {
			return fmt.Errorf("read rejects %s: reject of %q, which is not an input", r.src.Path, head.File)
		}
		r.line, r.pos = line, pos
		return nil
	}
}
