package main

import (
	"strings"
	"testing"
)

// TestHelpExitStatuses checks that each command's help lists the exit
// statuses it can return and no others, and that soa help lists them all.
func TestHelpExitStatuses(t *testing.T) {
	want := map[string][]string{
		"convert": {"0", "1", "2", "3", "4", "5", "6", "130"},
		"merge":   {"0", "1", "2", "3", "5", "6", "130"},
		"demo":    {"0", "1", "2", "5", "130"},
		"query":   {"0", "1", "2", "130"},
		"report":  {"0", "1", "2", "130"},
		"gen":     {"0", "1", "2", "130"},
		"export":  {"0", "1", "2", "130"},
		"schema":  {"0", "1", "2"},
		"version": {"0", "2"},
	}
	for _, c := range commands() {
		w, ok := want[c.name]
		if !ok {
			t.Errorf("command %s: no exit statuses in this test; add them", c.name)
			continue
		}
		var out strings.Builder
		if err := run(t.Context(), []string{"help", c.name}, nil, &out, &out); err != nil {
			t.Fatal(err)
		}
		if got := statusesIn(t, out.String()); strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("soa help %s lists exit statuses %v, want %v", c.name, got, w)
		}
	}
	var out strings.Builder
	if err := run(t.Context(), []string{"help"}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	if got := statusesIn(t, out.String()); strings.Join(got, " ") != "0 1 2 3 4 5 6 130" {
		t.Errorf("soa help lists exit statuses %v, want all", got)
	}
}

// statusesIn returns the codes of the "Exit status:" section of a help.
func statusesIn(t *testing.T, help string) []string {
	_, section, ok := strings.Cut(help, "Exit status:\n")
	if !ok {
		t.Fatalf("no Exit status section in:\n%s", help)
	}
	var codes []string
	for _, line := range strings.Split(strings.TrimSpace(section), "\n") {
		codes = append(codes, strings.Fields(line)[0])
	}
	return codes
}
