package report

import (
	"fmt"
	"html/template"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/queries"
)

// provenance says what the page was made from: the manifest's run.
func (b *builder) provenance(p *Page) error {
	m, err := dataset.ReadManifest(b.db.Dataset)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	facts := []Fact{
		{"Report made", p.Made},
		{"Dataset", b.db.Dataset},
		{"Converted by", fmt.Sprintf("soa %s, dataset schema version %d", orDefault(m.ToolVersion, "(unknown version)"), m.SchemaVersion)},
		{"Inputs", inputsSummary(m)},
		{"Records", thousands(float64(m.Records))},
		{"Rejects", rejectsSummary(m)},
	}
	if m.Shard != nil {
		facts = append(facts, Fact{"Shard", m.Shard.String() + " of a sharded conversion: this dataset holds only its share of the inputs"})
	}
	var tables []string
	for _, t := range m.Tables {
		tables = append(tables, fmt.Sprintf("%s %s rows", t.Name, thousands(float64(t.Rows))))
	}
	facts = append(facts, Fact{"Tables", fmt.Sprintf("%s; %s of Parquet", strings.Join(tables, ", "), byteSize(m.OutputBytes()))})
	if d := m.Dates; d.Values > 0 || d.RecordsWithYear > 0 {
		facts = append(facts, Fact{"Dates", fmt.Sprintf("%s records with a year; %s of %s date values not parsed (listed in the manifest)",
			thousands(float64(d.RecordsWithYear)), thousands(float64(d.Unparsed)), thousands(float64(d.Values)))})
	}
	if m.CoordinatesUnparsed > 0 {
		facts = append(facts, Fact{"Coordinates", thousands(float64(m.CoordinatesUnparsed)) + " points out of range or not numbers, left out"})
	}
	p.Provenance = facts
	return nil
}

func inputsSummary(m *dataset.Manifest) string {
	var bytes int64
	codecs := map[string]int{}
	var paths []string
	for _, in := range m.Inputs {
		bytes += in.Bytes
		codec := in.Codec
		if codec == "" || codec == "none" {
			codec = "uncompressed"
		}
		codecs[codec]++
		paths = append(paths, in.Path)
	}
	var kinds []string
	for c, n := range codecs {
		kinds = append(kinds, fmt.Sprintf("%d %s", n, c))
	}
	slices.Sort(kinds)
	s := fmt.Sprintf("%s, %s (%s)", plural(len(m.Inputs), "file", "files"), byteSize(bytes), strings.Join(kinds, ", "))
	switch {
	case m.Source != nil && len(m.Source.URLs) > 0:
		s += " from " + strings.Join(m.Source.URLs, ", ")
		if m.Source.Endpoint != "" {
			s += " at " + m.Source.Endpoint
		}
	case len(paths) > 0 && len(paths) <= 3:
		s += ": " + strings.Join(paths, ", ")
	case len(paths) > 3:
		s += " under " + commonDir(paths)
	}
	if len(m.Skipped) > 0 {
		s += fmt.Sprintf("; %s skipped (listed in the manifest)", plural(len(m.Skipped), "file", "files"))
	}
	return s
}

func rejectsSummary(m *dataset.Manifest) string {
	if m.Rejects == 0 {
		return "none"
	}
	s := fmt.Sprintf("%s records not converted (%s of the input), kept with their reasons in _rejects/",
		thousands(float64(m.Rejects)), share(float64(m.Rejects), float64(m.Records+m.Rejects)))
	if m.UTF8Repaired > 0 {
		s += fmt.Sprintf("; %s records had invalid UTF-8 repaired", thousands(float64(m.UTF8Repaired)))
	}
	return s
}

func commonDir(paths []string) string {
	dir := filepath.Dir(paths[0])
	for _, p := range paths[1:] {
		for dir != "." && dir != "/" && !strings.HasPrefix(p, dir+"/") {
			dir = filepath.Dir(dir)
		}
	}
	return dir
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(float64(n)) + " " + many
}

func byteSize(n int64) string {
	f := float64(n)
	for _, u := range []string{"bytes", "kB", "MB", "GB"} {
		if f < 1000 || u == "GB" {
			if u == "bytes" {
				return strconv.FormatInt(n, 10) + " bytes"
			}
			return strconv.FormatFloat(f, 'f', 1, 64) + " " + u
		}
		f /= 1000
	}
	return ""
}

// fillFields are the columns of fill_rates_by_unit the heatmap draws, with
// their headings.
var fillFields = []struct{ Column, Heading string }{
	{"title", "title"}, {"guid", "guid"}, {"record_link", "link"}, {"dates", "dates"},
	{"year", "year"}, {"year_precise", "exact year"}, {"object_types", "object types"}, {"topics", "topics"},
	{"places", "places"}, {"names", "names"}, {"country", "country"}, {"coordinates", "coord\u00adinates"},
	{"taxonomy", "taxonomy"}, {"scientific_names", "scientific names"}, {"genus", "genus"}, {"media", "media"},
}

// fillRates draws the unit × field heatmap of fill_rates_by_unit.
func (b *builder) fillRates(p *Page) error {
	res, err := b.run("fill_rates_by_unit", nil)
	if err != nil {
		return err
	}
	names := b.unitNames()
	var s strings.Builder
	fmt.Fprintf(&s, `<p class="hint">Scroll the table sideways for all %d fields.</p>`, len(fillFields))
	s.WriteString(`<div class="scroll"><table class="heat"><thead><tr><th class="unit">unit</th>`)
	for _, f := range fillFields {
		fmt.Fprintf(&s, `<th title="%s">%s</th>`, esc(f.Column), esc(f.Heading))
	}
	s.WriteString(`</tr></thead><tbody>`)
	for i := range res.rows {
		r := res.row(i)
		code := queries.Text(r["unit_code"])
		fmt.Fprintf(&s, `<tr><th class="unit" title="%s">%s <span class="bar-sub">%s · %s</span></th>`,
			esc(code), esc(orDefault(names[code], code)), esc(code), thousands(num(r["records"])))
		for _, f := range fillFields {
			v := num(r[f.Column])
			class := ""
			if v > 0.55 {
				class = ` class="dark"`
			}
			fmt.Fprintf(&s, `<td%s style="background:%s" title="%s, %s: %s">%s</td>`,
				class, heatColour(v), esc(code), esc(f.Column), percent(v), fillText(v))
		}
		s.WriteString(`</tr>`)
	}
	s.WriteString(`</tbody></table></div>`)
	p.Charts = append(p.Charts, Chart{"fill", "Where the data is thin: fill rates by unit and field",
		"Percent of each unit's records in which the field is filled (a value, a list not empty); units by size. year: a year_start or year_end; exact year: known to the year or better; coordinates: a latitude and longitude; taxonomy: a kingdom. Query fill_rates_by_unit.",
		template.HTML(s.String())})
	return nil
}

// fillText writes a fill rate as a whole percent, never rounding a rate
// above 0 to 0 or one below 1 to 100.
func fillText(v float64) string {
	switch {
	case v <= 0:
		return "0"
	case v < 0.005:
		return "<1"
	case v >= 1:
		return "100"
	case v > 0.99:
		return ">99"
	}
	return strconv.Itoa(int(math.Round(100 * v)))
}

// heatColour blends from a pale grey (0) to a deep blue (1).
func heatColour(v float64) string {
	v = math.Max(0, math.Min(1, v))
	from, to := [3]float64{0xf1, 0xf3, 0xf7}, [3]float64{0x1f, 0x4e, 0x8c}
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(from[i] + (to[i]-from[i])*v))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// taxonomyUnits is how many units the taxonomy chart shows.
const taxonomyUnits = 9

// taxonomy draws, for the units whose records carry taxonomy, their most
// common classes.
func (b *builder) taxonomy(p *Page) error {
	res, err := b.run("taxonomy_by_unit", map[string]string{"limit": "6"})
	if err != nil {
		return err
	}
	names := b.unitNames()
	specimens, err := b.specimens()
	if err != nil {
		return err
	}
	type unit struct {
		code  string
		n     float64
		rows  []barRow
		shown float64
	}
	var units []*unit
	notSpecimens := 0
	for i := range res.rows {
		r := res.row(i)
		code := queries.Text(r["unit_code"])
		// A unit's records with taxonomy are its specimens when most of
		// them carry a scientific name (taxon_role specimen); the others
		// (a library's books filed under a class, a vase under a family)
		// are about the taxon, and their classes are no collection.
		if specimens[code] <= num(r["unit_records"])/2 {
			if len(units) == 0 || units[len(units)-1].code != code {
				notSpecimens++
				units = append(units, &unit{code: code, n: -1})
			}
			continue
		}
		if len(units) == 0 || units[len(units)-1].code != code {
			units = append(units, &unit{code: code, n: num(r["unit_records"])})
		}
		u := units[len(units)-1]
		n := num(r["records"])
		u.shown += n
		u.rows = append(u.rows, barRow{
			Label: orDefault(queries.Text(r["class"]), "(no class)"), Sub: queries.Text(r["kingdom"]),
			Value: n / math.Max(u.n, 1), Text: thousands(n) + " · " + share(n, u.n),
		})
	}
	var s strings.Builder
	s.WriteString(`<div class="multiples">`)
	left := 0
	shown := units[:0]
	for _, u := range units {
		if u.n >= 0 {
			shown = append(shown, u)
		}
	}
	units = shown
	for i, u := range units {
		if i >= taxonomyUnits {
			left++
			continue
		}
		rows := u.rows
		if rest := u.n - u.shown; rest > 0 {
			rows = append(rows, barRow{Label: "other classes", Value: rest / math.Max(u.n, 1), Text: thousands(rest) + " · " + share(rest, u.n), Faint: true})
		}
		fmt.Fprintf(&s, `<div class="multiple"><h3>%s <span class="bar-sub">%s · %s with taxonomy</span></h3>%s</div>`,
			esc(orDefault(names[u.code], u.code)), esc(u.code), plural(int(u.n), "record", "records"), barList(rows, "share"))
	}
	s.WriteString(`</div>`)
	caption := "The natural-history units' specimens by class (with its kingdom): for each unit most of whose records with a kingdom, class or family are specimens (they carry a scientific name: taxon_role specimen), the classes of those records, largest units first."
	if left > 0 {
		caption += fmt.Sprintf(" %s with fewer records with taxonomy are left out.", plural(left, "unit", "units"))
	}
	if notSpecimens > 0 {
		caption += fmt.Sprintf(" Not shown: %s whose records with taxonomy are mostly about a taxon rather than specimens of it (taxon_role subject).", plural(notSpecimens, "unit", "units"))
	}
	caption += " Queries taxonomy_by_unit, limit 6, and fill_rates_by_unit (scientific_names)."
	p.Charts = append(p.Charts, Chart{"taxonomy", "Taxonomy of the natural-history units", caption, template.HTML(s.String())})
	return nil
}

// specimens reads, per unit, how many records carry a scientific name: the
// records whose taxon_role is specimen. fill_rates_by_unit gives the share
// to three decimals, so the count is within half a thousandth of the
// unit's records, close enough to tell a unit of specimens from one of
// subjects.
func (b *builder) specimens() (map[string]float64, error) {
	res, err := b.run("fill_rates_by_unit", nil)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for i := range res.rows {
		r := res.row(i)
		out[queries.Text(r["unit_code"])] = num(r["scientific_names"]) * num(r["records"])
	}
	return out, nil
}

// countryLimit is how many countries the countries chart draws.
const countryLimit = 15

// noCountry is the one name the report gives a record without a country.
const noCountry = "no country"

// countries draws the most common countries (first geoLocation country).
func (b *builder) countries(p *Page) error {
	// top_places ranks every country when the limit is above their number;
	// the first countryLimit are drawn and the rest summed in the caption.
	const all = 10000
	res, err := b.run("top_places", map[string]string{"limit": strconv.Itoa(all)})
	if err != nil {
		return err
	}
	var rows []barRow
	var withCountry, others float64
	var listed int
	for i := range res.rows {
		r := res.row(i)
		if queries.Text(r["kind"]) != "country" {
			continue
		}
		n := num(r["records"])
		withCountry += n
		listed++
		if listed > countryLimit {
			others += n
			continue
		}
		rows = append(rows, barRow{Label: queries.Text(r["place"]), Value: n, Text: thousands(n) + " · " + share(n, b.total)})
	}
	caption := fmt.Sprintf("The %s with most records, by each record's country (objects.country: the ISO 3166 English short name when its place is an ISO country, so USA and United States of America are one; else the text as the unit writes it), with the share of all %s.",
		plural(len(rows), "country", "countries"), plural(int(b.total), "record", "records"))
	if listed < all {
		if others > 0 {
			caption += fmt.Sprintf(" Not drawn: %s in %s more.", plural(int(others), "record", "records"), plural(listed-countryLimit, "country", "countries"))
		}
		caption += fmt.Sprintf(" Records with %s: %s (%s).", noCountry, thousands(b.total-withCountry), share(b.total-withCountry, b.total))
	}
	caption += fmt.Sprintf(" Query top_places (kind country), limit %d.", all)
	p.Charts = append(p.Charts, Chart{"countries", "Records by country", caption, barList(rows, "")})
	return nil
}
