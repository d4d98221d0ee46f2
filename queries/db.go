package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/schema"
)

// DB is an in-memory DuckDB with the dataset's tables, and its rollups
// (schema.Rollups), as views.
type DB struct {
	db      *sql.DB
	Dataset string
	// Rollups says whether the dataset has rollups; a dataset written
	// before soa wrote them has none, and DB.SQL then gives base queries.
	Rollups bool
	unlock  func()
}

// Open opens dir, a dataset written by soa convert. Tables without files
// are empty views with the table's columns, so every query runs on any
// dataset. A folder that is not a dataset gives an error wrapping
// dataset.ErrNotDataset. Until Close, the DB holds the dataset's read
// lock (dataset.ReadLock): every query reads one version of it, even when
// a conversion swaps a new one in meanwhile.
func Open(ctx context.Context, dir string) (_ *DB, err error) {
	unlock, err := dataset.ReadLock(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			unlock()
		}
	}()
	if err := dataset.Check(dir); err != nil {
		if errors.Is(err, dataset.ErrNotDataset) {
			return nil, fmt.Errorf("%w (give the folder soa convert wrote)", err)
		}
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, fmt.Errorf("open duckdb: %w", err)
	}
	// One connection: views live in it, and DuckDB parallelises each query itself.
	db.SetMaxOpenConns(1)
	for _, t := range dataset.TableNames() {
		parts, _ := filepath.Glob(filepath.Join(abs, filepath.FromSlash(dataset.PartGlob(t))))
		var stmt string
		if len(parts) > 0 {
			glob := filepath.ToSlash(abs) + "/" + dataset.PartGlob(t)
			stmt = fmt.Sprintf(`CREATE VIEW %s AS SELECT * FROM read_parquet(%s, hive_partitioning = true, hive_types = {'unit_code': VARCHAR})`, t, sqlString(glob))
		} else {
			stmt = fmt.Sprintf("CREATE VIEW %s AS %s", t, emptySelect(t))
		}
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			_ = db.Close()
			return nil, fmt.Errorf("create view %s: %w", t, err)
		}
	}
	// Rollup files are read as they are: no hive partitioning (unit_code is
	// a column in them), no schema merging (every file has the rollup's).
	for _, r := range schema.Rollups {
		files, _ := filepath.Glob(filepath.Join(abs, filepath.FromSlash(dataset.RollupGlob(r.Name))))
		var stmt string
		if len(files) > 0 {
			glob := filepath.ToSlash(abs) + "/" + dataset.RollupGlob(r.Name)
			stmt = fmt.Sprintf(`CREATE VIEW %s AS SELECT * FROM read_parquet(%s, hive_partitioning = false)`, r.Name, sqlString(glob))
		} else {
			stmt = fmt.Sprintf("CREATE VIEW %s AS %s", r.Name, emptyRollup(r))
		}
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			_ = db.Close()
			return nil, fmt.Errorf("create view %s: %w", r.Name, err)
		}
	}
	if err := createChangesView(ctx, db, abs); err != nil {
		_ = db.Close()
		return nil, err
	}
	return &DB{db: db, Dataset: dir, Rollups: dataset.HasRollups(dir), unlock: unlock}, nil
}

// SQL is the SQL to run for q on this dataset: q.SQL, or, on a dataset
// without rollups, q.BaseSQL where q.SQL reads rollups.
func (d *DB) SQL(q Query) string {
	if !d.Rollups && q.BaseSQL != "" {
		return q.BaseSQL
	}
	return q.SQL
}

// Close releases the database and the dataset's read lock.
func (d *DB) Close() error {
	err := d.db.Close()
	d.unlock()
	return err
}

// Rows runs sql with args and returns its column names and rows, values as
// database/sql scans them.
func (d *DB) Rows(ctx context.Context, query string, args ...any) ([]string, [][]any, error) {
	var cols []string
	var out [][]any
	err := d.Each(ctx, query, args,
		func(c []string) error { cols = c; return nil },
		func(vals []any) error { out = append(out, slices.Clone(vals)); return nil })
	return cols, out, err
}

// Each runs sql with args, gives start the column names, then row every
// row in order as database/sql scans it, without holding the rows: vals is
// reused from one call to the next. An error of start or row stops the
// query and is returned as it is.
func (d *DB) Each(ctx context.Context, query string, args []any, start func(cols []string) error, row func(vals []any) error) error {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close() //nolint:errcheck // rows.Err, checked below, says whether the rows were all read
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if err := start(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		clear(vals)
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := row(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CopyParquet writes the result of query to path as Parquet, through DuckDB.
func (d *DB) CopyParquet(ctx context.Context, query, path string, args ...any) error {
	q := strings.TrimRight(strings.TrimSpace(stripComments(query)), ";")
	_, err := d.db.ExecContext(ctx, fmt.Sprintf("COPY (%s) TO %s (FORMAT parquet, COMPRESSION zstd)", q, sqlString(path)), args...)
	return err
}

// emptySelect selects no rows with the table's columns and types (and the
// partition column), for a table the dataset has no file of.
func emptySelect(table string) string {
	var cols []string
	for _, tb := range schema.Tables {
		if tb.Name == table {
			for _, c := range tb.Columns {
				cols = append(cols, fmt.Sprintf("NULL::%s AS %s", schema.SQLType(c.Type.Arrow), c.Name))
			}
		}
	}
	cols = append(cols, "NULL::VARCHAR AS unit_code")
	return "SELECT " + strings.Join(cols, ", ") + " WHERE false"
}

// emptyRollup selects no rows with a rollup's columns and types.
func emptyRollup(r *schema.Rollup) string {
	var cols []string
	for _, c := range r.Columns {
		cols = append(cols, fmt.Sprintf("NULL::%s AS %s", schema.SQLType(c.Type.Arrow), c.Name))
	}
	return "SELECT " + strings.Join(cols, ", ") + " WHERE false"
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// stripComments removes whole-line -- comments, so a query can be wrapped.
func stripComments(q string) string {
	var b strings.Builder
	for _, line := range strings.Split(q, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
