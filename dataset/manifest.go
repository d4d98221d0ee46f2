package dataset

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/soa-project/soa/schema"
)

// Manifest is what a run read and wrote, saved as ManifestName. Everything
// but the timings, the options' worker count and the reuse summary is the
// same for the same input.
type Manifest struct {
	SchemaVersion int            `json:"schema_version"`
	Tool          string         `json:"tool"`
	ToolVersion   string         `json:"tool_version"`
	Options       ConvertOptions `json:"options"`
	// Shard is set in the dataset of one --shard process; Merge drops it.
	Shard        *ShardSpec           `json:"shard,omitempty"`
	Records      int64                `json:"records"`
	Rejects      int64                `json:"rejects"`
	UTF8Repaired int64                `json:"utf8_repaired"`
	Inputs       []InputFile          `json:"inputs"`
	Skipped      []string             `json:"skipped"`
	Outputs      []OutputFile         `json:"outputs"`
	Tables       []TableSummary       `json:"tables"`
	Census       []schema.CensusEntry `json:"census"`
	Dates        DateSummary          `json:"dates"`
	Names        NameSummary          `json:"names"`
	// CoordinatesUnparsed counts geoLocation points whose latitude is not
	// a number in [-90, 90] or whose longitude is not one in [-180, 180].
	CoordinatesUnparsed int64   `json:"coordinates_unparsed"`
	Seconds             Timings `json:"seconds"`
	// Reused says which groups were taken over from the previous dataset
	// at Out instead of converted again.
	Reused ReuseSummary `json:"reused"`
	// Source says where remote inputs were read from; absent when every
	// input was a local file or stdin.
	Source *Source `json:"source,omitempty"`
}

// Source is where the remote inputs of a run were read from.
type Source struct {
	// URLs are the s3:// inputs as given.
	URLs []string `json:"urls"`
	// Endpoint is the URL of the S3-compatible store; empty for AWS S3.
	Endpoint string `json:"endpoint,omitempty"`
	Region   string `json:"region,omitempty"`
}

// ConvertOptions records the conversion options that shaped the output.
type ConvertOptions struct {
	Workers       int   `json:"workers"`
	Strict        bool  `json:"strict"`
	BatchRows     int   `json:"batch_rows"`
	RowGroupRows  int   `json:"row_group_rows"`
	RowGroupBytes int64 `json:"row_group_bytes"`
	MaxPartBytes  int64 `json:"max_part_bytes"`
	MaxLineBytes  int   `json:"max_line_bytes"`
}

// InputFile is one input file read (a dump file, a loose file, stdin, or
// an object of an S3 bucket, whose Path is s3://BUCKET/KEY). Bytes and
// SHA256 are the size and hash of the stored bytes read; ETag and
// LastModified identify the version of an object that was read (a re-run
// reuses a group whose objects all still have theirs, without reading
// them), and are empty for local files.
type InputFile struct {
	Path string `json:"path"`
	// Index is the file's position in the listing of the run's inputs.
	Index        int    `json:"index"`
	Group        string `json:"group"`
	Codec        string `json:"codec"`
	Bytes        int64  `json:"bytes"`
	SHA256       string `json:"sha256"`
	Documents    int64  `json:"documents"`
	Records      int64  `json:"records"`
	Rejects      int64  `json:"rejects"`
	UTF8Repaired int64  `json:"utf8_repaired,omitempty"`
	// Form is FormJSONArray when the file was one JSON array of records,
	// empty for JSON lines.
	Form         string  `json:"form,omitempty"`
	ETag         string  `json:"etag,omitempty"`
	LastModified string  `json:"last_modified,omitempty"`
	Seconds      float64 `json:"-"`
}

// FormJSONArray is InputFile.Form for a file that is one JSON array of
// records (read element by element).
const FormJSONArray = "json-array"

// OutputFile is one Parquet part written, or one rollup file (Rollup set,
// Table and Unit empty: a rollup file holds every unit of its group).
type OutputFile struct {
	Path   string `json:"path"`
	Table  string `json:"table"`
	Rollup string `json:"rollup,omitempty"`
	Unit   string `json:"unit"`
	Group  string `json:"group"`
	Rows   int64  `json:"rows"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// TableSummary counts a table's rows, in all and per unit.
type TableSummary struct {
	Name  string           `json:"name"`
	Rows  int64            `json:"rows"`
	Bytes int64            `json:"bytes"`
	Units map[string]int64 `json:"units"`
}

// DateSummary says how dates fared; it is the manifest's "dates" object,
// made by schema.Stats (see schema.DateSummary).
type DateSummary = schema.DateSummary

// NameSummary says how the names of the names table were classified
// (docs/DATASET.md, "Names"), so that a user sees what was left `other`.
type NameSummary struct {
	// ClassRecords counts, per role_class, the records with at least one
	// name of that class.
	ClassRecords map[string]int64 `json:"class_records"`
	// Roles counts, per role_class, the names rows per role as given (the
	// freetext label, relator code or index type; "" for none).
	Roles map[string]map[string]int64 `json:"roles"`
}

// Timings are wall-clock seconds of the run and CPU-side seconds of its
// stages, summed over the goroutines that ran them.
type Timings struct {
	Total float64 `json:"total"`
	Read  float64 `json:"read_decode"`
	Write float64 `json:"write"`
}

// OutputBytes is the size of all Parquet parts.
func (m *Manifest) OutputBytes() int64 {
	var n int64
	for _, o := range m.Outputs {
		n += o.Bytes
	}
	return n
}

// Units returns the units that have objects or other rows, sorted.
func (m *Manifest) Units() []string {
	seen := map[string]bool{}
	for _, o := range m.Outputs {
		if o.Rows > 0 && o.Rollup == "" {
			seen[o.Unit] = true
		}
	}
	units := make([]string, 0, len(seen))
	for u := range seen {
		units = append(units, u)
	}
	slices.Sort(units)
	return units
}

// assemble fills the manifest from the groups, sorted by name: inputs in
// listing order, outputs by path, stats merged group by group, so the same
// groups give the same manifest whether one run, a re-run or a merge of
// --shard datasets produced them.
func (m *Manifest) assemble(groups []*GroupState, empty []OutputFile) {
	var stats schema.Stats
	m.Inputs, m.Outputs = []InputFile{}, slices.Clone(empty)
	for _, g := range groups {
		m.Inputs = append(m.Inputs, g.Inputs...)
		m.Outputs = append(m.Outputs, g.Outputs...)
		stats.Merge(g.Stats)
	}
	slices.SortStableFunc(m.Inputs, func(a, b InputFile) int { return cmp.Compare(a.Index, b.Index) })
	m.Records, m.Rejects, m.UTF8Repaired = 0, 0, 0
	for _, in := range m.Inputs {
		m.Records += in.Records
		m.Rejects += in.Rejects
		m.UTF8Repaired += in.UTF8Repaired
	}
	m.summarise(&stats)
}

func (m *Manifest) summarise(stats *schema.Stats) {
	slices.SortFunc(m.Outputs, func(a, b OutputFile) int { return cmp.Compare(a.Path, b.Path) })
	for t := range schema.NumTables {
		ts := TableSummary{Name: schema.Tables[t].Name, Units: map[string]int64{}}
		for _, o := range m.Outputs {
			if o.Table == ts.Name {
				ts.Rows += o.Rows
				ts.Bytes += o.Bytes
				if o.Rows > 0 {
					ts.Units[o.Unit] += o.Rows
				}
			}
		}
		m.Tables = append(m.Tables, ts)
	}
	m.Census = stats.Census()
	m.Dates = stats.DateSummary()
	m.Names = NameSummary{ClassRecords: stats.NameClassRecords(), Roles: stats.NameRoles()}
	m.CoordinatesUnparsed = stats.CoordsUnparsed
	if m.Skipped == nil {
		m.Skipped = []string{}
	}
	if m.Census == nil {
		m.Census = []schema.CensusEntry{}
	}
}

func (m *Manifest) marshal() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}

// ReadManifest reads the manifest of the dataset in dir.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}
