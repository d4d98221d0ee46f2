package convert_test

import (
	"testing"

	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
)

// columnChunks returns the metadata of every column chunk of the Parquet
// file at path, row group by row group.
func columnChunks(t *testing.T, path string) []*metadata.ColumnChunkMetaData {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close() //nolint:errcheck // read only
	var cols []*metadata.ColumnChunkMetaData
	for g := range r.NumRowGroups() {
		rg := r.MetaData().RowGroup(g)
		for c := range rg.NumColumns() {
			col, err := rg.ColumnChunk(c)
			if err != nil {
				t.Fatal(err)
			}
			cols = append(cols, col)
		}
	}
	return cols
}

// dataPageEncodings lists the encodings of a column chunk's data pages, as
// its footer's encoding statistics give them.
func dataPageEncodings(col *metadata.ColumnChunkMetaData) []string {
	var data []string
	for _, s := range col.EncodingStats() {
		if s.PageType.String() == "DATA_PAGE" {
			data = append(data, s.Encoding.String())
		}
	}
	return data
}
