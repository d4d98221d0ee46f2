package report

import (
	"fmt"
	"time"

	"github.com/soa-project/soa/queries"
)

// lastChanges draws the last run's changes by unit, from changes_by_run
// (whose rows come latest run first). A dataset without a changes history
// (written before soa kept one) gets no section.
func (b *builder) lastChanges(p *Page) error {
	res, err := b.run("changes_by_run", nil)
	if err != nil {
		return err
	}
	if len(res.rows) == 0 {
		return nil
	}
	last := queries.Text(res.row(0)["run_at"])
	var rows []barRow
	var added, removed, modified float64
	for i := range res.rows {
		r := res.row(i)
		if queries.Text(r["run_at"]) != last {
			break
		}
		a, rm, m := num(r["added"]), num(r["removed"]), num(r["modified"])
		added, removed, modified = added+a, removed+rm, modified+m
		rows = append(rows, barRow{Label: queries.Text(r["unit_code"]), Value: a + rm + m,
			Text: fmt.Sprintf("%s added · %s removed · %s modified", thousands(a), thousands(rm), thousands(m))})
	}
	when := last
	if t, err := time.Parse(time.RFC3339Nano, last); err == nil {
		when = t.UTC().Format("2006-01-02 15:04 UTC")
	}
	p.Charts = append(p.Charts, Chart{"changes", "What the last run changed, by unit",
		fmt.Sprintf("The run published %s: %s records added, %s removed, %s modified (their doc_signature changed), against the dataset it replaced; the first run lists every record as added. Query changes_by_run; the history is in _changes/.",
			when, thousands(added), thousands(removed), thousands(modified)),
		barList(rows, "")})
	return nil
}
