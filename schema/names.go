package schema

import (
	"bytes"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/soa-project/soa/schema/roles"
)

// Sources written to names.source.
const (
	sourceFreetextName = "content.freetext.name"
	sourceIndexedName  = is + ".name"
)

// nameRow is one row of the names table.
type nameRow struct {
	name   roles.Name
	key    string // nameKey of the display form
	role   string // the label or relator as given; "" is null
	class  roles.NameClass
	source string
}

// indexName is an indexedStructured.name entry, parsed once.
type indexName struct {
	name roles.Name
	key  string
	typ  string
}

// objectNames is who the record names and in what role: the rows of the
// names table and objects.makers.
type objectNames struct {
	rows   []nameRow
	index  []indexName
	makers []string
	keys   []string // nameKey of each maker
}

// analyse reads the freetext.name rows (label -> role class, roles.ClassifyName),
// then the indexedStructured.name entries that no freetext row already names
// (their type -> role class, roles.IndexedNameType). Labels that are not
// names (Min. Elevation, Culture/People, ...) give no row.
func (n *objectNames) analyse(v *recordView) {
	n.rows, n.index, n.makers, n.keys = n.rows[:0], n.index[:0], n.makers[:0], n.keys[:0]
	for _, in := range v.names {
		if text := bytes.TrimSpace(in.text); len(text) > 0 {
			p := v.parsedNames.get(text, parseName)
			if p.name.Display != "" {
				n.index = append(n.index, indexName{p.name, p.key, v.text(in.typ)})
			}
		}
	}
	for _, it := range v.nameItems {
		content := bytes.TrimSpace(it.content)
		if len(content) == 0 {
			continue
		}
		// roles.ClassifyName, with the parsed name remembered.
		label := strings.TrimSpace(v.text(it.label))
		class, ok := roles.NameLabel(v.unit, label)
		if !ok {
			continue
		}
		p := v.parsedNames.get(content, parseName)
		name := p.name
		if name.Display == "" {
			continue
		}
		if name.Relator != "" {
			if c, ok := roles.RelatorClass(name.Relator); ok {
				class = c
			}
		}
		role := label
		if name.Relator != "" {
			role = name.Relator
		}
		key := p.key
		class = n.adjustClass(v.unit, name, key, class)
		n.add(nameRow{name: name, key: key, role: role, class: class, source: sourceFreetextName})
	}
	freetextRows := len(n.rows)
	for _, in := range n.index {
		if n.saidByFreetext(in.name.Display, in.key, freetextRows) {
			continue
		}
		role := in.typ
		class := roles.IndexedNameType(v.unit, role)
		if in.name.Relator != "" {
			role = in.name.Relator
			if c, ok := roles.RelatorClass(in.name.Relator); ok {
				class = n.adjustClass(v.unit, in.name, in.key, c)
			}
		}
		n.add(nameRow{name: in.name, key: in.key, role: role, class: class, source: sourceIndexedName})
	}

	// makers: the maker-class display forms, in record order, each once.
	// A placeholder ("Unknown", "Unidentified Artist") names nobody.
	for _, r := range n.rows {
		if r.class == roles.Maker && !isPlaceholderName(r.name.Display) && !slices.Contains(n.keys, r.key) {
			n.makers, n.keys = append(n.makers, r.name.Display), append(n.keys, r.key)
		}
	}
}

// add appends r unless a row already names the same person in the same role.
func (n *objectNames) add(r nameRow) {
	for _, o := range n.rows {
		if o.role == r.role && sameKey(o.key, r.key) {
			return
		}
	}
	n.rows = append(n.rows, r)
}

// saidByFreetext reports whether one of the first k rows (the freetext
// ones) names display: the freetext row, which has the role label, is
// kept. A truncated corporate heading ("National Museum of Natural History
// (U.S.)" beside "National Museum of Natural History (U.S.) Department of
// Mineral Sciences") is the same body.
func (n *objectNames) saidByFreetext(display, key string, k int) bool {
	for _, o := range n.rows[:k] {
		if sameKey(o.key, key) || len(display) > 10 && hasWordPrefix(o.name.Display, display) {
			return true
		}
	}
	return false
}

// hasWordPrefix reports whether s starts with prefix and a space
// (strings.HasPrefix(s, prefix+" ") without building the string).
func hasWordPrefix(s, prefix string) bool {
	return len(s) > len(prefix) && s[len(prefix)] == ' ' && s[:len(prefix)] == prefix
}

// parsedName is roles.ParseName of a text with the nameKey of its display
// form, remembered together (recordView.parsedNames).
type parsedName struct {
	name roles.Name
	key  string
}

func parseName(text string) parsedName {
	n := roles.ParseName(text)
	return parsedName{n, nameKey(n.Display)}
}

// nameKey is roles.NameKey, the form roles.SameName compares: computed
// once per name, so that comparing a record's names is not quadratic in
// tokenising them.
func nameKey(s string) string { return roles.NameKey(s) }

// sameKey is roles.SameName on keys: empty names are never the same.
func sameKey(a, b string) bool { return a != "" && a == b }

// adjustClass refines roles' class where the hand audit (testdata/audit)
// read the sample otherwise:
//
//   - a lyricist (relator lyr) wrote the song's words and is one of its
//     makers (siris_sil_978482; RDA counts the lyricist among authors);
//   - in an archive's record (AAA, SIA) a maker-class freetext name that
//     the index lists only as a subject (personal_subj) took part in the
//     papers without making them: a contributor (siris_arc_209611, a
//     photographer of some of the photographs).
func (n *objectNames) adjustClass(unit string, name roles.Name, key string, class roles.NameClass) roles.NameClass {
	if r := strings.ToLower(name.Relator); r == "lyr" || r == "lyricist" {
		return roles.Maker
	}
	if class == roles.Maker && (unit == "AAA" || unit == "SIA") {
		subj, main := false, false
		for _, in := range n.index {
			if sameKey(in.key, key) {
				subj = subj || strings.HasSuffix(in.typ, "_subj")
				main = main || strings.HasSuffix(in.typ, "_main")
			}
		}
		if subj && !main {
			return roles.Contributor
		}
	}
	return class
}

// isPlaceholderName reports a name that says the maker is not known, or
// names a style rather than a maker (NMAfA "Nomoli Style", nmafa_85-1-3).
func isPlaceholderName(display string) bool {
	if strings.HasSuffix(strings.ToLower(display), " style") {
		return true
	}
	switch strings.ToLower(strings.Trim(display, " .")) {
	case "unknown", "unidentified", "unidentified artist", "unknown artist", "unknown maker", "anonymous",
		"unidentified maker", "artist unknown", "maker unknown":
		return true
	}
	return false
}

// appendNames writes the names rows of the record in the view.
func (b *Builder) appendNames(recordID []byte) {
	c := &b.nam
	for i, r := range b.view.people.rows {
		c.recordID.BinaryBuilder.Append(recordID)
		c.ordinal.Append(int32(i))
		c.name.Append(r.name.Display)
		if r.role == "" {
			c.role.AppendNull()
		} else {
			c.role.Append(r.role)
		}
		c.roleClass.Append(string(r.class))
		appendYear(c.birthYear, r.name.Birth, r.name.HasBirth)
		appendYear(c.deathYear, r.name.Death, r.name.HasDeath)
		c.source.Append(r.source)
		b.stats.nameRoles.addString(string(r.class)+"\t"+r.role, 1)
		if !b.view.people.classBefore(i) {
			b.stats.nameClassRecords.addString(string(r.class), 1)
		}
		b.rows[Names]++
	}
}

// classBefore reports whether a row before row i has row i's class, so
// that a record counts once per class.
func (n *objectNames) classBefore(i int) bool {
	for _, r := range n.rows[:i] {
		if r.class == n.rows[i].class {
			return true
		}
	}
	return false
}

func appendYear(col *array.Int32Builder, y int32, ok bool) {
	if ok {
		col.Append(y)
	} else {
		col.AppendNull()
	}
}
