// Package gen generates a deterministic corpus that mimics the real dump,
// from the real sample records used as templates.
//
// Each template is serialised once, at start, into literal bytes and holes
// (record id, unit, hash, timestamps, dates, padding). A record is then a
// few appends, so the generator runs far faster than the converter reads.
// Records are bulk-dump lines: integer timestamps, linkedId "0", the
// envelope keys in the dump's order.
//
// # Union forms, and where their rates come from
//
// Where EDAN allows a value in several JSON forms, a generated record has
// the form its template (a real record) has, so each form appears at the
// rate of the sample records of its unit (shared/design/edan-fields.md
// counts them; its §1 and §8 tables):
//
//   - timestamp, lastTimeUpdated: integers, always. All 5 bulk-dump records
//     of the sample carry integers; the strings of the other 223 are the
//     API's envelope, which the bulk dump does not use.
//   - indexedStructured.name[]: as in the template: {type, content} objects
//     in the AAA, FBR and SIA records (152 of the 488 elements, 17 records),
//     strings elsewhere; units without sample records borrow the templates
//     of their kind (donors in units.go) and so their forms.
//   - geoLocation[].L2..L5: as in the template: objects, and bare strings in
//     the one SAAM record (of 228) that has them.
//   - exhibition: an array (all 12 sample records); mediaCount: an integer
//     (all 123); points.point: an object (all 14).
//
// The forms the schema allows but no bulk record shows (string timestamps,
// string mediaCount, a bare exhibition object, name objects in any unit,
// bare-string L2) come only with Options.OtherForms, for tests of the
// converter: benchmarks leave it at 0, so that every tool reads the shapes
// of the real dump.
//
// # Determinism and parallel files
//
// Each record is drawn from its own random stream, seeded by (seed, unit,
// index). A unit's records are first sorted into files by their hash (the
// first draw), then every file is written whole, by one of Workers
// goroutines, from its records in index order. So the bytes depend on the
// options alone, never on the worker count, and a worker holds one
// compressor at a time (bzip2 at 100 kB blocks is what costs: about 200
// CPU-s per million records).
package gen

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
)

// Options configures Generate.
type Options struct {
	Records  int
	Seed     uint64
	Layout   dump.Layout
	Compress source.Codec
	Out      string
	// OtherForms is the share of records rewritten into the forms the EDAN
	// schema allows but the bulk dump does not show (see the package
	// comment). 0, the default, keeps the dump's own forms.
	OtherForms float64
	// Workers is how many files are written at once (default: the number
	// of CPUs). The bytes written do not depend on it.
	Workers int
	// Progress, when set, is called after each file with the records,
	// files and bytes of JSON text (before compression) written so far.
	// Calls never overlap, and the counts only grow.
	Progress func(records, files int, textBytes int64)
}

// Generate writes opts.Records records to opts.Out in the chosen layout. The
// same options give byte-identical files, whatever Workers is. Cancelling
// ctx stops it within a file per worker, leaving the files written so far.
func Generate(ctx context.Context, sample fs.FS, opts Options) error {
	if opts.Records < 0 {
		return fmt.Errorf("records must be >= 0, got %d", opts.Records)
	}
	if opts.OtherForms < 0 || opts.OtherForms > 1 {
		return fmt.Errorf("other forms share must be within 0..1, got %g", opts.OtherForms)
	}
	pools, err := loadTemplates(sample)
	if err != nil {
		return err
	}
	w, err := dump.NewWriter(opts.Out, opts.Layout, opts.Compress)
	if err != nil {
		return err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan fileJob, workers)
	g.Go(func() error {
		defer close(jobs)
		return planFiles(ctx, w, pools, &opts, jobs)
	})
	var (
		mu                     sync.Mutex
		doneRecords, doneFiles int
		doneBytes              int64
	)
	for range workers {
		g.Go(func() error {
			var line []byte
			var pcg rand.PCG
			rng := rand.New(&pcg)
			for job := range jobs {
				f, err := w.Create(job.unit.code, job.prefix)
				if err != nil {
					return err
				}
				var textBytes int64
				for k, i := range job.records {
					if k%4096 == 0 && ctx.Err() != nil {
						f.Abort()
						return ctx.Err()
					}
					pcg.Seed(recordSeed(opts.Seed, job.unitKey, i))
					line, _ = record(line[:0], rng, job.unit, job.pool, job.prefixID, int(i), opts.OtherForms)
					if err := f.Add(line); err != nil {
						f.Abort()
						return err
					}
					textBytes += int64(len(line)) + 1 // and its newline
				}
				if err := f.Close(); err != nil {
					return err
				}
				if opts.Progress != nil {
					mu.Lock()
					doneRecords += len(job.records)
					doneFiles++
					doneBytes += textBytes
					opts.Progress(doneRecords, doneFiles, doneBytes)
					mu.Unlock()
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// fileJob is one file to write: the indexes of its records within the unit.
type fileJob struct {
	unit     *unitSpec
	unitKey  uint64
	pool     []*template
	prefixID string
	prefix   string
	records  []uint32
}

// planFiles sorts each unit's records into files by hash, writes the unit's
// index.txt and hands out its files, largest unit first in the units table.
func planFiles(ctx context.Context, w *dump.Writer, pools map[string][]*template, opts *Options, jobs chan<- fileJob) error {
	counts := UnitCounts(opts.Records)
	var pcg rand.PCG
	for ui := range units {
		u := &units[ui]
		n := counts[u.code]
		if n == 0 {
			continue
		}
		pool := pools[u.code]
		if len(pool) == 0 {
			for _, d := range donors[u.kind] {
				pool = append(pool, pools[d]...)
			}
		}
		h := fnv.New64a()
		h.Write([]byte(u.code))
		key := h.Sum64()
		var byFile [256][]uint32
		for i := range uint32(n) {
			pcg.Seed(recordSeed(opts.Seed, key, i))
			first := byte(pcg.Uint64()) // the hash's first byte: see record
			byFile[first] = append(byFile[first], i)
		}
		var prefixes []string
		for b := range byFile {
			if len(byFile[b]) > 0 {
				prefixes = append(prefixes, hex.EncodeToString([]byte{byte(b)}))
			}
		}
		if err := w.WriteIndex(u.code, prefixes); err != nil {
			return err
		}
		for b := range byFile {
			if len(byFile[b]) == 0 {
				continue
			}
			job := fileJob{unit: u, unitKey: key, pool: pool, prefixID: idPrefix(u.code),
				prefix: hex.EncodeToString([]byte{byte(b)}), records: byFile[b]}
			select {
			case jobs <- job:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return nil
}

// recordSeed is the seed of record i of a unit: the generator's seed, and
// the unit's key and the index mixed so that neighbouring records get
// unrelated streams.
func recordSeed(seed, unitKey uint64, i uint32) (uint64, uint64) {
	return seed, splitmix(unitKey ^ splitmix(uint64(i)+1))
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hole kinds: what a template leaves open.
const (
	holeNone = iota
	holeRecordID
	holeUnit
	holeSource
	holeHash
	holeSignature
	holeTimestamp
	holeUpdated
	holeDates // a whole JSON value, quotes included
	holePad   // inside the first freetext content
)

var sentinels = map[string]int{
	"@@RID@@": holeRecordID, "@@UNIT@@": holeUnit, "@@SRC@@": holeSource, "@@HASH@@": holeHash,
	"@@SIG@@": holeSignature, `"@@TS@@"`: holeTimestamp, `"@@TS2@@"`: holeUpdated, `"@@DATES@@"`: holeDates,
	// API-style rows carry timestamps as strings: the quotes stay literal.
	"@@TSS@@": holeTimestamp, "@@TS2S@@": holeUpdated,
	"@@PAD@@": holePad,
}

type segment struct {
	lit  []byte
	hole int
}

// template is one sample record ready to stamp out, in its variants.
type template struct {
	dates    []string
	variants [2][2][]segment // [withMedia][unionForms]
	hasMedia bool
}

func loadTemplates(sample fs.FS) (map[string][]*template, error) {
	names, err := fs.Glob(sample, "*.jsonl")
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no sample records to use as templates: %v", err)
	}
	slices.Sort(names)
	pools := map[string][]*template{}
	mediaDonors := map[string][]map[string]any{} // by unit, and "" for all
	var docs []map[string]any
	for _, name := range names {
		f, err := sample.Open(name)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			d := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			d.UseNumber()
			var doc map[string]any
			if err := d.Decode(&doc); err != nil {
				_ = f.Close() // read only
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			docs = append(docs, doc)
			if om, ok := dig(doc, "content", "descriptiveNonRepeating", "online_media").(map[string]any); ok {
				unit, _ := doc["unitCode"].(string)
				mediaDonors[unit] = append(mediaDonors[unit], om)
				mediaDonors[""] = append(mediaDonors[""], om)
			}
		}
		_ = f.Close() // read only
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	for i, doc := range docs {
		// A template without media borrows the media of a record of its
		// own unit when there is one, so sizes stay the unit's.
		unit, _ := doc["unitCode"].(string)
		donors := mediaDonors[unit]
		if len(donors) == 0 {
			donors = mediaDonors[""]
		}
		t, err := newTemplate(doc, donors[i%len(donors)])
		if err != nil {
			return nil, err
		}
		pools[unit] = append(pools[unit], t)
	}
	return pools, nil
}

func newTemplate(doc map[string]any, donor map[string]any) (*template, error) {
	t := &template{}
	content, _ := doc["content"].(map[string]any)
	dnr, _ := content["descriptiveNonRepeating"].(map[string]any)
	if dnr == nil {
		return nil, fmt.Errorf("template %v has no descriptiveNonRepeating", doc["id"])
	}
	t.hasMedia = dnr["online_media"] != nil
	if is, ok := content["indexedStructured"].(map[string]any); ok {
		if ds, ok := is["date"].([]any); ok {
			for _, d := range ds {
				t.dates = append(t.dates, fmt.Sprint(d))
			}
			is["date"] = "@@DATES@@"
		}
	}
	if ft, ok := content["freetext"].(map[string]any); ok {
		cats := make([]string, 0, len(ft))
		for c := range ft {
			cats = append(cats, c)
		}
		slices.Sort(cats)
		for _, c := range cats {
			items, _ := ft[c].([]any)
			if len(items) > 0 {
				if it, ok := items[0].(map[string]any); ok {
					it["content"] = fmt.Sprint(it["content"]) + "@@PAD@@"
					break
				}
			}
		}
	}
	dnr["record_ID"] = "@@RID@@"
	dnr["unit_code"] = "@@UNIT@@"
	dnr["data_source"] = "@@SRC@@"
	own := dnr["online_media"]
	for withMedia := range 2 {
		switch {
		case withMedia == 0:
			delete(dnr, "online_media")
		case own != nil:
			dnr["online_media"] = own
		default:
			dnr["online_media"] = donor
		}
		for union := range 2 {
			c := content
			if union == 1 {
				c = unionForms(deepCopy(content).(map[string]any))
			}
			segs, err := serialise(doc, c, union == 1)
			if err != nil {
				return nil, err
			}
			t.variants[withMedia][union] = segs
		}
	}
	return t, nil
}

// serialise writes the bulk-dump envelope around content and splits it at
// the sentinels.
func serialise(doc map[string]any, content map[string]any, apiStyle bool) ([]segment, error) {
	cj, err := json.Marshal(content)
	if err != nil {
		return nil, err
	}
	tj, _ := json.Marshal(doc["title"])
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"id":"edanmdm-@@RID@@","version":"","unitCode":"@@UNIT@@","linkedId":"0","type":"edanmdm","content":%s,"url":"edanmdm:@@RID@@","hash":"@@HASH@@","docSignature":"@@SIG@@","timestamp":"@@TS@@","lastTimeUpdated":"@@TS2@@","title":%s}`,
		cj, tj)
	text := b.Bytes()
	if apiStyle {
		text = bytes.Replace(text, []byte(`"@@TS@@"`), []byte(`"@@TSS@@"`), 1)
		text = bytes.Replace(text, []byte(`"@@TS2@@"`), []byte(`"@@TS2S@@"`), 1)
	}
	return split(text), nil
}

func split(text []byte) []segment {
	var segs []segment
	for {
		best, bestAt := "", -1
		for s := range sentinels {
			if at := bytes.Index(text, []byte(s)); at >= 0 && (bestAt < 0 || at < bestAt) {
				best, bestAt = s, at
			}
		}
		if bestAt < 0 {
			return append(segs, segment{lit: text, hole: holeNone})
		}
		segs = append(segs, segment{lit: text[:bestAt], hole: sentinels[best]})
		text = text[bestAt+len(best):]
	}
}

// unionForms rewrites a content into the shapes the EDAN schema allows but
// the bulk dump does not show (Options.OtherForms): name strings as
// {type, content} objects, geoLocation L2 as a bare string, exhibition as
// a bare object, mediaCount as a string; serialise adds string timestamps.
func unionForms(content map[string]any) map[string]any {
	if is, ok := content["indexedStructured"].(map[string]any); ok {
		if names, ok := is["name"].([]any); ok {
			for i, n := range names {
				if s, ok := n.(string); ok {
					names[i] = map[string]any{"type": "personal_main", "content": s}
				}
			}
		}
		if geos, ok := is["geoLocation"].([]any); ok {
			for _, g := range geos {
				if gm, ok := g.(map[string]any); ok {
					if l2, ok := gm["L2"].(map[string]any); ok {
						gm["L2"] = l2["content"]
					}
				}
			}
		}
		if ex, ok := is["exhibition"].([]any); ok && len(ex) == 1 {
			is["exhibition"] = ex[0]
		}
	}
	if om, ok := dig(content, "descriptiveNonRepeating", "online_media").(map[string]any); ok {
		om["mediaCount"] = fmt.Sprint(om["mediaCount"])
	}
	return content
}

// record appends one generated record to dst and returns it with its hash.
// The hash is the first draw of rng (planFiles sorts records into files by
// its first byte without drawing the rest).
func record(dst []byte, rng *rand.Rand, u *unitSpec, pool []*template, prefix string, i int, otherForms float64) ([]byte, string) {
	var hashBytes [36]byte
	for k := 0; k < len(hashBytes); k += 8 {
		v := rng.Uint64()
		for j := 0; j < 8 && k+j < len(hashBytes); j++ {
			hashBytes[k+j] = byte(v >> (8 * j))
		}
	}
	hash := hex.EncodeToString(hashBytes[:20])
	sig := hex.EncodeToString(hashBytes[20:36])
	t := pool[rng.IntN(len(pool))]
	withMedia := 0
	if rng.Float64() < u.mediaShare {
		withMedia = 1
	}
	union := 0
	if otherForms > 0 && rng.Float64() < otherForms {
		union = 1
	}
	ts := 1580000000 + rng.Int64N(150_000_000)
	updated := ts + rng.Int64N(10_000_000)
	rid := prefix + strconv.Itoa(100000+i)
	pad := 0
	if rng.Float64() < 0.004 { // the long tail: a few records of tens of KB
		pad = min(75000, int(2000/max(rng.Float64(), 0.02)))
	}
	for _, seg := range t.variants[withMedia][union] {
		dst = append(dst, seg.lit...)
		switch seg.hole {
		case holeRecordID:
			dst = append(dst, rid...)
		case holeUnit:
			dst = append(dst, u.code...)
		case holeSource:
			dst = append(dst, u.name...)
		case holeHash:
			dst = append(dst, hash...)
		case holeSignature:
			dst = append(dst, hash...)
			dst = append(dst, '_')
			dst = append(dst, sig...)
		case holeTimestamp:
			dst = strconv.AppendInt(dst, ts, 10)
		case holeUpdated:
			dst = strconv.AppendInt(dst, updated, 10)
		case holeDates:
			dst = appendDates(dst, rng, t.dates)
		case holePad:
			dst = appendPad(dst, pad)
		}
	}
	return dst, hash
}

// appendDates writes a date array: mostly the template's, otherwise decades
// drawn around the twentieth century, with the corpus's rare forms: BCE
// buckets, centuries, and bogus future decades that the year parser refuses.
func appendDates(dst []byte, rng *rand.Rand, own []string) []byte {
	var dates []string
	switch r := rng.Float64(); {
	case r < 0.6:
		dates = own
	case r < 0.995:
		n := 1 + rng.IntN(2)
		for range n {
			decade := 1950 + int(rng.NormFloat64()*45)/10*10
			decade = max(1600, min(decade, 2020))
			dates = append(dates, strconv.Itoa(decade)+"s")
		}
	case r < 0.997:
		dates = []string{[]string{"BCE 0s", "BCE 1000s", "BCE 2000s", "BCE 3000s"}[rng.IntN(4)]}
	case r < 0.9985:
		dates = []string{"20th century"}
	default:
		dates = []string{[]string{"2970s", "2060s", "2990s"}[rng.IntN(3)]}
	}
	dst = append(dst, '[')
	for i, d := range dates {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendQuote(dst, d)
	}
	return append(dst, ']')
}

const padText = " Collected along the river bank; notes transcribed from the original field book, with <i>HTML</i> markup & entities, curly “quotes” and 葛飾北斎."

func appendPad(dst []byte, n int) []byte {
	for n > 0 {
		k := min(n, len(padText))
		dst = append(dst, padText[:k]...)
		n -= k
	}
	// A cut may split a multi-byte rune; trim to valid UTF-8 by dropping
	// trailing continuation bytes.
	for len(dst) > 0 && dst[len(dst)-1]&0xC0 == 0x80 {
		dst = dst[:len(dst)-1]
	}
	if len(dst) > 0 && dst[len(dst)-1] >= 0xC0 {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// idPrefix is the record_ID prefix of a unit's generated records
// (`nmnhbotany_`); the number after it is unique within the unit.
func idPrefix(unit string) string { return strings.ToLower(unit) + "_" }

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = deepCopy(e)
		}
		return s
	}
	return v
}
