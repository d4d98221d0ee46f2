package convert

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/schema"
)

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
	done    []dataset.OutputFile
	busy    time.Duration // time spent encoding and writing
}

func newTableWriter(table int, staging string, opts *Options) *tableWriter {
	return &tableWriter{
		table:   table,
		root:    filepath.Join(staging, schema.Tables[table].Name),
		opts:    opts,
		props:   dataset.WriterProperties(opts.Version, opts.rowGroupRows(), opts.allocator()),
		arrowPr: dataset.ArrowWriterProperties(opts.allocator()),
		parts:   map[partKey]*partWriter{},
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
			p.sink.N+p.fw.RowGroupTotalCompressedBytes() >= w.opts.maxPartBytes() {
			if err := w.closePart(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// partKey names a series of part files: the rows of one unit that come
// from one group's input files (see dataset.PartName).
type partKey struct{ unit, group string }

// partWriter is one part file being written under a temporary name.
type partWriter struct {
	partKey
	index     int
	tmp, path string
	file      *os.File
	sink      *dataset.HashingWriter
	fw        *pqarrow.FileWriter
	groupRows int
	rows      int64
}

func (w *tableWriter) openPart(key partKey, prev *partWriter) (*partWriter, error) {
	index := 0
	if prev != nil {
		index = prev.index + 1
	}
	dir := filepath.Join(w.root, dataset.PartitionDir(key.unit))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create partition: %w", err)
	}
	name := dataset.PartName(key.unit, key.group, index)
	p := &partWriter{partKey: key, index: index, path: filepath.Join(dir, name), tmp: filepath.Join(dir, "."+name+".tmp")}
	f, err := os.OpenFile(p.tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create part: %w", err)
	}
	p.file = f
	p.sink = dataset.NewHashingWriter(f)
	p.fw, err = pqarrow.NewFileWriter(schema.Tables[w.table].Schema(), p.sink, w.props, w.arrowPr)
	if err != nil {
		_ = f.Close()
		_ = os.Remove(p.tmp)
		return nil, fmt.Errorf("start parquet %s: %w", p.tmp, err)
	}
	return p, nil
}

// closePart writes the footer, closes the file and renames the part to its
// final name. Parts are not synced one by one: dataset.Staging.Commit syncs
// the whole staging folder once before the rename that publishes it.
func (w *tableWriter) closePart(p *partWriter) error {
	if p.fw == nil {
		return nil
	}
	err := p.fw.Close() // writes the footer; the sink leaves the file open
	p.fw = nil
	if cerr := p.file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(p.tmp, p.path)
	}
	if err != nil {
		_ = os.Remove(p.tmp)
		return fmt.Errorf("finish %s: %w", p.path, err)
	}
	rel, _ := filepath.Rel(filepath.Dir(w.root), p.path)
	w.done = append(w.done, dataset.OutputFile{
		Path:   filepath.ToSlash(rel),
		Table:  schema.Tables[w.table].Name,
		Unit:   p.unit,
		Group:  p.group,
		Rows:   p.rows,
		Bytes:  p.sink.N,
		SHA256: p.sink.SHA256(),
	})
	w.opts.logger().Debug("part written", "path", rel, "rows", p.rows, "bytes", p.sink.N)
	return nil
}

// abort drops a part being written; the run is failing, so errors closing
// or removing it are of no use (the staging folder is removed as a whole).
func (p *partWriter) abort() {
	if p.fw != nil {
		_ = p.fw.Close()
		p.fw = nil
	}
	if p.file != nil {
		_ = p.file.Close()
	}
	_ = os.Remove(p.tmp)
}
