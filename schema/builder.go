package schema

import (
	"bytes"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/valyala/fastjson"
)

// DefaultPartition is the partition value of a record without a unit code,
// the name Hive and Spark give a null partition.
const DefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// Unit returns the partition value of a document: its unitCode, else its
// descriptiveNonRepeating.unit_code, else DefaultPartition. The value is
// returned as given; escaping it for a path is the writer's business.
func Unit(doc *fastjson.Value) []byte {
	if u := doc.GetStringBytes("unitCode"); len(u) > 0 {
		return u
	}
	if u := doc.GetStringBytes("content", "descriptiveNonRepeating", "unit_code"); len(u) > 0 {
		return u
	}
	return []byte(DefaultPartition)
}

// Builder appends EDAN documents to the rows of the five tables. One Builder
// holds the rows of one partition (unit) until NewRecords takes them. It is
// not safe for concurrent use. Release must be called when done.
type Builder struct {
	unit  string
	recs  [NumTables]*array.RecordBuilder
	rows  [NumTables]int
	stats Stats
	docs  []DocumentEnd // per objects row waiting, for the rollups
	// sizes holds, per table and column, how much the last batch held;
	// roomDue says to reserve that much at the next Append, which Reset
	// cancels when the Builder moves to another unit (see presize.go).
	sizes   [NumTables][]builderSize
	roomDue bool
	// own holds, per table and field, the columns built as stringCols
	// (nil for the fields built by recs); nil for tables that have none.
	own [NumTables][]*stringCol

	obj objectCols
	med mediaCols
	fac facetCols
	ftx freetextCols
	oth otherCols
	nam nameCols
	ids identifierCols

	// Per-record scratch, reused to keep the per-record loop allocation-free.
	view    recordView
	path    []byte
	extra   extraJSON
	itemBuf extraJSON
	resBuf  extraJSON
	numBuf  []byte
}

// NewBuilder returns a Builder for the rows of one unit.
func NewBuilder(mem memory.Allocator, unit string) *Builder {
	b := &Builder{unit: unit}
	for t := range b.recs {
		b.recs[t] = array.NewRecordBuilder(mem, Tables[t].Schema())
	}
	b.obj.bind(b.recs[Objects])
	b.med.bind(b.recs[Media])
	for _, t := range []TableID{Facets, Freetext} {
		b.own[t] = make([]*stringCol, len(Tables[t].Columns))
	}
	b.fac.bind(b.recs[Facets], b.own[Facets])
	b.ftx.bind(b.recs[Freetext], b.own[Freetext])
	b.oth.bind(b.recs[Other])
	b.nam.bind(b.recs[Names])
	b.ids.bind(b.recs[Identifiers])
	return b
}

// Reset makes b a Builder for the rows of unit, keeping its buffers. It
// must be called with no rows waiting (after NewRecords); the stats are
// cleared, so take them first.
func (b *Builder) Reset(unit string) {
	if unit != b.unit {
		b.roomDue = false
	}
	b.unit = unit
	b.rows = [NumTables]int{}
	b.stats = Stats{}
}

// Release frees the rows not yet taken by NewRecords.
func (b *Builder) Release() {
	for _, r := range b.recs {
		r.Release()
	}
}

// Rows returns how many rows of each table are waiting.
func (b *Builder) Rows() [NumTables]int { return b.rows }

// Stats returns what the builder learned so far. The pointer stays valid
// for the Builder's life.
func (b *Builder) Stats() *Stats { return &b.stats }

// DocumentEnd is where one objects row's rows end in the facets and
// freetext batches built with it (see Builder.DocumentEnds).
type DocumentEnd struct{ Facets, Freetext int32 }

// DocumentEnds returns, for each objects row waiting, where its rows end
// among the facets and freetext rows waiting, so that rollups can count
// per document. The slice is reused by the next NewRecords: copy it first.
func (b *Builder) DocumentEnds() []DocumentEnd { return b.docs }

// NewRecords returns the waiting rows as one batch per table (nil where a
// table has no rows) and resets the builder. The caller owns the batches and
// must Release them.
func (b *Builder) NewRecords() [NumTables]arrow.RecordBatch {
	b.docs = b.docs[:0]
	var out [NumTables]arrow.RecordBatch
	for t, r := range b.recs {
		sizes := resize(b.sizes[t], r.Schema().NumFields())
		for i := range sizes {
			sizes[i].measure(r.Field(i))
		}
		b.sizes[t] = sizes
		if b.rows[t] > 0 {
			out[t] = b.newRecordBatch(TableID(t))
		} else {
			// A table without rows in this batch keeps no room either, as
			// its Arrow builders measured nothing.
			for _, c := range b.own[t] {
				if c != nil {
					*c = stringCol{}
				}
			}
		}
		b.rows[t] = 0
	}
	b.roomDue = true
	return out
}

// makeRoom gives every column room for what it held in the last batch.
// It runs at the first Append after NewRecords, not in it, so that a
// Builder put aside holds no memory, and not after Reset to another unit,
// whose batches may be of any size: within a unit, the next file's batch
// is usually the size of the last.
func (b *Builder) makeRoom() {
	b.roomDue = false
	for t, r := range b.recs {
		for i := range b.sizes[t] {
			if c := b.own[t]; c != nil && c[i] != nil {
				c[i].reserve()
				continue
			}
			b.sizes[t][i].reserve(r.Field(i))
		}
	}
}

// newRecordBatch takes table t's waiting rows from its record builder and,
// for the columns it owns, from its stringCols.
func (b *Builder) newRecordBatch(t TableID) arrow.RecordBatch {
	r := b.recs[t]
	own := b.own[t]
	if own == nil {
		return r.NewRecordBatch()
	}
	cols := make([]arrow.Array, len(own))
	for i, c := range own {
		if c != nil {
			cols[i] = c.newArray()
		} else {
			cols[i] = r.Field(i).NewArray()
		}
	}
	rec := array.NewRecordBatch(r.Schema(), cols, int64(b.rows[t]))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// Append adds one document. raw is the document's text, kept whole for
// documents that are not edanmdm. On error nothing is appended.
func (b *Builder) Append(doc *fastjson.Value, raw []byte) error {
	if doc.Type() != fastjson.TypeObject {
		return ErrNotObject
	}
	if b.roomDue {
		b.makeRoom()
	}
	if !bytes.Equal(doc.GetStringBytes("type"), []byte("edanmdm")) {
		b.appendOther(doc, raw)
		return nil
	}
	return b.appendObject(doc)
}

func (b *Builder) appendOther(doc *fastjson.Value, raw []byte) {
	c := &b.oth
	appendStr(c.id, doc.Get("id"))
	appendStr(c.url, doc.Get("url"))
	appendStr(c.typ, doc.Get("type"))
	id := doc.Get("content", "descriptiveNonRepeating", "record_ID")
	if id == nil {
		id = doc.Get("content", "id")
	}
	appendStr(c.recordID, id)
	c.raw.BinaryBuilder.Append(raw)
	b.rows[Other]++
}

// envelope keys with a column, or consumed by the tables.
var (
	envelopeKeys = keySet("id", "url", "type", "hash", "docSignature", "version", "linkedId", "title",
		"timestamp", "lastTimeUpdated", "unitCode", "content")
	contentKeys = keySet("descriptiveNonRepeating", "indexedStructured", "freetext")
	dnrKeys     = keySet("record_ID", "data_source", "title", "title_sort", "record_link", "guid",
		"metadata_usage", "online_media", "record_type")
)

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

func (b *Builder) appendObject(doc *fastjson.Value) error {
	content := doc.Get("content")
	d := content.Get("descriptiveNonRepeating")
	recordID := d.GetStringBytes("record_ID")
	if len(recordID) == 0 {
		return ErrNoRecordID
	}
	c := &b.obj
	b.extra.reset()

	// Envelope.
	envObj, _ := asObject(doc)
	envObj.Visit(func(k []byte, v *fastjson.Value) {
		if !envelopeKeys[string(k)] {
			b.keep(&b.extra, secEnvelope, k, v)
		}
	})
	c.recordID.BinaryBuilder.Append(recordID)
	b.str(c.id, doc.Get("id"), &b.extra, secEnvelope, "id")
	b.str(c.url, doc.Get("url"), &b.extra, secEnvelope, "url")
	b.str(c.typ, doc.Get("type"), &b.extra, secEnvelope, "type")
	b.str(c.hash, doc.Get("hash"), &b.extra, secEnvelope, "hash")
	b.str(c.docSignature, doc.Get("docSignature"), &b.extra, secEnvelope, "docSignature")
	b.str(c.version, doc.Get("version"), &b.extra, secEnvelope, "version")
	b.str(c.linkedID, doc.Get("linkedId"), &b.extra, secEnvelope, "linkedId")
	title := doc.Get("title")
	b.str(c.title, title, &b.extra, secEnvelope, "title")
	if content != nil && content.Type() != fastjson.TypeObject {
		b.keep(&b.extra, secEnvelope, []byte("content"), content)
	}
	if u := doc.Get("unitCode"); u != nil && u.Type() != fastjson.TypeString {
		b.keep(&b.extra, secEnvelope, []byte("unitCode"), u)
	}

	// content.
	if co, ok := asObject(content); ok {
		co.Visit(func(k []byte, v *fastjson.Value) {
			if !contentKeys[string(k)] {
				b.keep(&b.extra, secContent, k, v)
			}
		})
	}

	// descriptiveNonRepeating.
	if do, ok := asObject(d); ok {
		do.Visit(func(k []byte, v *fastjson.Value) {
			if dnrKeys[string(k)] {
				return
			}
			// unit_code duplicates unitCode; keep it only when it differs.
			if string(k) == "unit_code" && bytes.Equal(v.GetStringBytes(), doc.GetStringBytes("unitCode")) {
				return
			}
			b.keep(&b.extra, secDNR, k, v)
		})
	}
	titleObj := d.Get("title")
	if to, ok := asObject(titleObj); ok {
		b.str(c.titleLabel, titleObj.Get("label"), &b.extra, secDNR, "title.label")
		to.Visit(func(k []byte, v *fastjson.Value) {
			switch string(k) {
			case "label":
			case "content":
				// The content repeats the envelope title; keep it only when it differs.
				if v.Type() != fastjson.TypeString || !bytes.Equal(v.GetStringBytes(), title.GetStringBytes()) {
					b.keepPath(&b.extra, secDNR, "title.content", v)
				}
			default:
				b.keepPath(&b.extra, secDNR, "title."+string(k), v)
			}
		})
	} else {
		c.titleLabel.AppendNull()
		if titleObj != nil {
			b.keepPath(&b.extra, secDNR, "title", titleObj)
		}
	}
	b.str(c.titleSort, d.Get("title_sort"), &b.extra, secDNR, "title_sort")
	b.str(c.dataSource, d.Get("data_source"), &b.extra, secDNR, "data_source")
	b.str(c.recordLink, d.Get("record_link"), &b.extra, secDNR, "record_link")
	b.str(c.guid, d.Get("guid"), &b.extra, secDNR, "guid")
	usage := d.Get("metadata_usage")
	access := usage.Get("access")
	b.str(c.metadataAccess, access, &b.extra, secMetadataUsage, "access")
	c.isCC0.Append(bytes.Equal(access.GetStringBytes(), []byte("CC0")))
	if uo, ok := asObject(usage); ok {
		uo.Visit(func(k []byte, v *fastjson.Value) {
			if string(k) != "access" {
				b.keep(&b.extra, secMetadataUsage, k, v)
			}
		})
	} else if usage != nil {
		b.keepPath(&b.extra, secDNR, "metadata_usage", usage)
	}
	b.timestampCol(c.timestamp, doc.Get("timestamp"), "timestamp")
	b.timestampCol(c.lastTimeUpdated, doc.Get("lastTimeUpdated"), "lastTimeUpdated")

	// Media: one media row per item; counts on the object row.
	media := b.appendMedia(recordID, d.Get("online_media"))
	c.mediaCount.Append(int32(media.count))
	c.hasMedia.Append(media.count > 0)
	c.imageCount.Append(int32(media.images))

	// indexedStructured and freetext: their rows, and the record's view;
	// then the columns derived from the view.
	b.view.reset(b.unit, title.GetStringBytes())
	b.appendIndexed(recordID, content.Get("indexedStructured"))
	b.str(c.recordType, d.Get("record_type"), &b.extra, secDNR, "record_type")
	b.appendFreetext(recordID, content.Get("freetext"))
	b.view.analyse(&b.stats)
	c.derived.append(&b.view)
	b.appendNames(recordID)
	b.appendIdentifiers(recordID)
	b.extra.appendTo(c.extraJSON.BinaryBuilder)
	b.rows[Objects]++
	b.docs = append(b.docs, DocumentEnd{Facets: int32(b.rows[Facets]), Freetext: int32(b.rows[Freetext])})
	return nil
}

// str appends a string value, or null when absent; a value of another JSON
// type is kept in x (an extra_json cell) under key, so that nothing is lost.
func (b *Builder) str(col *array.StringBuilder, v *fastjson.Value, x *extraJSON, sec section, key string) {
	switch {
	case v == nil:
		col.AppendNull()
	case v.Type() == fastjson.TypeString:
		col.BinaryBuilder.Append(v.GetStringBytes())
	default:
		col.AppendNull()
		b.keepPath(x, sec, key, v)
	}
}

// timestampCol appends epoch seconds given as a number or a string of digits.
func (b *Builder) timestampCol(col *array.TimestampBuilder, v *fastjson.Value, key string) {
	if v == nil {
		col.AppendNull()
		return
	}
	var (
		n   int64
		err error
	)
	switch v.Type() {
	case fastjson.TypeNumber:
		n, err = v.Int64()
	case fastjson.TypeString:
		n, err = strconv.ParseInt(string(v.GetStringBytes()), 10, 64)
	default:
		err = strconv.ErrSyntax
	}
	if err != nil {
		col.AppendNull()
		b.keepPath(&b.extra, secEnvelope, key, v)
		return
	}
	col.Append(arrow.Timestamp(n))
}

// keep records key under sec in x, under its path, and counts it in the census.
func (b *Builder) keep(x *extraJSON, sec section, key []byte, v *fastjson.Value) {
	b.stats.count(sec, key, b.unit)
	x.addPath(sectionInfo[sec].extraPrefix, key, v)
}

func (b *Builder) keepPath(x *extraJSON, sec section, key string, v *fastjson.Value) {
	b.keep(x, sec, []byte(key), v)
}

// extraJSON assembles the JSON object of an extra_json cell.
type extraJSON struct {
	buf []byte
	n   int
}

func (x *extraJSON) reset() { x.buf, x.n = x.buf[:0], 0 }

func (x *extraJSON) add(key []byte, v *fastjson.Value) { x.addPath("", key, v) }

func (x *extraJSON) addPath(prefix string, key []byte, v *fastjson.Value) {
	if x.n == 0 {
		x.buf = append(x.buf, '{')
	} else {
		x.buf = append(x.buf, ',')
	}
	x.buf = append(x.buf, '"')
	x.buf = appendJSONString(x.buf, prefix)
	x.buf = appendJSONString(x.buf, string(key))
	x.buf = append(x.buf, '"')
	x.buf = append(x.buf, ':')
	x.buf = v.MarshalTo(x.buf)
	x.n++
}

// appendJSONString appends s escaped for the inside of a JSON string
// (strconv.Quote's \x escapes are not JSON).
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendTo appends the object, or null when nothing was added.
func (x *extraJSON) appendTo(col bytesColumn) {
	if x.n == 0 {
		col.AppendNull()
		return
	}
	col.Append(append(x.buf, '}'))
}

func appendStr(col *array.StringBuilder, v *fastjson.Value) {
	if v != nil && v.Type() == fastjson.TypeString {
		col.BinaryBuilder.Append(v.GetStringBytes())
	} else {
		col.AppendNull()
	}
}

// elements returns v's elements when it is an array, else v alone: the
// corpus writes a single element without its array in places (exhibition,
// points.point), and both forms convert the same.
func elements(v *fastjson.Value) []*fastjson.Value {
	if v == nil {
		return nil
	}
	if v.Type() == fastjson.TypeArray {
		a, _ := v.Array()
		return a
	}
	return []*fastjson.Value{v}
}

// asObject returns v's object; fastjson's own method panics on a nil value,
// and absent keys are nil.
func asObject(v *fastjson.Value) (*fastjson.Object, bool) {
	if v == nil || v.Type() != fastjson.TypeObject {
		return nil, false
	}
	o, _ := v.Object()
	return o, true
}

// scalarText returns the text of a string, number or boolean value.
func scalarText(v *fastjson.Value, scratch []byte) ([]byte, bool) {
	if v == nil {
		return nil, false
	}
	switch v.Type() {
	case fastjson.TypeString:
		return v.GetStringBytes(), true
	case fastjson.TypeNumber, fastjson.TypeTrue, fastjson.TypeFalse:
		return v.MarshalTo(scratch[:0]), true
	}
	return nil, false
}
