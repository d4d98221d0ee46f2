//go:build cgo && (linux || darwin || freebsd)

package source

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/dsnet/compress/bzip2"
)

func bzip2Bytes(t *testing.T, text []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := bzip2.NewWriter(&buf, &bzip2.WriterConfig{Level: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(text); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads r with reads of readSize bytes and returns what it gave
// and the error it ended with (nil at io.EOF).
func readAll(r io.Reader, readSize int) ([]byte, error) {
	var out []byte
	p := make([]byte, readSize)
	for {
		n, err := r.Read(p)
		out = append(out, p[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// TestLibbz2MatchesStandardLibrary: libbz2's decoder gives what the standard
// library's gives, bytes and failures alike: several blocks read in reads
// of any size, concatenated streams, a stream cut short, damage, and what
// may follow a stream. scripts/test makes sure the library is installed
// (SOA_REQUIRE_LIBBZ2=1), so that the suite runs the decoder soa uses.
func TestLibbz2MatchesStandardLibrary(t *testing.T) {
	if Bzip2Decoder() != "libbz2" {
		if os.Getenv("SOA_REQUIRE_LIBBZ2") == "1" {
			t.Fatalf("bzip2 decoder is %s: libbz2 was not found (install libbz2-1.0)", Bzip2Decoder())
		}
		t.Skipf("no libbz2 on this system: bzip2 is decoded by %s", Bzip2Decoder())
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var text bytes.Buffer
	for i := range 20000 { // about 1 MB: ten blocks of 100k at level 1
		fmt.Fprintf(&text, `{"id":"edanmdm-%d","n":%d,"title":"%x"}`+"\n", i, rng.IntN(1000), rng.Uint64())
	}
	one := bzip2Bytes(t, text.Bytes())
	two := append(append([]byte{}, one...), bzip2Bytes(t, []byte("second stream\n"))...)
	damaged := append([]byte{}, one...)
	damaged[len(damaged)/2] ^= 0x55
	empty := bzip2Bytes(t, nil)

	for _, tc := range []struct {
		name    string
		data    []byte
		wantErr bool
	}{
		{"one stream", one, false},
		{"two streams", two, false},
		{"empty stream", empty, false},
		{"cut short", one[:len(one)*2/3], true},
		{"cut in the header", one[:3], true},
		{"damaged", damaged, true},
		{"junk after the stream", append(append([]byte{}, one...), "junk"...), true},
	} {
		for _, readSize := range []int{1 << 16, 7} {
			if readSize == 7 && len(tc.data) > 100000 && tc.name != "one stream" {
				continue // small reads of every case would be slow; one covers it
			}
			t.Run(fmt.Sprintf("%s/read=%d", tc.name, readSize), func(t *testing.T) {
				std := &goBzip2{}
				std.reset(bufio.NewReader(bytes.NewReader(tc.data)))
				want, wantErr := readAll(std, readSize)

				lib := newLibbz2Reader()
				defer lib.close()
				lib.reset(bufio.NewReaderSize(bytes.NewReader(tc.data), 1<<16))
				got, err := readAll(lib, readSize)

				if (err != nil) != tc.wantErr || (wantErr != nil) != tc.wantErr {
					t.Fatalf("libbz2 error %v, compress/bzip2 error %v; want an error: %v", err, wantErr, tc.wantErr)
				}
				// Both stop at damage; the standard library checks a
				// block's CRC before giving its bytes, libbz2 after, so
				// only a prefix is common then.
				if !tc.wantErr && !bytes.Equal(got, want) {
					t.Fatalf("libbz2 gave %d bytes, compress/bzip2 %d; they differ", len(got), len(want))
				}
				if tc.wantErr && !bytes.HasPrefix(got, want) && !bytes.HasPrefix(want, got) {
					t.Fatalf("before the damage, libbz2 gave other bytes than compress/bzip2")
				}
			})
		}
	}

	// The decoder is reused from one input to the next, also after a failure.
	lib := newLibbz2Reader()
	defer lib.close()
	for _, data := range [][]byte{one[:100], two, damaged, one} {
		lib.reset(bufio.NewReader(bytes.NewReader(data)))
		_, _ = readAll(lib, 1<<16)
	}
	lib.reset(bufio.NewReader(bytes.NewReader(one)))
	if got, err := readAll(lib, 1<<16); err != nil || !bytes.Equal(got, text.Bytes()) {
		t.Fatalf("reused decoder: %d bytes, %v", len(got), err)
	}
}
