// Package source turns the command line's inputs into shards: named byte
// streams with a known size, in a deterministic order. A shard says nothing
// of its content; Decompress detects the compression from magic bytes.
//
// Everything downstream sees only Shard.Open, so a remote source (the S3
// bucket) or another decoder slots in here without touching the pipeline.
package source

import (
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
)

// Shard is one input byte stream.
type Shard struct {
	// Name identifies the shard in the manifest and in rejects: the path as
	// given on the command line, or joined to it for files found by a walk.
	Name string
	// Size is the stored (compressed) size in bytes, or -1 when unknown (stdin).
	Size int64
	// Open returns the stored bytes. Each call starts from the beginning,
	// except for stdin, which can be opened once.
	Open func() (io.ReadCloser, error)
	// Group names the shard's unit of work (see GroupOf); empty means
	// GroupOf(Name). A remote source sets it from its own layout.
	Group string
}

// GroupKey returns the shard's group.
func (s Shard) GroupKey() string {
	if s.Group != "" {
		return s.Group
	}
	return GroupOf(s.Name)
}

// GroupOf returns the group of a shard named name: the folder of a dump
// shard (".../NMAH/00.txt.bz2" is "nmah"), else the file name up to its first
// dot ("NMAH.jsonl" is "nmah"), "stdin" for "-". ASCII letters are lowered so
// that both dump layouts (NMAH/ and nmah/) give the same groups.
//
// A group is the unit of work that --shard distributes and that a re-run
// reuses or redoes as a whole; a group that holds a unit's records writes
// that unit's main part series (see convert.PartName).
func GroupOf(name string) string {
	if name == "-" {
		return "stdin"
	}
	name = filepath.ToSlash(name)
	base := path.Base(name)
	if IsShardName(base) {
		base = path.Base(path.Dir(name))
		if base == "." || base == "/" {
			base = "root"
		}
	} else if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return LowerASCII(base)
}

// LowerASCII lowers the ASCII letters of s and nothing else, so that two
// different results never compare equal under any folding.
func LowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Listing is the result of expanding the inputs.
type Listing struct {
	Shards  []Shard
	Skipped []string // files found by a walk that are not shards (index.txt, READMEs)
}

// shardName matches the shard files of both dump layouts: 00.txt .. ff.txt,
// optionally compressed. The walk reads nothing else.
var shardName = regexp.MustCompile(`^[0-9a-f]{2}\.txt(\.bz2|\.gz|\.zst)?$`)

// IsShardName reports whether a file found in a walk holds records.
func IsShardName(name string) bool { return shardName.MatchString(name) }

// ErrNoInput means an input path does not exist.
var ErrNoInput = errors.New("no such input")

// List expands inputs: a directory is walked for shard files (in lexical
// path order), a file is read whatever its name, and "-" is stdin. The
// order of the shards is the order of the inputs, then of the walk.
func List(inputs []string, stdin io.Reader) (Listing, error) {
	var l Listing
	stdinUsed := false
	for _, in := range inputs {
		if in == "-" {
			if stdinUsed {
				return l, fmt.Errorf("stdin (-) given twice")
			}
			stdinUsed = true
			l.Shards = append(l.Shards, Shard{Name: "-", Size: -1, Open: func() (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
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
			l.Shards = append(l.Shards, fileShard(in, info.Size()))
			continue
		}
		if err := l.walk(os.DirFS(in), in, func(rel string, size int64) Shard {
			return fileShard(filepath.Join(in, filepath.FromSlash(rel)), size)
		}); err != nil {
			return l, err
		}
	}
	return l, nil
}

func (l *Listing) walk(fsys fs.FS, display string, shard func(rel string, size int64) Shard) error {
	var found []Shard
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %s: %w", filepath.Join(display, p), err)
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if !IsShardName(d.Name()) {
			l.Skipped = append(l.Skipped, filepath.Join(display, filepath.FromSlash(p)))
			return nil
		}
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return fmt.Errorf("stat %s: %w", filepath.Join(display, p), err)
		}
		found = append(found, shard(p, info.Size()))
		return nil
	})
	// WalkDir is lexical per directory; sorting the full names makes the
	// order independent of how the walk nests.
	sort.SliceStable(found, func(i, j int) bool { return found[i].Name < found[j].Name })
	l.Shards = append(l.Shards, found...)
	return err
}

func fileShard(name string, size int64) Shard {
	return Shard{Name: name, Size: size, Open: func() (io.ReadCloser, error) { return os.Open(name) }}
}

// Files makes a shard of every file of fsys matching pattern, whatever its
// name, in lexical order. Names are prefixed with prefix.
func Files(fsys fs.FS, pattern, prefix string) (Listing, error) {
	var l Listing
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return l, err
	}
	for _, name := range names {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return l, err
		}
		l.Shards = append(l.Shards, Shard{Name: path.Join(prefix, name), Size: info.Size(), Open: func() (io.ReadCloser, error) {
			return fsys.Open(name)
		}})
	}
	return l, nil
}
