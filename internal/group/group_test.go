package group_test

import (
	"testing"

	"github.com/soa-project/soa/internal/group"
)

func TestOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"NMAH", "nmah"}, {"nmah", "nmah"}, {"NMAfA", "nmafa"}, {"É", "É"}, {"a-B_9", "a-b_9"}, {"", ""},
	} {
		if got := group.Of(tc.in); got != tc.want {
			t.Errorf("Of(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
