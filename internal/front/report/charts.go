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
		left = 0
		for _, p := range pts {
			if p.Key < lo {
				left += p.Value
			}
		}
	}
	return lo, hi, left
}

// fill returns the buckets lo..hi, zero where pts has none, so the axis is time.
func fill(pts []point, lo, hi, step int) []point {
	byKey := map[int]float64{}
	for _, p := range pts {
		byKey[p.Key] = p.Value
	}
	var out []point
	for k := lo; k <= hi; k += step {
		out = append(out, point{k, byKey[k]})
	}
	return out
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

// columnChart draws a timeline of consecutive buckets as columns, with a
// value axis (gridlines at round values) and a time axis whose ticks sit
// under the column they name. Horizontal positions are percentages and
// text is in CSS pixels, so the chart re-flows to any width with its text
// at full size; the ticks marked minor are hidden on narrow screens.
func columnChart(pts []point, step int, label func(int) string, unit string) template.HTML {
	const plotH, top = 200, 8
	if len(pts) == 0 {
		return template.HTML(`<p class="empty">No dated records.</p>`)
	}
	maxV := 0.0
	for _, p := range pts {
		maxV = math.Max(maxV, p.Value)
	}
	yStep := niceStep(math.Max(maxV, 1) / 4)
	yTop := math.Ceil(math.Max(maxV, 1)/yStep) * yStep
	y := func(v float64) float64 { return top + plotH*(1-v/yTop) }

	var b strings.Builder
	fmt.Fprintf(&b, `<div class="plot"><svg class="columns" width="100%%" height="%d" role="img" aria-label="%s by %s" xmlns="http://www.w3.org/2000/svg">`,
		top+plotH+26, unit, esc(label(pts[0].Key)+" to "+label(pts[len(pts)-1].Key)))
	for v := 0.0; v <= yTop+yStep/2; v += yStep {
		fmt.Fprintf(&b, `<line x1="0" x2="100%%" y1="%.1f" y2="%.1f" class="grid"/><text x="-8" y="%.1f" class="tick" text-anchor="end">%s</text>`,
			y(v), y(v), y(v)+4, compact(v))
	}
	slot := 100 / float64(len(pts))
	gap := 0.1
	if len(pts) > 80 {
		gap = 0.05
	}
	for i, p := range pts {
		if p.Value == 0 {
			continue
		}
		h := plotH * p.Value / yTop
		fmt.Fprintf(&b, `<rect x="%s%%" width="%s%%" y="%.1f" height="%.1f" class="col"><title>%s: %s %s</title></rect>`,
			pct(float64(i)*slot+slot*gap), pct(slot*(1-2*gap)), y(p.Value), math.Max(h, 1), esc(label(p.Key)), thousands(p.Value), units(p.Value, unit))
	}
	fmt.Fprintf(&b, `<line x1="0" x2="100%%" y1="%d" y2="%d" class="axis"/>`, top+plotH, top+plotH)
	major, minor := tickSteps(pts[0].Key, pts[len(pts)-1].Key, step)
	for i, p := range pts {
		class := ""
		switch {
		case p.Key%major == 0:
			class = "tick"
		case minor > 0 && p.Key%minor == 0:
			class = "tick minor"
		default:
			continue
		}
		x := pct((float64(i) + 0.5) * slot)
		fmt.Fprintf(&b, `<line x1="%s%%" x2="%s%%" y1="%d" y2="%d" class="axis %s"/><text x="%s%%" y="%d" class="%s" text-anchor="middle">%s</text>`,
			x, x, top+plotH, top+plotH+5, class, x, top+plotH+19, class, esc(label(p.Key)))
	}
	b.WriteString(`</svg></div>`)
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
