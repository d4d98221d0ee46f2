package gen_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/dump"
	"github.com/soa-project/soa/internal/gen"
	"github.com/soa-project/soa/internal/source"
)

func treeHash(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s\n", rel)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func generate(t *testing.T, opts gen.Options) string {
	t.Helper()
	opts.Out = filepath.Join(t.TempDir(), "corpus")
	if err := gen.Generate(context.Background(), soa.Sample(), opts); err != nil {
		t.Fatal(err)
	}
	return opts.Out
}

// skipShort: the generator runs in one goroutine, so the race pass
// (-short) has nothing to find here; the full pass runs these.
func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("single-goroutine generator: covered by the full (non -short) run")
	}
}

func TestSameSeedSameBytes(t *testing.T) {
	skipShort(t)
	for _, c := range []struct {
		layout dump.Layout
		comp   source.Codec
	}{{dump.S3, source.None}, {dump.GitHub, source.Bzip2}} {
		t.Run(string(c.layout), func(t *testing.T) {
			opts := gen.Options{Records: 2000, Seed: 42, Layout: c.layout, Compress: c.comp}
			a, b := treeHash(t, generate(t, opts)), treeHash(t, generate(t, opts))
			if a != b {
				t.Fatalf("two runs with seed 42 differ: %s vs %s", a, b)
			}
			opts.Seed = 43
			if treeHash(t, generate(t, opts)) == a {
				t.Fatal("seeds 42 and 43 give the same corpus")
			}
		})
	}
}

// TestMatchesProfile generates 30k records and checks them against the
// corpus profile, then converts them: no rejects, every record kept.
func TestMatchesProfile(t *testing.T) {
	skipShort(t)
	const n = 30000
	root := generate(t, gen.Options{Records: n, Seed: 1, Layout: dump.S3, Compress: source.None})
	var sizes []int
	units := map[string]int{}
	withMedia := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "index.txt" {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var rec struct {
				UnitCode string `json:"unitCode"`
				Content  struct {
					DNR struct {
						OnlineMedia any `json:"online_media"`
					} `json:"descriptiveNonRepeating"`
				} `json:"content"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			sizes = append(sizes, len(sc.Bytes()))
			units[rec.UnitCode]++
			if rec.Content.DNR.OnlineMedia != nil {
				withMedia++
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sizes) != n {
		t.Fatalf("%d records, want %d", len(sizes), n)
	}
	slices.Sort(sizes)
	median, largest := sizes[n/2], sizes[n-1]
	botany := float64(units["NMNHBOTANY"]) / n
	media := float64(withMedia) / n
	t.Logf("median %d B, max %d B, NMNHBOTANY %.3f, media %.3f, units %d", median, largest, botany, media, len(units))
	if median < 2000 || median > 5000 {
		t.Errorf("median record %d bytes, want about 3 kB", median)
	}
	if largest < 40000 || largest > 100000 {
		t.Errorf("largest record %d bytes, want a tail to about 80 kB", largest)
	}
	if botany < 0.29 || botany > 0.35 {
		t.Errorf("NMNHBOTANY share %.3f, want about a third", botany)
	}
	if media < 0.2 || media > 0.3 {
		t.Errorf("share with media %.3f, want about a quarter", media)
	}
	if len(units) < 30 || units["NAA"] < 1 {
		t.Errorf("%d units (NAA %d); every unit should appear", len(units), units["NAA"])
	}

	m, err := convert.Run(context.Background(), convert.Options{Out: filepath.Join(t.TempDir(), "ds"), Inputs: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Records != n || m.Rejects != 0 {
		t.Errorf("converted %d records with %d rejects, want %d and 0", m.Records, m.Rejects, n)
	}
	if got := m.Tables[0].Units["NMNHBOTANY"]; got != int64(units["NMNHBOTANY"]) {
		t.Errorf("objects rows for NMNHBOTANY %d, JSON has %d", got, units["NMNHBOTANY"])
	}
}

func TestUnitCounts(t *testing.T) {
	for _, n := range []int{0, 1, 999, 1000, 12345, 11_620_642} {
		total := 0
		for _, c := range gen.UnitCounts(n) {
			if c < 0 {
				t.Fatalf("n=%d: negative count", n)
			}
			total += c
		}
		if total != n {
			t.Errorf("UnitCounts(%d) sums to %d", n, total)
		}
	}
}
