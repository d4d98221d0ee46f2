package roles

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// DateRole says what a freetext date is to the object.
type DateRole string

// The date roles. Only Own dates give objects.year_start/year_end and only
// Later dates give later_year_start/later_year_end; the others never extend
// them.
const (
	Own       DateRole = "own"       // production, publication, or (specimens) collection
	Later     DateRole = "later"     // a later cast, print, impression or edition
	SubjectOf DateRole = "subject"   // a subject period of a library record (LCSH chronological heading)
	Coverage  DateRole = "coverage"  // the span the content covers ("To 1901")
	Lifespan  DateRole = "lifespan"  // a person's life
	Accession DateRole = "accession" // when the museum acquired it
	Modified  DateRole = "modified"  // when the record was last changed
	Use       DateRole = "used"      // when the object was used (NMAH "used date")
	OtherDate DateRole = "other"     // a date whose role the label does not say
)

// DateLabel returns the role of a content.freetext.date label of the unit,
// case-insensitively. Date, Date made, Date created, Creation Date,
// Collection Date, Date Range, Start Date and End Date (FBR), Period (FSG:
// the era of the work, "Edo period") are Own; Accession Date is Accession;
// used date is Use; Record Last Modified is Modified; lifespan labels are
// Lifespan. A label it does not know goes through a keyword rule (made,
// created, produced, published, printed, collected -> Own; cast, printed
// later, impression -> Later; accession -> Accession; modified -> Modified)
// and else to OtherDate. A library's own and subject dates share the label
// Date: DateRoles separates them by position and form.
func DateLabel(unit, label string) DateRole {
	l := normLabel(label)
	switch l {
	case "date", "date made", "date created", "creation date", "collection date", "date range", "start date",
		"end date", "period", "date of publication", "publication date", "production date", "date collected":
		return Own
	case "accession date", "date accessioned":
		return Accession
	case "used date", "date used":
		return Use
	case "record last modified", "last modified", "modified":
		return Modified
	case "life dates", "lifespan", "dates", "birth date", "death date":
		return Lifespan
	case "cast date", "date cast", "printed", "print date", "impression date":
		return Later
	}
	switch {
	case strings.Contains(l, "accession"):
		return Accession
	case strings.Contains(l, "modified"):
		return Modified
	case strings.Contains(l, "cast") || strings.Contains(l, "impression") || strings.Contains(l, "reprint") || strings.Contains(l, "later"):
		return Later
	case strings.Contains(l, "made") || strings.Contains(l, "creat") || strings.Contains(l, "produc") ||
		strings.Contains(l, "publi") || strings.Contains(l, "collect") || strings.Contains(l, "execut"):
		return Own
	case strings.Contains(l, "subject") || strings.Contains(l, "coverage"):
		return SubjectOf
	case strings.Contains(l, "birth") || strings.Contains(l, "death") || strings.Contains(l, "life"):
		return Lifespan
	}
	return OtherDate
}

// coverageRe is a library coverage date, "To 1901" (LCSH "--To 1901").
var coverageRe = regexp.MustCompile(`(?i)^to\s+\d{3,4}\b`)

// firstYearRe is the first year of a date, including MARC forms with
// unknown digits ("185u", "19uu") and bracketed cataloguer dates ("[185-?]").
var firstYearRe = regexp.MustCompile(`\d{4}|\d{3}[u\-?]|\d{2}uu`)

// DateRoles returns the role of each content.freetext.date row of one
// record, in order (labels[i] with texts[i]). It is DateLabel, refined by
// what only the whole list shows:
//
//   - "To 1901" is Coverage in any unit.
//   - SIL gives every date the label Date: the first is the publication
//     date (Own), and a later one is Own only when it restates it (a
//     bracketed or copyright form, "[1909?-1912?]", "C1921", or a span that
//     starts in the same year, "1783-1840" after "1783"); the others are
//     subject periods from the subject headings (SubjectOf: "1920-1930"
//     after "1921"), and so is everything after a coverage date.
//
// Evidence: siris_sil_978482 (1921, C1921, 1920-1930: sheet music of 1921),
// siris_sil_980173 (185u, [185-?], To 1901, 1850-1860), siris_sil_334064
// (1909, [1909?-1912?]), siris_sil_120679 (1783, 1783-1840).
func DateRoles(unit string, labels, texts []string) []DateRole {
	return AppendDateRoles(make([]DateRole, 0, len(texts)), unit, labels, texts)
}

// AppendDateRoles is DateRoles appending the roles to dst, for a caller
// that reuses its slice from record to record.
func AppendDateRoles(dst []DateRole, unit string, labels, texts []string) []DateRole {
	n := len(dst)
	dst = append(dst, make([]DateRole, len(texts))...)
	out := dst[n:]
	firstOwn := ""
	afterCoverage := false
	for i, t := range texts {
		label := ""
		if i < len(labels) {
			label = labels[i]
		}
		r := DateLabel(unit, label)
		tt := strings.TrimSpace(t)
		switch {
		case coverageRe.MatchString(tt):
			r = Coverage
			afterCoverage = true
		case unit == "SIL" && r == Own:
			switch {
			case afterCoverage:
				r = SubjectOf
			case firstOwn == "":
				firstOwn = tt
			case restates(firstOwn, tt):
			default:
				r = SubjectOf
			}
		}
		out[i] = r
	}
	return dst
}

// restates reports whether a later SIL date is a form of the first one.
func restates(first, later string) bool {
	if strings.HasPrefix(later, "[") || strings.HasPrefix(later, "C") || strings.HasPrefix(later, "c") ||
		strings.HasPrefix(later, "p") { // [1909?-1912?], C1921 (copyright), p1921 (phonogram)
		return true
	}
	a, b := firstYearRe.FindString(first), firstYearRe.FindString(later)
	if a == "" || b == "" {
		return false
	}
	// Compare only the digits both forms state: "185u" and "1850-1860"
	// share "185" but a subject decade is never a restatement in the
	// sample, so require the full first year of both.
	return a == b
}

// laterRe finds where a later cast, print or edition begins in a date:
// "1840-1845, cast 1951-1962", "(1876-1878/cast after 1902)", "1879-80
// (printed 1919-20 from cancelled plate)", "1935, printed 1970".
var laterRe = regexp.MustCompile(`(?i)[,;/(]\s*(cast|printed|print|impression|reprinted|edition|restrike|struck|issued|published)\b`)

// SplitLater splits a date into the object's own date and a later cast,
// print, impression or edition: "1840-1845, cast 1951-1962" gives
// "1840-1845" and "cast 1951-1962"; "(1886-1895/cast 1895-1904)" (HMSG
// wraps the whole date in parentheses, which are removed first) gives
// "1886-1895" and "cast 1895-1904"; "1879-80 (printed 1919-20 from
// cancelled plate)" gives "1879-80" and "printed 1919-20": the later part
// keeps its keyword and date and ends at the date. "begun c. 1910; completed c. 1925" is one making, not a later
// part. A date without a later part is returned whole (without HMSG's
// outer parentheses) with later "".
func SplitLater(text string) (own, later string) {
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && strings.Count(t, "(") == 1 {
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	m := laterRe.FindStringSubmatchIndex(t)
	if m == nil {
		return t, ""
	}
	own = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[:m[0]]), ",;/"))
	later = strings.TrimSpace(strings.TrimRight(t[m[2]:], ")"))
	if own == "" {
		return t, ""
	}
	// Words after the later date describe the printing, not its date
	// ("printed 1919-20 from cancelled plate"): end at the word holding the
	// last digit, so that the later part reads as a date.
	if i := strings.LastIndexAny(later, "0123456789"); i >= 0 {
		if j := strings.IndexAny(later[i:], " \t"); j > 0 {
			later = strings.TrimRight(later[:i+j], ",;:")
		}
	}
	return own, later
}

// uncertainRe finds the words and marks of an uncertain date.
var uncertainRe = regexp.MustCompile(`(?i)(^|[\s(\[,;-])(c\.|ca\.?|circa|about|approx\.?|approximately|possibly|probably|perhaps|likely|\(inferred\)|inferred)(\s|\d|$)|\?|\[[^\]]*\d[^\]]*\]|\d\s+or\s+\d|(?i:between)\s+\S+\s+and\s|\d{2}uu|\d{3}u|^c\d{4}`)

// Uncertain reports whether a date says it is uncertain: c., ca., circa,
// about, possibly, probably, (inferred), a question mark, a bracketed date
// supplied by the cataloguer ("[1921]", "[185-?]"), alternatives joined by
// "or" ("1850 or 1851"), an estimated range ("Between 1920 and 1940",
// acm_1991.0064.0009: the cataloguers' form of an estimate), MARC unknown
// digits ("185u"). A copyright date ("C1921") is a stated date, not a
// circa: it is certain. Only pass the object's date: the "ca." in an
// artist's life text (saam_1982.80.4) says nothing about the object.
func Uncertain(text string) bool {
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "C1") || strings.HasPrefix(t, "C2") {
		t = t[1:]
	}
	return mayBeUncertain(t) && uncertainRe.MatchString(t)
}

// uncertainWords are the starts of the words of uncertainRe other than
// c., ca., circa (a "c" is enough for them), the "or" of "1850 or
// 1851" and the "between" of "between 1920 and 1940", lower case.
var uncertainWords = [...]string{"abo", "app", "pos", "pro", "per", "lik", "inf", "or", "bet"}

// mayBeUncertain is false only when uncertainRe cannot match t, and is
// cheap: most dates ("2 May 1952", "Jun 1952 to Jul 1952", "1920s") have
// none of what every alternative of the regexp needs, a "?", a "[", a
// "c", a digit followed by "u", or the start of one of its words, in
// either case. Any byte outside ASCII sends t to the regexp, whose case
// folding maps some non-ASCII letters to ASCII ones (the Kelvin sign to
// k, long s to s).
func mayBeUncertain(t string) bool {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= utf8.RuneSelf, c == '?', c == '[', c == 'c', c == 'C':
			return true
		case '0' <= c && c <= '9':
			if i+1 < len(t) && (t[i+1] == 'u' || t[i+1] == 'U') {
				return true
			}
		case 'a' <= c|0x20 && c|0x20 <= 'z':
			for _, w := range uncertainWords {
				if hasFoldPrefix(t[i:], w) {
					return true
				}
			}
		}
	}
	return false
}

// hasFoldPrefix reports whether s starts with the lower-case ASCII word w,
// in any case.
func hasFoldPrefix(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[j] {
			return false
		}
	}
	return true
}

// BucketsDescribeObject reports whether a unit's indexedStructured.date
// decade buckets may stand for the object's own date when the record has
// no usable freetext date. False where the buckets can be something else:
// SAAM (the artist's lifespan for an undated work, saam_1952.13.116: n.d.,
// 1860s and 1920s for Frank Edwin Scott, 1863-1929), NPG (a later printing,
// npg_NPG.2019.86: 1879-80 printed 1919-20 gives 1870s and 1920s), FSG (the
// period, fsg_F1900.47: 1847 and Edo period give 1610s-1860s), SIL (subject
// periods, siris_sil_841803: 19uu and 2016 give every decade 1900s-2010s),
// NMNHANTHRO (the accession date, nmnhanthropology_8430767: Accession Date
// 15 Aug 1964 gives 1960s), and units not studied. True for the units whose
// buckets follow the object's own date in every sample record (doc.go).
func BucketsDescribeObject(unit string) bool {
	switch unit {
	case "ACM", "AAA", "CHNDM", "FBR", "HMSG", "NASM", "NMAAHC", "NMAfA", "NMAH", "NMAI", "SIA",
		"NMNHBIRDS", "NMNHBOTANY", "NMNHEDUCATION", "NMNHENTO", "NMNHFISHES", "NMNHHERPS",
		"NMNHINV", "NMNHMAMMALS", "NMNHMINSCI", "NMNHPALEO":
		return true
	}
	return false
}

// Undated reports whether a date says the object has no date at all
// ("n.d.", "undated", "no date", "date unknown"): such a record gets null
// years even where decade buckets exist. A date that also gives years
// ("1969, undated", "1797-1988 and undated") is not undated.
func Undated(text string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(text), "[]() ")) {
	case "n.d.", "n.d", "nd", "undated", "no date", "date unknown", "unknown", "unknown date", "s.d.":
		return true
	}
	return false
}
