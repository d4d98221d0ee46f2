package dataset

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
	return ChangesDir + "/" + runAt.UTC().Format("20060102T150405.000000Z") + ".parquet"
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
	changes, err := diffRecords(ctx, s.Final, prevOutputs, s.Dir, m.Outputs)
	if err != nil {
		return err
	}
	return writeChanges(s.Dir, ChangesName(runAt), changes, runAt, m.ToolVersion)
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

// recordKey identifies a record: its unit and record_id.
type recordKey struct{ unit, id string }

// recordVersion is what tells versions of a record apart.
type recordVersion struct {
	signature string
	updated   int64
	hasTime   bool
}

// change is one row of a changes file.
type change struct {
	key            recordKey
	kind           string
	before, after  string
	hasBefore      bool
	hasAfter       bool
	updated        int64
	hasUpdatedTime bool
}

// diffRecords compares the objects parts of the previous dataset (at
// prevDir, listed in prevOutputs) with those of the new one. Only the
// groups whose objects parts differ are read: a group taken over unchanged
// has the same records, and costs nothing. A record id that appears more
// than once in a unit is compared by its last row.
func diffRecords(ctx context.Context, prevDir string, prevOutputs []OutputFile, newDir string, newOutputs []OutputFile) ([]change, error) {
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
	var prevRead, newRead []OutputFile
	for g, outs := range prevGroups {
		if !same(outs, newGroups[g]) {
			prevRead = append(prevRead, outs...)
		}
	}
	for g, outs := range newGroups {
		if !same(outs, prevGroups[g]) {
			newRead = append(newRead, outs...)
		}
	}
	before, err := readRecordVersions(ctx, prevDir, prevRead)
	if err != nil {
		return nil, fmt.Errorf("read the previous dataset's records: %w", err)
	}
	after, err := readRecordVersions(ctx, newDir, newRead)
	if err != nil {
		return nil, fmt.Errorf("read the new dataset's records: %w", err)
	}
	var out []change
	for k, a := range after {
		b, had := before[k]
		switch {
		case !had:
			out = append(out, change{key: k, kind: ChangeAdded, after: a.signature, hasAfter: true, updated: a.updated, hasUpdatedTime: a.hasTime})
		case b.signature != a.signature:
			out = append(out, change{key: k, kind: ChangeModified, before: b.signature, hasBefore: true, after: a.signature, hasAfter: true, updated: a.updated, hasUpdatedTime: a.hasTime})
		}
	}
	for k, b := range before {
		if _, ok := after[k]; !ok {
			out = append(out, change{key: k, kind: ChangeRemoved, before: b.signature, hasBefore: true, updated: b.updated, hasUpdatedTime: b.hasTime})
		}
	}
	slices.SortFunc(out, func(x, y change) int {
		return cmp.Or(strings.Compare(x.key.unit, y.key.unit), strings.Compare(x.key.id, y.key.id))
	})
	return out, nil
}

// readRecordVersions reads record_id, doc_signature and last_time_updated
// of every row of the given objects parts under dir.
func readRecordVersions(ctx context.Context, dir string, parts []OutputFile) (map[recordKey]recordVersion, error) {
	out := map[recordKey]recordVersion{}
	for _, p := range parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := readPartVersions(ctx, filepath.Join(dir, filepath.FromSlash(p.Path)), p.Unit, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readPartVersions(ctx context.Context, path, unit string, out map[recordKey]recordVersion) error {
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
	sc := fr.Manifest
	var cols []int
	for _, name := range []string{"record_id", "doc_signature", "last_time_updated"} {
		idx := -1
		for _, fld := range sc.Fields {
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
	for rr.Next() {
		rec := rr.RecordBatch()
		ids, ok1 := rec.Column(0).(*array.String)
		sigs, ok2 := rec.Column(1).(*array.String)
		times, ok3 := rec.Column(2).(*array.Timestamp)
		if !ok1 || !ok2 || !ok3 {
			return fmt.Errorf("read %s: unexpected column types %s", path, rec.Schema())
		}
		// The table's seconds come back in the unit Parquet stores.
		tsUnit := times.DataType().(*arrow.TimestampType).Unit
		for i := range int(rec.NumRows()) {
			v := recordVersion{signature: sigs.Value(i)}
			if times.IsValid(i) {
				v.updated, v.hasTime = times.Value(i).ToTime(tsUnit).Unix(), true
			}
			out[recordKey{unit: unit, id: ids.Value(i)}] = v
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// writeChanges writes the changes of a run, dated runAt, to rel under
// staging, with the Parquet conventions of the rollups; nothing when there
// are none.
func writeChanges(staging, rel string, changes []change, runAt time.Time, version string) error {
	if len(changes) == 0 {
		return nil
	}
	mem := memory.DefaultAllocator
	b := array.NewRecordBuilder(mem, ChangesSchema)
	defer b.Release()
	ids := b.Field(0).(*array.StringBuilder)
	units := b.Field(1).(*array.StringBuilder)
	kinds := b.Field(2).(*array.StringBuilder)
	runs := b.Field(3).(*array.TimestampBuilder)
	befores := b.Field(4).(*array.StringBuilder)
	afters := b.Field(5).(*array.StringBuilder)
	updated := b.Field(6).(*array.TimestampBuilder)
	run := arrow.Timestamp(runAt.UTC().UnixMicro())
	for _, c := range changes {
		ids.Append(c.key.id)
		units.Append(c.key.unit)
		kinds.Append(c.kind)
		runs.Append(run)
		appendOptional(befores, c.before, c.hasBefore)
		appendOptional(afters, c.after, c.hasAfter)
		if c.hasUpdatedTime {
			updated.Append(arrow.Timestamp(c.updated))
		} else {
			updated.AppendNull()
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()

	path := filepath.Join(staging, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	fw, err := pqarrow.NewFileWriter(ChangesSchema, NewHashingWriter(f), RollupWriterProperties(version, mem), ArrowWriterProperties(mem))
	if err == nil {
		err = fw.Write(rec)
		if cerr := fw.Close(); err == nil {
			err = cerr
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

func appendOptional(b *array.StringBuilder, v string, ok bool) {
	if ok {
		b.Append(v)
	} else {
		b.AppendNull()
	}
}
