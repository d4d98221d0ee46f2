package convert

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ErrNotShard means a folder given to Merge is not the dataset of a
// `soa convert --shard` process, or does not fit with the others.
var ErrNotShard = errors.New("not a shard of the same conversion")

// Merge puts the datasets written by the `--shard i/n` processes of one
// conversion together into out, and returns its manifest. Every shard of
// the conversion must be given once, each written by the same build from the
// same listing. Part names never collide (each group was converted by one
// process), so the parts are linked (or copied, across file systems) as
// they are; rejects and the manifest are assembled as one run would write
// them. The result is byte for byte the dataset of a single run, except
// for the manifest's timings and worker count.
func Merge(out string, shards []string) (*Manifest, error) {
	start := time.Now()
	if len(shards) == 0 {
		return nil, fmt.Errorf("merge: no shard datasets given")
	}
	outAbs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	states := make([]*State, len(shards))
	manifests := make([]*Manifest, len(shards))
	seen := map[int]string{}
	for i, dir := range shards {
		if abs, err := filepath.Abs(dir); err == nil && abs == outAbs {
			return nil, fmt.Errorf("merge: the output %s is also an input; merge into a new folder", out)
		}
		st, err := readState(dir)
		if errors.Is(err, errNoState) {
			return nil, fmt.Errorf("%w: %s has no %s (write it with soa convert --shard i/n)", ErrNotShard, dir, StatePath)
		}
		if err != nil {
			return nil, err
		}
		m, err := readManifest(dir)
		if err != nil {
			return nil, err
		}
		first := states[0]
		switch {
		case st.Shard == nil:
			return nil, fmt.Errorf("%w: %s was not written with --shard", ErrNotShard, dir)
		case st.Shard.Count != len(shards):
			return nil, fmt.Errorf("%w: %s is shard %s, but %d datasets were given (give all %d shards once)", ErrNotShard, dir, st.Shard, len(shards), st.Shard.Count)
		case seen[st.Shard.Index] != "":
			return nil, fmt.Errorf("%w: %s and %s are both shard %s", ErrNotShard, seen[st.Shard.Index], dir, st.Shard)
		case first != nil && st.Listing != first.Listing:
			return nil, fmt.Errorf("%w: %s was given other input than %s (same inputs, same order, for every shard)", ErrNotShard, dir, shards[0])
		case first != nil && (st.Build != first.Build || st.Options != first.Options || st.SchemaVersion != first.SchemaVersion):
			return nil, fmt.Errorf("%w: %s was written by another build or with other options than %s", ErrNotShard, dir, shards[0])
		}
		seen[st.Shard.Index] = dir
		states[i], manifests[i] = st, m
	}

	o, err := prepareOutput(out)
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			o.abort()
		}
	}()
	groups := map[string]*GroupState{}
	var sources []rejectSource
	m := &Manifest{
		SchemaVersion: states[0].SchemaVersion, Tool: "soa", ToolVersion: manifests[0].ToolVersion,
		Options: manifests[0].Options, Skipped: states[0].Skipped,
	}
	for i, st := range states {
		var mine []*GroupState
		for k := range st.Groups {
			g := &st.Groups[k]
			if groups[g.Name] != nil {
				return nil, fmt.Errorf("%w: group %s is in two shards (%s)", ErrNotShard, g.Name, shards[i])
			}
			groups[g.Name] = g
			mine = append(mine, g)
		}
		if err := adoptGroups(shards[i], o.staging, mine); err != nil {
			return nil, err
		}
		sources = append(sources, rejectSource{path: filepath.Join(shards[i], filepath.FromSlash(RejectsPath))})
		m.Seconds.Read += manifests[i].Seconds.Read
		m.Seconds.Write += manifests[i].Seconds.Write
	}
	st := *states[0]
	st.Shard = nil
	if err := publish(o, m, &st, groups, sources, start); err != nil {
		return nil, err
	}
	committed = true
	return m, nil
}

func readManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}
