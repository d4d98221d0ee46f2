package schema

import (
	"bytes"
	"strings"

	"github.com/soa-project/soa/schema/roles"
)

// identifierRow is one row of the identifiers table.
type identifierRow struct {
	scheme       roles.Scheme
	value, label string
}

// objectIdentifiers is the numbers the record gives its object: the rows of
// the identifiers table and objects.object_number.
type objectIdentifiers struct {
	rows    []identifierRow
	primary int // index in rows of the unit's primary number; -1 when none
}

// analyse reads content.freetext.identifier: a content of the form
// "Label : value" ("Field Number : 795") is split into its own label and
// value (roles.SplitLabeled); the scheme comes from the label
// (roles.IdentifierScheme). The primary number is the first the unit prints
// on its label (roles.PrimaryNumber); a natural-history record without a
// USNM Number falls back to a number whose label names USNM, then to its
// Barcode, the number on the specimen sheet.
func (d *objectIdentifiers) analyse(v *recordView) {
	d.rows, d.primary = d.rows[:0], -1
	// AAA's Local numbers are microfilm reels and collection codes, not a
	// number on a label (hand audit: siris_arc_211488, siris_arc_209611).
	noPrimary := v.unit == "AAA"
	for _, it := range v.identifierItems {
		value := string(bytes.TrimSpace(it.content))
		if value == "" {
			continue
		}
		label := strings.TrimSpace(v.text(it.label))
		if l, val, ok := roles.SplitLabeled(value); ok {
			label, value = l, val
		}
		r := identifierRow{scheme: roles.IdentifierScheme(label), value: value, label: label}
		if d.primary < 0 && !noPrimary && roles.PrimaryNumber(v.unit, r.scheme, label) {
			d.primary = len(d.rows)
		}
		d.rows = append(d.rows, r)
	}
	if d.primary >= 0 || !strings.HasPrefix(v.unit, "NMNH") {
		return
	}
	for i, r := range d.rows {
		if strings.Contains(strings.ToUpper(r.label), "USNM") {
			d.primary = i
			return
		}
	}
	for i, r := range d.rows {
		if r.scheme == roles.Barcode {
			d.primary = i
			return
		}
	}
}

// objectNumber is objects.object_number: the primary number, or "" (null).
func objectNumber(v *recordView) string {
	if d := &v.identifiers; d.primary >= 0 {
		return d.rows[d.primary].value
	}
	return ""
}

// appendIdentifiers writes the identifiers rows of the record in the view.
func (b *Builder) appendIdentifiers(recordID []byte) {
	c := &b.ids
	for _, r := range b.view.identifiers.rows {
		c.recordID.BinaryBuilder.Append(recordID)
		c.scheme.Append(string(r.scheme))
		c.value.Append(r.value)
		if r.label == "" {
			c.label.AppendNull()
		} else {
			c.label.Append(r.label)
		}
		b.rows[Identifiers]++
	}
}
