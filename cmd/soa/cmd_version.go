package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"

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
