package queries_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-project/soa"
	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
	"github.com/soa-project/soa/queries"
)

// BenchmarkQueries times every bundled query (defaults bound) on a dataset:
// $SOA_BENCH_DATASET if set, else 1,000,000 generated records converted
// once (about a minute). The goal is under one second each on 2 cores.
//
//	SOA_BENCH_DATASET=/tmp/ds1m go test ./queries -run '^$' -bench Queries -benchtime 3x
func BenchmarkQueries(b *testing.B) {
	ds := os.Getenv("SOA_BENCH_DATASET")
	if ds == "" {
		root := filepath.Join(b.TempDir(), "corpus")
		if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: 1_000_000, Seed: 1, Layout: dump.S3, Compress: source.None, Out: root}); err != nil {
			b.Fatal(err)
		}
		ds = filepath.Join(b.TempDir(), "ds")
		if _, err := convert.Run(context.Background(), convert.Options{Out: ds, Inputs: []string{root}}); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(root)
	}
	db, err := queries.Open(context.Background(), ds)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	qs, err := queries.List()
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range qs {
		args, _ := q.Args(nil)
		b.Run(q.Name, func(b *testing.B) {
			for b.Loop() {
				// As soa query reads them: every row scanned, none held.
				err := db.Each(context.Background(), db.SQL(q), args,
					func([]string) error { return nil }, func([]any) error { return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
