package export

import "testing"

func TestStripHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Happiness", "Happiness"},
		{"<i>Quercus alba</i> L.", "Quercus alba L."},
		{"Black &amp; White", "Black & White"},
		{"line<br>break", "line break"},
		{"line<br/>break", "line break"},
		{`<a href="x">Link</a>`, "Link"},
		{"a < b and c > d", "a < b and c > d"},
		{"never closed <i", "never closed <i"},
		{"  spaced\n\tout  ", "spaced out"},
		{"&lt;i&gt; is text", "<i> is text"},
		{"<!-- note -->Title", "Title"},
		{"", ""},
	} {
		if got := stripHTML(tc.in); got != tc.want {
			t.Errorf("stripHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHTTPSURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://ids.si.edu/ids/deliveryService?id=X", "https://ids.si.edu/ids/deliveryService?id=X"},
		{"HTTP://ids.si.edu/x", "https://ids.si.edu/x"},
		{"https://ids.si.edu/x", "https://ids.si.edu/x"},
		{"", ""},
		{"ftp://x", "ftp://x"},
	} {
		if got := httpsURL(tc.in); got != tc.want {
			t.Errorf("httpsURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`say "hi"\`, `"say \"hi\"\\"`},
		{"tab\tnl\n\x01", `"tab\tnl\n\u0001"`},
		{"caf\xc3\xa9 \xff", "\"caf\u00e9 \\ufffd\""},
	} {
		if got := string(appendJSONString(nil, tc.in)); got != tc.want {
			t.Errorf("appendJSONString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
