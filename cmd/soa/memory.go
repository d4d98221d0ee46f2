package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is the soft limit on the Go heap that soa convert sets
// for two workers unless told otherwise. Without one the garbage collector
// lets the heap grow to twice what is live, and the live heap of a
// conversion swings between 30 and 250 MB at 1M records (350 MB at 11.6M)
// as row groups fill and close: peak RSS was 0.5-0.6 GB at 1M records and
// 0.8 GB at 11.6M. With the limit the collector runs earlier, and only
// while the heap is near it (5-8% more CPU at 1M in single runs with
// GOMEMLIMIT=400MiB and without); peak RSS was 450 MiB at 11.6M records
// (benchmarks/run.sh --full, plain shards; 453 MiB on bzip2). The limit covers
// Go's memory only: the binary, stacks outside the heap and libbz2's
// buffers come on top.
const defaultMemoryLimit = 400 << 20

// memoryPerExtraWorker is added to the default limit for each worker past
// two: a worker keeps up to three batches of up to 16 MiB of JSON in flight
// (convert's chunkQueue and batchBytes), and their Arrow columns take about
// as much again. A limit below the live heap does not fail a run, it makes
// the collector run all the time, so the default errs on the large side.
const memoryPerExtraWorker = 64 << 20

// defaultGCPercent is the GOGC soa convert runs with under a memory limit
// unless GOGC is set: with the limit capping the heap, collecting at three
// times the live heap rather than twice saves about 5% of the CPU at 1M
// records and costs no peak memory (GOGC=100 and 200, two pairs of runs:
// 56.0 and 53.6 CPU-s, 462 and 465 MB).
const defaultGCPercent = 200

// memoryLimit is the --memory flag: a size such as 400MiB, 1GiB or 0 (no
// limit). Not given, GOMEMLIMIT from the environment is left in charge if
// set, and the default limit applies otherwise.
type memoryLimit struct {
	bytes int64
	set   bool
}

var _ flag.Value = (*memoryLimit)(nil)

func (m *memoryLimit) String() string {
	if m == nil || !m.set {
		return ""
	}
	return formatSize(m.bytes)
}

func (m *memoryLimit) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	m.bytes, m.set = n, true
	return nil
}

// defaultLimit is the limit for a run with the given workers (0: one per
// CPU).
func defaultLimit(workers int) int64 {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	return defaultMemoryLimit + int64(max(workers-2, 0))*memoryPerExtraWorker
}

// apply sets the runtime's soft memory limit for a run with the given
// workers, and GOGC when a limit is in force and the environment does not
// set GOGC (without a limit, a higher GOGC would only let the heap grow).
func (m *memoryLimit) apply(workers int) {
	switch {
	case m.set && m.bytes == 0:
		debug.SetMemoryLimit(math.MaxInt64)
		return
	case m.set:
		debug.SetMemoryLimit(m.bytes)
	case os.Getenv("GOMEMLIMIT") == "":
		debug.SetMemoryLimit(defaultLimit(workers))
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
}

// sizeUnits are the units a size may carry, largest first (formatSize
// picks the first that divides; parseSize matches suffixes in this order,
// so "MiB" is never read as "B").
var sizeUnits = []struct {
	suffix string
	scale  int64
}{{"GiB", 1 << 30}, {"GB", 1e9}, {"MiB", 1 << 20}, {"MB", 1e6}, {"KiB", 1 << 10}, {"KB", 1e3}, {"B", 1}}

// parseSize reads a byte count with an optional unit (B, KB, MB, GB, KiB,
// MiB, GiB); a bare number is bytes. 0 is allowed (no limit); a fraction
// of a byte is not.
func parseSize(s string) (int64, error) {
	num, scale := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(num, u.suffix) {
			num, scale = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.scale
			break
		}
	}
	n, err := strconv.ParseFloat(num, 64)
	bytes := n * float64(scale)
	// !(bytes >= 0) also refuses NaN; 2^63 bytes would overflow int64.
	if err != nil || !(bytes >= 0) || bytes >= math.MaxInt64 || (bytes > 0 && bytes < 1) {
		return 0, fmt.Errorf("%q is not a size (want a number with B, KB, MB, GB, KiB, MiB or GiB, e.g. 400MiB; 0 for no limit)", s)
	}
	return int64(bytes), nil
}

// formatSize writes n in the largest unit that divides it.
func formatSize(n int64) string {
	for _, u := range sizeUnits {
		if n >= u.scale && n%u.scale == 0 {
			return strconv.FormatInt(n/u.scale, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}
