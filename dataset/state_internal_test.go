package dataset

import "testing"

// TestShortBuild: a message about another build gives each version whole
// and cuts only the build id, so that two builds of one version are told
// apart and a pseudo-version still names its commit (#28: "dev+go:xlUpr,
// this is v0.0.0-20261" cut both to 12 characters).
func TestShortBuild(t *testing.T) {
	for build, want := range map[string]string{
		"dev+go:xlUpr1234567890abcdef/ZZZ":               "dev build xlUpr1234567…",
		"v0.0.0-20261204013000-abcdef123456+go:Ab12Cd34": "v0.0.0-20261204013000-abcdef123456 build Ab12Cd34",
		"v1.2.3+0123456789abcdef":                        "v1.2.3 build 0123456789ab…",
		"":                                               "no build id",
	} {
		if got := shortBuild(build); got != want {
			t.Errorf("shortBuild(%q) = %q, want %q", build, got, want)
		}
	}
}
