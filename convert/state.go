package convert

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/soa-project/soa/internal/atomicfile"
	"github.com/soa-project/soa/schema"
)

// StatePath is where a dataset keeps what a later run or a merge needs to
// know of each group, relative to the dataset folder.
const StatePath = "_state/groups.json"

// State is the content of StatePath. Parts of a group are reused only by a
// run of the same Build with the same output-shaping options; anything else
// converts everything again.
type State struct {
	SchemaVersion int    `json:"schema_version"`
	Build         string `json:"build"`
	// Options are the manifest's options without Workers, which does not
	// change the output.
	Options ManifestOpts `json:"options"`
	// Listing is the digest of the input listing (names and sizes).
	Listing string `json:"listing"`
	// Shard is set in the dataset of one --shard process, nil otherwise.
	Shard   *ShardSpec   `json:"shard,omitempty"`
	Skipped []string     `json:"skipped"`
	Groups  []GroupState `json:"groups"`
}

func (s *State) write(dir string) error {
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	path := filepath.Join(dir, filepath.FromSlash(StatePath))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	if err := atomicfile.Write(path, append(data, '\n')); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	return nil
}

// errNoState means a folder holds no state file: not a dataset, or one
// written before state files existed.
var errNoState = errors.New("no " + StatePath)

func readState(dir string) (*State, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(StatePath)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNoState
	}
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("read state %s: %w", filepath.Join(dir, StatePath), err)
	}
	return &s, nil
}

// compatible says why parts written under s cannot be reused by a run with
// build and opts, or returns nil if they can.
func (s *State) compatible(build string, opts ManifestOpts) error {
	opts.Workers = 0
	switch {
	case s.SchemaVersion != schema.Version:
		return fmt.Errorf("written with schema v%d, this is v%d", s.SchemaVersion, schema.Version)
	case build == "" || s.Build != build:
		return fmt.Errorf("written by another build of soa (%.12s, this is %.12s)", s.Build, build)
	case s.Options != opts:
		return fmt.Errorf("written with other options (%+v, now %+v)", s.Options, opts)
	}
	return nil
}
