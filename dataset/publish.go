package dataset

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/soa-project/soa/internal/output/atomicfile"
)

// Publish completes the dataset in s from its groups (the state, the parts
// of empty tables, the global rollups, the rejects in listing order from
// rejects, and the manifest m, filled from the groups) and swaps it in.
// temp names files in s.Dir that are removed before the commit. On error
// the caller must Abort.
func Publish(ctx context.Context, s *Staging, m *Manifest, st *State, groups map[string]*GroupState, rejects []RejectSource, temp []string, start time.Time) error {
	sorted := SortedGroups(groups)
	if err := assembleRejects(s.Dir, InputOrder(sorted), rejects); err != nil {
		return err
	}
	for _, t := range temp {
		if err := os.Remove(filepath.Join(s.Dir, filepath.FromSlash(t))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove temporary %s: %w", t, err)
		}
	}
	// A new slice: groups may point into the old one (Merge).
	st.Groups = make([]GroupState, 0, len(sorted))
	for _, g := range sorted {
		st.Groups = append(st.Groups, *g)
	}
	if err := st.write(s.Dir); err != nil {
		return err
	}
	empty, err := writeEmptyTables(s.Dir, sorted, m.ToolVersion)
	if err != nil {
		return err
	}
	dups, err := writeDuplicates(ctx, s.Dir, sorted, m.ToolVersion)
	if err != nil {
		return err
	}
	m.assemble(sorted, append(empty, dups))
	m.Seconds.Total = time.Since(start).Seconds()
	data, err := m.marshal()
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(s.Dir, ManifestName), data); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := beforeCommit(ctx, s, m, time.Now()); err != nil {
		return err
	}
	return s.Commit()
}

// PartsPresent says whether everything of g that a re-run takes over is
// still in the dataset: its parts, with their sizes, and its rejects file.
func PartsPresent(dataset string, g *GroupState) bool {
	if g.Rejects() > 0 {
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

// AdoptGroups puts the parts of groups from the dataset at from into the
// staging folder: a hard link where the file system allows one (parts are
// never written again once named, so sharing them is safe), else a copy.
func AdoptGroups(from, staging string, groups []*GroupState) error {
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
	defer in.Close() //nolint:errcheck // read only
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// InputOrder maps each input of groups to its position in the listing.
func InputOrder(groups []*GroupState) map[string]int {
	order := map[string]int{}
	for _, g := range groups {
		for _, in := range g.Inputs {
			order[in.Path] = in.Index
		}
	}
	return order
}

// SortedGroups returns the groups of m sorted by name.
func SortedGroups(m map[string]*GroupState) []*GroupState {
	out := make([]*GroupState, 0, len(m))
	for _, g := range m {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b *GroupState) int { return strings.Compare(a.Name, b.Name) })
	return out
}
