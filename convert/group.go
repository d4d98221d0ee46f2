package convert

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/soa-project/soa/internal/source"
	"github.com/soa-project/soa/schema"
)

// A group is the unit of work above the file: the shards of one dump folder
// (see source.GroupOf). Every part file is written from one group's shards
// alone, so a group's parts depend on nothing but its own input. That is
// what lets a re-run reuse the parts of the groups whose input did not
// change, and lets n machines convert disjoint sets of groups (--shard) into
// parts that a merge puts together, byte for byte as one run would have.

// GroupState is what one group contributed to a dataset. It is saved in the
// dataset's state file, so that a later run can reuse the group's parts and
// a merge can put groups converted on different machines together.
type GroupState struct {
	Name    string        `json:"name"`
	Inputs  []InputFile   `json:"inputs"`
	Outputs []OutputFile  `json:"outputs"`
	Stats   *schema.Stats `json:"stats"`
}

func (g *GroupState) rejects() int64 {
	var n int64
	for _, in := range g.Inputs {
		n += in.Rejects
	}
	return n
}

// PartName is the file name of a part inside its unit's partition folder.
// A unit's rows that come from its own group (records of NMAH in the NMAH
// folder: nearly all of them) are written to part-00000.parquet,
// part-00001.parquet, …; rows that come from another group (a record whose
// unitCode disagrees with its folder) get that group's name in theirs,
// part-<group>-00000.parquet, so two groups never write the same file.
func PartName(unit, group string, index int) string {
	if source.LowerASCII(unit) == group {
		return fmt.Sprintf("part-%05d.parquet", index)
	}
	return "part-" + escapeName(group) + "-" + fmt.Sprintf("%05d", index) + ".parquet"
}

// escapeName percent-escapes every byte outside [A-Za-z0-9._-], so that a
// name cannot hold a path separator, and different names stay different.
func escapeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// ShardSpec is one share of a conversion split over several processes:
// Index (1-based) of Count.
type ShardSpec struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

func (s ShardSpec) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// ParseShardSpec parses "i/n" with 1 <= i <= n.
func ParseShardSpec(s string) (ShardSpec, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return ShardSpec{}, fmt.Errorf("shard %q: want i/n with 1 <= i <= n, such as 1/3", s)
	}
	return ShardSpec{Index: i, Count: n}, nil
}

// groupShards returns the listing's group names, sorted, and the positions
// of each group's shards in the listing, in listing order.
func groupShards(l *source.Listing) ([]string, map[string][]int) {
	members := map[string][]int{}
	for i, sh := range l.Shards {
		g := sh.GroupKey()
		members[g] = append(members[g], i)
	}
	names := make([]string, 0, len(members))
	for g := range members {
		names = append(names, g)
	}
	slices.Sort(names)
	return names, members
}

// assignGroups deals the groups to spec.Count shards and returns those of
// shard spec.Index. Largest group first, each to the shard with the fewest
// bytes so far (ties to the lowest index): every process computes the same
// split from the same listing, and the bytes are spread as evenly as whole
// groups allow. The largest group bounds how evenly that can be.
func assignGroups(l *source.Listing, spec ShardSpec) map[string]bool {
	names, members := groupShards(l)
	size := map[string]int64{}
	for _, g := range names {
		for _, i := range members[g] {
			size[g] += max(l.Shards[i].Size, 0)
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

// listingDigest identifies a listing by its shards' names and sizes, so a
// merge can check that every shard process was given the same input.
func listingDigest(l *source.Listing) string {
	h := sha256.New()
	for _, sh := range l.Shards {
		fmt.Fprintf(h, "%s\x00%d\n", sh.Name, sh.Size)
	}
	return hex.EncodeToString(h.Sum(nil))
}
