package dataset

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncTree makes every file below dir durable. One syncfs of the file
// system costs one call instead of an fsync per part file (which took a
// third of the time of converting the sample).
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close() //nolint:errcheck // the Syncfs result is what counts
	return unix.Syncfs(int(f.Fd()))
}
