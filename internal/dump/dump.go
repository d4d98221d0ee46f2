// Package dump writes EDAN records in the layouts of the real dump: the old
// GitHub one (metadata/objects/<UNIT>/<hh>.txt.bz2) and the S3 one
// (metadata/edan/<unit lower case>/<hh>.txt), shards named by the first two
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
)

// Layout is a folder layout of the dump.
type Layout string

// The two layouts of the real dump.
const (
	GitHub Layout = "github"
	S3     Layout = "s3"
)

// Compression of the shard files.
type Compression string

// The compressions a dump can be written with.
const (
	None  Compression = "none"
	Bzip2 Compression = "bz2"
	Gzip  Compression = "gzip"
	Zstd  Compression = "zstd"
)

// DefaultCompression is what each layout uses in the real dump.
func DefaultCompression(l Layout) Compression {
	if l == GitHub {
		return Bzip2
	}
	return None
}

// Writer writes one unit at a time: BeginUnit, Add its records, EndUnit.
// Holding one unit's 256 shards open at once bounds open files and memory.
type Writer struct {
	root     string
	layout   Layout
	comp     Compression
	unit     string
	shards   map[string]*shard
	unitDirs []string
}

type shard struct {
	f  *os.File
	bw *bufio.Writer
	zw io.WriteCloser // nil when uncompressed
}

// NewWriter writes a dump under root (root/metadata/...).
func NewWriter(root string, layout Layout, comp Compression) (*Writer, error) {
	switch layout {
	case GitHub, S3:
	default:
		return nil, fmt.Errorf("unknown layout %q (want github or s3)", layout)
	}
	switch comp {
	case None, Bzip2, Gzip, Zstd:
	default:
		return nil, fmt.Errorf("unknown compression %q (want bz2, gzip, zstd or none)", comp)
	}
	return &Writer{root: root, layout: layout, comp: comp}, nil
}

// UnitDir returns the folder of a unit's shards in the layout.
func (w *Writer) UnitDir(unit string) string {
	if w.layout == GitHub {
		return filepath.Join(w.root, "metadata", "objects", unit)
	}
	return filepath.Join(w.root, "metadata", "edan", strings.ToLower(unit))
}

func (w *Writer) ext() string {
	switch w.comp {
	case Bzip2:
		return ".bz2"
	case Gzip:
		return ".gz"
	case Zstd:
		return ".zst"
	}
	return ""
}

// BeginUnit starts the shards of unit.
func (w *Writer) BeginUnit(unit string) error {
	if w.unit != "" {
		return fmt.Errorf("unit %s not ended", w.unit)
	}
	w.unit = unit
	w.shards = map[string]*shard{}
	return os.MkdirAll(w.UnitDir(unit), 0o755)
}

// Add appends one record (a JSON line, without its newline) to the shard
// named by the first two hex digits of hash.
func (w *Writer) Add(hash string, line []byte) error {
	if len(hash) < 2 {
		return fmt.Errorf("hash %q too short to name a shard", hash)
	}
	name := strings.ToLower(hash[:2])
	s := w.shards[name]
	if s == nil {
		f, err := os.Create(filepath.Join(w.UnitDir(w.unit), name+".txt"+w.ext()))
		if err != nil {
			return err
		}
		s = &shard{f: f}
		var dst io.Writer
		if s.zw, dst, err = compressor(w.comp, f); err != nil {
			f.Close()
			return err
		}
		s.bw = bufio.NewWriterSize(dst, 1<<16)
		w.shards[name] = s
	}
	if _, err := s.bw.Write(line); err != nil {
		return err
	}
	return s.bw.WriteByte('\n')
}

// EndUnit closes the unit's shards and writes its index.txt, which lists
// them like the real index does (and is not a shard: the converter skips it).
func (w *Writer) EndUnit() error {
	names := make([]string, 0, len(w.shards))
	for name, s := range w.shards {
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
	w.unit, w.shards = "", nil
	return nil
}

func (w *Writer) writeIndex(dir, text string) error {
	f, err := os.Create(filepath.Join(dir, "index.txt"+w.ext()))
	if err != nil {
		return err
	}
	zw, dst, err := compressor(w.comp, f)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := io.WriteString(dst, text); err != nil {
		f.Close()
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// compressor wraps f for comp; zw is nil (and dst is f) when uncompressed.
func compressor(comp Compression, f io.Writer) (zw io.WriteCloser, dst io.Writer, err error) {
	switch comp {
	case Bzip2:
		zw, err = bzip2.NewWriter(f, &bzip2.WriterConfig{Level: bzip2Level})
	case Gzip:
		zw, err = gzip.NewWriterLevel(f, gzip.DefaultCompression)
	case Zstd:
		zw, err = zstd.NewWriter(f, zstd.WithEncoderConcurrency(1))
	default:
		return nil, f, nil
	}
	return zw, zw, err
}

// bzip2Level 1 (100 kB blocks) compresses several times faster than 9 and
// still exercises multi-block streams on shards of a few hundred kB.
const bzip2Level = 1
