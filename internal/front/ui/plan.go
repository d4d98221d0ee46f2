package ui

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// PlanView is what soa convert --dry-run shows: the input files in listing
// order, each with what a run would do with it, then the skipped files.
type PlanView struct {
	Files    []PlanFile
	Reason   string // why nothing of the previous dataset would be reused
	Endpoint string // the S3-compatible store, when not AWS
	Changes  PlanChanges
}

// PlanChanges is what a dry run can tell of the records a run would add,
// remove and modify without converting (see convert.ChangeEstimate).
type PlanChanges struct {
	Previous      bool // a previous dataset to compare with
	Unchanged     int64
	Removed       int64
	RemovedGroups []string
	UnknownGroups int
}

// PlanFile is one file of a PlanView. Action is read, reuse, skip,
// other-shard or drop; Why says why a file is read or dropped.
type PlanFile struct {
	Name   string
	Group  string
	Bytes  int64
	Action string
	Why    string
}

// Plan writes a dry run's plan: one line per file, then the totals.
func Plan(w io.Writer, p PlanView, out string) {
	type total struct {
		files  int
		bytes  int64
		groups map[string]bool
	}
	totals := map[string]*total{}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "ACTION\tBYTES\tGROUP\tFILE\n")
	for _, f := range p.Files {
		t := totals[f.Action]
		if t == nil {
			t = &total{groups: map[string]bool{}}
			totals[f.Action] = t
		}
		t.files++
		t.bytes += max(f.Bytes, 0)
		if f.Group != "" {
			t.groups[f.Group] = true
		}
		size := "?"
		if f.Bytes >= 0 {
			size = MB(f.Bytes)
		}
		why := ""
		if f.Why != "" {
			why = "  (" + f.Why + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", f.Action, size, f.Group, f.Name, why)
	}
	_ = tw.Flush() // a failed write to stdout cannot be reported better
	fmt.Fprintln(w)
	// line writes the total of an action; groupsText says what its groups are.
	line := func(action string, groupsText func(groups, files int) string) {
		t := totals[action]
		if t == nil {
			return
		}
		fmt.Fprintf(w, "  %-12s %s (%s)%s\n", action, N(t.files, "file", ""), MB(t.bytes), groupsText(len(t.groups), t.files))
	}
	fmt.Fprintf(w, "Dry run: nothing was written to %s.\n", out)
	line("read", func(n, _ int) string { return " in " + N(n, "group", "") + ", to convert" })
	line("reuse", func(n, _ int) string {
		return fmt.Sprintf(" of %s, whose parts would be kept from %s", N(n, "unchanged group", ""), out)
	})
	line("skip", func(_, files int) string {
		return " that " + agree(files, "holds", "hold") + " no records (index.txt and the like)"
	})
	line("other-shard", func(n, _ int) string { return " in " + N(n, "group", "") + " of the other --shard processes" })
	line("drop", func(int, int) string { return " no longer in the input: their records would leave the dataset" })
	if p.Reason != "" {
		fmt.Fprintf(w, "  nothing would be reused: the dataset in %s was %s\n", out, p.Reason)
	}
	planChanges(w, p.Changes)
}

// planChanges writes what can be told, before converting, of the records
// the run would add, remove and modify.
func planChanges(w io.Writer, c PlanChanges) {
	if !c.Previous {
		fmt.Fprintf(w, "Changes: no previous dataset: every record converted would be added.\n")
		return
	}
	fmt.Fprintf(w, "Changes:\n")
	fmt.Fprintf(w, "  unchanged    %s in reused groups: none added, removed or modified\n", N(c.Unchanged, "record", ""))
	if c.Removed > 0 || len(c.RemovedGroups) > 0 {
		fmt.Fprintf(w, "  removed      %s of %s gone from the input (%s)\n", N(c.Removed, "record", ""), N(len(c.RemovedGroups), "group", ""), strings.Join(c.RemovedGroups, ", "))
	}
	if c.UnknownGroups > 0 {
		fmt.Fprintf(w, "  to convert   %s: their records added, removed and modified are known once converted\n", N(c.UnknownGroups, "group", ""))
	}
}
