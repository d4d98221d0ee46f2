package datetext

// Unit is the granularity of one end of a stated date.
type Unit uint8

const (
	UnitNone Unit = iota
	UnitDay
	UnitMonth
	UnitYear
	UnitDecade
	UnitCentury
	UnitMillennium
)

// Acc combines the dates a record states about its object: the
// earliest start and the latest end of the closed dates, the known ends of
// open ones, and the granularity of the dates that set each end.
type Acc struct {
	years   int // dates with years
	undated int // "n.d.", "undated"

	closed             bool
	lo, hi             int32
	loUnit, hiUnit     Unit
	loCirca, hiCirca   bool
	finest             Unit
	openEnd, openStart bool
	openEndAt          int32 // latest known start of a date with an open end (1988-)
	openEndUnit        Unit
	openStartAt        int32 // earliest known end of a date with an open start (To 1901)
	openStartUnit      Unit

	// Which input set each end (the label of a freetext item); the builder
	// uses these to name date_source.
	loTag, hiTag, openEndTag, openStartTag int
	tag                                    int
}

// stmt is one resolved date: a closed span, or one known end of an open one.
type stmt struct {
	lo, hi             int32
	loUnit, hiUnit     Unit
	loCirca, hiCirca   bool
	openEnd, openStart bool // lo (openEnd) or hi (openStart) is the only known end
}

// Years is how many of the dates added so far give a year.
func (a *Acc) Years() int { return a.years }

// SetTag labels the dates added from now on: Resolve reports the tag of
// the date that set each end (the builder names date_source with it).
func (a *Acc) SetTag(tag int) { a.tag = tag }

// AddSpan adds a closed span lo..hi whose ends are known to u (a bucket
// of indexedStructured.date).
func (a *Acc) AddSpan(lo, hi int32, u Unit) {
	a.add(stmt{lo: lo, hi: hi, loUnit: u, hiUnit: u})
}

func (a *Acc) add(s stmt) {
	a.years++
	a.noteFinest(min(s.loUnit, s.hiUnit))
	switch {
	case s.openEnd:
		a.setOpenEnd(s.lo, s.loUnit)
	case s.openStart:
		a.setOpenStart(s.hi, s.hiUnit)
	default:
		a.setClosed(s.lo, s.loUnit, s.loCirca, s.hi, s.hiUnit, s.hiCirca)
	}
}

func (a *Acc) noteFinest(u Unit) {
	if u != UnitNone && (a.finest == UnitNone || u < a.finest) {
		a.finest = u
	}
}

// setClosed widens the closed span to lo..hi. On a tie the finer (and not
// circa) date sets the end: "1850s" and "1850-1860" start in 1850 to the year.
func (a *Acc) setClosed(lo int32, loUnit Unit, loCirca bool, hi int32, hiUnit Unit, hiCirca bool) {
	if !a.closed || lo < a.lo || lo == a.lo && finerEnd(loUnit, loCirca, a.loUnit, a.loCirca) {
		a.lo, a.loUnit, a.loCirca, a.loTag = lo, loUnit, loCirca, a.tag
	}
	if !a.closed || hi > a.hi || hi == a.hi && finerEnd(hiUnit, hiCirca, a.hiUnit, a.hiCirca) {
		a.hi, a.hiUnit, a.hiCirca, a.hiTag = hi, hiUnit, hiCirca, a.tag
	}
	a.closed = true
}

func (a *Acc) setOpenEnd(at int32, u Unit) {
	if !a.openEnd || at > a.openEndAt {
		a.openEnd, a.openEndAt, a.openEndUnit, a.openEndTag = true, at, u, a.tag
	}
}

func (a *Acc) setOpenStart(at int32, u Unit) {
	if !a.openStart || at < a.openStartAt {
		a.openStart, a.openStartAt, a.openStartUnit, a.openStartTag = true, at, u, a.tag
	}
}

func finerEnd(u Unit, circa bool, than Unit, thanCirca bool) bool {
	return u < than || u == than && !circa && thanCirca
}

// merge adds the dates of b (one text, parsed on its own) to a, under a's
// current tag.
func (a *Acc) merge(b *Acc) {
	a.years += b.years
	a.undated += b.undated
	a.noteFinest(b.finest)
	if b.closed {
		a.setClosed(b.lo, b.loUnit, b.loCirca, b.hi, b.hiUnit, b.hiCirca)
	}
	if b.openEnd {
		a.setOpenEnd(b.openEndAt, b.openEndUnit)
	}
	if b.openStart {
		a.setOpenStart(b.openStartAt, b.openStartUnit)
	}
}

// AddText parses one date text and adds its dates; on a text the grammar
// does not know it adds nothing and returns false.
func (a *Acc) AddText(text []byte) bool {
	var p dateParser
	var one Acc
	if !p.parse(text, &one) {
		return false
	}
	a.merge(&one)
	return true
}

// Span is what the dates added so far say (Resolve without the tags).
func (a *Acc) Span() Span {
	d, _, _ := a.Resolve()
	return d
}

// Resolve settles the combined dates, and says which tags set the start
// and the end (-1 for an unknown end). An open end is unknown, not
// infinite: "1988-" with "1988" still has no end, but "To 1901" with
// "1850-1860" starts in 1850, because a closed date goes past the open
// date's known end.
func (a *Acc) Resolve() (d Span, startTag, endTag int) {
	startTag, endTag = -1, -1
	if a.years == 0 {
		if a.undated > 0 {
			d.Precision = PrecisionUndated
		}
		return d, startTag, endTag
	}
	var startUnit, endUnit Unit
	var startCirca, endCirca bool
	if a.closed {
		d.Start, d.HasStart, startUnit, startCirca, startTag = a.lo, true, a.loUnit, a.loCirca, a.loTag
		d.End, d.HasEnd, endUnit, endCirca, endTag = a.hi, true, a.hiUnit, a.hiCirca, a.hiTag
	}
	if a.openEnd && (!d.HasStart || a.openEndAt < d.Start) {
		d.Start, d.HasStart, startUnit, startCirca, startTag = a.openEndAt, true, a.openEndUnit, false, a.openEndTag
	}
	if a.openStart && (!d.HasEnd || a.openStartAt > d.End) {
		d.End, d.HasEnd, endUnit, endCirca, endTag = a.openStartAt, true, a.openStartUnit, false, a.openStartTag
	}
	if a.openEnd && d.HasEnd && d.End <= a.openEndAt {
		d.HasEnd, d.End, endTag = false, 0, -1
	}
	if a.openStart && d.HasStart && d.Start >= a.openStartAt {
		d.HasStart, d.Start, startTag = false, 0, -1
	}
	switch {
	case !d.HasStart || !d.HasEnd:
		d.Precision = PrecisionOpen
	case d.Start == d.End:
		d.Precision = unitPrecision(a.finest)
	default:
		coarse := max(startUnit, endUnit)
		switch {
		case coarse >= UnitDecade:
			d.Precision = unitPrecision(coarse)
		case startCirca || endCirca:
			d.Precision = PrecisionCirca
		default:
			d.Precision = PrecisionRange
		}
	}
	return d, startTag, endTag
}

func unitPrecision(u Unit) Precision {
	switch u {
	case UnitDay:
		return PrecisionDay
	case UnitMonth:
		return PrecisionMonth
	case UnitDecade:
		return PrecisionDecade
	case UnitCentury:
		return PrecisionCentury
	case UnitMillennium:
		return PrecisionMillennium
	}
	return PrecisionYear
}

// Ranges and their resolution.

// addPoint adds a single point as a closed date.
func (p *dateParser) addPoint(acc *Acc, a pt) bool {
	if a.kind == ptPartial {
		return false
	}
	lo, hi, unit, ok := a.years(a.era)
	if !ok {
		return false
	}
	return addClosed(acc, a, a, lo, hi, unit, unit)
}

// addOpen adds a point as the known start (openEnd) or end of an open date.
func (p *dateParser) addOpen(acc *Acc, a pt, openEnd bool) bool {
	if a.kind == ptPartial {
		return false
	}
	lo, hi, unit, ok := a.years(a.era)
	if !ok {
		return false
	}
	if openEnd {
		acc.add(stmt{lo: int32(lo), loUnit: unit, hiUnit: unit, openEnd: true})
	} else {
		acc.add(stmt{hi: int32(hi), loUnit: unit, hiUnit: unit, openStart: true})
	}
	return true
}

// addRange settles the two ends of a range and adds it: eras and circa
// spread from one end to the other, elided parts come from the other end,
// and the end must not come before the start.
func (p *dateParser) addRange(acc *Acc, a, b pt) bool {
	switch {
	case b.kind == ptPartial && b.hasSmall && a.kind == ptYear && a.bare && a.ndig == 4:
		b.kind, b.y, b.unit = ptYear, b.small, UnitYear // 1818-30, 1879-80
	case a.kind == ptPartial && a.ordinal:
		if b.kind != ptOrdinal {
			return false
		}
		a.kind, a.unit = ptOrdinal, b.unit // 15th-17th century
	case a.kind == ptPartial && b.kind == ptYear && b.unit <= UnitMonth:
		switch {
		case a.hasSmall && b.unit == UnitDay: // 15-17 June 1934
			if a.small < 1 || a.small > 31 {
				return false
			}
			a.day, a.month = a.small, b.month
		case a.month == 0:
			return false
		}
		a.kind, a.y, a.ndig, a.bare = ptYear, b.y, b.ndig, false
		a.unit = UnitMonth
		if a.month == 13 { // a season
			a.month = 0
		}
		if a.day > 0 {
			a.unit = UnitDay
			if !validDay(a.y, a.month, a.day) {
				return false
			}
		}
	case a.kind == ptPartial || b.kind == ptPartial:
		return false
	}
	// 1818-30, 1850s-60s: the second year keeps the first's leading digits.
	if b.ndig > 0 && b.ndig < a.ndig && b.era == 0 && a.era == 0 && (a.kind == ptYear && a.bare && b.kind == ptYear && b.bare || a.kind == ptDecade && b.kind == ptDecade) {
		mod := 1
		for range b.ndig {
			mod *= 10
		}
		b.y += a.y - a.y%mod
		b.ndig = a.ndig
		if b.y < a.y {
			return false
		}
	}
	switch {
	case a.era == 0:
		a.era = b.era // 500-400 BC
	case b.era == 0:
		b.era = a.era
	}
	if a.circa && !b.circa {
		b.circa = true // ca. 1880-1890: about both ends
	}
	alo, ahi, aunit, ok := a.years(a.era)
	if !ok {
		return false
	}
	blo, bhi, bunit, ok := b.years(b.era)
	if !ok || blo < alo || bhi < ahi {
		return false
	}
	return addClosed(acc, a, b, alo, bhi, aunit, bunit)
}

// addClosed adds lo..hi, widened by CircaYears on an approximate end of
// year precision or finer.
func addClosed(acc *Acc, a, b pt, lo, hi int, loUnit, hiUnit Unit) bool {
	s := stmt{loUnit: loUnit, hiUnit: hiUnit}
	if a.circa && loUnit <= UnitYear {
		lo -= CircaYears
		s.loCirca = true
	}
	if b.circa && hiUnit <= UnitYear {
		hi = min(hi+CircaYears, max(hi, MaxYear))
		s.hiCirca = true
	}
	if lo < minYear || hi > MaxYear {
		return false
	}
	s.lo, s.hi = int32(lo), int32(hi)
	acc.add(s)
	return true
}

// years returns the years a point covers in era e (negative = BCE; no
// year 0 in BCE dates) and its granularity.
func (a pt) years(e int8) (lo, hi int, unit Unit, ok bool) {
	bce := e < 0
	switch a.kind {
	case ptYear:
		if bce {
			if a.y < 1 {
				return 0, 0, 0, false
			}
			return -a.y, -a.y, a.unit, a.y <= -minYear
		}
		return a.y, a.y, a.unit, a.y <= MaxYear
	case ptDecade, ptHundreds:
		size := 10
		if a.kind == ptHundreds {
			size = 100
		} else if a.ndig < 3 {
			return 0, 0, 0, false // "60s" alone: the century is not said
		}
		lo, hi = a.y, a.y+size-1
		if bce {
			if a.y < size {
				return 0, 0, 0, false
			}
			lo, hi = -(a.y + size - 1), -a.y
		}
	case ptOrdinal:
		size := 100
		if a.unit == UnitMillennium {
			size = 1000
		}
		if bce {
			lo, hi = -a.y*size, -(a.y-1)*size-1
		} else {
			lo, hi = (a.y-1)*size, a.y*size-1
		}
	case ptFixed:
		return a.lo, a.hi, a.unit, a.hi <= MaxYear
	default:
		return 0, 0, 0, false
	}
	lo, hi = partOf(lo, hi, a.part)
	return lo, hi, a.unit, hi <= MaxYear && lo >= minYear
}

// partOf narrows lo..hi to a part: thirds (early, mid, late; the ends
// overlap, as in docs/DATES.md), halves or quarters.
func partOf(lo, hi int, part int8) (int, int) {
	switch {
	case part >= 1 && part <= 3:
		third := (hi - lo) / 3
		lo += int(part-1) * third
		if part < 3 {
			hi = lo + third
		}
	case part >= 4 && part <= 5:
		half := (hi - lo + 1) / 2
		if part == 4 {
			hi = lo + half - 1
		} else {
			lo += half
		}
	case part >= 6 && part <= 9:
		q := (hi - lo + 1) / 4
		k := int(part - 6)
		lo += k * q
		if k < 3 {
			hi = lo + q - 1
		}
	}
	return lo, hi
}
