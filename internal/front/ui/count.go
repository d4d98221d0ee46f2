package ui

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Count draws a running count of things done ("12345 images  4100/s  3s")
// on w until Stop, for an operation whose total is not known beforehand.
type Count struct {
	w        io.Writer
	mode     Mode
	noun     string
	poll     func() int64
	start    time.Time
	stop     chan struct{}
	wg       sync.WaitGroup
	lastLen  int
	interval time.Duration
}

// StartCount begins drawing poll's count of noun (a plural: "images") to w
// every interval. In Auto mode it draws only when w is a terminal.
func StartCount(w io.Writer, mode Mode, interval time.Duration, noun string, poll func() int64) *Count {
	if mode == Auto && !IsTerminal(w) {
		mode = None
	}
	c := &Count{w: w, mode: mode, noun: noun, poll: poll, start: time.Now(), stop: make(chan struct{}), interval: interval}
	if mode == None {
		return c
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				c.draw(false)
			case <-c.stop:
				return
			}
		}
	}()
	return c
}

// Stop draws the final count and ends the ticker; it returns when the
// drawing goroutine has exited.
func (c *Count) Stop() {
	if c.mode == None {
		return
	}
	close(c.stop)
	c.wg.Wait()
	c.draw(true)
}

func (c *Count) draw(final bool) {
	n := c.poll()
	elapsed := time.Since(c.start)
	rate := float64(n) / max(elapsed.Seconds(), 1e-9)
	switch c.mode {
	case JSON:
		b, _ := json.Marshal(struct {
			Count          int64   `json:"count"`
			ElapsedSeconds float64 `json:"elapsed_seconds"`
			PerSecond      float64 `json:"per_second"`
			Done           bool    `json:"done"`
		}{n, elapsed.Seconds(), rate, final})
		fmt.Fprintf(c.w, "%s\n", b)
	case Plain:
		fmt.Fprintf(c.w, "%d %s  %.0f/s  %s\n", n, c.noun, rate, elapsed.Round(time.Second))
	case Auto:
		text := fmt.Sprintf("%d %s  %.0f/s  %s", n, c.noun, rate, elapsed.Round(time.Second))
		fmt.Fprintf(c.w, "\r%s%s", text, strings.Repeat(" ", max(c.lastLen-len(text), 0)))
		c.lastLen = len(text)
		if final {
			fmt.Fprintln(c.w)
		}
	}
}
