package convert

import (
	"bufio"
	"container/heap"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/rollup"
	"github.com/soa-project/soa/schema"
)

// rollupBatch is what the sequencer hands the rollup writer: the batches of
// one chunk (retained for it) with their document ends, or, with done set,
// the news that every input file of group has been handled.
type rollupBatch struct {
	group string
	unit  string
	recs  [schema.NumTables]arrow.RecordBatch
	docs  []schema.DocumentEnd
	done  bool
}

func (rb *rollupBatch) release() {
	for _, r := range rb.recs {
		if r != nil {
			r.Release()
		}
	}
}

// defaultRollupSpillKeys bounds the distinct keys a tally holds in memory:
// past it, the tally is written to a sorted run on disk and emptied, and
// the runs are merged when the group ends. About 100 bytes per key, so a
// few tens of MB per rollup of the group being converted, whatever the
// corpus (name_records and record_ids grow with it; the rest stay small).
const defaultRollupSpillKeys = 1 << 18

// rollupWriter tallies every per-group rollup of each group from the
// batches of its chunks and writes each group's rollup files when the group
// ends. It runs in one goroutine, like a table writer.
type rollupWriter struct {
	staging string
	opts    *Options
	groups  map[string]*groupTallies
	// formats are the rollups' file formats, made once and reused for every
	// group's file, with their write buffers.
	formats map[*schema.Rollup]*dataset.PartFormat
	spills  int
	done    []dataset.OutputFile
	busy    time.Duration
}

// groupTallies are one group's tallies and the runs spilled from them.
type groupTallies struct {
	tallies *rollup.Tallies
	runs    [schema.NumRollups][]string
}

func newRollupWriter(staging string, opts *Options) *rollupWriter {
	return &rollupWriter{staging: staging, opts: opts, groups: map[string]*groupTallies{}, formats: map[*schema.Rollup]*dataset.PartFormat{}}
}

// run tallies batches until in is closed, releasing each, and writes a
// group's files when told it is done (and those of any group left at the
// end, in name order). On error the staging folder is removed by the run.
func (w *rollupWriter) run(ctx context.Context, in <-chan rollupBatch) error {
	return drain(ctx, in, &w.busy, func(rb rollupBatch) error {
		if rb.done {
			return w.finish(rb.group)
		}
		defer rb.release()
		return w.add(&rb)
	}, func() error {
		for _, g := range slices.Sorted(maps.Keys(w.groups)) {
			if err := w.finish(g); err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *rollupWriter) add(rb *rollupBatch) error {
	g := w.groups[rb.group]
	if g == nil {
		g = &groupTallies{tallies: rollup.NewTallies()}
		w.groups[rb.group] = g
	}
	if err := g.tallies.Add(rb.unit, rb.recs, rb.docs); err != nil {
		return err
	}
	for i, t := range g.tallies.T {
		if t != nil && t.Len() >= w.opts.rollupSpillKeys() {
			path, err := w.spill(t)
			if err != nil {
				return err
			}
			g.runs[i] = append(g.runs[i], path)
		}
	}
	return nil
}

// spill writes t's entries, sorted, to a run file and empties t. A run is
// a sequence of (uvarint key length, key, uvarint per count).
func (w *rollupWriter) spill(t *rollup.Tally) (path string, err error) {
	w.spills++
	path = filepath.Join(w.staging, dataset.RollupsDir, fmt.Sprintf(".spill-%06d.tmp", w.spills))
	f, err := createFile(path)
	if err != nil {
		return "", fmt.Errorf("spill rollup %s: %w", t.Rollup().Name, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	keys, counts := t.Sorted()
	var buf []byte
	for i, k := range keys {
		buf = binary.AppendUvarint(buf[:0], uint64(len(k)))
		buf = append(buf, k...)
		for _, c := range counts[i] {
			buf = binary.AppendUvarint(buf, uint64(c))
		}
		if _, err := bw.Write(buf); err != nil {
			_ = f.Close()
			return "", fmt.Errorf("spill rollup %s: %w", t.Rollup().Name, err)
		}
	}
	if err := bw.Flush(); err != nil {
		_ = f.Close()
		return "", fmt.Errorf("spill rollup %s: %w", t.Rollup().Name, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("spill rollup %s: %w", t.Rollup().Name, err)
	}
	t.Reset()
	return path, nil
}

// finish writes the files of a group's rollups that have rows, and forgets
// the group.
func (w *rollupWriter) finish(group string) error {
	g := w.groups[group]
	if g == nil {
		return nil
	}
	delete(w.groups, group)
	for i, t := range g.tallies.T {
		if t == nil {
			continue
		}
		var src entrySource
		if len(g.runs[i]) == 0 {
			if t.Len() == 0 {
				continue
			}
			keys, counts := t.Sorted()
			src = &sliceSource{keys: keys, counts: counts}
		} else {
			if t.Len() > 0 {
				path, err := w.spill(t)
				if err != nil {
					return err
				}
				g.runs[i] = append(g.runs[i], path)
			}
			m, err := newRunMerger(g.runs[i], len(t.Rollup().Columns)-t.Rollup().Keys)
			if err != nil {
				return err
			}
			src = m
		}
		o, err := w.write(t.Rollup(), group, src)
		if cerr := src.close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		w.done = append(w.done, o)
		t.Reset()
	}
	return nil
}

// write writes one rollup file from entries in key order.
func (w *rollupWriter) write(r *schema.Rollup, group string, src entrySource) (dataset.OutputFile, error) {
	mem := w.opts.allocator()
	format := w.formats[r]
	if format == nil {
		format = dataset.RollupFormat(r, w.opts.Version, mem)
		w.formats[r] = format
	}
	f, err := format.Create(w.staging, dataset.RollupPath(r.Name, group), dataset.OutputFile{Rollup: r.Name, Group: group})
	if err != nil {
		return dataset.OutputFile{}, err
	}
	b := array.NewRecordBuilder(mem, r.Schema())
	defer b.Release()
	flush := func() error {
		rec := b.NewRecordBatch()
		defer rec.Release()
		return f.Write(rec)
	}
	rows := 0
	for {
		key, counts, ok, err := src.next()
		if err == nil && ok {
			err = rollup.AppendRow(r, b, key, counts)
		}
		if err != nil {
			f.Abort()
			return dataset.OutputFile{}, err
		}
		if !ok {
			break
		}
		if rows++; rows%65536 == 0 {
			if err := flush(); err != nil {
				f.Abort()
				return dataset.OutputFile{}, err
			}
		}
	}
	if err := flush(); err != nil {
		f.Abort()
		return dataset.OutputFile{}, err
	}
	o, err := f.Close()
	if err == nil {
		w.opts.logger().Debug("rollup written", "path", o.Path, "rows", o.Rows, "bytes", o.Bytes)
	}
	return o, err
}

// entrySource yields a tally's entries in key order.
type entrySource interface {
	next() (key []byte, counts []int64, ok bool, err error)
	close() error
}

type sliceSource struct {
	keys   []string
	counts [][]int64
	i      int
}

func (s *sliceSource) next() ([]byte, []int64, bool, error) {
	if s.i >= len(s.keys) {
		return nil, nil, false, nil
	}
	s.i++
	return []byte(s.keys[s.i-1]), s.counts[s.i-1], true, nil
}

func (s *sliceSource) close() error { return nil }

// runMerger merges sorted runs, adding the counts of equal keys.
type runMerger struct {
	runs  runHeap
	width int
	key   []byte
	sum   []int64
}

func newRunMerger(paths []string, width int) (*runMerger, error) {
	m := &runMerger{width: width, sum: make([]int64, width)}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			_ = m.close()
			return nil, fmt.Errorf("read rollup run: %w", err)
		}
		r := &run{path: p, f: f, r: bufio.NewReaderSize(f, 1<<16), counts: make([]int64, width)}
		if err := r.next(); err != nil {
			_ = f.Close()
			_ = m.close()
			return nil, err
		}
		if r.ok {
			m.runs = append(m.runs, r)
		} else {
			_ = r.close()
		}
	}
	heap.Init(&m.runs)
	return m, nil
}

func (m *runMerger) next() ([]byte, []int64, bool, error) {
	if len(m.runs) == 0 {
		return nil, nil, false, nil
	}
	m.key = append(m.key[:0], m.runs[0].key...)
	clear(m.sum)
	for len(m.runs) > 0 && string(m.runs[0].key) == string(m.key) {
		r := m.runs[0]
		for i, c := range r.counts {
			m.sum[i] += c
		}
		if err := r.next(); err != nil {
			return nil, nil, false, err
		}
		if r.ok {
			heap.Fix(&m.runs, 0)
		} else {
			heap.Pop(&m.runs)
			if err := r.close(); err != nil {
				return nil, nil, false, err
			}
		}
	}
	return m.key, m.sum, true, nil
}

func (m *runMerger) close() error {
	var first error
	for _, r := range m.runs {
		if err := r.close(); first == nil {
			first = err
		}
	}
	m.runs = nil
	return first
}

// run reads one spilled run; close removes it.
type run struct {
	path   string
	f      *os.File
	r      *bufio.Reader
	key    []byte
	counts []int64
	ok     bool
}

func (r *run) next() error {
	n, err := binary.ReadUvarint(r.r)
	if err == io.EOF {
		r.ok = false
		return nil
	}
	if err == nil {
		r.key = slices.Grow(r.key[:0], int(n))[:n]
		_, err = io.ReadFull(r.r, r.key)
	}
	for i := range r.counts {
		if err != nil {
			break
		}
		var c uint64
		c, err = binary.ReadUvarint(r.r)
		r.counts[i] = int64(c)
	}
	if err != nil {
		return fmt.Errorf("read rollup run %s: %w", r.path, err)
	}
	r.ok = true
	return nil
}

func (r *run) close() error {
	_ = r.f.Close()
	if err := os.Remove(r.path); err != nil {
		return fmt.Errorf("remove rollup run: %w", err)
	}
	return nil
}

type runHeap []*run

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return string(h[i].key) < string(h[j].key) }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*run)) }
func (h *runHeap) Pop() any {
	old := *h
	r := old[len(old)-1]
	*h = old[:len(old)-1]
	return r
}
