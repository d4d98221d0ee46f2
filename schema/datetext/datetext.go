package datetext

// Precision says how finely a record's year span is known. The zero
// value is no date at all.
type Precision uint8

// The precisions, finest first. Their names are the values of
// objects.date_precision.
const (
	PrecisionNone       Precision = iota // no date (date_precision is null)
	PrecisionDay                         // one year, stated to the day
	PrecisionMonth                       // one year, stated to the month or season
	PrecisionYear                        // one year
	PrecisionRange                       // two different years, each stated to the year or finer
	PrecisionCirca                       // an approximate year or range, widened by CircaYears
	PrecisionDecade                      // ends known to the decade (1850s, late 1950s)
	PrecisionCentury                     // ends known to the century (19th century, 1800s)
	PrecisionMillennium                  // ends known to the millennium
	PrecisionOpen                        // one end only: the other is open or unknown (1988-, before 1901)
	PrecisionUndated                     // the record says it is undated (n.d.) and gives no year
	NumPrecisions
)

var precisionNames = [NumPrecisions]string{
	"", "day", "month", "year", "range", "circa", "decade", "century", "millennium", "open", "undated",
}

// String returns the name written to objects.date_precision ("" for none).
func (p Precision) String() string {
	if p < NumPrecisions {
		return precisionNames[p]
	}
	return ""
}

// CircaYears is how far "circa", "ca." and "c." widen a year on each side:
// c. 1840 covers 1835 .. 1845. Decades and centuries are not widened.
const CircaYears = 5

// MaxYear is the latest year a date may reach (schema.MaxYear is this
// constant; see schema.ParseYears for why).
const MaxYear = 2029

// minYear bounds BCE years, as schema.ParseYears does.
const minYear = -1_000_000

// Span is what a freetext date says: the first and last year it covers
// (negative = BCE) and how precisely. HasStart or HasEnd is false on an open
// or unknown side ("1988-" has no end, "To 1901" no start).
type Span struct {
	Start, End       int32
	HasStart, HasEnd bool
	Precision        Precision
}

// Parse reads one freetext date with the grammar of docs/DATES.md.
// ok is false when the text is not a date the grammar knows (free prose,
// named periods, a year past MaxYear). "n.d." and "undated" are dates that
// give no year: ok, with Precision == PrecisionUndated. Several dates in
// one text ("1840-1845, cast 1951-1962") combine as a record's dates do.
func Parse(s string) (Span, bool) {
	var acc Acc
	if !acc.AddText([]byte(s)) {
		return Span{}, false
	}
	return acc.Span(), true
}
