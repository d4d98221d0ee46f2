// Package report renders a dataset's headline statistics as one
// self-contained HTML page: figures and SVG charts drawn here, no script,
// no font or image fetched at view time, readable on screen and in print.
package report

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/soa-project/soa/queries"
)

// Figure is one headline number.
type Figure struct{ Label, Value string }

// Page is what the template draws.
type Page struct {
	Title   string
	Dataset string
	Figures []Figure
	Charts  []Chart
}

// Chart is a titled SVG drawing with a caption saying which query made it.
type Chart struct {
	Title, Caption string
	SVG            template.HTML
}

// Render runs the queries the report needs on db and writes the page.
func Render(ctx context.Context, db *queries.DB, w io.Writer) error {
	p := Page{Title: "Smithsonian Open Access: dataset report", Dataset: db.Dataset}

	ov, err := run(ctx, db, "overview", nil)
	if err != nil {
		return err
	}
	if len(ov.rows) == 1 {
		r := ov.row(0)
		p.Figures = []Figure{
			{"records", thousands(r["records"])},
			{"units", thousands(r["units"])},
			{"CC0 records", percent(r["cc0_share"])},
			{"records with media", percent(r["media_share"])},
			{"media items", thousands(r["media_items"])},
			{"images", thousands(r["images"])},
		}
	}

	units, err := run(ctx, db, "records_by_unit", nil)
	if err != nil {
		return err
	}
	var labels []string
	var values, mediaShare []float64
	for i := range units.rows {
		r := units.row(i)
		labels = append(labels, queries.Text(r["unit_code"]))
		values = append(values, num(r["records"]))
		mediaShare = append(mediaShare, num(r["records_with_media"])/math.Max(num(r["records"]), 1))
	}
	p.Charts = append(p.Charts, Chart{"Records by unit", "query records_by_unit", bars(labels, values, thousands)})

	decades, err := run(ctx, db, "records_by_decade", nil)
	if err != nil {
		return err
	}
	labels, values = decadeSeries(decades)
	p.Charts = append(p.Charts, Chart{"Records by decade of their earliest date", "query records_by_decade (year_start; records without a parsable date are left out)", columns(labels, values)})

	types, err := run(ctx, db, "top_object_types", map[string]string{"limit": "15"})
	if err != nil {
		return err
	}
	labels, values = nil, nil
	for i := range types.rows {
		r := types.row(i)
		labels = append(labels, queries.Text(r["object_type"]))
		values = append(values, num(r["records"]))
	}
	p.Charts = append(p.Charts, Chart{"Top object types", "query top_object_types, limit 15", bars(labels, values, thousands)})

	labels = nil
	for i := range units.rows {
		labels = append(labels, queries.Text(units.row(i)["unit_code"]))
	}
	p.Charts = append(p.Charts, Chart{"Media coverage: share of each unit's records with online media", "query records_by_unit (records_with_media / records)",
		bars(labels, mediaShare, func(v any) string { return percent(v) })})

	return page.Execute(w, p)
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

func run(ctx context.Context, db *queries.DB, name string, params map[string]string) (result, error) {
	q, err := queries.Get(name)
	if err != nil {
		return result{}, err
	}
	args, err := q.Args(params)
	if err != nil {
		return result{}, err
	}
	cols, rows, err := db.Rows(ctx, db.SQL(q), args...)
	if err != nil {
		return result{}, fmt.Errorf("report: query %s: %w", name, err)
	}
	return result{cols, rows}, nil
}

func num(v any) float64 {
	f, _ := strconv.ParseFloat(queries.Text(v), 64)
	return f
}

func thousands(v any) string {
	n := int64(num(v))
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func percent(v any) string { return strconv.FormatFloat(100*num(v), 'f', 1, 64) + "%" }

// decadeSeries fills the decades without records with zeros, so the axis is
// time and not a list, unless the span is so long (BCE outliers) that the
// columns would be slivers; then only decades with records are drawn.
func decadeSeries(decades result) ([]string, []float64) {
	counts := map[int]float64{}
	lo, hi := math.MaxInt, math.MinInt
	for i := range decades.rows {
		r := decades.row(i)
		d := int(num(r["decade"]))
		counts[d] = num(r["records"])
		lo, hi = min(lo, d), max(hi, d)
	}
	var labels []string
	var values []float64
	if len(counts) == 0 {
		return nil, nil
	}
	if (hi-lo)/10 <= 120 {
		for d := lo; d <= hi; d += 10 {
			labels = append(labels, decadeLabel(float64(d)))
			values = append(values, counts[d])
		}
		return labels, values
	}
	for i := range decades.rows {
		r := decades.row(i)
		labels = append(labels, decadeLabel(num(r["decade"])))
		values = append(values, num(r["records"]))
	}
	return labels, values
}

func decadeLabel(d float64) string {
	if d < 0 {
		return strconv.Itoa(int(-d)) + "s BCE"
	}
	return strconv.Itoa(int(d)) + "s"
}

// bars draws a horizontal bar chart, one labelled bar per value.
func bars(labels []string, values []float64, format func(any) string) template.HTML {
	const (
		width, labelW, valueW, rowH = 760, 190, 90, 22
	)
	maxV := 0.0
	for _, v := range values {
		maxV = math.Max(maxV, v)
	}
	height := rowH*len(values) + 10
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" width="100%%" role="img" xmlns="http://www.w3.org/2000/svg">`, width, height)
	for i, v := range values {
		y := 5 + i*rowH
		w := 0.0
		if maxV > 0 {
			w = (width - labelW - valueW) * v / maxV
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="label" text-anchor="end">%s</text>`, labelW-8, y+15, template.HTMLEscapeString(shorten(labels[i], 28)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" class="bar"><title>%s: %s</title></rect>`, labelW, y+3, math.Max(w, 1), rowH-6,
			template.HTMLEscapeString(labels[i]), template.HTMLEscapeString(format(v)))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="value">%s</text>`, float64(labelW)+math.Max(w, 1)+6, y+15, template.HTMLEscapeString(format(v)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// columns draws a vertical column chart with sparse axis labels.
func columns(labels []string, values []float64) template.HTML {
	const width, height, left, right, bottom, top = 760, 260, 60, 30, 40, 10
	maxV := 0.0
	for _, v := range values {
		maxV = math.Max(maxV, v)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" width="100%%" role="img" xmlns="http://www.w3.org/2000/svg">`, width, height)
	plotH := float64(height - bottom - top)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, left, height-bottom, width-right, height-bottom)
	fmt.Fprintf(&b, `<text x="%d" y="%d" class="value" text-anchor="end">%s</text>`, left-6, top+10, thousands(maxV))
	if n := len(values); n > 0 {
		slot := float64(width-left-right) / float64(n)
		every := max(1, n/10)
		for i, v := range values {
			h := 0.0
			if maxV > 0 {
				h = plotH * v / maxV
			}
			x := float64(left) + float64(i)*slot
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="bar"><title>%s: %s</title></rect>`,
				x+slot*0.1, float64(height-bottom)-h, slot*0.8, math.Max(h, 0.5), template.HTMLEscapeString(labels[i]), thousands(v))
			if i%every == 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="label" text-anchor="middle">%s</text>`, x+slot/2, height-bottom+16, template.HTMLEscapeString(labels[i]))
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

var page = template.Must(template.New("report").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d2433; margin: 0; background: #f5f6f8; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.sub { color: #5b6475; margin: 0 0 20px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 20px; }
.figure, .card { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 14px 16px; }
.figure .v { font-size: 24px; font-weight: 650; }
.figure .l { color: #5b6475; font-size: 13px; }
.card { margin-bottom: 18px; }
.card h2 { font-size: 17px; margin: 0 0 8px; }
.card p { color: #5b6475; font-size: 12px; margin: 6px 0 0; }
svg .bar { fill: #2f6db5; }
svg .label { font-size: 12px; fill: #1d2433; }
svg .value { font-size: 11px; fill: #5b6475; }
svg .axis { stroke: #9aa3b2; stroke-width: 1; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .figure, .card { border-color: #bbb; break-inside: avoid; }
  svg .bar { fill: #333; }
}
</style></head>
<body><main>
<h1>{{.Title}}</h1>
<p class="sub">Dataset: {{.Dataset}}. Made by <code>soa report</code>; every chart names the bundled query behind it (<code>soa query DATASET NAME</code>).</p>
<section class="figures">{{range .Figures}}<div class="figure"><div class="v">{{.Value}}</div><div class="l">{{.Label}}</div></div>{{end}}</section>
{{range .Charts}}<section class="card"><h2>{{.Title}}</h2>{{.SVG}}<p>{{.Caption}}</p></section>
{{end}}</main></body></html>
`))
