package convert

import (
	"io"
	"io/fs"
	"log/slog"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/soa-project/soa/dataset"
)

// Options configures Run. The zero value of every field means its
// documented default.
type Options struct {
	// Out is the dataset folder. It is replaced as a whole on success; a
	// non-empty folder that is not a soa dataset is refused.
	Out string
	// Inputs are dump folders, files, "-" for Stdin, or s3://BUCKET/PREFIX
	// (an object, or a folder of objects). A folder is walked for the files
	// named 00.txt … ff.txt (optionally .bz2/.gz/.zst); a file or an object
	// named by itself is read whatever its name.
	Inputs []string
	Stdin  io.Reader
	// FS, when set, holds the Inputs instead of the operating system's file
	// system (soa demo reads the sample embedded in the binary this way);
	// Inputs are then slash-separated paths in FS.
	FS fs.FS

	// Endpoint is the URL of the S3-compatible store that s3:// inputs are
	// read from; empty means AWS S3 (or AWS_ENDPOINT_URL_S3 when set).
	Endpoint string
	// RemoteIdleTimeout is how long a download may receive nothing before
	// it is resumed; default 60 s.
	RemoteIdleTimeout time.Duration
	// RemoteRetryBackoff is the first wait before a download that failed
	// mid-object is resumed; default 250 ms, doubled at each failure.
	RemoteRetryBackoff time.Duration

	// Workers is how many input files are converted at once (so also how
	// many objects are downloaded at once); default the number of CPUs.
	Workers int
	// Strict makes the first rejected document stop the run with ErrRejected,
	// leaving no dataset behind.
	Strict bool
	// AllowShrink publishes a dataset that loses more records than the
	// publish gate allows (dataset.ShrinkError); without it such a run
	// fails with an error wrapping dataset.ErrShrink and changes nothing.
	AllowShrink bool

	// BatchRows is how many documents of one unit make a batch; default 4096.
	BatchRows int
	// RowGroupRows is the most rows of a Parquet row group; default 131072 (128k).
	RowGroupRows int
	// RowGroupBytes ends a row group early once its encoded size reaches
	// this (checked after each batch), since a row group is held in
	// memory until it ends; default 32 MiB.
	RowGroupBytes int64
	// MaxPartBytes starts a new part file once a part reaches this size
	// (checked at row group ends); default 256 MiB.
	MaxPartBytes int64
	// MaxLineBytes is the longest document accepted; a longer one is
	// rejected with its text cut. Default 64 MiB.
	MaxLineBytes int
	// RollupSpillKeys is how many distinct keys one rollup's tally of a
	// group holds in memory before it is spilled to a sorted run on disk;
	// default 262144 (about 25 MB). It bounds memory, never the output.
	RollupSpillKeys int

	// Shard, when set, converts only the groups dealt to this process of
	// Shard.Count; dataset.Merge puts the shard datasets of all of them
	// together.
	Shard *dataset.ShardSpec
	// Build identifies the converter. When it is set and Out holds a dataset
	// written by the same build and options, the parts of every group whose
	// input is unchanged (by SHA-256) are kept instead of converted again.
	Build string
	// NoReuse converts every group even when Out holds reusable parts.
	NoReuse bool

	// Counters, when set, receives live totals for a progress display.
	Counters *Counters
	// Logger receives one line per input file and per part written; nil discards.
	Logger *slog.Logger
	// Allocator is used for every Arrow buffer; default memory.DefaultAllocator.
	// Tests pass a checked allocator.
	Allocator memory.Allocator
	// Version is the tool version written to the manifest.
	Version string
}

func (o *Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.NumCPU()
}

func (o *Options) batchRows() int    { return orDefault(o.BatchRows, 4096) }
func (o *Options) rowGroupRows() int { return orDefault(o.RowGroupRows, dataset.DefaultRowGroupRows) }
func (o *Options) maxLineBytes() int { return orDefault(o.MaxLineBytes, 64<<20) }
func (o *Options) rollupSpillKeys() int {
	return orDefault(o.RollupSpillKeys, defaultRollupSpillKeys)
}
func (o *Options) rowGroupBytes() int64 {
	if o.RowGroupBytes > 0 {
		return o.RowGroupBytes
	}
	return dataset.DefaultRowGroupBytes
}

func (o *Options) maxPartBytes() int64 {
	if o.MaxPartBytes > 0 {
		return o.MaxPartBytes
	}
	return 256 << 20
}

func (o *Options) allocator() memory.Allocator {
	if o.Allocator != nil {
		return o.Allocator
	}
	return memory.DefaultAllocator
}

func (o *Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// Counters are the live totals of a run, updated atomically by the pipeline
// for a progress display to poll. BytesTotal is -1 when unknown (stdin).
type Counters struct {
	BytesTotal atomic.Int64
	BytesDone  atomic.Int64
	FilesTotal atomic.Int64
	FilesDone  atomic.Int64
	Records    atomic.Int64
	Rejects    atomic.Int64
	// Remote is set when the bytes are downloaded (s3:// inputs).
	Remote atomic.Bool
	// Retries counts the downloads resumed after a network failure.
	Retries atomic.Int64
}
