package rollup_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/rollup"
	"github.com/soa-project/soa/schema"
	"github.com/valyala/fastjson"
)

// sampleBatches builds the real sample into one batch per table (one unit
// for all, which Tallies.Add does not care about) with its document ends.
func sampleBatches(tb testing.TB, mem memory.Allocator) (*schema.Builder, []schema.DocumentEnd) {
	tb.Helper()
	b := schema.NewBuilder(mem, "U")
	var p fastjson.Parser
	for _, line := range sampletest.Lines(tb) {
		v, err := p.ParseBytes(line)
		if err != nil {
			tb.Fatal(err)
		}
		if err := b.Append(v, line); err != nil {
			tb.Fatal(err)
		}
	}
	return b, slices.Clone(b.DocumentEnds())
}

// TestTallyRoundTrip: the rows of a tally written back through AppendRow
// are its keys decoded, in key order, with their counts summed.
func TestTallyRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b, docs := sampleBatches(t, mem)
	defer b.Release()
	recs := b.NewRecords()
	defer func() {
		for _, r := range recs {
			if r != nil {
				r.Release()
			}
		}
	}()
	ts := rollup.NewTallies()
	for range 2 { // twice: every count doubles, no key is added
		if err := ts.Add("U", recs, docs); err != nil {
			t.Fatal(err)
		}
	}
	r := schema.Rollups[schema.UnitRecords]
	keys, counts := ts.T[schema.UnitRecords].Sorted()
	rb := array.NewRecordBuilder(mem, r.Schema())
	defer rb.Release()
	for i, k := range keys {
		if err := rollup.AppendRow(r, rb, []byte(k), counts[i]); err != nil {
			t.Fatal(err)
		}
	}
	rec := rb.NewRecordBatch()
	defer rec.Release()
	var records int64
	for _, row := range sampletest.Rows(t, rec) {
		if row["unit_code"] != "U" {
			t.Errorf("row %v", row)
		}
		records += int64(row["records"].(float64))
	}
	if want := 2 * recs[schema.Objects].NumRows(); records != want {
		t.Errorf("unit_records counts %d records, want %d", records, want)
	}
	if ts.T[schema.FreetextLabels].Len() == 0 || ts.T[schema.NameRecords].Len() == 0 || ts.T[schema.MediaSizes].Len() == 0 {
		t.Error("a rollup of the sample is empty")
	}
}

// TestKeyOrder: encoded keys sort as their values do (null first, strings
// by bytes, a NUL byte included; integers by value), and decode back.
func TestKeyOrder(t *testing.T) {
	type tuple struct {
		s     string
		sNull bool
		n     int32
		nNull bool
	}
	r := schema.Rollups[schema.YearRecords] // keys: unit_code, column, year
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"", "a", "b", "\x00", "\x01", "ab", "a\x00", "a\x00b", "\xff"}
	var tuples []tuple
	for range 500 {
		tp := tuple{s: alphabet[rng.IntN(len(alphabet))] + alphabet[rng.IntN(len(alphabet))], n: int32(rng.Uint32())}
		tp.sNull = rng.IntN(5) == 0
		tp.nNull = rng.IntN(5) == 0
		if rng.IntN(3) == 0 {
			tp.n = int32(rng.IntN(5) - 2)
		}
		tuples = append(tuples, tp)
	}
	tally := rollup.NewTally(r)
	for _, tp := range tuples {
		tally.Add(rollup.EncodeKeyForTest(r, "U", tp.s, tp.sNull, tp.n, tp.nNull), 1)
	}
	keys, counts := tally.Sorted()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rb := array.NewRecordBuilder(mem, r.Schema())
	defer rb.Release()
	for i, k := range keys {
		if err := rollup.AppendRow(r, rb, []byte(k), counts[i]); err != nil {
			t.Fatal(err)
		}
	}
	rec := rb.NewRecordBatch()
	defer rec.Release()
	col := rec.Column(1).(*array.String)
	year := rec.Column(2).(*array.Int32)
	cmpTuple := func(a, b tuple) int {
		switch {
		case a.sNull != b.sNull:
			return map[bool]int{true: -1, false: 1}[a.sNull]
		case !a.sNull && a.s != b.s:
			return bytes.Compare([]byte(a.s), []byte(b.s))
		case a.nNull != b.nNull:
			return map[bool]int{true: -1, false: 1}[a.nNull]
		case !a.nNull && a.n != b.n:
			if a.n < b.n {
				return -1
			}
			return 1
		}
		return 0
	}
	var got []tuple
	for i := range int(rec.NumRows()) {
		got = append(got, tuple{s: col.Value(i), sNull: col.IsNull(i), n: year.Value(i), nNull: year.IsNull(i)})
		if got[i].nNull {
			got[i].n = 0
		}
	}
	want := slices.Clone(tuples)
	for i := range want {
		if want[i].sNull {
			want[i].s = ""
		}
		if want[i].nNull {
			want[i].n = 0
		}
	}
	slices.SortFunc(want, cmpTuple)
	want = slices.CompactFunc(want, func(a, b tuple) bool { return cmpTuple(a, b) == 0 })
	if !slices.Equal(want, got) {
		t.Errorf("decoded keys out of order or changed:\nwant %+v\ngot  %+v", want, got)
	}
}

// BenchmarkTallies tallies the sample's batches: the converter's cost per
// record for all rollups.
func BenchmarkTallies(b *testing.B) {
	bl, docs := sampleBatches(b, memory.DefaultAllocator)
	defer bl.Release()
	recs := bl.NewRecords()
	ts := rollup.NewTallies()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if err := ts.Add("U", recs, docs); err != nil {
			b.Fatal(err)
		}
		n += int(recs[schema.Objects].NumRows())
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}
