package convert

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/source"
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

// Run converts the inputs into the dataset at opts.Out and returns its
// manifest.
//
// The inputs fall into groups (one per dump folder, see dataset.GroupState). When
// Out holds a dataset of the same build whose groups have unchanged input,
// their parts are taken over and only the other groups are converted; the
// result is byte for byte what converting everything gives. With opts.Shard
// only this process's share of the groups is converted.
//
// On error or cancellation nothing is left under Out's final name: the
// staging folder is removed and Out keeps its previous content.
func Run(ctx context.Context, opts Options) (*dataset.Manifest, error) {
	start := time.Now()
	counters := opts.Counters
	if counters == nil {
		counters = &Counters{}
	}
	listing, mine, err := listShare(ctx, &opts, counters)
	if err != nil {
		return nil, err
	}
	copts := opts.convertOptions()
	st := &dataset.State{
		SchemaVersion: schema.Version, Build: opts.Build, Options: copts, Listing: listingDigest(&listing),
		Shard: opts.Shard, Skipped: listing.SkippedNames(), Source: manifestSource(&listing),
	}
	st.Options.Workers = 0

	out, err := dataset.Prepare(ctx, opts.Out)
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			out.Abort()
		}
	}()

	own := source.Listing{}
	for _, in := range mine {
		own.Inputs = append(own.Inputs, in.Input)
	}
	reused, reuseSum, _, err := planReuse(ctx, &opts, &own, out.Final, copts, counters)
	if err != nil {
		return nil, err
	}
	var work []indexedInput
	for _, in := range mine {
		if reused[in.GroupKey()] == nil {
			work = append(work, in)
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

	groups, seconds, err := convertInputs(ctx, &opts, out.Dir, work, counters)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = errors.Join(err, ctxErr)
		}
		return nil, err
	}
	if err := checkUnchanged(mine); err != nil {
		return nil, err
	}

	// Take over the reused groups, with their inputs at today's positions.
	position := map[string]int{}
	for _, in := range mine {
		position[in.Name] = in.index
	}
	var adopted []*dataset.GroupState
	for _, g := range reused {
		for k := range g.Inputs {
			g.Inputs[k].Index = position[g.Inputs[k].Path]
		}
		groups[g.Name] = g
		adopted = append(adopted, g)
	}
	if err := dataset.AdoptGroups(out.Final, out.Dir, adopted); err != nil {
		return nil, err
	}
	sources := []dataset.RejectSource{{Path: filepath.Join(out.Dir, convertedRejects)}}
	var reusedRejects int64
	for _, g := range adopted {
		reusedRejects += g.Rejects()
	}
	if reusedRejects > 0 {
		keep := dataset.InputOrder(adopted)
		sources = append(sources, dataset.RejectSource{
			Path: filepath.Join(out.Final, filepath.FromSlash(dataset.RejectsPath)),
			Keep: func(file string) bool { _, ok := keep[file]; return ok },
		})
	}

	if opts.Shard == nil {
		// A shard may hold only empty files and still be merged; a whole
		// run without one record publishes nothing, so that an empty or
		// wrong input never replaces a dataset with an empty one.
		if err := noRecords(groups, filepath.Join(out.Dir, filepath.FromSlash(convertedRejects))); err != nil {
			return nil, err
		}
	}
	m := &dataset.Manifest{
		SchemaVersion: schema.Version, Tool: "soa", ToolVersion: opts.Version, Options: copts,
		Shard: opts.Shard, Skipped: st.Skipped, Reused: reuseSum, Seconds: seconds, Source: st.Source,
	}
	if err := dataset.Publish(ctx, out, m, st, groups, sources, []string{convertedRejects}, start); err != nil {
		return nil, err
	}
	committed = true
	return m, nil
}

// indexedInput is an input file and its position in the full listing.
// endsRun says that the next file in the full listing belongs to another
// group (or that there is none): the group's open parts are closed after
// this file. It is read from the full listing, not from the files this
// process converts, so that shard processes close parts where one run does.
type indexedInput struct {
	index   int
	endsRun bool
	source.Input
}

// convertedRejects is where convertInputs writes the rejects of the files
// it converts, in listing order, inside the staging folder; Publish moves
// them into dataset.RejectsPath, among those of the groups taken over.
const convertedRejects = "_rejects/converted.jsonl.tmp"

// convertInputs converts input files into part files under staging and
// returns the state of every group it converted (outputs included) and the
// time spent reading and writing. Its stages are plain functions; it alone
// owns the goroutines (see the package comment).
func convertInputs(ctx context.Context, opts *Options, staging string, inputs []indexedInput, counters *Counters) (map[string]*dataset.GroupState, dataset.Timings, error) {
	var seconds dataset.Timings
	rejectsFile, err := createFile(filepath.Join(staging, filepath.FromSlash(convertedRejects)))
	if err != nil {
		return nil, seconds, fmt.Errorf("create rejects file: %w", err)
	}
	// Closed and checked once written; on failure the staging folder goes.
	defer rejectsFile.Close() //nolint:errcheck // closed again below when all went well
	rejects := bufio.NewWriterSize(rejectsFile, 1<<16)
	rejectsEnc := json.NewEncoder(rejects)
	rejectsEnc.SetEscapeHTML(false)
	groups := map[string]*dataset.GroupState{}
	logger := opts.logger()

	g, gctx := errgroup.WithContext(ctx)
	var (
		tableIn [schema.NumTables]chan tableBatch
		writers [schema.NumTables]*tableWriter
	)
	for t := range tableIn {
		tableIn[t] = make(chan tableBatch, 4)
		writers[t] = newTableWriter(t, staging, opts)
		g.Go(func() (err error) {
			// Labelled for CPU profiles: go tool pprof -tagfocus table=facets.
			pprof.Do(gctx, pprof.Labels("stage", "write", "table", schema.Tables[t].Name), func(ctx context.Context) {
				err = writers[t].run(ctx, tableIn[t])
			})
			return err
		})
	}

	rollupIn := make(chan rollupBatch, 4)
	rollups := newRollupWriter(staging, opts)
	g.Go(func() error { return rollups.run(gctx, rollupIn) })
	// A group's rollups are written once its last input file is handled.
	lastOfGroup := map[string]int{}
	for _, in := range inputs {
		lastOfGroup[in.GroupKey()] = in.index
	}

	jobs := make(chan *job)
	ordered := make(chan *job, opts.workers())
	g.Go(func() error { // dispatcher
		defer close(jobs)
		defer close(ordered)
		for _, in := range inputs {
			j := &job{input: in, out: make(chan chunk, chunkQueue)}
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
		g.Go(func() (err error) {
			pprof.Do(gctx, pprof.Labels("stage", "decode"), func(ctx context.Context) {
				fd := &fileDecoder{opts: opts, mem: opts.allocator(), counters: counters}
				defer fd.close()
				for j := range jobs {
					err = fd.decode(ctx, j.input.Input, j.out)
					close(j.out)
					if err != nil {
						return
					}
				}
			})
			return err
		})
	}

	// handle forwards one chunk; the sequencer owns rejects and groups.
	handle := func(j *job, c chunk) error {
		if c.recs != [schema.NumTables]arrow.RecordBatch{} {
			rb := rollupBatch{group: c.group, unit: c.unit, docs: c.docs}
			for t, rec := range c.recs {
				if rec != nil {
					rec.Retain()
					rb.recs[t] = rec
				}
			}
			select {
			case rollupIn <- rb:
			case <-gctx.Done():
				rb.release()
				c.release()
				return gctx.Err()
			}
		}
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
			f.Index = j.input.index
			gs := groups[f.Group]
			if gs == nil {
				gs = &dataset.GroupState{Name: f.Group, Stats: &schema.Stats{}}
				groups[f.Group] = gs
			}
			gs.Inputs = append(gs.Inputs, *f)
			gs.Stats.Merge(c.stats)
			seconds.Read += f.Seconds
			counters.FilesDone.Add(1)
			if lastOfGroup[f.Group] == j.input.index {
				select {
				case rollupIn <- rollupBatch{group: f.Group, done: true}:
				case <-gctx.Done():
					return gctx.Err()
				}
			}
			logger.Debug("input converted", "path", f.Path, "records", f.Records, "rejects", f.Rejects)
		}
		return nil
	}
	// endRun tells every table writer that a run of a group's files is over.
	endRun := func(group string) error {
		for t := range tableIn {
			select {
			case tableIn[t] <- tableBatch{group: group}:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	}
	var current *job
	g.Go(func() error { // sequencer
		defer func() {
			for t := range tableIn {
				close(tableIn[t])
			}
			close(rollupIn)
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
			if current.input.endsRun {
				if err := endRun(current.input.GroupKey()); err != nil {
					return err
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
				if tb.rec != nil {
					tb.rec.Release()
				}
			}
		}
		for rb := range rollupIn {
			rb.release()
		}
		return nil, seconds, err
	}
	if err := rejects.Flush(); err != nil {
		return nil, seconds, fmt.Errorf("write rejects: %w", err)
	}
	if err := rejectsFile.Close(); err != nil {
		return nil, seconds, fmt.Errorf("write rejects: %w", err)
	}
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

// noRecords returns ErrNoRecords, saying why, when the groups hold no
// record: every input empty, or every document rejected (the first reject,
// read from the run's rejects file, says what is wrong with the input).
func noRecords(groups map[string]*dataset.GroupState, rejectsPath string) error {
	var files, documents, records int64
	for _, g := range groups {
		for _, in := range g.Inputs {
			files++
			documents += in.Documents
			records += in.Records
		}
	}
	if records > 0 {
		return nil
	}
	const advice = "nothing was written; give a dump folder, files of JSON lines (one record per line) or one JSON array of records"
	if documents == 0 {
		if files == 1 {
			return fmt.Errorf("%w: the input file holds no document (it is empty or blank); %s", ErrNoRecords, advice)
		}
		return fmt.Errorf("%w: the %d input files hold no document (they are empty or blank); %s", ErrNoRecords, files, advice)
	}
	first := ""
	if f, err := os.Open(rejectsPath); err == nil {
		line, _ := bufio.NewReader(f).ReadBytes('\n')
		f.Close() //nolint:errcheck // read only
		var r dataset.Reject
		if json.Unmarshal(line, &r) == nil && r.Error != "" {
			// The advice of a not-JSON-lines reject is the run's own, said once.
			reason, _, _ := strings.Cut(r.Error, notJSONLinesAdvice)
			first = fmt.Sprintf(" (the first: %s line %d: %s)", r.File, r.Line, reason)
		}
	}
	return fmt.Errorf("%w: none of the %s in %s converts%s; %s", ErrNoRecords,
		plural(documents, "document", "documents"), plural(files, "file", "files"), first, advice)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}
