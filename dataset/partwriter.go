package dataset

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/schema"
)

// parquetExt ends the name of every Parquet file of a dataset: parts and
// rollup files.
const parquetExt = ".parquet"

// partWriteBuffer is the write buffer of a part file: the Parquet writer
// writes a page header, a page and each footer field as a write of its
// own, a system call each unbuffered.
const partWriteBuffer = 64 << 10

// PartFormat is what the Parquet files of one kind (the parts of a table,
// the files of a rollup) share: the Arrow schema, the writer properties
// and the row-group policy. Every Parquet file of a dataset is created by
// PartFormat.Create, the one place that makes Parquet file writers. A
// PartFormat and its files are used by one goroutine at a time; it keeps
// the write buffers of closed files for the next ones.
type PartFormat struct {
	schema        *arrow.Schema
	props         *parquet.WriterProperties
	arrowProps    pqarrow.ArrowWriterProperties
	rowGroupRows  int
	rowGroupBytes int64
	maxBytes      int64
	spareBufs     []*bufio.Writer
}

// TableFormat is the format of the parts of table t (docs/DATASET.md): a
// row group ends at rowGroupRows rows, or earlier once its encoded size
// reaches rowGroupBytes; a part is full once a row group ends with the part
// at maxPartBytes or more (0: never), so that part sizes depend on the rows
// alone and the output is the same for any worker count.
func TableFormat(t schema.TableID, version string, rowGroupRows int, rowGroupBytes, maxPartBytes int64, mem memory.Allocator) *PartFormat {
	return &PartFormat{
		schema:        schema.Tables[t].Schema(),
		props:         WriterProperties(t, version, rowGroupRows, mem),
		arrowProps:    ArrowWriterProperties(mem),
		rowGroupRows:  rowGroupRows,
		rowGroupBytes: rowGroupBytes,
		maxBytes:      maxPartBytes,
	}
}

// RollupFormat is the format of the files of rollup r: row groups of
// DefaultRowGroupRows rows whatever their size (a rollup's rows are small),
// and no bound on a file's size (a group's rollup is one file).
func RollupFormat(r *schema.Rollup, version string, mem memory.Allocator) *PartFormat {
	return &PartFormat{
		schema:       r.Schema(),
		props:        RollupWriterProperties(r, version, mem),
		arrowProps:   ArrowWriterProperties(mem),
		rowGroupRows: DefaultRowGroupRows,
	}
}

// PartWriter is one Parquet file being written under a temporary name
// (".<name>.tmp") in its final folder: batches go in with Write or
// WriteUntilFull; Close writes the footer, closes the file, renames it to
// its final name and describes it; Abort removes it. Files are not synced
// one by one: Staging.Commit syncs the whole staging folder once before
// the rename that publishes it.
type PartWriter struct {
	format     *PartFormat
	rel        string // final path, relative to the dataset folder, slash-separated
	tmp, path  string
	file       *os.File
	buf        *bufio.Writer
	sink       *hashingWriter
	fw         *pqarrow.FileWriter
	out        OutputFile
	groupRows  int   // rows in the row group being written
	groupBytes int64 // its encoded size so far (pages written and compressed)
}

// Create starts the file rel (slash-separated, relative to the dataset
// folder root, a staging folder), creating its folder. describe is the
// OutputFile that Close returns, with Path, Rows, Bytes and SHA256 filled
// in.
func (f *PartFormat) Create(root, rel string, describe OutputFile) (*PartWriter, error) {
	p := &PartWriter{format: f, rel: rel, path: filepath.Join(root, filepath.FromSlash(rel)), out: describe}
	p.out.Path = rel
	dir := filepath.Dir(p.path)
	p.tmp = filepath.Join(dir, "."+filepath.Base(p.path)+".tmp")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create folder of %s: %w", rel, err)
	}
	file, err := os.OpenFile(p.tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", rel, err)
	}
	p.file = file
	if n := len(f.spareBufs); n > 0 {
		p.buf = f.spareBufs[n-1]
		f.spareBufs = f.spareBufs[:n-1]
		p.buf.Reset(file)
	} else {
		p.buf = bufio.NewWriterSize(file, partWriteBuffer)
	}
	p.sink = newHashingWriter(p.buf)
	p.fw, err = newParquetWriter(f.schema, p.sink, f.props, f.arrowProps)
	if err != nil {
		p.Abort()
		return nil, fmt.Errorf("start parquet %s: %w", rel, err)
	}
	return p, nil
}

// Write appends every row of rec, whose schema is the format's, starting
// row groups as the format says. A batch without rows is handed to the
// Parquet writer all the same, which starts the file's first row group with
// it: a rollup without rows is a file with one empty row group.
func (p *PartWriter) Write(rec arrow.RecordBatch) error {
	if rec.NumRows() == 0 {
		if err := p.fw.WriteBuffered(rec); err != nil {
			return fmt.Errorf("write %s: %w", p.rel, err)
		}
		return nil
	}
	for off := int64(0); off < rec.NumRows(); {
		next, err := p.write(rec, off, false)
		if err != nil {
			return err
		}
		off = next
	}
	return nil
}

// WriteUntilFull appends rec's rows from off on, and returns the offset
// reached: rec.NumRows(), or less when a row group ended with the part
// full (Full is then true: the caller closes the part and writes the rest
// to a new one). A part ends only at a row group boundary.
func (p *PartWriter) WriteUntilFull(rec arrow.RecordBatch, off int64) (int64, error) {
	return p.write(rec, off, true)
}

func (p *PartWriter) write(rec arrow.RecordBatch, off int64, stopWhenFull bool) (int64, error) {
	rows := rec.NumRows()
	for off < rows {
		if p.groupEnded() {
			if err := p.fw.NewBufferedRowGroupChecked(); err != nil {
				return off, fmt.Errorf("write %s: %w", p.rel, err)
			}
			p.groupRows, p.groupBytes = 0, 0
		}
		n := min(rows-off, int64(p.format.rowGroupRows-p.groupRows))
		slice := rec.NewSlice(off, off+n)
		err := p.fw.WriteBuffered(slice)
		slice.Release()
		if err != nil {
			return off, fmt.Errorf("write %s: %w", p.rel, err)
		}
		off += n
		p.groupRows += int(n)
		p.out.Rows += n
		p.groupBytes = p.fw.RowGroupTotalCompressedBytes()
		if stopWhenFull && p.Full() {
			return off, nil
		}
	}
	return off, nil
}

// groupEnded says whether the row group being written is over: a row group
// is held in memory until it ends.
func (p *PartWriter) groupEnded() bool {
	return p.groupRows == p.format.rowGroupRows || p.format.rowGroupBytes > 0 && p.groupBytes >= p.format.rowGroupBytes
}

// Full says whether the part has reached the format's size bound at the
// end of a row group.
func (p *PartWriter) Full() bool {
	return p.format.maxBytes > 0 && p.groupEnded() && p.sink.n+p.groupBytes >= p.format.maxBytes
}

// BufferedBytes is the encoded size of the row group held in memory.
func (p *PartWriter) BufferedBytes() int64 { return p.groupBytes }

// Rows is the number of rows written so far.
func (p *PartWriter) Rows() int64 { return p.out.Rows }

// Close writes the footer, closes the file and renames it to its final
// name, and describes the file written. On error the file is removed.
func (p *PartWriter) Close() (OutputFile, error) {
	err := p.fw.Close() // writes the footer; the sink leaves the file open
	p.fw = nil
	if ferr := p.buf.Flush(); err == nil {
		err = ferr
	}
	p.releaseBuf()
	if cerr := p.file.Close(); err == nil {
		err = cerr
	}
	p.file = nil
	if err == nil {
		err = os.Rename(p.tmp, p.path)
	}
	if err != nil {
		_ = os.Remove(p.tmp)
		return OutputFile{}, fmt.Errorf("finish %s: %w", p.rel, err)
	}
	p.out.Bytes = p.sink.n
	p.out.SHA256 = p.sink.sha256()
	return p.out, nil
}

// Abort drops the file being written; the run is failing, so errors
// closing or removing it are of no use (the staging folder is removed as a
// whole).
func (p *PartWriter) Abort() {
	if p.fw != nil {
		_ = p.fw.Close()
		p.fw = nil
	}
	if p.buf != nil {
		p.releaseBuf()
	}
	if p.file != nil {
		_ = p.file.Close()
		p.file = nil
	}
	_ = os.Remove(p.tmp)
}

func (p *PartWriter) releaseBuf() {
	p.buf.Reset(nil)
	p.format.spareBufs = append(p.format.spareBufs, p.buf)
	p.buf = nil
}

// hashingWriter counts and hashes what is written through it to w; files
// are written front to back, so the hash is that of the file. Close does
// nothing: the Parquet writer calls it, and PartWriter closes the file
// itself, only then renaming it.
type hashingWriter struct {
	w   io.Writer
	n   int64
	sum hash.Hash
}

func newHashingWriter(w io.Writer) *hashingWriter { return &hashingWriter{w: w, sum: sha256.New()} }

func (h *hashingWriter) Write(b []byte) (int, error) {
	n, err := h.w.Write(b)
	h.n += int64(n)
	h.sum.Write(b[:n])
	return n, err
}

func (h *hashingWriter) Close() error { return nil }

func (h *hashingWriter) sha256() string { return hex.EncodeToString(h.sum.Sum(nil)) }

// newParquetWriter is the one place in soa that creates Parquet file
// writers: every table part, rollup file and empty part (through
// PartFormat.Create), and the files of soa export (NewFileWriter).
func newParquetWriter(sch *arrow.Schema, w io.Writer, props *parquet.WriterProperties, arrowProps pqarrow.ArrowWriterProperties) (*pqarrow.FileWriter, error) {
	return pqarrow.NewFileWriter(sch, w, props, arrowProps)
}
