package convert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/schema"
	"github.com/valyala/fastjson"
)

// chunk is what a worker hands the sequencer: the rows of one unit (one batch
// per table, nil where empty), the rejects met since the previous chunk, and,
// on the last chunk of a file, the file's result.
type chunk struct {
	unit    string
	group   string
	recs    [schema.NumTables]arrow.RecordBatch
	docs    []schema.DocumentEnd // of the objects rows, for the rollups
	rejects []dataset.Reject
	file    *dataset.InputFile
	stats   *schema.Stats
}

func (c *chunk) release() {
	for _, r := range c.recs {
		if r != nil {
			r.Release()
		}
	}
}

// fileDecoder turns input files into chunks, one file at a time: it
// decompresses the stored bytes, splits them into documents, parses them
// and appends them to one schema.Builder per unit. A worker owns one, so
// its parser and scratch are reused without locking.
type fileDecoder struct {
	opts     *Options
	mem      memory.Allocator
	counters *Counters
	parser   fastjson.Parser
	decoder  source.Decoder
	docs     docReader
	repaired []byte
	// spare holds builders whose rows were taken, for the next unit met:
	// a Builder costs a few hundred buffers to make.
	spare []*schema.Builder
}

// close releases the decoder's buffers.
func (fd *fileDecoder) close() {
	fd.decoder.Close()
	for _, b := range fd.spare {
		b.Release()
	}
	fd.spare = nil
}

// builder returns an empty Builder for unit's rows.
func (fd *fileDecoder) builder(unit string) *schema.Builder {
	if n := len(fd.spare); n > 0 {
		b := fd.spare[n-1]
		fd.spare = fd.spare[:n-1]
		b.Reset(unit)
		return b
	}
	return schema.NewBuilder(fd.mem, unit)
}

// decode reads one input file and sends its chunks to out, in input order.
// It returns an error only for what must stop the run: cancellation, a file
// that cannot be opened or read (an I/O failure, a download that failed
// for good after its retries), an input that changed while being read.
// Damaged content, in bytes that were read without error, becomes rejects.
func (fd *fileDecoder) decode(ctx context.Context, in source.Input, out chan<- chunk) (err error) {
	start := time.Now()
	group := in.GroupKey()
	file := &dataset.InputFile{Path: in.Name, Group: group, Bytes: in.Size}
	var (
		units         = map[string]*pendingUnit{}
		pendingBytes  int // JSON text behind the rows of every pending unit
		rejects       []dataset.Reject
		stats         schema.Stats
		parsed        int64 // documents that parsed as JSON
		firstParseErr error // why the first document that did not parse failed
		damaged       bool  // the stream broke off: the last reject says why
	)
	defer func() {
		for _, p := range units {
			p.builder.Release()
		}
	}()
	send := func(c chunk) error {
		select {
		case out <- c:
			return nil
		case <-ctx.Done():
			c.release()
			return ctx.Err()
		}
	}
	flush := func(unit string, p *pendingUnit) error {
		docs := slices.Clone(p.builder.DocumentEnds())
		c := chunk{unit: unit, group: group, docs: docs, recs: p.builder.NewRecords(), rejects: rejects}
		rejects, pendingBytes, p.rawBytes = nil, pendingBytes-p.rawBytes, 0
		return send(c)
	}
	// retire flushes every pending unit, in unit order, and keeps their
	// builders for the next units: an input of many units (one record each
	// of thousands of unit codes) holds at most maxPendingUnits builders
	// and pendingBytesLimit of text at once.
	retire := func() error {
		names := slices.Sorted(maps.Keys(units))
		for _, u := range names {
			p := units[u]
			if p.builder.Rows() != [schema.NumTables]int{} {
				if err := flush(u, p); err != nil {
					return err
				}
			}
			stats.Merge(p.builder.Stats())
			fd.spare = append(fd.spare, p.builder)
			delete(units, u)
		}
		return nil
	}
	reject := func(line int, err error, raw []byte) {
		rejects = append(rejects, dataset.Reject{File: in.Name, Line: line, Error: err.Error(), Raw: string(cut(raw))})
		file.Rejects++
		fd.counters.Rejects.Add(1)
	}

	rc, err := in.Open(ctx)
	if err != nil {
		return fmt.Errorf("open %s: %w", in.Name, err)
	}
	defer rc.Close() //nolint:errcheck // read only: what was read is hashed and counted
	counted := &countingReader{r: rc, counter: &fd.counters.BytesDone, sum: sha256.New()}
	// readFailed is the error that stops the run when the input itself
	// could not be read: never a reject of "damaged" content.
	readFailed := func() error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if errors.Is(counted.err, source.ErrChanged) && !in.Remote() {
			return fmt.Errorf("%w; %s", counted.err, changedAdvice)
		}
		return fmt.Errorf("read %s: %w", in.Name, counted.err)
	}
	dec, codec, err := fd.decoder.Reset(counted)
	file.Codec = string(codec)
	if counted.err != nil {
		return readFailed()
	}
	if err != nil {
		reject(0, fmt.Errorf("%w: %v", errDamaged, err), nil)
	} else {
		dr := &fd.docs
		dr.reset(dec, fd.opts.maxLineBytes())
	docs:
		for n := 0; ; n++ {
			if n%256 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			doc, line, rerr := dr.Next()
			if counted.err != nil {
				return readFailed()
			}
			if rerr == io.EOF && len(doc) == 0 {
				break docs
			}
			if rerr != nil {
				switch {
				case errors.Is(rerr, errTooLong):
					reject(line, fmt.Errorf("%w (limit %d bytes)", rerr, fd.opts.maxLineBytes()), doc)
					continue
				case errors.Is(rerr, errArraySyntax):
					// The reader goes on past a bad separator: the elements
					// around it are kept.
					reject(line, rerr, doc)
					continue
				case rerr == io.EOF:
					reject(line, errors.New("document not closed before the end of the file"), doc)
				case errors.Is(rerr, errArrayNotClosed):
					reject(line, rerr, doc)
				default:
					// Damage in the compressed stream: keep what came before it,
					// reject the rest of the file with the reason.
					reject(line, fmt.Errorf("%w: rest of file unreadable from line %d: %v", errDamaged, line, rerr), doc)
					damaged = true
				}
				break docs
			}
			file.Documents++
			if !utf8.Valid(doc) {
				// Keep the record: invalid bytes become U+FFFD, and the
				// manifest counts the repair.
				fd.repaired = appendValidUTF8(fd.repaired[:0], doc)
				doc = fd.repaired
				file.UTF8Repaired++
			}
			v, perr := fd.parser.ParseBytes(doc)
			if perr != nil {
				if firstParseErr == nil {
					firstParseErr = perr
				}
				reject(line, fmt.Errorf("invalid JSON: %v", perr), doc)
				continue
			}
			parsed++
			if v.Type() != fastjson.TypeObject {
				reject(line, schema.ErrNotObject, doc)
				continue
			}
			unit := schema.Unit(v)
			p := units[string(unit)]
			if p == nil {
				if len(units) >= maxPendingUnits {
					if err := retire(); err != nil {
						return err
					}
				}
				p = &pendingUnit{builder: fd.builder(string(unit))}
				units[string(unit)] = p
			}
			if aerr := p.builder.Append(v, doc); aerr != nil {
				reject(line, aerr, doc)
				continue
			}
			file.Records++
			fd.counters.Records.Add(1)
			p.rawBytes += len(doc)
			pendingBytes += len(doc)
			rows := p.builder.Rows()
			if rows[schema.Objects]+rows[schema.Other] >= fd.opts.batchRows() || p.rawBytes >= batchBytes {
				if err := flush(string(unit), p); err != nil {
					return err
				}
			} else if pendingBytes >= pendingBytesLimit {
				if err := retire(); err != nil {
					return err
				}
			}
		}
		// Said before the file is sent below: the sequencer reads it then.
		if dr.wasArray {
			file.Form = dataset.FormJSONArray
		}
	}
	// Drain what the decoder left unread, so the input hash covers the
	// file (and its reader sees the end, where it checks the file).
	if _, err := io.Copy(io.Discard, counted); err != nil {
		return readFailed()
	}
	inputVersion(file, rc)
	if err := retire(); err != nil {
		return err
	}
	switch {
	case parsed == 0 && file.Documents > 0 && damaged:
		// The stream broke off (a corrupt or cut compressed file) and what
		// came out before did not parse: most likely the damage's garbage,
		// so the damage is the reason, not "not JSON lines". Its reject
		// (the last, as nothing was flushed without a record) stays, alone.
		last := rejects[len(rejects)-1]
		last.Error += fmt.Sprintf("; none of the %d documents before it parses as JSON (the first: %v)", file.Documents, firstParseErr)
		fd.counters.Rejects.Add(1 - file.Rejects)
		file.Rejects = 1
		rejects = []dataset.Reject{last}
	case parsed == 0 && file.Documents > 0:
		// Not one document parses: the file is not JSON lines at all (an
		// image, a zip, a CSV), and a reject per "line" of it would only
		// bury the reason. One reject says what the file is not.
		fd.counters.Rejects.Add(1 - file.Rejects)
		file.Rejects = 1
		rejects = []dataset.Reject{{File: in.Name, Line: 1, Raw: string(fd.docs.head),
			Error: fmt.Sprintf("%v: none of its %d documents parses as JSON; it starts %q (the first document: %v)%s",
				ErrNotJSONLines, file.Documents, fd.docs.head, firstParseErr, notJSONLinesAdvice)}}
	}
	file.SHA256 = hex.EncodeToString(counted.sum.Sum(nil))
	file.Bytes = counted.n
	file.Seconds = time.Since(start).Seconds()
	return send(chunk{rejects: rejects, file: file, stats: &stats})
}

// notJSONLinesAdvice ends the reject of a file that is not JSON lines.
const notJSONLinesAdvice = ". Give files of JSON lines (one record per line) or one JSON array of records"

// pendingUnit is one unit's rows of the current input file, waiting for a flush.
type pendingUnit struct {
	builder  *schema.Builder
	rawBytes int // JSON text behind the waiting rows
}

// batchBytes caps the JSON text behind one batch, so that a unit of 80 KB
// records flushes long before batchRows and memory stays bounded.
const batchBytes = 16 << 20

// maxPendingUnits and pendingBytesLimit bound the rows a worker holds for
// the units of one input file. A dump file holds one unit (and the odd
// stray record), so these matter only for inputs that mix many units.
const (
	maxPendingUnits   = 64
	pendingBytesLimit = 2 * batchBytes
)

// countingReader counts and hashes the stored bytes as they are read, and
// keeps the first error of the input itself (anything but io.EOF), so that
// a failure to read is told apart from damage that a decompressor or the
// JSON parser finds in bytes that were read.
type countingReader struct {
	r       io.Reader
	n       int64
	counter interface{ Add(int64) int64 }
	sum     hash.Hash
	err     error
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	if n > 0 {
		c.n += int64(n)
		c.counter.Add(int64(n))
		c.sum.Write(p[:n])
	}
	if err != nil && err != io.EOF {
		c.err = err
	}
	return n, err
}

func appendValidUTF8(dst, src []byte) []byte {
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, "\uFFFD"...)
		} else {
			dst = append(dst, src[:size]...)
		}
		src = src[size:]
	}
	return dst
}
