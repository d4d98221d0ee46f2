package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/internal/front/ui"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
)

func genCommand() *command {
	return &command{
		name:  "gen",
		exits: []int{0, 1, 2, 130},
		usage: "--records N [--seed S] [--layout github|s3] [--compress bzip2|none|gzip|zstd] [--workers N] [--other-forms F] -o DIR",
		short: "generate a realistic corpus of any size, the same bytes for the same seed",
		long: `Gen writes a corpus that mimics the real dump, built from the 228 real sample
records as templates: the real unit skew (NMNHBOTANY about a third), a quarter of
the records with media, sizes from 1 kB to 80 kB, bulk-dump lines with the union
forms the real records show at their rates (integer timestamps; name objects in
the archives units), and the rare dates (BCE buckets, bogus future decades).
--other-forms adds the forms the EDAN schema allows but the dump does not show
(string timestamps, string mediaCount, ...), for testing readers. Files are
named by the first two hex digits of each record's hash, with index.txt beside
them, and written --workers at a time. The same flags give byte-identical
files, whatever --workers is.`,
		define: func(fs *flag.FlagSet) runFunc {
			var opts gen.Options
			fs.IntVar(&opts.Records, "records", 0, "number of records (required)")
			fs.Uint64Var(&opts.Seed, "seed", 1, "random seed")
			layout := fs.String("layout", "s3", "folder layout: github (metadata/objects/UNIT/hh.txt.bz2) or s3 (metadata/edan/unit/hh.txt)")
			comp := fs.String("compress", "", "file compression: bzip2 (or bz2), none, gzip or zstd (default: bzip2 for github, none for s3)")
			fs.StringVar(&opts.Out, "o", "", "output `folder` (required; must not exist or be empty)")
			fs.Float64Var(&opts.OtherForms, "other-forms", 0, "share of records in forms the schema allows but the dump does not show (0..1)")
			fs.IntVar(&opts.Workers, "workers", 0, "files written at once (default: the number of CPUs; the bytes do not depend on it)")
			progress := fs.String("progress", "auto", "progress on stderr: auto, plain, json or none")
			return func(ctx context.Context, e env, args []string) error {
				if opts.Out == "" || opts.Records <= 0 {
					return usageError{errors.New("gen: --records N (> 0) and -o DIR are required")}
				}
				if len(args) > 0 {
					return usageError{fmt.Errorf("gen takes no arguments, got %q", args)}
				}
				opts.Layout = dump.Layout(*layout)
				opts.Compress = dump.DefaultCodec(opts.Layout)
				if *comp != "" {
					c, err := dump.ParseCodec(*comp)
					if err != nil {
						return usageError{err}
					}
					opts.Compress = c
				}
				mode, err := ui.ParseMode(*progress)
				if err != nil {
					return usageError{err}
				}
				if entries, err := os.ReadDir(opts.Out); err == nil && len(entries) > 0 {
					return fmt.Errorf("output folder %s is not empty; choose a new folder", opts.Out)
				}
				_, statErr := os.Stat(opts.Out)
				created := statErr != nil
				// Written by the generator, read by the progress goroutine.
				var records, files, textBytes atomic.Int64
				start := time.Now()
				p := ui.Start(e.stderr, mode, time.Second, func() ui.Snapshot {
					// The bytes are the JSON text written (before
					// compression); the number of files is not known ahead.
					return ui.Snapshot{Records: records.Load(), FilesDone: files.Load(), BytesDone: textBytes.Load(), BytesTotal: -1}
				})
				opts.Progress = func(r, f int, b int64) {
					records.Store(int64(r))
					files.Store(int64(f))
					textBytes.Store(b)
				}
				err = gen.Generate(ctx, soa.Sample(), opts)
				p.Stop()
				if err != nil {
					// A partial corpus is of no use: remove what this run made,
					// so that "nothing was written" holds.
					if created {
						_ = os.RemoveAll(opts.Out)
					} else if entries, rerr := os.ReadDir(opts.Out); rerr == nil {
						for _, en := range entries {
							_ = os.RemoveAll(filepath.Join(opts.Out, en.Name()))
						}
					}
					return fmt.Errorf("gen: %w", err)
				}
				fmt.Fprintf(e.stdout, "Generated %s (%s, %s, seed %d) in %s in %.1f s\n",
					ui.N(opts.Records, "record", ""), opts.Layout, opts.Compress, opts.Seed, opts.Out, time.Since(start).Seconds())
				return nil
			}
		},
	}
}
