package schema

import (
	"fmt"
	"testing"
)

// TestBucketYears: the fast path agrees with ParseYears on every
// four-digit decade and on the forms it hands over.
func TestBucketYears(t *testing.T) {
	check := func(s string) {
		lo, hi, ok := bucketYears([]byte(s))
		wlo, whi, wok := ParseYears(s)
		if ok != wok || ok && (lo != wlo || hi != whi) {
			t.Errorf("bucketYears(%q) = %d, %d, %v; ParseYears: %d, %d, %v", s, lo, hi, ok, wlo, whi, wok)
		}
	}
	for n := range 10000 {
		check(fmt.Sprintf("%04ds", n))
	}
	for _, s := range []string{"1960S", "BCE 1000s", "100s", "0s", "2970s", "19x0s", "1965s", "20th century", ""} {
		check(s)
	}
}
