package dataset

import (
	"fmt"
	"strconv"
	"strings"
)

// ShardSpec is one share of a conversion split over several processes
// (`soa convert --shard i/n`): Index (1-based) of Count. Each process writes
// a complete dataset of its share, a shard dataset, and Merge puts the
// Count shard datasets together.
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
