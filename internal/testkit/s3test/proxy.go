package s3test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Proxy forwards HTTP requests to an S3 server and injects faults into the
// answers to object GETs and listings: a connection cut at a chosen byte of
// the object (or of the listing's XML), a stall, an error status such as 503
// SlowDown, a 200 whose body is not S3's. It counts the object GETs and the
// listings it sees, so tests can assert what was downloaded.
type Proxy struct {
	// URL is the proxy's address, to give soa as --endpoint.
	URL      string
	upstream string
	client   *http.Client

	mu     sync.Mutex
	faults []*Fault
	gets   map[string]int // object GETs by key (bucket/key)
	lists  int            // ListObjectsV2 requests
	log    []Request
}

// Request is one object GET the proxy saw.
type Request struct {
	Key     string
	Range   string
	IfMatch string
	Fault   string // what was done to it, empty when forwarded as it was
}

// Fault is something done to the answer of an object GET. A fault applies
// to the first GET of Key whose answer holds byte At of the object (the
// first byte of any answer when At is 0), once. A List fault applies instead
// to a listing (ListObjectsV2) of any bucket: the Nth since the last Reset
// (counting from 1), or the next one when Nth is 0; At counts bytes of its
// XML reply.
type Fault struct {
	Key  string // bucket/key
	List bool
	Nth  int
	At   int64
	// Cut closes the connection after the bytes before At; Stall waits
	// there for Stall (or until the client goes away) before cutting;
	// Status answers that status (with an S3 error Code) instead.
	Cut    bool
	Stall  time.Duration
	Status int
	Code   string
	// Garbage answers 200 with a body that is not S3's XML, as a web
	// server at a wrong --endpoint would.
	Garbage bool

	fired    bool
	stalling chan struct{} // closed when a stall begins
}

// Stalling is closed once the fault's stall has begun.
func (f *Fault) Stalling() <-chan struct{} { return f.stalling }

// Fired says whether the fault was applied.
func (p *Proxy) Fired(f *Fault) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return f.fired
}

// NewProxy starts a proxy to the server at upstream, stopped when the test
// ends.
func NewProxy(t testing.TB, upstream string) *Proxy {
	t.Helper()
	p := &Proxy{upstream: upstream, gets: map[string]int{}, client: &http.Client{
		Transport: &http.Transport{DisableCompression: true},
		// Answers are relayed as they are, redirects included.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	srv := httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// Add arms faults.
func (p *Proxy) Add(faults ...*Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range faults {
		f.stalling = make(chan struct{})
		p.faults = append(p.faults, f)
	}
}

// Gets returns the number of GETs of each object since the last Reset.
func (p *Proxy) Gets() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for k, v := range p.gets {
		out[k] = v
	}
	return out
}

// Requests returns the object GETs seen since the last Reset, in order.
func (p *Proxy) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Request(nil), p.log...)
}

// Lists returns the number of listing requests since the last Reset.
func (p *Proxy) Lists() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lists
}

// Reset forgets the counts and the faults.
func (p *Proxy) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gets, p.log, p.faults, p.lists = map[string]int{}, nil, nil, 0
}

// objectKey returns bucket/key for a request for an object, "" for a
// request about a bucket (a listing).
func objectKey(r *http.Request) string {
	path := strings.TrimPrefix(r.URL.Path, "/")
	if !strings.Contains(path, "/") || strings.HasSuffix(path, "/") {
		return ""
	}
	return path
}

// rangeStart is where the answer to a request starts in the object.
func rangeStart(header string) int64 {
	spec, ok := strings.CutPrefix(header, "bytes=")
	if !ok {
		return 0
	}
	from, _, _ := strings.Cut(spec, "-")
	n, _ := strconv.ParseInt(from, 10, 64)
	return n
}

func (p *Proxy) serve(w http.ResponseWriter, r *http.Request) {
	key := objectKey(r)
	var fault *Fault
	var cutAt int64 // relative to this answer's body
	if r.Method == http.MethodGet && key != "" {
		start := rangeStart(r.Header.Get("Range"))
		p.mu.Lock()
		p.gets[key]++
		for _, f := range p.faults {
			if !f.fired && f.Key == key && (f.At >= start || f.At == 0) {
				f.fired, fault = true, f
				break
			}
		}
		entry := Request{Key: key, Range: r.Header.Get("Range"), IfMatch: r.Header.Get("If-Match")}
		if fault != nil {
			entry.Fault = fault.String()
		}
		p.log = append(p.log, entry)
		p.mu.Unlock()
		if fault != nil && fault.Status != 0 {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(fault.Status)
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>injected by the test proxy</Message></Error>`, fault.Code)
			return
		}
		if fault != nil {
			cutAt = max(fault.At-start, 0)
		}
	}
	if r.Method == http.MethodGet && key == "" && r.URL.Query().Get("list-type") == "2" {
		p.mu.Lock()
		p.lists++
		for _, f := range p.faults {
			if !f.fired && f.List && (f.Nth == 0 || f.Nth == p.lists) {
				f.fired, fault = true, f
				break
			}
		}
		p.mu.Unlock()
		if fault != nil {
			cutAt = fault.At
		}
	}
	if fault != nil && fault.Garbage {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>It works!</body></html>\n")
		return
	}
	out, err := http.NewRequestWithContext(r.Context(), r.Method, p.upstream+r.URL.RequestURI(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	out.ContentLength = r.ContentLength
	resp, err := p.client.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close() //nolint:errcheck // relayed
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	if fault == nil || resp.StatusCode/100 != 2 {
		_, _ = io.Copy(w, resp.Body)
		return
	}
	_, _ = io.CopyN(w, resp.Body, cutAt)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	if fault.Stall > 0 {
		close(fault.stalling)
		select {
		case <-time.After(fault.Stall):
		case <-r.Context().Done():
		}
	}
	// Closes the connection mid-answer: the client sees fewer bytes than
	// the Content-Length promised.
	panic(http.ErrAbortHandler)
}

func (f *Fault) String() string {
	switch {
	case f.Garbage:
		return "garbage"
	case f.Status != 0:
		return fmt.Sprintf("status %d %s", f.Status, f.Code)
	case f.Stall > 0:
		return fmt.Sprintf("stall at byte %d", f.At)
	}
	return fmt.Sprintf("cut at byte %d", f.At)
}
