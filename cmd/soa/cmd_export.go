package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/soa-project/soa/export"
	"github.com/soa-project/soa/internal/front/ui"
)

func exportCommand() *command {
	return &command{
		name:  "export",
		exits: []int{0, 1, 2, 130},
		usage: "images DATASET -o FILE [--all-rights] [--iiif-base URL] [--where SQL] [--limit N] [--memory SIZE] [--progress MODE]",
		short: "write a dataset's images as the URL list img2dataset downloads",
		long: `Export images writes one row per image of DATASET (media of type Images) to
FILE, as Parquet, CSV or JSON lines by its extension (.parquet, .csv, .jsonl),
for img2dataset and other downloaders. Only CC0 images unless --all-rights.

Columns: url (the full image through IIIF,
https://ids.si.edu/ids/iiif/<idsId>/full/full/0/default.jpg, or the media's
content URL when it has no IDS id), iiif_base (https://ids.si.edu/ids/iiif/<idsId>,
for other sizes and regions), caption (the record's title, HTML stripped),
record_id, unit_code, media_id, license (the media's usage.access), width and
height (of the largest rendition, when the record gives it), alt_text and
record_link. Every http:// URL is written https://. An IDS id that holds a
slash (ark:/65665/m3…) is percent-encoded in the IIIF URL, as IIIF requires.

--iiif-base points every IIIF URL at a mirror. --where is SQL over the
columns of objects that picks the records (soa schema lists them):
  soa export images oa -o botany.parquet --where "unit_code = 'NMNHBOTANY' AND year_start < 1900"
Rows are sorted by unit_code, record_id and position in the record, so the
same dataset gives the same file; --limit N keeps the first N. FILE is
written under a temporary name and renamed when complete.

Then download them (README, "Images"):
  img2dataset --url_list images.parquet --input_format parquet \
    --url_col url --caption_col caption --output_folder images`,
		define: func(fs *flag.FlagSet) runFunc {
			var opts export.ImageOptions
			fs.StringVar(&opts.Out, "o", "", "write the images to `FILE` (.parquet, .csv or .jsonl)")
			fs.BoolVar(&opts.AllRights, "all-rights", false, "export every image, not only the CC0 ones (see the license column)")
			fs.StringVar(&opts.IIIFBase, "iiif-base", export.DefaultIIIFBase, "IIIF image service `URL` of the image URLs (a mirror)")
			fs.StringVar(&opts.Where, "where", "", "export only the images of the records this `SQL` over objects' columns selects")
			fs.Int64Var(&opts.Limit, "limit", 0, "write at most `N` rows, the first in the file's order (0: all)")
			fs.StringVar(&opts.Memory, "memory", "", "cap DuckDB's memory for the join and sort at `SIZE` (2GB); past it they spill to a folder beside FILE (default: DuckDB's, 80% of the machine's)")
			progress := fs.String("progress", "auto", "progress on stderr: auto (on a terminal), plain, json or none")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) == 0 || args[0] != "images" {
					return usageError{errors.New("export: say what to export: soa export images DATASET -o FILE")}
				}
				if len(args) != 2 {
					return usageError{errors.New("export images: give one DATASET folder")}
				}
				if opts.Out == "" {
					return usageError{errors.New("export images: give the output file with -o FILE (.parquet, .csv or .jsonl)")}
				}
				if opts.Limit < 0 {
					return usageError{fmt.Errorf("export images: --limit %d: give 0 (all) or a positive number", opts.Limit)}
				}
				mode, err := ui.ParseMode(*progress)
				if err != nil {
					return usageError{fmt.Errorf("export images: %w", err)}
				}
				opts.Version = version()
				return runExportImages(ctx, e, args[1], opts, mode)
			}
		},
	}
}

func runExportImages(ctx context.Context, e env, dir string, opts export.ImageOptions, mode ui.Mode) error {
	db, err := openDataset(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close() //nolint:errcheck // an in-memory database: nothing is lost on close
	var rows atomic.Int64
	opts.Rows = &rows
	count := ui.StartCount(e.stderr, mode, time.Second, "images", rows.Load)
	stats, err := export.Images(ctx, db, opts)
	count.Stop()
	switch {
	case errors.Is(err, export.ErrFormat), errors.Is(err, export.ErrWhere), errors.Is(err, export.ErrIIIFBase):
		return usageError{err}
	case err != nil:
		return err
	}
	rights := "CC0 "
	if opts.AllRights {
		rights = ""
	}
	fmt.Fprintf(e.stdout, "Exported %s to %s: %d through IIIF, %d with pixel sizes", ui.N(stats.Rows, rights+"image", rights+"images"), opts.Out, stats.IIIF, stats.WithSize)
	if stats.NoURL > 0 {
		fmt.Fprintf(e.stdout, "; %s without any URL left out", ui.N(stats.NoURL, "image", ""))
	}
	fmt.Fprintln(e.stdout)
	return nil
}
