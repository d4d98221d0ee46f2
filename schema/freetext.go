package schema

import (
	"github.com/valyala/fastjson"
)

// appendFreetext writes one freetext row per {label, content} item, in input
// order, and notes in the view the items the derived columns read. Every
// category is counted in the census: none has a column.
func (b *Builder) appendFreetext(recordID []byte, v *fastjson.Value) {
	if v == nil {
		return
	}
	o, ok := asObject(v)
	if !ok {
		b.keepPath(&b.extra, secContent, "freetext", v)
		return
	}
	c := &b.ftx
	var seen [numViewCategories]bool
	o.Visit(func(category []byte, items *fastjson.Value) {
		b.stats.count(secFreetext, category, b.unit)
		elems := elements(items)
		b.view.freetextCategory(category, elems, &seen)
		for ord, item := range elems {
			c.recordID.Append(recordID)
			c.category.Append(category)
			c.ordinal.Append(int32(ord))
			x := &b.itemBuf
			x.reset()
			if item.Type() == fastjson.TypeObject {
				for _, f := range [...]struct {
					col *stringCol
					key string
				}{{c.label, "label"}, {c.content, "content"}} {
					switch v := item.Get(f.key); {
					case v == nil:
						f.col.AppendNull()
					case v.Type() == fastjson.TypeString:
						f.col.Append(v.GetStringBytes())
					default: // kept in the item's extra_json, under its own key
						f.col.AppendNull()
						x.add([]byte(f.key), v)
					}
				}
				io, _ := asObject(item)
				io.Visit(func(k []byte, val *fastjson.Value) {
					if string(k) != "label" && string(k) != "content" {
						x.add(k, val)
					}
				})
			} else {
				// A bare string is a content without a label; anything else is kept whole.
				c.label.AppendNull()
				if item.Type() == fastjson.TypeString {
					c.content.Append(item.GetStringBytes())
				} else {
					c.content.AppendNull()
					x.add([]byte("(item)"), item)
				}
			}
			x.appendTo(c.extraJSON)
			b.rows[Freetext]++
		}
	})
}
