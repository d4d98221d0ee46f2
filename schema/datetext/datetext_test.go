package datetext_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/schema/datetext"
)

// spanText renders a parse as the tables below write it: "1929..1965
// range", "1988.. open" (no end), "undated", "refused".
func spanText(d datetext.Span, ok bool) string {
	if !ok {
		return "refused"
	}
	if d.Precision == datetext.PrecisionUndated {
		return "undated"
	}
	s := ""
	if d.HasStart {
		s += strconv.Itoa(int(d.Start))
	}
	s += ".."
	if d.HasEnd {
		s += strconv.Itoa(int(d.End))
	}
	return s + " " + d.Precision.String()
}

// realDates is every distinct freetext.date content of the real sample
// (testdata/records), with the unit and label it came from, and what a
// careful reader takes from it (each checked by hand against docs/DATES.md).
var realDates = []struct{ in, want, from string }{
	{"1929", "1929..1929 year", "AAA Date"},
	{"1929-1965", "1929..1965 range", "AAA Date"},
	{"1866", "1866..1866 year", "AAA Date"},
	{"1866-1982", "1866..1982 range", "AAA Date"},
	{"2007", "2007..2007 year", "ACM Date"},
	{"2003", "2003..2003 year", "ACM Date"},
	{"Between 1920 and 1940", "1920..1940 range", "ACM Date"},
	{"1998", "1998..1998 year", "ACM Date"},
	{"1825–1840", "1825..1840 range", "CHNDM Date"},
	{"possibly 19th century", "1800..1899 century", "CHNDM Date"},
	{"late 19th century", "1866..1899 century", "CHNDM Date"},
	{"1948-1949", "1948..1949 range", "FBR Date Range"},
	{"19480516", "1948..1948 day", "FBR Start Date"},
	{"19490918", "1949..1949 day", "FBR End Date"},
	{"1897-1898", "1897..1898 range", "FBR Date Range"},
	{"18970510", "1897..1897 day", "FBR Start Date"},
	{"18980413", "1898..1898 day", "FBR End Date"},
	{"1906", "1906..1906 year", "FBR Date Range"},
	{"19060315", "1906..1906 day", "FBR Start Date"},
	{"19060603", "1906..1906 day", "FBR End Date"},
	{"1847", "1847..1847 year", "FSG Date"},
	{"Edo period", "refused", "FSG Period"},
	{"(1886-1895/cast 1895-1904)", "1886..1904 range", "HMSG Date"},
	{"(c. 1895-1900)", "1890..1905 circa", "HMSG Date"},
	{"1840-1845, cast 1951-1962", "1840..1962 range", "HMSG Date"},
	{"(c. 1891)", "1886..1896 circa", "HMSG Date"},
	{"(1876-1878/cast after 1902)", "1876.. open", "HMSG Date"},
	{"Circa 1933", "1928..1938 circa", "NASM Date"},
	{"1927", "1927..1927 year", "NASM Date"},
	{"1980s", "1980..1989 decade", "NMAAHC Date"},
	{"1969", "1969..1969 year", "NMAH date made"},
	{"1952", "1952..1952 year", "NMAH date made"},
	{"October 20, 1952", "1952..1952 day", "NMAH used date"},
	{"late 1950s", "1956..1959 decade", "NMAH Date made"},
	{"1955-1960", "1955..1960 range", "NMAH Date made"},
	{"probably late 1950s", "1956..1959 decade", "NMAH Date made"},
	{"ca 1970", "1965..1975 circa", "NMAH date made"},
	{"circa 1875", "1870..1880 circa", "NMAI Date created"},
	{"circa 1880", "1875..1885 circa", "NMAI Date created"},
	{"1890-1900", "1890..1900 range", "NMAI Date created"},
	{"1795", "1795..1795 year", "NMAI Date created"},
	{"Late 17th-early 18th century", "1666..1733 century", "NMAfA Date"},
	{"Mid-19th century", "1833..1866 century", "NMAfA Date"},
	{"15th-17th century", "1400..1699 century", "NMAfA Date"},
	{"17th century", "1600..1699 century", "NMAfA Date"},
	{"15 Aug 1964", "1964..1964 day", "NMNHANTHRO Accession Date"},
	{"2 Aug 1971", "1971..1971 day", "NMNHANTHRO Accession Date"},
	{"22 Apr 1958", "1958..1958 day", "NMNHBIRDS Collection Date"},
	{"2 Jul 1969", "1969..1969 day", "NMNHBOTANY Collection Date"},
	{"Apr 1952 to May 1952", "1952..1952 month", "NMNHBOTANY Collection Date"},
	{"Jun 1952 to Jul 1952", "1952..1952 month", "NMNHBOTANY Collection Date"},
	{"15 Sep 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"10 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"8 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"23 Feb 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"14 Jun 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"31 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"13 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"2 Jun 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"5 Jun 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"20 Apr 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"11 Apr 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"15 Jun 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"2 Sep 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"19 Jul 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"7 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"2 Oct 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"2 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"12 Jul 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"19 Apr 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"12 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"11 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"25 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"20 Jul 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"16 Aug 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"25 Jun 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"Jun 1952", "1952..1952 month", "NMNHBOTANY Collection Date"},
	{"28 Apr 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"15 May 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"2 Aug 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"28 Aug 1952 to 31 Aug 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"16 Jul 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"1 Oct 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"13 Jun 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"21 May 1942", "1942..1942 day", "NMNHBOTANY Collection Date"},
	{"31 May 1904", "1904..1904 day", "NMNHBOTANY Collection Date"},
	{"10 Apr 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"8 Apr 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"24 May 1862", "1862..1862 day", "NMNHBOTANY Collection Date"},
	{"2 Mar 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"17 Aug 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"27 Jun 1952", "1952..1952 day", "NMNHBOTANY Collection Date"},
	{"20 May 1955", "1955..1955 day", "NMNHBOTANY Collection Date"},
	{"Aug 1888", "1888..1888 month", "NMNHBOTANY Collection Date"},
	{"3 Aug 1961", "1961..1961 day", "NMNHBOTANY Collection Date"},
	{"1936", "1936..1936 year", "NMNHEDUCATION Collection Date"},
	{"1947", "1947..1947 year", "NMNHEDUCATION Collection Date"},
	{"22 Jan 1952", "1952..1952 day", "NMNHENTO Collection Date"},
	{"16 Apr 1952", "1952..1952 day", "NMNHFISHES Collection Date"},
	{"16 Nov 2011", "2011..2011 day", "NMNHHERPS Collection Date"},
	{"31 Jul 1952", "1952..1952 day", "NMNHHERPS Collection Date"},
	{"29 Jun 1952", "1952..1952 day", "NMNHHERPS Collection Date"},
	{"18 Apr 1952", "1952..1952 day", "NMNHHERPS Collection Date"},
	{"Jan 1952", "1952..1952 month", "NMNHHERPS Collection Date"},
	{"12 Jun 1976", "1976..1976 day", "NMNHINV Collection Date"},
	{"12 Sep 1952", "1952..1952 day", "NMNHINV Collection Date"},
	{"20 Apr 2002", "2002..2002 day", "NMNHMAMMALS Collection Date"},
	{"6 Jul 1983", "1983..1983 day", "NMNHMAMMALS Collection Date"},
	{"19 Mar 1972", "1972..1972 day", "NMNHMAMMALS Collection Date"},
	{"8 Nov 1930", "1930..1930 day", "NMNHMAMMALS Collection Date"},
	{"29 Mar 1953", "1953..1953 day", "NMNHMAMMALS Collection Date"},
	{"22 Aug 1960", "1960..1960 day", "NMNHMAMMALS Collection Date"},
	{"24 Aug 1949", "1949..1949 day", "NMNHPALEO Collection Date"},
	{"1855", "1855..1855 year", "NPG Date"},
	{"1879-80 (printed 1919-20 from cancelled plate)", "1879..1920 range", "NPG Date"},
	{"1834", "1834..1834 year", "NPG Date"},
	{"c. 1758", "1753..1763 circa", "NPG Date"},
	{"c. 1818-30", "1813..1835 circa", "NPG Date"},
	{"begun c. 1910; completed c. 1925", "1905..1930 circa", "NPG Date"},
	{"1777", "1777..1777 year", "NPG Date"},
	{"c. 1839", "1834..1844 circa", "NPG Date"},
	{"2013:12:07", "2013..2013 day", "NZP Creation Date"},
	{"2013:02:06", "2013..2013 day", "NZP Creation Date"},
	{"09/29/2004", "2004..2004 day", "NZP Creation Date"},
	{"2014:02:17", "2014..2014 day", "NZP Creation Date"},
	{"100 B.C.-100 A.D.", "-100..100 range", "SAAM Date"},
	{"ca. 1840", "1835..1845 circa", "SAAM Date"},
	{"n.d.", "undated", "SAAM Date"},
	{"1899", "1899..1899 year", "SAAM Date"},
	{"1897", "1897..1897 year", "SAAM Date"},
	{"1915", "1915..1915 year", "SAAM Date"},
	{"1910", "1910..1910 year", "SIA Date"},
	{"circa 1910", "1905..1915 circa", "SIA Date"},
	{"1974", "1974..1974 year", "SIA Date"},
	{"July 20, 1974", "1974..1974 day", "SIA Date"},
	{"1973", "1973..1973 year", "SIA Date"},
	{"1973-1980", "1973..1980 range", "SIA Date"},
	{"circa 1973-1980", "1968..1985 circa", "SIA Date"},
	{"1971", "1971..1971 year", "SIA Date"},
	{"June 4, 1971", "1971..1971 day", "SIA Date"},
	{"1969, undated", "1969..1969 year", "SIA Date"},
	{"1950", "1950..1950 year", "SIA Date"},
	{"1950-2005", "1950..2005 range", "SIA Date"},
	{"1972", "1972..1972 year", "SIA Date"},
	{"April 11, 1972", "1972..1972 day", "SIA Date"},
	{"1970", "1970..1970 year", "SIA Date"},
	{"December 9, 1970", "1970..1970 day", "SIA Date"},
	{"1973-2017", "1973..2017 range", "SIA Date"},
	{"1797", "1797..1797 year", "SIA Date"},
	{"1797-1988", "1797..1988 range", "SIA Date"},
	{"1797-1988 and undated", "1797..1988 range", "SIA Date"},
	{"1919", "1919..1919 year", "SIA Date"},
	{"C. 1920-1924", "1915..1929 circa", "SIA Date"},
	{"189u", "1890..1899 decade", "SIL Date"},
	{"2004", "2004..2004 year", "SIL Date"},
	{"2018", "2018..2018 year", "SIL Date"},
	{"2019", "2019..2019 year", "SIL Date"},
	{"1747", "1747..1747 year", "SIL Date"},
	{"1745", "1745..1745 year", "SIL Date"},
	{"1882", "1882..1882 year", "SIL Date"},
	{"2009", "2009..2009 year", "SIL Date"},
	{"2006", "2006..2006 year", "SIL Date"},
	{"1996", "1996..1996 year", "SIL Date"},
	{"19uu", "1900..1999 century", "SIL Date"},
	{"2016", "2016..2016 year", "SIL Date"},
	{"2011", "2011..2011 year", "SIL Date"},
	{"1988", "1988..1988 year", "SIL Date"},
	{"1988-", "1988.. open", "SIL Date"},
	{"1868", "1868..1868 year", "SIL Date"},
	{"1909", "1909..1909 year", "SIL Date"},
	{"[1909?-1912?]", "1909..1912 range", "SIL Date"},
	{"1928", "1928..1928 year", "SIL Date"},
	{"1934", "1934..1934 year", "SIL Date"},
	{"185u", "1850..1859 decade", "SIL Date"},
	{"[185-?]", "1850..1859 decade", "SIL Date"},
	{"To 1901", "..1901 open", "SIL Date"},
	{"1850-1860", "1850..1860 range", "SIL Date"},
	{"1783", "1783..1783 year", "SIL Date"},
	{"1783-1840", "1783..1840 range", "SIL Date"},
	{"1921", "1921..1921 year", "SIL Date"},
	{"C1921", "1921..1921 year", "SIL Date"},
	{"1920-1930", "1920..1930 range", "SIL Date"},
}

func TestParseDateTextReal(t *testing.T) {
	for _, tt := range realDates {
		t.Run(tt.in, func(t *testing.T) {
			if got := spanText(datetext.Parse(tt.in)); got != tt.want {
				t.Errorf("Parse(%q) (%s) = %s; want %s", tt.in, tt.from, got, tt.want)
			}
		})
	}
}

// TestParseDateTextSample keeps realDates in step with the fixture: every
// freetext.date content of the sample is in the table.
func TestParseDateTextSample(t *testing.T) {
	known := map[string]bool{}
	for _, tt := range realDates {
		known[tt.in] = true
	}
	seen := 0
	for _, line := range sampletest.Lines(t) {
		var rec struct {
			Content struct {
				Freetext struct {
					Date []struct{ Label, Content string } `json:"date"`
				} `json:"freetext"`
			} `json:"content"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatal(err)
		}
		for _, d := range rec.Content.Freetext.Date {
			seen++
			if !known[d.Content] {
				t.Errorf("sample date %q (%s) is not in realDates", d.Content, d.Label)
			}
		}
	}
	if seen != 223 {
		t.Errorf("%d freetext dates in the sample, want 223; the fixture changed", seen)
	}
}

// TestParseDateTextForms covers the grammar beyond the sample: each form
// of docs/DATES.md, the choices it states, and what must be refused.
func TestParseDateTextForms(t *testing.T) {
	tests := []struct{ in, want string }{
		// Years.
		{"850", "850..850 year"},
		{"1934.", "1934..1934 year"},
		// Days, months, seasons.
		{"15 Jun 1934", "1934..1934 day"},
		{"15 June, 1934", "1934..1934 day"},
		{"15-Jun-1934", "1934..1934 day"},
		{"15th of June 1934", "1934..1934 day"},
		{"June 15, 1934", "1934..1934 day"},
		{"June 15th 1934", "1934..1934 day"},
		{"Sept. 9, 1952", "1952..1952 day"},
		{"1934-06-15", "1934..1934 day"},
		{"1934/06/15", "1934..1934 day"},
		{"1934-06-15T10:00:00Z", "1934..1934 day"},
		{"2013:12:07 10:42:11", "2013..2013 day"},
		{"29/09/2004", "2004..2004 day"},
		{"29.09.2004", "2004..2004 day"},
		{"1934 June 15", "1934..1934 day"},
		{"15 Feb 1930?", "1930..1930 day"},
		{"29 Feb 1904", "1904..1904 day"},
		{"29 Feb 1900", "refused"}, // not a leap year
		{"31 Jun 1934", "refused"},
		{"19481332", "refused"},
		{"Jun 1934", "1934..1934 month"},
		{"June, 1934", "1934..1934 month"},
		{"1934 June", "1934..1934 month"},
		{"1934-06", "1934..1934 month"},
		{"1934-10", "1934..1934 month"}, // 1910 would run backwards: October
		{"6/1934", "1934..1934 month"},
		{"Spring 1934", "1934..1934 month"},
		{"1950 Winter", "1950..1950 month"},
		// Ranges inside a year, and elided parts.
		{"June 15-17, 1934", "1934..1934 day"},
		{"15-17 June 1934", "1934..1934 day"},
		{"15 Jun - 20 Jul 1934", "1934..1934 day"},
		{"Jun-Jul 1952", "1952..1952 month"},
		{"Spring-Summer 1934", "1934..1934 month"},
		{"Dec 1951 - Jan 1952", "1951..1952 range"},
		// Ranges of years, any dash, words.
		{"1820-1840", "1820..1840 range"},
		{"1820 – 1840", "1820..1840 range"},
		{"1820—1840", "1820..1840 range"},
		{"1820 to 1840", "1820..1840 range"},
		{"from 1820 to 1840", "1820..1840 range"},
		{"between 1820 and 1840", "1820..1840 range"},
		{"1820 or 1821", "1820..1821 range"},
		{"1820/21", "1820..1821 range"},
		{"1910-11", "1910..1911 range"}, // a range, not November
		{"1818-9", "1818..1819 range"},
		{"1840-1820", "refused"}, // backwards
		{"1850-40", "refused"},
		// Open and uncertain.
		{"1988-", "1988.. open"},
		{"1988-?", "1988.. open"},
		{"after 1850", "1850.. open"},
		{"1920 or later", "1920.. open"},
		{"1920 onwards", "1920.. open"},
		{"since 1850", "1850.. open"},
		{"1920 or earlier", "..1920 open"},
		{"before 1901", "..1901 open"},
		{"-1901", "..1901 open"},
		{"[1909?-1912?]", "1909..1912 range"},
		{"1920?", "1920..1920 year"},
		{"1920 (?)", "1920..1920 year"},
		{"probably 1920", "1920..1920 year"},
		// Decades and centuries.
		{"1850s", "1850..1859 decade"},
		{"the 1850s", "1850..1859 decade"},
		{"1850's", "1850..1859 decade"},
		{"1850’s", "1850..1859 decade"},
		{"early 1850s", "1850..1853 decade"},
		{"mid-1950s", "1953..1956 decade"},
		{"1850s-60s", "1850..1869 decade"},
		{"1850s-1870s", "1850..1879 decade"},
		{"ca. 1850s", "1850..1859 decade"}, // circa does not widen a decade
		{"1800s", "1800..1899 century"},    // in prose the 1800s are a century
		{"early 1900s", "1900..1933 century"},
		{"2000s", "refused"}, // 2000..2099 passes MaxYear
		{"185-?", "1850..1859 decade"},
		{"[18--?]", "1800..1899 century"},
		{"189u", "1890..1899 decade"},
		{"19uu", "1900..1999 century"},
		{"1uuu", "1000..1999 millennium"},
		{"uuuu", "undated"},
		{"19th century", "1800..1899 century"},
		{"19th c.", "1800..1899 century"},
		{"19th cent.", "1800..1899 century"},
		{"19th-century", "1800..1899 century"},
		{"nineteenth century", "1800..1899 century"},
		{"mid 19th century", "1833..1866 century"},
		{"first half of the 19th century", "1800..1849 century"},
		{"2nd half 19th century", "1850..1899 century"},
		{"second quarter of the 20th century", "1925..1949 century"},
		{"18th/19th century", "1700..1899 century"},
		{"15th-17th centuries", "1400..1699 century"},
		{"twenty-first century", "refused"}, // 2000..2099 passes MaxYear
		{"2nd millennium", "1000..1999 millennium"},
		// Circa.
		{"ca. 1900", "1895..1905 circa"},
		{"c.1900", "1895..1905 circa"},
		{"approximately 1900", "1895..1905 circa"},
		{"about 1900", "1895..1905 circa"},
		{"1880-ca. 1890", "1880..1895 circa"},
		{"c. 2027", "2022..2029 circa"}, // the window stops at MaxYear
		// Copyright years are exact.
		{"c1921", "1921..1921 year"},
		{"©1921", "1921..1921 year"},
		{"p1999", "1999..1999 year"},
		// Eras.
		{"100 B.C.-100 A.D.", "-100..100 range"},
		{"500-400 BC", "-500..-400 range"},
		{"400-500 BC", "refused"}, // backwards once BC
		{"5th century BCE", "-500..-401 century"},
		{"1st century BCE-1st century CE", "-100..99 century"},
		{"2nd millennium BCE", "-2000..-1001 millennium"},
		{"10,000 BC", "-10000..-10000 year"},
		{"79 AD", "79..79 year"},
		{"A.D. 79", "79..79 year"},
		{"AD 1250-1300", "1250..1300 range"},
		// Several dates, roles, notes.
		{"1840-1845, cast 1951-1962", "1840..1962 range"},
		{"(1886-1895/cast 1895-1904)", "1886..1904 range"},
		{"(1876-1878/cast after 1902)", "1876.. open"},
		{"1879-80 (printed 1919-20 from cancelled plate)", "1879..1920 range"},
		{"1847 (Edo period)", "1847..1847 year"},
		{"1934; 1971", "1934..1971 range"},
		{"1988, 1988-", "1988.. open"},
		{"To 1901; 1850-1860", "1850..1901 range"},
		{"1797-1988 and undated", "1797..1988 range"},
		// Undated.
		{"n.d.", "undated"},
		{"N.D.", "undated"},
		{"[n.d.]", "undated"},
		{"undated", "undated"},
		{"no date", "undated"},
		{"date unknown", "undated"},
		{"not dated", "undated"},
		{"s.d.", "undated"},
		// Refused.
		{"", "refused"},
		{"   ", "refused"},
		{"Edo period", "refused"},
		{"Ming dynasty", "refused"},
		{"(Edo period)", "refused"},
		{"1965s", "refused"},
		{"60s", "refused"}, // which century?
		{"2060", "refused"},
		{"2060s", "refused"},
		{"early 1950", "refused"},
		{"15", "refused"},
		{"restored 1950", "refused"},
		{"1950 copy", "refused"},
		{"12345", "refused"},
		{"0th century", "refused"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := spanText(datetext.Parse(tt.in)); got != tt.want {
				t.Errorf("Parse(%q) = %s; want %s", tt.in, got, tt.want)
			}
		})
	}
}
