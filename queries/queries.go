// Package queries holds the bundled DuckDB queries (one .sql file each,
// embedded) and runs them, or ad-hoc SQL, over a soa dataset in which the
// tables objects, media, facets, freetext and other are views.
//
// Its contract with the converter is the on-disk layout and the column
// names (docs/DATASET.md); it does not import convert.
//
// Most bundled queries read rollups (schema.Rollups, views of the same
// names) rather than the tables, and keep the same question over the tables
// in base/<name>.sql; TestRollupsEqualBase holds the two to the same rows.
// A new query that sums what a rollup already counts (per unit, list value,
// country, year, taxon, media size, freetext label, name) reads it the same
// way and adds its base SQL; one that needs another count adds a rollup in
// schema/rollup.go and its tally in rollup/tally.go. A query over the
// tables alone needs nothing more: without base SQL it runs as it is.
package queries

import (
	"bufio"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed *.sql base/*.sql
var files embed.FS

// Query is one bundled query.
type Query struct {
	Name        string
	Description string
	Reads       string // the tables it reads
	Columns     string // its output columns
	Params      []Param
	SQL         string
	// BaseSQL asks the same question of the five tables, for a query whose
	// SQL reads rollups (base/<name>.sql; empty when SQL reads the tables
	// itself). The two return the same rows (TestRollupsEqualBase); BaseSQL
	// runs on a dataset written before rollups existed (see DB.SQL).
	BaseSQL string
}

// Param is a named parameter, bound as $name, never pasted into the SQL.
type Param struct {
	Name    string
	Type    string // DuckDB type: VARCHAR, INTEGER, BIGINT, DOUBLE, DATE (YYYY-MM-DD)
	Default string // "NULL" for none
	Doc     string
}

// ErrUnknown means no bundled query has that name.
var ErrUnknown = errors.New("no such query")

// List returns the bundled queries sorted by name.
func List() ([]Query, error) {
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []Query
	for _, n := range names {
		q, err := load(n)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// Get returns the named query.
func Get(name string) (Query, error) {
	q, err := load(name + ".sql")
	if errors.Is(err, fs.ErrNotExist) {
		return Query{}, fmt.Errorf("%w %q; run 'soa query DATASET --list'", ErrUnknown, name)
	}
	return q, err
}

// load parses a query file. Its header is a block of `--` lines:
//
//	-- <description>
//	-- reads: <tables>
//	-- columns: <output columns>
//	-- param: <name> <TYPE> <default|NULL> <what it does>
func load(file string) (Query, error) {
	data, err := files.ReadFile(file)
	if err != nil {
		return Query{}, err
	}
	q := Query{Name: strings.TrimSuffix(path.Base(file), ".sql"), SQL: string(data)}
	if base, err := files.ReadFile("base/" + file); err == nil {
		q.BaseSQL = string(base)
	}
	sc := bufio.NewScanner(strings.NewReader(q.SQL))
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "--")
		if !ok {
			break
		}
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "reads:"):
			q.Reads = strings.TrimSpace(strings.TrimPrefix(line, "reads:"))
		case strings.HasPrefix(line, "columns:"):
			q.Columns = strings.TrimSpace(strings.TrimPrefix(line, "columns:"))
		case strings.HasPrefix(line, "param:"):
			f := strings.Fields(strings.TrimPrefix(line, "param:"))
			if len(f) < 4 {
				return q, fmt.Errorf("%s: param line needs name, type, default and a description: %q", file, line)
			}
			q.Params = append(q.Params, Param{Name: f[0], Type: f[1], Default: f[2], Doc: strings.Join(f[3:], " ")})
		case q.Description == "" && line != "":
			q.Description = line
		}
	}
	if q.Description == "" || q.Reads == "" || q.Columns == "" {
		return q, fmt.Errorf("%s: the header must give a description and the reads and columns lines", file)
	}
	return q, nil
}

// Args turns k=v strings into the query's bound arguments, every declared
// parameter bound (to its default when not given), each converted to its
// declared type.
func (q Query) Args(given map[string]string) ([]any, error) {
	for k := range given {
		if !slices.ContainsFunc(q.Params, func(p Param) bool { return p.Name == k }) {
			var names []string
			for _, p := range q.Params {
				names = append(names, p.Name)
			}
			if len(names) == 0 {
				return nil, fmt.Errorf("query %s takes no parameters, got %q", q.Name, k)
			}
			return nil, fmt.Errorf("query %s has no parameter %q (it takes: %s)", q.Name, k, strings.Join(names, ", "))
		}
	}
	var args []any
	for _, p := range q.Params {
		v, ok := given[p.Name]
		if !ok {
			v = p.Default
		}
		val, err := convertValue(p, v)
		if err != nil {
			return nil, fmt.Errorf("query %s: parameter %s: %w", q.Name, p.Name, err)
		}
		args = append(args, namedArg(p.Name, val))
	}
	return args, nil
}

func convertValue(p Param, v string) (any, error) {
	if v == "NULL" {
		return nil, nil
	}
	switch p.Type {
	case "VARCHAR":
		return v, nil
	case "INTEGER", "BIGINT":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", v)
		}
		return n, nil
	case "DOUBLE":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", v)
		}
		return f, nil
	case "DATE":
		// Checked here for a clear message, bound as text: the SQL casts it.
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return nil, fmt.Errorf("%q is not a date (want YYYY-MM-DD, such as 2026-11-01)", v)
		}
		return v, nil
	}
	return nil, fmt.Errorf("unsupported parameter type %s", p.Type)
}

// namedArg binds a value to $name.
func namedArg(name string, v any) any { return sql.Named(name, v) }
