package source

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Codec names a compression format, as the manifest and soa gen --compress
// spell it.
type Codec string

// The codecs a Decoder recognises.
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

// Decoder decompresses one stream at a time, detecting the compression
// from the first bytes (never from a file name). It keeps its buffers and
// decoders between streams, so a worker should own one and Reset it for
// each input. It is not safe for concurrent use.
//
// bzip2 is decoded by the system's libbz2 where there is one (see
// Bzip2Decoder), else by the standard library.
type Decoder struct {
	br   *bufio.Reader
	gz   *gzip.Reader
	zstd *zstd.Decoder
	bz   bzip2Decoder
}

// Reset starts decoding r and returns the decompressed stream, valid until
// the next Reset or Close.
func (d *Decoder) Reset(r io.Reader) (io.Reader, Codec, error) {
	if d.br == nil {
		d.br = bufio.NewReaderSize(r, 1<<16)
	} else {
		d.br.Reset(r)
	}
	head, err := d.br.Peek(4)
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
		if d.bz == nil {
			d.bz = newBzip2Decoder()
		}
		d.bz.reset(d.br)
		return d.bz, codec, nil
	case Gzip:
		if d.gz == nil {
			d.gz, err = gzip.NewReader(d.br)
		} else {
			err = d.gz.Reset(d.br)
		}
		if err != nil {
			return nil, codec, fmt.Errorf("gzip header: %w", err)
		}
		return d.gz, codec, nil
	case Zstd:
		if d.zstd == nil {
			d.zstd, err = zstd.NewReader(d.br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		} else {
			err = d.zstd.Reset(d.br)
		}
		if err != nil {
			return nil, codec, fmt.Errorf("zstd header: %w", err)
		}
		return d.zstd, codec, nil
	}
	return d.br, None, nil
}

// Close releases the decoders' resources.
func (d *Decoder) Close() {
	if d.zstd != nil {
		d.zstd.Close()
	}
	if d.bz != nil {
		d.bz.close()
		d.bz = nil
	}
}

// ParseCodec reads a codec name; "bz2" is accepted for bzip2, as file
// names spell it.
func ParseCodec(s string) (Codec, error) {
	switch c := Codec(s); c {
	case None, Bzip2, Gzip, Zstd:
		return c, nil
	case "bz2":
		return Bzip2, nil
	}
	return "", fmt.Errorf("unknown compression %q (want bzip2, gzip, zstd or none)", s)
}
