package convert

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
)

// A group is the unit of work above the file: the input files of one dump
// folder (see source.GroupOf). Every part file is written from one group's
// input files alone, so a group's parts depend on nothing but its own input.
// That is what lets a re-run reuse the parts of the groups whose input did
// not change, and lets n machines convert disjoint sets of groups (--shard)
// into shard datasets that dataset.Merge puts together, byte for byte as
// one run would have written them.

// groupInputs returns the listing's group names, sorted, and the positions
// of each group's input files in the listing, in listing order.
func groupInputs(l *source.Listing) ([]string, map[string][]int) {
	members := map[string][]int{}
	for i, in := range l.Inputs {
		g := in.GroupKey()
		members[g] = append(members[g], i)
	}
	names := slices.Sorted(maps.Keys(members))
	return names, members
}

// assignGroups deals the groups to spec.Count shards and returns those of
// shard spec.Index. Largest group first, each to the shard with the fewest
// bytes so far (ties to the lowest index): every process computes the same
// split from the same listing, and the bytes are spread as evenly as whole
// groups allow. The largest group bounds how evenly that can be.
func assignGroups(l *source.Listing, spec dataset.ShardSpec) map[string]bool {
	names, members := groupInputs(l)
	size := map[string]int64{}
	for _, g := range names {
		for _, i := range members[g] {
			size[g] += max(l.Inputs[i].Size, 0)
		}
	}
	order := slices.Clone(names)
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(size[b], size[a]) })
	load := make([]int64, spec.Count)
	mine := map[string]bool{}
	for _, g := range order {
		target := 0
		for s := range load {
			if load[s] < load[target] {
				target = s
			}
		}
		load[target] += size[g]
		if target == spec.Index-1 {
			mine[g] = true
		}
	}
	return mine
}

// listingDigest identifies a listing by its input files' names and sizes,
// so a merge can check that every shard process was given the same input.
func listingDigest(l *source.Listing) string {
	h := sha256.New()
	for _, in := range l.Inputs {
		fmt.Fprintf(h, "%s\x00%d\n", in.Name, in.Size)
	}
	return hex.EncodeToString(h.Sum(nil))
}
