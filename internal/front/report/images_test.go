package report_test

import (
	"strings"
	"testing"
)

// TestCC0Images: the section of CC0 images by unit, with the counts of the
// sample's NASM records (190 CC0 images, 181 of them with a resource that
// gives a size: width and height, dimensions or a "(WxH)" label; counted
// from the JSON).
func TestCC0Images(t *testing.T) {
	page := string(renderSample(t))
	for _, want := range []string{
		`id="cc0-images"`, "CC0 images by unit", "Query cc0_images_by_unit",
		`National Air and Space Museum <span class="bar-sub">NASM</span>`,
		"190 · 181 with pixel size, 9 without",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
