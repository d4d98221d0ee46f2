package datetext

// Points.

type ptKind uint8

const (
	ptYear     ptKind = iota + 1 // a year, possibly with month and day (unit day, month, year)
	ptDecade                     // y is the decade's first year
	ptHundreds                   // "1800s": the hundred years from y
	ptOrdinal                    // the y-th century or millennium (unit), with part
	ptFixed                      // lo..hi known without era (MARC 189u)
	ptPartial                    // a day or month without a year, or an ordinal without its noun: filled from the range's other end
)

// pt is one point of a date before the range it belongs to settles its era.
type pt struct {
	kind       ptKind
	y          int
	lo, hi     int // ptFixed
	unit       Unit
	month, day int
	ordinal    bool // ptPartial: an ordinal waiting for century/millennium
	small      int  // ptPartial: a bare one- or two-digit number (hasSmall)
	hasSmall   bool
	part       int8 // 1..3 early/mid/late, 4..5 halves, 6..9 quarters
	circa      bool
	era        int8 // 0 unmarked, 1 CE, -1 BCE
	ndig       int
	bare       bool // a bare number (no suffix), so "1818-30" may abbreviate
}

// divisible reports whether a may have a part (early, first half): a
// decade, a hundred years, a century or millennium.
func (a pt) divisible() bool {
	return a.kind == ptDecade || a.kind == ptHundreds || a.kind == ptOrdinal || a.kind == ptPartial && a.ordinal
}

// rangeable reports whether a slash after a may join a range ("1920/21",
// "18th/19th century") rather than separate two dates.
func (a pt) rangeable() bool {
	return a.kind == ptYear && a.unit == UnitYear || a.kind == ptOrdinal || a.kind == ptPartial && a.ordinal
}

// point parses one point: qualifiers, then a year, a day, a month, a
// decade, a century or millennium, then era and "?".
func (p *dateParser) point(i int) (pt, int, bool) {
	var q pt
qualifiers:
	for {
		switch {
		case p.era(i) != 0 && p.kind(p.eraEnd(i)) == tkNum: // A.D. 79
			q.era = p.era(i)
			i = p.eraEnd(i)
		case p.is(i, wC) && p.glued(i+1, tkNum):
			break qualifiers // c1921: the copyright year of a publication, exact
		case p.oneOf(i, wCirca, wCa, wC, wCca, wApproximately, wApprox, wAbout, wAround, wAbt):
			q.circa = true
			i = p.skipDot(i + 1)
		case p.oneOf(i, wProbably, wPossibly, wPerhaps, wLikely, wPresumably, wProb, wPoss, wMaybe, wThe):
			i = p.skipDot(i + 1)
		case p.kind(i) == tkQuest:
			i++
		case p.oneOf(i, wEarly, wBeginning):
			q.part, i = 1, p.skipPartDash(i+1)
		case p.oneOf(i, wMid, wMiddle):
			q.part, i = 2, p.skipPartDash(i+1)
		case p.oneOf(i, wLate, wEnd):
			q.part, i = 3, p.skipPartDash(i+1)
		default:
			n, j := p.halfOrQuarterAt(i)
			if n == 0 {
				break qualifiers
			}
			q.part, i = n, j
		}
	}
	var ok bool
	start := i
	switch p.kind(i) {
	case tkNum:
		q, i, ok = p.numPoint(i, q)
	case tkWord:
		q, i, ok = p.wordPoint(i, q)
	case tkCopyright:
		if p.kind(i+1) == tkNum {
			q, i, ok = p.numPoint(i+1, q)
		}
	}
	if !ok || i == start {
		return pt{}, start, false
	}
	if q.part != 0 && !q.divisible() {
		return pt{}, start, false // "early 1950" means nothing the grammar knows
	}
	q, i = p.suffixes(q, i)
	return q, i, true
}

func (p *dateParser) skipPartDash(i int) int {
	if p.kind(i) == tkDash {
		i++
	}
	if p.is(i, wOf) {
		i++
	}
	return i
}

// halfOrQuarterAt reads a part named at i, "first half (of the)", "2nd
// quarter", and returns it (4..9, 0 if none) and the index after it.
func (p *dateParser) halfOrQuarterAt(i int) (int8, int) {
	ord := 0
	j := i
	switch {
	case p.oneOf(j, wFirst):
		ord = 1
	case p.oneOf(j, wSecond):
		ord = 2
	case p.oneOf(j, wThird):
		ord = 3
	case p.oneOf(j, wFourth, wLast):
		ord = 4
	case p.kind(j) == tkNum && p.t[j].ndig == 1 && p.glued(j+1, tkWord) && p.oneOf(j+1, wSt, wNd, wRd, wTh):
		ord = int(p.t[j].val)
		j++
	default:
		return 0, i
	}
	j++
	var n int8
	switch {
	case p.is(j, wHalf) && ord >= 1 && ord <= 2:
		n = 3 + int8(ord)
	case p.is(j, wQuarter) && ord >= 1 && ord <= 4:
		n = 5 + int8(ord)
	default:
		return 0, i
	}
	j++
	if p.is(j, wOf) {
		j++
	}
	if p.is(j, wThe) {
		j++
	}
	return n, j
}

// suffixes reads what may follow a point: "?", an era, "?" again.
func (p *dateParser) suffixes(q pt, i int) (pt, int) {
	i = p.skipQuest(i)
	if e := p.era(i); e != 0 && q.kind != ptFixed {
		q.era, i = e, p.eraEnd(i)
	}
	return q, p.skipQuest(i)
}

// era reads BC, BCE, B.C., B.C.E. (-1) or AD, CE, A.D., C.E. (1) at i.
func (p *dateParser) era(i int) int8 {
	e, _ := p.eraAt(i)
	return e
}

func (p *dateParser) eraEnd(i int) int {
	_, j := p.eraAt(i)
	return j
}

func (p *dateParser) eraAt(i int) (int8, int) {
	if p.kind(i) != tkWord {
		return 0, i
	}
	if c := p.s[p.t[i].start] | 0x20; c != 'a' && c != 'b' && c != 'c' {
		return 0, i
	}
	var letters [4]byte
	n, j := 0, i
	for n < 4 && p.kind(j) == tkWord {
		w := p.word(j)
		if len(w) > 3 || n+len(w) > 4 {
			return 0, i
		}
		for _, c := range w {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			letters[n] = c
			n++
		}
		j++
		dotted := p.kind(j) == tkDot
		if dotted {
			j++
		}
		if !dotted || p.kind(j) != tkWord || !p.t[j].glued && len(w) > 1 {
			break
		}
	}
	switch string(letters[:n]) {
	case "bc", "bce":
		return -1, j
	case "ad", "ce":
		return 1, j
	}
	return 0, i
}

// numPoint parses a point that starts with a number.
func (p *dateParser) numPoint(i int, q pt) (pt, int, bool) {
	t := p.t[i]
	n := int(t.val)
	nd := int(t.ndig)
	next := i + 1
	// Glued suffixes: 1850s, 1850's, 19th, 189u, 185-?, 18--.
	switch {
	case p.glued(next, tkWord) && p.is(next, wS), p.glued(next, tkApos) && p.glued(next+1, tkWord) && p.is(next+1, wS):
		end := next + 1
		if p.kind(next) == tkApos {
			end++
		}
		if nd < 2 || nd > 4 || n%10 != 0 {
			return q, i, false
		}
		q.y, q.ndig = n, nd
		if n%100 == 0 && nd == 4 {
			q.kind, q.unit = ptHundreds, UnitCentury
		} else {
			q.kind, q.unit = ptDecade, UnitDecade
		}
		return q, end, true
	case p.glued(next, tkWord) && p.oneOf(next, wSt, wNd, wRd, wTh, wD):
		return p.ordinalPoint(i, next+1, n, q)
	case p.glued(next, tkWord) && allU(p.word(next)) && nd+len(p.word(next)) == 4:
		unknown := len(p.word(next))
		span := 1
		for range unknown {
			span *= 10
		}
		q.kind, q.lo, q.hi = ptFixed, n*span, n*span+span-1
		q.unit = [...]Unit{UnitYear, UnitDecade, UnitCentury, UnitMillennium}[unknown]
		return q, next + 1, true
	case nd == 3 && p.glued(next, tkDash) && p.ends(next+1):
		q.kind, q.y, q.unit, q.ndig = ptDecade, n*10, UnitDecade, 4 // AACR2 [185-?]: the 1850s
		return q, next + 1, true
	case nd == 2 && p.glued(next, tkDash) && p.glued(next+1, tkDash):
		q.kind, q.y, q.unit = ptHundreds, n*100, UnitCentury // AACR2 [18--]: the 1800s
		return q, next + 2, true
	}
	// Thousands written with a comma (10,000 BC) need an era.
	if nd <= 3 && p.glued(next, tkComma) && p.glued(next+1, tkNum) && p.t[next+1].ndig == 3 && p.era(next+2) != 0 {
		q.kind, q.y, q.unit, q.ndig = ptYear, n*1000+int(p.t[next+1].val), UnitYear, 4
		return q, next + 2, true
	}
	if nd >= 3 && nd <= 4 || nd > 4 && nd != 8 && p.era(next) != 0 && nd <= 7 {
		return p.yearPoint(i, q)
	}
	if nd == 8 && !p.glued(next, tkDash) {
		// 19480516: a compact year, month and day.
		y, m, d := n/10000, n/100%100, n%100
		if !validDay(y, m, d) {
			return q, i, false
		}
		q.kind, q.y, q.month, q.day, q.unit = ptYear, y, m, d, UnitDay
		return q, p.skipTime(next), true
	}
	if nd > 2 {
		return q, i, false
	}
	// A one- or two-digit number: a day, a month, or a year with an era.
	switch {
	case p.monthAt(next) > 0:
		// 15 Jun 1934, 15 June, 1934.
		m, j := p.monthAfter(next)
		return p.dayMonth(q, n, m, j)
	case p.glued(next, tkDash) && p.glued(next+1, tkWord) && p.monthAt(next+1) > 0:
		// 15-Jun-1934.
		m, j := p.monthAfter(next + 1)
		if p.glued(j, tkDash) {
			j++
		}
		return p.dayMonth(q, n, m, j)
	case (p.glued(next, tkSlash) || p.glued(next, tkDot)) && p.glued(next+1, tkNum):
		sep := p.kind(next)
		b := int(p.t[next+1].val)
		if p.glued(next+2, sep) && p.glued(next+3, tkNum) && p.t[next+3].ndig == 4 {
			// 09/29/2004 (month first, as the US units write) or 29/09/2004,
			// 29.09.2004 (day first). The year is the same either way.
			y := int(p.t[next+3].val)
			m, d := n, b
			if sep == tkDot || n > 12 {
				m, d = b, n
			}
			if !validDay(y, m, d) {
				return q, i, false
			}
			q.kind, q.y, q.month, q.day, q.unit, q.ndig = ptYear, y, m, d, UnitDay, 4
			return q, p.skipTime(next + 4), true
		}
		if sep == tkSlash && p.t[next+1].ndig == 4 && n >= 1 && n <= 12 {
			q.kind, q.y, q.month, q.unit, q.ndig = ptYear, b, n, UnitMonth, 4 // 6/1934
			return q, next + 2, true
		}
		return q, i, false
	case (q.era != 0 || p.era(next) != 0) && n >= 1: // 79 AD, A.D. 79
		q.kind, q.y, q.unit, q.ndig, q.bare = ptYear, n, UnitYear, nd, false
		return q, next, true
	}
	// A bare small number waits for the range's other end: the day of
	// "15-17 June 1934" or the year of "1818-30".
	q.kind, q.small, q.hasSmall, q.ndig, q.bare = ptPartial, n, true, nd, true
	return q, next, true
}

// ends reports whether a point's text is over at i (for "185-?").
func (p *dateParser) ends(i int) bool {
	i = p.skipQuest(i)
	switch p.kind(i) {
	case tkEnd, tkClose, tkSemi, tkComma:
		return true
	}
	return false
}

func allU(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	for _, c := range w {
		if c != 'u' && c != 'U' && c != 'x' && c != 'X' {
			return false
		}
	}
	return true
}

// yearPoint parses a point that starts with a year of three or four digits
// (or more with an era): 1865, 1934-06-15, 2013:12:07, 1934/06/15, 1934-06,
// 1934 June 15, 1950 Spring.
func (p *dateParser) yearPoint(i int, q pt) (pt, int, bool) {
	y := int(p.t[i].val)
	q.kind, q.y, q.unit, q.ndig = ptYear, y, UnitYear, int(p.t[i].ndig)
	next := i + 1
	if q.ndig == 4 {
		for _, sep := range [...]tokKind{tkDash, tkColon, tkSlash} {
			if !p.glued(next, sep) || !p.glued(next+1, tkNum) || p.t[next+1].ndig != 2 {
				continue
			}
			m := int(p.t[next+1].val)
			if p.glued(next+2, sep) && p.glued(next+3, tkNum) && p.t[next+3].ndig == 2 {
				d := int(p.t[next+3].val)
				if !validDay(y, m, d) {
					return q, i, false
				}
				q.month, q.day, q.unit = m, d, UnitDay
				return q, p.skipTime(next + 4), true
			}
			// 1934-06 is June 1934; 1910-11 is 1910 to 1911 (see pointAfter).
			if sep == tkDash && m >= 1 && m <= 12 && (p.s[p.t[next+1].start] == '0' || 100*(y/100)+m < y) && !p.glued(next+2, tkNum) {
				q.month, q.unit = m, UnitMonth
				return q, next + 2, true
			}
		}
	}
	// Archival order: 1934 June 15, 1934 Jun, 1950 Spring.
	if m, j := p.monthAfter(next); m > 0 {
		q.month, q.unit = m, UnitMonth
		if d := p.num(j, 1, 2); d >= 1 && !p.glued(j+1, tkSlash) && !p.glued(j+1, tkDash) {
			if !validDay(y, m, d) {
				return q, i, false
			}
			q.day, q.unit = d, UnitDay
			return q, j + 1, true
		}
		return q, j, true
	}
	if p.season(next) {
		q.unit = UnitMonth
		return q, next + 1, true
	}
	q.bare = true
	return q, next, true
}

// skipTime skips a time after a full date: 2013:12:07 10:42:11, 1934-06-15T10:00Z.
func (p *dateParser) skipTime(i int) int {
	j := i
	if p.glued(j, tkWord) && p.oneOf(j, wT) {
		j++
	}
	if p.kind(j) == tkNum && p.t[j].ndig <= 2 && p.glued(j+1, tkColon) && p.glued(j+2, tkNum) {
		j += 3
		for p.glued(j, tkColon) && p.glued(j+1, tkNum) || p.glued(j, tkDot) && p.glued(j+1, tkNum) {
			j += 2
		}
		if p.glued(j, tkWord) && p.oneOf(j, wZ) {
			j++
		}
		return j
	}
	return i
}

// dayMonth finishes "15 Jun 1934" once the day and month are read and j is
// after the month: an optional comma or "of", then the year. Without a
// year it is partial ("15 Jun - 20 Jul 1934").
func (p *dateParser) dayMonth(q pt, d, m, j int) (pt, int, bool) {
	if d < 1 || d > 31 {
		return q, j, false
	}
	k := j
	if p.kind(k) == tkComma {
		k++
	}
	if y := p.num(k, 3, 4); y >= 0 && !p.glued(k+1, tkWord) {
		if !validDay(y, m, d) {
			return q, j, false
		}
		q.kind, q.y, q.month, q.day, q.unit, q.ndig = ptYear, y, m, d, UnitDay, 4
		return q, p.skipTime(k + 1), true
	}
	q.kind, q.month, q.day = ptPartial, m, d
	return q, j, true
}

// wordPoint parses a point that starts with a word: a month, a season, a
// spelled-out ordinal century, or c1921.
func (p *dateParser) wordPoint(i int, q pt) (pt, int, bool) {
	if p.oneOf(i, wC, wP, wCop, wCopyright) && p.kind(i+1) == tkNum {
		j := p.skipDot(i + 1)
		if p.kind(j) == tkNum && p.t[j].ndig == 4 {
			return p.yearPoint(j, q) // c1921: copyright 1921, an exact year
		}
		return q, i, false
	}
	if m, j := p.monthAfter(i); m > 0 {
		// June 15, 1934; June 15th 1934; June 1934; Jun. 1934; June, 1934.
		if d := p.num(j, 1, 2); d >= 1 && d <= 31 {
			k := j + 1
			if p.glued(k, tkWord) && p.oneOf(k, wSt, wNd, wRd, wTh) {
				k++
			}
			return p.dayMonthYear(q, d, m, k)
		}
		k := j
		if p.kind(k) == tkComma {
			k++
		}
		if y := p.num(k, 3, 4); y >= 0 {
			q.kind, q.y, q.month, q.unit, q.ndig = ptYear, y, m, UnitMonth, int(p.t[k].ndig)
			return q, k + 1, true
		}
		q.kind, q.month = ptPartial, m // "Jun-Jul 1952"
		return q, j, true
	}
	if p.season(i) {
		k := i + 1
		if p.kind(k) == tkComma {
			k++
		}
		if y := p.num(k, 3, 4); y >= 0 {
			q.kind, q.y, q.unit, q.ndig = ptYear, y, UnitMonth, int(p.t[k].ndig)
			return q, k + 1, true
		}
		q.kind, q.month = ptPartial, 13 // a season waiting for its year
		return q, i + 1, true
	}
	if n := spelledOrdinal(p, i); n > 0 {
		j := i + 1
		if p.kind(j) == tkDash && p.oneOf(j+1, wFirst, wSecond, wThird, wFourth, wFifth, wSixth, wSeventh, wEighth, wNinth) {
			n += spelledOrdinal(p, j+1)
			j += 2
		}
		return p.ordinalNoun(i, j, n, q)
	}
	// A day ordinal first: "15th of June, 1934" is read by numPoint.
	return q, i, false
}

// dayMonthYear finishes "June 15, 1934" after the day.
func (p *dateParser) dayMonthYear(q pt, d, m, k int) (pt, int, bool) {
	j := k
	if p.kind(j) == tkComma {
		j++
	}
	if y := p.num(j, 3, 4); y >= 0 {
		if !validDay(y, m, d) {
			return q, k, false
		}
		q.kind, q.y, q.month, q.day, q.unit, q.ndig = ptYear, y, m, d, UnitDay, 4
		return q, p.skipTime(j + 1), true
	}
	q.kind, q.month, q.day = ptPartial, m, d // "June 15-17, 1934" continues in pointAfter
	return q, k, true
}

// ordinalPoint reads what follows an ordinal number: "19th century", "2nd
// millennium", "15th June 1934", or a bare "15th" in "15th-17th century".
func (p *dateParser) ordinalPoint(numTok, j, n int, q pt) (pt, int, bool) {
	k := j
	if p.is(k, wOf) {
		k++
	}
	if m, after := p.monthAfter(k); m > 0 && p.t[numTok].ndig <= 2 {
		return p.dayMonth(q, n, m, after)
	}
	return p.ordinalNoun(numTok, j, n, q)
}

// ordinalNoun finishes an ordinal with its noun: century (c., cent.,
// centuries) or millennium; without one it waits for the range's other end.
func (p *dateParser) ordinalNoun(numTok, j, n int, q pt) (pt, int, bool) {
	if n < 1 || n > 100 {
		return q, numTok, false
	}
	k := j
	if p.kind(k) == tkDash && p.oneOf(k+1, wCentury, wCenturies, wMillennium) {
		k++ // 19th-century
	}
	q.y = n
	switch {
	case p.oneOf(k, wCentury, wCenturies, wCent):
		q.kind, q.unit = ptOrdinal, UnitCentury
		return q, p.skipDot(k + 1), true
	case p.is(k, wC) && p.kind(k+1) == tkDot:
		q.kind, q.unit = ptOrdinal, UnitCentury
		return q, k + 2, true
	case p.oneOf(k, wMillennium, wMillennia, wMillenium):
		q.kind, q.unit = ptOrdinal, UnitMillennium
		return q, k + 1, true
	}
	q.kind, q.ordinal = ptPartial, true
	return q, j, true
}

// spelledOrdinal returns n for the word "nth" (first .. twentieth, and
// twenty of "twenty-first") at i, or 0.
func spelledOrdinal(p *dateParser, i int) int {
	w := p.t[i].w
	switch {
	case w == wTwenty:
		if p.kind(i+1) == tkDash && p.is(i+2, wFirst) {
			return 20
		}
		return 0
	case w >= wFirst && w <= wTwentieth:
		return int(w-wFirst) + 1
	}
	return 0
}

// monthAt returns the month (1..12) named at i, or 0.
func (p *dateParser) monthAt(i int) int {
	switch w := p.t[i].w; {
	case w >= wJanuary && w <= wDecember:
		return int(w-wJanuary) + 1
	case w >= wJan && w <= wDec:
		return int(w-wJan) + 1
	case w == wSept:
		return 9
	}
	return 0
}

// monthAfter returns the month named at i and the index after it (and its dot).
func (p *dateParser) monthAfter(i int) (int, int) {
	m := p.monthAt(i)
	if m == 0 {
		return 0, i
	}
	return m, p.skipDot(i + 1)
}

func (p *dateParser) season(i int) bool {
	return p.oneOf(i, wSpring, wSummer, wAutumn, wFall, wWinter)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && !isLeap(y) {
		days = 28
	}
	return d <= days
}
