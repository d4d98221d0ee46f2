package report_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/report"
	"github.com/soa-project/soa/internal/testenv"
	"github.com/soa-project/soa/queries"
)

func renderSample(t *testing.T) []byte {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/records/*.jsonl")
	ds := filepath.Join(t.TempDir(), "ds")
	if _, err := convert.Run(context.Background(), convert.Options{Out: ds, Inputs: files}); err != nil {
		t.Fatal(err)
	}
	db, err := queries.Open(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b bytes.Buffer
	if err := report.Render(context.Background(), db, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSelfContained: the page fetches nothing at view time and holds the
// figures and the four charts.
func TestSelfContained(t *testing.T) {
	html := string(renderSample(t))
	if m := regexp.MustCompile(`(?i)(src|href)\s*=|<script|@import|url\(`).FindString(html); m != "" {
		t.Errorf("report references something external: %q", m)
	}
	for _, want := range []string{"228</div><div class=\"l\">records", "27</div><div class=\"l\">units",
		"Records by unit", "Records by decade", "Top object types", "Media coverage", "@media print"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(html, "<svg"); n != 4 {
		t.Errorf("%d charts, want 4", n)
	}
}

// TestInBrowser opens the report in Debian's headless Chromium: the DOM it
// builds holds the charts, and the screenshot (a test artifact, written to
// $SOA_ARTIFACTS or the test's temp folder) is a real, non-blank page.
func TestInBrowser(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		testenv.Missing(t, "chromium not installed (scripts/test installs it): %v", err)
	}
	dir := os.Getenv("SOA_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, renderSample(t), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "report.png")
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--hide-scrollbars", "--window-size=1100,2400"}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dom, err := exec.CommandContext(ctx, browser, append(flags, "--dump-dom", "file://"+page)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	if n := strings.Count(string(dom), "<rect"); n < 50 {
		t.Errorf("the browser's DOM has %d bars, want the charts' (>= 50)", n)
	}
	if out, err := exec.CommandContext(ctx, browser, append(flags, "--screenshot="+shot, "file://"+page)...).CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	// A blank page is one colour; the report has bars, text and cards.
	colours := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	if len(colours) < 10 {
		t.Errorf("screenshot has %d colours; the page looks blank", len(colours))
	}
	t.Logf("screenshot: %s (%dx%d, %d colours sampled)", shot, b.Dx(), b.Dy(), len(colours))
}
