package convert

import (
	"github.com/soa-project/soa/dataset"
)

// ChangeEstimate is what a dry run can tell of the changes a run would
// record (dataset.ChangesDir) without converting anything.
type ChangeEstimate struct {
	// Unchanged are the records of the groups that would be reused: none
	// of them would be added, removed or modified.
	Unchanged int64
	// Removed are the records of the groups of the previous dataset that
	// are gone from the input altogether: all of them would be removed.
	Removed int64
	// RemovedGroups names those groups.
	RemovedGroups []string
	// UnknownGroups is how many groups would be converted: what changes in
	// them is known only after converting.
	UnknownGroups int
	// Previous says whether there is a previous dataset to compare with;
	// without one every record would be added.
	Previous bool
}

// estimateChanges fills a ChangeEstimate from the previous dataset's state
// at prev, the groups that would be reused, those of the whole listing
// (listed) and those this process would convert or reuse (inputGroups).
func estimateChanges(prev string, reused map[string]*dataset.GroupState, listed, inputGroups map[string]bool) ChangeEstimate {
	var e ChangeEstimate
	st, err := dataset.ReadState(prev)
	if err != nil {
		// No dataset (or none readable as one): every record would be added.
		e.UnknownGroups = len(inputGroups)
		return e
	}
	e.Previous = true
	for _, g := range st.Groups {
		var records int64
		for _, in := range g.Inputs {
			records += in.Records
		}
		switch {
		case reused[g.Name] != nil:
			e.Unchanged += records
		case !listed[g.Name]:
			e.Removed += records
			e.RemovedGroups = append(e.RemovedGroups, g.Name)
		}
	}
	for g := range inputGroups {
		if reused[g] == nil {
			e.UnknownGroups++
		}
	}
	return e
}
