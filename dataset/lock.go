package dataset

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// Two locks keep processes sharing a dataset folder apart, both advisory
// file locks (flock(2) through gofrs/flock), which the kernel releases when
// their process dies, however it dies: a lock left by a killed run is
// stale by construction and the next run takes it over.
//
//   - The write lock, on the file .<name>.soa-lock beside the dataset, is
//     held by the one process that builds a new version of it (convert,
//     merge) from Prepare to Commit or Abort. A second writer fails at once
//     with ErrLocked, before it touches anything, and says who holds it.
//   - The swap lock is the dataset folder itself: readers (ReadLock) hold it
//     shared while they read, and Commit holds it exclusively for the two
//     renames that swap the new version in, so a reader sees the old
//     version or the new one, never files of both, and never the instant
//     when the folder is absent.

// Holder is what the write lock file says of the process holding it.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Since   time.Time `json:"since"`
	Command string    `json:"command"`
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another soa process"
	}
	return fmt.Sprintf("another soa process (pid %d on %s, since %s: %s)", h.PID, h.Host, h.Since.Local().Format("2006-01-02 15:04:05 MST"), h.Command)
}

// LockedError is the error of a writer that found the write lock held.
type LockedError struct {
	Dataset string
	Holder  Holder
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is writing %s: wait for it to finish (or stop it) and run again; this run changed nothing", e.Holder, e.Dataset)
}

// Unwrap makes a LockedError match ErrLocked.
func (e *LockedError) Unwrap() error { return ErrLocked }

// writeLock is a held write lock.
type writeLock struct {
	fl   *flock.Flock
	path string
}

// lockPath is the write lock file of the dataset whose parent and base
// name are given: a hidden file beside it, as the staging folder is.
func lockPath(parent, base string) string { return filepath.Join(parent, "."+base+".soa-lock") }

// acquireWriteLock takes the write lock of the dataset display, or fails
// at once with a *LockedError.
func acquireWriteLock(path, display string) (*writeLock, error) {
	for attempt := 0; ; attempt++ {
		fl := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o644))
		ok, err := fl.TryLock()
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if !ok {
			return nil, &LockedError{Dataset: display, Holder: readHolder(path)}
		}
		// The holder before us removes the file before it unlocks it; if
		// we opened it before the removal, our lock is on a file that no
		// longer bears the name, and another process may lock the new one.
		held, herr := fl.Stat()
		now, nerr := os.Stat(path)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			l := &writeLock{fl: fl, path: path}
			if err := l.writeHolder(); err != nil {
				l.release()
				return nil, err
			}
			return l, nil
		}
		_ = fl.Unlock()
		if attempt == 100 {
			return nil, fmt.Errorf("lock %s: the lock file keeps being replaced", path)
		}
	}
}

func (l *writeLock) writeHolder() error {
	host, _ := os.Hostname()
	command := strings.Join(os.Args, " ")
	if len(command) > 200 {
		command = command[:200] + "…"
	}
	data, err := json.Marshal(Holder{PID: os.Getpid(), Host: host, Since: time.Now().UTC().Truncate(time.Second), Command: command})
	if err != nil {
		return err
	}
	// Written in place: the lock belongs to this file (inode), which must
	// not be replaced by a rename.
	if err := os.WriteFile(l.path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write lock %s: %w", l.path, err)
	}
	return nil
}

// readHolder reads who holds the write lock at path; the holder writes it
// just after locking, so an empty file is read again for a little while.
func readHolder(path string) Holder {
	var h Holder
	for range 50 {
		data, err := os.ReadFile(path)
		if err == nil && json.Unmarshal(data, &h) == nil {
			return h
		}
		time.Sleep(10 * time.Millisecond)
	}
	return h
}

// release removes the lock file, then unlocks it (see acquireWriteLock).
func (l *writeLock) release() {
	if l == nil || l.fl == nil {
		return
	}
	_ = os.Remove(l.path) // a file left behind is taken over by the next writer
	_ = l.fl.Unlock()
	l.fl = nil
}

// ReadLock waits until the dataset in dir is not being swapped, and keeps
// any soa process from swapping a new version in until release is called:
// everything read in between is of one version. Hold it for as long as
// files of the dataset are being opened. Readers never wait for a
// conversion, only for the moment its result is swapped in, and a writer
// waits for the readers before that moment.
//
// Where the file system cannot lock a folder, ReadLock returns a release
// that does nothing.
func ReadLock(ctx context.Context, dir string) (release func(), err error) {
	for attempt := 0; ; attempt++ {
		fl := flock.New(dir, flock.SetFlag(os.O_RDONLY))
		_, err := fl.TryRLockContext(ctx, 10*time.Millisecond)
		switch {
		case errors.Is(err, fs.ErrNotExist) && attempt < 20:
			// Between the two renames of a swap (microseconds): the new
			// version is about to bear the name.
			if err := sleep(ctx, 5*time.Millisecond); err != nil {
				return nil, err
			}
			continue
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s does not exist: %w", dir, fs.ErrNotExist)
			}
			return func() {}, nil // no locking here: read without it
		}
		// A swap done while we waited: the name is the new version now.
		held, herr := fl.Stat()
		now, nerr := os.Stat(dir)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			return func() { _ = fl.Unlock() }, nil
		}
		_ = fl.Unlock()
	}
}

// lockSwap takes the swap lock of the dataset folder dir exclusively,
// waiting for its readers; nil when there is no folder to swap out.
func lockSwap(ctx context.Context, dir string) (*flock.Flock, error) {
	fl := flock.New(dir, flock.SetFlag(os.O_RDONLY))
	if _, err := fl.TryLockContext(ctx, 20*time.Millisecond); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, nil //nolint:nilerr // a folder that cannot be locked is swapped without it
	}
	return fl, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
