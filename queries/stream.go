package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Query runs query with args and returns its rows as they come, for a
// caller that reads more rows than it should hold at once (Rows holds
// them all). The caller closes the rows, and runs nothing else on d until
// then: d has one connection.
func (d *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return d.db.QueryContext(ctx, query, args...)
}

// Prepare parses and binds query without running it, so that an error in
// SQL a user gave (unknown column, syntax) is found before any work.
func (d *DB) Prepare(ctx context.Context, query string) error {
	stmt, err := d.db.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	return stmt.Close()
}

// Limit has DuckDB spill the sorts and joins of d's queries to files in
// tempDir (rather than in .tmp in the working folder), and caps its memory
// at memory (a DuckDB size such as "2GB") unless memory is "".
func (d *DB) Limit(ctx context.Context, memory, tempDir string) error {
	if memory != "" {
		if _, err := d.db.ExecContext(ctx, "SET memory_limit = "+sqlString(memory)); err != nil {
			return fmt.Errorf("set DuckDB's memory limit to %s: %w", memory, memoryLimitError{err})
		}
	}
	if _, err := d.db.ExecContext(ctx, "SET temp_directory = "+sqlString(tempDir)); err != nil {
		return fmt.Errorf("set DuckDB's temporary folder to %s: %w", tempDir, err)
	}
	return nil
}

// ErrMemoryLimit is what Limit's error is when DuckDB refused the memory
// size it was given (a mistyped flag, not a fault of the machine).
var ErrMemoryLimit = errors.New("DuckDB refused the memory limit")

type memoryLimitError struct{ err error }

func (e memoryLimitError) Error() string        { return e.err.Error() }
func (e memoryLimitError) Unwrap() error        { return e.err }
func (e memoryLimitError) Is(target error) bool { return target == ErrMemoryLimit }
