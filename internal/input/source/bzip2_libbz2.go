//go:build cgo && (linux || darwin || freebsd)

package source

/*
#cgo linux LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

// The stream of bzlib.h, declared here so that no header is needed to
// build: the library is looked up when soa starts (see loadLibbz2).
typedef struct {
	char *next_in;
	unsigned int avail_in;
	unsigned int total_in_lo32;
	unsigned int total_in_hi32;
	char *next_out;
	unsigned int avail_out;
	unsigned int total_out_lo32;
	unsigned int total_out_hi32;
	void *state;
	void *(*bzalloc)(void *, int, int);
	void (*bzfree)(void *, void *);
	void *opaque;
} soa_bz_stream;

typedef int (*soa_bz_init_fn)(soa_bz_stream *, int, int);
typedef int (*soa_bz_step_fn)(soa_bz_stream *);

static soa_bz_init_fn soa_bz_init;
static soa_bz_step_fn soa_bz_decompress;
static soa_bz_step_fn soa_bz_end;

// soa_bz_load opens libbz2 and finds its three decompression functions;
// 0 when the library is not there.
static int soa_bz_load(void) {
	const char *names[] = {"libbz2.so.1.0", "libbz2.so.1", "libbz2.so", "libbz2.so.4",
		"/usr/lib/libbz2.1.0.dylib", "libbz2.1.0.dylib", "libbz2.dylib", NULL};
	for (int i = 0; names[i] != NULL; i++) {
		void *h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
		if (h == NULL) {
			continue;
		}
		soa_bz_init = (soa_bz_init_fn)dlsym(h, "BZ2_bzDecompressInit");
		soa_bz_decompress = (soa_bz_step_fn)dlsym(h, "BZ2_bzDecompress");
		soa_bz_end = (soa_bz_step_fn)dlsym(h, "BZ2_bzDecompressEnd");
		if (soa_bz_init != NULL && soa_bz_decompress != NULL && soa_bz_end != NULL) {
			return 1;
		}
		dlclose(h);
	}
	return 0;
}

static soa_bz_stream *soa_bz_new(void) {
	return (soa_bz_stream *)calloc(1, sizeof(soa_bz_stream));
}

static int soa_bz_begin(soa_bz_stream *s) {
	if (soa_bz_init == NULL) {
		return -99; // the library was not loaded
	}
	memset(s, 0, sizeof(*s));
	return soa_bz_init(s, 0, 0);
}

// soa_bz_step decompresses from in to out and says how much of each it
// used. The buffers belong to Go: the stream keeps no pointer to them once
// the call returns.
static int soa_bz_step(soa_bz_stream *s, char *in, unsigned int in_len, char *out, unsigned int out_len,
		unsigned int *used, unsigned int *made) {
	s->next_in = in;
	s->avail_in = in_len;
	s->next_out = out;
	s->avail_out = out_len;
	int rc = soa_bz_decompress(s);
	*used = in_len - s->avail_in;
	*made = out_len - s->avail_out;
	s->next_in = NULL;
	s->next_out = NULL;
	return rc;
}

// soa_bz_finish frees a stream's state; a stream never begun or already
// finished has none (libbz2 refuses a null state).
static void soa_bz_finish(soa_bz_stream *s) {
	if (s->state != NULL) {
		soa_bz_end(s);
	}
}

static void soa_bz_free(soa_bz_stream *s) {
	soa_bz_finish(s);
	free(s);
}
*/
import "C"

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"unsafe"
)

// Return codes of bzlib.h.
const (
	bzOK             = 0
	bzStreamEnd      = 4
	bzDataError      = -4
	bzDataErrorMagic = -5
	bzMemError       = -3
)

var (
	libbz2Once sync.Once
	libbz2OK   bool
)

// loadLibbz2 says whether the system's libbz2 can be used, looking it up once.
func loadLibbz2() bool {
	libbz2Once.Do(func() { libbz2OK = C.soa_bz_load() == 1 })
	return libbz2OK
}

// newBzip2Decoder returns libbz2's decoder where the system has the
// library, else the standard library's.
func newBzip2Decoder() bzip2Decoder {
	if loadLibbz2() {
		return newLibbz2Reader()
	}
	return &goBzip2{}
}

// Bzip2Decoder names the bzip2 decoder this process uses: "libbz2" or
// "compress/bzip2" (when the system has no libbz2).
func Bzip2Decoder() string {
	if loadLibbz2() {
		return "libbz2"
	}
	return "compress/bzip2"
}

// libbz2Reader decompresses bzip2 with the system's libbz2, about twice as
// fast as compress/bzip2. Like compress/bzip2 it reads concatenated
// streams (as parallel compressors write them) as one.
type libbz2Reader struct {
	src     *bufio.Reader
	stream  *C.soa_bz_stream
	open    bool // a stream has begun and not ended
	started bool // at least one stream was read
	err     error
	cleanup runtime.Cleanup
}

func newLibbz2Reader() *libbz2Reader {
	z := &libbz2Reader{stream: C.soa_bz_new()}
	// A Decoder that is never closed still gives the memory back.
	z.cleanup = runtime.AddCleanup(z, func(s *C.soa_bz_stream) { C.soa_bz_free(s) }, z.stream)
	return z
}

// reset starts decompressing src.
func (z *libbz2Reader) reset(src *bufio.Reader) {
	z.end()
	z.src, z.started, z.err = src, false, nil
}

func (z *libbz2Reader) end() {
	if z.open {
		C.soa_bz_finish(z.stream)
		z.open = false
	}
}

// close frees the library's state; the reader is unusable after.
func (z *libbz2Reader) close() {
	if z.stream == nil {
		return
	}
	z.cleanup.Stop()
	z.open = false
	C.soa_bz_free(z.stream)
	z.stream = nil
}

func (z *libbz2Reader) Read(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if !z.open {
			// A new stream, or the end: after a stream, only another
			// stream (its "BZh" magic) or the end of the input may follow.
			head, err := z.src.Peek(1)
			if len(head) == 0 {
				if err == io.EOF && z.started {
					err = io.EOF
				} else if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				z.err = err
				return 0, err
			}
			if rc := C.soa_bz_begin(z.stream); rc != bzOK {
				z.err = fmt.Errorf("bzip2: cannot start decoder (libbz2 error %d)", int(rc))
				return 0, z.err
			}
			z.open, z.started = true, true
		}
		in, err := z.src.Peek(1)
		if len(in) == 0 {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF // the stream did not end
			}
			z.err = err
			return 0, err
		}
		in, _ = z.src.Peek(z.src.Buffered())
		var used, made C.uint
		rc := C.soa_bz_step(z.stream, (*C.char)(unsafe.Pointer(&in[0])), C.uint(len(in)),
			(*C.char)(unsafe.Pointer(&p[0])), C.uint(min(len(p), 1<<30)), &used, &made)
		if _, err := z.src.Discard(int(used)); err != nil {
			z.err = err
			return int(made), err
		}
		switch rc {
		case bzOK:
		case bzStreamEnd:
			z.end()
		case bzDataError:
			z.err = errors.New("bzip2 data invalid")
		case bzDataErrorMagic:
			z.err = errors.New("bzip2 data invalid: bad magic value")
		case bzMemError:
			z.err = errors.New("bzip2: out of memory")
		default:
			z.err = fmt.Errorf("bzip2: libbz2 error %d", int(rc))
		}
		if made > 0 || z.err != nil {
			return int(made), z.err
		}
		if used == 0 && rc == bzOK {
			// Given input and room for output, libbz2 always uses or makes
			// something; guard against looping if it ever does not.
			z.err = errors.New("bzip2: decoder made no progress")
			return 0, z.err
		}
	}
}
