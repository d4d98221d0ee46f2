package schema

import (
	"strconv"
	"strings"

	"github.com/soa-project/soa/schema/datetext"
)

// MaxYear is the latest year a date may reach. The corpus holds bogus
// future decades (`2060s`, `2970s`); anything past the 2020s is refused
// rather than silently accepted. A constant, not the clock, so that a
// conversion gives the same bytes whenever it runs.
const MaxYear = datetext.MaxYear

// ParseYears reads one indexedStructured.date string and returns the first
// and last year it covers, negative years being BCE (500 BCE = -500; no
// year 0). ok is false when the string has none of the forms below or
// reaches past MaxYear. The rules (also in docs/DATES.md):
//
//	1960s                decade          1960 .. 1969
//	1000s, 100s, 0s      decade          1000 .. 1009 (EDAN buckets CE dates by decade)
//	BCE 1000s, 1000s BCE millennium      -1999 .. -1000 (BCE buckets are millennia,
//	                     when the number is a multiple of 1000; century if of 100;
//	                     decade otherwise); BCE 0s = -999 .. -1
//	20th century         century         1900 .. 1999
//	early/mid/late 20th century  thirds  1900..1933 / 1933..1966 / 1966..1999
//	5th century BCE      century         -500 .. -401
//	2nd millennium       millennium      1000 .. 1999 (BCE likewise)
//	1865                 year            1865 .. 1865
//	1820-1840, 1820–1840 range           1820 .. 1840 (start <= end)
//
// Case and surrounding spaces are ignored; `BC`, `B.C.`, `BCE`, `B.C.E.` mean
// BCE and `AD`, `A.D.`, `CE`, `C.E.` are accepted and ignored.
func ParseYears(s string) (start, end int32, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	bce := false
	for _, era := range [...]string{"b.c.e.", "bce", "b.c.", "bc"} {
		if rest, found := strings.CutPrefix(s, era+" "); found {
			s, bce = strings.TrimSpace(rest), true
			break
		}
		if rest, found := strings.CutSuffix(s, " "+era); found {
			s, bce = strings.TrimSpace(rest), true
			break
		}
	}
	if !bce {
		for _, era := range [...]string{"a.d.", "ad", "c.e.", "ce"} {
			if rest, found := strings.CutSuffix(s, " "+era); found {
				s = strings.TrimSpace(rest)
				break
			}
			if rest, found := strings.CutPrefix(s, era+" "); found {
				s = strings.TrimSpace(rest)
				break
			}
		}
	}
	var lo, hi int
	switch {
	case strings.HasSuffix(s, "s") && isDigits(s[:len(s)-1]):
		n, _ := strconv.Atoi(s[:len(s)-1])
		if n%10 != 0 {
			return 0, 0, false
		}
		if bce {
			span := 10
			switch {
			case n%1000 == 0:
				span = 1000
			case n%100 == 0:
				span = 100
			}
			lo, hi = -(n + span - 1), -max(n, 1)
		} else {
			lo, hi = n, n+9
		}
	case strings.HasSuffix(s, "century") || strings.HasSuffix(s, "millennium"):
		var okOrd bool
		lo, hi, okOrd = parseOrdinalPeriod(s, bce)
		if !okOrd {
			return 0, 0, false
		}
	case isDigits(s):
		n, _ := strconv.Atoi(s)
		if bce {
			n = -n
		}
		lo, hi = n, n
	default:
		a, b, found := cutRange(s)
		if !found || !isDigits(a) || !isDigits(b) {
			return 0, 0, false
		}
		lo, _ = strconv.Atoi(a)
		hi, _ = strconv.Atoi(b)
		if bce {
			lo, hi = -lo, -hi
		}
		if lo > hi {
			return 0, 0, false
		}
	}
	if hi > MaxYear || lo < -1_000_000 || (bce && lo == 0) {
		return 0, 0, false
	}
	return int32(lo), int32(hi), true
}

// parseOrdinalPeriod reads `[early|mid|late] Nth century|millennium`.
func parseOrdinalPeriod(s string, bce bool) (lo, hi int, ok bool) {
	part := 0 // 0 whole, 1 early, 2 mid, 3 late
	for i, p := range [...]string{"early", "mid", "late"} {
		if rest, found := strings.CutPrefix(s, p); found {
			s, part = strings.TrimLeft(rest, " -"), i+1
			break
		}
	}
	unit := 100
	word, found := strings.CutSuffix(s, " century")
	if !found {
		if word, found = strings.CutSuffix(s, " millennium"); !found {
			return 0, 0, false
		}
		unit = 1000
	}
	word = strings.TrimSpace(word)
	if len(word) < 3 {
		return 0, 0, false
	}
	num, suffix := word[:len(word)-2], word[len(word)-2:]
	switch suffix {
	case "st", "nd", "rd", "th":
	default:
		return 0, 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || !isDigits(num) || n < 1 {
		return 0, 0, false
	}
	if bce {
		lo, hi = -n*unit, -(n-1)*unit-1
	} else {
		lo, hi = (n-1)*unit, (n-1)*unit+unit-1
	}
	if part > 0 {
		third := (hi - lo) / 3
		lo += (part - 1) * third
		if part < 3 {
			hi = lo + third
		}
	}
	return lo, hi, true
}

func cutRange(s string) (a, b string, ok bool) {
	for _, sep := range [...]string{"–", "—", "-", " to "} {
		if a, b, ok = strings.Cut(s, sep); ok {
			return strings.TrimSpace(a), strings.TrimSpace(b), true
		}
	}
	return "", "", false
}

func isDigits(s string) bool {
	if s == "" || len(s) > 7 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
