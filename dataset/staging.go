package dataset

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Staging is a dataset being built in a folder beside its final place and
// swapped in whole on Commit, so that the final folder holds either the old
// dataset or the new one, never a mix, and a killed run leaves it untouched.
// It holds the dataset's write lock from Prepare to Commit or Abort (see
// lock.go).
type Staging struct {
	// Final is the dataset's absolute path; Dir is where it is built.
	Final, Dir string
	old        string
	lock       *writeLock
	// ctx bounds Commit's wait for the readers of the old dataset.
	ctx context.Context
	// AllowShrink publishes a dataset that the publish gate would refuse
	// for losing too many records (see ShrinkError).
	AllowShrink bool
}

// Prepare takes the write lock of out (failing at once with a
// *LockedError, having touched nothing, when another process holds it),
// checks that out may be replaced (it is absent, empty, or a soa dataset),
// restores a dataset that a run killed while committing left aside,
// removes the leftovers of killed runs, and creates the staging folder.
// The caller must Commit or Abort; cancelling ctx stops Commit waiting for
// readers.
func Prepare(ctx context.Context, out string) (_ *Staging, err error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	parent, base := filepath.Split(abs)
	s := &Staging{
		Final: abs,
		Dir:   filepath.Join(parent, "."+base+".soa-staging"),
		old:   filepath.Join(parent, "."+base+".soa-old"),
		ctx:   ctx,
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output parent: %w", err)
	}
	// Nothing is looked at, let alone changed, before the lock is ours:
	// the leftovers below may be another live run's.
	if s.lock, err = acquireWriteLock(lockPath(parent, base), out); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			s.lock.release()
		}
	}()
	// A run killed between its two renames at commit left the previous
	// dataset aside and none in place: put it back before anything else.
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(s.old, ManifestName)); err == nil {
			if err := os.Rename(s.old, abs); err != nil {
				return nil, fmt.Errorf("restore previous dataset %s: %w", s.old, err)
			}
		}
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("output folder: %w", err)
	case !info.IsDir():
		return nil, fmt.Errorf("output %s exists and is not a folder", out)
	default:
		empty, err := isEmptyDir(abs)
		if err != nil {
			return nil, fmt.Errorf("output folder: %w", err)
		}
		if _, err := os.Stat(filepath.Join(abs, ManifestName)); !empty && err != nil {
			return nil, fmt.Errorf("output folder is not empty and is %w: %s (choose an empty or new folder, or remove it first)", ErrNotDataset, out)
		}
	}
	// Leftovers of a killed run are ours to remove.
	if err := os.RemoveAll(s.Dir); err != nil {
		return nil, fmt.Errorf("remove old staging folder: %w", err)
	}
	if err := os.RemoveAll(s.old); err != nil {
		return nil, fmt.Errorf("remove old dataset: %w", err)
	}
	if err := os.Mkdir(s.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return s, nil
}

// Commit makes the staging folder durable and swaps it in place of the
// final one, once the readers of the old one are done, and releases the
// write lock. On error the final folder holds the previous dataset, and
// the caller must Abort.
func (s *Staging) Commit() error {
	if err := syncTree(s.Dir); err != nil {
		return fmt.Errorf("sync dataset: %w", err)
	}
	swap, err := lockSwap(s.ctx, s.Final)
	if err != nil {
		return fmt.Errorf("wait for the readers of %s: %w", s.Final, err)
	}
	if swap != nil {
		defer swap.Unlock() //nolint:errcheck // closing the descriptor releases it anyway
	}
	hadOld := false
	if err := os.Rename(s.Final, s.old); err == nil {
		hadOld = true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("move old dataset aside: %w", err)
	}
	if err := os.Rename(s.Dir, s.Final); err != nil {
		if hadOld {
			// Best effort: if this fails too, the next Prepare restores it.
			_ = os.Rename(s.old, s.Final)
		}
		return fmt.Errorf("move new dataset in place: %w", err)
	}
	if hadOld {
		if err := os.RemoveAll(s.old); err != nil {
			return fmt.Errorf("remove old dataset: %w", err)
		}
	}
	if err := syncDir(filepath.Dir(s.Final)); err != nil {
		return err
	}
	s.lock.release()
	return nil
}

// Abort removes the staging folder and releases the write lock. Errors are
// ignored: what is left is removed by the next Prepare of the same output.
func (s *Staging) Abort() {
	_ = os.RemoveAll(s.Dir)
	s.lock.release()
}

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close() //nolint:errcheck // read only
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close() //nolint:errcheck // the Sync result is what counts
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
