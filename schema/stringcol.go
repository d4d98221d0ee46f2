package schema

import (
	"fmt"
	"math"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// bytesColumn is a string column appended to from bytes: an Arrow
// StringBuilder's BinaryBuilder, or a stringCol. It lets the helpers shared
// by every table (extraJSON.appendTo) write to either.
type bytesColumn interface {
	Append(v []byte)
	AppendNull()
}

// stringCol builds a string column in plain Go slices and hands them to
// Arrow whole. It is for the columns of the long tables (facets, freetext:
// 17 rows per record), where array.BinaryBuilder's per-value bookkeeping
// (a capacity check on each of its three buffers, an offset appended
// through a function value) cost more than copying the bytes (issue #25:
// appends were 8.7% of a 1M-record conversion's CPU).
//
// A batch's slices become its array's buffers, so each batch starts new
// ones: from nothing, or sized for as much as the last batch held when
// Builder.makeRoom calls reserve.
type stringCol struct {
	offsets []int32 // rows+1 of them, from 0; nil before the batch's first row
	data    []byte
	valid   []byte // validity bitmap, a bit per row; nil until a row is null
	rows    int
	nulls   int

	lastRows, lastBytes int // what the last batch held, for reserve
}

func newStringCol() *stringCol { return &stringCol{} }

// reserve starts the batch with room for as much as the last one held.
func (c *stringCol) reserve() {
	if c.rows == 0 && c.lastRows > 0 {
		c.offsets = append(make([]int32, 0, c.lastRows+1), 0)
		c.data = make([]byte, 0, c.lastBytes)
	}
}

// Append adds a value (an empty one when v is empty, not a null).
func (c *stringCol) Append(v []byte) {
	if c.offsets == nil {
		c.offsets = []int32{0}
	}
	c.data = append(c.data, v...)
	c.offsets = append(c.offsets, int32(len(c.data)))
	if c.valid != nil {
		c.setValid(true)
	}
	c.rows++
}

// AppendNull adds a null.
func (c *stringCol) AppendNull() {
	if c.offsets == nil {
		c.offsets = []int32{0}
	}
	c.offsets = append(c.offsets, int32(len(c.data)))
	if c.valid == nil {
		// The rows so far are all valid.
		c.valid = make([]byte, (c.rows+8)/8, cap(c.offsets)/8+1)
		for i := range c.rows / 8 {
			c.valid[i] = 0xff
		}
		c.valid[c.rows/8] = byte(1)<<(c.rows%8) - 1
	} else {
		c.setValid(false)
	}
	c.nulls++
	c.rows++
}

// setValid records row c.rows's validity in an existing bitmap.
func (c *stringCol) setValid(ok bool) {
	byteIdx, bit := c.rows/8, byte(1)<<(c.rows%8)
	if byteIdx == len(c.valid) {
		c.valid = append(c.valid, 0)
	}
	if ok {
		c.valid[byteIdx] |= bit
	}
}

// Len is the number of rows appended since the last array.
func (c *stringCol) Len() int { return c.rows }

// newArray returns the rows appended as a string array; the next batch
// starts empty. A slice filled to less than half of a reserve larger than
// 64 KiB is copied to its size first: the batch's buffers are held by the
// table writer, which counts their length, not their capacity.
func (c *stringCol) newArray() arrow.Array {
	if len(c.data) > math.MaxInt32 {
		// A batch holds at most 4,096 documents or 16 MiB of their JSON
		// (convert), but a record's id is repeated on each of its facets
		// and freetext rows, so a document with a huge id and many rows can
		// still overflow 32-bit offsets. arrow-go's builder would wrap them
		// silently; stopping says what happened.
		panic(fmt.Sprintf("soa: one batch of a string column holds %d bytes, over the 2 GiB a string array can: "+
			"a document of this input repeats a very long record id on many rows; split the input file and convert again", len(c.data)))
	}
	if c.offsets == nil {
		c.offsets = []int32{0}
	}
	c.offsets = rightSize(c.offsets, 4)
	c.data = rightSize(c.data, 1)
	var validity *memory.Buffer
	if c.nulls > 0 {
		validity = memory.NewBufferBytes(c.valid)
	}
	data := array.NewData(arrow.BinaryTypes.String, c.rows,
		[]*memory.Buffer{validity, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(c.offsets)), memory.NewBufferBytes(c.data)},
		nil, c.nulls, 0)
	defer data.Release()
	a := array.MakeFromData(data)
	*c = stringCol{lastRows: c.rows, lastBytes: len(c.data)}
	return a
}

// rightSize returns s, or a copy of it without spare capacity when more than
// half of a capacity over 64 KiB (elemSize bytes an element) is unused.
func rightSize[T any](s []T, elemSize int) []T {
	if spare := cap(s) - len(s); spare > len(s) && spare*elemSize > 64<<10 {
		return slices.Clone(s)
	}
	return s
}
