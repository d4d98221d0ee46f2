package dataset

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// Merge puts the shard datasets written by the `--shard i/n` processes of
// one conversion together into out, and returns its manifest. Every shard
// dataset of the conversion must be given once, each written by the same
// build from the same listing. Part names never collide (each group was
// converted by one process), so the parts are linked (or copied, across
// file systems) as they are; rejects and the manifest are assembled as one
// run would write them. The result is byte for byte the dataset of a single
// run, except for the manifest's timings and worker count.
//
// Cancelling ctx stops the merge between groups; out is then left as it was.
func Merge(ctx context.Context, out string, shardDatasets []string) (*Manifest, error) {
	return MergeWith(ctx, out, shardDatasets, MergeOptions{})
}

// MergeOptions change how Merge publishes.
type MergeOptions struct {
	// AllowShrink publishes a merge that the publish gate would refuse
	// (Staging.AllowShrink), as soa convert --allow-shrink does.
	AllowShrink bool
}

// MergeWith is Merge with options.
func MergeWith(ctx context.Context, out string, shardDatasets []string, opts MergeOptions) (*Manifest, error) {
	start := time.Now()
	if len(shardDatasets) == 0 {
		return nil, fmt.Errorf("merge: no shard datasets given")
	}
	outAbs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	states := make([]*State, len(shardDatasets))
	manifests := make([]*Manifest, len(shardDatasets))
	seen := map[int]string{}
	for i, dir := range shardDatasets {
		if abs, err := filepath.Abs(dir); err == nil && abs == outAbs {
			return nil, fmt.Errorf("merge: the output %s is also an input; merge into a new folder", out)
		}
		st, err := ReadState(dir)
		if errors.Is(err, ErrNoState) {
			return nil, fmt.Errorf("%w: %s has no %s (write it with soa convert --shard i/n)", ErrNotShardDataset, dir, StatePath)
		}
		if err != nil {
			return nil, err
		}
		m, err := ReadManifest(dir)
		if err != nil {
			return nil, err
		}
		first := states[0]
		switch {
		case st.Shard == nil:
			return nil, fmt.Errorf("%w: %s was not written with --shard", ErrNotShardDataset, dir)
		case st.Shard.Count != len(shardDatasets):
			given := fmt.Sprintf("%d datasets were given", len(shardDatasets))
			if len(shardDatasets) == 1 {
				given = "1 dataset was given"
			}
			return nil, fmt.Errorf("%w: %s is shard %s, but %s (give all %d shard datasets once)", ErrNotShardDataset, dir, st.Shard, given, st.Shard.Count)
		case seen[st.Shard.Index] != "":
			return nil, fmt.Errorf("%w: %s and %s are both shard %s", ErrNotShardDataset, seen[st.Shard.Index], dir, st.Shard)
		case first != nil && st.Listing != first.Listing:
			return nil, fmt.Errorf("%w: %s was given other input than %s (same inputs, same order, for every shard)", ErrNotShardDataset, dir, shardDatasets[0])
		case first != nil && (st.Build != first.Build || st.Options != first.Options || st.SchemaVersion != first.SchemaVersion):
			return nil, fmt.Errorf("%w: %s was written by another build or with other options than %s", ErrNotShardDataset, dir, shardDatasets[0])
		}
		seen[st.Shard.Index] = dir
		states[i], manifests[i] = st, m
	}

	s, err := Prepare(ctx, out)
	if err != nil {
		return nil, err
	}
	s.AllowShrink = opts.AllowShrink
	committed := false
	defer func() {
		if !committed {
			s.Abort()
		}
	}()
	groups := map[string]*GroupState{}
	var sources []RejectSource
	m := &Manifest{
		SchemaVersion: states[0].SchemaVersion, Tool: "soa", ToolVersion: manifests[0].ToolVersion,
		Options: manifests[0].Options, Skipped: states[0].Skipped, Source: states[0].Source,
	}
	for i, st := range states {
		var mine []*GroupState
		for k := range st.Groups {
			g := &st.Groups[k]
			if groups[g.Name] != nil {
				return nil, fmt.Errorf("%w: group %s is in two shard datasets (%s)", ErrNotShardDataset, g.Name, shardDatasets[i])
			}
			groups[g.Name] = g
			mine = append(mine, g)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := AdoptGroups(shardDatasets[i], s.Dir, mine); err != nil {
			return nil, err
		}
		sources = append(sources, RejectSource{Path: filepath.Join(shardDatasets[i], filepath.FromSlash(RejectsPath))})
		m.Seconds.Read += manifests[i].Seconds.Read
		m.Seconds.Write += manifests[i].Seconds.Write
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := *states[0]
	st.Shard = nil
	if err := Publish(ctx, s, m, &st, groups, sources, nil, start); err != nil {
		return nil, err
	}
	committed = true
	return m, nil
}
