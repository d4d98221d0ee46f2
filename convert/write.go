package convert

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/internal/source"
	"github.com/soa-project/soa/schema"
)

// PartitionDir returns the Hive partition folder of a unit: `unit_code=` and
// the value with every byte outside [A-Za-z0-9._-] percent-escaped, so that
// no unit code (`../x`, `a/b`) can name a path outside its table folder.
func PartitionDir(unit string) string {
	if unit == "" {
		unit = schema.DefaultPartition
	}
	return "unit_code=" + escapeName(unit)
}

// noDictionaryFallback is a dictionary page size no column chunk reaches:
// a chunk is at most one row group of a part of MaxPartBytes.
const noDictionaryFallback = 1 << 40

// tableBatch is one batch of one unit for a table writer.
type tableBatch struct {
	unit  string
	group string
	rec   arrow.RecordBatch
}

// tableWriter owns every part file of one table. It runs in one goroutine,
// so batches of a unit are written in the order they arrive.
type tableWriter struct {
	table   int
	root    string // the table folder inside the staging folder
	opts    *Options
	props   *parquet.WriterProperties
	arrowPr pqarrow.ArrowWriterProperties
	parts   map[partKey]*partWriter
	done    []OutputFile
	busy    time.Duration // time spent encoding and writing
}

func newTableWriter(table int, staging string, opts *Options) *tableWriter {
	return &tableWriter{
		table: table,
		root:  filepath.Join(staging, schema.Tables[table].Name),
		opts:  opts,
		props: parquet.NewWriterProperties(
			parquet.WithCompression(compress.Codecs.Zstd),
			parquet.WithStats(true),
			parquet.WithPageIndexEnabled(true),
			parquet.WithMaxRowGroupLength(int64(opts.rowGroupRows())),
			parquet.WithDictionaryDefault(true),
			// Never fall back from dictionary to plain pages within a
			// column chunk: arrow-go lists a chunk's page encodings from a
			// Go map (metadata.ColumnChunkMetaDataBuilder.Finish), so a
			// chunk with both kinds gets them in random order in the
			// footer, and the same input would give different bytes.
			parquet.WithDictionaryPageSizeLimit(noDictionaryFallback),
			parquet.WithVersion(parquet.V2_LATEST),
			parquet.WithDataPageVersion(parquet.DataPageV1),
			parquet.WithCreatedBy("soa "+opts.Version),
			parquet.WithAllocator(opts.allocator()),
		),
		arrowPr: pqarrow.NewArrowWriterProperties(
			pqarrow.WithStoreSchema(),
			pqarrow.WithAllocator(opts.allocator()),
		),
		parts: map[partKey]*partWriter{},
	}
}

// run writes batches until in is closed, then closes every part. Each batch
// is released once written. On error it closes and removes its open parts.
func (w *tableWriter) run(ctx context.Context, in <-chan tableBatch) (err error) {
	defer func() {
		if err != nil {
			for _, p := range w.parts {
				p.abort()
			}
		}
	}()
	for tb := range in {
		t0 := time.Now()
		err := w.write(tb)
		w.busy += time.Since(t0)
		tb.rec.Release()
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	keys := make([]partKey, 0, len(w.parts))
	for k := range w.parts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b partKey) int { return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.group, b.group)) })
	t0 := time.Now()
	defer func() { w.busy += time.Since(t0) }()
	for _, k := range keys {
		if err := w.closePart(w.parts[k]); err != nil {
			return err
		}
	}
	return nil
}

func (w *tableWriter) write(tb tableBatch) error {
	key := partKey{tb.unit, tb.group}
	p := w.parts[key]
	rows := tb.rec.NumRows()
	for off := int64(0); off < rows; {
		if p == nil || p.fw == nil {
			np, err := w.openPart(key, p)
			if err != nil {
				return err
			}
			p = np
			w.parts[key] = p
		}
		if p.groupRows == w.opts.rowGroupRows() {
			if err := p.fw.NewBufferedRowGroupChecked(); err != nil {
				return fmt.Errorf("write %s: %w", p.tmp, err)
			}
			p.groupRows = 0
		}
		n := min(rows-off, int64(w.opts.rowGroupRows()-p.groupRows))
		slice := tb.rec.NewSlice(off, off+n)
		err := p.fw.WriteBuffered(slice)
		slice.Release()
		if err != nil {
			return fmt.Errorf("write %s: %w", p.tmp, err)
		}
		off += n
		p.groupRows += int(n)
		p.rows += n
		// A part ends only at a row group boundary, so part sizes depend on
		// the rows alone and the output is the same for any worker count.
		if p.groupRows == w.opts.rowGroupRows() &&
			p.sink.n+p.fw.RowGroupTotalCompressedBytes() >= w.opts.maxPartBytes() {
			if err := w.closePart(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// partKey names a series of part files: the rows of one unit that come
// from one group's shards (see PartName).
type partKey struct{ unit, group string }

// partWriter is one part file being written under a temporary name.
type partWriter struct {
	partKey
	index     int
	tmp, path string
	file      *os.File
	sink      *hashingWriter
	fw        *pqarrow.FileWriter
	groupRows int
	rows      int64
}

func (w *tableWriter) openPart(key partKey, prev *partWriter) (*partWriter, error) {
	index := 0
	if prev != nil {
		index = prev.index + 1
	}
	dir := filepath.Join(w.root, PartitionDir(key.unit))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create partition: %w", err)
	}
	name := PartName(key.unit, key.group, index)
	p := &partWriter{partKey: key, index: index, path: filepath.Join(dir, name), tmp: filepath.Join(dir, "."+name+".tmp")}
	f, err := os.OpenFile(p.tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create part: %w", err)
	}
	p.file = f
	p.sink = &hashingWriter{w: f, sum: sha256.New()}
	p.fw, err = pqarrow.NewFileWriter(schema.Tables[w.table].Schema(), p.sink, w.props, w.arrowPr)
	if err != nil {
		f.Close()
		os.Remove(p.tmp)
		return nil, fmt.Errorf("start parquet %s: %w", p.tmp, err)
	}
	return p, nil
}

// closePart writes the footer, syncs, and renames the part to its final name.
func (w *tableWriter) closePart(p *partWriter) error {
	if p.fw == nil {
		return nil
	}
	// Parts are not synced one by one: commit syncs the whole staging
	// folder once before the rename that publishes it.
	err := p.fw.Close() // writes the footer; the sink leaves the file open
	p.fw = nil
	if cerr := p.file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(p.tmp, p.path)
	}
	if err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("finish %s: %w", p.path, err)
	}
	rel, _ := filepath.Rel(filepath.Dir(w.root), p.path)
	w.done = append(w.done, OutputFile{
		Path:   filepath.ToSlash(rel),
		Table:  schema.Tables[w.table].Name,
		Unit:   p.unit,
		Group:  p.group,
		Rows:   p.rows,
		Bytes:  p.sink.n,
		SHA256: hex.EncodeToString(p.sink.sum.Sum(nil)),
	})
	w.opts.logger().Debug("part written", "path", rel, "rows", p.rows, "bytes", p.sink.n)
	return nil
}

func (p *partWriter) abort() {
	if p.fw != nil {
		p.fw.Close()
		p.fw = nil
	}
	if p.file != nil {
		p.file.Close()
	}
	os.Remove(p.tmp)
}

// hashingWriter counts and hashes what the Parquet writer writes; parts are
// written front to back, so the hash is that of the file.
type hashingWriter struct {
	w   io.WriteCloser
	n   int64
	sum hash.Hash
}

func (h *hashingWriter) Write(p []byte) (int, error) {
	n, err := h.w.Write(p)
	h.n += int64(n)
	h.sum.Write(p[:n])
	return n, err
}

// Close is called by the Parquet writer. It leaves the file open for
// closePart, which closes it and only then renames it.
func (h *hashingWriter) Close() error { return nil }

// writeEmptyTables gives every table without rows in groups one part with
// no rows, so that each of the five tables can be read, with its schema, by
// every reader, rather than be a missing folder. The part goes in the
// partition of the dataset's first unit (a true statement: that unit has no
// such rows), not in __HIVE_DEFAULT_PARTITION__, from which Spark would
// type unit_code as null. It belongs to no group: it is written again at
// every run and merge, from the whole dataset.
func writeEmptyTables(staging string, groups []*GroupState, version string) ([]OutputFile, error) {
	var has [schema.NumTables]bool
	firstUnit := ""
	for _, g := range groups {
		for _, o := range g.Outputs {
			for t := range schema.NumTables {
				has[t] = has[t] || schema.Tables[t].Name == o.Table
			}
			if o.Rows > 0 && (firstUnit == "" || o.Unit < firstUnit) {
				firstUnit = o.Unit
			}
		}
	}
	var out []OutputFile
	for t := range schema.NumTables {
		if has[t] {
			continue
		}
		w := newTableWriter(t, staging, &Options{Version: version})
		p, err := w.openPart(partKey{unit: firstUnit, group: source.LowerASCII(firstUnit)}, nil)
		if err != nil {
			return nil, err
		}
		if err := w.closePart(p); err != nil {
			return nil, err
		}
		for _, o := range w.done {
			o.Group = ""
			out = append(out, o)
		}
	}
	return out, nil
}
