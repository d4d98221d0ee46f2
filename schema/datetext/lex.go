package datetext

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
