package schema_test

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/internal/testkit/sampletest"
	"github.com/soa-project/soa/schema"
	"github.com/valyala/fastjson"
)

// unionRecords are written by hand: every union form and key the sample
// lacks, so that the lossless rules are tested beyond the fixtures.
var unionRecords = []string{
	// Mixed name forms, geo levels as strings and objects, points as an array
	// with numbers, exhibition as a bare object, keys nobody has seen,
	// hyphenated keys, a bogus decade and a BCE millennium, string timestamps,
	// mediaCount as a string that disagrees with media[], width as a string,
	// an unknown media key, text_equiv alt text, an unseen freetext category
	// with an extra key and a bare-string item, an unknown envelope key.
	`{"id":"x-1","title":"Union","unitCode":"NEWUNIT","type":"edanmdm","url":"edanmdm:new_1","hash":"ab12","docSignature":"s","timestamp":"1596442251","lastTimeUpdated":1596442248,"status":0,"extensions":{"mask":["a"]},
	 "content":{"descriptiveNonRepeating":{"record_ID":"new_1","unit_code":"NEWUNIT","data_source":"New","title":{"label":"Title","content":"Union"},"metadata_usage":{"access":"CC0","codes":["x"]},
	   "online_media":{"mediaCount":"2","media":[{"type":"Images","content":"http://c","thumbnail":"http://t","text_equiv":"a cat","caption":"Cat","usage":{"access":"CC0","text":""},
	     "resources":[{"label":"Screen Image","url":"http://s","width":"800","height":600},{"label":"High-resolution JPEG (6600x4400)","url":"http://h"},{"url":"http://m","attributes":[{"UNITS":"mm","DRACO_COMPRESSED":true}]}]}]}},
	  "indexedStructured":{"name":["Plain, Name",{"type":"personal_main","content":"Object, Name"}],
	   "geoLocation":[{"L2":"United States","L3":{"type":"State","content":"California"},"points":[{"point":{"latitude":{"type":"decimal","content":37.5},"longitude":{"type":"decimal","content":"-122.25"}}}]}],
	   "exhibition":{"building":"NASM","exhibitionTitle":"Flight"},
	   "tax_sub-family":["Pooideae"],"brand_new_key":[{"deep":{"deeper":"leaf","n":3,"flag":false}},"plain"],
	   "date":["BCE 1000s","2970s","1960s"],"topic":["A"]},
	  "freetext":{"exhibitionHistory":[{"label":"Shown","content":"1999","indexedContent":"x"},"bare text"],"notes":[{"label":"Note","content":"<i>html</i> 葛飾北斎"}]}}}`,
	// No indexedStructured, no media, no title_sort.
	`{"id":"x-2","title":"Bare","unitCode":"NEWUNIT","type":"edanmdm","url":"edanmdm:new_2","content":{"descriptiveNonRepeating":{"record_ID":"new_2","data_source":"New","title":{"label":"Title","content":"Bare"},"metadata_usage":{"access":"Usage conditions apply"}},"freetext":{}}}`,
	// Not edanmdm: kept whole in other.
	`{"id":"ead-1","type":"ead_collection","unitCode":"NEWUNIT","url":"ead_collection:sova-1","content":{"id":"sova-1","freetext":{"unitdate":[{"label":"Date","content":"1900"}]}}}`,
}

func buildRecords(t *testing.T, lines []string) ([schema.NumTables][]map[string]any, *schema.Stats) {
	t.Helper()
	return buildUnitRecords(t, "NEWUNIT", lines)
}

// buildUnitRecords builds lines as the records of unit: the unit decides
// some roles (whether its date buckets describe the object, what its
// geoLocation is to the object).
func buildUnitRecords(t *testing.T, unit string, lines []string) ([schema.NumTables][]map[string]any, *schema.Stats) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := schema.NewBuilder(mem, unit)
	defer b.Release()
	var p fastjson.Parser
	for _, line := range lines {
		v, err := p.Parse(line)
		if err != nil {
			t.Fatalf("fixture is not JSON: %v", err)
		}
		if err := b.Append(v, []byte(line)); err != nil {
			t.Fatalf("append: %v", err)
		}
	}
	var out [schema.NumTables][]map[string]any
	recs := b.NewRecords()
	for tb, rec := range recs {
		if rec != nil {
			out[tb] = sampletest.Rows(t, rec)
			rec.Release()
		}
	}
	stats := *b.Stats()
	return out, &stats
}

func TestUnionFormsLossless(t *testing.T) {
	tables, stats := buildRecords(t, unionRecords)
	obj := tables[schema.Objects]
	if len(obj) != 2 || len(tables[schema.Other]) != 1 {
		t.Fatalf("got %d objects and %d other rows, want 2 and 1", len(obj), len(tables[schema.Other]))
	}
	o := obj[0]
	checks := map[string]any{
		"names":     []any{"Plain, Name", "Object, Name"},
		"country":   "United States",
		"state":     "California",
		"latitude":  37.5,
		"longitude": -122.25,
		// An unknown unit's buckets may not describe the object
		// (roles.BucketsDescribeObject): no years from them.
		"year_start":        nil,
		"year_end":          nil,
		"dates":             []any{"BCE 1000s", "2970s", "1960s"},
		"media_count":       float64(1),
		"image_count":       float64(1),
		"is_cc0":            true,
		"timestamp":         "2020-08-03T08:10:51Z",
		"last_time_updated": "2020-08-03T08:10:48Z",
	}
	for col, want := range checks {
		if diff := cmp.Diff(want, o[col]); diff != "" {
			t.Errorf("objects.%s (-want +got):\n%s", col, diff)
		}
	}
	var extra map[string]any
	if err := json.Unmarshal([]byte(o["extra_json"].(string)), &extra); err != nil {
		t.Fatalf("extra_json %v: %v", o["extra_json"], err)
	}
	for _, k := range []string{"status", "extensions", "content.descriptiveNonRepeating.metadata_usage.codes", "content.descriptiveNonRepeating.online_media.mediaCount"} {
		if _, ok := extra[k]; !ok {
			t.Errorf("extra_json lacks %q: %v", k, extra)
		}
	}
	if obj[1]["year_start"] != nil || obj[1]["media_count"] != float64(0) || obj[1]["is_cc0"] != false || len(obj[1]["dates"].([]any)) != 0 {
		t.Errorf("bare record: %v", obj[1])
	}
	if stats.DatesUnparsed != 1 || stats.UnparsedDates()["2970s"] != 1 {
		t.Errorf("unparsed dates: %d %v, want the one 2970s", stats.DatesUnparsed, stats.UnparsedDates())
	}

	// Every leaf under indexedStructured is in facets: strings as values or
	// qualifiers, numbers and booleans as their JSON text.
	var doc map[string]any
	json.Unmarshal([]byte(unionRecords[0]), &doc)
	var want, got []string
	for key, v := range get(doc, "content", "indexedStructured").(map[string]any) {
		for _, leaf := range leaves(v) {
			want = append(want, key+"|"+leaf)
		}
	}
	for _, r := range tables[schema.Facets] {
		for _, col := range []string{"value", "qualifier"} {
			if s, ok := r[col].(string); ok {
				got = append(got, r["facet"].(string)+"|"+s)
			}
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facets lose or invent values (-json +facets):\n%s", diff)
	}
	levels := map[string]bool{}
	for _, r := range tables[schema.Facets] {
		if l, ok := r["level"].(string); ok {
			levels[r["facet"].(string)+":"+l] = true
		}
	}
	for _, l := range []string{"geoLocation:L2", "geoLocation:L3", "geoLocation:points.point.latitude", "exhibition:building", "brand_new_key:deep.deeper", "brand_new_key:deep.n"} {
		if !levels[l] {
			t.Errorf("no facet row at level %s; have %v", l, levels)
		}
	}

	census := map[string]string{}
	for _, c := range stats.Census() {
		census[c.Path] = c.KeptIn
	}
	for path, kept := range map[string]string{
		"content.indexedStructured.brand_new_key":                                     schema.KeptInFacets,
		"content.indexedStructured.tax_sub-family":                                    schema.KeptInFacets,
		"content.freetext.exhibitionHistory":                                          schema.KeptInFreetext,
		"status":                                                                      schema.KeptInObjectsExtra,
		"content.descriptiveNonRepeating.online_media.media[].caption":                schema.KeptInMediaExtra,
		"content.descriptiveNonRepeating.online_media.media[].resources[].attributes": schema.KeptInResourcesExtra,
	} {
		if census[path] != kept {
			t.Errorf("census %s: kept in %q, want %q", path, census[path], kept)
		}
	}

	ft := tables[schema.Freetext]
	if len(ft) != 3 {
		t.Fatalf("freetext rows %d, want 3: %v", len(ft), ft)
	}
	if ft[0]["category"] != "exhibitionHistory" || ft[0]["extra_json"] != `{"indexedContent":"x"}` || ft[1]["content"] != "bare text" || ft[1]["ordinal"] != float64(1) {
		t.Errorf("freetext rows: %v", ft[:2])
	}
	if ft[2]["content"] != "<i>html</i> 葛飾北斎" {
		t.Errorf("freetext content not kept as is: %q", ft[2]["content"])
	}

	m := tables[schema.Media][0]
	if m["alt_text"] != "a cat" || m["max_width"] != float64(6600) || m["max_height"] != float64(4400) {
		t.Errorf("media alt/size: %v %v %v", m["alt_text"], m["max_width"], m["max_height"])
	}
	res := m["resources"].([]any)
	if len(res) != 3 || get(res[0], "width") != float64(800) || !strings.Contains(get(res[2], "extra_json").(string), "DRACO_COMPRESSED") {
		t.Errorf("resources: %v", res)
	}
	if other := tables[schema.Other][0]; other["raw_json"] != unionRecords[2] || other["record_id"] != "sova-1" || other["type"] != "ead_collection" {
		t.Errorf("other row: %v", other)
	}
}

func TestAppendErrors(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := schema.NewBuilder(mem, "U")
	defer b.Release()
	var p fastjson.Parser
	for in, want := range map[string]error{
		`[1,2]`: schema.ErrNotObject,
		`{"type":"edanmdm","content":{"descriptiveNonRepeating":{}}}`:               schema.ErrNoRecordID,
		`{"type":"edanmdm","content":{"descriptiveNonRepeating":{"record_ID":""}}}`: schema.ErrNoRecordID,
		`{"type":"edanmdm"}`: schema.ErrNoRecordID,
	} {
		v, _ := p.Parse(in)
		if err := b.Append(v, []byte(in)); !errors.Is(err, want) {
			t.Errorf("Append(%s) = %v, want %v", in, err, want)
		}
	}
	if b.Rows() != [schema.NumTables]int{} {
		t.Errorf("rejected documents left rows: %v", b.Rows())
	}
}

func get(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// leaves returns every scalar under v as text (JSON text for numbers and
// booleans), object keys excluded.
func leaves(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case float64, bool:
		b, _ := json.Marshal(v)
		return []string{string(b)}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, leaves(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return nil
}

func TestExtraJSONKeysEscaped(t *testing.T) {
	line := `{"type":"edanmdm","unitCode":"U","we\"ird\u0001key":1,"content":{"descriptiveNonRepeating":{"record_ID":"r"}}}`
	tables, _ := buildRecords(t, []string{line})
	extra, _ := tables[schema.Objects][0]["extra_json"].(string)
	var m map[string]any
	if err := json.Unmarshal([]byte(extra), &m); err != nil {
		t.Fatalf("extra_json %q is not JSON: %v", extra, err)
	}
	if m["we\"ird\u0001key"] != float64(1) {
		t.Errorf("extra_json %v lost the key", m)
	}
}
