package convert

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/soa-project/soa/dataset"
)

// noRecords returns ErrNoRecords, saying why, when the groups hold no
// record: every input empty, or every document rejected (the first reject,
// read from the run's rejects file, says what is wrong with the input).
func noRecords(groups map[string]*dataset.GroupState, rejectsPath string) error {
	var files, documents, records int64
	for _, g := range groups {
		for _, in := range g.Inputs {
			files++
			documents += in.Documents
			records += in.Records
		}
	}
	if records > 0 {
		return nil
	}
	const advice = "nothing was written; give a dump folder, files of JSON lines (one record per line) or one JSON array of records"
	if documents == 0 {
		if files == 1 {
			return fmt.Errorf("%w: the input file holds no document (it is empty or blank); %s", ErrNoRecords, advice)
		}
		return fmt.Errorf("%w: the %d input files hold no document (they are empty or blank); %s", ErrNoRecords, files, advice)
	}
	first := ""
	if f, err := os.Open(rejectsPath); err == nil {
		line, _ := bufio.NewReader(f).ReadBytes('\n')
		f.Close() //nolint:errcheck // read only
		var r dataset.Reject
		if json.Unmarshal(line, &r) == nil && r.Error != "" {
			// The advice of a not-JSON-lines reject is the run's own, said once.
			reason, _, _ := strings.Cut(r.Error, notJSONLinesAdvice)
			first = fmt.Sprintf(" (the first: %s line %d: %s)", r.File, r.Line, reason)
		}
	}
	return fmt.Errorf("%w: none of the %s in %s converts%s; %s", ErrNoRecords,
		plural(documents, "document", "documents"), plural(files, "file", "files"), first, advice)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}
