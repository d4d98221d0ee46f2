// Package source turns the command line's inputs into input files: named
// byte streams with a known size, in a deterministic order: local files and
// folders, stdin, and objects of an S3 bucket (s3://BUCKET/PREFIX, see
// s3.go). An input says nothing of its content; a Decoder detects its
// compression from its first bytes.
//
// Everything downstream sees only Input.Open, whatever the source. What an
// Open returns tells failures apart: an error wrapping ErrChanged means the
// input is not the one listed any more (a file being written by an rsync,
// an object replaced); any other read error is an I/O failure that was not
// (or could no longer be) retried. Neither is ever damaged content: that
// is what a Decoder finds in bytes that were read without error.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/soa-project/soa/internal/group"
)

// Input is one input byte stream: a file of a dump folder, a file given by
// name, stdin, or an object of an S3 bucket.
type Input struct {
	// Name identifies the input in the manifest and in rejects: the path as
	// given on the command line, or joined to it for files found by a walk;
	// s3://BUCKET/KEY for an object.
	Name string
	// Size is the stored (compressed) size in bytes, or -1 when unknown (stdin).
	Size int64
	// ModTime is the file's modification time, or the object's
	// last-modified time, when the input was listed; zero when unknown.
	ModTime time.Time
	// ETag is an object's entity tag when it was listed: a cheap identity of
	// its content, so that a re-run can tell an unchanged object without
	// reading it. Empty for local files, whose identity is their SHA-256.
	ETag string
	// Open returns the stored bytes. Each call starts from the beginning,
	// except for stdin, which can be opened once. The reader fails with an
	// error wrapping ErrChanged when the input changes under it (see
	// Check); a remote reader retries network failures itself and resumes
	// where it was, so any other error it returns is final.
	Open func(ctx context.Context) (io.ReadCloser, error)
	// Check says whether the input is still the one listed (same size,
	// modification time and file), with an error wrapping ErrChanged if it
	// is not. Nil for inputs that cannot be checked (stdin) or that a
	// reader checks itself (objects, pinned to their ETag while read).
	Check func() error
	// Group names the input's unit of work (see GroupOf); empty means
	// GroupOf(Name). A remote source sets it from its own layout.
	Group string
}

// Remote reports whether the input is an object of an S3 bucket.
func (in Input) Remote() bool { return strings.HasPrefix(in.Name, "s3://") }

// ErrChanged means an input changed while soa read it, or between its
// listing and its reading: a file that grew, shrank, was replaced or
// rewritten (a copy still in progress), an object replaced in the middle
// of its download. What was read of it cannot be trusted to be one
// version of it.
var ErrChanged = errors.New("input changed while being read")

// Version is what a reader read: the size, and for an object its ETag and
// last-modified time, of the one version of the input it delivered.
// Readers that know it implement Versioned.
type Version struct {
	ETag         string
	LastModified time.Time
	Size         int64
}

// Versioned is implemented by the readers Open returns for remote objects.
// Version is valid once the reader has returned its first bytes.
type Versioned interface{ Version() Version }

// GroupKey returns the input's group.
func (in Input) GroupKey() string {
	if in.Group != "" {
		return in.Group
	}
	return GroupOf(in.Name)
}

// GroupOf returns the group of an input named name: the folder of a dump
// file (".../NMAH/00.txt.bz2" is "nmah"), else the file name up to its first
// dot ("NMAH.jsonl" is "nmah"), "stdin" for "-", named by group.Of (ASCII
// letters lowered, so that both dump layouts, NMAH/ and nmah/, give the
// same groups).
//
// A group is the unit of work that --shard distributes and that a re-run
// reuses or redoes as a whole; a group that holds a unit's records writes
// that unit's main part series (see dataset.PartName).
func GroupOf(name string) string {
	if name == "-" {
		return "stdin"
	}
	name = filepath.ToSlash(name)
	base := path.Base(name)
	if IsDumpFile(base) {
		base = path.Base(path.Dir(name))
		if base == "." || base == "/" {
			base = "root"
		}
	} else if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return group.Of(base)
}

// Listing is the result of expanding the inputs.
type Listing struct {
	Inputs []Input
	// Skipped are the files found by a walk (or objects under a prefix)
	// that are not dump files (index.txt, READMEs), in listing order.
	Skipped []Skipped
	// Remote says where s3:// inputs were read from; nil when there were none.
	Remote *RemoteSource
}

// Skipped is a file a walk found and left unread.
type Skipped struct {
	Name string
	Size int64
}

// SkippedNames returns the names of the skipped files.
func (l *Listing) SkippedNames() []string {
	names := make([]string, len(l.Skipped))
	for i, s := range l.Skipped {
		names[i] = s.Name
	}
	return names
}

// dumpFileName matches the record files of both dump layouts: 00.txt ..
// ff.txt, optionally compressed. The walk reads nothing else.
var dumpFileName = regexp.MustCompile(`^[0-9a-f]{2}\.txt(\.bz2|\.gz|\.zst)?$`)

// IsDumpFile reports whether a file found in a walk holds records.
func IsDumpFile(name string) bool { return dumpFileName.MatchString(name) }

// recordFileName matches files of JSON lines named by their extension:
// NMAH.jsonl, records.ndjson, part.json.gz. A walk reads them only in a
// folder without dump files (see List).
var recordFileName = regexp.MustCompile(`(?i)^[^.].*\.(jsonl|ndjson|json)(\.bz2|\.gz|\.zst)?$`)

// IsRecordFile reports whether a file found in a walk of a folder without
// dump files holds records: *.jsonl, *.ndjson or *.json, optionally
// compressed.
func IsRecordFile(name string) bool { return recordFileName.MatchString(name) }

// hiddenPath says whether a slash-separated path has a part that starts
// with "." or "_": hidden files, and a soa dataset's own _manifest.json,
// _state/ and _rejects/, which are no input even in a folder of JSON
// lines (soa convert -o out soa-demo reads nothing).
func hiddenPath(p string) bool {
	for part := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return true
		}
	}
	return false
}

// ErrNoInput means an input path does not exist.
var ErrNoInput = errors.New("no such input")

// List expands inputs: a directory is walked for dump files (in lexical
// path order), or, when it holds none, for files of JSON lines named
// *.jsonl, *.ndjson or *.json (optionally .bz2/.gz/.zst; a file's group is
// its name up to the first dot, see GroupOf); a file is read whatever its
// name, "-" is stdin, and s3://BUCKET/PREFIX is listed like a folder (see
// ListS3). The order of the
// inputs is the order given, then of the walk.
func List(ctx context.Context, inputs []string, stdin io.Reader, remote RemoteOptions) (Listing, error) {
	var l Listing
	stdinUsed := false
	var client *s3Client
	for _, in := range inputs {
		if in == "-" {
			if stdinUsed {
				return l, fmt.Errorf("stdin (-) given twice")
			}
			stdinUsed = true
			l.Inputs = append(l.Inputs, Input{Name: "-", Size: -1, Open: func(context.Context) (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		if IsS3URL(in) {
			if client == nil {
				c, err := newS3Client(ctx, remote)
				if err != nil {
					return l, err
				}
				client = c
				l.Remote = &RemoteSource{Endpoint: c.endpoint, Region: c.region, Anonymous: c.anonymous}
			}
			l.Remote.URLs = append(l.Remote.URLs, in)
			if err := client.list(ctx, in, &l); err != nil {
				return l, err
			}
			continue
		}
		info, err := os.Stat(in)
		if errors.Is(err, fs.ErrNotExist) {
			return l, fmt.Errorf("%w: %s", ErrNoInput, in)
		}
		if err != nil {
			return l, err
		}
		if !info.IsDir() {
			l.Inputs = append(l.Inputs, osFile(in, info))
			continue
		}
		if err := l.walk(os.DirFS(in), in, func(rel string, info fs.FileInfo) Input {
			return osFile(filepath.Join(in, filepath.FromSlash(rel)), info)
		}); err != nil {
			return l, err
		}
	}
	return l, nil
}

// ListFS expands inputs like List, as paths in fsys (slash-separated, no
// stdin); the names are the paths.
func ListFS(fsys fs.FS, inputs []string) (Listing, error) {
	var l Listing
	for _, in := range inputs {
		info, err := fs.Stat(fsys, in)
		if errors.Is(err, fs.ErrNotExist) {
			return l, fmt.Errorf("%w: %s", ErrNoInput, in)
		}
		if err != nil {
			return l, err
		}
		if !info.IsDir() {
			l.Inputs = append(l.Inputs, fsFile(fsys, in, info))
			continue
		}
		sub, err := fs.Sub(fsys, in)
		if err != nil {
			return l, err
		}
		if err := l.walk(sub, in, func(rel string, info fs.FileInfo) Input {
			return fsFile(fsys, path.Join(in, rel), info)
		}); err != nil {
			return l, err
		}
	}
	return l, nil
}

// walk lists the dump files under fsys, or, if there are none, its
// record files (IsRecordFile); the other files are skipped.
func (l *Listing) walk(fsys fs.FS, display string, input func(rel string, info fs.FileInfo) Input) error {
	var found, records []Input
	var skipped []Skipped
	recordAt := map[int]bool{} // which of skipped are record files
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %s: %w", filepath.Join(display, p), err)
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return fmt.Errorf("stat %s: %w", filepath.Join(display, p), err)
		}
		if IsDumpFile(d.Name()) {
			found = append(found, input(p, info))
			return nil
		}
		if IsRecordFile(d.Name()) && !hiddenPath(p) {
			recordAt[len(skipped)] = true
			records = append(records, input(p, info))
		}
		skipped = append(skipped, Skipped{Name: filepath.Join(display, filepath.FromSlash(p)), Size: info.Size()})
		return nil
	})
	if len(found) == 0 && len(records) > 0 {
		// A folder of JSON-lines files, not a dump: read them.
		found = records
		kept := skipped[:0]
		for i, s := range skipped {
			if !recordAt[i] {
				kept = append(kept, s)
			}
		}
		skipped = kept
	}
	// WalkDir is lexical per directory; sorting the full names makes the
	// order independent of how the walk nests.
	sort.SliceStable(found, func(i, j int) bool { return found[i].Name < found[j].Name })
	l.Inputs = append(l.Inputs, found...)
	l.Skipped = append(l.Skipped, skipped...)
	return err
}

// osFile is a file of the operating system, listed with info. Its reader
// fails with ErrChanged when the file turns out not to be the one listed:
// more or fewer bytes than listed, or a file whose size, modification time
// or identity (a new file renamed over it) differ once read. So a file that
// an rsync is still writing never passes for a whole one.
func osFile(name string, info fs.FileInfo) Input {
	check := func() error {
		now, err := os.Stat(name)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrChanged, name, err)
		}
		return compareInfo(name, info, now, os.SameFile(info, now))
	}
	return Input{Name: name, Size: info.Size(), ModTime: info.ModTime(), Check: check,
		Open: func(context.Context) (io.ReadCloser, error) {
			f, err := os.Open(name)
			if err != nil {
				return nil, err
			}
			return &checkedReader{r: f, c: f, name: name, size: info.Size(), check: check}, nil
		}}
}

// fsFile is a file of fsys (soa demo's embedded sample, tests), checked
// like osFile but for its identity, which fs.FS does not expose.
func fsFile(fsys fs.FS, name string, info fs.FileInfo) Input {
	check := func() error {
		now, err := fs.Stat(fsys, name)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrChanged, name, err)
		}
		return compareInfo(name, info, now, true)
	}
	return Input{Name: name, Size: info.Size(), ModTime: info.ModTime(), Check: check,
		Open: func(context.Context) (io.ReadCloser, error) {
			f, err := fsys.Open(name)
			if err != nil {
				return nil, err
			}
			return &checkedReader{r: f, c: f, name: name, size: info.Size(), check: check}, nil
		}}
}

// compareInfo says how a file listed as was differs from what it is now.
func compareInfo(name string, was, now fs.FileInfo, sameFile bool) error {
	switch {
	case !sameFile:
		return fmt.Errorf("%w: %s was replaced by another file", ErrChanged, name)
	case was.Size() != now.Size():
		return fmt.Errorf("%w: %s was %d bytes, is now %d", ErrChanged, name, was.Size(), now.Size())
	case !was.ModTime().Equal(now.ModTime()):
		return fmt.Errorf("%w: %s was modified at %s", ErrChanged, name, now.ModTime().UTC().Format(time.RFC3339Nano))
	}
	return nil
}

// checkedReader reads a file listed with size bytes, and fails with
// ErrChanged if it holds more or fewer, or if check fails once it is read.
type checkedReader struct {
	r     io.Reader
	c     io.Closer
	name  string
	size  int64
	n     int64
	check func() error
}

func (c *checkedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	switch {
	case c.n > c.size:
		return n, fmt.Errorf("%w: %s grew from %d bytes while being read", ErrChanged, c.name, c.size)
	case err == io.EOF && c.n < c.size:
		return n, fmt.Errorf("%w: %s shrank from %d to %d bytes while being read", ErrChanged, c.name, c.size, c.n)
	case err == io.EOF:
		if cerr := c.check(); cerr != nil {
			return n, cerr
		}
	}
	return n, err
}

func (c *checkedReader) Close() error { return c.c.Close() }
