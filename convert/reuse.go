package convert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
	"golang.org/x/sync/errgroup"
)

// planReuse returns the groups of the dataset at prev that this run may
// keep as they are: those whose input files have the same names, in the
// same order, with the same content, and whose part files are all still
// there with their recorded sizes. The content of an object is known by
// its ETag and size, listed without a single GET; that of a local file by
// the SHA-256 of its stored bytes, which are read to hash them. Anything
// that cannot be read only costs time: the run converts those groups again.
// why says, for each group of l not reused when a previous dataset was
// there, what changed.
func planReuse(ctx context.Context, opts *Options, l *source.Listing, prev string, copts dataset.ConvertOptions, counters *Counters) (reused map[string]*dataset.GroupState, sum dataset.ReuseSummary, why map[string]string, err error) {
	if opts.NoReuse {
		return nil, sum, nil, nil
	}
	st, err := dataset.ReadState(prev)
	if errors.Is(err, dataset.ErrNoState) {
		return nil, sum, nil, nil
	}
	if err == nil {
		err = st.Compatible(opts.Build, copts)
	}
	if err != nil {
		sum.Reason = err.Error()
		opts.logger().Info("previous dataset not reused", "reason", err)
		return nil, sum, nil, nil
	}
	why = map[string]string{}

	old := map[string]*dataset.GroupState{}
	for i := range st.Groups {
		old[st.Groups[i].Name] = &st.Groups[i]
	}
	names, members := groupInputs(l)
	var candidates []string
	var toHash []int
	for _, g := range names {
		o := old[g]
		switch {
		case o == nil:
			why[g] = "new group"
			continue
		case !sameInputs(l, members[g], o):
			why[g] = "files of the group added, removed or changed"
			continue
		case !dataset.PartsPresent(prev, o):
			why[g] = "its parts in the previous dataset are missing or changed"
			continue
		}
		candidates = append(candidates, g)
		for _, i := range members[g] {
			if l.Inputs[i].ETag == "" {
				toHash = append(toHash, i)
			}
		}
	}

	var hashBytes int64
	for _, i := range toHash {
		hashBytes += l.Inputs[i].Size
	}
	counters.BytesTotal.Store(hashBytes)
	counters.FilesTotal.Store(int64(len(toHash)))
	sums := make([]string, len(l.Inputs))
	eg, ectx := errgroup.WithContext(ctx)
	eg.SetLimit(opts.workers())
	for _, i := range toHash {
		eg.Go(func() error {
			s, err := hashInput(ectx, l.Inputs[i], &counters.BytesDone)
			if err != nil {
				// Unreadable now: leave the group to the conversion, which
				// will say what is wrong with the file.
				opts.logger().Info("cannot hash input; its group is converted again", "path", l.Inputs[i].Name, "err", err)
				return nil
			}
			sums[i] = s
			counters.FilesDone.Add(1)
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, sum, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, sum, nil, err
	}

	reuse := map[string]*dataset.GroupState{}
	for _, g := range candidates {
		o := old[g]
		same := true
		for k, i := range members[g] {
			// An object's ETag was compared by sameInputs.
			same = same && (l.Inputs[i].ETag != "" || sums[i] == o.Inputs[k].SHA256)
		}
		if !same {
			why[g] = "content of a file of the group changed (SHA-256)"
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
	return reuse, sum, why, nil
}

// sameInputs says whether a group's input files are those it was
// converted from: the same names and sizes in the same order, and the same
// runs of consecutive files in the listing, since a group's parts are
// closed at the end of each run (see indexedInput.endsRun).
func sameInputs(l *source.Listing, members []int, o *dataset.GroupState) bool {
	if len(members) != len(o.Inputs) {
		return false
	}
	for k, i := range members {
		in := l.Inputs[i]
		if in.Size < 0 || in.Name != o.Inputs[k].Path || in.Size != o.Inputs[k].Bytes || in.ETag != o.Inputs[k].ETag {
			return false
		}
		if k > 0 && (i == members[k-1]+1) != (o.Inputs[k].Index == o.Inputs[k-1].Index+1) {
			return false
		}
	}
	return true
}

// hashInput returns the SHA-256 of an input file's stored bytes, as the
// conversion computes it.
func hashInput(ctx context.Context, in source.Input, done interface{ Add(int64) int64 }) (string, error) {
	rc, err := in.Open(ctx)
	if err != nil {
		return "", err
	}
	defer rc.Close() //nolint:errcheck // read only
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
