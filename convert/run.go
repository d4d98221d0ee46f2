package convert

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/schema"
)

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
	out.AllowShrink = opts.AllowShrink
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
