// Package ui renders the progress of a long operation on stderr. Engines
// only update counters; a Progress polls them on a ticker and draws.
package ui

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Mode chooses how progress is shown.
type Mode string

// The modes of --progress.
const (
	Auto  Mode = "auto"  // a bar when the writer is a terminal, else nothing
	Plain Mode = "plain" // a line of text every tick
	JSON  Mode = "json"  // one JSON object per tick
	None  Mode = "none"
)

// ParseMode reads a --progress value.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Auto, Plain, JSON, None:
		return m, nil
	}
	return "", fmt.Errorf("unknown progress mode %q (want auto, plain, json or none)", s)
}

// Snapshot is the state of the operation at one tick.
type Snapshot struct {
	BytesDone  int64 `json:"bytes_done"`
	BytesTotal int64 `json:"bytes_total"` // -1 when unknown
	FilesDone  int64 `json:"files_done"`
	FilesTotal int64 `json:"files_total"`
	Records    int64 `json:"records"`
	Rejects    int64 `json:"rejects"`
	// Remote is set when the bytes are downloaded; Retries counts the
	// downloads resumed after a network failure.
	Remote  bool  `json:"remote,omitempty"`
	Retries int64 `json:"retries,omitempty"`
}

// Progress draws snapshots until Stop.
type Progress struct {
	w        io.Writer
	mode     Mode
	poll     func() Snapshot
	start    time.Time
	stop     chan struct{}
	wg       sync.WaitGroup
	lastLen  int
	interval time.Duration
}

// Start begins drawing poll's snapshots to w every interval. In Auto mode it
// draws only when w is a terminal.
func Start(w io.Writer, mode Mode, interval time.Duration, poll func() Snapshot) *Progress {
	if mode == Auto {
		mode = None
		if IsTerminal(w) {
			mode = Auto
		}
	}
	p := &Progress{w: w, mode: mode, poll: poll, start: time.Now(), stop: make(chan struct{}), interval: interval}
	if mode == None {
		return p
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.draw(false)
			case <-p.stop:
				return
			}
		}
	}()
	return p
}

// Stop draws the final state and ends the ticker; it returns when the
// drawing goroutine has exited.
func (p *Progress) Stop() {
	if p.mode == None {
		return
	}
	close(p.stop)
	p.wg.Wait()
	p.draw(true)
}

func (p *Progress) draw(final bool) {
	s := p.poll()
	elapsed := time.Since(p.start)
	secs := max(elapsed.Seconds(), 1e-9)
	switch p.mode {
	case JSON:
		obj := struct {
			Snapshot
			ElapsedSeconds float64 `json:"elapsed_seconds"`
			RecordsPerSec  float64 `json:"records_per_second"`
			BytesPerSec    float64 `json:"bytes_per_second"`
			Done           bool    `json:"done"`
		}{s, elapsed.Seconds(), float64(s.Records) / secs, float64(s.BytesDone) / secs, final}
		b, _ := json.Marshal(obj)
		fmt.Fprintf(p.w, "%s\n", b)
	case Plain:
		fmt.Fprintf(p.w, "%s\n", line(s, elapsed))
	case Auto:
		text := bar(s, 24) + " " + line(s, elapsed)
		pad := max(p.lastLen-len(text), 0)
		fmt.Fprintf(p.w, "\r%s%s", text, strings.Repeat(" ", pad))
		p.lastLen = len(text)
		if final {
			fmt.Fprintln(p.w)
		}
	}
}

func bar(s Snapshot, width int) string {
	if s.BytesTotal <= 0 {
		return "[" + strings.Repeat("?", width) + "]"
	}
	done := int(float64(width) * float64(s.BytesDone) / float64(s.BytesTotal))
	done = min(max(done, 0), width)
	return "[" + strings.Repeat("=", done) + strings.Repeat(" ", width-done) + "]"
}

// line is the text form of a snapshot: input bytes done of total, records/s,
// MB/s and the estimated time left.
func line(s Snapshot, elapsed time.Duration) string {
	secs := max(elapsed.Seconds(), 1e-9)
	mbps := float64(s.BytesDone) / secs / 1e6
	var b strings.Builder
	if s.BytesTotal > 0 {
		fmt.Fprintf(&b, "%3.0f%% %s/%s", 100*float64(s.BytesDone)/float64(s.BytesTotal), MB(s.BytesDone), MB(s.BytesTotal))
	} else {
		fmt.Fprintf(&b, "%s", MB(s.BytesDone))
	}
	if s.Remote {
		b.WriteString(" downloaded")
	}
	if s.FilesTotal > 0 {
		fmt.Fprintf(&b, "  files %d/%d", s.FilesDone, s.FilesTotal)
	} else {
		fmt.Fprintf(&b, "  %s", N(s.FilesDone, "file", "")) // the total is not known ahead
	}
	fmt.Fprintf(&b, "  %s  %.0f rec/s  %.1f MB/s", N(s.Records, "record", ""), float64(s.Records)/secs, mbps)
	if s.Rejects > 0 {
		fmt.Fprintf(&b, "  %d rejected", s.Rejects)
	}
	if s.Retries > 0 {
		fmt.Fprintf(&b, "  %s", N(s.Retries, "retry", "retries"))
	}
	if s.BytesTotal > 0 && s.BytesDone > 0 && s.BytesDone < s.BytesTotal {
		left := time.Duration(float64(elapsed) * float64(s.BytesTotal-s.BytesDone) / float64(s.BytesDone))
		fmt.Fprintf(&b, "  ETA %s", left.Round(time.Second))
	}
	return b.String()
}

// MB formats a byte count in megabytes (or kilobytes when small).
func MB(n int64) string {
	if n < 1e6 {
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// IsTerminal reports whether w is a character device such as a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// N is n and the noun for that many: "1 file", "2 files", "0 files".
// plural is the noun for other counts than one; "" adds an s.
func N[I int | int64](n I, noun, plural string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case plural == "":
		plural = noun + "s"
	}
	return fmt.Sprintf("%d %s", n, plural)
}

// agree is the form of a verb that agrees with n things: one for 1
// ("holds"), other for any other count ("hold").
func agree(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
