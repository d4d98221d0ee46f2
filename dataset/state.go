package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/soa-project/soa/internal/output/atomicfile"
	"github.com/soa-project/soa/schema"
)

// State is the content of StatePath. Parts of a group are reused only by a
// run of the same Build with the same output-shaping options; anything else
// converts everything again.
type State struct {
	SchemaVersion int    `json:"schema_version"`
	Build         string `json:"build"`
	// Options are the manifest's options without Workers, which does not
	// change the output.
	Options ConvertOptions `json:"options"`
	// Listing is the digest of the input listing (names and sizes).
	Listing string `json:"listing"`
	// Shard is set in the dataset of one --shard process, nil otherwise.
	Shard   *ShardSpec   `json:"shard,omitempty"`
	Skipped []string     `json:"skipped"`
	Groups  []GroupState `json:"groups"`
	// Source is the manifest's: where remote inputs were read from.
	Source *Source `json:"source,omitempty"`
}

// GroupState is what one group contributed to a dataset: the input files
// it was converted from, the part files written from them alone, and what
// the conversion learned. It is saved in the state file, so that a later
// run can reuse the group's parts and a merge can put groups converted on
// different machines together.
type GroupState struct {
	Name    string        `json:"name"`
	Inputs  []InputFile   `json:"inputs"`
	Outputs []OutputFile  `json:"outputs"`
	Stats   *schema.Stats `json:"stats"`
}

// Rejects is the number of documents of the group's inputs that were rejected.
func (g *GroupState) Rejects() int64 {
	var n int64
	for _, in := range g.Inputs {
		n += in.Rejects
	}
	return n
}

// ReuseSummary says what a run took over from the dataset it replaced.
type ReuseSummary struct {
	Groups int   `json:"groups"`
	Inputs int   `json:"inputs"`
	Bytes  int64 `json:"bytes"`
	// Reason is why nothing was reused, when a previous dataset was there.
	Reason string `json:"reason,omitempty"`
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

// ReadState reads the state of the dataset in dir; ErrNoState when it has
// none.
func ReadState(dir string) (*State, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(StatePath)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoState
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

// Compatible says why parts written under s cannot be reused by a run with
// build and opts, or returns nil if they can.
func (s *State) Compatible(build string, opts ConvertOptions) error {
	opts.Workers = 0
	switch {
	case s.SchemaVersion != schema.Version:
		return fmt.Errorf("written with schema v%d, this is v%d", s.SchemaVersion, schema.Version)
	case build == "" || s.Build != build:
		return fmt.Errorf("written by another build of soa (%s, this is %s)", shortBuild(s.Build), shortBuild(build))
	case s.Options != opts:
		return fmt.Errorf("written with other options (%+v, now %+v)", s.Options, opts)
	}
	return nil
}

// shortBuild writes a build id (VERSION+go:ID or VERSION+SHA) for a
// message: the version whole (v0.0.0-20261204…-abcdef is the commit) and
// the id cut to 12 characters, enough to tell two builds apart.
func shortBuild(build string) string {
	if build == "" {
		return "no build id"
	}
	v, id, ok := strings.Cut(build, "+")
	if !ok {
		return build
	}
	id = strings.TrimPrefix(id, "go:")
	if len(id) > 12 {
		id = id[:12] + "…"
	}
	return v + " build " + id
}
