package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/front/report"
	"github.com/soa-project/soa/internal/testkit/testenv"
	"github.com/soa-project/soa/queries"
)

var sample struct {
	once sync.Once
	dir  string
	err  error
}

// sampleDataset converts the 228 sample records once for all tests.
func sampleDataset(t *testing.T) string {
	t.Helper()
	sample.once.Do(func() {
		files, _ := filepath.Glob("../../../testdata/records/*.jsonl")
		dir, err := os.MkdirTemp("", "soa-report-test-")
		if err != nil {
			sample.err = err
			return
		}
		sample.dir = filepath.Join(dir, "ds")
		_, sample.err = convert.Run(context.Background(), convert.Options{Out: sample.dir, Inputs: files})
	})
	if sample.err != nil {
		t.Fatal(sample.err)
	}
	return sample.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sample.dir != "" {
		os.RemoveAll(filepath.Dir(sample.dir))
	}
	os.Exit(code)
}

var madeAt = time.Date(2026, 11, 25, 3, 30, 0, 0, time.UTC)

func renderSample(t *testing.T) []byte {
	t.Helper()
	db, err := queries.Open(context.Background(), sampleDataset(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b bytes.Buffer
	if err := report.RenderOptions(context.Background(), db, &b, report.Options{Now: madeAt}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSelfContained: the page fetches nothing at view time and holds the
// figures, every chart, the units' names and the provenance.
func TestSelfContained(t *testing.T) {
	page := string(renderSample(t))
	if m := regexp.MustCompile(`(?i)(src|href)\s*=|<script|@import|url\(`).FindString(page); m != "" {
		t.Errorf("report references something external: %q", m)
	}
	for _, want := range []string{
		`228</div><div class="l">records`, `27</div><div class="l">units`, "@media print",
		// A chart per section, each naming its query.
		`id="units"`, `id="decades"`, `id="years"`, `id="map"`, `id="media"`, `id="coverage"`,
		`id="fill"`, `id="taxonomy"`, `id="topics"`, `id="makers"`, `id="types"`, `id="provenance"`,
		"Query records_by_unit", "Query records_by_decade", "records_by_year", "Query coordinate_grid",
		"Query media_types_and_sizes", "Query fill_rates_by_unit", "Queries taxonomy_by_unit", "Query top_topics", "Query top_places", `id="countries"`, "Query top_makers",
		// Museums by name, with their codes.
		`NMNH - Botany Dept. <span class="bar-sub">NMNHBOTANY</span>`, "National Air and Space Museum",
		// Shares with the counts behind them: a unit of one record says so.
		"100.0% · 20 of 20", "100.0% · 1 of 1", "306 · 95.0%",
		// Long labels in full, never cut.
		"Electronic information resources",
		// Provenance from the manifest.
		"2026-11-25 03:30 UTC", "dataset schema version 2", "27 files", "<dt>Rejects</dt><dd>none</dd>",
		// The map: the land outline and the sample's cells.
		`<path class="land" d="M`, "14 records with coordinates",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(page, "…<") || strings.Contains(page, "…\"") {
		t.Errorf("a label is cut with …")
	}
	if n := len(page); n > 400_000 {
		t.Errorf("the report is %d bytes; the sample's should be far smaller", n)
	}
}

// TestDeterministic: the same dataset and date give the same bytes, and
// $SOURCE_DATE_EPOCH sets the date when Options do not.
func TestDeterministic(t *testing.T) {
	if a, b := renderSample(t), renderSample(t); !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same dataset differ")
	}
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(madeAt.Add(time.Hour).Unix(), 10))
	db, err := queries.Open(context.Background(), sampleDataset(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b bytes.Buffer
	if err := report.Render(context.Background(), db, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "2026-11-25 04:30 UTC") {
		t.Error("SOURCE_DATE_EPOCH is not the report's date")
	}
}

// probe runs in the browser on a copy of the page (the page itself has no
// script) and measures what a reader sees: the smallest text drawn, in CSS
// pixels after any scaling; whether the page is wider than the window;
// whether each time-axis label sits under a column of its own bucket; and
// which decade the tallest decade column is.
const probe = `<script>
const out = {minFont: 1e9, minFontText: "", overflowX: 0, ticks: 0, bad: [], tallest: ""};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const n = walker.currentNode, el = n.parentElement;
  if (!n.textContent.trim() || el.closest("title, script")) continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  let size = parseFloat(getComputedStyle(el).fontSize);
  if (el instanceof SVGElement) { const m = el.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
  if (size < out.minFont) { out.minFont = size; out.minFontText = n.textContent.slice(0, 40); }
}
out.overflowX = document.documentElement.scrollWidth - window.innerWidth;
for (const svg of document.querySelectorAll("svg.columns")) {
  const rects = [...svg.querySelectorAll("rect")];
  for (const t of svg.querySelectorAll("text[text-anchor=middle]")) {
    const b = t.getBoundingClientRect();
    if (b.width === 0) continue;
    out.ticks++;
    const cx = b.left + b.width / 2;
    for (const r of rects) {
      const rb = r.getBoundingClientRect();
      if (cx >= rb.left && cx <= rb.right) {
        const title = r.querySelector("title").textContent;
        if (!title.startsWith(t.textContent + ":")) out.bad.push(t.textContent + " is over " + title);
      }
    }
  }
}
let best = null;
for (const g of document.querySelectorAll("#decades g.stack")) {
  if (!best || g.getBBox().height > best.getBBox().height) best = g;
}
if (best) out.tallest = best.querySelector("title").textContent;
document.body.setAttribute("data-probe", JSON.stringify(out));
</script>`

type probeResult struct {
	MinFont     float64  `json:"minFont"`
	MinFontText string   `json:"minFontText"`
	OverflowX   float64  `json:"overflowX"`
	Ticks       int      `json:"ticks"`
	Bad         []string `json:"bad"`
	Tallest     string   `json:"tallest"`
}

// TestInBrowser opens the report in Debian's headless Chromium at a desktop
// width (1400 px) and a phone's (500 px): no text is smaller than 11 px,
// the page is no wider than the window, each time-axis label names the
// column above it, the tallest decade column is the decade the query says
// has most records, and the screenshots (test artifacts, written to
// $SOA_ARTIFACTS or the test's temp folder) are real, non-blank pages.
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
	rendered := renderSample(t)
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, rendered, 0o644); err != nil {
		t.Fatal(err)
	}
	probed := filepath.Join(t.TempDir(), "probed.html")
	if err := os.WriteFile(probed, bytes.Replace(rendered, []byte("</body>"), []byte(probe+"</body>"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	wantTallest := tallestDecade(t)

	for _, width := range []int{1400, 500} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + t.TempDir(), "--hide-scrollbars", fmt.Sprintf("--window-size=%d,%d", width, 9000)}
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			dom, err := exec.CommandContext(ctx, browser, append(flags, "--dump-dom", "file://"+probed)...).Output()
			if err != nil {
				t.Fatalf("chromium --dump-dom: %v", err)
			}
			if n := strings.Count(string(dom), "<rect"); n < 50 {
				t.Errorf("the browser's DOM has %d columns and cells, want the charts' (>= 50)", n)
			}
			m := regexp.MustCompile(`data-probe="([^"]*)"`).FindSubmatch(dom)
			if m == nil {
				t.Fatal("the probe script left no result in the DOM")
			}
			var got probeResult
			if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &got); err != nil {
				t.Fatalf("probe result: %v", err)
			}
			if got.MinFont < 11 {
				t.Errorf("text %q is drawn %.1f px tall, want >= 11", got.MinFontText, got.MinFont)
			}
			if got.OverflowX > 0 {
				t.Errorf("the page is %.0f px wider than the %d px window", got.OverflowX, width)
			}
			if got.Ticks < 6 {
				t.Errorf("%d time-axis labels visible, want at least 3 per timeline", got.Ticks)
			}
			for _, b := range got.Bad {
				t.Errorf("time-axis label misplaced: %s", b)
			}
			if !strings.HasPrefix(got.Tallest, wantTallest+":") {
				t.Errorf("the tallest decade column is %q, want the %s", got.Tallest, wantTallest)
			}
			t.Logf("smallest text %.1f px (%q), %d axis labels, tallest decade %q", got.MinFont, got.MinFontText, got.Ticks, got.Tallest)

			shot := filepath.Join(dir, fmt.Sprintf("report-%d.png", width))
			if out, err := exec.CommandContext(ctx, browser, append(flags, "--screenshot="+shot, "file://"+page)...).CombinedOutput(); err != nil {
				t.Fatalf("chromium --screenshot: %v\n%s", err, out)
			}
			checkNotBlank(t, shot)
		})
	}
}

// tallestDecade asks the bundled query, not the report, which decade has
// the most records.
func tallestDecade(t *testing.T) string {
	t.Helper()
	db, err := queries.Open(context.Background(), sampleDataset(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := mustQuery(t, "records_by_decade")
	args, err := q.Args(nil)
	if err != nil {
		t.Fatal(err)
	}
	sql := "SELECT decade FROM (" + strings.TrimSuffix(strings.TrimSpace(db.SQL(q)), ";") + ") ORDER BY records DESC, decade LIMIT 1"
	_, rows, err := db.Rows(context.Background(), sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	return queries.Text(rows[0][0]) + "s"
}

func mustQuery(t *testing.T, name string) queries.Query {
	t.Helper()
	q, err := queries.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func checkNotBlank(t *testing.T, shot string) {
	t.Helper()
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	// A blank page is one colour; the report has bars, text, cards and a map.
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
