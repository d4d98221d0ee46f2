package main

import (
	"strings"
	"testing"

	"github.com/soa-project/soa/queries"
)

// TestWriteList checks the layout of soa query --list: names aligned on
// the longest, and under each query its parameters with their defaults.
func TestWriteList(t *testing.T) {
	qs := []queries.Query{
		{Name: "overview", Description: "Headline figures"},
		{Name: "top_topics", Description: "Most common topics", Params: []queries.Param{
			{Name: "unit", Type: "VARCHAR", Default: "NULL", Doc: "only this unit_code"},
			{Name: "limit", Type: "INTEGER", Default: "20", Doc: "how many rows"},
		}},
	}
	var b strings.Builder
	writeList(&b, qs)
	want := `overview    Headline figures
top_topics  Most common topics
            --param unit=VARCHAR        only this unit_code (default: none)
            --param limit=INTEGER       how many rows (default: 20)

Run one: soa query DATASET NAME [--param name=value]...
`
	if b.String() != want {
		t.Errorf("writeList:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestListShowsEveryParam checks that the listing of the bundled queries
// shows every parameter of every query, with its default, under it.
func TestListShowsEveryParam(t *testing.T) {
	qs, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	writeList(&b, qs)
	lines := strings.Split(b.String(), "\n")
	params := 0
	for _, q := range qs {
		i := indexPrefix(lines, q.Name+" ")
		if i < 0 {
			t.Errorf("no line for query %s", q.Name)
			continue
		}
		for j, p := range q.Params {
			params++
			line := lines[i+1+j]
			if !strings.Contains(line, "--param "+p.Name+"="+p.Type) || !strings.Contains(line, p.Doc) {
				t.Errorf("query %s, parameter %s: line %q", q.Name, p.Name, line)
			}
			def := p.Default
			if def == "NULL" {
				def = "none"
			}
			if !strings.HasSuffix(line, "(default: "+def+")") {
				t.Errorf("query %s, parameter %s: line %q lacks its default %s", q.Name, p.Name, line, def)
			}
		}
	}
	if params == 0 {
		t.Fatal("no bundled query has parameters: the test checks nothing")
	}
}

func indexPrefix(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

// TestInvocationOf checks the command the demo's hints start with: what
// the user typed, or go run for go run's throw-away binary.
func TestInvocationOf(t *testing.T) {
	for _, c := range []struct {
		arg0     string
		inSource bool
		want     string
	}{
		{"soa", false, "soa"},
		{"./soa", true, "./soa"},
		{"/usr/local/bin/soa", false, "/usr/local/bin/soa"},
		{"/tmp/go-build123456/b001/exe/soa", true, "go run ./cmd/soa"},
		{"/tmp/go-build123456/b001/exe/soa", false, "go run github.com/soa-project/soa/cmd/soa"},
		{"/home/me/go-build/soa", true, "/home/me/go-build/soa"}, // not go run's exe folder
	} {
		if got := invocationOf(c.arg0, c.inSource); got != c.want {
			t.Errorf("invocationOf(%q, %v) = %q, want %q", c.arg0, c.inSource, got, c.want)
		}
	}
}
