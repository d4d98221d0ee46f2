package schema

// The freetext date grammar: a hand-written scanner and recursive-descent
// parser for the dates the units write in freetext.date ("15 Jun 1934",
// "c. 1818-30", "Late 17th-early 18th century", "100 B.C.-100 A.D.").
// docs/DATES.md states the grammar with examples and every choice made here;
// keep the two in step. The parser works on the bytes as given, keeps its
// tokens in a fixed array and allocates nothing.

// DatePrecision says how finely a record's year span is known. The zero
// value is no date at all.
type DatePrecision uint8

// The precisions, finest first. Their names are the values of
// objects.date_precision.
const (
	PrecisionNone       DatePrecision = iota // no date (date_precision is null)
	PrecisionDay                             // one year, stated to the day
	PrecisionMonth                           // one year, stated to the month or season
	PrecisionYear                            // one year
	PrecisionRange                           // two different years, each stated to the year or finer
	PrecisionCirca                           // an approximate year or range, widened by CircaYears
	PrecisionDecade                          // ends known to the decade (1850s, late 1950s)
	PrecisionCentury                         // ends known to the century (19th century, 1800s)
	PrecisionMillennium                      // ends known to the millennium
	PrecisionOpen                            // one end only: the other is open or unknown (1988-, before 1901)
	PrecisionUndated                         // the record says it is undated (n.d.) and gives no year
	numPrecisions
)

var precisionNames = [numPrecisions]string{
	"", "day", "month", "year", "range", "circa", "decade", "century", "millennium", "open", "undated",
}

// String returns the name written to objects.date_precision ("" for none).
func (p DatePrecision) String() string {
	if p < numPrecisions {
		return precisionNames[p]
	}
	return ""
}

// CircaYears is how far "circa", "ca." and "c." widen a year on each side:
// c. 1840 covers 1835 .. 1845. Decades and centuries are not widened.
const CircaYears = 5

// minYear bounds BCE years, as ParseYears does.
const minYear = -1_000_000

// DateSpan is what a freetext date says: the first and last year it covers
// (negative = BCE) and how precisely. HasStart or HasEnd is false on an open
// or unknown side ("1988-" has no end, "To 1901" no start).
type DateSpan struct {
	Start, End       int32
	HasStart, HasEnd bool
	Precision        DatePrecision
}

// ParseDateText reads one freetext date with the grammar of docs/DATES.md.
// ok is false when the text is not a date the grammar knows (free prose,
// named periods, a year past MaxYear). "n.d." and "undated" are dates that
// give no year: ok, with Precision == PrecisionUndated. Several dates in
// one text ("1840-1845, cast 1951-1962") combine as a record's dates do.
func ParseDateText(s string) (DateSpan, bool) {
	var acc dateAcc
	if !acc.addText([]byte(s)) {
		return DateSpan{}, false
	}
	return acc.span(), true
}

// dateUnit is the granularity of one end of a stated date.
type dateUnit uint8

const (
	unitNone dateUnit = iota
	unitDay
	unitMonth
	unitYear
	unitDecade
	unitCentury
	unitMillennium
)

// dateAcc combines the dates a record states about its object: the
// earliest start and the latest end of the closed dates, the known ends of
// open ones, and the granularity of the dates that set each end.
type dateAcc struct {
	years   int // dates with years
	undated int // "n.d.", "undated"

	closed             bool
	lo, hi             int32
	loUnit, hiUnit     dateUnit
	loCirca, hiCirca   bool
	finest             dateUnit
	openEnd, openStart bool
	openEndAt          int32 // latest known start of a date with an open end (1988-)
	openEndUnit        dateUnit
	openStartAt        int32 // earliest known end of a date with an open start (To 1901)
	openStartUnit      dateUnit

	// Which input set each end (the label of a freetext item); the builder
	// uses these to name date_source.
	loTag, hiTag, openEndTag, openStartTag int
	tag                                    int
}

// stmt is one resolved date: a closed span, or one known end of an open one.
type stmt struct {
	lo, hi             int32
	loUnit, hiUnit     dateUnit
	loCirca, hiCirca   bool
	openEnd, openStart bool // lo (openEnd) or hi (openStart) is the only known end
}

func (a *dateAcc) add(s stmt) {
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

func (a *dateAcc) noteFinest(u dateUnit) {
	if u != unitNone && (a.finest == unitNone || u < a.finest) {
		a.finest = u
	}
}

// setClosed widens the closed span to lo..hi. On a tie the finer (and not
// circa) date sets the end: "1850s" and "1850-1860" start in 1850 to the year.
func (a *dateAcc) setClosed(lo int32, loUnit dateUnit, loCirca bool, hi int32, hiUnit dateUnit, hiCirca bool) {
	if !a.closed || lo < a.lo || lo == a.lo && finerEnd(loUnit, loCirca, a.loUnit, a.loCirca) {
		a.lo, a.loUnit, a.loCirca, a.loTag = lo, loUnit, loCirca, a.tag
	}
	if !a.closed || hi > a.hi || hi == a.hi && finerEnd(hiUnit, hiCirca, a.hiUnit, a.hiCirca) {
		a.hi, a.hiUnit, a.hiCirca, a.hiTag = hi, hiUnit, hiCirca, a.tag
	}
	a.closed = true
}

func (a *dateAcc) setOpenEnd(at int32, u dateUnit) {
	if !a.openEnd || at > a.openEndAt {
		a.openEnd, a.openEndAt, a.openEndUnit, a.openEndTag = true, at, u, a.tag
	}
}

func (a *dateAcc) setOpenStart(at int32, u dateUnit) {
	if !a.openStart || at < a.openStartAt {
		a.openStart, a.openStartAt, a.openStartUnit, a.openStartTag = true, at, u, a.tag
	}
}

func finerEnd(u dateUnit, circa bool, than dateUnit, thanCirca bool) bool {
	return u < than || u == than && !circa && thanCirca
}

// merge adds the dates of b (one text, parsed on its own) to a, under a's
// current tag.
func (a *dateAcc) merge(b *dateAcc) {
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

// addText parses one date text and adds its dates; on a text the grammar
// does not know it adds nothing and returns false.
func (a *dateAcc) addText(text []byte) bool {
	var p dateParser
	var one dateAcc
	if !p.parse(text, &one) {
		return false
	}
	a.merge(&one)
	return true
}

func (a *dateAcc) span() DateSpan {
	d, _, _ := a.resolve()
	return d
}

// resolve settles the combined dates, and says which tags set the start
// and the end (-1 for an unknown end). An open end is unknown, not
// infinite: "1988-" with "1988" still has no end, but "To 1901" with
// "1850-1860" starts in 1850, because a closed date goes past the open
// date's known end.
func (a *dateAcc) resolve() (d DateSpan, startTag, endTag int) {
	startTag, endTag = -1, -1
	if a.years == 0 {
		if a.undated > 0 {
			d.Precision = PrecisionUndated
		}
		return d, startTag, endTag
	}
	var startUnit, endUnit dateUnit
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
		case coarse >= unitDecade:
			d.Precision = unitPrecision(coarse)
		case startCirca || endCirca:
			d.Precision = PrecisionCirca
		default:
			d.Precision = PrecisionRange
		}
	}
	return d, startTag, endTag
}

func unitPrecision(u dateUnit) DatePrecision {
	switch u {
	case unitDay:
		return PrecisionDay
	case unitMonth:
		return PrecisionMonth
	case unitDecade:
		return PrecisionDecade
	case unitCentury:
		return PrecisionCentury
	case unitMillennium:
		return PrecisionMillennium
	}
	return PrecisionYear
}

// Tokens.

type tokKind uint8

const (
	tkEnd tokKind = iota
	tkNum
	tkWord
	tkDash
	tkSlash
	tkComma
	tkDot
	tkSemi
	tkColon
	tkQuest
	tkOpen
	tkClose
	tkApos
	tkAmp
	tkPlus
	tkCopyright // ©
	tkOther
)

type token struct {
	kind       tokKind
	w          wordID // a word's id, wordNone for others and unknown words
	glued      bool   // no space between this token and the one before
	ndig       uint8  // digits of a number (leading zeros count)
	start, end uint8  // bytes of the token in the text
	val        int32  // value of a number of at most 9 digits
}

const (
	// maxDateBytes bounds the texts parsed: a longer one is prose, not a date.
	maxDateBytes = 255
	maxTokens    = 48
)

type dateParser struct {
	s []byte
	t [maxTokens + 1]token
	n int
}

// lex splits s into tokens; false when s is too long or has too many.
func (p *dateParser) lex(s []byte) bool {
	if len(s) > maxDateBytes {
		return false
	}
	p.s, p.n = s, 0
	glued := false
	emit := func(k tokKind, i, j int) bool {
		if p.n == maxTokens {
			return false
		}
		p.t[p.n] = token{kind: k, glued: glued, start: uint8(i), end: uint8(j)}
		p.n++
		glued = true
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			glued = false
			continue
		case c >= '0' && c <= '9':
			j, v := i, int32(0)
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if j-i < 9 {
					v = v*10 + int32(s[j]-'0')
				}
				j++
			}
			if !emit(tkNum, i, j) {
				return false
			}
			t := &p.t[p.n-1]
			t.val, t.ndig = v, uint8(min(j-i, 255))
			i = j
			continue
		case c >= 0x80:
			if k, size := specialRune(s[i:]); size > 0 {
				if k == tkEnd { // a space-like rune
					glued = false
				} else if !emit(k, i, i+size) {
					return false
				}
				i += size
				continue
			}
			fallthrough
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && isWordByte(s, j) {
				j++
			}
			if !emit(tkWord, i, j) {
				return false
			}
			p.t[p.n-1].w = lookupWord(s[i:j])
			i = j
			continue
		}
		var k tokKind
		switch c {
		case '-':
			k = tkDash
		case '/':
			k = tkSlash
		case ',':
			k = tkComma
		case '.':
			k = tkDot
		case ';':
			k = tkSemi
		case ':':
			k = tkColon
		case '?':
			k = tkQuest
		case '(', '[', '{':
			k = tkOpen
		case ')', ']', '}':
			k = tkClose
		case '\'', '`':
			k = tkApos
		case '&':
			k = tkAmp
		case '+':
			k = tkPlus
		default:
			k = tkOther
		}
		if !emit(k, i, i+1) {
			return false
		}
		i++
	}
	p.t[p.n] = token{kind: tkEnd, start: uint8(len(s)), end: uint8(len(s))}
	return true
}

// specialRune recognises the multi-byte punctuation dates use: dashes,
// curly apostrophes, ©, and spaces (reported as tkEnd). size is 0 for any
// other rune, which counts as a letter.
func specialRune(s []byte) (tokKind, int) {
	if len(s) >= 2 && s[0] == 0xC2 {
		switch s[1] {
		case 0xA0: // no-break space
			return tkEnd, 2
		case 0xA9:
			return tkCopyright, 2
		}
	}
	if len(s) >= 3 && s[0] == 0xE2 {
		switch {
		case s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x95: // ‐ ‑ ‒ – — ―
			return tkDash, 3
		case s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99): // ‘ ’
			return tkApos, 3
		case s[1] == 0x88 && s[2] == 0x92: // −
			return tkDash, 3
		case s[1] == 0x80 && (s[2] >= 0x80 && s[2] <= 0x8B || s[2] == 0xAF): // en/em/thin spaces
			return tkEnd, 3
		}
	}
	return tkEnd, 0
}

func isWordByte(s []byte, j int) bool {
	c := s[j]
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return true
	}
	if c < 0x80 {
		return false
	}
	if c >= 0xC0 { // the start of a rune: a letter unless it is punctuation we know
		_, size := specialRune(s[j:])
		return size == 0
	}
	return true // continuation byte of a letter
}

// Words. The lexer looks every word up once, so the parser compares small
// integers; the vocabulary is every word the grammar knows, in lower case.

type wordID uint8

const (
	wordNone wordID = iota
	wJanuary
	wFebruary
	wMarch
	wApril
	wMay
	wJune
	wJuly
	wAugust
	wSeptember
	wOctober
	wNovember
	wDecember
	wJan
	wFeb
	wMar
	wApr
	wMayAbbr // "may" is the full name; kept so that the abbreviations line up
	wJun
	wJul
	wAug
	wSep
	wOct
	wNov
	wDec
	wSept
	wFirst
	wSecond
	wThird
	wFourth
	wFifth
	wSixth
	wSeventh
	wEighth
	wNinth
	wTenth
	wEleventh
	wTwelfth
	wThirteenth
	wFourteenth
	wFifteenth
	wSixteenth
	wSeventeenth
	wEighteenth
	wNineteenth
	wTwentieth
	wTwenty
	wCast
	wPrinted
	wReprinted
	wPublished
	wIssued
	wReissued
	wBegun
	wCompleted
	wFinished
	wMade
	wCreated
	wExecuted
	wPainted
	wCarved
	wDrawn
	wEngraved
	wEtched
	wModeled
	wModelled
	wDesigned
	wManufactured
	wBuilt
	wProduced
	wPhotographed
	wDated
	wWritten
	wCompiled
	wCollected
	wCopyright
	wCopyrighted
	wStruck
	wRestruck
	wMinted
	wWoven
	wAssembled
	wRecorded
	wAbout
	wAbt
	wAfter
	wAnd
	wApprox
	wApproximately
	wAround
	wAutumn
	wBefore
	wBeginning
	wBetween
	wBy
	wC
	wCa
	wCca
	wCent
	wCenturies
	wCentury
	wCirca
	wCop
	wD
	wDate
	wEarlier
	wEarly
	wEnd
	wEst
	wFall
	wFrom
	wHalf
	wLast
	wLate
	wLater
	wLikely
	wMaybe
	wMid
	wMiddle
	wMillenium
	wMillennia
	wMillennium
	wN
	wNd
	wNo
	wNot
	wOf
	wOnward
	wOnwards
	wOr
	wP
	wPerhaps
	wPoss
	wPossibly
	wPost
	wPre
	wPresumably
	wProb
	wProbably
	wQuarter
	wRd
	wS
	wSince
	wSpring
	wSt
	wSummer
	wT
	wTh
	wThe
	wThrough
	wThru
	wTill
	wTo
	wUndated
	wUndetermined
	wUnknown
	wUntil
	wUuuu
	wWinter
	wZ
	numWords
)

var dateWordNames = [numWords]string{
	wJanuary:       "january",
	wFebruary:      "february",
	wMarch:         "march",
	wApril:         "april",
	wMay:           "may",
	wJune:          "june",
	wJuly:          "july",
	wAugust:        "august",
	wSeptember:     "september",
	wOctober:       "october",
	wNovember:      "november",
	wDecember:      "december",
	wJan:           "jan",
	wFeb:           "feb",
	wMar:           "mar",
	wApr:           "apr",
	wJun:           "jun",
	wJul:           "jul",
	wAug:           "aug",
	wSep:           "sep",
	wOct:           "oct",
	wNov:           "nov",
	wDec:           "dec",
	wSept:          "sept",
	wFirst:         "first",
	wSecond:        "second",
	wThird:         "third",
	wFourth:        "fourth",
	wFifth:         "fifth",
	wSixth:         "sixth",
	wSeventh:       "seventh",
	wEighth:        "eighth",
	wNinth:         "ninth",
	wTenth:         "tenth",
	wEleventh:      "eleventh",
	wTwelfth:       "twelfth",
	wThirteenth:    "thirteenth",
	wFourteenth:    "fourteenth",
	wFifteenth:     "fifteenth",
	wSixteenth:     "sixteenth",
	wSeventeenth:   "seventeenth",
	wEighteenth:    "eighteenth",
	wNineteenth:    "nineteenth",
	wTwentieth:     "twentieth",
	wTwenty:        "twenty",
	wCast:          "cast",
	wPrinted:       "printed",
	wReprinted:     "reprinted",
	wPublished:     "published",
	wIssued:        "issued",
	wReissued:      "reissued",
	wBegun:         "begun",
	wCompleted:     "completed",
	wFinished:      "finished",
	wMade:          "made",
	wCreated:       "created",
	wExecuted:      "executed",
	wPainted:       "painted",
	wCarved:        "carved",
	wDrawn:         "drawn",
	wEngraved:      "engraved",
	wEtched:        "etched",
	wModeled:       "modeled",
	wModelled:      "modelled",
	wDesigned:      "designed",
	wManufactured:  "manufactured",
	wBuilt:         "built",
	wProduced:      "produced",
	wPhotographed:  "photographed",
	wDated:         "dated",
	wWritten:       "written",
	wCompiled:      "compiled",
	wCollected:     "collected",
	wCopyright:     "copyright",
	wCopyrighted:   "copyrighted",
	wStruck:        "struck",
	wRestruck:      "restruck",
	wMinted:        "minted",
	wWoven:         "woven",
	wAssembled:     "assembled",
	wRecorded:      "recorded",
	wAbout:         "about",
	wAbt:           "abt",
	wAfter:         "after",
	wAnd:           "and",
	wApprox:        "approx",
	wApproximately: "approximately",
	wAround:        "around",
	wAutumn:        "autumn",
	wBefore:        "before",
	wBeginning:     "beginning",
	wBetween:       "between",
	wBy:            "by",
	wC:             "c",
	wCa:            "ca",
	wCca:           "cca",
	wCent:          "cent",
	wCenturies:     "centuries",
	wCentury:       "century",
	wCirca:         "circa",
	wCop:           "cop",
	wD:             "d",
	wDate:          "date",
	wEarlier:       "earlier",
	wEarly:         "early",
	wEnd:           "end",
	wEst:           "est",
	wFall:          "fall",
	wFrom:          "from",
	wHalf:          "half",
	wLast:          "last",
	wLate:          "late",
	wLater:         "later",
	wLikely:        "likely",
	wMaybe:         "maybe",
	wMid:           "mid",
	wMiddle:        "middle",
	wMillenium:     "millenium",
	wMillennia:     "millennia",
	wMillennium:    "millennium",
	wN:             "n",
	wNd:            "nd",
	wNo:            "no",
	wNot:           "not",
	wOf:            "of",
	wOnward:        "onward",
	wOnwards:       "onwards",
	wOr:            "or",
	wP:             "p",
	wPerhaps:       "perhaps",
	wPoss:          "poss",
	wPossibly:      "possibly",
	wPost:          "post",
	wPre:           "pre",
	wPresumably:    "presumably",
	wProb:          "prob",
	wProbably:      "probably",
	wQuarter:       "quarter",
	wRd:            "rd",
	wS:             "s",
	wSince:         "since",
	wSpring:        "spring",
	wSt:            "st",
	wSummer:        "summer",
	wT:             "t",
	wTh:            "th",
	wThe:           "the",
	wThrough:       "through",
	wThru:          "thru",
	wTill:          "till",
	wTo:            "to",
	wUndated:       "undated",
	wUndetermined:  "undetermined",
	wUnknown:       "unknown",
	wUntil:         "until",
	wUuuu:          "uuuu",
	wWinter:        "winter",
	wZ:             "z",
}

// dateWords maps a lower-case word to its id (built once from dateWordNames).
var dateWords = func() map[string]wordID {
	m := make(map[string]wordID, numWords)
	for id, w := range dateWordNames {
		if w != "" {
			m[w] = wordID(id)
		}
	}
	return m
}()

// lookupWord returns the id of w, ignoring ASCII case; wordNone when the
// grammar does not know it.
func lookupWord(w []byte) wordID {
	var lower [16]byte
	if len(w) > len(lower) {
		return wordNone
	}
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return dateWords[string(lower[:len(w)])]
}

// Token helpers.

func (p *dateParser) kind(i int) tokKind { return p.t[i].kind }

func (p *dateParser) word(i int) []byte {
	t := p.t[i]
	if t.kind != tkWord {
		return nil
	}
	return p.s[t.start:t.end]
}

// is reports whether token i is the word w.
func (p *dateParser) is(i int, w wordID) bool { return p.t[i].w == w }

// oneOf reports whether token i is one of words.
func (p *dateParser) oneOf(i int, words ...wordID) bool {
	w := p.t[i].w
	if w == wordNone {
		return false
	}
	for _, x := range words {
		if w == x {
			return true
		}
	}
	return false
}

// foldEq compares b with the lower-case ASCII string w, ignoring ASCII case.
func foldEq(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// num returns the number at i with at most maxDig digits, or -1.
func (p *dateParser) num(i int, minDig, maxDig int) int {
	t := p.t[i]
	if t.kind != tkNum || int(t.ndig) < minDig || int(t.ndig) > maxDig {
		return -1
	}
	return int(t.val)
}

// glued reports whether token i is of kind k and written right after the one before.
func (p *dateParser) glued(i int, k tokKind) bool { return p.t[i].kind == k && p.t[i].glued }

// skipDot skips a "." after an abbreviation.
func (p *dateParser) skipDot(i int) int {
	if p.kind(i) == tkDot {
		return i + 1
	}
	return i
}

// Statements: the whole text is a list of dates and notes.

func (p *dateParser) parse(s []byte, acc *dateAcc) bool {
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
func (p *dateParser) list(i int, acc *dateAcc, closer tokKind) (int, bool) {
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
func (p *dateParser) group(i int, acc *dateAcc) (int, bool) {
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
	var inner dateAcc
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
	inner = dateAcc{}
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

func (p *dateParser) expr(i int, acc *dateAcc) (int, bool) {
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
				b := pt{kind: ptYear, y: y, month: a.month, day: d, unit: unitDay, ndig: int(p.t[k].ndig)}
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
	unit       dateUnit
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
	return a.kind == ptYear && a.unit == unitYear || a.kind == ptOrdinal || a.kind == ptPartial && a.ordinal
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
			q.kind, q.unit = ptHundreds, unitCentury
		} else {
			q.kind, q.unit = ptDecade, unitDecade
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
		q.unit = [...]dateUnit{unitYear, unitDecade, unitCentury, unitMillennium}[unknown]
		return q, next + 1, true
	case nd == 3 && p.glued(next, tkDash) && p.ends(next+1):
		q.kind, q.y, q.unit, q.ndig = ptDecade, n*10, unitDecade, 4 // AACR2 [185-?]: the 1850s
		return q, next + 1, true
	case nd == 2 && p.glued(next, tkDash) && p.glued(next+1, tkDash):
		q.kind, q.y, q.unit = ptHundreds, n*100, unitCentury // AACR2 [18--]: the 1800s
		return q, next + 2, true
	}
	// Thousands written with a comma (10,000 BC) need an era.
	if nd <= 3 && p.glued(next, tkComma) && p.glued(next+1, tkNum) && p.t[next+1].ndig == 3 && p.era(next+2) != 0 {
		q.kind, q.y, q.unit, q.ndig = ptYear, n*1000+int(p.t[next+1].val), unitYear, 4
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
		q.kind, q.y, q.month, q.day, q.unit = ptYear, y, m, d, unitDay
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
			q.kind, q.y, q.month, q.day, q.unit, q.ndig = ptYear, y, m, d, unitDay, 4
			return q, p.skipTime(next + 4), true
		}
		if sep == tkSlash && p.t[next+1].ndig == 4 && n >= 1 && n <= 12 {
			q.kind, q.y, q.month, q.unit, q.ndig = ptYear, b, n, unitMonth, 4 // 6/1934
			return q, next + 2, true
		}
		return q, i, false
	case (q.era != 0 || p.era(next) != 0) && n >= 1: // 79 AD, A.D. 79
		q.kind, q.y, q.unit, q.ndig, q.bare = ptYear, n, unitYear, nd, false
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
	q.kind, q.y, q.unit, q.ndig = ptYear, y, unitYear, int(p.t[i].ndig)
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
				q.month, q.day, q.unit = m, d, unitDay
				return q, p.skipTime(next + 4), true
			}
			// 1934-06 is June 1934; 1910-11 is 1910 to 1911 (see pointAfter).
			if sep == tkDash && m >= 1 && m <= 12 && (p.s[p.t[next+1].start] == '0' || 100*(y/100)+m < y) && !p.glued(next+2, tkNum) {
				q.month, q.unit = m, unitMonth
				return q, next + 2, true
			}
		}
	}
	// Archival order: 1934 June 15, 1934 Jun, 1950 Spring.
	if m, j := p.monthAfter(next); m > 0 {
		q.month, q.unit = m, unitMonth
		if d := p.num(j, 1, 2); d >= 1 && !p.glued(j+1, tkSlash) && !p.glued(j+1, tkDash) {
			if !validDay(y, m, d) {
				return q, i, false
			}
			q.day, q.unit = d, unitDay
			return q, j + 1, true
		}
		return q, j, true
	}
	if p.season(next) {
		q.unit = unitMonth
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
		q.kind, q.y, q.month, q.day, q.unit, q.ndig = ptYear, y, m, d, unitDay, 4
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
			q.kind, q.y, q.month, q.unit, q.ndig = ptYear, y, m, unitMonth, int(p.t[k].ndig)
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
			q.kind, q.y, q.unit, q.ndig = ptYear, y, unitMonth, int(p.t[k].ndig)
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
		q.kind, q.y, q.month, q.day, q.unit, q.ndig = ptYear, y, m, d, unitDay, 4
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
		q.kind, q.unit = ptOrdinal, unitCentury
		return q, p.skipDot(k + 1), true
	case p.is(k, wC) && p.kind(k+1) == tkDot:
		q.kind, q.unit = ptOrdinal, unitCentury
		return q, k + 2, true
	case p.oneOf(k, wMillennium, wMillennia, wMillenium):
		q.kind, q.unit = ptOrdinal, unitMillennium
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

// Ranges and their resolution.

// addPoint adds a single point as a closed date.
func (p *dateParser) addPoint(acc *dateAcc, a pt) bool {
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
func (p *dateParser) addOpen(acc *dateAcc, a pt, openEnd bool) bool {
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
func (p *dateParser) addRange(acc *dateAcc, a, b pt) bool {
	switch {
	case b.kind == ptPartial && b.hasSmall && a.kind == ptYear && a.bare && a.ndig == 4:
		b.kind, b.y, b.unit = ptYear, b.small, unitYear // 1818-30, 1879-80
	case a.kind == ptPartial && a.ordinal:
		if b.kind != ptOrdinal {
			return false
		}
		a.kind, a.unit = ptOrdinal, b.unit // 15th-17th century
	case a.kind == ptPartial && b.kind == ptYear && b.unit <= unitMonth:
		switch {
		case a.hasSmall && b.unit == unitDay: // 15-17 June 1934
			if a.small < 1 || a.small > 31 {
				return false
			}
			a.day, a.month = a.small, b.month
		case a.month == 0:
			return false
		}
		a.kind, a.y, a.ndig, a.bare = ptYear, b.y, b.ndig, false
		a.unit = unitMonth
		if a.month == 13 { // a season
			a.month = 0
		}
		if a.day > 0 {
			a.unit = unitDay
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
func addClosed(acc *dateAcc, a, b pt, lo, hi int, loUnit, hiUnit dateUnit) bool {
	s := stmt{loUnit: loUnit, hiUnit: hiUnit}
	if a.circa && loUnit <= unitYear {
		lo -= CircaYears
		s.loCirca = true
	}
	if b.circa && hiUnit <= unitYear {
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
func (a pt) years(e int8) (lo, hi int, unit dateUnit, ok bool) {
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
		if a.unit == unitMillennium {
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
