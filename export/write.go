package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/soa-project/soa/dataset"
)

// imageWriter writes Images in one format. Write may keep the Image's
// strings until Close; Close writes what is buffered and ends the file.
type imageWriter interface {
	Write(*Image) error
	Close() error
}

func newImageWriter(format string, w io.Writer, version string) (imageWriter, error) {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(imageColumns); err != nil {
			return nil, fmt.Errorf("write the CSV header: %w", err)
		}
		return &csvWriter{w: cw, rec: make([]string, len(imageColumns))}, nil
	case "jsonl":
		return &jsonlWriter{w: w}, nil
	case "parquet":
		return newParquetWriter(w, version)
	}
	return nil, fmt.Errorf("%w %q", ErrFormat, format)
}

// csvWriter writes a header and one record per image; a null is an empty
// field, as CSV has no other. csv.Writer buffers (4 KiB): a failure of the
// writer under it (a full disk) is returned by the Write that flushes, and
// by every Write after it, so the export stops there rather than reading
// every row for nothing before Close says so.
type csvWriter struct {
	w   *csv.Writer
	rec []string
}

func (c *csvWriter) Write(img *Image) error {
	r := c.rec
	r[0], r[1], r[2], r[3], r[4], r[5], r[6] = img.URL, img.IIIFBase, img.Caption, img.RecordID, img.UnitCode, img.MediaID, img.License
	r[7], r[8] = "", ""
	if img.Width > 0 {
		r[7], r[8] = strconv.Itoa(int(img.Width)), strconv.Itoa(int(img.Height))
	}
	r[9], r[10] = img.AltText, img.RecordLink
	return c.w.Write(r)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// jsonlWriter writes one JSON object per line, keys in imageColumns'
// order, null for a missing value.
type jsonlWriter struct {
	w   io.Writer
	buf []byte
}

func (j *jsonlWriter) Write(img *Image) error {
	b := j.buf[:0]
	b = appendField(b, '{', "url", img.URL)
	b = appendField(b, ',', "iiif_base", img.IIIFBase)
	b = appendField(b, ',', "caption", img.Caption)
	b = appendField(b, ',', "record_id", img.RecordID)
	b = appendField(b, ',', "unit_code", img.UnitCode)
	b = appendField(b, ',', "media_id", img.MediaID)
	b = appendField(b, ',', "license", img.License)
	if img.Width > 0 {
		b = strconv.AppendInt(append(b, `,"width":`...), int64(img.Width), 10)
		b = strconv.AppendInt(append(b, `,"height":`...), int64(img.Height), 10)
	} else {
		b = append(b, `,"width":null,"height":null`...)
	}
	b = appendField(b, ',', "alt_text", img.AltText)
	b = appendField(b, ',', "record_link", img.RecordLink)
	b = append(b, "}\n"...)
	j.buf = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonlWriter) Close() error { return nil }

// appendField appends sep, "key": and s as a JSON string, or null for "".
func appendField(b []byte, sep byte, key, s string) []byte {
	b = append(b, sep, '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	if s == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

// appendJSONString appends s quoted as a JSON string; invalid UTF-8 becomes
// U+FFFD, as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// batchRows is how many rows the Parquet writer gathers before handing
// them to pqarrow as one batch.
const batchRows = 16 * 1024

// imageSchema is the Arrow schema of the Parquet file: every field nullable,
// as in the dataset's tables.
var imageSchema = func() *arrow.Schema {
	fields := make([]arrow.Field, len(imageColumns))
	for i, name := range imageColumns {
		typ := arrow.DataType(arrow.BinaryTypes.String)
		if name == "width" || name == "height" {
			typ = arrow.PrimitiveTypes.Int32
		}
		fields[i] = arrow.Field{Name: name, Type: typ, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}()

// plainImageColumns are written without dictionary and statistics: their
// values are mostly distinct (see dataset.NewFileWriter).
var plainImageColumns = []string{"url", "iiif_base", "caption", "record_id", "media_id", "alt_text", "record_link"}

// parquetWriter writes the Parquet file with the dataset's conventions
// (dataset.NewFileWriter: zstd, created_by "soa <version>", the
// Arrow schema in the footer).
type parquetWriter struct {
	fw *pqarrow.FileWriter
	b  *array.RecordBuilder
	n  int
}

func newParquetWriter(w io.Writer, version string) (*parquetWriter, error) {
	mem := memory.DefaultAllocator
	fw, err := dataset.NewFileWriter(w, imageSchema, plainImageColumns, version, mem)
	if err != nil {
		return nil, err
	}
	return &parquetWriter{fw: fw, b: array.NewRecordBuilder(mem, imageSchema)}, nil
}

func (p *parquetWriter) Write(img *Image) error {
	for i, s := range [...]string{img.URL, img.IIIFBase, img.Caption, img.RecordID, img.UnitCode, img.MediaID, img.License} {
		appendString(p.b.Field(i).(*array.StringBuilder), s)
	}
	wb, hb := p.b.Field(7).(*array.Int32Builder), p.b.Field(8).(*array.Int32Builder)
	if img.Width > 0 {
		wb.Append(img.Width)
		hb.Append(img.Height)
	} else {
		wb.AppendNull()
		hb.AppendNull()
	}
	appendString(p.b.Field(9).(*array.StringBuilder), img.AltText)
	appendString(p.b.Field(10).(*array.StringBuilder), img.RecordLink)
	if p.n++; p.n == batchRows {
		return p.flush()
	}
	return nil
}

func appendString(b *array.StringBuilder, s string) {
	if s == "" {
		b.AppendNull()
	} else {
		b.Append(s)
	}
}

func (p *parquetWriter) flush() error {
	rec := p.b.NewRecordBatch()
	defer rec.Release()
	p.n = 0
	return p.fw.WriteBuffered(rec)
}

// Close writes the rows left and the footer, and releases the builder.
func (p *parquetWriter) Close() error {
	defer p.b.Release()
	var err error
	if p.n > 0 {
		err = p.flush()
	}
	if cerr := p.fw.Close(); err == nil {
		err = cerr
	}
	return err
}
