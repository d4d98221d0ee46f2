package schema

import "github.com/apache/arrow-go/v18/arrow"

// Kind is what a column is: the Arrow type it is built, written and read
// as, and how its Parquet leaf columns are stored. Choosing a column's
// storage is choosing its Kind in Tables (str, distinctStr, repeatedStr).
type Kind struct {
	Arrow arrow.DataType
	// Dictionary stores the values dictionary-encoded: for values that
	// repeat (codes, labels, categories, units, numbers). Otherwise they
	// are plain, for mostly distinct values (identifiers, URLs, hashes,
	// titles, free text, JSON), whose dictionary would cost a hash-table
	// lookup per value and memory for every distinct value of a row group,
	// and save little that zstd on plain pages does not.
	Dictionary bool
	// Statistics keeps min/max statistics and the page index, which prune
	// a reader's scan; of free text or of ids in input order they prune
	// nothing.
	Statistics bool
	// fields are the kinds of the fields of a list of structs, by name; a
	// field not named is stored as the column is.
	fields map[string]Kind
}

// Leaf is one Parquet leaf column of a table and how it is stored.
type Leaf struct {
	// Path is the leaf's dotted path as Parquet names it: `record_id`,
	// `dates.list.element`, `resources.list.element.url`.
	Path       string
	Dictionary bool
	Statistics bool
}

// Leaves lists the table's Parquet leaf columns, in order, with their
// storage.
func (t *Table) Leaves() []Leaf {
	var leaves []Leaf
	for _, c := range t.Columns {
		leaves = appendLeaves(leaves, c.Name, c.Type.Arrow, c.Type)
	}
	return leaves
}

func appendLeaves(leaves []Leaf, path string, dt arrow.DataType, k Kind) []Leaf {
	switch dt := dt.(type) {
	case *arrow.ListType:
		return appendLeaves(leaves, path+".list.element", dt.Elem(), k)
	case *arrow.StructType:
		for _, f := range dt.Fields() {
			fk, ok := k.fields[f.Name]
			if !ok {
				fk = Kind{Dictionary: k.Dictionary, Statistics: k.Statistics}
			}
			leaves = appendLeaves(leaves, path+"."+f.Name, f.Type, fk)
		}
		return leaves
	}
	return append(leaves, Leaf{Path: path, Dictionary: k.Dictionary, Statistics: k.Statistics})
}

// field is a field of a struct in a column, with its kind.
type field struct {
	name string
	kind Kind
}

// listOfStructs is the kind of a list of structs with these fields, stored
// as each field's kind says.
func listOfStructs(fields ...field) Kind {
	arrowFields := make([]arrow.Field, len(fields))
	kinds := map[string]Kind{}
	for i, f := range fields {
		arrowFields[i] = arrow.Field{Name: f.name, Type: f.kind.Arrow, Nullable: true}
		kinds[f.name] = f.kind
	}
	return Kind{Arrow: arrow.ListOf(arrow.StructOf(arrowFields...)), Dictionary: true, Statistics: true, fields: kinds}
}
