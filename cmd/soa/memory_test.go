package main

import "testing"

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"400MiB", 400 << 20}, {"1.5GiB", 3 << 29}, {"2GB", 2e9}, {"512 KiB", 512 << 10},
		{"123", 123}, {"7B", 7}, {"10MB", 10e6},
	} {
		got, err := parseSize(c.in)
		if err != nil || got != c.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "MiB", "-1MiB", "12XB", "1e400GiB", "ten"} {
		if n, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", bad, n)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{400 << 20: "400MiB", 3 << 29: "1536MiB", 2e9: "2GB", 0: "0", 1000: "1KB", 1023: "1023B"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
