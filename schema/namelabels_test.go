package schema_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/soa-project/soa/schema/roles"
)

// TestNameLabelTableCurrent checks the label -> role_class table of
// docs/DATASET.md ("Names") against the code, row by row, so that the
// documented mapping of the sample's 63 freetext.name labels stays true.
func TestNameLabelTableCurrent(t *testing.T) {
	b, err := os.ReadFile("../docs/DATASET.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\| (\\d+) \\| ([^|]+) \\| ([^|]+) \\|$")
	rows := row.FindAllStringSubmatch(string(b), -1)
	if len(rows) != 63 {
		t.Fatalf("docs/DATASET.md lists %d freetext.name labels, want the sample's 63", len(rows))
	}
	for _, m := range rows {
		label, units, classes := m[1], strings.Split(m[3], ", "), m[4]
		for _, unit := range units {
			unit = strings.TrimSpace(unit)
			c, ok := roles.NameLabel(unit, label)
			want := string(c)
			if !ok {
				want = "not a name"
			}
			// One class for every unit, or "class (UNIT, ...)" per class.
			if classes != want && !strings.Contains(classes, want+" (") {
				t.Errorf("label %q in %s: the code says %s, docs/DATASET.md says %s", label, unit, want, classes)
				continue
			}
			if strings.Contains(classes, "(") && !regexp.MustCompile(regexp.QuoteMeta(want)+` \([^)]*\b`+unit+`\b`).MatchString(classes) {
				t.Errorf("label %q in %s: docs/DATASET.md does not list %s under %s", label, unit, unit, want)
			}
		}
	}
}
