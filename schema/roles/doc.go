// Package roles classifies what a name, place, date or identifier of an
// EDAN record is to the object (issue #24): the role class of a
// freetext.name label, a name's display form without life dates, the
// scheme of an identifier and the unit's primary number, the role of a
// place and the ISO 3166-1 countries it names, the role of a date and its
// later-cast or uncertain parts.
//
// It is pure: no I/O, no goroutines, no mutable state; every function is
// safe for concurrent use. Package schema calls it while building rows and
// documents the columns; this package documents the rules, per unit, with
// the sample records (../shared/corpus/edan) they were read from. The full
// tables are in docs/ROLES.md.
//
// Countries come from github.com/biter777/countries (ISO 3166-1, BSD-2-Clause),
// whose name matcher also knows common variants (USA, U.S.A., England,
// Scotland, Holland, Burma); Country.Name is that table's English short name
// ("United States", "United Kingdom", "Republic of Korea").
package roles
