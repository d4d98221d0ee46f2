package roles_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/schema/roles"
)

// TestDateLabel covers every freetext.date label of the sample.
func TestDateLabel(t *testing.T) {
	tests := []struct {
		unit, label string
		want        roles.DateRole
	}{
		{"SAAM", "Date", roles.Own},
		{"FBR", "Date Range", roles.Own},
		{"FBR", "Start Date", roles.Own},
		{"FBR", "End Date", roles.Own},
		{"FSG", "Period", roles.Own},
		{"NMAH", "Date made", roles.Own},
		{"NMAH", "date made", roles.Own},
		{"NMAH", "used date", roles.Use},
		{"NMAI", "Date created", roles.Own},
		{"NMNHANTHRO", "Accession Date", roles.Accession},
		{"NMNHBOTANY", "Collection Date", roles.Own},
		{"NZP", "Creation Date", roles.Own},
		{"NMAH", "Record Last Modified", roles.Modified},
		{"NMAH", "Date printed later", roles.Later},
		{"XYZ", "Birth date", roles.Lifespan},
		{"XYZ", "Exhibition date", roles.OtherDate},
	}
	for _, tt := range tests {
		if got := roles.DateLabel(tt.unit, tt.label); got != tt.want {
			t.Errorf("DateLabel(%q, %q) = %q, want %q", tt.unit, tt.label, got, tt.want)
		}
	}
}

// TestDateRoles uses whole freetext.date lists of sample records.
func TestDateRoles(t *testing.T) {
	tests := []struct {
		id, unit string
		texts    []string
		want     []roles.DateRole
	}{
		{"siris_sil_978482", "SIL", []string{"1921", "C1921", "1920-1930"}, []roles.DateRole{roles.Own, roles.Own, roles.SubjectOf}},
		{"siris_sil_980173", "SIL", []string{"185u", "[185-?]", "To 1901", "1850-1860"}, []roles.DateRole{roles.Own, roles.Own, roles.Coverage, roles.SubjectOf}},
		{"siris_sil_334064", "SIL", []string{"1909", "[1909?-1912?]"}, []roles.DateRole{roles.Own, roles.Own}},
		{"siris_sil_120679", "SIL", []string{"1783", "1783-1840"}, []roles.DateRole{roles.Own, roles.Own}},
		{"siris_sil_343924", "SIL", []string{"1988", "1988-"}, []roles.DateRole{roles.Own, roles.Own}},
		{"siris_arc_217479", "SIA", []string{"1797", "1797-1988", "1797-1988 and undated"}, []roles.DateRole{roles.Own, roles.Own, roles.Own}},
		{"siris_arc_291918", "SIA", []string{"1919", "C. 1920-1924"}, []roles.DateRole{roles.Own, roles.Own}},
	}
	for _, tt := range tests {
		labels := make([]string, len(tt.texts))
		for i := range labels {
			labels[i] = "Date"
		}
		if diff := cmp.Diff(tt.want, roles.DateRoles(tt.unit, labels, tt.texts)); diff != "" {
			t.Errorf("DateRoles(%s %q) (-want +got):\n%s", tt.id, tt.texts, diff)
		}
	}
	got := roles.DateRoles("NMAH", []string{"date made", "used date"}, []string{"1952", "October 20, 1952"}) // nmah_1465431
	if diff := cmp.Diff([]roles.DateRole{roles.Own, roles.Use}, got); diff != "" {
		t.Errorf("DateRoles(nmah_1465431) (-want +got):\n%s", diff)
	}
}

func TestSplitLater(t *testing.T) {
	tests := []struct{ in, own, later string }{
		{"1840-1845, cast 1951-1962", "1840-1845", "cast 1951-1962"},                     // hmsg_66.1084
		{"(1886-1895/cast 1895-1904)", "1886-1895", "cast 1895-1904"},                    // hmsg_78.78
		{"(1876-1878/cast after 1902)", "1876-1878", "cast after 1902"},                  // hmsg_78.119
		{"1879-80 (printed 1919-20 from cancelled plate)", "1879-80", "printed 1919-20"}, // npg_NPG.2019.86
		{"(c. 1891)", "c. 1891", ""},
		{"begun c. 1910; completed c. 1925", "begun c. 1910; completed c. 1925", ""},
		{"1840", "1840", ""},
	}
	for _, tt := range tests {
		own, later := roles.SplitLater(tt.in)
		if own != tt.own || later != tt.later {
			t.Errorf("SplitLater(%q) = %q, %q; want %q, %q", tt.in, own, later, tt.own, tt.later)
		}
	}
}

func TestUncertain(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"c. 1758", true},
		{"ca. 1840", true},
		{"ca 1970", true},
		{"Circa 1933", true},
		{"circa 1875", true},
		{"C. 1920-1924", true},
		{"(c. 1895-1900)", true},
		{"possibly 19th century", true},
		{"probably late 1950s", true},
		{"[185-?]", true},
		{"[1909?-1912?]", true},
		{"[1921]", true},
		{"185u", true},
		{"19uu", true},
		{"1850 or 1851", true},
		{"Arizona or New Mexico; USA (inferred)", true},
		{"1921", false},
		{"C1921", false}, // a copyright date is stated, not approximate
		{"1840-1845, cast 1951-1962", false},
		{"late 19th century", false},
		{"Between 1920 and 1940", true}, // acm_1991.0064.0009: an estimate (hand audit part1)
		{"October 20, 1952", false},
		{"n.d.", false},
	}
	for _, tt := range tests {
		if got := roles.Uncertain(tt.in); got != tt.want {
			t.Errorf("Uncertain(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBucketsDescribeObject(t *testing.T) {
	for unit, want := range map[string]bool{
		"SAAM": false, "NPG": false, "FSG": false, "SIL": false, "NMNHANTHRO": false, "XYZ": false,
		"NMAH": true, "NMNHBOTANY": true, "NASM": true, "HMSG": true,
	} {
		if got := roles.BucketsDescribeObject(unit); got != want {
			t.Errorf("BucketsDescribeObject(%q) = %v, want %v", unit, got, want)
		}
	}
}

func TestUndated(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"n.d.", true}, // saam_1952.13.116, saam_1918.5.72
		{"undated", true},
		{"[n.d.]", true},
		{"1969, undated", false},         // siris_arc_390189
		{"1797-1988 and undated", false}, // siris_arc_217479
		{"1921", false},
	}
	for _, tt := range tests {
		if got := roles.Undated(tt.in); got != tt.want {
			t.Errorf("Undated(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
