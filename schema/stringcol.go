package schema

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// bytesColumn is a string column appended to from bytes: an Arrow
// StringBuilder's BinaryBuilder, or a stringCol.
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
// ones, sized for as much as the last batch held: the next file of a unit
// is usually the size of the last.
type stringCol struct {
	offsets []int32 // rows+1 of them, from 0
	data    []byte
	valid   []byte // validity bitmap, a bit per row; nil until a row is null
	rows    int
	nulls   int
}

func newStringCol() *stringCol {
	return &stringCol{offsets: []int32{0}}
}

// Append adds a value (an empty one when v is empty, not a null).
func (c *stringCol) Append(v []byte) {
	c.data = append(c.data, v...)
	c.offsets = append(c.offsets, int32(len(c.data)))
	if c.valid != nil {
		c.setValid(true)
	}
	c.rows++
}

// AppendNull adds a null.
func (c *stringCol) AppendNull() {
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

// newArray returns the rows appended as a string array and starts the
// next batch with empty slices of the same capacity.
func (c *stringCol) newArray() arrow.Array {
	if len(c.data) > math.MaxInt32 {
		// A batch is one input file's rows of a table; the largest dump
		// file holds far less than 2 GiB of text in one column.
		panic(fmt.Sprintf("soa: a string column of one batch holds %d bytes, more than a string array can", len(c.data)))
	}
	var validity *memory.Buffer
	if c.nulls > 0 {
		validity = memory.NewBufferBytes(c.valid)
	}
	data := array.NewData(arrow.BinaryTypes.String, c.rows,
		[]*memory.Buffer{validity, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(c.offsets)), memory.NewBufferBytes(c.data)},
		nil, c.nulls, 0)
	defer data.Release()
	a := array.MakeFromData(data)
	rows, bytes := c.rows, len(c.data)
	*c = stringCol{offsets: make([]int32, 1, rows+1), data: make([]byte, 0, bytes)}
	return a
}
