package datetext

// Words. The lexer looks every word up once, so the parser compares small
// integers; the vocabulary is every word the grammar knows, in lower case.

type wordID uint8

const (
	wordNone wordID = iota
	wJanuary
	wFebruary
	wMarch
	wApril
	wMay
	wJune
	wJuly
	wAugust
	wSeptember
	wOctober
	wNovember
	wDecember
	wJan
	wFeb
	wMar
	wApr
	wMayAbbr // "may" is the full name; kept so that the abbreviations line up
	wJun
	wJul
	wAug
	wSep
	wOct
	wNov
	wDec
	wSept
	wFirst
	wSecond
	wThird
	wFourth
	wFifth
	wSixth
	wSeventh
	wEighth
	wNinth
	wTenth
	wEleventh
	wTwelfth
	wThirteenth
	wFourteenth
	wFifteenth
	wSixteenth
	wSeventeenth
	wEighteenth
	wNineteenth
	wTwentieth
	wTwenty
	wCast
	wPrinted
	wReprinted
	wPublished
	wIssued
	wReissued
	wBegun
	wCompleted
	wFinished
	wMade
	wCreated
	wExecuted
	wPainted
	wCarved
	wDrawn
	wEngraved
	wEtched
	wModeled
	wModelled
	wDesigned
	wManufactured
	wBuilt
	wProduced
	wPhotographed
	wDated
	wWritten
	wCompiled
	wCollected
	wCopyright
	wCopyrighted
	wStruck
	wRestruck
	wMinted
	wWoven
	wAssembled
	wRecorded
	wAbout
	wAbt
	wAfter
	wAnd
	wApprox
	wApproximately
	wAround
	wAutumn
	wBefore
	wBeginning
	wBetween
	wBy
	wC
	wCa
	wCca
	wCent
	wCenturies
	wCentury
	wCirca
	wCop
	wD
	wDate
	wEarlier
	wEarly
	wEnd
	wEst
	wFall
	wFrom
	wHalf
	wLast
	wLate
	wLater
	wLikely
	wMaybe
	wMid
	wMiddle
	wMillenium
	wMillennia
	wMillennium
	wN
	wNd
	wNo
	wNot
	wOf
	wOnward
	wOnwards
	wOr
	wP
	wPerhaps
	wPoss
	wPossibly
	wPost
	wPre
	wPresumably
	wProb
	wProbably
	wQuarter
	wRd
	wS
	wSince
	wSpring
	wSt
	wSummer
	wT
	wTh
	wThe
	wThrough
	wThru
	wTill
	wTo
	wUndated
	wUndetermined
	wUnknown
	wUntil
	wUuuu
	wWinter
	wZ
	numWords
)

var dateWordNames = [numWords]string{
	wJanuary:       "january",
	wFebruary:      "february",
	wMarch:         "march",
	wApril:         "april",
	wMay:           "may",
	wJune:          "june",
	wJuly:          "july",
	wAugust:        "august",
	wSeptember:     "september",
	wOctober:       "october",
	wNovember:      "november",
	wDecember:      "december",
	wJan:           "jan",
	wFeb:           "feb",
	wMar:           "mar",
	wApr:           "apr",
	wJun:           "jun",
	wJul:           "jul",
	wAug:           "aug",
	wSep:           "sep",
	wOct:           "oct",
	wNov:           "nov",
	wDec:           "dec",
	wSept:          "sept",
	wFirst:         "first",
	wSecond:        "second",
	wThird:         "third",
	wFourth:        "fourth",
	wFifth:         "fifth",
	wSixth:         "sixth",
	wSeventh:       "seventh",
	wEighth:        "eighth",
	wNinth:         "ninth",
	wTenth:         "tenth",
	wEleventh:      "eleventh",
	wTwelfth:       "twelfth",
	wThirteenth:    "thirteenth",
	wFourteenth:    "fourteenth",
	wFifteenth:     "fifteenth",
	wSixteenth:     "sixteenth",
	wSeventeenth:   "seventeenth",
	wEighteenth:    "eighteenth",
	wNineteenth:    "nineteenth",
	wTwentieth:     "twentieth",
	wTwenty:        "twenty",
	wCast:          "cast",
	wPrinted:       "printed",
	wReprinted:     "reprinted",
	wPublished:     "published",
	wIssued:        "issued",
	wReissued:      "reissued",
	wBegun:         "begun",
	wCompleted:     "completed",
	wFinished:      "finished",
	wMade:          "made",
	wCreated:       "created",
	wExecuted:      "executed",
	wPainted:       "painted",
	wCarved:        "carved",
	wDrawn:         "drawn",
	wEngraved:      "engraved",
	wEtched:        "etched",
	wModeled:       "modeled",
	wModelled:      "modelled",
	wDesigned:      "designed",
	wManufactured:  "manufactured",
	wBuilt:         "built",
	wProduced:      "produced",
	wPhotographed:  "photographed",
	wDated:         "dated",
	wWritten:       "written",
	wCompiled:      "compiled",
	wCollected:     "collected",
	wCopyright:     "copyright",
	wCopyrighted:   "copyrighted",
	wStruck:        "struck",
	wRestruck:      "restruck",
	wMinted:        "minted",
	wWoven:         "woven",
	wAssembled:     "assembled",
	wRecorded:      "recorded",
	wAbout:         "about",
	wAbt:           "abt",
	wAfter:         "after",
	wAnd:           "and",
	wApprox:        "approx",
	wApproximately: "approximately",
	wAround:        "around",
	wAutumn:        "autumn",
	wBefore:        "before",
	wBeginning:     "beginning",
	wBetween:       "between",
	wBy:            "by",
	wC:             "c",
	wCa:            "ca",
	wCca:           "cca",
	wCent:          "cent",
	wCenturies:     "centuries",
	wCentury:       "century",
	wCirca:         "circa",
	wCop:           "cop",
	wD:             "d",
	wDate:          "date",
	wEarlier:       "earlier",
	wEarly:         "early",
	wEnd:           "end",
	wEst:           "est",
	wFall:          "fall",
	wFrom:          "from",
	wHalf:          "half",
	wLast:          "last",
	wLate:          "late",
	wLater:         "later",
	wLikely:        "likely",
	wMaybe:         "maybe",
	wMid:           "mid",
	wMiddle:        "middle",
	wMillenium:     "millenium",
	wMillennia:     "millennia",
	wMillennium:    "millennium",
	wN:             "n",
	wNd:            "nd",
	wNo:            "no",
	wNot:           "not",
	wOf:            "of",
	wOnward:        "onward",
	wOnwards:       "onwards",
	wOr:            "or",
	wP:             "p",
	wPerhaps:       "perhaps",
	wPoss:          "poss",
	wPossibly:      "possibly",
	wPost:          "post",
	wPre:           "pre",
	wPresumably:    "presumably",
	wProb:          "prob",
	wProbably:      "probably",
	wQuarter:       "quarter",
	wRd:            "rd",
	wS:             "s",
	wSince:         "since",
	wSpring:        "spring",
	wSt:            "st",
	wSummer:        "summer",
	wT:             "t",
	wTh:            "th",
	wThe:           "the",
	wThrough:       "through",
	wThru:          "thru",
	wTill:          "till",
	wTo:            "to",
	wUndated:       "undated",
	wUndetermined:  "undetermined",
	wUnknown:       "unknown",
	wUntil:         "until",
	wUuuu:          "uuuu",
	wWinter:        "winter",
	wZ:             "z",
}

// dateWords maps a lower-case word to its id (built once from dateWordNames).
var dateWords = func() map[string]wordID {
	m := make(map[string]wordID, numWords)
	for id, w := range dateWordNames {
		if w != "" {
			m[w] = wordID(id)
		}
	}
	return m
}()

// lookupWord returns the id of w, ignoring ASCII case; wordNone when the
// grammar does not know it.
func lookupWord(w []byte) wordID {
	var lower [16]byte
	if len(w) > len(lower) {
		return wordNone
	}
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return dateWords[string(lower[:len(w)])]
}
