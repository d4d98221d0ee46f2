package main

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestAntimeridian: a ring cut at longitude ±180 (as world-atlas cuts Fiji
// and Chukotka) is drawn without a line across the map, once on each side,
// and the arcs' deltas, reversal (~i) and shared points are decoded.
func TestAntimeridian(t *testing.T) {
	// Two arcs, quantized with scale 1 and translate (-180, -90), so the
	// point (350, 75) is 170°E, 15°S. Arc 0 runs east along 15°S across
	// the antimeridian (from 180 it jumps to -180) to 170°W, then south to
	// 25°S; arc 1, used reversed, comes back west along 25°S to 170°E.
	topo := `{"type":"Topology","transform":{"scale":[1,1],"translate":[-180,-90]},
	  "objects":{"land":{"type":"GeometryCollection","geometries":[
	    {"type":"Polygon","arcs":[[0,-2]]}]}},
	  "arcs":[[[350,75],[5,0],[5,0],[-360,0],[10,0],[0,-10]],
	          [[350,75],[0,-10],[20,0],[-360,0],[10,0]]]}`
	file := filepath.Join(t.TempDir(), "land.json")
	if err := os.WriteFile(file, []byte(topo), 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := run(file)
	if err != nil {
		t.Fatal(err)
	}
	rings := strings.Split(strings.TrimSuffix(path, "Z"), "Z")
	if len(rings) != 2 {
		t.Fatalf("%d rings, want the cut ring drawn twice: %s", len(rings), path)
	}
	point := regexp.MustCompile(`[ML](-?[0-9.]+) (-?[0-9.]+)`)
	for _, ring := range rings {
		prev := math.NaN()
		for _, m := range point.FindAllStringSubmatch(ring, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			if math.Abs(x-prev) > 180 {
				t.Errorf("ring %q jumps from x %v to %v: a line across the map", ring, prev, x)
			}
			prev = x
		}
	}
	if !strings.HasPrefix(path, "M350 105L355 105L360 105L370 105L370 115L350 115L350 105Z") {
		t.Errorf("the ring is not 170°E to 170°W, 15°S to 25°S (x 350 to 370, y 105 to 115): %s", path)
	}
}

// TestEmbeddedPathIsDrawable: the committed land.path is one SVG path of
// moves, lines and closes inside the map's plane (x may run past the edges
// for rings drawn twice across the antimeridian), and small.
func TestEmbeddedPathIsDrawable(t *testing.T) {
	data, err := os.ReadFile("../land.path")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimSpace(string(data))
	if len(s) > 100_000 {
		t.Errorf("land.path is %d bytes, want < 100 kB", len(s))
	}
	if bad := regexp.MustCompile(`[^MLZ0-9. -]`).FindString(s); bad != "" {
		t.Errorf("land.path holds %q, want only M, L, Z and numbers", bad)
	}
	rings := strings.Count(s, "M")
	if rings < 100 || strings.Count(s, "Z") != rings {
		t.Errorf("land.path has %d moves and %d closes, want >= 100 closed rings", rings, strings.Count(s, "Z"))
	}
	for _, m := range regexp.MustCompile(`[ML](-?[0-9.]+) (-?[0-9.]+)`).FindAllStringSubmatch(s, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		if x < -200 || x > 560 || y < 0 || y > 180 {
			t.Fatalf("point %s %s is outside the map's plane", m[1], m[2])
		}
	}
}
