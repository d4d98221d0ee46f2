// Package report renders a dataset's headline statistics as one
// self-contained HTML page: figures, HTML bar lists and SVG charts drawn
// here, no script, no font or image fetched at view time, readable on a
// phone, on a desktop and in print.
//
// Every chart comes from a bundled query (queries/*.sql) over the dataset's
// rollups, so the page takes the same few seconds on the full corpus as on
// a sample; the provenance block comes from the manifest.
//
// Text is sized in CSS pixels and never scaled with a drawing: bar lists
// are HTML that re-flows, and the column charts are SVGs whose horizontal
// coordinates are percentages and whose text keeps its CSS size, so at
// 500 px wide no label is smaller than 11 px. Only the world map scales as
// a picture, and it holds no text.
package report

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/soa-project/soa/queries"
)

// Options adjust a rendering. The zero value is the default.
type Options struct {
	// Now is the date the page says it was made. Zero means the time given
	// by $SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
	// convention, so that two runs can write identical bytes), or else the
	// current time.
	Now time.Time
}

// Figure is one headline number.
type Figure struct{ Label, Value string }

// Page is what the template draws.
type Page struct {
	Title      string
	Dataset    string
	Made       string
	Figures    []Figure
	Provenance []Fact
	Charts     []Chart
}

// Fact is one line of the provenance block.
type Fact struct{ Label, Value string }

// Chart is a titled drawing with a caption saying which query made it.
type Chart struct {
	ID, Title, Caption string
	Body               template.HTML
}

// Render runs the queries the report needs on db and writes the page, with
// the default Options.
func Render(ctx context.Context, db *queries.DB, w io.Writer) error {
	return RenderOptions(ctx, db, w, Options{})
}

// RenderOptions runs the queries the report needs on db and writes the page.
func RenderOptions(ctx context.Context, db *queries.DB, w io.Writer, opts Options) error {
	p := Page{Title: "Smithsonian Open Access: dataset report", Dataset: db.Dataset, Made: madeAt(opts).Format("2006-01-02 15:04 UTC")}
	b := builder{ctx: ctx, db: db}
	steps := []func(*Page) error{
		b.figures, b.provenance, b.unitChart, b.decades, b.years, b.worldMap, b.countries, b.media, b.mediaCoverage, b.cc0Images,
		b.fillRates, b.taxonomy, b.topics, b.names, b.objectTypes,
	}
	steps = append(steps, b.lastChanges)
	for _, step := range steps {
		if err := step(&p); err != nil {
			return err
		}
	}
	// The title says what the page covers, so that a report of a sample
	// or of one shard is never taken for the whole collection.
	p.Title = fmt.Sprintf("Smithsonian Open Access: a report on %s from %s",
		plural(int(b.total), "record", "records"), plural(len(b.units.rows), "unit", "units"))
	return page.Execute(w, p)
}

func madeAt(opts Options) time.Time {
	if !opts.Now.IsZero() {
		return opts.Now.UTC()
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now().UTC()
}

// builder runs the queries and keeps what several charts share.
type builder struct {
	ctx   context.Context
	db    *queries.DB
	units result  // records_by_unit, read once
	total float64 // the records of records_by_unit
	// decadeLo is the first decade the decade chart draws, decadeLeft the
	// records before it, for the year chart's caption.
	decadeLo   int
	decadeLeft float64
}

type result struct {
	cols []string
	rows [][]any
}

func (r result) row(i int) map[string]any {
	m := make(map[string]any, len(r.cols))
	for j, c := range r.cols {
		m[c] = r.rows[i][j]
	}
	return m
}

func (b *builder) run(name string, params map[string]string) (result, error) {
	q, err := queries.Get(name)
	if err != nil {
		return result{}, err
	}
	args, err := q.Args(params)
	if err != nil {
		return result{}, err
	}
	cols, rows, err := b.db.Rows(b.ctx, b.db.SQL(q), args...)
	if err != nil {
		return result{}, fmt.Errorf("report: query %s: %w", name, err)
	}
	return result{cols, rows}, nil
}

// unitNames maps unit codes to the museums' names (data_source).
func (b *builder) unitNames() map[string]string {
	names := map[string]string{}
	for i := range b.units.rows {
		r := b.units.row(i)
		if n := queries.Text(r["unit_name"]); n != "" {
			names[queries.Text(r["unit_code"])] = n
		}
	}
	return names
}

func (b *builder) figures(p *Page) error {
	ov, err := b.run("overview", nil)
	if err != nil {
		return err
	}
	if len(ov.rows) == 1 {
		r := ov.row(0)
		p.Figures = []Figure{
			{"records", thousands(num(r["records"]))},
			{"units", thousands(num(r["units"]))},
			{"CC0 records", percent(num(r["cc0_share"]))},
			{"records with media", percent(num(r["media_share"]))},
			{"media items", thousands(num(r["media_items"]))},
			{"images", thousands(num(r["images"]))},
		}
	}
	b.units, err = b.run("records_by_unit", nil)
	for i := range b.units.rows {
		b.total += num(b.units.row(i)["records"])
	}
	return err
}

// unitChart: records per unit, named.
func (b *builder) unitChart(p *Page) error {
	total := 0.0
	for i := range b.units.rows {
		total += num(b.units.row(i)["records"])
	}
	var rows []barRow
	for i := range b.units.rows {
		r := b.units.row(i)
		code, name, n := queries.Text(r["unit_code"]), queries.Text(r["unit_name"]), num(r["records"])
		rows = append(rows, barRow{
			Label: orDefault(name, code), Sub: code, Value: n,
			Text: thousands(n) + " · " + share(n, total),
		})
	}
	p.Charts = append(p.Charts, Chart{"units", "Records by unit",
		"Each unit's records and its share of all; the name is the unit's most common data_source. Query records_by_unit.",
		barList(rows, "")})
	return nil
}

// timeline reads a query's buckets (key column, records) in key order.
func (b *builder) timeline(query, key string) ([]point, error) {
	res, err := b.run(query, nil)
	if err != nil {
		return nil, err
	}
	var pts []point
	for i := range res.rows {
		r := res.row(i)
		pts = append(pts, point{int(num(r[key])), num(r["records"])})
	}
	return pts, nil
}

// stackUnits is how many units a timeline names in its stacks; the others
// are one grey layer.
const stackUnits = 5

// unitStacks splits a timeline by unit: the stackUnits units with most
// records between lo and hi each get a layer, from the same query run for
// the unit alone, and the other units together the remainder of all, so
// that the layers add up to the query's totals exactly.
func (b *builder) unitStacks(query, key string, all []point, lo, hi int) ([]stack, error) {
	names := b.unitNames()
	type unitSeries struct {
		code   string
		values map[int]float64
		shown  float64
	}
	var series []unitSeries
	for i := range b.units.rows {
		code := queries.Text(b.units.row(i)["unit_code"])
		res, err := b.run(query, map[string]string{"unit": code})
		if err != nil {
			return nil, err
		}
		u := unitSeries{code: code, values: map[int]float64{}}
		for j := range res.rows {
			r := res.row(j)
			k, n := int(num(r[key])), num(r["records"])
			u.values[k] = n
			if k >= lo && k <= hi {
				u.shown += n
			}
		}
		if u.shown > 0 {
			series = append(series, u)
		}
	}
	slices.SortStableFunc(series, func(a, b unitSeries) int { return cmp.Compare(b.shown, a.shown) })
	var stacks []stack
	rest := map[int]float64{}
	for _, p := range all {
		rest[p.Key] = p.Value
	}
	for i, u := range series {
		if i == stackUnits {
			break
		}
		stacks = append(stacks, stack{Name: orDefault(names[u.code], u.code), Colour: stackColours[i], Values: u.values})
		for k, v := range u.values {
			rest[k] -= v
		}
	}
	if len(series) > stackUnits {
		stacks = append(stacks, stack{Name: plural(len(series)-stackUnits, "other unit", "other units"), Colour: stackColours[len(stackColours)-1], Values: rest})
	}
	return stacks, nil
}

// decades: the span of dated records, by decade and unit, with an axis.
func (b *builder) decades(p *Page) error {
	pts, err := b.timeline("records_by_decade", "decade")
	if err != nil {
		return err
	}
	lo, hi, left := span(pts, 10, 0.005, 60)
	stacks, err := b.unitStacks("records_by_decade", "decade", pts, lo, hi)
	if err != nil {
		return err
	}
	caption := fmt.Sprintf("Records by the decade of their earliest year (year_start), stacked by unit: the %s with most dated records each have a colour; records without a year are not counted.", plural(min(stackUnits, len(stacks)), "unit", "units"))
	if left > 0 {
		caption += fmt.Sprintf(" Left out so that the rest can be read: %s dated before the %s.", plural(int(left), "record", "records"), decadeLabel(lo))
	}
	b.decadeLo, b.decadeLeft = lo, left
	caption += " Query records_by_decade (and with unit, for each unit's layer)."
	p.Charts = append(p.Charts, Chart{"decades", "Records by decade", caption,
		columnChart(bucketKeys(lo, hi, 10), stacks, 10, decadeLabel, "records")})
	return nil
}

// years: the timeline at year precision over the years that hold most
// records, stacked by unit: a unit's collection dates make spikes that the
// colours explain.
func (b *builder) years(p *Page) error {
	pts, err := b.timeline("records_by_year", "year")
	if err != nil {
		return err
	}
	lo, hi, left := span(pts, 1, 0.02, 180)
	stacks, err := b.unitStacks("records_by_year", "year", pts, lo, hi)
	if err != nil {
		return err
	}
	prec, err := b.run("records_by_date_precision", nil)
	if err != nil {
		return err
	}
	var precise, withYear float64
	for i := range prec.rows {
		r := prec.row(i)
		withYear += num(r["with_year"])
		switch queries.Text(r["date_precision"]) {
		case "day", "month", "year":
			precise += num(r["with_year"])
		}
	}
	// date_uncertain, summed over the country codes (every record has one row there).
	byCode, err := b.run("countries_by_code", map[string]string{"limit": "1000000"})
	if err != nil {
		return err
	}
	var uncertain float64
	for i := range byCode.rows {
		uncertain += num(byCode.row(i)["uncertain_date"])
	}
	caption := fmt.Sprintf("Records by the earliest year of their own date (year_start), stacked by unit: the %s with most records in the years drawn each have a colour", plural(min(stackUnits, len(stacks)), "unit", "units"))
	if withYear > 0 {
		caption += fmt.Sprintf("; %s of the %s records with a year are known to the year or better (day, month or year precision), the others are dated by a range, a decade or a century and counted at its first year, which makes the peaks at round years; %s of them say their date is uncertain (c., ?, [1921], possibly: date_uncertain)", share(precise, withYear), thousands(withYear), share(uncertain, withYear))
	}
	caption += "."
	if left > 0 {
		caption += fmt.Sprintf(" Left out here: %s dated before %d", plural(int(left), "record", "records"), lo)
		if b.decadeLeft > 0 {
			caption += fmt.Sprintf("; the decade chart draws those from the %s on.", decadeLabel(b.decadeLo))
		} else {
			caption += "; the decade chart draws them."
		}
	}
	caption += " Queries records_by_year (and with unit, for each unit's layer), records_by_date_precision and countries_by_code."
	p.Charts = append(p.Charts, Chart{"years", "Timeline by year", caption,
		columnChart(bucketKeys(lo, hi, 1), stacks, 1, strconv.Itoa, "records")})
	return nil
}

func (b *builder) media(p *Page) error {
	res, err := b.run("media_types_and_sizes", nil)
	if err != nil {
		return err
	}
	total := 0.0
	for i := range res.rows {
		total += num(res.row(i)["items"])
	}
	var rows []barRow
	for i := range res.rows {
		r := res.row(i)
		n := num(r["items"])
		row := barRow{Label: mediaTypeLabel(queries.Text(r["media_type"])), Value: n, Text: thousands(n) + " · " + share(n, total)}
		if w, h := queries.Text(r["median_width"]), queries.Text(r["median_height"]); w != "" && h != "" {
			row.Sub = fmt.Sprintf("median %s × %s px", thousands(num(w)), thousands(num(h)))
		}
		rows = append(rows, row)
	}
	p.Charts = append(p.Charts, Chart{"media", "Media items by type",
		"Media items (online images, books, 3D models …) by type: count and share of all " + thousands(total) + " items; the median size is that of each item's largest rendition. Query media_types_and_sizes.",
		barList(rows, "")})
	return nil
}

// fewRecords is the unit size under which a share is drawn pale: 1 of 1
// is 100% and says little.
const fewRecords = 30

func (b *builder) mediaCoverage(p *Page) error {
	type cov struct {
		row   barRow
		share float64
		n     float64
	}
	var covs []cov
	for i := range b.units.rows {
		r := b.units.row(i)
		n, with := num(r["records"]), num(r["records_with_media"])
		s := with / math.Max(n, 1)
		code := queries.Text(r["unit_code"])
		covs = append(covs, cov{barRow{
			Label: orDefault(queries.Text(r["unit_name"]), code), Sub: code, Value: s,
			Text:  fmt.Sprintf("%s · %s of %s", percent(s), thousands(with), thousands(n)),
			Faint: n < fewRecords,
		}, s, n})
	}
	// The units with enough records to measure first, by share, then the
	// small ones (drawn pale), by size: a unit of 3 records at 100% must
	// not top the chart above a unit of 10,000 at 98%.
	slices.SortStableFunc(covs, func(a, b cov) int {
		if small := cmp.Compare(boolInt(a.n < fewRecords), boolInt(b.n < fewRecords)); small != 0 {
			return small
		}
		if a.n < fewRecords {
			return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(b.share, a.share))
		}
		return cmp.Or(cmp.Compare(b.share, a.share), cmp.Compare(b.n, a.n))
	})
	var rows []barRow
	for _, c := range covs {
		rows = append(rows, c.row)
	}
	p.Charts = append(p.Charts, Chart{"coverage", "Media coverage by unit",
		fmt.Sprintf("Share of each unit's records with online media, written with the unit's records with media and all its records (38 of 67); units with at least %d records first, by share, then the smaller units, drawn pale and by size, whose share says little. Query records_by_unit (records_with_media / records).", fewRecords),
		barList(rows, "share")})
	return nil
}

func (b *builder) topics(p *Page) error {
	res, err := b.run("top_topics", map[string]string{"limit": "20"})
	if err != nil {
		return err
	}
	var rows []barRow
	for i := range res.rows {
		r := res.row(i)
		rows = append(rows, barRow{Label: queries.Text(r["topic"]), Value: num(r["records"]), Text: thousands(num(r["records"]))})
	}
	p.Charts = append(p.Charts, Chart{"topics", "Top topics",
		"The 20 most common topics (indexedStructured.topic), each counted as often as it occurs in the records' topic lists. Query top_topics, limit 20.", barList(rows, "")})
	return nil
}

func (b *builder) names(p *Page) error {
	res, err := b.run("top_makers", map[string]string{"limit": "20"})
	if err != nil {
		return err
	}
	var rows []barRow
	for i := range res.rows {
		r := res.row(i)
		rows = append(rows, barRow{Label: queries.Text(r["maker"]), Sub: queries.Text(r["units"]), Value: num(r["records"]), Text: thousands(num(r["records"]))})
	}
	p.Charts = append(p.Charts, Chart{"makers", "Top makers",
		"The 20 makers (objects.makers: artists, authors, manufacturers; never a sitter, donor or former attribution) of the most records, with their units. Query top_makers, limit 20.", barList(rows, "")})
	return nil
}

func (b *builder) objectTypes(p *Page) error {
	res, err := b.run("top_object_types", map[string]string{"limit": "15"})
	if err != nil {
		return err
	}
	var rows []barRow
	for i := range res.rows {
		r := res.row(i)
		rows = append(rows, barRow{Label: queries.Text(r["object_type"]), Value: num(r["records"]), Text: thousands(num(r["records"]))})
	}
	p.Charts = append(p.Charts, Chart{"types", "Top object types",
		"The 15 most common object types (indexedStructured.object_type), each counted as often as it occurs in the records' object type lists. Query top_object_types, limit 15.", barList(rows, "")})
	return nil
}

func num(v any) float64 {
	f, _ := strconv.ParseFloat(queries.Text(v), 64)
	return f
}

func thousands(v float64) string {
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// percent writes a share in [0, 1] with one decimal, and never rounds a
// share that is not all (or not none) to 100% (or 0%).
func percent(v float64) string {
	s := strconv.FormatFloat(100*v, 'f', 1, 64)
	switch {
	case s == "100.0" && v < 1:
		return ">99.9%"
	case s == "0.0" && v > 0:
		return "<0.1%"
	}
	return s + "%"
}

func share(n, total float64) string {
	if total <= 0 {
		return "–"
	}
	return percent(n / total)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func decadeLabel(d int) string {
	if d < 0 {
		return strconv.Itoa(-d) + "s BCE"
	}
	return strconv.Itoa(d) + "s"
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

// mediaTypeLabels name the media types that the units give as codes.
var mediaTypeLabels = map[string]string{
	"3d_voyager":   "3D model (Voyager viewer)",
	"3d_package":   "3D model package",
	"slideshowXML": "Slideshow",
}

func mediaTypeLabel(code string) string {
	if code == "" {
		return "(no type)"
	}
	if l, ok := mediaTypeLabels[code]; ok {
		return l
	}
	return code
}
