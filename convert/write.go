package convert

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
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
	tick  int64 // counts writes, for least recently written
	done  []dataset.OutputFile
	busy  time.Duration // time spent encoding and writing
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
		}
	}()
	return drain(ctx, in, &w.busy, func(tb tableBatch) error {
		if tb.rec == nil {
			return w.endOfRun(tb.group)
		}
		defer tb.rec.Release()
		return w.write(tb)
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

// closeParts closes the open parts that match, in key order.
func (w *tableWriter) closeParts(match func(*partWriter) bool) error {
	var closing []*partWriter
	for _, p := range w.open {
		if match(p) {
			closing = append(closing, p)
		}
	}
	slices.SortFunc(closing, func(a, b *partWriter) int {
		return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.group, b.group))
	})
	for _, p := range closing {
		if err := w.closePart(p); err != nil {
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
		if p == nil || p.pw == nil {
			if err := w.makeRoom(key.group, nil); err != nil {
				return err
			}
			np, err := w.openPart(key, p)
			if err != nil {
				return err
			}
			p = np
			w.parts[key] = p
			w.open = append(w.open, p)
		}
		next, err := p.pw.WriteUntilFull(tb.rec, off)
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
		return w.makeRoom(key.group, p)
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
	index     int
	pw        *dataset.PartWriter // nil once closed
	lastWrite int64               // the writer's tick at the last write, for least recently written
}

func (w *tableWriter) openPart(key partKey, prev *partWriter) (*partWriter, error) {
	index := 0
	if prev != nil {
		index = prev.index + 1
	}
	table := schema.Tables[w.table].Name
	rel := table + "/" + dataset.PartitionDir(key.unit) + "/" + dataset.PartName(key.unit, key.group, index)
	pw, err := w.format.Create(w.root, rel, dataset.OutputFile{Table: table, Unit: key.unit, Group: key.group})
	if err != nil {
		return nil, err
	}
	return &partWriter{partKey: key, index: index, pw: pw}, nil
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

// abort drops p's open part; the run is failing.
func (p *partWriter) abort() {
	if p.pw != nil {
		p.pw.Abort()
		p.pw = nil
	}
}
