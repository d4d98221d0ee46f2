package convert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-project/soa/internal/source"
	"golang.org/x/sync/errgroup"
)

// ReuseSummary says what a run took over from the dataset it replaced.
type ReuseSummary struct {
	Groups int   `json:"groups"`
	Inputs int   `json:"inputs"`
	Bytes  int64 `json:"bytes"`
	// Reason is why nothing was reused, when a previous dataset was there.
	Reason string `json:"reason,omitempty"`
}

// planReuse returns the groups of the dataset at prev that this run may
// keep as they are: those whose shards have the same names, in the same
// order, with the same content (SHA-256 of the stored bytes), and whose
// part files are all still there with their recorded sizes. Anything that
// cannot be read only costs time: the run converts those groups again.
func planReuse(ctx context.Context, opts *Options, l *source.Listing, prev string, mopts ManifestOpts, counters *Counters) (map[string]*GroupState, ReuseSummary, error) {
	var sum ReuseSummary
	if opts.NoReuse {
		return nil, sum, nil
	}
	st, err := readState(prev)
	if errors.Is(err, errNoState) {
		return nil, sum, nil
	}
	if err == nil {
		err = st.compatible(opts.Build, mopts)
	}
	if err != nil {
		sum.Reason = err.Error()
		opts.logger().Info("previous dataset not reused", "reason", err)
		return nil, sum, nil
	}

	old := map[string]*GroupState{}
	for i := range st.Groups {
		old[st.Groups[i].Name] = &st.Groups[i]
	}
	names, members := groupShards(l)
	var candidates []string
	var toHash []int
	for _, g := range names {
		o := old[g]
		if o == nil || !sameShards(l, members[g], o) || !partsPresent(prev, o) {
			continue
		}
		candidates = append(candidates, g)
		toHash = append(toHash, members[g]...)
	}

	var hashBytes int64
	for _, i := range toHash {
		hashBytes += l.Shards[i].Size
	}
	counters.BytesTotal.Store(hashBytes)
	counters.FilesTotal.Store(int64(len(toHash)))
	sums := make([]string, len(l.Shards))
	eg, ectx := errgroup.WithContext(ctx)
	eg.SetLimit(opts.workers())
	for _, i := range toHash {
		eg.Go(func() error {
			s, err := hashShard(ectx, l.Shards[i], &counters.BytesDone)
			if err != nil {
				// Unreadable now: leave the group to the conversion, which
				// will say what is wrong with the file.
				opts.logger().Info("cannot hash input; its group is converted again", "path", l.Shards[i].Name, "err", err)
				return nil
			}
			sums[i] = s
			counters.FilesDone.Add(1)
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, sum, err
	}
	if err := ctx.Err(); err != nil {
		return nil, sum, err
	}

	reuse := map[string]*GroupState{}
	for _, g := range candidates {
		o := old[g]
		same := true
		for k, i := range members[g] {
			same = same && sums[i] == o.Inputs[k].SHA256
		}
		if !same {
			continue
		}
		reuse[g] = o
		sum.Groups++
		sum.Inputs += len(o.Inputs)
		for _, in := range o.Inputs {
			sum.Bytes += in.Bytes
		}
	}
	opts.logger().Debug("reuse planned", "groups", sum.Groups, "of", len(names), "inputs", sum.Inputs)
	return reuse, sum, nil
}

func sameShards(l *source.Listing, members []int, o *GroupState) bool {
	if len(members) != len(o.Inputs) {
		return false
	}
	for k, i := range members {
		sh := l.Shards[i]
		if sh.Size < 0 || sh.Name != o.Inputs[k].Path || sh.Size != o.Inputs[k].Bytes {
			return false
		}
	}
	return true
}

// partsPresent says whether everything of g that a re-run takes over is
// still in the dataset: its parts, with their sizes, and its rejects file.
func partsPresent(dataset string, g *GroupState) bool {
	if g.rejects() > 0 {
		if _, err := os.Stat(filepath.Join(dataset, filepath.FromSlash(RejectsPath))); err != nil {
			return false
		}
	}
	for _, o := range g.Outputs {
		info, err := os.Stat(filepath.Join(dataset, filepath.FromSlash(o.Path)))
		if err != nil || !info.Mode().IsRegular() || info.Size() != o.Bytes {
			return false
		}
	}
	return true
}

// hashShard returns the SHA-256 of a shard's stored bytes, as the
// conversion computes it.
func hashShard(ctx context.Context, sh source.Shard, done interface{ Add(int64) int64 }) (string, error) {
	rc, err := sh.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	for {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		n, err := rc.Read(buf)
		h.Write(buf[:n])
		done.Add(int64(n))
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// adoptGroups puts the parts of groups from the dataset at from into the
// staging folder: a hard link where the file system allows one (parts are
// never written again once named, so sharing them is safe), else a copy.
func adoptGroups(from, staging string, groups []*GroupState) error {
	for _, g := range groups {
		for _, o := range g.Outputs {
			rel := filepath.FromSlash(o.Path)
			if err := linkOrCopy(filepath.Join(from, rel), filepath.Join(staging, rel)); err != nil {
				return fmt.Errorf("take over %s from %s: %w", o.Path, from, err)
			}
		}
	}
	return nil
}

func linkOrCopy(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// inputOrder maps each input of groups to its position in the listing.
func inputOrder(groups []*GroupState) map[string]int {
	order := map[string]int{}
	for _, g := range groups {
		for _, in := range g.Inputs {
			order[in.Path] = in.Index
		}
	}
	return order
}

func sortedGroups(m map[string]*GroupState) []*GroupState {
	out := make([]*GroupState, 0, len(m))
	for _, g := range m {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b *GroupState) int { return strings.Compare(a.Name, b.Name) })
	return out
}
