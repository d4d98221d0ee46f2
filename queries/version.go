package queries

import (
	"context"
	"database/sql"
	"fmt"
)

// DuckDBVersion is the version of the DuckDB library soa runs its queries
// on ("v1.5.6"), asked of an in-memory database.
func DuckDBVersion(ctx context.Context) (string, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return "", fmt.Errorf("open duckdb: %w", err)
	}
	defer db.Close() //nolint:errcheck // an empty in-memory database
	var v string
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&v); err != nil {
		return "", fmt.Errorf("ask duckdb its version: %w", err)
	}
	return v, nil
}
