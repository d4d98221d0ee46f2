// Package datetext is the freetext date grammar: a hand-written scanner
// and recursive-descent parser for the dates the units write in
// freetext.date ("15 Jun 1934", "c. 1818-30", "Late 17th-early 18th
// century", "100 B.C.-100 A.D."), and the accumulator that combines the
// dates of one record. docs/DATES.md states the grammar with examples and
// every choice made here; keep the two in step. The parser works on the
// bytes as given, keeps its tokens in a fixed array and allocates nothing.
//
// The files follow the parts: datetext.go the result (Span, Precision,
// Parse), words.go the vocabulary, lex.go the tokens, parse.go the
// statements, point.go the points (a year, a day, a decade, a century),
// accumulate.go the ranges and their combination (Acc). Package schema
// reads a record's dates through Acc; the grammar knows no records.
package datetext
