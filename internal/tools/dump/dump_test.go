package dump_test

import (
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
)

// Encoders of closed files serve the next ones: every file must still be a
// whole bzip2 stream of its own lines, and a closed File must refuse use
// rather than write into an encoder another file now holds.
func TestBzip2EncodersReused(t *testing.T) {
	root := t.TempDir()
	w, err := dump.NewWriter(root, dump.GitHub, source.Bzip2)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := range 6 {
		prefix := fmt.Sprintf("%02x", i)
		f, err := w.Create("NMAH", prefix)
		if err != nil {
			t.Fatal(err)
		}
		var lines strings.Builder
		for j := range 50 + 1000*i {
			line := fmt.Sprintf(`{"id":"%s-%d"}`, prefix, j)
			if err := f.Add([]byte(line)); err != nil {
				t.Fatal(err)
			}
			lines.WriteString(line + "\n")
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := f.Add([]byte("{}")); !errors.Is(err, os.ErrClosed) {
			t.Errorf("Add after Close: %v, want os.ErrClosed", err)
		}
		if err := f.Close(); !errors.Is(err, os.ErrClosed) {
			t.Errorf("second Close: %v, want os.ErrClosed", err)
		}
		want[w.FileName(prefix)] = lines.String()
	}
	for name, lines := range want {
		raw, err := os.Open(filepath.Join(w.UnitDir("NMAH"), name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(bzip2.NewReader(raw))
		_ = raw.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(got) != lines {
			t.Errorf("%s: read back %d bytes, want %d", name, len(got), len(lines))
		}
	}
}
