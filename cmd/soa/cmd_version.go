package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
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
		exits: []int{0, 2},
		short: "print the version of soa and of its parts",
		long:  "Version prints soa's version, the dataset schema version, and the Go and library versions it was built with.",
		define: func(fs *flag.FlagSet) runFunc {
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Errorf("version takes no arguments, got %q", args)}
				}
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

// buildID identifies this very binary: its version and the Go build ID the
// linker stamps in it (a hash of everything that went into the build), or,
// where there is none to read, the SHA-256 of the executable. A re-run
// reuses parts only when the build that wrote them is the same, so a
// changed converter never mixes its parts with older ones. Reading the
// stamp costs a few kilobytes of I/O; hashing the 100 MB executable, which
// the fallback does, costs a third of a second.
var buildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "" // no id: nothing is reused
	}
	if id := goBuildID(exe); id != "" {
		return version() + "+go:" + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close() //nolint:errcheck // read only
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return version() + "+" + hex.EncodeToString(h.Sum(nil))[:16]
})

// goBuildID reads the Go build ID from the ELF note the Go linker writes
// (section .note.go.buildid: name "Go", type 4), or "" if there is none.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close() //nolint:errcheck // read only
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	if err != nil || len(data) < 16 {
		return ""
	}
	order := f.ByteOrder
	nameSize, descSize, noteType := order.Uint32(data), order.Uint32(data[4:]), order.Uint32(data[8:])
	name := data[12:]
	if noteType != 4 || nameSize != 4 || !bytes.HasPrefix(name, []byte("Go\x00\x00")) || uint32(len(name)) < 4+descSize {
		return ""
	}
	return string(name[4 : 4+descSize])
}

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
