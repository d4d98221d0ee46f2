// Package roles classifies what a name, place, date or identifier of an
// EDAN record is to the object (issue #24): who made it, where, when, and
// the number on its label. The rules, per unit, with the sample records
// they were read from, are in docs/ROLES.md; the data dictionary points
// there.
//
// Two levels:
//
//   - One value: NameLabel, KeywordClass, IndexedNameType, RelatorClass,
//     ParseName, ClassifyName, SameName, SamePerson, PartOf, Placeholder
//     (names); IdentifierScheme, SplitLabeled, PrimaryNumber, NumberRank
//     (numbers); PlaceLabel, GeoLocationRole, LookupCountry,
//     FindCountries, ImpliedCountry (places); DateLabel, DateRoles,
//     SplitLater, Uncertain, Undated, BucketsDescribeObject (dates).
//   - One record: RecordNames and Makers (the names rows and
//     objects.makers), PickPlace and RecordCountries (place_role and the
//     country columns), DateUncertain (date_uncertain).
//
// It is pure: no I/O and no goroutines; the only package state is
// read-only lookup tables, two of them built once on first use
// (sync.OnceValue). Every function is safe for concurrent use. Package
// schema calls it while building rows.
//
// Countries come from github.com/biter777/countries (ISO 3166-1,
// BSD-2-Clause), whose name matcher also knows common variants (USA,
// U.S.A., England, Scotland, Holland, Burma); Country.Name is that table's
// English short name ("United States", "United Kingdom", "Republic of
// Korea").
package roles
