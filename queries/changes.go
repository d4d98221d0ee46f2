package queries

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/schema"
)

// createChangesView makes the dataset's changes history (dataset.ChangesDir)
// the view changes: every run's file, read as it is; an empty view with the
// history's columns when the dataset has none (written before soa kept one,
// or by a shard process).
func createChangesView(ctx context.Context, db *sql.DB, abs string) error {
	files, _ := filepath.Glob(filepath.Join(abs, filepath.FromSlash(dataset.ChangesGlob)))
	var stmt string
	if len(files) > 0 {
		glob := filepath.ToSlash(abs) + "/" + dataset.ChangesGlob
		stmt = fmt.Sprintf(`CREATE VIEW changes AS SELECT * FROM read_parquet(%s, hive_partitioning = false)`, sqlString(glob))
	} else {
		var cols []string
		for _, f := range dataset.ChangesSchema.Fields() {
			cols = append(cols, fmt.Sprintf("NULL::%s AS %s", schema.SQLType(f.Type), f.Name))
		}
		stmt = "CREATE VIEW changes AS SELECT " + strings.Join(cols, ", ") + " WHERE false"
	}
	if _, err := db.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("create view changes: %w", err)
	}
	return nil
}
