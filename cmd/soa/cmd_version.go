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
	"strings"
	"sync"

	"github.com/soa-project/soa/queries"
	"github.com/soa-project/soa/schema"
)

func versionCommand() *command {
	return &command{
		name:  "version",
		exits: []int{0, 2},
		short: "print the version of soa and of its parts",
		long: `Version prints soa's version and the commit it was built from, the dataset
schema version, and the versions of Go, arrow-go (which writes the Parquet
files) and DuckDB (which runs the queries) it was built with.

The commit comes from the build information go build stamps in a git clone;
go run never stamps it (so 'go run ./cmd/soa version' says "unknown"), and
go build stamps none with -buildvcs=false (GOFLAGS), in a git worktree or
outside a clone. Such a build can be given it with
  go build -ldflags "-X main.commit=$(git rev-parse HEAD)" ./cmd/soa`,
		define: func(fs *flag.FlagSet) runFunc {
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Errorf("version takes no arguments, got %q", args)}
				}
				duckdb, err := queries.DuckDBVersion(ctx)
				if err != nil {
					duckdb = "unknown (" + err.Error() + ")"
				}
				fmt.Fprintf(e.stdout, "soa %s\n", version())
				fmt.Fprintf(e.stdout, "  commit    %s\n", buildCommit())
				fmt.Fprintf(e.stdout, "  schema    v%d\n", schema.Version)
				fmt.Fprintf(e.stdout, "  go        %s\n", runtime.Version())
				fmt.Fprintf(e.stdout, "  arrow-go  %s\n", depVersion("github.com/apache/arrow-go/v18"))
				fmt.Fprintf(e.stdout, "  duckdb    %s (duckdb-go %s)\n", duckdb, depVersion("github.com/duckdb/duckdb-go/v2"))
				return nil
			}
		},
	}
}

// commit is the commit soa was built from, for builds without VCS
// information: go build -ldflags "-X main.commit=$(git rev-parse HEAD)".
var commit string

// version is the module version stamped by the Go toolchain, or "dev" for a
// build from a work tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// buildCommit says which commit soa was built from: the go command's VCS
// stamp (with its time, and whether the tree had uncommitted changes),
// else the -X main.commit value, else that it is unknown and why.
func buildCommit() string {
	var settings []debug.BuildSetting
	if bi, ok := debug.ReadBuildInfo(); ok {
		settings = bi.Settings
	}
	return commitOf(settings, commit, isGoRunBinary(os.Args[0]))
}

// commitOf is buildCommit for a binary with these build settings and -X
// stamp; goRun says that go run built it (go run never stamps VCS
// information, so the reason is go run, not the flags or the clone).
func commitOf(settings []debug.BuildSetting, stamped string, goRun bool) string {
	vcs := map[string]string{}
	for _, s := range settings {
		vcs[s.Key] = s.Value
	}
	rev := vcs["vcs.revision"]
	if rev == "" {
		if stamped != "" {
			return stamped
		}
		if goRun {
			return "unknown (go run stamps no VCS information; go build ./cmd/soa does, in a git clone: see soa help version)"
		}
		return "unknown (built without VCS information: -buildvcs=false, a git worktree or no git clone; see soa help version)"
	}
	var notes []string
	if t := vcs["vcs.time"]; t != "" {
		notes = append(notes, t)
	}
	if vcs["vcs.modified"] == "true" {
		notes = append(notes, "with uncommitted changes")
	}
	if len(notes) == 0 {
		return rev
	}
	return rev + " (" + strings.Join(notes, ", ") + ")"
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
