package gen_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/testkit/testenv"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
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

// skipShort: bzip2 and tens of thousands of records are slow under the
// race detector; the race pass (-short) runs the plain case of
// TestSameSeedSameBytes, which has the generator's goroutines, and the full
// pass runs everything.
func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("covered by the full (non -short) run; the race pass runs TestSameSeedSameBytes/s3")
	}
}

// TestSameSeedSameBytes: the same options give the same bytes, whatever
// the number of files written at once; another seed gives other bytes.
func TestSameSeedSameBytes(t *testing.T) {
	for _, c := range []struct {
		layout dump.Layout
		comp   source.Codec
	}{{dump.S3, source.None}, {dump.GitHub, source.Bzip2}} {
		t.Run(string(c.layout), func(t *testing.T) {
			if c.comp != source.None {
				skipShort(t)
			}
			opts := gen.Options{Records: 2000, Seed: 42, Layout: c.layout, Compress: c.comp, Workers: 1}
			a := treeHash(t, generate(t, opts))
			opts.Workers = 5
			if b := treeHash(t, generate(t, opts)); a != b {
				t.Fatalf("seed 42 with 1 and 5 workers differ: %s vs %s", a, b)
			}
			opts.Seed = 43
			if treeHash(t, generate(t, opts)) == a {
				t.Fatal("seeds 42 and 43 give the same corpus")
			}
		})
	}
}

// TestRealBzip2: the GitHub layout's files are bzip2 streams that the
// reference decoder (bzip2 -d, libbz2) reads, and they hold exactly the
// lines of the S3 layout's files of the same seed.
func TestRealBzip2(t *testing.T) {
	skipShort(t)
	bz, err := exec.LookPath("bzip2")
	if err != nil {
		testenv.Missing(t, "bzip2 not installed (scripts/test installs it): %v", err)
	}
	opts := gen.Options{Records: 3000, Seed: 9, Layout: dump.GitHub, Compress: source.Bzip2}
	gh := generate(t, opts)
	opts.Layout, opts.Compress = dump.S3, source.None
	s3 := generate(t, opts)
	files, _ := filepath.Glob(filepath.Join(gh, "metadata", "objects", "*", "[0-9a-f][0-9a-f].txt.bz2"))
	if len(files) < 100 {
		t.Fatalf("%d bzip2 files, want hundreds", len(files))
	}
	for _, f := range files {
		plain, err := exec.Command(bz, "-dc", f).Output()
		if err != nil {
			t.Fatalf("bzip2 -dc %s: %v", f, err)
		}
		unit := filepath.Base(filepath.Dir(f))
		want, err := os.ReadFile(filepath.Join(s3, "metadata", "edan", strings.ToLower(unit), strings.TrimSuffix(filepath.Base(f), ".bz2")))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(plain, want) {
			t.Fatalf("%s decodes to %d bytes that differ from the S3 layout's %d", f, len(plain), len(want))
		}
	}
}

// TestUnionForms: with the default options every record has the bulk
// dump's forms (integer timestamps and mediaCount, exhibition as an array),
// while the forms of the real records' templates (name objects in the
// archives units, bare-string geoLocation levels in SAAM) are there; with
// OtherForms the schema's other forms appear.
func TestUnionForms(t *testing.T) {
	skipShort(t)
	count := func(root string) map[string]int {
		seen := map[string]int{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == "index.txt" {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
				var rec map[string]any
				if err := json.Unmarshal(line, &rec); err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				if _, ok := rec["timestamp"].(string); ok {
					seen["string timestamp"]++
				}
				content := rec["content"].(map[string]any)
				dnr := content["descriptiveNonRepeating"].(map[string]any)
				if om, ok := dnr["online_media"].(map[string]any); ok {
					if _, ok := om["mediaCount"].(string); ok {
						seen["string mediaCount"]++
					}
				}
				is, _ := content["indexedStructured"].(map[string]any)
				if _, ok := is["exhibition"].(map[string]any); ok {
					seen["bare exhibition"]++
				}
				names, _ := is["name"].([]any)
				for _, n := range names {
					if _, ok := n.(map[string]any); ok {
						seen["name object in "+rec["unitCode"].(string)]++
						seen["name object"]++
					}
				}
				geos, _ := is["geoLocation"].([]any)
				for _, g := range geos {
					if l2, ok := g.(map[string]any)["L2"].(string); ok && l2 != "" {
						seen["bare L2 in "+rec["unitCode"].(string)]++
						seen["bare L2"]++
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return seen
	}
	bulk := count(generate(t, gen.Options{Records: 20000, Seed: 1, Layout: dump.S3, Compress: source.None}))
	t.Logf("default: %v", bulk)
	for _, never := range []string{"string timestamp", "string mediaCount", "bare exhibition"} {
		if bulk[never] != 0 {
			t.Errorf("%d records with a %s; the bulk dump has none", bulk[never], never)
		}
	}
	if bulk["name object"] == 0 || bulk["bare L2 in SAAM"] == 0 {
		t.Errorf("the real records' forms are missing: %v", bulk)
	}
	for k, n := range bulk {
		if strings.HasPrefix(k, "name object in ") && !slices.Contains([]string{"AAA", "FBR", "SIA", "ACAH", "FSA", "HSFA", "NAA", "SI", "SIL"}, strings.TrimPrefix(k, "name object in ")) {
			t.Errorf("%s: %d; only the archives units have name objects", k, n)
		}
	}
	other := count(generate(t, gen.Options{Records: 20000, Seed: 1, Layout: dump.S3, Compress: source.None, OtherForms: 0.05}))
	t.Logf("OtherForms 0.05: %v", other)
	for _, want := range []string{"string timestamp", "string mediaCount", "bare exhibition"} {
		if other[want] == 0 {
			t.Errorf("OtherForms 0.05 gave no record with a %s", want)
		}
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
