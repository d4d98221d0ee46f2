package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/soa-project/soa/internal/front/report"
	"github.com/soa-project/soa/internal/output/atomicfile"
)

func reportCommand() *command {
	return &command{
		name:  "report",
		exits: []int{0, 1, 2, 130},
		usage: "DATASET -o report.html",
		short: "write a self-contained HTML report with charts of a dataset",
		long: `Report writes one HTML file with the dataset's headline figures and charts:
records by unit (with the museum's name), by decade and by year, a world map of
the records' coordinates, object types, topics and names, taxonomy of the
natural-history units, media by type and by unit, a fill-rate heatmap (unit by
field) and where the data comes from. Every chart names the bundled query behind
it (docs/REPORT.md). It needs no network to view and prints cleanly; its date is
$SOURCE_DATE_EPOCH when set, so that a rebuild gives the same bytes.`,
		define: func(fs *flag.FlagSet) runFunc {
			out := fs.String("o", "report.html", "output HTML `file`")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) != 1 {
					return usageError{errors.New("report: give the DATASET folder")}
				}
				if err := writeReport(ctx, args[0], *out); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Report: %s (open it in a browser)\n", *out)
				return nil
			}
		},
	}
}

func writeReport(ctx context.Context, dataset, out string) error {
	db, err := openDataset(ctx, dataset)
	if err != nil {
		return err
	}
	defer db.Close() //nolint:errcheck // an in-memory database: nothing is lost on close
	var b bytes.Buffer
	if err := report.Render(ctx, db, &b); err != nil {
		return err
	}
	if err := atomicfile.Write(out, b.Bytes()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
