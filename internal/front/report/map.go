package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// landPath is Natural Earth's 110m land (public domain), from the npm
// package world-atlas 2.0.2, as an SVG path in a 360 × 180 equirectangular
// plane (x = longitude + 180, y = 90 − latitude); genland made it.
//
//go:embed land.path
var landPath string

// mapDegrees is the side of the map's cells: 2 degrees are about 220 km at
// the equator, fine enough to tell the collecting regions apart, coarse
// enough that the full corpus draws a few thousand cells.
const mapDegrees = 2

// densityColours are the map's classes, one per power of ten of records.
var densityColours = []string{"#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#a63603", "#6b2002"}

func (b *builder) worldMap(p *Page) error {
	res, err := b.run("coordinate_grid", map[string]string{"degrees": strconv.Itoa(mapDegrees)})
	if err != nil {
		return err
	}
	var s strings.Builder
	s.WriteString(`<svg class="map" viewBox="0 0 360 180" width="100%" role="img" aria-label="world map of the records' coordinates" xmlns="http://www.w3.org/2000/svg">`)
	s.WriteString(`<rect x="0" y="0" width="360" height="180" class="sea"/>`)
	fmt.Fprintf(&s, `<path class="land" d="%s"/>`, strings.TrimSpace(landPath))
	total, maxV, cells := 0.0, 0.0, 0
	for i := range res.rows {
		r := res.row(i)
		lat, lon, n := int(num(r["lat"])), int(num(r["lon"])), num(r["records"])
		total += n
		maxV = math.Max(maxV, n)
		cells++
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>%s %s: %s</title></rect>`,
			lon+180, 90-lat-mapDegrees, mapDegrees, mapDegrees, densityColours[densityClass(n)],
			latRange(lat), lonRange(lon), plural(int(n), "record", "records"))
	}
	s.WriteString(`</svg>`)
	s.WriteString(`<div class="legend">`)
	for c := 0; c <= densityClass(maxV); c++ {
		lo := math.Pow(10, float64(c))
		label := thousands(lo) + "–" + thousands(10*lo-1)
		if c == len(densityColours)-1 {
			label = thousands(lo) + " or more"
		}
		fmt.Fprintf(&s, `<span><i style="background:%s"></i>%s</span>`, densityColours[c], label)
	}
	s.WriteString(` <span>records per cell</span></div>`)
	p.Charts = append(p.Charts, Chart{"map", "Where the records are",
		fmt.Sprintf("The %s records with coordinates (the first geoLocation point of each) counted in %s cells of %d° × %d°; the outline is Natural Earth's 110m land (public domain), on an equirectangular projection. Query coordinate_grid, degrees %d.",
			thousands(total), thousands(float64(cells)), mapDegrees, mapDegrees, mapDegrees),
		template.HTML(s.String())})
	return nil
}

func densityClass(n float64) int {
	if n < 1 {
		return 0
	}
	return min(len(densityColours)-1, int(math.Floor(math.Log10(n))))
}

func latRange(lat int) string {
	return fmt.Sprintf("%s to %s", degrees(lat, "N", "S"), degrees(lat+mapDegrees, "N", "S"))
}

func lonRange(lon int) string {
	return fmt.Sprintf("%s to %s", degrees(lon, "E", "W"), degrees(lon+mapDegrees, "E", "W"))
}

func degrees(v int, pos, neg string) string {
	switch {
	case v > 0:
		return strconv.Itoa(v) + "°" + pos
	case v < 0:
		return strconv.Itoa(-v) + "°" + neg
	}
	return "0°"
}
