package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"400MiB", 400 << 20}, {"1.5GiB", 3 << 29}, {"2GB", 2e9}, {"512 KiB", 512 << 10},
		{"123", 123}, {"7B", 7}, {"10MB", 10e6}, {"0MiB", 0},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := parseSize(c.in)
			if err != nil || got != c.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
			}
		})
	}
	for _, bad := range []string{"", "MiB", "-1MiB", "12XB", "1e400GiB", "ten", "NaN", "NaNMiB", "0.5B", "400M", "8EiB", "1e19"} {
		t.Run("bad "+bad, func(t *testing.T) {
			if n, err := parseSize(bad); err == nil {
				t.Errorf("parseSize(%q) = %d, want an error", bad, n)
			}
		})
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{400 << 20: "400MiB", 3 << 29: "1536MiB", 2e9: "2GB", 0: "0", 1000: "1KB", 1023: "1023B"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestMemoryApply reads back what apply sets: the flag wins, then
// GOMEMLIMIT and GOGC from the environment, then the defaults; GOGC is left
// alone when there is no limit.
func TestMemoryApply(t *testing.T) {
	restoreLimit, restoreGC := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(restoreLimit); debug.SetGCPercent(restoreGC) })
	gcPercent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	for _, c := range []struct {
		name, flag, gomemlimit, gogc string
		workers                      int
		wantLimit                    int64
		wantGC                       int
	}{
		{name: "defaults", workers: 2, wantLimit: 400 << 20, wantGC: 200},
		{name: "defaults, 4 workers", workers: 4, wantLimit: 528 << 20, wantGC: 200},
		{name: "flag", flag: "1GiB", workers: 2, wantLimit: 1 << 30, wantGC: 200},
		{name: "flag over GOMEMLIMIT", flag: "1GiB", gomemlimit: "2GiB", workers: 2, wantLimit: 1 << 30, wantGC: 200},
		{name: "GOMEMLIMIT kept", gomemlimit: "2GiB", workers: 2, wantLimit: 123, wantGC: 200},
		{name: "GOGC kept", gogc: "50", workers: 2, wantLimit: 400 << 20, wantGC: 100},
		{name: "no limit, GOGC untouched", flag: "0", workers: 2, wantLimit: math.MaxInt64, wantGC: 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", c.gomemlimit)
			t.Setenv("GOGC", c.gogc)
			// What the runtime read from the environment at start stands
			// for GOMEMLIMIT and GOGC here: apply must leave it alone.
			debug.SetMemoryLimit(123)
			debug.SetGCPercent(100)
			var m memoryLimit
			if c.flag != "" {
				if err := m.Set(c.flag); err != nil {
					t.Fatal(err)
				}
			}
			m.apply(c.workers)
			if got := debug.SetMemoryLimit(-1); got != c.wantLimit {
				t.Errorf("memory limit %d, want %d", got, c.wantLimit)
			}
			if got := gcPercent(); got != c.wantGC {
				t.Errorf("GOGC %d, want %d", got, c.wantGC)
			}
		})
	}
}
