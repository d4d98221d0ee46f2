package schema_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/soa-project/soa/internal/testkit/golden"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/schema"
)

// TestArrowSchemaGolden pins the Arrow schema of every table: a rename,
// retype or drop must be deliberate (and bump schema.Version).
func TestArrowSchemaGolden(t *testing.T) {
	var b strings.Builder
	for _, tb := range schema.Tables {
		b.WriteString(tb.Name + "\n" + tb.Schema().String() + "\n\n")
	}
	golden.Check(t, "testdata/arrow_schema.golden", "./schema", []byte(b.String()))
}

// TestDataDictionaryCurrent fails when docs/DATA_DICTIONARY.md is not what
// `soa schema --format markdown` prints.
func TestDataDictionaryCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := schema.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../docs/DATA_DICTIONARY.md", "./schema", b.Bytes())
}

func TestParseYears(t *testing.T) {
	tests := []struct {
		in         string
		start, end int32
		ok         bool
	}{
		{"1960s", 1960, 1969, true},
		{"1400s", 1400, 1409, true},
		{"1000s", 1000, 1009, true},
		{"100s", 100, 109, true},
		{"0s", 0, 9, true},
		{"2010s", 2010, 2019, true},
		{"2020s", 2020, 2029, true},
		{"BCE 0s", -999, -1, true},
		{"BCE 1000s", -1999, -1000, true},
		{"BCE 5000s", -5999, -5000, true},
		{"BCE 500s", -599, -500, true},
		{"BCE 1950s", -1959, -1950, true},
		{"1000s BCE", -1999, -1000, true},
		{"20th century", 1900, 1999, true},
		{"1st century", 0, 99, true},
		{"21st century", 2000, 2099, false}, // reaches past MaxYear
		{"early 20th century", 1900, 1933, true},
		{"mid-19th century", 1833, 1866, true},
		{"Late 18th Century", 1766, 1799, true},
		{"5th century BCE", -500, -401, true},
		{"2nd millennium", 1000, 1999, true},
		{"2nd millennium BCE", -2000, -1001, true},
		{"1865", 1865, 1865, true},
		{"1820-1840", 1820, 1840, true},
		{"1820–1840", 1820, 1840, true},
		{"1840-1820", 0, 0, false},
		{"2970s", 0, 0, false}, // bogus future decades are refused, not accepted
		{"2060s", 0, 0, false},
		{"1965s", 0, 0, false}, // not a decade
		{"Ming dynasty", 0, 0, false},
		{"", 0, 0, false},
		{"s", 0, 0, false},
		{"BCE", 0, 0, false},
		{"0th century", 0, 0, false},
		{"12345678s", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			start, end, ok := schema.ParseYears(tt.in)
			if ok != tt.ok || ok && (start != tt.start || end != tt.end) {
				t.Errorf("ParseYears(%q) = %d, %d, %v; want %d, %d, %v", tt.in, start, end, ok, tt.start, tt.end, tt.ok)
			}
		})
	}
}

// TestParseYearsSample parses every indexedStructured.date in the real
// sample: each is a decade and must give that decade.
func TestParseYearsSample(t *testing.T) {
	seen := 0
	for _, line := range sampletest.Lines(t) {
		var rec struct {
			Content struct {
				IndexedStructured struct {
					Date []string `json:"date"`
				} `json:"indexedStructured"`
			} `json:"content"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatal(err)
		}
		for _, d := range rec.Content.IndexedStructured.Date {
			seen++
			start, end, ok := schema.ParseYears(d)
			var decade int32
			for _, c := range strings.TrimSuffix(d, "s") {
				decade = decade*10 + c - '0'
			}
			if !ok || start != decade || end != decade+9 {
				t.Errorf("ParseYears(%q) = %d, %d, %v; want %d, %d", d, start, end, ok, decade, decade+9)
			}
		}
	}
	if seen < 250 {
		t.Fatalf("only %d date strings in the sample; the fixture changed", seen)
	}
}
