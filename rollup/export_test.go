package rollup

import "github.com/soa-project/soa/schema"

// EncodeKeyForTest encodes the key (unit, s, n) of a rollup whose keys are
// two strings and an int32 (year_records), nulls as flagged.
func EncodeKeyForTest(r *schema.Rollup, unit, s string, sNull bool, n int32, nNull bool) []byte {
	k := keyBuf(nil).str(unit)
	if sNull {
		k = k.null()
	} else {
		k = k.str(s)
	}
	if nNull {
		k = k.null()
	} else {
		k = k.i32(n)
	}
	return k
}
