// Command soa converts the Smithsonian Open Access metadata dump into a
// partitioned Parquet dataset. Run `soa help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(soaMain()) }

// soaMain is main with an exit status, so that tests can run it in-process.
func soaMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	return exitStatus(err, os.Stderr)
}
