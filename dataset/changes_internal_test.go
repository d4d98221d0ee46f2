package dataset

import (
	"errors"
	"strings"
	"testing"
)

// TestCheckShrink holds the publish gate to the limits of issue 26: more
// than 5% of the dataset's records, or more than half of a unit that had
// at least 100.
func TestCheckShrink(t *testing.T) {
	manifest := func(units map[string]int64) *Manifest {
		return &Manifest{Tables: []TableSummary{{Name: "objects", Units: units}, {Name: "media", Units: map[string]int64{"A": 1_000_000}}}}
	}
	for _, tc := range []struct {
		name          string
		before, after map[string]int64
		refused       string // the error, "" when published
	}{
		{"growth", map[string]int64{"A": 1000}, map[string]int64{"A": 1100}, ""},
		{"exactly 5%", map[string]int64{"A": 1000, "B": 1000}, map[string]int64{"A": 900, "B": 1000}, ""},
		{"over 5%", map[string]int64{"A": 1000, "B": 1000}, map[string]int64{"A": 899, "B": 1000},
			"the dataset would go from 2000 to 1899 records;"},
		{"a unit loses exactly half", map[string]int64{"A": 100, "B": 100_000}, map[string]int64{"A": 50, "B": 100_000}, ""},
		{"a unit loses more than half", map[string]int64{"A": 100, "B": 100_000}, map[string]int64{"A": 49, "B": 100_000},
			"the dataset would go from 100100 to 100049 records; units losing more than half: A 100 -> 49;"},
		{"a unit gone", map[string]int64{"A": 200, "B": 100_000, "C": 99}, map[string]int64{"B": 100_000},
			"units losing more than half: A 200 -> 0;"},
		{"a small unit gone", map[string]int64{"A": 99, "B": 100_000}, map[string]int64{"B": 100_000}, ""},
		{"a new unit", map[string]int64{"B": 100}, map[string]int64{"A": 5, "B": 100}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkShrink(manifest(tc.before), manifest(tc.after))
			switch {
			case tc.refused == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.refused != "" && (err == nil || !errors.Is(err, ErrShrink) || !strings.Contains(err.Error(), tc.refused)):
				t.Errorf("got %v, want an ErrShrink saying %q", err, tc.refused)
			}
		})
	}
}
