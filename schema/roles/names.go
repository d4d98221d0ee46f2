package roles

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NameClass is the role class of a name in a record: who the name is to the
// object. The values are the role_class column of the names table.
type NameClass string

// The name classes. See doc.go for the label tables that produce them.
const (
	Maker       NameClass = "maker"       // made the object: artist, author, manufacturer
	Contributor NameClass = "contributor" // took part: editor, performer, specimen collector, artist of a copied original
	Subject     NameClass = "subject"     // the object is about or was used by: sitter, subject heading, astronaut
	Provenance  NameClass = "provenance"  // owned or gave it: donor, previous owner, seller
	Former      NameClass = "former"      // a rejected or alternative attribution or identification
	Publisher   NameClass = "publisher"   // published or issued it
	OtherName   NameClass = "other"       // a name whose role the label does not say
)

// notNameLabels are freetext.name labels whose content is not a person or
// body (an elevation, a region, a culture, a title): they stay in freetext
// and never become names rows. Keys are lower case.
var notNameLabels = map[string]bool{
	"min. elevation":           true,
	"max. elevation":           true,
	"biogeographical region":   true,
	"microhabitat description": true,
	"expedition":               true,
	"ocean/sea/gulf":           true,
	"river basin":              true,
	"culture/people":           true,
	"region":                   true,
	"discipline":               true,
	"uniform title":            true,
	"alternate title":          true,
}

// nameLabels maps every freetext.name label of the sample (lower case) to
// its class. Unit-dependent labels (Collector) are handled in NameLabel.
var nameLabels = map[string]NameClass{
	"artist":                 Maker,
	"maker":                  Maker,
	"creator":                Maker,
	"created by":             Maker,
	"manufacturer":           Maker,
	"author":                 Maker,
	"artist/maker":           Maker,
	"attributed to":          Maker,
	"attribution":            Maker,
	"possibly":               Maker, // NPG: a possible maker is still the attributed maker
	"begun by":               Maker,
	"finished by":            Maker,
	"studio":                 Maker,
	"lithographer":           Maker,
	"photographer":           Maker,
	"contractor":             Maker, // NASM: the firm that built it
	"copy after":             Contributor,
	"cast after":             Contributor, // the artist of the original the cast copies
	"editor":                 Contributor,
	"writer of foreword":     Contributor,
	"writer of introduction": Contributor,
	"writer of afterword":    Contributor,
	"performer":              Contributor,
	"associated person":      Contributor,
	"commissioner":           Contributor,
	"subject":                Subject,
	"sitter":                 Subject,
	"astronaut":              Subject,
	"pilot":                  Subject,
	"used by":                Subject,
	"referenced":             Subject, // NMAH: the person a campaign item names (Stevenson, Adlai)
	"donor":                  Provenance,
	"donor name":             Provenance,
	"previous owner":         Provenance,
	"former owner":           Provenance,
	"seller":                 Provenance,
	"previous seller":        Provenance,
	"former attribution":     Former,
	"formerly attributed to": Former,
	"formerly identified as": Former,
	"other attribution":      Former,
	"possible collector":     Former,
	"publisher":              Publisher,
	"issuing body":           Publisher,
	"publication":            Publisher,
}

// NameLabel returns the class of a content.freetext.name label of the unit,
// and false when the label does not introduce a name at all (Min. Elevation,
// Culture/People, Uniform title, ...): such rows stay in freetext only.
// Labels are matched case-insensitively. "Collector" depends on the unit: the
// person who collected a natural-history specimen (NMNH* units) is a
// contributor, the collector who owned an art or ethnographic object
// (NMAI, SIL) is provenance. RecordNames refines the class with what the
// rest of the record says (archives). A label the tables do not know goes through a keyword
// rule (KeywordClass), so an unseen label is never dropped.
func NameLabel(unit, label string) (NameClass, bool) {
	l := normLabel(label)
	if notNameLabels[l] {
		return "", false
	}
	if l == "collector" {
		if isNaturalHistory(unit) {
			return Contributor, true // who collected the specimen
		}
		return Provenance, true
	}
	if c, ok := nameLabels[l]; ok {
		return c, true
	}
	return KeywordClass(label), true
}

// nameKeywords is the keyword rule for unseen labels, tried in order: the
// first group with a keyword contained in the label wins. Former comes first
// because "Formerly attributed to" also contains a maker-like word.
var nameKeywords = []struct {
	class NameClass
	words []string
}{
	{Former, []string{"former attribution", "formerly", "other attribution", "rejected"}},
	{Provenance, []string{"donor", "owner", "seller", "dealer", "lender", "collection", "collector", "vendor", "gift", "bequest", "retailer", "purchaser"}},
	{Subject, []string{"subject", "sitter", "depicted", "portrayed", "referenced", "used by", "user", "wearer", "worn by", "recipient"}},
	{Publisher, []string{"publisher", "published", "issuing", "distributor"}},
	{Contributor, []string{"editor", "translator", "contributor", "performer", "writer of", "after", "compiler", "associated", "commissioner", "narrator", "illustrator"}},
	{Maker, []string{"lyricist", "artist", "maker", "author", "creator", "created", "made by", "engraver", "painter", "sculptor",
		"photographer", "designer", "manufacturer", "printer", "lithographer", "composer", "architect", "weaver", "potter",
		"carver", "silversmith", "goldsmith", "jeweler", "draftsman", "draughtsman", "etcher", "illuminator", "calligrapher",
		"cartographer", "inventor", "builder", "factory", "workshop", "studio", "attributed", "attribution", "fabricator",
		"foundry", "founder", "modeler", "binder", "quilter", "embroiderer", "cabinetmaker", "furniture maker", "patentee"}},
}

// KeywordClass is the rule for a freetext.name label the tables do not
// know: a label containing a former/formerly word is Former; donor, owner,
// seller, dealer, lender, collection is Provenance; subject, sitter, depicted
// is Subject; publisher, published is Publisher; editor, translator,
// contributor, performer, lyricist is Contributor; artist, maker, author,
// creator, engraver, painter, sculptor, photographer, designer, manufacturer,
// printer, lithographer, composer, architect, weaver, potter, carver,
// silversmith (and the rest of the list in the source) is Maker; anything
// else is OtherName. The groups are tried in that order.
func KeywordClass(label string) NameClass {
	l := normLabel(label)
	for _, g := range nameKeywords {
		for _, w := range g.words {
			if strings.Contains(l, w) {
				return g.class
			}
		}
	}
	return OtherName
}

// IndexedNameType returns the class of an indexedStructured.name entry that
// has no freetext row with a role: `*_subj` types (personal_subj,
// corporate_subj, event_subj) are Subject; `*_main` types are Maker only in
// units whose main entry is the creator of a library or archive record (SIL,
// AAA, SIA, FBR); everything else, including plain-string entries (typ ""),
// is OtherName.
func IndexedNameType(unit, typ string) NameClass {
	t := strings.ToLower(strings.TrimSpace(typ))
	switch {
	case strings.HasSuffix(t, "_subj"):
		return Subject
	case strings.HasSuffix(t, "_main"):
		switch unit {
		case "SIL", "AAA", "SIA", "FBR":
			return Maker
		}
	}
	return OtherName
}

// relators maps MARC relator codes (lower case, plus the Smithsonian donor
// code DSI in upper case) and relator terms to a class.
// Source: https://www.loc.gov/marc/relators/relaterm.html
var relators = map[string]NameClass{
	// makers
	"aut": Maker, "author": Maker, "cmp": Maker, "composer": Maker, "art": Maker, "artist": Maker,
	"ill": Maker, "illustrator": Maker, "ltg": Maker, "lithographer": Maker, "egr": Maker, "engraver": Maker,
	"pht": Maker, "photographer": Maker, "arc": Maker, "architect": Maker, "cre": Maker, "creator": Maker,
	"prt": Maker, "printer": Maker, "etr": Maker, "etcher": Maker, "dsr": Maker, "designer": Maker,
	"drm": Maker, "draftsman": Maker, "cll": Maker, "calligrapher": Maker, "ctg": Maker, "cartographer": Maker,
	"mfr": Maker, "manufacturer": Maker, "scl": Maker, "sculptor": Maker, "pmn": Maker, "production manager": Maker,
	"ard": Maker, "artistic director": Maker, "wdc": Maker, "woodcutter": Maker, "wde": Maker, "wood engraver": Maker,
	"inv": Maker, "inventor": Maker, "bkd": Maker, "book designer": Maker, "cmt": Maker, "compositor": Maker,
	// contributors
	// A song's lyricist writes its words: RDA counts the lyricist among its
	// creators (siris_sil_978482, "poem by Harriet Gaylord ; music by Frank H. Grey").
	"lyr": Maker, "lyricist": Maker,
	"edt": Contributor, "editor": Contributor, "trl": Contributor,
	"translator": Contributor, "prf": Contributor, "performer": Contributor, "com": Contributor, "compiler": Contributor,
	"ctb": Contributor, "contributor": Contributor, "aui": Contributor, "author of introduction": Contributor,
	"aft": Contributor, "author of afterword": Contributor, "wpr": Contributor, "writer of preface": Contributor,
	"win": Contributor, "writer of introduction": Contributor, "wfw": Contributor, "writer of foreword": Contributor,
	"wat": Contributor, "writer of added text": Contributor, "arr": Contributor, "arranger": Contributor,
	"cnd": Contributor, "conductor": Contributor, "voc": Contributor, "singer": Contributor, "nrt": Contributor,
	"narrator": Contributor, "col": Contributor, "collector": Contributor, "ann": Contributor, "annotator": Contributor,
	"pat": Contributor, "patron": Contributor, "spn": Contributor, "sponsor": Contributor,
	// publishers
	"pbl": Publisher, "publisher": Publisher, "isb": Publisher, "issuing body": Publisher, "dst": Publisher, "distributor": Publisher,
	// provenance
	"fmo": Provenance, "former owner": Provenance, "own": Provenance, "owner": Provenance, "dnr": Provenance,
	"donor": Provenance, "DSI": Provenance, "dpt": Provenance, "depositor": Provenance, "sll": Provenance, "seller": Provenance,
	"bsl": Provenance, "bookseller": Provenance, "asn": Provenance, "associated name": Provenance,
	// subjects
	"sbj": Subject, "subject": Subject, "hnr": Subject, "honoree": Subject, "dpc": Subject, "depicted": Subject,
}

// RelatorClass returns the class of a MARC relator code (cmp, lyr, ltg, the
// Smithsonian donor code DSI) or relator term (composer, former owner), and
// false when it is not one. Codes are matched as given (MARC codes are lower
// case; DSI is upper case), terms case-insensitively.
func RelatorClass(relator string) (NameClass, bool) {
	r := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(relator), ".,"))
	if c, ok := relators[r]; ok {
		return c, true
	}
	if len(r) > 3 {
		c, ok := relators[normLabel(r)]
		return c, ok
	}
	return "", false
}

// isRelatorCode reports whether a trailing token of a name is a relator
// code: the known three-letter MARC codes in lower case, or DSI.
func isRelatorCode(tok string) bool {
	if tok == "DSI" {
		return true
	}
	if len(tok) == 3 && tok == strings.ToLower(tok) {
		_, ok := relators[tok]
		return ok
	}
	return false
}

// trailingTerms are relator terms that a library name may carry after the
// name with no comma (SIL indexed names: "西安碑林博物馆 editor").
var trailingTerms = []string{"editor", "author", "composer", "lyricist", "illustrator", "translator", "compiler", "publisher", "photographer", "lithographer", "engraver"}

// Name is a name's display form with what ParseName took out of it.
type Name struct {
	Display  string // the name without life dates, nationality, relator code or trailing punctuation
	Relator  string // the trailing MARC relator code or term as given ("cmp", "DSI", "editor"); "" when none
	Birth    int32  // birth year, valid when HasBirth
	Death    int32  // death year, valid when HasDeath
	HasBirth bool
	HasDeath bool
}

var (
	// yearRe finds a year: three or four digits not part of a longer number.
	yearRe = regexp.MustCompile(`\b(\d{3,4})\b`)
	// tailDatesRe is life dates at the end of an inverted-form name with no
	// comma before them: "Antes, Adam 1891-1984", "Laning, Edward 1906-",
	// "Katsushika Hokusai 葛飾北斎 (1760-1849)".
	tailDatesRe = regexp.MustCompile(`\s+\(?((?:b\.|born|d\.|died|active|fl\.|ca?\.|circa)?\s*\d{3,4}\??\s*(?:[-–—]\s*(?:ca?\.\s*)?(?:\d{3,4}\??)?)?)\s*\)?$`)
	// lifeStartRe is a comma segment that starts a life or biography part.
	// "b." and "d." are lower case only: "Harrison, B. F." has initials.
	lifeStartRe = regexp.MustCompile(`^(b\.\s|d\.\s*\d|(?i:born|died|active|fl\.|flourished|founded|established|ca?\.\s*\d|circa\s*\d)|\d{1,2}\s+[A-Za-z]{3}\s+\d{3,4}|\d{3,4})`)
	activeRe    = regexp.MustCompile(`(?i)^(active|fl\.|flourished|founded|established)\b`)
	diedRe      = regexp.MustCompile(`(^|[\s-–])(d\.|(?i:died))\s`)
	bornOnlyRe  = regexp.MustCompile(`^(b\.|(?i:born))\s`)
)

// nameSuffixes are comma segments that belong to the name itself.
var nameSuffixes = map[string]bool{"jr.": true, "jr": true, "sr.": true, "sr": true, "ii": true, "iii": true, "iv": true,
	"inc.": true, "inc": true, "co.": true, "ltd.": true, "ltd": true, "corp.": true, "llc": true, "esq.": true}

// qualifiers are nationality and culture words that museums put after a
// direct-form name ("Jules Dalou, French, b. Paris, 1838–1902"; NMAI
// "Cecil Morgan, Non-Indian, 1898-1999"). A heuristic list of the words the
// sample and common museum practice use; an unknown nationality is kept in
// the display form, never a reason to lose the name.
var qualifiers = map[string]bool{
	"american": true, "african american": true, "native american": true, "non-indian": true, "french": true,
	"german": true, "mexican": true, "japanese": true, "chinese": true, "korean": true, "british": true,
	"english": true, "scottish": true, "irish": true, "welsh": true, "italian": true, "spanish": true,
	"dutch": true, "flemish": true, "belgian": true, "swiss": true, "austrian": true, "russian": true,
	"polish": true, "czech": true, "hungarian": true, "swedish": true, "norwegian": true, "danish": true,
	"finnish": true, "greek": true, "canadian": true, "australian": true, "indian": true, "persian": true,
	"iranian": true, "turkish": true, "egyptian": true, "israeli": true, "brazilian": true, "argentine": true,
	"argentinian": true, "cuban": true, "puerto rican": true, "haitian": true, "jamaican": true, "nigerian": true,
	"ghanaian": true, "south african": true, "portuguese": true, "romanian": true, "ukrainian": true,
	"bohemian": true, "prussian": true, "venezuelan": true, "colombian": true, "chilean": true, "peruvian": true,
	"filipino": true, "vietnamese": true, "thai": true, "indonesian": true, "pakistani": true, "tibetan": true,
	"american-born": true, "german-american": true, "french-american": true, "japanese-american": true,
}

// corporateWords mark a corporate name, whose parenthetical dates are part
// of the name ("Entomological Society of Canada (1863-1871)"), not a lifespan.
var corporateWords = []string{"society", "company", "club", "congress", "library", "museum", "institution", "college",
	"university", "association", "council", "department", "inc", "corporation", "collection", "project", "expedition",
	"committee", "commission", "school", "academy", "gallery", "office", "bureau", "survey", "firm", "studio"}

// ParseName splits the display form of a name from its life dates,
// nationality and trailing relator code, in the forms the units use:
// inverted with dates ("Antes, Adam 1891-1984", "Bailey, Vernon, 1864-1942"),
// direct with a biography ("Jules Dalou, French, b. Paris, 1838–1902",
// "Albert Newsam, 20 May 1809 - 20 Nov 1864", "Ernest C. Peixotto, born San
// Francisco, CA 1869-died New York City 1940"), with a relator
// ("Grey, Frank H. 1883-1951 cmp", "Burndy Library DSI"). "active" and
// "founded" spans give no birth or death. Parenthetical fuller names are
// kept ("Merriam, C. Hart (Clinton Hart)"). Text it cannot parse is returned
// whole as Display, trimmed.
func ParseName(text string) Name {
	var n Name
	t := strings.TrimSpace(text)
	t, n.Relator = cutRelator(t)
	segs := splitTopLevel(t, ',')
	k := len(segs)
	for i := 1; i < len(segs); i++ {
		s := strings.TrimSpace(segs[i])
		if lifeStartRe.MatchString(s) || qualifiers[strings.ToLower(s)] || isCultureSegment(s) {
			k = i
			break
		}
	}
	// A direct-form name with its fuller form in parentheses ("Charles W.
	// Furlong (Charles Wellington Furlong), Non-Indian, 1874-1967") ends at
	// its first comma; inverted forms put the parenthetical after the comma.
	if k > 1 && strings.Contains(segs[0], "(") && strings.HasSuffix(strings.TrimSpace(segs[0]), ")") {
		k = 1
	}
	// Keep generational and corporate suffixes that follow the cut
	// ("John H. Glenn, Jr., 1921-2016").
	for k < len(segs) && nameSuffixes[strings.ToLower(strings.TrimSpace(segs[k]))] {
		k++
	}
	nameSegs := slices.Clone(segs[:k])
	life := strings.TrimSpace(strings.Join(segs[k:], ","))
	last := strings.TrimSpace(nameSegs[len(nameSegs)-1])
	if m := tailDatesRe.FindStringSubmatchIndex(last); m != nil && (!strings.Contains(last[m[0]:], "(") || !isCorporate(last)) {
		before := strings.TrimSpace(last[:m[0]])
		// Never reduce a name to nothing: a name that is only a year, or
		// only punctuation before one, is kept whole.
		if strings.IndexFunc(before, unicode.IsLetter) >= 0 {
			if life == "" {
				life = last[m[2]:m[3]]
			}
			nameSegs[len(nameSegs)-1] = " " + before
		}
	}
	n.Display = strings.TrimRight(strings.TrimSpace(strings.Join(nameSegs, ",")), ",;: ")
	if n.Display == "" {
		n.Display = strings.TrimSpace(text)
		return n
	}
	lifeDates(life, &n)
	return n
}

// cutRelator removes a trailing relator code ("... cmp", "..., cmp",
// "... DSI") or single-word relator term ("... editor") from a name.
func cutRelator(t string) (rest, relator string) {
	i := strings.LastIndexAny(t, " ,")
	if i <= 0 {
		return t, ""
	}
	tok := t[i+1:]
	if isRelatorCode(tok) || slices.Contains(trailingTerms, tok) {
		return strings.TrimRight(t[:i], " ,"), tok
	}
	return t, ""
}

// lifeDates reads birth and death years from the biography part of a name.
func lifeDates(life string, n *Name) {
	if life == "" {
		return
	}
	// "active 1835 - 1837", "American, founded 1963": a span of work or
	// of a firm, not a life, when it comes before any year.
	for _, seg := range splitTopLevel(life, ',') {
		seg = strings.TrimSpace(seg)
		if activeRe.MatchString(seg) {
			return
		}
		if yearRe.MatchString(seg) {
			break
		}
	}
	ms := yearRe.FindAllStringSubmatchIndex(life, -1)
	if len(ms) == 0 {
		return
	}
	y1 := atoi32(life[ms[0][2]:ms[0][3]])
	between := life[ms[0][3]:]
	if len(ms) > 1 {
		between = life[ms[0][3]:ms[1][2]]
	}
	ranged := strings.ContainsAny(between, "-–—")
	before := life[:ms[0][2]]
	if !ranged && diedRe.MatchString(" "+before) && !bornOnlyRe.MatchString(strings.TrimSpace(before)) {
		n.Death, n.HasDeath = y1, true
		return
	}
	n.Birth, n.HasBirth = y1, true
	if ranged && len(ms) > 1 {
		n.Death, n.HasDeath = atoi32(life[ms[1][2]:ms[1][3]]), true
	}
}

func atoi32(s string) int32 {
	v, _ := strconv.Atoi(s)
	return int32(v)
}

// isCultureSegment reports an NMAI-style culture segment: "Apsáalooke
// (Crow/Absaroke)" is a culture with its English name in parentheses,
// which no personal name segment after a comma looks like.
func isCultureSegment(s string) bool {
	i := strings.Index(s, "(")
	return i > 0 && strings.HasSuffix(s, ")") && strings.Contains(s[i:], "/") && !strings.Contains(s[:i], " ")
}

func isCorporate(s string) bool {
	l := strings.ToLower(s)
	for _, w := range corporateWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// splitTopLevel splits s at sep outside parentheses and brackets.
func splitTopLevel(s string, sep rune) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + len(string(sep))
			}
		}
	}
	return append(out, s[start:])
}

// SameName reports whether two display forms name the same person or body,
// ignoring case, accents, punctuation and word order, so that the direct
// and inverted forms of a name match ("Honoré-Victorin Daumier" and
// "Daumier, Honore-Victorin"; "Grey, Frank H." and "Grey, Frank H"), and
// ignoring a parenthesised fuller form ("Charles W. Furlong (Charles
// Wellington Furlong)" is "Furlong, Charles W."; "Wallerstein, A (Anton)"
// is "Wallerstein, A"). A parenthesis with a digit is kept: it tells bodies
// or meetings apart ("Entomological Society of Canada (1863-1871)" and
// "(1951- )"; "International Congress of Entomology (20th : 1996 :
// Florence, Italy)"). Life dates and relators must already be removed
// (ParseName). Empty names are never the same. It is NameKey equality.
func SameName(a, b string) bool {
	ka := NameKey(a)
	return ka != "" && ka == NameKey(b)
}

// NameKey is the form two names share when SameName says they are the
// same: the folded words, sorted, of the name without its parenthesised
// fuller forms. Comparing keys is SameName without refolding each time.
func NameKey(s string) string {
	return strings.Join(nameTokens(stripFullerForms(s)), " ")
}

// PartOf reports whether part is a truncated form of whole: its words,
// folded as in SameName but in order, begin whole's words. SIA indexes the
// Creator "National Museum of Natural History (U.S.) Department of Mineral
// Sciences" as corporate_main "National Museum of Natural History (U.S.)"
// (siris_arc_390189): the indexed entry is the same body, not a second
// maker. A name is not part of itself (use SameName) or of an empty name.
func PartOf(part, whole string) bool {
	p, w := foldWords(part), foldWords(whole)
	return len(p) > 0 && len(p) < len(w) && slices.Equal(p, w[:len(p)])
}

// stripFullerForms removes the parenthesised parts of a name that hold no
// digit (a fuller form of the name), keeping dated or numbered ones.
func stripFullerForms(s string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], ')')
		if end < 0 {
			break
		}
		end += open
		inner := s[open+1 : end]
		b.WriteString(s[:open])
		if strings.ContainsAny(inner, "0123456789") {
			b.WriteString(s[open : end+1])
		}
		s = s[end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// placeholderNames are maker entries that name nobody (lower case, folded).
var placeholderNames = map[string]bool{
	"unknown": true, "unidentified": true, "unidentified artist": true, "unidentified maker": true,
	"unidentified man": true, "unidentified woman": true, "unidentified person": true, "anonymous": true,
	"anon": true, "unknown artist": true, "unknown maker": true, "collector illegible": true,
	"not recorded": true, "various": true, "various artists": true,
}

// Placeholder reports whether a display form names nobody: a statement
// that the person is unknown ("Unknown", NASM Manufacturer and SIA
// Creator; "Unidentified Artist", NPG; "Unidentified", SAAM; "Collector
// illegible", NMNHBOTANY) or a style rather than a maker ("Nomoli Style",
// NMAfA nmafa_85-1-3). Such names keep their names row but are never
// listed in objects.makers: they would lead every "top makers" list.
// Named groups ("Kongo artist", NMAfA) are not placeholders: that is how
// the museum names the maker.
func Placeholder(display string) bool {
	f := strings.Join(foldWords(display), " ")
	if placeholderNames[f] {
		return true
	}
	return strings.HasSuffix(f, " style") || strings.HasPrefix(f, "style of ")
}

// foldWords folds a name to its lower-case words without accents, in order.
func foldWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Fields(b.String())
}

// nameTokens folds a name to its sorted lower-case words without accents.
func nameTokens(s string) []string {
	f := foldWords(s)
	slices.Sort(f)
	return f
}

// normLabel lower-cases a label and folds its inner spaces: an ASCII
// label (nearly all) in one pass and at most one allocation, none when it
// is already folded.
func normLabel(label string) string {
	folded := true
	for i := 0; i < len(label); i++ {
		c := label[i]
		switch {
		case c >= utf8.RuneSelf:
			return strings.Join(strings.Fields(strings.ToLower(label)), " ")
		case 'A' <= c && c <= 'Z':
			folded = false
		case asciiSpace(c):
			if c != ' ' || i == 0 || i == len(label)-1 || asciiSpace(label[i+1]) {
				folded = false
			}
		}
	}
	if folded {
		return label
	}
	var b strings.Builder
	b.Grow(len(label))
	space := false
	for i := 0; i < len(label); i++ {
		c := label[i]
		if asciiSpace(c) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// asciiSpace reports the ASCII bytes unicode.IsSpace is true for.
func asciiSpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

// isArchive reports the archive units, whose records are collections of
// papers with one Creator.
func isArchive(unit string) bool {
	return unit == "AAA" || unit == "SIA"
}

// isNaturalHistory reports the NMNH department units (NMNHBOTANY,
// NMNHMAMMALS, ...), whose records are specimens.
func isNaturalHistory(unit string) bool {
	return strings.HasPrefix(strings.ToUpper(unit), "NMNH")
}

// ClassifyName reads one content.freetext.name row: the parsed name and its
// class. A relator code in the content overrides the label's class (SIL
// "Author" rows carry "lyr", "ltg", "DSI": Gaylord, Harriet lyr is a
// lyricist, Bella C. Landauer Collection ... DSI a donor). ok is false when
// the label is not a name (NameLabel).
func ClassifyName(unit, label, content string) (name Name, class NameClass, ok bool) {
	class, ok = NameLabel(unit, label)
	if !ok {
		return Name{}, "", false
	}
	name = ParseName(content)
	if name.Relator != "" {
		if c, rok := RelatorClass(name.Relator); rok {
			class = c
		}
	}
	return name, class, true
}

// stripParens removes every parenthesised part of a name.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
