package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/soa-project/soa/schema"
)

func versionCommand() *command {
	return &command{
		name:  "version",
		short: "print the version of soa and of its parts",
		long:  "Version prints soa's version, the dataset schema version, and the Go and library versions it was built with.",
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			return func(ctx context.Context, e env, args []string) error {
				fmt.Fprintf(e.stdout, "soa %s (schema v%d, %s, arrow-go %s)\n", version(), schema.Version, runtime.Version(), depVersion("github.com/apache/arrow-go/v18"))
				return nil
			}
		},
	}
}

// version is the module version stamped by the Go toolchain, or "dev" for a
// build from a work tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// buildID identifies this very binary: its version and the SHA-256 of the
// executable. A re-run reuses parts only when the build that wrote them is
// the same, so a changed converter never mixes its parts with older ones.
var buildID = sync.OnceValue(func() string {
	id := version()
	exe, err := os.Executable()
	if err != nil {
		return "" // no id: nothing is reused
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return id + "+" + hex.EncodeToString(h.Sum(nil))[:16]
})

func depVersion(path string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == path {
				return d.Version
			}
		}
	}
	return "unknown"
}
