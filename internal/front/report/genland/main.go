// Command genland turns Natural Earth's 110m land outline, as TopoJSON from
// the npm package world-atlas (public domain data, ISC-licensed packaging),
// into the compact SVG path the report draws its world map with
// (internal/front/report/land.path). Run it again only to change the outline:
//
//	cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//	go run ./internal/front/report/genland /tmp/package/land-110m.json > internal/front/report/land.path
//
// The path is in an equirectangular plane of 360 × 180 units: x is the
// longitude + 180, y is 90 − the latitude, so one unit is one degree and the
// report's coordinate cells are drawn in the same units. Points are rounded
// to a tenth of a degree and thinned (a point closer than minStep degrees to
// the last one kept is dropped), which keeps the file small and the coasts
// recognisable at the size the report draws them.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

const minStep = 0.35

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type string          `json:"type"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genland land-110m.json > land.path")
		os.Exit(2)
	}
	path, err := run(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "genland:", err)
		os.Exit(1)
	}
	fmt.Println(path)
}

func run(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return "", fmt.Errorf("read %s: %w", file, err)
	}
	land, ok := t.Objects["land"]
	if !ok {
		return "", fmt.Errorf("%s has no object land: give world-atlas's land-110m.json", file)
	}
	// Decode the quantized, delta-encoded arcs into degrees.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		for _, p := range arc {
			x, y = x+p[0], y+p[1]
			arcs[i] = append(arcs[i], [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	var b strings.Builder
	for _, g := range land.Geometries {
		var polygons [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return "", err
			}
			polygons = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polygons); err != nil {
				return "", err
			}
		default:
			return "", fmt.Errorf("unexpected geometry %s", g.Type)
		}
		for _, polygon := range polygons {
			for _, ring := range polygon {
				writeRing(&b, ringPoints(arcs, ring))
			}
		}
	}
	return b.String(), nil
}

// ringPoints joins a ring's arcs; ~i is arc i reversed, and each arc after
// the first repeats the last point of the one before.
func ringPoints(arcs [][][2]float64, ring []int) [][2]float64 {
	var pts [][2]float64
	for k, i := range ring {
		var arc [][2]float64
		if i < 0 {
			src := arcs[^i]
			for j := len(src) - 1; j >= 0; j-- {
				arc = append(arc, src[j])
			}
		} else {
			arc = arcs[i]
		}
		if k > 0 && len(arc) > 0 {
			arc = arc[1:]
		}
		pts = append(pts, arc...)
	}
	return pts
}

// writeRing writes a ring, thinned. A ring cut at the antimeridian (Fiji,
// Chukotka) jumps from longitude 180 to −180; drawn as it is, that jump is a
// line across the map. Its longitudes are unwrapped into one continuous
// ring, which is drawn twice, once shifted by 360°, and the map's edge
// clips what lies beyond it.
func writeRing(b *strings.Builder, pts [][2]float64) {
	shift, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
	unwrapped := make([][2]float64, len(pts))
	for i, p := range pts {
		if i > 0 {
			switch d := p[0] + shift - unwrapped[i-1][0]; {
			case d > 180:
				shift -= 360
			case d < -180:
				shift += 360
			}
		}
		unwrapped[i] = [2]float64{p[0] + shift, p[1]}
		lo, hi = math.Min(lo, unwrapped[i][0]), math.Max(hi, unwrapped[i][0])
	}
	writeThinned(b, unwrapped)
	switch {
	case lo < -180:
		writeThinned(b, shifted(unwrapped, 360))
	case hi > 180:
		writeThinned(b, shifted(unwrapped, -360))
	}
}

func shifted(pts [][2]float64, dx float64) [][2]float64 {
	out := make([][2]float64, len(pts))
	for i, p := range pts {
		out[i] = [2]float64{p[0] + dx, p[1]}
	}
	return out
}

func writeThinned(b *strings.Builder, pts [][2]float64) {
	var kept [][2]float64
	for i, p := range pts {
		q := [2]float64{round(p[0] + 180), round(90 - p[1])}
		if i > 0 && i < len(pts)-1 && math.Hypot(q[0]-kept[len(kept)-1][0], q[1]-kept[len(kept)-1][1]) < minStep {
			continue
		}
		kept = append(kept, q)
	}
	if len(kept) < 4 {
		return // a speck smaller than the thinning step
	}
	for i, q := range kept {
		if i == 0 {
			b.WriteByte('M')
		} else {
			b.WriteByte('L')
		}
		b.WriteString(num(q[0]))
		b.WriteByte(' ')
		b.WriteString(num(q[1]))
	}
	b.WriteByte('Z')
}

func round(v float64) float64 { return math.Round(v*10) / 10 }

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
