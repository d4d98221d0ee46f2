package schema

import (
	"bytes"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/valyala/fastjson"
)

// appendIndexed writes every leaf of indexedStructured to facets, appends
// the objects columns it fills as given (lists, continent, first taxonomy
// values) and notes in the view what the derived columns read.
func (b *Builder) appendIndexed(recordID []byte, v *fastjson.Value) {
	view := &b.view

	if o, ok := asObject(v); ok {
		o.Visit(func(key []byte, val *fastjson.Value) {
			elems := elements(val)
			for ord, e := range elems {
				b.facetLeaves(recordID, key, ord, e, nil)
			}
			if string(key) == "geoLocation" {
				view.geoElements += len(elems)
				for _, e := range elems {
					view.geoFirsts(e)
				}
				return
			}
			col, mapped := indexedKeys[string(key)]
			if bytes.HasPrefix(key, []byte("tax_")) {
				view.taxonKeys = true
			}
			if !mapped {
				b.stats.count(secIndexed, key, b.unit)
				return
			}
			for _, e := range elems {
				text, ok := scalarText(e, nil)
				var typ []byte
				if !ok && e.Type() == fastjson.TypeObject { // name objects {type, content}
					text, ok = scalarText(e.Get("content"), nil)
					typ = e.GetStringBytes("type")
				}
				if !ok {
					continue
				}
				if col == listNames {
					view.names = append(view.names, indexedName{text, typ})
				}
				if col >= 0 {
					view.lists[col] = append(view.lists[col], text)
				} else if first := -1 - col; view.firsts[first] == nil {
					view.firsts[first] = text
				}
			}
		})
	} else if v != nil {
		b.keepPath(&b.extra, secContent, "indexedStructured", v)
	}

	c := &b.obj
	for i, values := range view.lists {
		lb := c.lists[i]
		lb.Append(true)
		vb := lb.ValueBuilder().(*array.StringBuilder)
		for _, s := range values {
			vb.BinaryBuilder.Append(s)
		}
	}
	for i, s := range view.firsts {
		if i >= firstCountry && i <= firstCity {
			continue // derived: the place may come from freetext (objectPlace)
		}
		if s == nil {
			c.firsts[i].AppendNull()
		} else {
			c.firsts[i].BinaryBuilder.Append(s)
		}
	}
}

// geoFirsts takes the first value of each level L1..L5 and the first point.
func (view *recordView) geoFirsts(e *fastjson.Value) {
	o, ok := asObject(e)
	if !ok {
		return
	}
	o.Visit(func(k []byte, v *fastjson.Value) {
		if i, ok := geoLevels[string(k)]; ok {
			text, ok := scalarText(v, nil)
			if !ok {
				text, ok = scalarText(v.Get("content"), nil)
			}
			if ok && i == firstCountry {
				view.geoL2 = append(view.geoL2, text)
			}
			if ok && view.firsts[i] == nil {
				view.firsts[i] = text
			}
			return
		}
		if string(k) == "points" && view.lat == nil {
			for _, p := range elements(v) {
				for _, pt := range elements(p.Get("point")) {
					if la, lo := pt.Get("latitude"), pt.Get("longitude"); la != nil && lo != nil {
						view.lat, view.lon = la, lo
						return
					}
				}
			}
		}
	})
}

// facetLeaves writes one facets row per leaf of e, the ord-th element of
// indexedStructured[key]. A {type, content} object gives one row with the
// type as qualifier; other object keys extend level with their path.
func (b *Builder) facetLeaves(recordID, key []byte, ord int, e *fastjson.Value, level []byte) {
	switch e.Type() {
	case fastjson.TypeArray:
		a, _ := e.Array()
		for _, x := range a {
			b.facetLeaves(recordID, key, ord, x, level)
		}
	case fastjson.TypeObject:
		o, _ := asObject(e)
		content := o.Get("content")
		typ := o.Get("type")
		hasContent := content != nil && content.Type() != fastjson.TypeObject && content.Type() != fastjson.TypeArray
		typeIsQualifier := hasContent && typ != nil && typ.Type() == fastjson.TypeString
		if hasContent {
			var q []byte
			if typeIsQualifier {
				q = typ.GetStringBytes()
			}
			b.facetRow(recordID, key, ord, content, q, level)
		}
		o.Visit(func(k []byte, v *fastjson.Value) {
			if hasContent && string(k) == "content" || typeIsQualifier && string(k) == "type" {
				return
			}
			n := len(b.path)
			if len(level) > 0 {
				b.path = append(b.path, level...)
				b.path = append(b.path, '.')
			}
			b.path = append(b.path, k...)
			b.facetLeaves(recordID, key, ord, v, b.path[n:])
			b.path = b.path[:n]
		})
	default:
		b.facetRow(recordID, key, ord, e, nil, level)
	}
}

func (b *Builder) facetRow(recordID, key []byte, ord int, v *fastjson.Value, qualifier, level []byte) {
	c := &b.fac
	c.recordID.Append(recordID)
	c.facet.Append(key)
	c.ordinal.Append(int32(ord))
	if text, ok := scalarText(v, b.numBuf); ok {
		c.value.Append(text)
	} else {
		c.value.AppendNull() // JSON null
	}
	if qualifier == nil {
		c.qualifier.AppendNull()
	} else {
		c.qualifier.Append(qualifier)
	}
	if level == nil {
		c.level.AppendNull()
	} else {
		c.level.Append(level)
	}
	b.rows[Facets]++
}
