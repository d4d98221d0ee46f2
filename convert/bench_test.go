package convert_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
)

// BenchmarkConvert converts the real sample end to end (read, decompress,
// parse, build, write Parquet, manifest) and reports records/s; MB/s is of
// the stored input bytes.
//
//	go test ./convert -run '^$' -bench Convert -benchtime 20x
func BenchmarkConvert(b *testing.B) {
	for _, layout := range []struct {
		name   string
		layout dump.Layout
		comp   source.Codec
	}{{"s3-plain", dump.S3, source.None}, {"github-bz2", dump.GitHub, source.Bzip2}} {
		in := writeLayout(b, layout.layout, layout.comp)
		var inBytes int64
		filepath.Walk(in, func(_ string, info os.FileInfo, _ error) error {
			if info != nil && !info.IsDir() {
				inBytes += info.Size()
			}
			return nil
		})
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("input=%s/workers=%d", layout.name, workers), func(b *testing.B) {
				out := filepath.Join(b.TempDir(), "ds")
				b.SetBytes(inBytes)
				b.ReportAllocs()
				var records int64
				for b.Loop() {
					m, err := convert.Run(context.Background(), convert.Options{Out: out, Inputs: []string{in}, Workers: workers})
					if err != nil {
						b.Fatal(err)
					}
					records += m.Records
				}
				b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}
