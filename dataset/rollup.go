package dataset

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/schema"
)

// RollupsDir holds the rollups (schema.Rollups): one folder per rollup, one
// file per group in it (`group-<group>.parquet`, the group escaped like a
// unit code), or one file for the whole dataset (`dataset.parquet`) for a
// global rollup. It starts with "_", so readers globbing the table folders
// or the dataset root for tables never meet a rollup.
const RollupsDir = "_rollups"

// RollupGlob is the pattern, relative to the dataset folder, of every file
// of a rollup.
func RollupGlob(name string) string { return RollupsDir + "/" + name + "/*" + parquetExt }

// RollupPath is the path, relative to the dataset folder, of a group's file
// of a rollup, or of a global rollup's one file when group is "".
func RollupPath(name, group string) string {
	if group == "" {
		return RollupsDir + "/" + name + "/dataset" + parquetExt
	}
	return RollupsDir + "/" + name + "/group-" + escapeName(group) + parquetExt
}

// HasRollups says whether the dataset in dir has rollups (every dataset
// written by a soa that writes them has the global duplicate_records file).
func HasRollups(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(RollupPath(schema.Rollups[schema.DuplicateRecords].Name, ""))))
	return err == nil
}

// CreateRollupFile starts group's file of rollup r in the dataset folder
// dir (a staging folder), in the rollup format (see RollupFormat).
func CreateRollupFile(dir string, r *schema.Rollup, group, version string, mem memory.Allocator) (*PartWriter, error) {
	return RollupFormat(r, version, mem).Create(dir, RollupPath(r.Name, group), OutputFile{Rollup: r.Name, Group: group})
}

// writeDuplicates writes the global duplicate_records rollup: the record
// ids found more than once over the record_ids files of all groups, which
// are each sorted by record id, so one merge of them finds every id held by
// several files or counted more than once in one. It is written again at
// every run and merge, from the groups' files, like the manifest.
func writeDuplicates(ctx context.Context, staging string, groups []*GroupState, version string) (OutputFile, error) {
	mem := memory.DefaultAllocator
	var paths []string
	for _, g := range groups {
		for _, o := range g.Outputs {
			if o.Rollup == schema.Rollups[schema.RecordIDs].Name {
				paths = append(paths, o.Path)
			}
		}
	}
	slices.Sort(paths)
	var cursors idHeap
	defer func() {
		for _, c := range cursors {
			c.close()
		}
	}()
	for _, p := range paths {
		c, err := openIDCursor(ctx, filepath.Join(staging, filepath.FromSlash(p)), mem)
		if err != nil {
			return OutputFile{}, err
		}
		if c.ok() {
			cursors = append(cursors, c)
		} else {
			c.close()
		}
	}
	heap.Init(&cursors)

	r := schema.Rollups[schema.DuplicateRecords]
	out, err := CreateRollupFile(staging, r, "", version, mem)
	if err != nil {
		return OutputFile{}, err
	}
	b := array.NewRecordBuilder(mem, r.Schema())
	defer b.Release()
	flush := func() error {
		rec := b.NewRecordBatch()
		defer rec.Release()
		return out.Write(rec)
	}
	var units []string
	for n := 0; len(cursors) > 0; n++ {
		if n%65536 == 0 && ctx.Err() != nil {
			out.Abort()
			return OutputFile{}, ctx.Err()
		}
		id := cursors[0].id()
		var copies int64
		units = units[:0]
		for len(cursors) > 0 && cursors[0].id() == id {
			c := cursors[0]
			copies += c.documents()
			if u := c.unit(); !slices.Contains(units, u) {
				units = append(units, u)
			}
			if err := c.next(); err != nil {
				out.Abort()
				return OutputFile{}, err
			}
			if c.ok() {
				heap.Fix(&cursors, 0)
			} else {
				heap.Pop(&cursors)
				c.close()
			}
		}
		if copies < 2 {
			continue
		}
		slices.Sort(units)
		b.Field(0).(*array.StringBuilder).Append(id)
		b.Field(1).(*array.Int64Builder).Append(copies)
		b.Field(2).(*array.StringBuilder).Append(strings.Join(units, ","))
		if b.Field(0).Len() == 4096 {
			if err := flush(); err != nil {
				out.Abort()
				return OutputFile{}, err
			}
		}
	}
	if err := flush(); err != nil {
		out.Abort()
		return OutputFile{}, err
	}
	return out.Close()
}

// idCursor walks one record_ids file in its order (record id, unit).
type idCursor struct {
	path string
	f    *file.Reader
	rr   pqarrow.RecordReader
	rec  arrow.RecordBatch
	row  int
	ids  schema.Strings
	uns  schema.Strings
	docs *array.Int64
}

func openIDCursor(ctx context.Context, path string, mem memory.Allocator) (*idCursor, error) {
	f, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	fr, err := pqarrow.NewFileReader(f, pqarrow.ArrowReadProperties{BatchSize: 8192}, mem)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	c := &idCursor{path: path, f: f, rr: rr, row: -1}
	if err := c.next(); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *idCursor) ok() bool         { return c.rec != nil }
func (c *idCursor) id() string       { return c.ids.Value(c.row) }
func (c *idCursor) unit() string     { return c.uns.Value(c.row) }
func (c *idCursor) documents() int64 { return c.docs.Value(c.row) }
func (c *idCursor) less(o *idCursor) bool {
	return c.id() < o.id() || c.id() == o.id() && c.path < o.path
}

// next moves to the next row; at the end ok turns false.
func (c *idCursor) next() error {
	c.row++
	for c.rec == nil || c.row >= int(c.rec.NumRows()) {
		if c.rec != nil {
			c.rec.Release()
			c.rec = nil
		}
		if !c.rr.Next() {
			if err := c.rr.Err(); err != nil {
				return fmt.Errorf("read %s: %w", c.path, err)
			}
			return nil
		}
		c.rec = c.rr.RecordBatch()
		c.rec.Retain()
		c.row = 0
		var idErr, unitErr error
		c.ids, idErr = schema.ReadStrings(c.rec.Column(0))
		c.uns, unitErr = schema.ReadStrings(c.rec.Column(1))
		if err := errors.Join(idErr, unitErr); err != nil {
			return fmt.Errorf("read %s: %w", c.path, err)
		}
		c.docs = c.rec.Column(2).(*array.Int64)
	}
	return nil
}

func (c *idCursor) close() {
	if c.rec != nil {
		c.rec.Release()
		c.rec = nil
	}
	c.rr.Release()
	_ = c.f.Close()
}

// idHeap orders cursors by their current record id.
type idHeap []*idCursor

func (h idHeap) Len() int           { return len(h) }
func (h idHeap) Less(i, j int) bool { return h[i].less(h[j]) }
func (h idHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *idHeap) Push(x any)        { *h = append(*h, x.(*idCursor)) }
func (h *idHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}
