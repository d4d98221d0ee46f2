package roles

import (
	"slices"
	"strings"
)

// Labeled is one content.freetext.name row.
type Labeled struct{ Label, Content string }

// Indexed is one content.indexedStructured.name entry: Type is "" for a
// plain string entry.
type Indexed struct{ Type, Content string }

// The sources of a names row.
const (
	SourceFreetext = "freetext.name"
	SourceIndexed  = "indexedStructured.name"
)

// NameRow is one row of the names table for one record.
type NameRow struct {
	Name             // display form, birth, death, relator
	Role   string    // the label or relator code as given ("Artist", "cmp"); the type for indexed entries ("personal_main", "" for a plain string)
	Class  NameClass // role_class
	Source string    // SourceFreetext or SourceIndexed
}

// RecordNames returns the names rows of one record, in record order: the
// freetext.name rows that are names (ClassifyName), one per person per
// role, then the indexedStructured.name entries that no freetext row
// already names. An indexed entry is the same as a freetext name when
// SamePerson says so or it is a truncated form of it (PartOf); the freetext
// row is kept because it carries the role. In the archive units (AAA, SIA)
// a maker-class freetext name that the index lists only with a *_subj type
// is a contributor. Entries with empty content are skipped. The result is new; the inputs are not changed.
func RecordNames(unit string, freetext []Labeled, indexed []Indexed) []NameRow {
	var rows []NameRow
	for _, f := range freetext {
		if strings.TrimSpace(f.Content) == "" {
			continue
		}
		n, class, ok := ClassifyName(unit, f.Label, f.Content)
		if !ok {
			continue
		}
		role := strings.TrimSpace(f.Label)
		if n.Relator != "" {
			if _, ok := RelatorClass(n.Relator); ok {
				role = n.Relator
			}
		}
		if class == Maker && isArchive(unit) && onlySubject(n.Display, indexed) {
			// In an archive's papers a maker-labelled name that the index
			// types only as a subject took part without making them:
			// siris_arc_209611, photographer Gee, Richard V (personal_subj),
			// took some of the photographs in the DuMond papers.
			class = Contributor
		}
		if slices.ContainsFunc(rows, func(r NameRow) bool { return r.Role == role && SamePerson(r.Display, n.Display) }) {
			continue
		}
		rows = append(rows, NameRow{Name: n, Role: role, Class: class, Source: SourceFreetext})
	}
	for _, e := range indexed {
		if strings.TrimSpace(e.Content) == "" {
			continue
		}
		n := ParseName(e.Content)
		if slices.ContainsFunc(rows, func(r NameRow) bool {
			return SamePerson(r.Display, n.Display) || PartOf(n.Display, r.Display)
		}) {
			continue
		}
		rows = append(rows, NameRow{Name: n, Role: strings.TrimSpace(e.Type), Class: IndexedNameType(unit, e.Type), Source: SourceIndexed})
	}
	return rows
}

// onlySubject reports whether the indexed entries name display, and only
// with *_subj types.
func onlySubject(display string, indexed []Indexed) bool {
	subj := false
	for _, e := range indexed {
		if !SamePerson(ParseName(e.Content).Display, display) {
			continue
		}
		t := strings.ToLower(e.Type)
		if !strings.HasSuffix(t, "_subj") {
			return false
		}
		subj = true
	}
	return subj
}

// Makers returns objects.makers: the display forms of the maker-class rows,
// in order, without placeholders (Placeholder) and without repeats
// (SamePerson). It is empty, not nil, when there is none.
func Makers(rows []NameRow) []string {
	out := []string{}
	for _, r := range rows {
		if r.Class != Maker || Placeholder(r.Display) {
			continue
		}
		if slices.ContainsFunc(out, func(m string) bool { return SamePerson(m, r.Display) }) {
			continue
		}
		out = append(out, r.Display)
	}
	return out
}

// SamePerson reports whether two display forms name the same person,
// more loosely than SameName: besides SameName, an inverted form
// ("Surname, Given names") matches a direct form ("Given names Surname")
// whose surname is the same and whose given names agree word by word,
// where an initial matches a name with that first letter and one side may
// leave out middle names after a first given name spelled out on both:
// "Eakins, Thomas Cowperthwait" = "Thomas Eakins" (HMSG); "Harrison, B. F."
// = "Bertrand F. Harrison" (NMNHBOTANY); "Parker, K. W." is not "Kittie
// Fenley Parker" (a different collector of the same herbarium).
func SamePerson(a, b string) bool {
	if SameName(a, b) {
		return true
	}
	return invertedMatches(a, b) || invertedMatches(b, a)
}

// invertedMatches reports whether inv, an inverted form, names the person
// of direct, a direct form.
func invertedMatches(inv, direct string) bool {
	i := strings.Index(inv, ",")
	if i <= 0 || strings.Contains(direct, ",") {
		return false
	}
	surname := foldWords(inv[:i])
	given := foldWords(stripParens(inv[i+1:]))
	d := foldWords(stripParens(direct))
	if len(surname) == 0 || len(given) == 0 || len(d) < len(surname)+1 {
		return false
	}
	if !slices.Equal(d[len(d)-len(surname):], surname) {
		return false
	}
	dGiven := d[:len(d)-len(surname)]
	if len(given) != len(dGiven) {
		// Middle names may be left out only after a first name spelled out
		// on both sides.
		if len(given[0]) == 1 || len(dGiven[0]) == 1 || given[0] != dGiven[0] {
			return false
		}
		n := min(len(given), len(dGiven))
		given, dGiven = given[:n], dGiven[:n]
	}
	for k := range given {
		if !wordAgrees(given[k], dGiven[k]) {
			return false
		}
	}
	return true
}

// wordAgrees compares two folded given-name words: equal, or one is the
// other's initial.
func wordAgrees(x, y string) bool {
	if x == y {
		return true
	}
	if len(x) == 1 && strings.HasPrefix(y, x) || len(y) == 1 && strings.HasPrefix(x, y) {
		return true
	}
	return false
}

// PickPlace chooses the freetext.place row that gives a record's place
// columns: the first whose label says Made or, for specimens, Collected;
// else the first row. It returns the row's index and role, or -1 and ""
// when the record has no freetext place; then the geoLocation, if any,
// gives the place with the role GeoLocationRole(unit).
func PickPlace(unit string, places []Labeled) (index int, role PlaceRole) {
	index = -1
	for i, p := range places {
		if strings.TrimSpace(p.Content) == "" {
			continue
		}
		r := PlaceLabel(unit, p.Label)
		if r == Made || r == Collected {
			return i, r
		}
		if index < 0 {
			index, role = i, r
		}
	}
	return index, role
}

// RecordCountries returns objects.countries for a record: every country
// that its freetext places and then its geoLocation country names (L2
// contents, given in record order) name, first seen first, without
// repeats; when none names a country, the country a freetext place implies
// (ImpliedCountry: a US state). objects.country_code is the first country
// of the picked place (PickPlace) when it names one, else the first of
// this list.
func RecordCountries(places []Labeled, geoCountries []string) []Country {
	var out []Country
	add := func(text string) {
		for _, c := range FindCountries(text) {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	for _, p := range places {
		add(p.Content)
	}
	for _, g := range geoCountries {
		add(g)
	}
	if len(out) == 0 {
		for _, p := range places {
			if c, ok := ImpliedCountry(p.Content); ok {
				return []Country{c}
			}
		}
	}
	return out
}

// DateUncertain returns objects.date_uncertain from a record's
// freetext.date rows: true when an own date (DateRoles), less its later
// part (SplitLater), is Uncertain; false when the record has an own date
// and none is; ok false (null) when it has no own date other than an
// undated one ("n.d.").
func DateUncertain(unit string, labels, texts []string) (uncertain, ok bool) {
	for i, r := range DateRoles(unit, labels, texts) {
		if r != Own || Undated(texts[i]) || strings.TrimSpace(texts[i]) == "" {
			continue
		}
		ok = true
		if own, _ := SplitLater(texts[i]); Uncertain(own) {
			return true, true
		}
	}
	return false, ok
}
