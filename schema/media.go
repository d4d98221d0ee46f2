package schema

import (
	"bytes"
	"strconv"

	"github.com/valyala/fastjson"
)

type mediaSummary struct{ count, images int }

// altTextKeys are the alt-text keys of every era, in order of preference:
// the first non-empty one fills alt_text.
var altTextKeys = [...]string{"altTextAccessibility", "text_equiv", "alt"}

var mediaKeys = keySet("type", "content", "thumbnail", "idsId", "guid", "id", "usage", "resources")

var resourceKeys = keySet("label", "url", "width", "height", "dimensions", "name", "type", "title", "category", "filename")

// appendMedia writes one media row per online_media.media[] item.
func (b *Builder) appendMedia(recordID []byte, om *fastjson.Value) mediaSummary {
	if om == nil {
		return mediaSummary{}
	}
	o, ok := asObject(om)
	if !ok {
		b.keepPath(&b.extra, secDNR, "online_media", om)
		return mediaSummary{}
	}
	items := elements(o.Get("media"))
	o.Visit(func(k []byte, v *fastjson.Value) {
		switch string(k) {
		case "media":
		case "mediaCount":
			// A count that agrees with media[] says nothing new.
			if n, ok := intValue(v); !ok || n != len(items) {
				b.keep(&b.extra, secOnlineMedia, k, v)
			}
		default:
			b.keep(&b.extra, secOnlineMedia, k, v)
		}
	})
	var sum mediaSummary
	for ord, item := range items {
		b.appendMediaItem(recordID, ord, item)
		sum.count++
		if bytes.Equal(item.GetStringBytes("type"), []byte("Images")) {
			sum.images++
		}
	}
	return sum
}

func (b *Builder) appendMediaItem(recordID []byte, ord int, item *fastjson.Value) {
	c := &b.med
	x := &b.itemBuf
	x.reset()
	c.recordID.BinaryBuilder.Append(recordID)
	c.ordinal.Append(int32(ord))
	o, ok := asObject(item)
	if !ok { // not an object: keep it whole
		for _, col := range []interface{ AppendNull() }{c.typ, c.contentURL, c.thumbnailURL, c.idsID, c.guid,
			c.mediaID, c.usageAccess, c.altText, c.maxWidth, c.maxHeight} {
			col.AppendNull()
		}
		c.isCC0.Append(false)
		c.resources.Append(true)
		b.keepPath(x, secMedia, "(item)", item)
		x.appendTo(c.extraJSON.BinaryBuilder)
		b.rows[Media]++
		return
	}
	var alt *fastjson.Value
	o.Visit(func(k []byte, v *fastjson.Value) {
		if mediaKeys[string(k)] {
			return
		}
		for _, ak := range altTextKeys {
			if string(k) == ak {
				if alt == nil && len(v.GetStringBytes()) > 0 {
					alt = v
					return
				}
			}
		}
		b.keep(x, secMedia, k, v)
	})
	b.str(c.typ, item.Get("type"), x, secMedia, "type")
	b.str(c.contentURL, item.Get("content"), x, secMedia, "content")
	b.str(c.thumbnailURL, item.Get("thumbnail"), x, secMedia, "thumbnail")
	b.str(c.idsID, item.Get("idsId"), x, secMedia, "idsId")
	b.str(c.guid, item.Get("guid"), x, secMedia, "guid")
	b.str(c.mediaID, item.Get("id"), x, secMedia, "id")
	usage := item.Get("usage")
	access := usage.Get("access")
	if uo, ok := asObject(usage); ok {
		b.str(c.usageAccess, access, x, secMedia, "usage.access")
		uo.Visit(func(k []byte, v *fastjson.Value) {
			if string(k) != "access" {
				b.keep(x, secMediaUsage, k, v)
			}
		})
	} else {
		c.usageAccess.AppendNull()
		if usage != nil {
			b.keepPath(x, secMedia, "usage", usage)
		}
	}
	c.isCC0.Append(bytes.Equal(access.GetStringBytes(), []byte("CC0")))
	if alt != nil {
		c.altText.BinaryBuilder.Append(alt.GetStringBytes())
	} else {
		c.altText.AppendNull()
	}
	w, h := b.appendResources(item.Get("resources"))
	if w > 0 && h > 0 {
		c.maxWidth.Append(int32(w))
		c.maxHeight.Append(int32(h))
	} else {
		c.maxWidth.AppendNull()
		c.maxHeight.AppendNull()
	}
	x.appendTo(c.extraJSON.BinaryBuilder)
	b.rows[Media]++
}

// appendResources appends the resources list and returns the width and
// height of the largest resource (by area): from width/height, else from
// `dimensions` ("3000x2423"), else from a `(6600x6600)` in the label.
func (b *Builder) appendResources(v *fastjson.Value) (maxW, maxH int) {
	c := &b.med
	c.resources.Append(true)
	if v == nil {
		return 0, 0
	}
	if v.Type() != fastjson.TypeArray {
		b.keepPath(&b.itemBuf, secMedia, "resources", v)
		return 0, 0
	}
	res, _ := v.Array()
	for _, r := range res {
		c.res.Append(true)
		x := &b.resBuf
		x.reset()
		o, ok := asObject(r)
		if !ok {
			for _, col := range []interface{ AppendNull() }{c.resLabel, c.resURL, c.resWidth, c.resHeight,
				c.resDimensions, c.resName, c.resType, c.resTitle, c.resCategory, c.resFilename} {
				col.AppendNull()
			}
			b.keepPath(x, secResources, "(item)", r)
			x.appendTo(c.resExtra.BinaryBuilder)
			continue
		}
		o.Visit(func(k []byte, val *fastjson.Value) {
			if !resourceKeys[string(k)] {
				b.keep(x, secResources, k, val)
			}
		})
		label := r.Get("label")
		b.str(c.resLabel, label, x, secResources, "label")
		b.str(c.resURL, r.Get("url"), x, secResources, "url")
		w, okW := b.resInt(c.resWidth, r.Get("width"), "width")
		h, okH := b.resInt(c.resHeight, r.Get("height"), "height")
		dims := r.Get("dimensions")
		b.str(c.resDimensions, dims, x, secResources, "dimensions")
		b.str(c.resName, r.Get("name"), x, secResources, "name")
		b.str(c.resType, r.Get("type"), x, secResources, "type")
		b.str(c.resTitle, r.Get("title"), x, secResources, "title")
		b.str(c.resCategory, r.Get("category"), x, secResources, "category")
		b.str(c.resFilename, r.Get("filename"), x, secResources, "filename")
		x.appendTo(c.resExtra.BinaryBuilder)

		if !okW || !okH {
			if w, h, okW = parseSize(dims.GetStringBytes()); !okW {
				w, h, _ = parseSize(labelSize(label.GetStringBytes()))
			}
		}
		if w*h > maxW*maxH {
			maxW, maxH = w, h
		}
	}
	return maxW, maxH
}

func (b *Builder) resInt(col interface {
	Append(int32)
	AppendNull()
}, v *fastjson.Value, key string) (int, bool) {
	if v == nil {
		col.AppendNull()
		return 0, false
	}
	n, ok := intValue(v)
	if !ok || n < 0 || n > 1<<31-1 {
		col.AppendNull()
		b.keepPath(&b.resBuf, secResources, key, v)
		return 0, false
	}
	col.Append(int32(n))
	return n, true
}

// intValue reads an integer given as a JSON number or a string of digits.
func intValue(v *fastjson.Value) (int, bool) {
	switch v.Type() {
	case fastjson.TypeNumber:
		n, err := v.Int()
		return n, err == nil
	case fastjson.TypeString:
		n, err := strconv.Atoi(string(v.GetStringBytes()))
		return n, err == nil
	}
	return 0, false
}

// labelSize returns the "6600x6600" inside "High-resolution JPEG (6600x6600)".
func labelSize(label []byte) []byte {
	open := bytes.LastIndexByte(label, '(')
	if open < 0 || !bytes.HasSuffix(label, []byte(")")) {
		return nil
	}
	return label[open+1 : len(label)-1]
}

// parseSize reads "WxH".
func parseSize(s []byte) (w, h int, ok bool) {
	ws, hs, found := bytes.Cut(s, []byte("x"))
	if !found {
		return 0, 0, false
	}
	w, err1 := strconv.Atoi(string(bytes.TrimSpace(ws)))
	h, err2 := strconv.Atoi(string(bytes.TrimSpace(hs)))
	if err1 != nil || err2 != nil || w <= 0 || h <= 0 {
		return 0, 0, false
	}
	return w, h, true
}
