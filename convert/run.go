package convert

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/soa-project/soa/internal/atomicfile"
	"github.com/soa-project/soa/internal/source"
	"github.com/soa-project/soa/schema"
	"golang.org/x/sync/errgroup"
)

// Reject is one input document that could not be converted, as written to
// _rejects/rejects.jsonl. Line 0 means the file as a whole (a bad header).
type Reject struct {
	File  string `json:"file"`
	Line  int    `json:"line"`
	Error string `json:"error"`
	Raw   string `json:"raw"`
}

// RejectsPath is where rejects are written, relative to the dataset folder.
const RejectsPath = "_rejects/rejects.jsonl"

// chunkQueue is how many chunks a worker may run ahead of the sequencer on
// one file. With Workers files in flight, at most Workers*(chunkQueue+1)
// batches wait in memory, whatever the size of the corpus.
const chunkQueue = 2

// job is one shard on its way through the pipeline; out carries its chunks
// from the worker to the sequencer, and the worker closes it.
type job struct {
	shard source.Shard
	out   chan chunk
}

// Run converts the inputs into the dataset at opts.Out and returns its
// manifest. The stages are plain functions; Run alone owns the goroutines:
//
//	dispatcher -> workers (one shard each) -> sequencer (input order) -> one writer per table
//
// Workers convert different shards at once; the sequencer takes their chunks
// in input order, so every part file receives its rows in input order and the
// output bytes do not depend on Workers. On error or cancellation nothing is
// left under Out's final name: the staging folder is removed.
func Run(ctx context.Context, opts Options) (*Manifest, error) {
	start := time.Now()
	listing := opts.Listing
	if listing == nil {
		l, err := source.List(opts.Inputs, opts.Stdin)
		if err != nil {
			return nil, err
		}
		listing = &l
	}
	if len(listing.Shards) == 0 {
		return nil, fmt.Errorf("%w in %s (expected 00.txt … ff.txt, optionally .bz2/.gz/.zst)", ErrNoShards, strings.Join(opts.Inputs, ", "))
	}
	counters := opts.Counters
	if counters == nil {
		counters = &Counters{}
	}
	var total int64
	for _, sh := range listing.Shards {
		if sh.Size < 0 {
			total = -1
			break
		}
		total += sh.Size
	}
	counters.BytesTotal.Store(total)
	counters.FilesTotal.Store(int64(len(listing.Shards)))

	out, err := prepareOutput(opts.Out)
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			out.abort()
		}
	}()

	rejectsFile, err := createRejects(out.staging)
	if err != nil {
		return nil, err
	}
	defer rejectsFile.Close()
	rejects := bufio.NewWriterSize(rejectsFile, 1<<16)
	rejectsEnc := json.NewEncoder(rejects)
	rejectsEnc.SetEscapeHTML(false)

	m := &Manifest{
		SchemaVersion: schema.Version,
		Tool:          "soa",
		ToolVersion:   opts.Version,
		Skipped:       listing.Skipped,
		Options: ManifestOpts{
			Workers: opts.workers(), Strict: opts.Strict, BatchRows: opts.batchRows(),
			RowGroupRows: opts.rowGroupRows(), MaxPartBytes: opts.maxPartBytes(), MaxLineBytes: opts.maxLineBytes(),
		},
	}
	var stats schema.Stats
	logger := opts.logger()

	g, gctx := errgroup.WithContext(ctx)
	var (
		tableIn [schema.NumTables]chan tableBatch
		writers [schema.NumTables]*tableWriter
	)
	for t := range tableIn {
		tableIn[t] = make(chan tableBatch, 4)
		writers[t] = newTableWriter(t, out.staging, &opts)
		g.Go(func() error { return writers[t].run(gctx, tableIn[t]) })
	}

	jobs := make(chan *job)
	ordered := make(chan *job, opts.workers())
	g.Go(func() error { // dispatcher
		defer close(jobs)
		defer close(ordered)
		for _, sh := range listing.Shards {
			j := &job{shard: sh, out: make(chan chunk, chunkQueue)}
			select {
			case ordered <- j:
			case <-gctx.Done():
				return gctx.Err()
			}
			select {
			case jobs <- j:
			case <-gctx.Done():
				close(j.out)
				return gctx.Err()
			}
		}
		return nil
	})
	for range opts.workers() {
		g.Go(func() error {
			sc := &shardConverter{opts: &opts, mem: opts.allocator(), counters: counters}
			defer sc.decoder.Close()
			for j := range jobs {
				err := sc.convert(gctx, j.shard, j.out)
				close(j.out)
				if err != nil {
					return err
				}
			}
			return nil
		})
	}

	// handle forwards one chunk; the sequencer owns rejects, stats and inputs.
	handle := func(c chunk) error {
		for t, rec := range c.recs {
			if rec == nil {
				continue
			}
			c.recs[t] = nil
			select {
			case tableIn[t] <- tableBatch{unit: c.unit, rec: rec}:
			case <-gctx.Done():
				rec.Release()
				c.release()
				return gctx.Err()
			}
		}
		for _, r := range c.rejects {
			m.Rejects++
			if err := rejectsEnc.Encode(r); err != nil {
				return fmt.Errorf("write rejects: %w", err)
			}
			if opts.Strict {
				return fmt.Errorf("%w: %s:%d: %s", ErrRejected, r.File, r.Line, r.Error)
			}
		}
		if f := c.file; f != nil {
			m.Inputs = append(m.Inputs, *f)
			m.Records += f.Records
			m.UTF8Repaired += f.UTF8Repaired
			m.Seconds.Read += f.Seconds
			stats.Merge(c.stats)
			counters.FilesDone.Add(1)
			logger.Debug("shard converted", "path", f.Path, "records", f.Records, "rejects", f.Rejects)
		}
		return nil
	}
	var current *job
	g.Go(func() error { // sequencer
		defer func() {
			for t := range tableIn {
				close(tableIn[t])
			}
		}()
		for {
			select {
			case j, ok := <-ordered:
				if !ok {
					return nil
				}
				current = j
			case <-gctx.Done():
				return gctx.Err()
			}
			for done := false; !done; {
				select {
				case c, ok := <-current.out:
					if !ok {
						done = true
						break
					}
					if err := handle(c); err != nil {
						return err
					}
				case <-gctx.Done():
					return gctx.Err()
				}
			}
			current = nil
		}
	})

	err = g.Wait()
	if err != nil {
		// Every goroutine has returned: release what is still queued.
		if current != nil {
			drainJob(current)
		}
		for j := range ordered {
			drainJob(j)
		}
		for t := range tableIn {
			for tb := range tableIn[t] {
				tb.rec.Release()
			}
		}
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = errors.Join(err, ctxErr)
		}
		return nil, err
	}

	if err := rejects.Flush(); err != nil {
		return nil, fmt.Errorf("write rejects: %w", err)
	}
	if err := rejectsFile.Sync(); err != nil {
		return nil, fmt.Errorf("write rejects: %w", err)
	}
	for _, w := range writers {
		m.Outputs = append(m.Outputs, w.done...)
		m.Seconds.Write += w.busy.Seconds()
	}
	m.summarise(&stats)
	m.Seconds.Total = time.Since(start).Seconds()
	data, err := m.marshal()
	if err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(out.staging, ManifestName), data); err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	if err := out.commit(); err != nil {
		return nil, err
	}
	committed = true
	return m, nil
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

func createRejects(staging string) (*os.File, error) {
	path := filepath.Join(staging, filepath.FromSlash(RejectsPath))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create rejects folder: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create rejects file: %w", err)
	}
	return f, nil
}
