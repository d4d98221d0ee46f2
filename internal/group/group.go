// Package group holds the one rule that names a conversion's groups, so
// that the input side and the dataset side cannot drift apart. A group is
// the unit of work that --shard distributes and that a re-run reuses or
// redoes as a whole; the group that holds a unit's records writes that
// unit's main part series (dataset.PartName).
//
// internal/input/source names the group of an input file (its dump folder,
// or its name up to the first dot) and package dataset the group that
// holds a unit's records (the folder named like the unit); both go
// through Of. It imports nothing of soa, so that both may import it
// without an arrow between them.
package group

// Of is the group named s, a dump folder, a file name's stem or a unit
// code: s with its ASCII letters lowered and nothing else changed, so
// that both dump layouts (NMAH/ and nmah/) give the same group ("nmah"),
// and two different results never compare equal under any folding.
func Of(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
