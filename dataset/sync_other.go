//go:build !linux

package dataset

import (
	"io/fs"
	"os"
	"path/filepath"
)

// syncTree makes every file below dir durable, one fsync per file.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil && !d.IsDir() {
			return err
		}
		return nil
	})
}
