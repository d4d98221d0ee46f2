package convert

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ManifestName is the sidecar that marks a folder as a soa dataset.
const ManifestName = "_manifest.json"

// outputDir builds a dataset in a staging folder beside Out and swaps it in
// on success, so that Out holds either the old dataset or the new one whole,
// never a mix, and a killed run leaves Out untouched.
type outputDir struct {
	final, staging, old string
}

func prepareOutput(out string) (*outputDir, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	parent, base := filepath.Split(abs)
	o := &outputDir{
		final:   abs,
		staging: filepath.Join(parent, "."+base+".soa-staging"),
		old:     filepath.Join(parent, "."+base+".soa-old"),
	}
	// A run killed between its two renames at commit left the previous
	// dataset aside and none in place: put it back before anything else.
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(o.old, ManifestName)); err == nil {
			if err := os.Rename(o.old, abs); err != nil {
				return nil, fmt.Errorf("restore previous dataset %s: %w", o.old, err)
			}
		}
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("output folder: %w", err)
	case !info.IsDir():
		return nil, fmt.Errorf("output %s exists and is not a folder", out)
	default:
		empty, err := isEmptyDir(abs)
		if err != nil {
			return nil, fmt.Errorf("output folder: %w", err)
		}
		if _, err := os.Stat(filepath.Join(abs, ManifestName)); !empty && err != nil {
			return nil, fmt.Errorf("%w: %s (choose an empty or new folder, or remove it first)", ErrNotDataset, out)
		}
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output parent: %w", err)
	}
	// Leftovers of a killed run are ours to remove.
	if err := os.RemoveAll(o.staging); err != nil {
		return nil, fmt.Errorf("remove old staging folder: %w", err)
	}
	if err := os.RemoveAll(o.old); err != nil {
		return nil, fmt.Errorf("remove old dataset: %w", err)
	}
	if err := os.Mkdir(o.staging, 0o755); err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return o, nil
}

// commit makes the staging folder durable and swaps it in place of the
// final one.
func (o *outputDir) commit() error {
	if err := syncTree(o.staging); err != nil {
		return fmt.Errorf("sync dataset: %w", err)
	}
	hadOld := false
	if err := os.Rename(o.final, o.old); err == nil {
		hadOld = true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("move old dataset aside: %w", err)
	}
	if err := os.Rename(o.staging, o.final); err != nil {
		if hadOld {
			os.Rename(o.old, o.final)
		}
		return fmt.Errorf("move new dataset in place: %w", err)
	}
	if hadOld {
		if err := os.RemoveAll(o.old); err != nil {
			return fmt.Errorf("remove old dataset: %w", err)
		}
	}
	return syncDir(filepath.Dir(o.final))
}

func (o *outputDir) abort() { os.RemoveAll(o.staging) }

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
