package dataset

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/schema"
)

// ChangesDir holds the changes history of a dataset: one Parquet file per
// published run that changed any record, named after the run's publish
// time (ChangesName), with the columns of ChangesSchema. A run copies the
// files of the dataset it replaces and adds its own, so the history
// survives across runs. It is the one part of a dataset that differs
// between two runs over the same input (it says when they happened).
const ChangesDir = "_changes"

// ChangesGlob is the pattern, relative to the dataset folder, of the files
// of the changes history.
const ChangesGlob = ChangesDir + "/*.parquet"

// The values of the change column.
const (
	ChangeAdded    = "added"
	ChangeRemoved  = "removed"
	ChangeModified = "modified"
)

// Shrink limits: a run that would lose more than shrinkDatasetPercent of
// the dataset's records, or more than half of a unit's when the unit had at
// least shrinkUnitMin, publishes nothing unless allowed (Staging.AllowShrink).
const (
	shrinkDatasetPercent = 5
	shrinkUnitMin        = 100
)

// ChangesSchema is the schema of the changes history files.
var ChangesSchema = arrow.NewSchema([]arrow.Field{
	{Name: "record_id", Type: arrow.BinaryTypes.String},
	{Name: "unit_code", Type: arrow.BinaryTypes.String},
	{Name: "change", Type: arrow.BinaryTypes.String},
	{Name: "run_at", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}},
	{Name: "doc_signature_before", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "doc_signature_after", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "last_time_updated", Type: &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}, Nullable: true},
}, nil)

// ChangesName is the file, relative to the dataset folder, of the changes
// of the run published at runAt.
func ChangesName(runAt time.Time) string {
	return ChangesDir + "/" + runAt.UTC().Format("20060102T150405.000000Z") + parquetExt
}

// ShrinkError is the refusal of the publish gate: the run would lose more
// records than a weekly update does. It wraps ErrShrink.
type ShrinkError struct {
	Before, After int64
	// Units are the units over the limit, by name.
	Units []UnitShrink
}

// UnitShrink is a unit's record count before and after a run.
type UnitShrink struct {
	Unit          string
	Before, After int64
}

func (e *ShrinkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v: the dataset would go from %d to %d records", ErrShrink, e.Before, e.After)
	if len(e.Units) > 0 {
		b.WriteString("; units losing more than half:")
		for i, u := range e.Units {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %s %d -> %d", u.Unit, u.Before, u.After)
		}
	}
	b.WriteString("; the previous dataset is unchanged: check the input (a unit folder missing, a listing cut short), or publish anyway with --allow-shrink")
	return b.String()
}

func (e *ShrinkError) Unwrap() error { return ErrShrink }

// checkShrink is the publish gate: it compares the record counts per unit
// of the dataset being replaced (before, from its manifest) with those of
// the new one.
func checkShrink(before, after *Manifest) error {
	old, now := objectUnits(before), objectUnits(after)
	var oldTotal, newTotal int64
	for _, n := range old {
		oldTotal += n
	}
	for _, n := range now {
		newTotal += n
	}
	e := &ShrinkError{Before: oldTotal, After: newTotal}
	for _, u := range slices.Sorted(maps.Keys(old)) {
		if old[u] >= shrinkUnitMin && now[u]*2 < old[u] {
			e.Units = append(e.Units, UnitShrink{Unit: u, Before: old[u], After: now[u]})
		}
	}
	if len(e.Units) > 0 || (oldTotal-newTotal)*100 > oldTotal*shrinkDatasetPercent {
		return e
	}
	return nil
}

// objectUnits returns the objects rows per unit of a manifest.
func objectUnits(m *Manifest) map[string]int64 {
	for _, t := range m.Tables {
		if t.Name == schema.Tables[schema.Objects].Name {
			return t.Units
		}
	}
	return map[string]int64{}
}

// readManifest reads the manifest of the dataset in dir; nil, nil when
// there is none (no dataset yet).
func readManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the previous manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read the previous manifest %s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}

// beforeCommit runs the publish gate against the dataset at s.Final and
// records the changes from it: it takes over the previous changes history
// and adds this run's file, dated runAt. A shard's dataset is neither gated
// nor given changes: its merge is.
func beforeCommit(ctx context.Context, s *Staging, m *Manifest, runAt time.Time) error {
	if m.Shard != nil {
		return nil
	}
	prev, err := readManifest(s.Final)
	if err != nil {
		return err
	}
	if prev != nil && !s.AllowShrink {
		if err := checkShrink(prev, m); err != nil {
			return err
		}
	}
	if err := adoptChanges(s.Final, s.Dir); err != nil {
		return err
	}
	var prevOutputs []OutputFile
	if prev != nil {
		prevOutputs = prev.Outputs
	}
	w := &changesWriter{staging: s.Dir, rel: ChangesName(runAt), runAt: runAt, version: m.ToolVersion}
	err = diffRecords(ctx, s.Final, prevOutputs, s.Dir, m.Outputs, w)
	return errors.Join(err, w.close(err == nil))
}

// adoptChanges takes the changes history of the dataset at from over into
// the staging folder.
func adoptChanges(from, staging string) error {
	files, err := filepath.Glob(filepath.Join(from, filepath.FromSlash(ChangesGlob)))
	if err != nil {
		return err
	}
	for _, f := range files {
		rel, _ := filepath.Rel(from, f)
		if err := linkOrCopy(f, filepath.Join(staging, rel)); err != nil {
			return fmt.Errorf("take over the changes history %s: %w", rel, err)
		}
	}
	return nil
}

// changedObjectParts returns the objects parts, with rows, of the groups
// whose objects parts differ between two datasets: a group taken over
// unchanged has the same records, and costs nothing.
func changedObjectParts(prevOutputs, newOutputs []OutputFile) (prevRead, newRead []OutputFile) {
	objects := schema.Tables[schema.Objects].Name
	byGroup := func(outs []OutputFile) map[string][]OutputFile {
		g := map[string][]OutputFile{}
		for _, o := range outs {
			if o.Table == objects && o.Rollup == "" && o.Rows > 0 {
				g[o.Group] = append(g[o.Group], o)
			}
		}
		return g
	}
	prevGroups, newGroups := byGroup(prevOutputs), byGroup(newOutputs)
	same := func(a, b []OutputFile) bool {
		return slices.EqualFunc(a, b, func(x, y OutputFile) bool { return x.Path == y.Path && x.SHA256 == y.SHA256 })
	}
	// Outputs are sorted by path in a manifest: the parts are read in that
	// order, and the changes come out in it.
	for _, o := range prevOutputs {
		if g := prevGroups[o.Group]; slices.Contains(g, o) && !same(g, newGroups[o.Group]) {
			prevRead = append(prevRead, o)
		}
	}
	for _, o := range newOutputs {
		if g := newGroups[o.Group]; slices.Contains(g, o) && !same(g, prevGroups[o.Group]) {
			newRead = append(newRead, o)
		}
	}
	return prevRead, newRead
}

// recordRow is one objects row as the changes see it.
type recordRow struct {
	unit, id, signature string
	updated             int64
	hasTime             bool
}

// digest is a record's key (unit, record_id) and signature, hashed: what
// the index of the previous records holds, 16 bytes a record.
type digest struct{ key, signature uint64 }

func compareDigests(a, b digest) int {
	return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.signature, b.signature))
}

// The marks diffRecords gives a previous copy while it reads the new rows.
const (
	inNew   uint8 = 1 << iota // a new copy has its key
	keptNew                   // a new copy has its key and signature
)

// modifiedKey is what diffRecords keeps of a record whose new copies
// include signatures no previous copy has: those copies, in the new parts'
// order, how many a previous copy has been paired with, and the signature
// the copies left over are reported as modified from.
type modifiedKey struct {
	copies []recordRow
	paired int
	before string
}

// diffRecords writes to w the records added, removed and modified between
// the objects parts of the previous dataset (at prevDir, listed in
// prevOutputs) and those of the new one, reading only the groups whose
// parts changed. Memory is bounded by those groups' previous records (16
// bytes each, plus the modified records' new signatures), never by the
// dataset: the first run, with no previous records, streams every row
// out as added.
//
// Records are matched by a 64-bit hash of (unit, record_id) and compared
// by one of doc_signature; a collision among the few million records of
// the changed groups is improbable (about one chance in a million) but
// would hide a change.
//
// A record kept in several copies appears once per copy that changed,
// and its copies are compared as sets of signatures, so that the order
// they are read in never matters:
//   - a new copy is unchanged when any previous copy of its record has its
//     signature, and a previous copy is kept when any new copy has its;
//   - a record with no previous copy is added once per new copy, one with
//     no new copy removed once per previous copy;
//   - otherwise each new copy that is not unchanged (modified) is paired,
//     in read order, with a previous copy that is not kept (gone), as one
//     modified row; a gone copy left over is modified to the record's
//     first modified copy or, when it has none (the copy was dropped), to
//     a kept copy; a modified copy left over (a copy was added) is modified
//     from the last gone copy or, when there is none, the record's first
//     previous copy.
//
// So re-reading the same copies reports nothing, and a record that
// changed reports at least one row. The rows come added first (new parts'
// order), then modified and removed in the previous parts' order, then
// the dropped and added copies above, in the previous and the new parts'
// order.
func diffRecords(ctx context.Context, prevDir string, prevOutputs []OutputFile, newDir string, newOutputs []OutputFile, w *changesWriter) error {
	prevRead, newRead := changedObjectParts(prevOutputs, newOutputs)
	seed := maphash.MakeSeed()
	digestOf := func(r *recordRow) digest {
		var h maphash.Hash
		h.SetSeed(seed)
		h.WriteString(r.unit)
		h.WriteByte(0)
		h.WriteString(r.id)
		return digest{h.Sum64(), maphash.String(seed, r.signature)}
	}
	// The previous records, sorted by key and signature: a record's copies
	// sit together, in an order that does not depend on the reading.
	var before []digest
	err := readRows(ctx, prevDir, prevRead, func(r *recordRow) error {
		before = append(before, digestOf(r))
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the previous dataset's records: %w", err)
	}
	slices.SortFunc(before, compareDigests)
	marks := make([]uint8, len(before))
	// copiesOf returns the range of before holding the key's copies.
	copiesOf := func(key uint64) (lo, hi int) {
		lo, _ = slices.BinarySearchFunc(before, digest{key: key}, compareDigests)
		hi = lo
		for hi < len(before) && before[hi].key == key {
			hi++
		}
		return lo, hi
	}
	// The new records: added ones are written at once; modified ones wait
	// for their previous signatures, read below.
	modified := map[uint64]*modifiedKey{}
	var modifiedOrder []uint64
	err = readRows(ctx, newDir, newRead, func(r *recordRow) error {
		d := digestOf(r)
		lo, hi := copiesOf(d.key)
		if lo == hi {
			return w.add(ChangeAdded, r.unit, r.id, "", false, r.signature, true, r.updated, r.hasTime)
		}
		kept := false
		for i := lo; i < hi; i++ {
			marks[i] |= inNew
			if before[i].signature == d.signature {
				marks[i] |= keptNew
				kept = true
			}
		}
		if !kept {
			m := modified[d.key]
			if m == nil {
				m = &modifiedKey{}
				modified[d.key] = m
				modifiedOrder = append(modifiedOrder, d.key)
			}
			// The row's strings point into the batch: keep copies.
			m.copies = append(m.copies, recordRow{unit: strings.Clone(r.unit), id: strings.Clone(r.id),
				signature: strings.Clone(r.signature), updated: r.updated, hasTime: r.hasTime})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the new dataset's records: %w", err)
	}
	if len(before) == 0 {
		return nil
	}
	// The previous copies that were dropped (gone, from a record with no
	// modified copy) wait for a kept copy of their record, read below or
	// above them: those records are few, and only theirs are kept.
	keptCopy := map[uint64]*recordRow{}
	for i, d := range before {
		if marks[i] == inNew && modified[d.key] == nil {
			keptCopy[d.key] = nil
		}
	}
	type droppedCopy struct {
		key uint64
		row recordRow
	}
	var dropped []droppedCopy
	err = readRows(ctx, prevDir, prevRead, func(r *recordRow) error {
		d := digestOf(r)
		i, _ := slices.BinarySearchFunc(before, d, compareDigests)
		m := modified[d.key]
		switch {
		case marks[i]&inNew == 0:
			return w.add(ChangeRemoved, r.unit, r.id, r.signature, true, "", false, r.updated, r.hasTime)
		case marks[i]&keptNew != 0:
			if k, ok := keptCopy[d.key]; ok && k == nil {
				keptCopy[d.key] = &recordRow{signature: strings.Clone(r.signature), updated: r.updated, hasTime: r.hasTime}
			}
			if m != nil && m.before == "" {
				m.before = strings.Clone(r.signature)
			}
			return nil
		case m == nil:
			dropped = append(dropped, droppedCopy{d.key, recordRow{unit: strings.Clone(r.unit), id: strings.Clone(r.id),
				signature: strings.Clone(r.signature)}})
			return nil
		}
		now := m.copies[0]
		if m.paired < len(m.copies) {
			now = m.copies[m.paired]
			m.paired++
		}
		m.before = strings.Clone(r.signature)
		return w.add(ChangeModified, r.unit, r.id, r.signature, true, now.signature, true, now.updated, now.hasTime)
	})
	if err != nil {
		return fmt.Errorf("read the previous dataset's records: %w", err)
	}
	for _, c := range dropped {
		// A record with a dropped copy has a kept one: its new copies all
		// have previous signatures, and it has some.
		now := keptCopy[c.key]
		if now == nil {
			return fmt.Errorf("changes: record %s/%s lost a copy but has no kept copy", c.row.unit, c.row.id)
		}
		if err := w.add(ChangeModified, c.row.unit, c.row.id, c.row.signature, true, now.signature, true, now.updated, now.hasTime); err != nil {
			return err
		}
	}
	for _, key := range modifiedOrder {
		m := modified[key]
		for _, now := range m.copies[m.paired:] {
			if err := w.add(ChangeModified, now.unit, now.id, m.before, true, now.signature, true, now.updated, now.hasTime); err != nil {
				return err
			}
		}
	}
	return nil
}

// readRows calls fn with every row (record_id, doc_signature,
// last_time_updated, and the part's unit) of the given objects parts
// under dir, in order. The row is valid during the call only.
func readRows(ctx context.Context, dir string, parts []OutputFile, fn func(*recordRow) error) error {
	for _, p := range parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readPartRows(ctx, filepath.Join(dir, filepath.FromSlash(p.Path)), p.Unit, fn); err != nil {
			return err
		}
	}
	return nil
}

func readPartRows(ctx context.Context, path, unit string, fn func(*recordRow) error) error {
	f, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close() //nolint:errcheck // read only
	mem := memory.DefaultAllocator
	fr, err := pqarrow.NewFileReader(f, pqarrow.ArrowReadProperties{BatchSize: 8192}, mem)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var cols []int
	for _, name := range []string{"record_id", "doc_signature", "last_time_updated"} {
		idx := -1
		for _, fld := range fr.Manifest.Fields {
			if fld.Field.Name == name && fld.ColIndex >= 0 {
				idx = fld.ColIndex
			}
		}
		if idx < 0 {
			return fmt.Errorf("read %s: no column %s", path, name)
		}
		cols = append(cols, idx)
	}
	rr, err := fr.GetRecordReader(ctx, cols, nil)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer rr.Release()
	row := recordRow{unit: unit}
	for rr.Next() {
		rec := rr.RecordBatch()
		ids, err1 := schema.ReadStrings(rec.Column(0))
		sigs, err2 := schema.ReadStrings(rec.Column(1))
		times, ok3 := rec.Column(2).(*array.Timestamp)
		if err1 != nil || err2 != nil || !ok3 {
			return fmt.Errorf("read %s: unexpected column types %s", path, rec.Schema())
		}
		// The table's seconds come back in the unit Parquet stores.
		tsUnit := times.DataType().(*arrow.TimestampType).Unit
		for i := range int(rec.NumRows()) {
			row.id, row.signature, row.updated, row.hasTime = ids.Value(i), sigs.Value(i), 0, times.IsValid(i)
			if row.hasTime {
				row.updated = times.Value(i).ToTime(tsUnit).Unix()
			}
			if err := fn(&row); err != nil {
				return err
			}
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// changesBatchRows is how many changes are buffered before they are
// written as a row group.
const changesBatchRows = 64 * 1024

// changesWriter writes the changes of one run, dated runAt, to rel under
// staging (a temporary name until close), with the Parquet properties of
// the rollups, in batches: the file is created at the first change, so a
// run that changes nothing writes none.
type changesWriter struct {
	staging, rel string
	runAt        time.Time
	version      string

	part *PartWriter
	b    *array.RecordBuilder
}

func (w *changesWriter) add(kind, unit, id, before string, hasBefore bool, after string, hasAfter bool, updated int64, hasTime bool) error {
	if w.b == nil {
		if err := w.open(); err != nil {
			return err
		}
	}
	w.b.Field(0).(*array.StringBuilder).Append(id)
	w.b.Field(1).(*array.StringBuilder).Append(unit)
	w.b.Field(2).(*array.StringBuilder).Append(kind)
	w.b.Field(3).(*array.TimestampBuilder).Append(arrow.Timestamp(w.runAt.UTC().UnixMicro()))
	appendOptional(w.b.Field(4).(*array.StringBuilder), before, hasBefore)
	appendOptional(w.b.Field(5).(*array.StringBuilder), after, hasAfter)
	if hasTime {
		w.b.Field(6).(*array.TimestampBuilder).Append(arrow.Timestamp(updated))
	} else {
		w.b.Field(6).(*array.TimestampBuilder).AppendNull()
	}
	if w.b.Field(0).Len() >= changesBatchRows {
		return w.flush()
	}
	return nil
}

// changesLeaves is the storage of the changes columns: the rollups'
// (dictionary-encoded, with statistics), except the record ids and the
// signatures. Those are mostly distinct, so a dictionary holds every value
// once more and costs a hash per row: on a first run of 1M generated
// records, where every record is added, writing them plain took the file's
// writes from 1.97 to 1.31 CPU-s and the file from 54.3 to 50.1 MB
// (benchmarks/HISTORY.md).
var changesLeaves = []schema.Leaf{
	{Path: "record_id", Statistics: true},
	{Path: "doc_signature_before", Statistics: true},
	{Path: "doc_signature_after", Statistics: true},
}

// open starts the file through the part writer, with changesLeaves'
// storage.
func (w *changesWriter) open() error {
	mem := memory.DefaultAllocator
	format := &PartFormat{
		schema:       ChangesSchema,
		props:        writerProperties(w.version, DefaultRowGroupRows, mem, changesLeaves),
		arrowProps:   ArrowWriterProperties(mem),
		rowGroupRows: DefaultRowGroupRows,
	}
	part, err := format.Create(w.staging, w.rel, OutputFile{})
	if err != nil {
		return err
	}
	w.part, w.b = part, array.NewRecordBuilder(mem, ChangesSchema)
	return nil
}

func (w *changesWriter) flush() error {
	rec := w.b.NewRecordBatch()
	defer rec.Release()
	return w.part.Write(rec)
}

// close finishes the file and names it when ok, else removes it.
func (w *changesWriter) close(ok bool) error {
	if w.b == nil {
		return nil
	}
	defer w.b.Release()
	if ok && w.b.Field(0).Len() > 0 {
		if err := w.flush(); err != nil {
			w.part.Abort()
			return err
		}
	}
	if !ok {
		w.part.Abort()
		return nil
	}
	_, err := w.part.Close()
	return err
}

func appendOptional(b *array.StringBuilder, v string, ok bool) {
	if ok {
		b.Append(v)
	} else {
		b.AppendNull()
	}
}
