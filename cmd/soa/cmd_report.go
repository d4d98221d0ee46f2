package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/soa-project/soa/internal/atomicfile"
	"github.com/soa-project/soa/internal/report"
)

func reportCommand() *command {
	return &command{
		name:  "report",
		exits: []int{0, 1, 2, 130},
		usage: "DATASET -o report.html",
		short: "write a self-contained HTML report with charts of a dataset",
		long: `Report writes one HTML file with the dataset's headline figures and SVG charts
(records by unit, by decade, top object types, media coverage). It needs no
network to view and prints cleanly.`,
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
