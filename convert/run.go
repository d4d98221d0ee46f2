package convert

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/soa-project/soa/internal/atomicfile"
	"github.com/soa-project/soa/internal/source"
	"github.com/soa-project/soa/schema"
	"golang.org/x/sync/errgroup"
)

// chunkQueue is how many chunks a worker may run ahead of the sequencer on
// one file. With Workers files in flight, at most Workers*(chunkQueue+1)
// batches wait in memory, whatever the size of the corpus.
const chunkQueue = 2

// job is one shard on its way through the pipeline; out carries its chunks
// from the worker to the sequencer, and the worker closes it.
type job struct {
	shard indexedShard
	out   chan chunk
}

// Run converts the inputs into the dataset at opts.Out and returns its
// manifest.
//
// The inputs fall into groups (one per dump folder, see GroupState). When
// Out holds a dataset of the same build whose groups have unchanged input,
// their parts are taken over and only the other groups are converted; the
// result is byte for byte what converting everything gives. With opts.Shard
// only this process's share of the groups is converted.
//
// On error or cancellation nothing is left under Out's final name: the
// staging folder is removed and Out keeps its previous content.
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
	mopts := ManifestOpts{
		Workers: opts.workers(), Strict: opts.Strict, BatchRows: opts.batchRows(),
		RowGroupRows: opts.rowGroupRows(), MaxPartBytes: opts.maxPartBytes(), MaxLineBytes: opts.maxLineBytes(),
	}
	st := &State{
		SchemaVersion: schema.Version, Build: opts.Build, Options: mopts, Listing: listingDigest(listing),
		Shard: opts.Shard, Skipped: listing.Skipped,
	}
	st.Options.Workers = 0

	// Every shard keeps its position in the full listing: rejects and the
	// manifest's inputs are in that order, whoever converted them.
	var mine []indexedShard
	var share map[string]bool
	if opts.Shard != nil {
		share = assignGroups(listing, *opts.Shard)
	}
	for i, sh := range listing.Shards {
		if share == nil || share[sh.GroupKey()] {
			mine = append(mine, indexedShard{index: i, Shard: sh})
		}
	}

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

	own := source.Listing{}
	for _, s := range mine {
		own.Shards = append(own.Shards, s.Shard)
	}
	reused, reuseSum, err := planReuse(ctx, &opts, &own, out.final, mopts, counters)
	if err != nil {
		return nil, err
	}
	var work []indexedShard
	for _, s := range mine {
		if reused[s.GroupKey()] == nil {
			work = append(work, s)
		}
	}

	var total int64
	for _, s := range work {
		if s.Size < 0 {
			total = -1
			break
		}
		total += s.Size
	}
	counters.BytesDone.Store(0)
	counters.FilesDone.Store(0)
	counters.BytesTotal.Store(total)
	counters.FilesTotal.Store(int64(len(work)))

	groups, seconds, err := convertShards(ctx, &opts, out.staging, work, counters)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = errors.Join(err, ctxErr)
		}
		return nil, err
	}

	// Take over the reused groups, with their inputs at today's positions.
	position := map[string]int{}
	for _, s := range mine {
		position[s.Name] = s.index
	}
	var adopted []*GroupState
	for _, g := range reused {
		for k := range g.Inputs {
			g.Inputs[k].Index = position[g.Inputs[k].Path]
		}
		groups[g.Name] = g
		adopted = append(adopted, g)
	}
	if err := adoptGroups(out.final, out.staging, adopted); err != nil {
		return nil, err
	}
	sources := []rejectSource{{path: filepath.Join(out.staging, convertedRejects)}}
	var reusedRejects int64
	for _, g := range adopted {
		reusedRejects += g.rejects()
	}
	if reusedRejects > 0 {
		keep := inputOrder(adopted)
		sources = append(sources, rejectSource{
			path: filepath.Join(out.final, filepath.FromSlash(RejectsPath)),
			keep: func(file string) bool { _, ok := keep[file]; return ok },
		})
	}

	m := &Manifest{
		SchemaVersion: schema.Version, Tool: "soa", ToolVersion: opts.Version, Options: mopts,
		Shard: opts.Shard, Skipped: listing.Skipped, Reused: reuseSum, Seconds: seconds,
	}
	if err := publish(out, m, st, groups, sources, start); err != nil {
		return nil, err
	}
	committed = true
	return m, nil
}

// indexedShard is a shard and its position in the full listing.
type indexedShard struct {
	index int
	source.Shard
}

// convertedRejects is where convertShards writes the rejects of the shards
// it converts, in listing order, inside the staging folder; publish moves
// them into RejectsPath, among those of the groups taken over.
const convertedRejects = "_rejects/converted.jsonl.tmp"

// convertShards converts shards into part files under staging and returns
// the state of every group it converted (outputs included) and the time
// spent reading and writing. Its stages are plain functions; it alone owns
// the goroutines:
//
//	dispatcher -> workers (one shard each) -> sequencer (input order) -> one writer per table
//
// Workers convert different shards at once; the sequencer takes their chunks
// in input order, so every part file receives its rows in input order and the
// output bytes do not depend on Workers.
func convertShards(ctx context.Context, opts *Options, staging string, shards []indexedShard, counters *Counters) (map[string]*GroupState, Timings, error) {
	var seconds Timings
	rejectsFile, err := createFile(filepath.Join(staging, filepath.FromSlash(convertedRejects)))
	if err != nil {
		return nil, seconds, fmt.Errorf("create rejects file: %w", err)
	}
	defer rejectsFile.Close()
	rejects := bufio.NewWriterSize(rejectsFile, 1<<16)
	rejectsEnc := json.NewEncoder(rejects)
	rejectsEnc.SetEscapeHTML(false)
	groups := map[string]*GroupState{}
	logger := opts.logger()

	g, gctx := errgroup.WithContext(ctx)
	var (
		tableIn [schema.NumTables]chan tableBatch
		writers [schema.NumTables]*tableWriter
	)
	for t := range tableIn {
		tableIn[t] = make(chan tableBatch, 4)
		writers[t] = newTableWriter(t, staging, opts)
		g.Go(func() error { return writers[t].run(gctx, tableIn[t]) })
	}

	jobs := make(chan *job)
	ordered := make(chan *job, opts.workers())
	g.Go(func() error { // dispatcher
		defer close(jobs)
		defer close(ordered)
		for _, sh := range shards {
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
			sc := &shardConverter{opts: opts, mem: opts.allocator(), counters: counters}
			defer sc.decoder.Close()
			for j := range jobs {
				err := sc.convert(gctx, j.shard.Shard, j.out)
				close(j.out)
				if err != nil {
					return err
				}
			}
			return nil
		})
	}

	// handle forwards one chunk; the sequencer owns rejects and groups.
	handle := func(j *job, c chunk) error {
		for t, rec := range c.recs {
			if rec == nil {
				continue
			}
			c.recs[t] = nil
			select {
			case tableIn[t] <- tableBatch{unit: c.unit, group: c.group, rec: rec}:
			case <-gctx.Done():
				rec.Release()
				c.release()
				return gctx.Err()
			}
		}
		for _, r := range c.rejects {
			if err := rejectsEnc.Encode(r); err != nil {
				return fmt.Errorf("write rejects: %w", err)
			}
			if opts.Strict {
				return fmt.Errorf("%w: %s:%d: %s", ErrRejected, r.File, r.Line, r.Error)
			}
		}
		if f := c.file; f != nil {
			f.Index = j.shard.index
			gs := groups[f.Group]
			if gs == nil {
				gs = &GroupState{Name: f.Group, Stats: &schema.Stats{}}
				groups[f.Group] = gs
			}
			gs.Inputs = append(gs.Inputs, *f)
			gs.Stats.Merge(c.stats)
			seconds.Read += f.Seconds
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
					if err := handle(current, c); err != nil {
						return err
					}
				case <-gctx.Done():
					return gctx.Err()
				}
			}
			current = nil
		}
	})

	if err := g.Wait(); err != nil {
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
		return nil, seconds, err
	}
	if err := rejects.Flush(); err != nil {
		return nil, seconds, fmt.Errorf("write rejects: %w", err)
	}
	for _, w := range writers {
		for _, o := range w.done {
			groups[o.Group].Outputs = append(groups[o.Group].Outputs, o)
		}
		seconds.Write += w.busy.Seconds()
	}
	return groups, seconds, nil
}

// publish completes the dataset in the staging folder from its groups (the
// manifest, the state, the rejects in listing order) and swaps it in.
func publish(out *outputDir, m *Manifest, st *State, groups map[string]*GroupState, rejects []rejectSource, start time.Time) error {
	sorted := sortedGroups(groups)
	if err := assembleRejects(out.staging, inputOrder(sorted), rejects); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(out.staging, filepath.FromSlash(convertedRejects))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove temporary rejects: %w", err)
	}
	// A new slice: groups may point into the old one (Merge).
	st.Groups = make([]GroupState, 0, len(sorted))
	for _, g := range sorted {
		st.Groups = append(st.Groups, *g)
	}
	if err := st.write(out.staging); err != nil {
		return err
	}
	empty, err := writeEmptyTables(out.staging, sorted, m.ToolVersion)
	if err != nil {
		return err
	}
	m.assemble(sorted, empty)
	m.Seconds.Total = time.Since(start).Seconds()
	data, err := m.marshal()
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(out.staging, ManifestName), data); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return out.commit()
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

func createFile(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}
