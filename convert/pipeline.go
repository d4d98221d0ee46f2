package convert

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/schema"
	"golang.org/x/sync/errgroup"
)

// chunkQueue is how many chunks a worker may run ahead of the sequencer on
// one file. With Workers files in flight, at most Workers*(chunkQueue+1)
// batches wait in memory, whatever the size of the corpus.
const chunkQueue = 2

// job is one input file on its way through the pipeline; out carries its
// chunks from the worker to the sequencer, and the worker closes it.
type job struct {
	input indexedInput
	out   chan chunk
}

// convertedRejects is where convertInputs writes the rejects of the files
// it converts, in listing order, inside the staging folder; Publish moves
// them into dataset.RejectsPath, among those of the groups taken over.
const convertedRejects = "_rejects/converted.jsonl.tmp"

// convertInputs converts input files into part files under staging and
// returns the state of every group it converted (outputs included) and the
// time spent reading and writing. It alone owns the goroutines (see the
// package comment): a dispatcher hands the files to the workers in listing
// order and, in the same order, to the sequencer; the workers decode files
// into chunks; the sequencer takes each file's chunks in listing order and
// forwards their batches to one writer per table and to the rollup writer.
// Each stage is a type of its own whose run method is a goroutine.
func convertInputs(ctx context.Context, opts *Options, staging string, inputs []indexedInput, counters *Counters) (map[string]*dataset.GroupState, dataset.Timings, error) {
	var seconds dataset.Timings
	rejects, err := createRejects(filepath.Join(staging, filepath.FromSlash(convertedRejects)))
	if err != nil {
		return nil, seconds, err
	}
	// Closed and checked once written; on failure the staging folder goes.
	defer rejects.abort()

	jobs := make(chan *job)
	ordered := make(chan *job, opts.workers())
	seq := newSequencer(opts, counters, inputs, ordered, rejects)
	writers := [schema.NumTables]*tableWriter{}
	rollups := newRollupWriter(staging, opts)

	g, gctx := errgroup.WithContext(ctx)
	for t := range schema.NumTables {
		writers[t] = newTableWriter(t, staging, opts)
		g.Go(func() (err error) {
			// Labelled for CPU profiles: go tool pprof -tagfocus table=facets.
			pprof.Do(gctx, pprof.Labels("stage", "write", "table", schema.Tables[t].Name), func(ctx context.Context) {
				err = writers[t].run(ctx, seq.tableIn[t])
			})
			return err
		})
	}
	g.Go(func() error { return rollups.run(gctx, seq.rollupIn) })
	g.Go(func() error { return dispatch(gctx, inputs, jobs, ordered) })
	for range opts.workers() {
		w := &worker{opts: opts, counters: counters}
		g.Go(func() (err error) {
			pprof.Do(gctx, pprof.Labels("stage", "decode"), func(ctx context.Context) {
				err = w.run(ctx, jobs)
			})
			return err
		})
	}
	g.Go(func() error { return seq.run(gctx) })

	if err := g.Wait(); err != nil {
		seq.drain() // every goroutine has returned
		return nil, seconds, err
	}
	if err := rejects.close(); err != nil {
		return nil, seconds, err
	}
	groups := seq.groups
	seconds.Read = seq.readSeconds
	for _, w := range writers {
		for _, o := range w.done {
			groups[o.Group].Outputs = append(groups[o.Group].Outputs, o)
		}
		seconds.Write += w.busy.Seconds()
	}
	for _, o := range rollups.done {
		groups[o.Group].Outputs = append(groups[o.Group].Outputs, o)
	}
	seconds.Write += rollups.busy.Seconds()
	return groups, seconds, nil
}

// dispatch hands each input file, in listing order, to the sequencer
// (ordered) and then to a worker (jobs), and closes both when done. The
// sequencer gets a file first so that it waits for the files in listing
// order, whichever worker decodes them.
func dispatch(ctx context.Context, inputs []indexedInput, jobs, ordered chan<- *job) error {
	defer close(jobs)
	defer close(ordered)
	for _, in := range inputs {
		j := &job{input: in, out: make(chan chunk, chunkQueue)}
		select {
		case ordered <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			close(j.out) // no worker will: the sequencer may be waiting on it
			return ctx.Err()
		}
	}
	return nil
}

// worker decodes input files into chunks, one file at a time, with a
// fileDecoder of its own.
type worker struct {
	opts     *Options
	counters *Counters
}

// run decodes the jobs until jobs is closed or a file fails, closing each
// job's out once its file is done.
func (w *worker) run(ctx context.Context, jobs <-chan *job) error {
	fd := &fileDecoder{opts: w.opts, mem: w.opts.allocator(), counters: w.counters}
	defer fd.close()
	for j := range jobs {
		err := fd.decode(ctx, j.input.Input, j.out)
		close(j.out)
		if err != nil {
			return err
		}
	}
	return nil
}

// sequencer takes the files' chunks in listing order and forwards their
// batches to the table writers and the rollup writer, writes the rejects
// and keeps the state of every group. It owns the writers' input channels
// and closes them when it returns. Its fields other than the channels are
// read only after it has returned.
type sequencer struct {
	opts     *Options
	counters *Counters
	ordered  <-chan *job
	tableIn  [schema.NumTables]chan tableBatch
	rollupIn chan rollupBatch
	rejects  *rejectsWriter
	// lastOfGroup is the listing index of each group's last input file: a
	// group's rollups are written once it is handled.
	lastOfGroup map[string]int

	current     *job // the job whose chunks are being taken
	groups      map[string]*dataset.GroupState
	readSeconds float64
}

func newSequencer(opts *Options, counters *Counters, inputs []indexedInput, ordered <-chan *job, rejects *rejectsWriter) *sequencer {
	s := &sequencer{
		opts: opts, counters: counters, ordered: ordered, rejects: rejects,
		rollupIn:    make(chan rollupBatch, 4),
		lastOfGroup: map[string]int{},
		groups:      map[string]*dataset.GroupState{},
	}
	for t := range s.tableIn {
		s.tableIn[t] = make(chan tableBatch, 4)
	}
	for _, in := range inputs {
		s.lastOfGroup[in.GroupKey()] = in.index
	}
	return s
}

// run takes the jobs in order until ordered is closed, each job's chunks
// until its out is closed, and closes the writers' channels on return.
func (s *sequencer) run(ctx context.Context) error {
	defer func() {
		for t := range s.tableIn {
			close(s.tableIn[t])
		}
		close(s.rollupIn)
	}()
	for {
		select {
		case j, ok := <-s.ordered:
			if !ok {
				return nil
			}
			s.current = j
		case <-ctx.Done():
			return ctx.Err()
		}
		for done := false; !done; {
			select {
			case c, ok := <-s.current.out:
				if !ok {
					done = true
					break
				}
				if err := s.handle(ctx, c); err != nil {
					return err
				}
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if s.current.input.endsRun {
			if err := s.endRun(ctx, s.current.input.GroupKey()); err != nil {
				return err
			}
		}
		s.current = nil
	}
}

// handle forwards one chunk of the current job: its batches to the rollup
// writer (retained for it) and to the table writers, its rejects to the
// rejects file, and, on a file's last chunk, the file's result to its
// group.
func (s *sequencer) handle(ctx context.Context, c chunk) error {
	if c.recs != [schema.NumTables]arrow.RecordBatch{} {
		rb := rollupBatch{group: c.group, unit: c.unit, docs: c.docs}
		for t, rec := range c.recs {
			if rec != nil {
				rec.Retain()
				rb.recs[t] = rec
			}
		}
		select {
		case s.rollupIn <- rb:
		case <-ctx.Done():
			rb.release()
			c.release()
			return ctx.Err()
		}
	}
	for t, rec := range c.recs {
		if rec == nil {
			continue
		}
		c.recs[t] = nil
		select {
		case s.tableIn[t] <- tableBatch{unit: c.unit, group: c.group, rec: rec}:
		case <-ctx.Done():
			rec.Release()
			c.release()
			return ctx.Err()
		}
	}
	for _, r := range c.rejects {
		if err := s.rejects.write(r); err != nil {
			return err
		}
		if s.opts.Strict {
			return fmt.Errorf("%w: %s:%d: %s", ErrRejected, r.File, r.Line, r.Error)
		}
	}
	if f := c.file; f != nil {
		f.Index = s.current.input.index
		gs := s.groups[f.Group]
		if gs == nil {
			gs = &dataset.GroupState{Name: f.Group, Stats: &schema.Stats{}}
			s.groups[f.Group] = gs
		}
		gs.Inputs = append(gs.Inputs, *f)
		gs.Stats.Merge(c.stats)
		s.readSeconds += f.Seconds
		s.counters.FilesDone.Add(1)
		if s.lastOfGroup[f.Group] == s.current.input.index {
			select {
			case s.rollupIn <- rollupBatch{group: f.Group, done: true}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		s.opts.logger().Debug("input converted", "path", f.Path, "records", f.Records, "rejects", f.Rejects)
	}
	return nil
}

// endRun tells every table writer that a run of a group's files is over.
func (s *sequencer) endRun(ctx context.Context, group string) error {
	for t := range s.tableIn {
		select {
		case s.tableIn[t] <- tableBatch{group: group}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// drain releases every batch still queued after a failure. It runs after
// every goroutine has returned, so it never blocks: the channels the
// sequencer owns are closed, and an open, empty job channel is finished.
func (s *sequencer) drain() {
	if s.current != nil {
		drainJob(s.current)
	}
	for j := range s.ordered {
		drainJob(j)
	}
	for t := range s.tableIn {
		for tb := range s.tableIn[t] {
			if tb.rec != nil {
				tb.rec.Release()
			}
		}
	}
	for rb := range s.rollupIn {
		rb.release()
	}
}

// drainJob releases the chunks a job still holds. It never blocks: it runs
// after every goroutine has returned, so an open, empty channel is finished.
func drainJob(j *job) {
	for {
		select {
		case c, ok := <-j.out:
			if !ok {
				return
			}
			c.release()
		default:
			return
		}
	}
}

// rejectsWriter writes the rejects of the converted files as JSON lines.
type rejectsWriter struct {
	file *os.File
	buf  *bufio.Writer
	enc  *json.Encoder
}

func createRejects(path string) (*rejectsWriter, error) {
	f, err := createFile(path)
	if err != nil {
		return nil, fmt.Errorf("create rejects file: %w", err)
	}
	w := &rejectsWriter{file: f, buf: bufio.NewWriterSize(f, 1<<16)}
	w.enc = json.NewEncoder(w.buf)
	w.enc.SetEscapeHTML(false)
	return w, nil
}

func (w *rejectsWriter) write(r dataset.Reject) error {
	if err := w.enc.Encode(r); err != nil {
		return fmt.Errorf("write rejects: %w", err)
	}
	return nil
}

// close flushes and closes the file.
func (w *rejectsWriter) close() error {
	err := w.buf.Flush()
	if cerr := w.file.Close(); err == nil {
		err = cerr
	}
	w.file = nil
	if err != nil {
		return fmt.Errorf("write rejects: %w", err)
	}
	return nil
}

// abort closes the file if close has not; the staging folder, removed on
// failure, takes it away.
func (w *rejectsWriter) abort() {
	if w.file != nil {
		_ = w.file.Close()
	}
}

func createFile(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}
