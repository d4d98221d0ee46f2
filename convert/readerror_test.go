package convert_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/soa-project/soa/convert"
)

// failingFS serves the files of a MapFS; reading the file named fail fails
// with EIO once `at` bytes of it were read (the file is then as good as its
// twin in the MapFS, but the disk or the network under it is not).
type failingFS struct {
	fstest.MapFS
	fail string
	at   int64
}

func (f failingFS) Open(name string) (fs.File, error) {
	file, err := f.MapFS.Open(name)
	if err != nil || name != f.fail {
		return file, err
	}
	return &failingFile{File: file, left: f.at}, nil
}

type failingFile struct {
	fs.File
	left int64
}

func (f *failingFile) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, &fs.PathError{Op: "read", Path: "disk", Err: syscall.EIO}
	}
	n, err := f.File.Read(p[:min(int64(len(p)), f.left)])
	f.left -= int64(n)
	return n, err
}

// TestReadErrorStopsTheRun: an I/O error in the middle of an input file,
// compressed or not, is never taken for damaged content (a reject, and a
// dataset missing the rest of the file): the run stops with the error,
// naming the file, and the previous dataset stays as it was.
func TestReadErrorStopsTheRun(t *testing.T) {
	data := manyDocs("U", 3000)
	out := filepath.Join(t.TempDir(), "ds")
	for _, codec := range []string{"", "bz2", "gz", "zst"} {
		stored := data
		name := "dump/u/00.txt"
		if codec != "" {
			stored = compress(t, codec, data)
			name += "." + codec
		}
		files := fstest.MapFS{
			name:            {Data: stored},
			"dump/v/00.txt": {Data: []byte(doc("V", "v_1") + "\n")},
		}
		opts := convert.Options{Out: out, FS: files, Inputs: []string{"dump"}, NoReuse: true}
		convertChecked(t, opts)
		before := allFiles(t, out)
		for _, at := range []int64{0, 1, int64(len(stored)) / 3, int64(len(stored)) - 1} {
			t.Run(fmt.Sprintf("%s at byte %d", codec, at), func(t *testing.T) {
				opts.FS = failingFS{MapFS: files, fail: name, at: at}
				_, err := convert.Run(context.Background(), opts)
				if !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), "read "+name) {
					t.Fatalf("got %v, want the read error of %s", err, name)
				}
				if after := allFiles(t, out); fmt.Sprint(after) != fmt.Sprint(before) {
					t.Errorf("the previous dataset changed")
				}
			})
		}
	}
}

// TestInputChangedUnderTheRun: a file that holds more or fewer bytes than
// when it was listed stops the run with ErrInputChanged, naming it.
func TestInputChangedUnderTheRun(t *testing.T) {
	data := manyDocs("U", 100)
	for _, tc := range []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"grew", sizeFS{fstest.MapFS{"u/00.txt": {Data: data}}, int64(len(data)) - 10}, "u/00.txt grew from"},
		{"shrank", sizeFS{fstest.MapFS{"u/00.txt": {Data: data}}, int64(len(data)) + 10}, "u/00.txt shrank from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "ds")
			_, err := convert.Run(context.Background(), convert.Options{Out: out, FS: tc.fsys, Inputs: []string{"u/00.txt"}})
			if !errors.Is(err, convert.ErrInputChanged) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrInputChanged: %s", err, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a dataset was written")
			}
		})
	}
}

// sizeFS says every file is size bytes long, whatever it holds: a file
// whose size changed between the listing and the reading.
type sizeFS struct {
	fstest.MapFS
	size int64
}

func (s sizeFS) Open(name string) (fs.File, error) {
	f, err := s.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return sizedFile{f, s.size}, nil
}

func (s sizeFS) Stat(name string) (fs.FileInfo, error) {
	f, err := s.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

type sizedFile struct {
	fs.File
	size int64
}

func (f sizedFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil || info.IsDir() {
		return info, err
	}
	return sizedInfo{info, f.size}, nil
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i sizedInfo) Size() int64 { return i.size }

// allFiles lists every file of a dataset, the manifest too, with its size, time and bytes.
func allFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[p] = fmt.Sprintf("%d %s %x", info.Size(), info.ModTime(), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var _ io.Reader = (*failingFile)(nil)
