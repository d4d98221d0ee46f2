package main

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"overview", "overview", 0},
		{"overveiw", "overview", 1}, // a swap of neighbours counts once
		{"conver", "convert", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3},    // optimal string alignment: no substring edited twice
		{"über", "uber", 1}, // letters, not bytes
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := editDistance(c.b, c.a); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (not symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"overview", "records_by_unit", "records_by_year", "top_topics"}
	for _, c := range []struct{ name, want string }{
		{"overveiw", "overview"},
		{"OVERVIEW", "overview"}, // names are lower case: the hint says so
		{"records_by_yaer", "records_by_year"},
		{"records_by_unti", "records_by_unit"},
		{"top_topic", "top_topics"},
		{"frobnicate", ""}, // nothing near
		{"x", ""},          // one letter off from nothing
		{"overview", ""},   // an exact name needs no hint
	} {
		if got := closest(c.name, names); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	// Ties go to the first candidate, whatever the order of the others.
	if got := closest("ab", []string{"ac", "ad"}); got != "ac" {
		t.Errorf("closest(ab) = %q, want the first of two at the same distance", got)
	}
}
