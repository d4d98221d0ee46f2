// Package source turns the command line's inputs into input files: named
// byte streams with a known size, in a deterministic order. An input says
// nothing of its content; a Decoder detects its compression from its first
// bytes.
//
// Everything downstream sees only Input.Open, so a remote source (the S3
// bucket) slots in here without touching the pipeline.
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

// Input is one input byte stream: a file of a dump folder, a file given by
// name, or stdin.
type Input struct {
	// Name identifies the input in the manifest and in rejects: the path as
	// given on the command line, or joined to it for files found by a walk.
	Name string
	// Size is the stored (compressed) size in bytes, or -1 when unknown (stdin).
	Size int64
	// Open returns the stored bytes. Each call starts from the beginning,
	// except for stdin, which can be opened once.
	Open func() (io.ReadCloser, error)
	// Group names the input's unit of work (see GroupOf); empty means
	// GroupOf(Name). A remote source sets it from its own layout.
	Group string
}

// GroupKey returns the input's group.
func (in Input) GroupKey() string {
	if in.Group != "" {
		return in.Group
	}
	return GroupOf(in.Name)
}

// GroupOf returns the group of an input named name: the folder of a dump
// file (".../NMAH/00.txt.bz2" is "nmah"), else the file name up to its first
// dot ("NMAH.jsonl" is "nmah"), "stdin" for "-". ASCII letters are lowered so
// that both dump layouts (NMAH/ and nmah/) give the same groups.
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
	return lowerASCII(base)
}

// lowerASCII lowers the ASCII letters of s and nothing else, so that two
// different results never compare equal under any folding.
func lowerASCII(s string) string {
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
	Inputs  []Input
	Skipped []string // files found by a walk that are not dump files (index.txt, READMEs)
}

// dumpFileName matches the record files of both dump layouts: 00.txt ..
// ff.txt, optionally compressed. The walk reads nothing else.
var dumpFileName = regexp.MustCompile(`^[0-9a-f]{2}\.txt(\.bz2|\.gz|\.zst)?$`)

// IsDumpFile reports whether a file found in a walk holds records.
func IsDumpFile(name string) bool { return dumpFileName.MatchString(name) }

// ErrNoInput means an input path does not exist.
var ErrNoInput = errors.New("no such input")

// List expands inputs: a directory is walked for dump files (in lexical
// path order), a file is read whatever its name, and "-" is stdin. The
// order of the inputs is the order given, then of the walk.
func List(inputs []string, stdin io.Reader) (Listing, error) {
	var l Listing
	stdinUsed := false
	for _, in := range inputs {
		if in == "-" {
			if stdinUsed {
				return l, fmt.Errorf("stdin (-) given twice")
			}
			stdinUsed = true
			l.Inputs = append(l.Inputs, Input{Name: "-", Size: -1, Open: func() (io.ReadCloser, error) {
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
			l.Inputs = append(l.Inputs, osFile(in, info.Size()))
			continue
		}
		if err := l.walk(os.DirFS(in), in, func(rel string, size int64) Input {
			return osFile(filepath.Join(in, filepath.FromSlash(rel)), size)
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
			l.Inputs = append(l.Inputs, fsFile(fsys, in, info.Size()))
			continue
		}
		sub, err := fs.Sub(fsys, in)
		if err != nil {
			return l, err
		}
		if err := l.walk(sub, in, func(rel string, size int64) Input {
			return fsFile(fsys, path.Join(in, rel), size)
		}); err != nil {
			return l, err
		}
	}
	return l, nil
}

func (l *Listing) walk(fsys fs.FS, display string, input func(rel string, size int64) Input) error {
	var found []Input
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %s: %w", filepath.Join(display, p), err)
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if !IsDumpFile(d.Name()) {
			l.Skipped = append(l.Skipped, filepath.Join(display, filepath.FromSlash(p)))
			return nil
		}
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return fmt.Errorf("stat %s: %w", filepath.Join(display, p), err)
		}
		found = append(found, input(p, info.Size()))
		return nil
	})
	// WalkDir is lexical per directory; sorting the full names makes the
	// order independent of how the walk nests.
	sort.SliceStable(found, func(i, j int) bool { return found[i].Name < found[j].Name })
	l.Inputs = append(l.Inputs, found...)
	return err
}

func osFile(name string, size int64) Input {
	return Input{Name: name, Size: size, Open: func() (io.ReadCloser, error) { return os.Open(name) }}
}

func fsFile(fsys fs.FS, name string, size int64) Input {
	return Input{Name: name, Size: size, Open: func() (io.ReadCloser, error) { return fsys.Open(name) }}
}
