package schema_test

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/schema"
	"github.com/valyala/fastjson"
)

// FuzzDecodeRecord feeds documents to the Builder: it must never panic, and
// a document it accepts must give well-formed batches (equal column lengths,
// one objects or other row) with no Arrow memory leaked. Seeds: every real
// sample record and the hand-written union forms.
//
//	go test ./schema -run '^$' -fuzz FuzzDecodeRecord -fuzztime 5m
func FuzzDecodeRecord(f *testing.F) {
	for _, line := range sampletest.Lines(f) {
		f.Add(line)
	}
	for _, r := range unionRecords {
		f.Add([]byte(r))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p fastjson.Parser
		v, err := p.ParseBytes(data)
		if err != nil {
			return
		}
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		b := schema.NewBuilder(mem, string(schema.Unit(v)))
		defer b.Release()
		if err := b.Append(v, data); err != nil {
			if b.Rows() != [schema.NumTables]int{} {
				t.Fatalf("rejected document left rows %v", b.Rows())
			}
			return
		}
		rows := b.Rows()
		if rows[schema.Objects]+rows[schema.Other] != 1 {
			t.Fatalf("accepted document gave %d objects and %d other rows", rows[schema.Objects], rows[schema.Other])
		}
		for tb, rec := range b.NewRecords() {
			if rec == nil {
				continue
			}
			for i, col := range rec.Columns() {
				if int64(col.Len()) != rec.NumRows() {
					t.Errorf("%s.%s has %d values for %d rows", schema.Tables[tb].Name, rec.ColumnName(i), col.Len(), rec.NumRows())
				}
			}
			if int(rec.NumRows()) != rows[tb] {
				t.Errorf("%s: %d rows, builder said %d", schema.Tables[tb].Name, rec.NumRows(), rows[tb])
			}
			rec.Release()
		}
	})
}

// FuzzParseYears: never panics; a parsed span is ordered and within MaxYear.
//
//	go test ./schema -run '^$' -fuzz FuzzParseYears -fuzztime 5m
func FuzzParseYears(f *testing.F) {
	for _, s := range []string{"1960s", "BCE 1000s", "20th century", "early 20th century", "5th century BCE",
		"2nd millennium", "1865", "1820-1840", "2970s", "Ming dynasty", "", "0s", "mid-19th century"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start, end, ok := schema.ParseYears(s)
		if ok && (start > end || end > schema.MaxYear) {
			t.Fatalf("ParseYears(%q) = %d, %d", s, start, end)
		}
	})
}

// FuzzParseTaxonName: never panics; a parsed name has a genus, and its
// binomial starts with it.
//
//	go test ./schema -run '^$' -fuzz FuzzParseTaxonName -fuzztime 5m
func FuzzParseTaxonName(f *testing.F) {
	for _, tt := range taxonNames {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := schema.ParseTaxonName(s)
		if !ok {
			return
		}
		if n.Genus == "" || n.Species != "" && !strings.HasPrefix(n.Species, n.Genus+" ") {
			t.Fatalf("ParseTaxonName(%q) = %+v", s, n)
		}
		if n.InfraspecificRank != "" && n.InfraspecificEpithet == "" {
			t.Fatalf("ParseTaxonName(%q) = %+v: a rank without an epithet", s, n)
		}
	})
}
