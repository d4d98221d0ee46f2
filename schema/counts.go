package schema

// counts counts distinct strings, keeping at most maxUnparsedExamples of
// them: the smallest in byte order, with exact counts. A key dropped here
// is dropped from any merge of these counts too (every kept key is smaller
// than it), and a kept key's count is exact, so merging in any order gives
// the same counts. The zero value is empty and ready to use.
type counts struct {
	m        map[string]*int64 // a pointer, so that counting a known key from bytes does not allocate
	maxKey   string            // the largest key, when maxKnown
	maxKnown bool
}

// add counts key n times.
func (c *counts) add(key []byte, n int64) {
	if p := c.m[string(key)]; p != nil {
		*p += n
		return
	}
	c.insert(string(key), n)
}

func (c *counts) addString(key string, n int64) {
	if p := c.m[key]; p != nil {
		*p += n
		return
	}
	c.insert(key, n)
}

// insert adds a key not yet counted, making room by dropping the largest
// key when the list is full and key is smaller than it.
func (c *counts) insert(key string, n int64) {
	if c.m == nil {
		c.m = make(map[string]*int64)
	}
	if len(c.m) >= maxUnparsedExamples {
		if !c.maxKnown {
			first := true
			for k := range c.m {
				if first || k > c.maxKey {
					c.maxKey, first = k, false
				}
			}
			c.maxKnown = true
		}
		if key >= c.maxKey {
			return
		}
		delete(c.m, c.maxKey)
		c.maxKnown = false // the next largest is found when needed
	}
	c.m[key] = &n
}

func (c *counts) merge(o *counts) {
	for k, p := range o.m {
		c.addString(k, *p)
	}
}

// values returns the counts as a new map (empty, not nil, when none).
func (c *counts) values() map[string]int64 {
	out := make(map[string]int64, len(c.m))
	for k, p := range c.m {
		out[k] = *p
	}
	return out
}

// set replaces the counts with m (saved stats being restored).
func (c *counts) set(m map[string]int64) {
	*c = counts{}
	for k, n := range m {
		c.addString(k, n)
	}
}
