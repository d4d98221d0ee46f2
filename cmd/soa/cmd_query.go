package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/output/atomicfile"
	"github.com/soa-project/soa/queries"
)

// params collects repeated --param k=v flags.
type params map[string]string

func (p params) String() string { return "" }
func (p params) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("want --param name=value, got %q", s)
	}
	p[k] = v
	return nil
}

func queryCommand() *command {
	return &command{
		name:  "query",
		exits: []int{0, 1, 2, 130},
		usage: "DATASET (--list | NAME [--param k=v]... | --sql SQL) [--format table|csv|json|parquet] [-o FILE] [--memory SIZE]",
		short: "run a bundled DuckDB query, or your own SQL, over a dataset",
		long: `Query runs one of the bundled queries (soa query --list shows them, with
their parameters and defaults) or ad-hoc SQL over DATASET, in which objects,
media, facets, freetext and other are views (with unit_code as a column).
Parameters are bound, never pasted into SQL. --format parquet needs -o FILE.
csv and json write every row as it comes; table shows the first 10,000
(it aligns them) and counts the rest.`,
		define: func(fs *flag.FlagSet) runFunc {
			list := fs.Bool("list", false, "list the bundled queries")
			sqlText := fs.String("sql", "", "run this SQL instead of a bundled query")
			format := fs.String("format", "table", "result format: "+strings.Join(queries.Formats, ", "))
			out := fs.String("o", "", "write the result to `FILE` instead of stdout")
			memory := fs.String("memory", "", "cap DuckDB's memory at `SIZE` (1GB); past it sorts and joins spill to a folder beside -o FILE, or to the system's temporary folder (default, or 0: DuckDB's, 80% of the machine's)")
			given := params{}
			fs.Var(given, "param", "bind a query parameter, `name=value` (repeatable)")
			return func(ctx context.Context, e env, args []string) error {
				if *list {
					qs, err := queries.List()
					if err != nil {
						return err
					}
					writeList(e.stdout, qs)
					return nil
				}
				if len(args) == 0 {
					return usageError{errors.New("query: give the DATASET folder")}
				}
				if !slices.Contains(queries.Formats, *format) {
					return usageError{fmt.Errorf("query: unknown format %q (want %s)", *format, strings.Join(queries.Formats, ", "))}
				}
				var (
					sqlQuery string
					query    *queries.Query
					bound    []any
				)
				switch {
				case *sqlText != "" && len(args) == 1:
					if len(given) > 0 {
						return usageError{errors.New("query: --param goes with a bundled query, not --sql")}
					}
					sqlQuery = *sqlText
				case *sqlText == "" && len(args) == 2:
					q, err := getQuery(args[1])
					if err != nil {
						return err
					}
					if bound, err = q.Args(given); err != nil {
						return usageError{fmt.Errorf("%w%s", err, paramHint(q, given))}
					}
					query = &q
				default:
					return usageError{errors.New("query: give DATASET and either a query NAME or --sql SQL (see soa query -h)")}
				}
				return runQuery(ctx, e, args[0], sqlQuery, query, bound, *format, *out, *memory)
			}
		},
	}
}

// runQuery runs sqlQuery, or the bundled query q when it is set (its SQL
// for this dataset: see queries.DB.SQL), on the dataset.
func runQuery(ctx context.Context, e env, dataset, sqlQuery string, q *queries.Query, args []any, format, out, memory string) error {
	// DuckDB spills beside -o FILE (as soa export does: the system's
	// temporary folder is often in memory), else in that folder. The folder
	// is made before the database is opened, so that it is removed after
	// the database is closed.
	var spill string
	if memory != "" && memory != "0" {
		var err error
		if spill, err = os.MkdirTemp(spillParent(out), ".soa-query-spill-"); err != nil {
			return fmt.Errorf("query: a folder for DuckDB to spill to, past --memory: %w", err)
		}
		defer os.RemoveAll(spill) //nolint:errcheck // best effort: DuckDB's spill files, if any
	}
	db, err := openDataset(ctx, dataset)
	if err != nil {
		return err
	}
	defer db.Close() //nolint:errcheck // an in-memory database: nothing is lost on close
	if spill != "" {
		err := db.Limit(ctx, memory, spill)
		if errors.Is(err, queries.ErrMemoryLimit) {
			return usageError{fmt.Errorf("query: %w (--memory takes a size such as 1GB or 500MB, or 0 for DuckDB's default)", err)}
		}
		if err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	if q != nil {
		sqlQuery = db.SQL(*q)
	}
	if format == "parquet" {
		if out == "" {
			return usageError{errors.New("query: --format parquet needs -o FILE")}
		}
		if err := db.CopyParquet(ctx, sqlQuery, out, args...); err != nil {
			return fmt.Errorf("query failed: %w", err)
		}
		return nil
	}
	// The rows go out as DuckDB gives them (queries.RowWriter): a listing
	// such as changes_since on a first run has a row per record.
	write := func(w io.Writer) error {
		var rw *queries.RowWriter
		var writeErr error
		err := db.Each(ctx, sqlQuery, args,
			func(cols []string) error {
				rw, writeErr = queries.NewRowWriter(w, format, cols)
				return writeErr
			},
			func(vals []any) error {
				writeErr = rw.Row(vals)
				return writeErr
			})
		if writeErr != nil {
			return fmt.Errorf("write the result: %w", writeErr)
		}
		if err != nil {
			return fmt.Errorf("query failed: %w", err)
		}
		if err := rw.Close(); err != nil {
			return fmt.Errorf("write the result: %w", err)
		}
		return nil
	}
	if out == "" {
		bw := bufio.NewWriterSize(e.stdout, 64<<10)
		if err := write(bw); err != nil {
			bw.Flush() //nolint:errcheck // the rows before the error are shown; the error is what is returned
			return err
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("write the result: %w", err)
		}
		return nil
	}
	return atomicfile.Stream(out, write)
}

// spillParent is the folder DuckDB spills to past --memory: beside the
// result file when there is one, else the system's temporary folder.
func spillParent(out string) string {
	if out == "" {
		return ""
	}
	return filepath.Dir(out)
}

// getQuery returns the bundled query name, or an error that names the
// closest one when name is misspelt.
func getQuery(name string) (queries.Query, error) {
	q, err := queries.Get(name)
	if !errors.Is(err, queries.ErrUnknown) {
		return q, err
	}
	qs, lerr := queries.List()
	if lerr != nil {
		return q, err
	}
	names := make([]string, len(qs))
	for i, q := range qs {
		names[i] = q.Name
	}
	return q, fmt.Errorf("%w %q%s; run 'soa query --list' for them all", queries.ErrUnknown, name, didYouMean(name, names))
}

// openDataset opens the dataset in dir for queries. A folder that does not
// exist is told apart from one that holds no dataset, with the name of a
// dataset beside it that looks like what was meant.
func openDataset(ctx context.Context, dir string) (*queries.DB, error) {
	db, err := queries.Open(ctx, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist%s; give the folder that soa convert or soa demo wrote", dir, nearbyDataset(dir))
	}
	return db, err
}

// nearbyDataset is " (did you mean D?)" for the dataset folder beside dir
// whose name is closest to dir's, or "" if none is close.
func nearbyDataset(dir string) string {
	parent, base := filepath.Split(filepath.Clean(dir))
	entries, err := os.ReadDir(filepath.Join(parent, "."))
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && dataset.Check(filepath.Join(parent, e.Name())) == nil {
			names = append(names, e.Name())
		}
	}
	if c := closest(base, names); c != "" {
		return " (did you mean " + filepath.Join(parent, c) + "?)"
	}
	return ""
}

// writeList writes one line per bundled query, its name and what it
// answers, and below it one line per parameter: how to set it, its type,
// what it does and its default ("none": the parameter does not filter).
func writeList(w io.Writer, qs []queries.Query) {
	width := 0
	for _, q := range qs {
		width = max(width, len(q.Name))
	}
	for _, q := range qs {
		fmt.Fprintf(w, "%-*s  %s\n", width, q.Name, q.Description)
		for _, p := range q.Params {
			def := p.Default
			if def == "NULL" {
				def = "none"
			}
			fmt.Fprintf(w, "%-*s  %-27s %s (default: %s)\n", width, "", "--param "+p.Name+"="+p.Type, p.Doc, def)
		}
	}
	fmt.Fprintf(w, "\nRun one: soa query DATASET NAME [--param name=value]...\n")
}

// paramHint names the parameter of q closest to a misspelt one given
// (limt: "did you mean limit?"), or is "".
func paramHint(q queries.Query, given params) string {
	var names []string
	for _, p := range q.Params {
		names = append(names, p.Name)
	}
	for _, k := range slices.Sorted(maps.Keys(given)) {
		if !slices.Contains(names, k) {
			return didYouMean(k, names)
		}
	}
	return ""
}
