package main

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is the soft limit on the Go runtime's memory that
// soa convert sets unless told otherwise. Without one the garbage collector
// lets the heap grow to twice what is live, and the live heap of a
// conversion swings between 30 and 250 MB as row groups fill and close:
// peak RSS was then 0.5-0.6 GB at 1M records and 0.8 GB at 11.6M. With it,
// the collector runs earlier only while the heap is near the limit (about
// 5% more CPU at 1M, benchmarks/README.md), and peak RSS stays under 512
// MiB: the rest is the binary, stacks and libbz2's buffers.
const defaultMemoryLimit = 400 << 20

// defaultGCPercent is the GOGC soa convert runs with unless GOGC is set:
// with the limit capping the heap, collecting at twice the live heap
// rather than once saves about 5% of the CPU at 1M records and costs no
// peak memory (GOGC=100 and 200, two pairs of runs: 56.0 and 53.6 CPU-s,
// 462 and 465 MB).
const defaultGCPercent = 200

// memoryLimit is the --memory flag: a size such as 400MiB, 1GiB or 0 (no
// limit). Not given, GOMEMLIMIT from the environment is left in charge if
// set, and defaultMemoryLimit applies otherwise.
type memoryLimit struct {
	bytes int64
	set   bool
}

func (m *memoryLimit) String() string {
	if !m.set {
		return "400MiB"
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

// apply sets the runtime's soft memory limit, and GOGC when the
// environment does not.
func (m *memoryLimit) apply() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	switch {
	case m.set && m.bytes == 0:
		debug.SetMemoryLimit(math.MaxInt64)
	case m.set:
		debug.SetMemoryLimit(m.bytes)
	case os.Getenv("GOMEMLIMIT") == "":
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

var sizeUnits = []struct {
	suffix string
	scale  int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

// parseSize reads a byte count with an optional unit (B, KB, MB, GB, KiB,
// MiB, GiB); a bare number is bytes.
func parseSize(s string) (int64, error) {
	num, scale := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(num, u.suffix) {
			num, scale = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.scale
			break
		}
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n < 0 || math.IsInf(n, 0) || n*float64(scale) > math.MaxInt64/2 {
		return 0, fmt.Errorf("invalid size %q (want a number with B, KB, MB, GB, KiB, MiB or GiB, e.g. 400MiB; 0 for no limit)", s)
	}
	return int64(n * float64(scale)), nil
}

// formatSize writes n in the largest unit that divides it.
func formatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		scale  int64
	}{{"GiB", 1 << 30}, {"GB", 1e9}, {"MiB", 1 << 20}, {"MB", 1e6}, {"KiB", 1 << 10}, {"KB", 1e3}, {"B", 1}} {
		if n >= u.scale && n%u.scale == 0 {
			return strconv.FormatInt(n/u.scale, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}
