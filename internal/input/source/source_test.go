package source_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dsnet/compress/bzip2"
	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/zstd"
	"github.com/soa-project/soa/internal/input/source"
)

func TestGroupOf(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"metadata/objects/NMAH/00.txt.bz2", "nmah"},
		{"metadata/edan/nmah/ff.txt", "nmah"},
		{"dump/NMAfA/0a.txt.zst", "nmafa"},
		{"OFEO-SG/12.txt.gz", "ofeo-sg"},
		{"00.txt", "root"},
		{"/00.txt", "root"},
		{"NMAH.jsonl", "nmah"},
		{"some/where/NZP.jsonl.gz", "nzp"},
		{"records", "records"},
		{".hidden.jsonl", ".hidden.jsonl"}, // a leading dot is not an extension
		{"-", "stdin"},
		{"Ünit/00.txt", "Ünit"}, // only ASCII letters are lowered
		{"metadata/edan/nmah/index.txt", "index"},
		{"metadata/edan/nmah/0g.txt", "0g"}, // not a dump file name: named by itself
	} {
		if got := source.GroupOf(tc.name); got != tc.want {
			t.Errorf("GroupOf(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	in := source.Input{Name: "x/00.txt", Group: "from-s3"}
	if in.GroupKey() != "from-s3" {
		t.Errorf("an input's own group wins: %q", in.GroupKey())
	}
}

func TestIsDumpFile(t *testing.T) {
	for name, want := range map[string]bool{
		"00.txt": true, "ff.txt.bz2": true, "9a.txt.gz": true, "0c.txt.zst": true,
		"FF.txt": false, "index.txt": false, "index.txt.bz2": false, "00.txt.xz": false,
		"000.txt": false, "00.json": false, "00.txt.bz2.tmp": false,
	} {
		if got := source.IsDumpFile(name); got != want {
			t.Errorf("IsDumpFile(%q) = %v", name, got)
		}
	}
}

// TestDecoderDetectsByMagic compresses the same text each way, names every
// file misleadingly, and reads it back: the bytes decide, never the name.
func TestDecoderDetectsByMagic(t *testing.T) {
	text := strings.Repeat(`{"id":"edanmdm-x","type":"edanmdm"}`+"\n", 500)
	var gz, bz, zs bytes.Buffer
	gw := gzip.NewWriter(&gz)
	write(t, gw, text)
	bw, err := bzip2.NewWriter(&bz, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, bw, text)
	zw, err := zstd.NewWriter(&zs)
	if err != nil {
		t.Fatal(err)
	}
	write(t, zw, text)
	var d source.Decoder
	defer d.Close()
	for _, tc := range []struct {
		data  []byte
		codec source.Codec
	}{
		{[]byte(text), source.None}, {gz.Bytes(), source.Gzip}, {bz.Bytes(), source.Bzip2},
		{zs.Bytes(), source.Zstd}, {[]byte(text), source.None}, // a Decoder is reused
		{nil, source.None}, {[]byte("B"), source.None}, // shorter than any magic
	} {
		r, codec, err := d.Reset(bytes.NewReader(tc.data))
		if err != nil {
			t.Fatalf("%s: %v", tc.codec, err)
		}
		if codec != tc.codec {
			t.Errorf("detected %s, want %s", codec, tc.codec)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", tc.codec, err)
		}
		want := text
		if len(tc.data) < 4 {
			want = string(tc.data)
		}
		if string(got) != want {
			t.Errorf("%s: read %d bytes, want %d", tc.codec, len(got), len(want))
		}
	}
	// A gzip magic with a broken header is an error, not plain text.
	if _, _, err := d.Reset(bytes.NewReader([]byte{0x1f, 0x8b, 0, 0, 0})); err == nil {
		t.Error("a broken gzip header was accepted")
	}
}

func write(t *testing.T, w io.WriteCloser, text string) {
	t.Helper()
	if _, err := io.WriteString(w, text); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestListOrder: a walk yields dump files in lexical path order, whatever
// the nesting, skips and counts other files, and inputs keep the order
// given.
func TestListOrder(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"dump/b/00.txt", "dump/a/ff.txt", "dump/a/00.txt.bz2", "dump/a/index.txt",
		"dump/a-b/00.txt", "dump/README.md", "loose.jsonl",
	} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dump, loose := filepath.Join(root, "dump"), filepath.Join(root, "loose.jsonl")
	l, err := source.List(context.Background(), []string{loose, dump, "-"}, strings.NewReader(""), source.RemoteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, in := range l.Inputs {
		names = append(names, in.Name)
	}
	// Full paths sort byte by byte: "a-b/" comes before "a/" ('-' < '/').
	want := []string{loose, filepath.Join(dump, "a-b", "00.txt"),
		filepath.Join(dump, "a", "00.txt.bz2"), filepath.Join(dump, "a", "ff.txt"),
		filepath.Join(dump, "b", "00.txt"), "-"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	skipped := []string{filepath.Join(dump, "README.md"), filepath.Join(dump, "a", "index.txt")}
	if diff := cmp.Diff(skipped, l.SkippedNames()); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if l.Skipped[0].Size != int64(len("dump/README.md")) {
		t.Errorf("skipped %+v: sizes are for --dry-run", l.Skipped[0])
	}
	if l.Inputs[0].Size != int64(len("loose.jsonl")) || l.Inputs[5].Size != -1 {
		t.Errorf("sizes: %d, stdin %d", l.Inputs[0].Size, l.Inputs[5].Size)
	}
	rc, err := l.Inputs[2].Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != "dump/a/00.txt.bz2" {
		t.Errorf("opened %q", got)
	}

	if _, err := source.List(context.Background(), []string{filepath.Join(root, "nowhere")}, nil, source.RemoteOptions{}); err == nil || !strings.Contains(err.Error(), "no such input") {
		t.Errorf("a missing input: %v", err)
	}
	if _, err := source.List(context.Background(), []string{"-", "-"}, strings.NewReader(""), source.RemoteOptions{}); err == nil {
		t.Error("stdin given twice was accepted")
	}
}

func TestListFS(t *testing.T) {
	fsys := fstest.MapFS{
		"sample/NMAH.jsonl":   {Data: []byte("{}\n")},
		"dump/nmah/01.txt":    {Data: []byte("{}\n")},
		"dump/nmah/00.txt":    {Data: []byte("{}\n")},
		"dump/nmah/index.txt": {Data: []byte("00.txt\n")},
	}
	l, err := source.ListFS(fsys, []string{"sample/NMAH.jsonl", "dump"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, in := range l.Inputs {
		names = append(names, in.Name+"="+in.GroupKey())
	}
	if diff := cmp.Diff([]string{"sample/NMAH.jsonl=nmah", "dump/nmah/00.txt=nmah", "dump/nmah/01.txt=nmah"}, names); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := source.ListFS(fsys, []string{"missing.jsonl"}); err == nil {
		t.Error("a missing file was accepted")
	}
}

func TestParseCodec(t *testing.T) {
	for in, want := range map[string]source.Codec{"bz2": source.Bzip2, "bzip2": source.Bzip2, "none": source.None, "gzip": source.Gzip, "zstd": source.Zstd} {
		if got, err := source.ParseCodec(in); err != nil || got != want {
			t.Errorf("ParseCodec(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := source.ParseCodec("xz"); err == nil {
		t.Error("xz accepted")
	}
}

// TestListRecordFolder checks that a folder without dump files is read for
// its files of JSON lines (named by extension, optionally compressed,
// grouped by name), that a folder with dump files reads only those, and
// that hidden files and a dataset's own _manifest.json and _state/ are
// never read as records.
func TestListRecordFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"records/NMAH.jsonl":             {Data: []byte("{}\n")},
		"records/SIL.ndjson.gz":          {Data: []byte("x")},
		"records/more/NZP.JSON":          {Data: []byte("{}\n")},
		"records/README.md":              {Data: []byte("about\n")},
		"records/.cache.jsonl":           {Data: []byte("{}\n")},
		"records/_manifest.json":         {Data: []byte("{}\n")},
		"records/_state/groups.json":     {Data: []byte("{}\n")},
		"records/notes.txt":              {Data: []byte("notes\n")},
		"dump/nmah/00.txt":               {Data: []byte("{}\n")},
		"dump/nmah/extra.jsonl":          {Data: []byte("{}\n")},
		"dataset/_manifest.json":         {Data: []byte("{}\n")},
		"dataset/_rejects/rejects.jsonl": {Data: []byte("{}\n")},
	}
	l, err := source.ListFS(fsys, []string{"records", "dump", "dataset"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, in := range l.Inputs {
		names = append(names, in.Name+"="+in.GroupKey())
	}
	want := []string{"records/NMAH.jsonl=nmah", "records/SIL.ndjson.gz=sil", "records/more/NZP.JSON=nzp", "dump/nmah/00.txt=nmah"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
	skipped := []string{
		"records/.cache.jsonl", "records/README.md", "records/_manifest.json", "records/_state/groups.json", "records/notes.txt",
		"dump/nmah/extra.jsonl",
		"dataset/_manifest.json", "dataset/_rejects/rejects.jsonl",
	}
	for i := range skipped {
		skipped[i] = filepath.FromSlash(skipped[i])
	}
	if diff := cmp.Diff(skipped, l.SkippedNames()); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
}

func TestIsRecordFile(t *testing.T) {
	for name, want := range map[string]bool{
		"NMAH.jsonl": true, "a.ndjson": true, "a.json": true, "A.JSONL": true, "a.jsonl.bz2": true,
		"a.json.gz": true, "a.ndjson.zst": true, "a.b.jsonl": true,
		".jsonl": false, "a.jsonl.xz": false, "a.txt": false, "index.txt": false, "jsonl": false, "a.jsonl.tmp": false,
	} {
		if got := source.IsRecordFile(name); got != want {
			t.Errorf("IsRecordFile(%q) = %v", name, got)
		}
	}
}
