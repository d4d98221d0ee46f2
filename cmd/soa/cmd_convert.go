package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/front/profile"
	"github.com/soa-project/soa/internal/front/ui"
	"github.com/soa-project/soa/queries"
)

func convertCommand() *command {
	return &command{
		name:  "convert",
		exits: []int{0, 1, 2, 3, 4, 5, 6, 130},
		usage: "-o OUT [--workers N] [--strict] [--shard i/n] [--no-reuse] [--endpoint URL] [--dry-run] [--progress MODE] [--memory SIZE] [--cpuprofile FILE] [--memprofile FILE] INPUT...",
		short: "convert dump folders or files into a Parquet dataset",
		long: `Convert reads EDAN JSON-lines shards and writes the dataset described in
docs/DATASET.md to OUT: objects, media, facets, freetext and other tables,
partitioned by unit_code, with _manifest.json and _rejects/rejects.jsonl.

INPUT is a dump folder (metadata/objects/<UNIT>/<hh>.txt.bz2 or
metadata/edan/<unit>/<hh>.txt), a single file, - for stdin, or
s3://BUCKET/PREFIX: an object, a unit folder or a whole prefix of an S3
bucket, such as the live collection:
  soa convert -o oa s3://smithsonian-open-access/metadata/edan/
Compression (bzip2, gzip, zstd or none) is detected from the bytes, not the
name. In a folder only the input files named 00.txt … ff.txt (optionally
.bz2/.gz/.zst) are read; the others (index.txt, READMEs) are skipped and
counted. A folder without such files is read for its files of JSON lines
(*.jsonl, *.ndjson, *.json, optionally compressed), each in the group of
its name (NMAH.jsonl is nmah). A file that is one JSON array of records
(one line or pretty-printed) is read record by record; the summary names it.
A file of which no document parses gets one reject saying it is not JSON
lines, with its first bytes (status 3). A run that converts no record at all
(empty input, [], only such files) says why, writes nothing and exits 1.

Objects are streamed into the conversion, --workers at a time, without a
local copy. Requests are anonymous unless AWS credentials are configured
(the usual AWS_* variables, AWS_PROFILE, ~/.aws); the region is AWS_REGION,
else us-west-2, the Open Access bucket's. --endpoint (or AWS_ENDPOINT_URL)
reads from another S3-compatible store. A failed or stalled download is
retried and resumed from the byte reached, on the same version of the
object (its ETag); a failure that persists stops the run.

OUT is replaced as a whole when the run succeeds; a non-empty OUT that is not
a soa dataset is refused. The output is the same, byte for byte, whatever
--workers is.

Inputs fall into groups, one per unit folder (or per file). When OUT holds
a dataset written by this same soa, the parts of every group whose files
are unchanged (same names, same SHA-256; for objects, same ETag and size,
known without downloading them) are kept and only the other groups are
converted; the result is the same bytes as converting everything.
--no-reuse converts everything. --dry-run lists what a run would read,
reuse and skip, with sizes, and the records it can tell would be removed
(those of unit folders gone) or stay unchanged (those of reused ones), and
writes nothing.

An input that changes while it is read (a file that grows, shrinks or is
replaced, as when an rsync of the dump is still running) stops the run with
status 1 and names it; a file that cannot be read (an I/O error, a download
that still fails after its retries) too. Neither is taken for damaged
content, and OUT keeps its previous dataset. Only one process at a time
writes OUT: another run finds it locked and exits with status 5.

A run that would lose more than 5% of OUT's records, or more than half of
the records of a unit that had at least 100, publishes nothing: OUT keeps
its previous dataset, the message names the units with their counts
before and after, and soa exits with status 6 (a unit folder missing
upstream, a listing cut short). --allow-shrink publishes anyway.

Every run that publishes adds the records it added, removed and modified
(its doc_signature changed) since the dataset it replaces to OUT's changes
history, _changes/ (the changes table: docs/DATASET.md); the first run
lists every record as added.

--shard i/n converts only the i-th of n shares of the groups, so that n
processes or machines can split a conversion; each writes its own OUT, and
soa merge puts them together into the dataset one run would have written.

--memory is a soft limit on the Go heap (default 400MiB with two workers,
64MiB more per further worker; GOMEMLIMIT when that is set), under which
soa runs with GOGC=200 unless GOGC is set: the garbage collector works
harder near the limit rather than let the heap grow. Measured with two
workers, peak RSS was 450 MiB converting 11.6M generated records
(benchmarks/README.md). A limit below what the run needs does not fail it
but slows it down: raise --memory, or give 0 for no limit.

--cpuprofile and --memprofile write Go profiles of the run for
'go tool pprof' (see benchmarks/README.md, "Profiling").`,
		define: func(fs *flag.FlagSet) runFunc {
			var opts convert.Options
			fs.StringVar(&opts.Out, "o", "", "output dataset `folder` (required)")
			fs.IntVar(&opts.Workers, "workers", 0, "input files converted at once (default: number of CPUs)")
			fs.BoolVar(&opts.Strict, "strict", false, "stop at the first rejected document, writing nothing")
			fs.BoolVar(&opts.NoReuse, "no-reuse", false, "convert every input, even if OUT holds parts of unchanged groups")
			fs.BoolVar(&opts.AllowShrink, "allow-shrink", false, "publish even if the run loses more than 5% of OUT's records, or more than half of a unit's (exit status 6 otherwise)")
			fs.StringVar(&opts.Endpoint, "endpoint", "", "read s3:// inputs from the S3-compatible store at `URL` (default: AWS S3)")
			dryRun := fs.Bool("dry-run", false, "list what would be read, reused and skipped, with sizes; write nothing")
			shard := fs.String("shard", "", "convert only share `i/n` of the groups (then: soa merge)")
			progress := fs.String("progress", "auto", "progress on stderr: auto (a bar on a terminal), plain, json or none")
			verbose := fs.Bool("v", false, "log every input file and part file on stderr")
			var memory memoryLimit
			fs.Var(&memory, "memory", "soft limit on the Go heap, e.g. 400MiB, 2GiB or 0 for none (default: GOMEMLIMIT if set, else 400MiB plus 64MiB per worker past two)")
			var prof profile.Files
			fs.StringVar(&prof.CPU, "cpuprofile", "", "write a CPU profile of the run to `file` (for go tool pprof)")
			fs.StringVar(&prof.Mem, "memprofile", "", "write memory profiles (allocations and what is in use at the end to `file`, what was in use at the peak to file.peak)")
			return func(ctx context.Context, e env, args []string) (err error) {
				opts.Inputs = args
				opts.Stdin = e.stdin
				if opts.Out == "" && len(args) == 0 {
					return usageError{errors.New("convert: give -o OUT and at least one INPUT")}
				}
				if opts.Out == "" {
					return usageError{errors.New("convert: -o OUT is required")}
				}
				if len(args) == 0 {
					return usageError{errors.New("convert: give at least one INPUT (a dump folder, a file, s3://BUCKET/PREFIX, or -)")}
				}
				if strings.HasPrefix(opts.Out, "s3://") {
					return usageError{errors.New("convert: OUT is a local folder; soa reads from S3 but does not write there (copy the dataset up afterwards)")}
				}
				mode, err := ui.ParseMode(*progress)
				if err != nil {
					return usageError{err}
				}
				if *shard != "" {
					spec, err := dataset.ParseShardSpec(*shard)
					if err != nil {
						return usageError{err}
					}
					opts.Shard = &spec
				}
				if *verbose {
					opts.Logger = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
				}
				if *dryRun {
					return runDryRun(ctx, e, opts)
				}
				memory.apply(opts.Workers)
				if err := prof.Start(); err != nil {
					return err
				}
				defer func() {
					if perr := prof.Stop(); perr != nil {
						err = errors.Join(err, perr)
					}
				}()
				return runConvert(ctx, e, opts, mode)
			}
		},
	}
}

func demoCommand() *command {
	return &command{
		name:  "demo",
		exits: []int{0, 1, 2, 5, 130},
		usage: "[-o OUT]",
		short: "convert the real sample records embedded in soa (no download)",
		long: `Demo converts the 228 real Smithsonian records (27 units) embedded in the
binary into OUT (default ./soa-demo), prints the summary and the overview
query, and writes the HTML report to soa-demo-report.html (--report): the
whole job, with no download. Its last lines are the next commands to try,
written the way soa was started (./soa, soa, or go run ./cmd/soa).`,
		define: func(fs *flag.FlagSet) runFunc {
			out := fs.String("o", "soa-demo", "output dataset `folder`")
			reportPath := fs.String("report", "soa-demo-report.html", "write the HTML report to this `file` (empty: none)")
			progress := fs.String("progress", "auto", "progress on stderr: auto, plain, json or none")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Errorf("demo takes no arguments, got %q", args)}
				}
				mode, err := ui.ParseMode(*progress)
				if err != nil {
					return usageError{err}
				}
				sample, names, err := embeddedSample()
				if err != nil {
					return fmt.Errorf("read embedded sample: %w", err)
				}
				opts := convert.Options{Out: *out, FS: sample, Inputs: names}
				if err := runConvert(ctx, e, opts, mode); err != nil {
					return err
				}
				self := invocation()
				fmt.Fprintf(e.stdout, "\nOverview (%s query %s overview):\n", self, *out)
				q, err := queries.Get("overview")
				if err != nil {
					return err
				}
				if err := runQuery(ctx, e, *out, "", &q, nil, "table", "", ""); err != nil {
					return err
				}
				if *reportPath != "" {
					if err := writeReport(ctx, *out, *reportPath); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "\nReport: %s (open it in a browser)\n", *reportPath)
				}
				list, one := self+" query --list", self+" query "+*out+" top_topics"
				w := max(len(list), len(one))
				fmt.Fprintf(e.stdout, "Next:   %-*s   the bundled queries and their parameters\n", w, list)
				fmt.Fprintf(e.stdout, "        %-*s   run one of them\n", w, one)
				return nil
			}
		},
	}
}

func runConvert(ctx context.Context, e env, opts convert.Options, mode ui.Mode) error {
	opts.Version = version()
	opts.Build = buildID()
	counters := &convert.Counters{}
	opts.Counters = counters
	interval := time.Second
	if mode == ui.Auto {
		interval = 200 * time.Millisecond
	}
	p := ui.Start(e.stderr, mode, interval, func() ui.Snapshot {
		return ui.Snapshot{
			BytesDone: counters.BytesDone.Load(), BytesTotal: counters.BytesTotal.Load(),
			FilesDone: counters.FilesDone.Load(), FilesTotal: counters.FilesTotal.Load(),
			Records: counters.Records.Load(), Rejects: counters.Rejects.Load(),
			Remote: counters.Remote.Load(), Retries: counters.Retries.Load(),
		}
	})
	m, err := convert.Run(ctx, opts)
	p.Stop()
	if err != nil {
		if errors.Is(err, convert.ErrNoInputFiles) || errors.Is(err, convert.ErrNoInput) {
			return fmt.Errorf("%w; give a dump folder, a file of JSON lines, s3://BUCKET/PREFIX or - for stdin", err)
		}
		return err
	}
	ui.Summary(e.stdout, m, opts.Out, 0)
	return rejectsStatus(m, opts.Out)
}

// runDryRun prints what a conversion with opts would read, reuse and skip.
func runDryRun(ctx context.Context, e env, opts convert.Options) error {
	opts.Build = buildID()
	p, err := convert.DryRun(ctx, opts)
	if err != nil {
		if errors.Is(err, convert.ErrNoInputFiles) || errors.Is(err, convert.ErrNoInput) {
			return fmt.Errorf("%w; give a dump folder, a file of JSON lines, s3://BUCKET/PREFIX or - for stdin", err)
		}
		return err
	}
	ui.Plan(e.stdout, planView(p), opts.Out)
	return nil
}

// planView is a plan as the UI shows it.
func planView(p *convert.Plan) ui.PlanView {
	v := ui.PlanView{Reason: p.Reason, Changes: ui.PlanChanges{
		Previous: p.Changes.Previous, Unchanged: p.Changes.Unchanged, Removed: p.Changes.Removed,
		RemovedGroups: p.Changes.RemovedGroups, UnknownGroups: p.Changes.UnknownGroups,
	}}
	if p.Source != nil {
		v.Endpoint = p.Source.Endpoint
	}
	for _, f := range slices.Concat(p.Files, p.Skipped, p.Gone) {
		v.Files = append(v.Files, ui.PlanFile{Name: f.Name, Group: f.Group, Bytes: f.Bytes, Action: string(f.Action), Why: f.Why})
	}
	return v
}

// rejectsStatus is the error that gives exit status 3 when a dataset was
// written with rejects.
func rejectsStatus(m *dataset.Manifest, out string) error {
	if m.Rejects > 0 {
		return fmt.Errorf("%w: %d of %s (see %s/%s)", errRejects, m.Rejects, ui.N(m.Records+m.Rejects, "document", ""), out, dataset.RejectsPath)
	}
	return nil
}

// embeddedSample returns the real sample records embedded in soa as a file
// system holding sample/<UNIT>.jsonl, and those names, sorted.
func embeddedSample() (fs.FS, []string, error) {
	names, err := fs.Glob(soa.Sample(), "*.jsonl")
	if err != nil {
		return nil, nil, err
	}
	sample := prefixFS{prefix: "sample", fsys: soa.Sample()}
	for i, n := range names {
		names[i] = path.Join(sample.prefix, n)
	}
	return sample, names, nil
}

// prefixFS shows fsys as the folder prefix of an otherwise empty file
// system, so that the sample's files are named sample/AAA.jsonl in the
// manifest and rejects.
type prefixFS struct {
	prefix string
	fsys   fs.FS
}

// Open opens name below the prefix; the root itself cannot be listed
// (nothing walks it: the demo names every file).
func (p prefixFS) Open(name string) (fs.File, error) {
	rest, ok := strings.CutPrefix(name, p.prefix+"/")
	if name == p.prefix {
		rest, ok = ".", true
	}
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return p.fsys.Open(rest)
}

// invocation is how to start this soa again from the shell that started
// it, for the commands soa suggests: "soa" when it was found on the PATH,
// the path it was started by ("./soa"), or "go run ./cmd/soa" for the
// throw-away binary go run builds.
func invocation() string {
	wd, _ := os.Getwd()
	_, err := os.Stat(filepath.Join(wd, "cmd", "soa", "main.go"))
	return invocationOf(os.Args[0], err == nil)
}

// invocationOf is invocation for a process started as arg0, from a
// folder that holds soa's source (cmd/soa) or not.
func invocationOf(arg0 string, inSource bool) string {
	switch {
	case !strings.ContainsRune(arg0, os.PathSeparator):
		return filepath.Base(arg0) // found on the PATH
	case isGoRunBinary(arg0) && inSource:
		return "go run ./cmd/soa"
	case isGoRunBinary(arg0):
		return "go run github.com/soa-project/soa/cmd/soa"
	}
	return arg0
}

// isGoRunBinary says whether path is where go run puts the binary it
// builds: $GOTMPDIR/go-build…/b001/exe/NAME the first time, and, from then
// on, the copy it keeps in the build cache: $GOCACHE/xx/<64 hex>-d/NAME.
func isGoRunBinary(exe string) bool {
	dir := filepath.ToSlash(filepath.Dir(exe))
	if strings.HasSuffix(dir, "/exe") && strings.Contains(dir, "/go-build") {
		return true
	}
	entry, prefix := path.Base(dir), path.Base(path.Dir(dir))
	hash, ok := strings.CutSuffix(entry, "-d")
	return ok && len(hash) == 64 && isLowerHex(hash) && len(prefix) == 2 && strings.HasPrefix(hash, prefix)
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
