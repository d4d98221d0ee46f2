// Package dump writes EDAN records in the layouts of the real dump: the old
// GitHub one (metadata/objects/<UNIT>/<hh>.txt.bz2) and the S3 one
// (metadata/edan/<unit lower case>/<hh>.txt), files named by the first two
// hex digits of each record's hash, with an index.txt beside them. Tests
// and the corpus generator use it; the converter never does.
package dump

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/dsnet/compress/bzip2"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/soa-project/soa/internal/input/source"
)

// Layout is a folder layout of the dump.
type Layout string

// The two layouts of the real dump.
const (
	GitHub Layout = "github"
	S3     Layout = "s3"
)

// ParseCodec reads a compression name as soa gen --compress takes it
// (bzip2 or bz2, gzip, zstd, none).
func ParseCodec(s string) (source.Codec, error) { return source.ParseCodec(s) }

// DefaultCodec is the compression each layout uses in the real dump.
func DefaultCodec(l Layout) source.Codec {
	if l == GitHub {
		return source.Bzip2
	}
	return source.None
}

// Writer writes a dump under a root folder. Files are written either one
// whole file at a time (Create, WriteIndex: safe for concurrent use, what
// the generator does from several goroutines), or one unit at a time
// (BeginUnit, Add, EndUnit: one goroutine, records in any file order).
type Writer struct {
	root   string
	layout Layout
	comp   source.Codec
	// BeginUnit/Add/EndUnit state.
	unit  string
	files map[string]*File
	// spareBzip2 holds the bzip2 encoders of closed files for the next
	// ones: a new encoder allocates its block buffers anew, and the
	// generator closes thousands of files.
	spareBzip2 chan *bzip2.Writer
}

// File is one dump file being written: its records, then Close.
type File struct {
	f  *os.File
	bw *bufio.Writer
	zw io.WriteCloser // nil when uncompressed
	w  *Writer
}

// NewWriter writes a dump under root (root/metadata/...).
func NewWriter(root string, layout Layout, comp source.Codec) (*Writer, error) {
	switch layout {
	case GitHub, S3:
	default:
		return nil, fmt.Errorf("unknown layout %q (want github or s3)", layout)
	}
	switch comp {
	case source.None, source.Bzip2, source.Gzip, source.Zstd:
	default:
		return nil, fmt.Errorf("unknown compression %q (want bzip2, gzip, zstd or none)", comp)
	}
	return &Writer{root: root, layout: layout, comp: comp, spareBzip2: make(chan *bzip2.Writer, runtime.GOMAXPROCS(0))}, nil
}

// UnitDir returns the folder of a unit's files in the layout.
func (w *Writer) UnitDir(unit string) string {
	if w.layout == GitHub {
		return filepath.Join(w.root, "metadata", "objects", unit)
	}
	return filepath.Join(w.root, "metadata", "edan", strings.ToLower(unit))
}

func (w *Writer) ext() string {
	switch w.comp {
	case source.Bzip2:
		return ".bz2"
	case source.Gzip:
		return ".gz"
	case source.Zstd:
		return ".zst"
	}
	return ""
}

// FileName is the name of the file for records whose hash starts with
// prefix (two hex digits), in the writer's compression: "0a.txt.bz2".
func (w *Writer) FileName(prefix string) string { return strings.ToLower(prefix) + ".txt" + w.ext() }

// Create starts the file of unit's records whose hash starts with prefix,
// creating the unit's folder if needed. The caller writes the records with
// Add and must Close the file. Safe for concurrent use on different files.
func (w *Writer) Create(unit, prefix string) (*File, error) {
	dir := w.UnitDir(unit)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return w.create(filepath.Join(dir, w.FileName(prefix)))
}

// create starts the file at path in the writer's compression.
func (w *Writer) create(path string) (*File, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	s := &File{f: f, w: w}
	var dst io.Writer
	if s.zw, dst, err = w.compressor(f); err != nil {
		_ = f.Close() // the first error is the one to report
		return nil, err
	}
	s.bw = bufio.NewWriterSize(dst, 1<<16)
	return s, nil
}

// Add appends one record (a JSON line, without its newline).
func (s *File) Add(line []byte) error {
	if s.bw == nil {
		return fmt.Errorf("%s: %w", s.f.Name(), os.ErrClosed)
	}
	if _, err := s.bw.Write(line); err != nil {
		return err
	}
	return s.bw.WriteByte('\n')
}

// Close ends the compressed stream and closes the file. A closed File only
// returns errors: its encoder may already serve another file.
func (s *File) Close() error {
	if s.bw == nil {
		return fmt.Errorf("%s: %w", s.f.Name(), os.ErrClosed)
	}
	err := s.bw.Flush()
	if s.zw != nil {
		if cerr := s.zw.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			s.w.spare(s.zw)
		}
	}
	s.zw, s.bw = nil, nil
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Abort closes and removes a file that will not be finished (after a
// failure or a cancel: the first error is the one worth reporting).
func (s *File) Abort() {
	_ = s.f.Close()
	_ = os.Remove(s.f.Name())
}

// WriteIndex writes unit's index.txt listing the files of the given hash
// prefixes, like the real index does (it holds no records: the converter
// skips it). Safe for concurrent use on different units.
func (w *Writer) WriteIndex(unit string, prefixes []string) error {
	names := make([]string, 0, len(prefixes))
	for _, p := range prefixes {
		names = append(names, w.FileName(p))
	}
	slices.Sort(names)
	if err := os.MkdirAll(w.UnitDir(unit), 0o755); err != nil {
		return err
	}
	return w.writeIndex(w.UnitDir(unit), strings.Join(names, "\n")+"\n")
}

// BeginUnit starts the files of unit, for Add and EndUnit.
func (w *Writer) BeginUnit(unit string) error {
	if w.unit != "" {
		return fmt.Errorf("unit %s not ended", w.unit)
	}
	w.unit = unit
	w.files = map[string]*File{}
	return os.MkdirAll(w.UnitDir(unit), 0o755)
}

// Add appends one record (a JSON line, without its newline) to the file
// named by the first two hex digits of hash. Every file of the unit stays
// open until EndUnit.
func (w *Writer) Add(hash string, line []byte) error {
	if len(hash) < 2 {
		return fmt.Errorf("hash %q too short to name a file", hash)
	}
	prefix := strings.ToLower(hash[:2])
	s := w.files[prefix]
	if s == nil {
		var err error
		if s, err = w.Create(w.unit, prefix); err != nil {
			return err
		}
		w.files[prefix] = s
	}
	return s.Add(line)
}

// EndUnit closes the unit's files and writes its index.txt.
func (w *Writer) EndUnit() error {
	prefixes := make([]string, 0, len(w.files))
	var err error
	for prefix, s := range w.files {
		prefixes = append(prefixes, prefix)
		if err != nil {
			s.Abort()
		} else {
			err = s.Close()
		}
	}
	if err != nil {
		return err
	}
	if err := w.WriteIndex(w.unit, prefixes); err != nil {
		return err
	}
	w.unit, w.files = "", nil
	return nil
}

func (w *Writer) writeIndex(dir, text string) error {
	s, err := w.create(filepath.Join(dir, "index.txt"+w.ext()))
	if err != nil {
		return err
	}
	if _, err := s.bw.WriteString(text); err != nil {
		s.Abort()
		return err
	}
	return s.Close()
}

// spare keeps a closed bzip2 encoder for the next file, if there is room.
func (w *Writer) spare(zw io.WriteCloser) {
	if bz, ok := zw.(*bzip2.Writer); ok {
		select {
		case w.spareBzip2 <- bz:
		default:
		}
	}
}

// compressor wraps f in the writer's compression; zw is nil (and dst is f)
// when uncompressed.
func (w *Writer) compressor(f io.Writer) (zw io.WriteCloser, dst io.Writer, err error) {
	switch w.comp {
	case source.Bzip2:
		select {
		case bz := <-w.spareBzip2:
			return bz, bz, bz.Reset(f)
		default:
		}
		zw, err = bzip2.NewWriter(f, &bzip2.WriterConfig{Level: bzip2Level})
	case source.Gzip:
		zw, err = gzip.NewWriterLevel(f, gzip.DefaultCompression)
	case source.Zstd:
		zw, err = zstd.NewWriter(f, zstd.WithEncoderConcurrency(1))
	default:
		return nil, f, nil
	}
	return zw, zw, err
}

// bzip2Level 1 (100 kB blocks) compresses several times faster than 9 and
// still exercises multi-block streams on files of a few hundred kB.
// dsnet's pure-Go encoder costs about what the system's libbz2 does at this
// level (4.3 and 4.05 CPU-s for the 49.5 MB of NMNHBOTANY files of a
// 50,000-record corpus, measured with a throwaway cgo program), so soa does
// not take a C dependency for it: files are compressed in parallel instead
// (internal/tools/gen), and the bytes do not depend on how soa was built.
const bzip2Level = 1
