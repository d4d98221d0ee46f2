// Package profile writes the Go profiles of one command, for finding where
// a conversion spends its time and memory (benchmarks/README.md,
// "Profiling"): a CPU profile, and heap profiles at the end and near the
// peak of the live heap, which a goroutine of its own watches.
package profile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// Files are the --cpuprofile and --memprofile files of one command; the
// empty name means none. Start the profiles with Start and end them with
// Stop, once each, from one goroutine.
type Files struct {
	CPU, Mem string
	cpuFile  *os.File
	peak     *peakHeap
}

// Start begins the CPU profile and the watch for the peak heap (a goroutine
// that Stop ends), if asked.
func (p *Files) Start() error {
	if p.CPU != "" {
		f, err := os.Create(p.CPU)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			_ = f.Close()
			return fmt.Errorf("cpu profile: %w", err)
		}
		p.cpuFile = f
	}
	if p.Mem != "" {
		p.peak = watchPeakHeap(250 * time.Millisecond)
	}
	return nil
}

// Stop ends the CPU profile and writes the heap profiles, if asked for.
// FILE holds both what was in use at the end (inuse_space) and every
// allocation of the run (alloc_space, alloc_objects); FILE.peak is the
// same profile taken near the largest live heap, which is what peak RSS
// follows (see peakHeap for how near).
func (p *Files) Stop() error {
	var errs []error
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		if err := p.cpuFile.Close(); err != nil {
			errs = append(errs, fmt.Errorf("cpu profile: %w", err))
		}
		p.cpuFile = nil
	}
	if p.Mem != "" {
		snapshot := p.peak.stop()
		runtime.GC() // the in-use figures are those of the last GC
		var end bytes.Buffer
		err := pprof.Lookup("allocs").WriteTo(&end, 0)
		if err == nil {
			err = os.WriteFile(p.Mem, end.Bytes(), 0o644)
		}
		if err == nil && len(snapshot) > 0 {
			err = os.WriteFile(p.Mem+".peak", snapshot, 0o644)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("memory profile: %w", err))
		}
	}
	return errors.Join(errs...)
}

// peakHeap samples the live heap (as of the last GC) at start and then at
// every tick, and keeps a heap profile taken at the largest one seen, or
// within a tenth of it: the end-of-run profile shows almost nothing in use,
// which says little about where peak memory went. A peak between two
// samples that the next GC no longer sees is missed.
type peakHeap struct {
	quit chan struct{}
	done chan []byte
}

func watchPeakHeap(every time.Duration) *peakHeap {
	p := &peakHeap{quit: make(chan struct{}), done: make(chan []byte, 1)}
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var best uint64
		var snapshot []byte
		look := func() {
			metrics.Read(sample)
			live := sample[0].Value.Uint64()
			// A new profile only when the peak grows by a tenth: writing one
			// costs a few milliseconds.
			if snapshot != nil && live <= best+best/10 {
				return
			}
			var buf bytes.Buffer
			if pprof.Lookup("heap").WriteTo(&buf, 0) == nil {
				best, snapshot = live, buf.Bytes()
			}
		}
		look()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-p.quit:
				p.done <- snapshot
				return
			case <-tick.C:
				look()
			}
		}
	}()
	return p
}

func (p *peakHeap) stop() []byte {
	if p == nil {
		return nil
	}
	close(p.quit)
	return <-p.done
}
