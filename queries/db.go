package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
	"github.com/soa-project/soa/schema"
)

// Tables are the views every query may read.
var Tables = []string{"objects", "media", "facets", "freetext", "other"}

// ErrNotDataset means the folder holds no soa dataset.
var ErrNotDataset = errors.New("not a soa dataset")

// DB is an in-memory DuckDB with the dataset's tables as views.
type DB struct {
	db      *sql.DB
	Dataset string
}

// Open opens dataset (a folder written by soa convert). Tables without files
// are empty views with the table's columns, so every query runs on any
// dataset.
func Open(ctx context.Context, dataset string) (*DB, error) {
	if _, err := os.Stat(filepath.Join(dataset, "_manifest.json")); err != nil {
		return nil, fmt.Errorf("%w: %s has no _manifest.json (give the folder soa convert wrote)", ErrNotDataset, dataset)
	}
	abs, err := filepath.Abs(dataset)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, fmt.Errorf("open duckdb: %w", err)
	}
	// One connection: views live in it, and DuckDB parallelises each query itself.
	db.SetMaxOpenConns(1)
	for _, t := range Tables {
		parts, _ := filepath.Glob(filepath.Join(abs, t, "unit_code=*", "*.parquet"))
		var stmt string
		if len(parts) > 0 {
			glob := filepath.ToSlash(filepath.Join(abs, t)) + "/*/*.parquet"
			stmt = fmt.Sprintf(`CREATE VIEW %s AS SELECT * FROM read_parquet(%s, hive_partitioning = true, hive_types = {'unit_code': VARCHAR})`, t, sqlString(glob))
		} else {
			stmt = fmt.Sprintf("CREATE VIEW %s AS %s", t, emptySelect(t))
		}
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			db.Close()
			return nil, fmt.Errorf("create view %s: %w", t, err)
		}
	}
	return &DB{db: db, Dataset: dataset}, nil
}

// Close releases the database.
func (d *DB) Close() error { return d.db.Close() }

// Rows runs sql with args and returns its column names and rows, values as
// database/sql scans them.
func (d *DB) Rows(ctx context.Context, query string, args ...any) ([]string, [][]any, error) {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		out = append(out, vals)
	}
	return cols, out, rows.Err()
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
				cols = append(cols, fmt.Sprintf("NULL::%s AS %s", schema.SQLType(c.Type), c.Name))
			}
		}
	}
	cols = append(cols, "NULL::VARCHAR AS unit_code")
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
