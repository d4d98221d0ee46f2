package convert

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/schema"
)

// tableBatch is one batch of one unit for a table writer; or, when rec is
// nil, the end of a run of a group's input files: the writer closes that
// group's open parts (see endOfRun).
type tableBatch struct {
	unit  string
	group string
	rec   arrow.RecordBatch
}

// Bounds on what a table writer keeps open for one group, so that memory
// and file descriptors do not grow with the number of units in it (an
// input of 5,000 records with 5,000 unit codes opens 5,000 part series).
// Past either bound the least recently written part of the group is
// closed; its unit's next rows start a new part. The choice depends on
// the group's own batches only, so the output stays the same for any
// worker count, for a re-run and for shards.
const (
	// maxOpenParts is the most parts of one group a table writer keeps
	// open: five tables stay within 160 files at once.
	maxOpenParts = 32
	// maxOpenBytes bounds the encoded row groups that one group's open
	// parts of a table hold in memory, as Parquet buffers a row group
	// whole until it ends.
	maxOpenBytes = 64 << 20
)

// tableWriter owns every part file of one table. It runs in one goroutine,
// so batches of a unit are written in the order they arrive.
type tableWriter struct {
	table  schema.TableID
	root   string // the staging folder
	opts   *Options
	format *dataset.PartFormat
	// parts holds every part series met so far, open or closed, for the
	// index of its next part; open holds the open ones.
	parts map[partKey]*partWriter
	open  []*partWriter
	// holding are the part series holding rows back (see add), heldBytes
	// the size of those rows.
	holding   []*partWriter
	heldBytes int64
	tick      int64 // counts writes, for least recently written
	done      []dataset.OutputFile
	busy      time.Duration // time spent encoding and writing
}

func newTableWriter(table schema.TableID, staging string, opts *Options) *tableWriter {
	return &tableWriter{
		table:  table,
		root:   staging,
		opts:   opts,
		format: dataset.TableFormat(table, opts.Version, opts.rowGroupRows(), opts.rowGroupBytes(), opts.maxPartBytes(), opts.allocator()),
		parts:  map[partKey]*partWriter{},
	}
}

// run writes batches until in is closed, then closes every part. Each batch
// is released once written. On error it closes and removes its open parts.
func (w *tableWriter) run(ctx context.Context, in <-chan tableBatch) (err error) {
	defer func() {
		if err != nil {
			for _, p := range w.open {
				p.abort()
			}
			for _, p := range w.holding {
				p.abort()
			}
		}
	}()
	return drain(ctx, in, &w.busy, func(tb tableBatch) error {
		if tb.rec == nil {
			return w.endOfRun(tb.group)
		}
		return w.add(tb)
	}, func() error {
		return w.closeParts(func(*partWriter) bool { return true })
	})
}

// drain is the loop of a writer goroutine: it hands each item of in to
// handle until in is closed, then calls finish, adding the time both spend
// to *busy. It returns at the first error, or when ctx is done, leaving
// the rest of in to the orchestrator, which drains it after Wait.
func drain[T any](ctx context.Context, in <-chan T, busy *time.Duration, handle func(T) error, finish func() error) error {
	for item := range in {
		t0 := time.Now()
		err := handle(item)
		*busy += time.Since(t0)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	t0 := time.Now()
	defer func() { *busy += time.Since(t0) }()
	return finish()
}

// endOfRun closes the open parts of group: the sequencer is past the last
// input file of a run of the group's files in the listing, so no more rows
// come to them before the group's next run, if any. A group's files are
// one run in a dump (a folder's files are listed together), so its parts
// close once, when the group is done, and memory holds the parts of the
// groups being converted rather than of every group met.
func (w *tableWriter) endOfRun(group string) error {
	return w.closeParts(func(p *partWriter) bool { return p.group == group })
}

// Bounds on the rows held back before they are written as one batch. The
// workers make a batch per input file, and a dump's files are small (tens
// of records), while every batch pqarrow writes pays a cost per column that
// does not depend on its rows (definition-level buffers taken from a pool
// and cleared whole on return, statistics, the encoders' calls): writing a
// few thousand rows at once makes it small (benchmarks/HISTORY.md, "Fewer,
// larger writes"). A part series writes what it holds at coalesceRows or
// coalesceBytes; a table writer holds at most maxHeldBytes and, like its
// open parts, maxOpenParts series at once, writing the least recently
// added one first, so memory does not grow with the units of a group.
const (
	coalesceRows  = 8192
	coalesceBytes = 4 << 20
	maxHeldBytes  = 16 << 20
)

// add takes a batch of a part series and holds it back until the series
// or the writer holds enough (see coalesceRows). What is held, and so
// what is written when, depends on the batches alone: the output is the
// same whatever the worker count.
func (w *tableWriter) add(tb tableBatch) error {
	key := partKey{tb.unit, tb.group}
	p := w.parts[key]
	if p == nil {
		p = &partWriter{partKey: key, index: -1}
		w.parts[key] = p
	}
	if len(p.held) == 0 {
		w.holding = append(w.holding, p)
	}
	w.tick++
	p.lastAdd = w.tick
	p.held = append(p.held, tb.rec)
	p.heldRows += tb.rec.NumRows()
	size := recordBytes(tb.rec)
	p.heldBytes += size
	w.heldBytes += size
	if p.heldRows >= coalesceRows || p.heldBytes >= coalesceBytes {
		return w.flush(p)
	}
	for len(w.holding) > maxOpenParts || w.heldBytes > maxHeldBytes {
		lru := w.holding[0]
		for _, o := range w.holding[1:] {
			if o.lastAdd < lru.lastAdd {
				lru = o
			}
		}
		if err := w.flush(lru); err != nil {
			return err
		}
	}
	return nil
}

// flush writes the rows p holds back, as one batch.
func (w *tableWriter) flush(p *partWriter) error {
	if len(p.held) == 0 {
		return nil
	}
	rec, err := concatRecords(p.held, w.opts.allocator())
	for _, r := range p.held {
		r.Release()
	}
	clear(p.held)
	w.heldBytes -= p.heldBytes
	p.held, p.heldRows, p.heldBytes = p.held[:0], 0, 0
	w.holding = slices.DeleteFunc(w.holding, func(o *partWriter) bool { return o == p })
	if err != nil {
		return fmt.Errorf("join batches of %s %s: %w", schema.Tables[w.table].Name, p.unit, err)
	}
	defer rec.Release()
	return w.write(p, rec)
}

// recordBytes is the size of rec's buffers.
func recordBytes(rec arrow.RecordBatch) int64 {
	var n int64
	var add func(d arrow.ArrayData)
	add = func(d arrow.ArrayData) {
		for _, b := range d.Buffers() {
			if b != nil {
				n += int64(b.Len())
			}
		}
		for _, c := range d.Children() {
			add(c)
		}
	}
	for _, c := range rec.Columns() {
		add(c.Data())
	}
	return n
}

// concatRecords returns recs as one batch (recs[0] retained when alone).
func concatRecords(recs []arrow.RecordBatch, mem memory.Allocator) (arrow.RecordBatch, error) {
	if len(recs) == 1 {
		recs[0].Retain()
		return recs[0], nil
	}
	sch := recs[0].Schema()
	cols := make([]arrow.Array, sch.NumFields())
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	parts := make([]arrow.Array, len(recs))
	var rows int64
	for _, r := range recs {
		rows += r.NumRows()
	}
	for i := range cols {
		for j, r := range recs {
			parts[j] = r.Column(i)
		}
		c, err := array.Concatenate(parts, mem)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	return array.NewRecordBatch(sch, cols, rows), nil
}

// closeParts closes the open parts that match, in key order.
func (w *tableWriter) closeParts(match func(*partWriter) bool) error {
	var closing []*partWriter
	for _, p := range w.open {
		if match(p) {
			closing = append(closing, p)
		}
	}
	for _, p := range w.holding {
		if match(p) && p.pw == nil { // else it is open, and in closing
			closing = append(closing, p)
		}
	}
	slices.SortFunc(closing, func(a, b *partWriter) int {
		return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.group, b.group))
	})
	for _, p := range closing {
		if err := w.flush(p); err != nil {
			return err
		}
		if err := w.closePart(p); err != nil {
			return err
		}
	}
	return nil
}

// write writes rec to p's parts, opening one when none is open and the
// next when one is full.
func (w *tableWriter) write(p *partWriter, rec arrow.RecordBatch) error {
	rows := rec.NumRows()
	for off := int64(0); off < rows; {
		if p.pw == nil {
			if err := w.makeRoom(p.group, nil); err != nil {
				return err
			}
			if err := w.openPart(p); err != nil {
				return err
			}
			w.open = append(w.open, p)
		}
		next, err := p.pw.WriteUntilFull(rec, off)
		if err != nil {
			return err
		}
		off = next
		w.tick++
		p.lastWrite = w.tick
		if p.pw.Full() {
			if err := w.closePart(p); err != nil {
				return err
			}
		}
	}
	if p.pw != nil {
		return w.makeRoom(p.group, p)
	}
	return nil
}

// makeRoom closes the least recently written open parts of group, other
// than keep, until it holds fewer than maxOpenParts parts (room for one
// more, when keep is nil) and at most maxOpenBytes of buffered row groups.
func (w *tableWriter) makeRoom(group string, keep *partWriter) error {
	for {
		var (
			count int
			bytes int64
			lru   *partWriter
		)
		for _, p := range w.open {
			if p.group != group {
				continue
			}
			count++
			bytes += p.pw.BufferedBytes()
			if p != keep && (lru == nil || p.lastWrite < lru.lastWrite) {
				lru = p
			}
		}
		limit := maxOpenParts
		if keep == nil {
			limit-- // a part is about to open
		}
		if lru == nil || count <= limit && bytes <= maxOpenBytes {
			return nil
		}
		if err := w.flush(lru); err != nil {
			return err
		}
		if err := w.closePart(lru); err != nil {
			return err
		}
	}
}

// partKey names a series of part files: the rows of one unit that come
// from one group's input files (see dataset.PartName).
type partKey struct{ unit, group string }

// partWriter is one series of part files: the open part, if any, and the
// index of the next.
type partWriter struct {
	partKey
	index     int                 // of the part open or last closed; -1 before the first
	pw        *dataset.PartWriter // nil once closed
	lastWrite int64               // the writer's tick at the last write, for least recently written
	lastAdd   int64               // the writer's tick at the last batch added
	// held are the batches not written yet (see add), heldRows and
	// heldBytes their size.
	held      []arrow.RecordBatch
	heldRows  int64
	heldBytes int64
}

// openPart opens p's next part.
func (w *tableWriter) openPart(p *partWriter) error {
	table := schema.Tables[w.table].Name
	rel := table + "/" + dataset.PartitionDir(p.unit) + "/" + dataset.PartName(p.unit, p.group, p.index+1)
	pw, err := w.format.Create(w.root, rel, dataset.OutputFile{Table: table, Unit: p.unit, Group: p.group})
	if err != nil {
		return err
	}
	p.index++
	p.pw = pw
	return nil
}

// closePart closes p's open part (see dataset.PartWriter.Close).
func (w *tableWriter) closePart(p *partWriter) error {
	if p.pw == nil {
		return nil
	}
	o, err := p.pw.Close()
	p.pw = nil
	w.open = slices.DeleteFunc(w.open, func(o *partWriter) bool { return o == p })
	if err != nil {
		return err
	}
	w.done = append(w.done, o)
	w.opts.logger().Debug("part written", "path", o.Path, "rows", o.Rows, "bytes", o.Bytes)
	return nil
}

// abort drops p's open part and the rows it holds; the run is failing.
func (p *partWriter) abort() {
	for _, r := range p.held {
		r.Release()
	}
	p.held = nil
	if p.pw != nil {
		p.pw.Abort()
		p.pw = nil
	}
}
