package source

import (
	"bufio"
	"compress/bzip2"
	"io"
)

// bzip2Decoder reads bzip2 streams, one input after another; a Decoder
// keeps one. libbz2's (bzip2_libbz2.go) decodes about twice as fast as
// the standard library's, which stays the fallback: on systems without
// libbz2 and in builds without cgo.
type bzip2Decoder interface {
	io.Reader
	// reset starts decoding the bzip2 data of src.
	reset(src *bufio.Reader)
	// close frees what the decoder holds outside the Go heap.
	close()
}

// goBzip2 is the standard library's decoder.
type goBzip2 struct{ r io.Reader }

var _ bzip2Decoder = (*goBzip2)(nil)

func (g *goBzip2) reset(src *bufio.Reader)    { g.r = bzip2.NewReader(src) }
func (g *goBzip2) close()                     {}
func (g *goBzip2) Read(p []byte) (int, error) { return g.r.Read(p) }
