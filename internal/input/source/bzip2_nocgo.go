//go:build !cgo || !(linux || darwin || freebsd)

package source

// newBzip2Decoder returns the standard library's decoder: this build has
// no cgo to reach libbz2.
func newBzip2Decoder() bzip2Decoder { return &goBzip2{} }

// Bzip2Decoder names the bzip2 decoder this process uses.
func Bzip2Decoder() string { return "compress/bzip2" }
