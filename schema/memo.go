package schema

// memo remembers the results of a pure function of a string for one
// Builder: the corpus repeats its names and places (a collector on
// thousands of specimens, "United States" on millions of records), and
// parsing them again costs more than a map lookup. It holds at most
// maxMemoEntries results and starts afresh when full, so its memory is
// bounded; results never depend on what it holds. Not safe for concurrent
// use (a Builder is not).
type memo[T any] struct {
	m map[string]T
}

const maxMemoEntries = 8192

func (c *memo[T]) get(key []byte, f func(string) T) T {
	if v, ok := c.m[string(key)]; ok { // no allocation for the lookup
		return v
	}
	if c.m == nil || len(c.m) >= maxMemoEntries {
		c.m = make(map[string]T, 256)
	}
	s := string(key)
	v := f(s)
	c.m[s] = v
	return v
}
