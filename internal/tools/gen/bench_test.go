package gen_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
)

// BenchmarkGenerateGithub measures the generator writing bzip2 files, the
// layout whose cost decides how long a full-size corpus takes to make.
func BenchmarkGenerateGithub(b *testing.B) {
	const records = 20000
	out := filepath.Join(b.TempDir(), "corpus")
	b.ReportAllocs()
	for b.Loop() {
		opts := gen.Options{Records: records, Seed: 1, Layout: dump.GitHub, Compress: source.Bzip2, Out: out}
		if err := gen.Generate(context.Background(), soa.Sample(), opts); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(records*b.N)/b.Elapsed().Seconds(), "records/s")
}
