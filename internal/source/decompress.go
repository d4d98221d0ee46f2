package source

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Codec names a compression format.
type Codec string

// The codecs Decompress recognises.
const (
	None  Codec = "none"
	Bzip2 Codec = "bzip2"
	Gzip  Codec = "gzip"
	Zstd  Codec = "zstd"
)

var magics = []struct {
	codec Codec
	magic []byte
}{
	{Bzip2, []byte("BZh")},
	{Gzip, []byte{0x1f, 0x8b}},
	{Zstd, []byte{0x28, 0xb5, 0x2f, 0xfd}},
}

// Decompress detects the compression of r from its first bytes (never from a
// file name) and returns a reader of the decompressed bytes. Close releases
// the decoder's resources; it does not close r.
func Decompress(r io.Reader) (io.ReadCloser, Codec, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.Peek(4)
	if err != nil && err != io.EOF {
		return nil, None, fmt.Errorf("read header: %w", err)
	}
	codec := None
	for _, m := range magics {
		if bytes.HasPrefix(head, m.magic) {
			codec = m.codec
			break
		}
	}
	switch codec {
	case Bzip2:
		return io.NopCloser(bzip2.NewReader(br)), codec, nil
	case Gzip:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, codec, fmt.Errorf("gzip header: %w", err)
		}
		return zr, codec, nil
	case Zstd:
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, codec, fmt.Errorf("zstd header: %w", err)
		}
		return zstdCloser{zr}, codec, nil
	}
	return io.NopCloser(br), None, nil
}

type zstdCloser struct{ *zstd.Decoder }

func (z zstdCloser) Close() error { z.Decoder.Close(); return nil }
