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
	"slices"
	"strings"

	"github.com/dsnet/compress/bzip2"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/soa-project/soa/internal/source"
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

// Writer writes one unit at a time: BeginUnit, Add its records, EndUnit.
// Holding one unit's 256 files open at once bounds open files and memory.
type Writer struct {
	root     string
	layout   Layout
	comp     source.Codec
	unit     string
	files    map[string]*file
	unitDirs []string
}

type file struct {
	f  *os.File
	bw *bufio.Writer
	zw io.WriteCloser // nil when uncompressed
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
	return &Writer{root: root, layout: layout, comp: comp}, nil
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

// BeginUnit starts the files of unit.
func (w *Writer) BeginUnit(unit string) error {
	if w.unit != "" {
		return fmt.Errorf("unit %s not ended", w.unit)
	}
	w.unit = unit
	w.files = map[string]*file{}
	return os.MkdirAll(w.UnitDir(unit), 0o755)
}

// Add appends one record (a JSON line, without its newline) to the file
// named by the first two hex digits of hash.
func (w *Writer) Add(hash string, line []byte) error {
	if len(hash) < 2 {
		return fmt.Errorf("hash %q too short to name a file", hash)
	}
	name := strings.ToLower(hash[:2])
	s := w.files[name]
	if s == nil {
		f, err := os.Create(filepath.Join(w.UnitDir(w.unit), name+".txt"+w.ext()))
		if err != nil {
			return err
		}
		s = &file{f: f}
		var dst io.Writer
		if s.zw, dst, err = compressor(w.comp, f); err != nil {
			_ = f.Close() // the first error is the one to report
			return err
		}
		s.bw = bufio.NewWriterSize(dst, 1<<16)
		w.files[name] = s
	}
	if _, err := s.bw.Write(line); err != nil {
		return err
	}
	return s.bw.WriteByte('\n')
}

// EndUnit closes the unit's files and writes its index.txt, which lists
// them like the real index does (and holds no records: the converter skips it).
func (w *Writer) EndUnit() error {
	names := make([]string, 0, len(w.files))
	for name, s := range w.files {
		names = append(names, name+".txt"+w.ext())
		if err := s.bw.Flush(); err != nil {
			return err
		}
		if s.zw != nil {
			if err := s.zw.Close(); err != nil {
				return err
			}
		}
		if err := s.f.Close(); err != nil {
			return err
		}
	}
	slices.Sort(names)
	index := strings.Join(names, "\n") + "\n"
	idx, err := NewWriter(w.root, w.layout, w.comp)
	if err != nil {
		return err
	}
	if err := idx.writeIndex(w.UnitDir(w.unit), index); err != nil {
		return err
	}
	w.unitDirs = append(w.unitDirs, w.UnitDir(w.unit))
	w.unit, w.files = "", nil
	return nil
}

func (w *Writer) writeIndex(dir, text string) error {
	f, err := os.Create(filepath.Join(dir, "index.txt"+w.ext()))
	if err != nil {
		return err
	}
	zw, dst, err := compressor(w.comp, f)
	if err != nil {
		_ = f.Close() // the first error is the one to report
		return err
	}
	if _, err := io.WriteString(dst, text); err != nil {
		_ = f.Close() // the first error is the one to report
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			_ = f.Close() // the first error is the one to report
			return err
		}
	}
	return f.Close()
}

// compressor wraps f for comp; zw is nil (and dst is f) when uncompressed.
func compressor(comp source.Codec, f io.Writer) (zw io.WriteCloser, dst io.Writer, err error) {
	switch comp {
	case source.Bzip2:
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
const bzip2Level = 1
