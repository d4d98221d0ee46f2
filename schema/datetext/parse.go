package datetext

// Statements: the whole text is a list of dates and notes.

func (p *dateParser) parse(s []byte, acc *Acc) bool {
	if !p.lex(s) {
		return false
	}
	i, ok := p.list(0, acc, tkEnd)
	return ok && p.kind(i) == tkEnd && (acc.years > 0 || acc.undated > 0)
}

// skipRoles skips the role words that may open a date without changing
// it (wCast .. wRecorded): they say which event of the object's making it
// dates ("cast 1951-1962", "begun c. 1910").
func (p *dateParser) skipRoles(i int) int {
	for w := p.t[i].w; w >= wCast && w <= wRecorded; w = p.t[i].w {
		i++
		if p.kind(i) == tkColon {
			i++
		}
	}
	return i
}

// list parses dates separated by ; , / and "and" or "or" up to closer.
func (p *dateParser) list(i int, acc *Acc, closer tokKind) (int, bool) {
	for {
		i = p.skipRoles(i)
		switch {
		case p.kind(i) == tkOpen:
			j, ok := p.group(i, acc)
			if !ok {
				return i, false
			}
			i = j
		default:
			if j, ok := p.undated(i); ok {
				acc.undated++
				i = j
				break
			}
			j, ok := p.expr(i, acc)
			if !ok {
				return i, false
			}
			i = j
		}
		i = p.trailer(i)
		// A parenthetical note may follow a date without a separator.
		if p.kind(i) == tkOpen {
			continue
		}
		switch {
		case p.kind(i) == closer:
			return i, true
		case p.kind(i) == tkSemi || p.kind(i) == tkComma || p.kind(i) == tkSlash || p.kind(i) == tkAmp || p.kind(i) == tkPlus:
			i++
			if p.oneOf(i, wAnd, wOr) {
				i++
			}
		case p.oneOf(i, wAnd, wOr):
			i++
		case p.kind(i) == tkDot && p.kind(i+1) == closer:
			return i + 1, true
		default:
			return i, false
		}
	}
}

// group parses a parenthesised or bracketed part. Brackets are a
// cataloguer's supplied date ("[1909?-1912?]") and read like the rest; a
// parenthesis holding no digits is a note ("(Edo period)") and is skipped,
// and one that starts with a date may end in words ("(printed 1919-20 from
// cancelled plate)").
func (p *dateParser) group(i int, acc *Acc) (int, bool) {
	open := p.s[p.t[i].start]
	end := i + 1
	depth := 1
	digits := false
	for ; p.kind(end) != tkEnd; end++ {
		switch p.kind(end) {
		case tkOpen:
			depth++
		case tkClose:
			depth--
		case tkNum:
			digits = true
		}
		if depth == 0 {
			break
		}
	}
	if depth != 0 {
		return i, false
	}
	var inner Acc
	if j, ok := p.list(i+1, &inner, tkClose); ok && j == end {
		acc.merge(&inner)
		return end + 1, true
	}
	if open != '(' {
		return i, false
	}
	if !digits {
		return end + 1, true
	}
	inner = Acc{}
	j := p.skipRoles(i + 1)
	j, ok := p.expr(j, &inner)
	if !ok {
		return i, false
	}
	for ; j < end; j++ {
		if k := p.kind(j); k != tkWord && k != tkComma && k != tkDot {
			return i, false
		}
	}
	acc.merge(&inner)
	return end + 1, true
}

// trailer skips what may follow a date without changing it: "?", "(?)", "est.".
func (p *dateParser) trailer(i int) int {
	for {
		switch {
		case p.kind(i) == tkQuest:
			i++
		case p.kind(i) == tkOpen && p.kind(i+1) == tkQuest && p.kind(i+2) == tkClose:
			i += 3
		case p.oneOf(i, wEst, wApprox):
			i = p.skipDot(i + 1)
		default:
			return i
		}
	}
}

// undated matches "n.d.", "undated", "no date", "date unknown" and the like.
func (p *dateParser) undated(i int) (int, bool) {
	switch {
	case p.is(i, wN) && p.kind(i+1) == tkDot && p.is(i+2, wD):
		return p.skipDot(i + 3), true
	case p.is(i, wS) && p.kind(i+1) == tkDot && p.is(i+2, wD):
		return p.skipDot(i + 3), true
	case p.oneOf(i, wNd, wUndated, wUnknown, wUuuu):
		return i + 1, true
	case p.is(i, wNo) && p.is(i+1, wDate):
		return i + 2, true
	case p.is(i, wNot) && p.is(i+1, wDated):
		return i + 2, true
	case p.is(i, wDate) && p.oneOf(i+1, wUnknown, wUndetermined):
		return i + 2, true
	case p.is(i, wUnknown) && p.is(i+1, wDate):
		return i + 2, true
	}
	return i, false
}

// Expressions: a point or a range of two.

func (p *dateParser) expr(i int, acc *Acc) (int, bool) {
	switch {
	case p.oneOf(i, wBetween, wFrom):
		a, j, ok := p.point(i + 1)
		if !ok {
			return i, false
		}
		if !p.oneOf(j, wAnd, wTo, wUntil, wTill, wThrough, wThru) && p.kind(j) != tkDash {
			return i, false
		}
		b, k, ok := p.point(j + 1)
		if !ok {
			return i, false
		}
		return k, p.addRange(acc, a, b)
	case p.oneOf(i, wAfter, wSince, wPost):
		a, j, ok := p.point(p.skipDot(i + 1))
		if !ok {
			return i, false
		}
		return j, p.addOpen(acc, a, true)
	case p.oneOf(i, wBefore, wTo, wUntil, wTill, wPre, wBy):
		a, j, ok := p.point(p.skipDot(i + 1))
		if !ok {
			return i, false
		}
		return j, p.addOpen(acc, a, false)
	case p.kind(i) == tkDash && p.kind(i+1) == tkNum:
		a, j, ok := p.point(i + 1)
		if !ok {
			return i, false
		}
		return j, p.addOpen(acc, a, false)
	}
	a, j, ok := p.point(i)
	if !ok {
		return i, false
	}
	j = p.skipQuest(j)
	if p.kind(j) == tkDash || p.oneOf(j, wTo, wUntil, wTill, wThrough, wThru) || p.kind(j) == tkSlash && a.rangeable() {
		k := p.skipQuest(j + 1)
		if p.rangeEnds(k) && p.kind(j) == tkDash {
			return k, p.addOpen(acc, a, true) // 1988-
		}
		if b, k2, ok := p.pointAfter(k, a); ok {
			return k2, p.addRange(acc, a, b)
		}
		if p.kind(j) == tkSlash {
			return j, p.addPoint(acc, a) // the slash separates two dates
		}
		return i, false
	}
	if p.oneOf(j, wOr) && p.oneOf(j+1, wLater, wAfter) {
		return j + 2, p.addOpen(acc, a, true)
	}
	if p.oneOf(j, wOr) && p.oneOf(j+1, wEarlier, wBefore) {
		return j + 2, p.addOpen(acc, a, false)
	}
	if p.oneOf(j, wOnwards, wOnward) {
		return j + 1, p.addOpen(acc, a, true)
	}
	return j, p.addPoint(acc, a)
}

func (p *dateParser) skipQuest(i int) int {
	for p.kind(i) == tkQuest {
		i++
	}
	return i
}

// rangeEnds reports whether nothing of a date follows a range dash at i.
func (p *dateParser) rangeEnds(i int) bool {
	switch p.kind(i) {
	case tkEnd, tkClose, tkSemi, tkComma:
		return true
	}
	return p.oneOf(i, wAnd, wOr)
}

// pointAfter parses the second point of a range, reading it in the light of
// the first: "1818-30" is 1830, "15th-17th century" makes the first a
// century, "15-17 June 1934" makes the first a day of June 1934.
func (p *dateParser) pointAfter(i int, a pt) (pt, int, bool) {
	// "June 15-17, 1934": a day and year whose month is the first's.
	if a.kind == ptPartial && a.month > 0 && a.month <= 12 {
		if d := p.num(i, 1, 2); d >= 1 && d <= 31 {
			k := i + 1
			if p.kind(k) == tkComma {
				k++
			}
			if y := p.num(k, 3, 4); y >= 0 {
				b := pt{kind: ptYear, y: y, month: a.month, day: d, unit: UnitDay, ndig: int(p.t[k].ndig)}
				if !validDay(b.y, b.month, b.day) {
					return pt{}, i, false
				}
				b, k = p.suffixes(b, k+1)
				return b, k, true
			}
		}
	}
	return p.point(i)
}
