package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/soa-project/soa/internal/group"
	"github.com/soa-project/soa/schema"
)

// The sidecars of a dataset, relative to its folder. Every sidecar starts
// with "_", so that readers globbing the table folders never meet one.
const (
	// ManifestName marks a folder as a soa dataset (see Manifest).
	ManifestName = "_manifest.json"
	// RejectsPath holds every document that could not be converted (see Reject).
	RejectsPath = "_rejects/rejects.jsonl"
	// StatePath keeps what a later run or a merge needs to know of each
	// group (see State).
	StatePath = "_state/groups.json"
)

// TableNames are the tables of a dataset, one folder each, in the order
// they are listed everywhere.
func TableNames() []string {
	names := make([]string, len(schema.Tables))
	for i, t := range schema.Tables {
		names[i] = t.Name
	}
	return names
}

// PartGlob is the pattern, relative to the dataset folder, of every part
// of table: one folder per partition, Parquet files only.
func PartGlob(table string) string { return table + "/unit_code=*/*" + parquetExt }

// PartitionDir returns the Hive partition folder of a unit: `unit_code=` and
// the value with every byte outside [A-Za-z0-9._-] percent-escaped, so that
// no unit code (`../x`, `a/b`) can name a path outside its table folder.
func PartitionDir(unit string) string {
	if unit == "" {
		unit = schema.DefaultPartition
	}
	return "unit_code=" + escapeName(unit)
}

// PartName is the file name of a part inside its unit's partition folder.
// A unit's rows that come from its own group (records of NMAH in the NMAH
// folder: nearly all of them) are written to part-00000.parquet,
// part-00001.parquet, …; rows that come from another group (a record whose
// unitCode disagrees with its folder) get that group's name in theirs,
// part-<group>-00000.parquet, so two groups never write the same file.
func PartName(unit, g string, index int) string {
	if group.Of(unit) == g {
		return fmt.Sprintf("part-%05d", index) + parquetExt
	}
	return "part-" + escapeName(g) + "-" + fmt.Sprintf("%05d", index) + parquetExt
}

// escapeName percent-escapes every byte outside [A-Za-z0-9._-], so that a
// name cannot hold a path separator, and different names stay different.
func escapeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Check says whether dir holds a soa dataset: nil if it does, an error
// wrapping fs.ErrNotExist if there is no such folder, and one wrapping
// ErrNotDataset if the folder has no manifest.
func Check(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist: %w", dir, fs.ErrNotExist)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%w: %s is a file, not a folder", ErrNotDataset, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err != nil {
		return fmt.Errorf("%w: %s has no %s", ErrNotDataset, dir, ManifestName)
	}
	return nil
}
