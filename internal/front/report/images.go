package report

import (
	"fmt"

	"github.com/soa-project/soa/queries"
)

// cc0Images: the CC0 images of each unit, what `soa export images` writes,
// and how many of them the records give a pixel size for (img2dataset can
// pick or skip images by size only when it is known).
func (b *builder) cc0Images(p *Page) error {
	res, err := b.run("cc0_images_by_unit", nil)
	if err != nil {
		return err
	}
	names := b.unitNames()
	var rows []barRow
	var total, sized float64
	for i := range res.rows {
		r := res.row(i)
		code := queries.Text(r["unit_code"])
		n, with := num(r["cc0_images"]), num(r["with_size"])
		total += n
		sized += with
		rows = append(rows, barRow{
			Label: orDefault(names[code], code), Sub: code, Value: n,
			Text: fmt.Sprintf("%s · %s with pixel size, %s without", thousands(n), thousands(with), thousands(num(r["without_size"]))),
		})
	}
	caption := fmt.Sprintf("CC0 images (media of type Images that are CC0) by unit: %s in all, %s of them with the pixel size of their largest rendition. ", thousands(total), share(sized, total))
	caption += "soa export images writes them, with IIIF URLs, for img2dataset. Query cc0_images_by_unit."
	p.Charts = append(p.Charts, Chart{"cc0-images", "CC0 images by unit", caption, barList(rows, "")})
	return nil
}
