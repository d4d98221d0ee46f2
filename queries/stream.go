package queries

import (
	"context"
	"database/sql"
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
