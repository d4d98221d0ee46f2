package report

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// barRow is one row of a bar list.
type barRow struct {
	// Label is the row's name, drawn in full (it wraps); Sub is a second,
	// quieter name (a unit code, a name type), Text the value as written.
	Label, Sub, Text string
	Value            float64
	// Faint draws the bar pale: a value measured on too few records.
	Faint bool
}

// barList draws horizontal bars as HTML, so that labels wrap instead of
// being cut and text keeps its CSS size on any screen. kind "share" takes
// the values as fractions of a whole bar; otherwise the longest bar is the
// largest value.
func barList(rows []barRow, kind string) template.HTML {
	maxV := 0.0
	for _, r := range rows {
		maxV = math.Max(maxV, r.Value)
	}
	if kind == "share" {
		maxV = 1
	}
	var b strings.Builder
	b.WriteString(`<div class="bars">`)
	for _, r := range rows {
		w := 0.0
		if maxV > 0 {
			w = 100 * r.Value / maxV
		}
		class := "bar-row"
		if r.Faint {
			class += " faint"
		}
		title := r.Label
		if r.Sub != "" {
			title += " (" + r.Sub + ")"
		}
		fmt.Fprintf(&b, `<div class="%s" title="%s: %s"><div class="bar-label">%s`, class, esc(title), esc(r.Text), esc(r.Label))
		if r.Sub != "" {
			fmt.Fprintf(&b, ` <span class="bar-sub">%s</span>`, esc(r.Sub))
		}
		fmt.Fprintf(&b, `</div><div class="bar-track"><div class="bar-fill" style="width:%s%%"></div></div><div class="bar-value">%s</div></div>`,
			pct(visible(w)), esc(r.Text))
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String())
}

// visible keeps a bar of a value above 0 at least a sliver wide; a bar of 0
// is not drawn.
func visible(w float64) float64 {
	if w <= 0 {
		return 0
	}
	return math.Max(w, 0.3)
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// pct writes a percentage for an attribute, with as few digits as needed.
func pct(v float64) string { return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64) }

// point is one bucket of a timeline: a year or the first year of a decade.
type point struct {
	Key   int
	Value float64
}

// span picks the buckets a timeline draws: from the first bucket before
// which at most cut of the records lie (a few BCE or 1400s outliers would
// otherwise squeeze the centuries that hold the records into slivers) to
// the last, at most maxBuckets of step each. left counts the records before
// lo. pts is sorted by Key.
func span(pts []point, step int, cut float64, maxBuckets int) (lo, hi int, left float64) {
	if len(pts) == 0 {
		return 0, -1, 0
	}
	total := 0.0
	for _, p := range pts {
		total += p.Value
	}
	hi = pts[len(pts)-1].Key
	lo = pts[0].Key
	for _, p := range pts {
		if left+p.Value > cut*total {
			lo = p.Key
			break
		}
		left += p.Value
	}
	if first := hi - (maxBuckets-1)*step; lo < first {
		lo = first
	}
	// The axis starts where the data does: at the first bucket at or after
	// lo that holds records, never in an empty stretch before it.
	for _, p := range pts {
		if p.Key >= lo && p.Value > 0 {
			lo = p.Key
			break
		}
	}
	left = 0
	for _, p := range pts {
		if p.Key < lo {
			left += p.Value
		}
	}
	return lo, hi, left
}

// bucketKeys returns the buckets lo..hi, every one, so the axis is time.
func bucketKeys(lo, hi, step int) []int {
	var keys []int
	for k := lo; k <= hi; k += step {
		keys = append(keys, k)
	}
	return keys
}

// niceStep is the smallest of 1, 2, 2.5 or 5 times a power of ten that is at
// least raw.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// compact writes an axis value short: 950, 12k, 1.5M.
func compact(v float64) string {
	switch {
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case v >= 1e4:
		return strconv.FormatFloat(v/1e3, 'f', -1, 64) + "k"
	}
	return thousands(v)
}

// stack is one layer of a stacked timeline: a unit's records per bucket.
type stack struct {
	// Name is the layer's name in the legend and the tooltips, Colour its fill.
	Name, Colour string
	Values       map[int]float64
}

// stackColours are the layers' fills, the last one (grey) for "other units".
var stackColours = []string{"#2f6db5", "#e08214", "#4d9221", "#b2182b", "#8073ac", "#a6acb8"}

// columnChart draws a timeline of consecutive buckets (keys) as columns,
// each stacked from its layers, with a value axis (gridlines at round
// values), a time axis whose ticks sit under the column they name, and a
// legend of the layers. Each column is a group whose title gives its total;
// each segment's title gives its layer's count. Horizontal positions are
// percentages and text is in CSS pixels, so the chart re-flows to any width
// with its text at full size; the ticks marked minor are hidden on narrow
// screens.
func columnChart(keys []int, stacks []stack, step int, label func(int) string, unit string) template.HTML {
	const plotH, top = 200, 8
	if len(keys) == 0 {
		return template.HTML(`<p class="empty">No dated records.</p>`)
	}
	totals := make([]float64, len(keys))
	maxV := 0.0
	for i, k := range keys {
		for _, s := range stacks {
			totals[i] += s.Values[k]
		}
		maxV = math.Max(maxV, totals[i])
	}
	yStep := niceStep(math.Max(maxV, 1) / 4)
	yTop := math.Ceil(math.Max(maxV, 1)/yStep) * yStep
	y := func(v float64) float64 { return top + plotH*(1-v/yTop) }

	var b strings.Builder
	fmt.Fprintf(&b, `<div class="plot"><svg class="columns" width="100%%" height="%d" role="img" aria-label="%s by %s" xmlns="http://www.w3.org/2000/svg">`,
		top+plotH+26, unit, esc(label(keys[0])+" to "+label(keys[len(keys)-1])))
	for v := 0.0; v <= yTop+yStep/2; v += yStep {
		fmt.Fprintf(&b, `<line x1="0" x2="100%%" y1="%.1f" y2="%.1f" class="grid"/><text x="-8" y="%.1f" class="tick" text-anchor="end">%s</text>`,
			y(v), y(v), y(v)+4, compact(v))
	}
	slot := 100 / float64(len(keys))
	gap := 0.1
	if len(keys) > 80 {
		gap = 0.05
	}
	for i, k := range keys {
		if totals[i] == 0 {
			continue
		}
		fmt.Fprintf(&b, `<g class="stack" data-total="%s"><title>%s: %s</title>`, pct(totals[i]), esc(label(k)), esc(plural(int(totals[i]), units(1, unit), unit)))
		below := 0.0
		for _, s := range stacks {
			v := s.Values[k]
			if v == 0 {
				continue
			}
			h := plotH * v / yTop
			fmt.Fprintf(&b, `<rect x="%s%%" width="%s%%" y="%.1f" height="%.1f" class="col" style="fill:%s"><title>%s: %s of %s, %s</title></rect>`,
				pct(float64(i)*slot+slot*gap), pct(slot*(1-2*gap)), y(below+v), math.Max(h, 1), s.Colour,
				esc(label(k)), thousands(v), plural(int(totals[i]), units(1, unit), unit), esc(s.Name))
			below += v
		}
		b.WriteString(`</g>`)
	}
	fmt.Fprintf(&b, `<line x1="0" x2="100%%" y1="%d" y2="%d" class="axis"/>`, top+plotH, top+plotH)
	major, minor := tickSteps(keys[0], keys[len(keys)-1], step)
	for i, k := range keys {
		class := ""
		switch {
		case k%major == 0:
			class = "tick"
		case minor > 0 && k%minor == 0:
			class = "tick minor"
		default:
			continue
		}
		x := pct((float64(i) + 0.5) * slot)
		fmt.Fprintf(&b, `<line x1="%s%%" x2="%s%%" y1="%d" y2="%d" class="axis %s"/><text x="%s%%" y="%d" class="%s" text-anchor="middle">%s</text>`,
			x, x, top+plotH, top+plotH+5, class, x, top+plotH+19, class, esc(label(k)))
	}
	b.WriteString(`</svg></div>`)
	if len(stacks) > 1 {
		b.WriteString(`<div class="legend">`)
		for _, s := range stacks {
			fmt.Fprintf(&b, `<span><i style="background:%s"></i>%s</span>`, s.Colour, esc(s.Name))
		}
		b.WriteString(`</div>`)
	}
	return template.HTML(b.String())
}

// tickSteps picks the time axis's labelled steps: major ticks, at most 7
// (they fit a phone), and minor ones between them (for wide screens), a
// multiple of step each; minor is 0 when there is no room for them.
func tickSteps(lo, hi, step int) (major, minor int) {
	candidates := []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000}
	count := func(s int) int { return (hi - floorTo(lo, s)) / s }
	major = candidates[len(candidates)-1]
	for _, c := range candidates {
		if c%step == 0 && count(c) <= 6 {
			major = c
			break
		}
	}
	for _, c := range candidates {
		if c < major && c%step == 0 && major%c == 0 && count(c) < 11 {
			return major, c
		}
	}
	return major, 0
}

func floorTo(v, s int) int {
	q := v / s
	if v%s != 0 && v < 0 {
		q--
	}
	return q * s
}

// units writes a count's unit, singular for one: "1 record", "2 records".
func units(n float64, plural string) string {
	if n == 1 {
		return strings.TrimSuffix(plural, "s")
	}
	return plural
}
