package convert

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
)

// listShare lists the inputs and returns those of this process's share
// (all of them without opts.Shard), each with its position in the listing.
func listShare(ctx context.Context, opts *Options, counters *Counters) (source.Listing, []indexedInput, error) {
	listing, err := listInputs(ctx, opts, counters)
	if err != nil {
		return listing, nil, err
	}
	if len(listing.Inputs) == 0 {
		return listing, nil, fmt.Errorf("%w in %s (expected the dump files 00.txt … ff.txt, or else files of JSON lines named *.jsonl, *.ndjson or *.json; optionally .bz2/.gz/.zst)", ErrNoInputFiles, strings.Join(opts.Inputs, ", "))
	}
	// Every input file keeps its position in the full listing: rejects and
	// the manifest's inputs are in that order, whoever converted them.
	var mine []indexedInput
	var share map[string]bool
	if opts.Shard != nil {
		share = assignGroups(&listing, *opts.Shard)
	}
	for i, in := range listing.Inputs {
		if share == nil || share[in.GroupKey()] {
			endsRun := i == len(listing.Inputs)-1 || listing.Inputs[i+1].GroupKey() != in.GroupKey()
			mine = append(mine, indexedInput{index: i, endsRun: endsRun, Input: in})
		}
	}
	return listing, mine, nil
}

func (o *Options) convertOptions() dataset.ConvertOptions {
	return dataset.ConvertOptions{
		Workers: o.workers(), Strict: o.Strict, BatchRows: o.batchRows(),
		RowGroupRows: o.rowGroupRows(), RowGroupBytes: o.rowGroupBytes(), MaxPartBytes: o.maxPartBytes(),
		MaxLineBytes: o.maxLineBytes(),
	}
}

// Plan is what a run with the same options would do, as DryRun finds it.
type Plan struct {
	// Files are the input files in listing order, each with what the run
	// would do with it.
	Files []PlannedFile
	// Skipped are the files found in folders that hold no records.
	Skipped []PlannedFile
	// Gone are the files the previous dataset was converted from that are
	// no longer in the input: their rows are dropped.
	Gone []PlannedFile
	// Reason is why nothing of the dataset at Out would be reused, when
	// there is one that cannot be.
	Reason string
	// Source is where remote inputs are read from; nil without any.
	Source *dataset.Source
	// Changes is what can be told of the changes the run would record.
	Changes ChangeEstimate
}

// PlannedFile is one input file of a Plan.
type PlannedFile struct {
	Name   string
	Group  string
	Bytes  int64 // stored size; -1 when unknown (stdin)
	Action Action
	// Why says why a file is read when a previous dataset exists: a new
	// group, a new or changed file, or a change elsewhere in its group
	// (whose parts are built from all its files).
	Why string
}

// Action is what a run does with an input file.
type Action string

// The actions of a Plan.
const (
	Read       Action = "read"        // converted (downloaded, for an object)
	Reuse      Action = "reuse"       // its group's parts are taken over from Out
	Skip       Action = "skip"        // not a dump file: counted, never read
	Drop       Action = "drop"        // gone from the input: its rows leave the dataset
	OtherShard Action = "other-shard" // with --shard, another process's share
)

// DryRun lists the inputs and says what Run would read, reuse and skip,
// without writing anything. Deciding reuse costs what it costs a run:
// objects are compared by ETag and size, listed without a GET; local files
// of groups that may be reused are read and hashed.
func DryRun(ctx context.Context, opts Options) (*Plan, error) {
	counters := opts.Counters
	if counters == nil {
		counters = &Counters{}
	}
	listing, mine, err := listShare(ctx, &opts, counters)
	if err != nil {
		return nil, err
	}
	prev, err := filepath.Abs(opts.Out)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", opts.Out, err)
	}
	own := source.Listing{}
	for _, in := range mine {
		own.Inputs = append(own.Inputs, in.Input)
	}
	reused, sum, why, err := planReuse(ctx, &opts, &own, prev, opts.convertOptions(), counters)
	if err != nil {
		return nil, err
	}
	p := &Plan{Reason: sum.Reason, Source: manifestSource(&listing)}
	isMine := map[int]bool{}
	for _, in := range mine {
		isMine[in.index] = true
	}
	// What the previous dataset read, to say of each file to read whether
	// it is new or changed, and which files are gone.
	before := map[string]dataset.InputFile{}
	if why != nil {
		if st, err := dataset.ReadState(prev); err == nil {
			for _, g := range st.Groups {
				if opts.Shard == nil || ownsGroup(mine, g.Name) {
					for _, in := range g.Inputs {
						before[in.Path] = in
					}
				}
			}
		}
	}
	for i, in := range listing.Inputs {
		f := PlannedFile{Name: in.Name, Group: in.GroupKey(), Bytes: in.Size, Action: Read}
		old, known := before[in.Name]
		delete(before, in.Name)
		switch {
		case !isMine[i]:
			f.Action = OtherShard
		case reused[f.Group] != nil:
			f.Action = Reuse
		case why == nil || why[f.Group] == "new group":
			f.Why = why[f.Group]
		case !known:
			f.Why = "new file"
		case old.Bytes != in.Size || old.ETag != in.ETag:
			f.Why = "changed"
		default:
			f.Why = "its group: " + why[f.Group]
		}
		p.Files = append(p.Files, f)
	}
	for _, s := range listing.Skipped {
		p.Skipped = append(p.Skipped, PlannedFile{Name: s.Name, Bytes: s.Size, Action: Skip})
	}
	for name, in := range before {
		p.Gone = append(p.Gone, PlannedFile{Name: name, Group: in.Group, Bytes: in.Bytes, Action: Drop, Why: "no longer in the input"})
	}
	slices.SortFunc(p.Gone, func(a, b PlannedFile) int { return strings.Compare(a.Name, b.Name) })
	listed, inputGroups := map[string]bool{}, map[string]bool{}
	for _, in := range listing.Inputs {
		listed[in.GroupKey()] = true
	}
	for _, in := range mine {
		inputGroups[in.GroupKey()] = true
	}
	p.Changes = estimateChanges(prev, reused, listed, inputGroups)
	return p, nil
}

// ownsGroup says whether this process's share holds group g.
func ownsGroup(mine []indexedInput, g string) bool {
	for _, in := range mine {
		if in.GroupKey() == g {
			return true
		}
	}
	return false
}
