package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/soa-project/soa/schema"
)

func schemaCommand() *command {
	return &command{
		name:  "schema",
		exits: []int{0, 1, 2},
		usage: "[--format text|markdown|json]",
		short: "print the data dictionary: every table and column, its type and source",
		long: `Schema prints the data dictionary (table, column, type, source JSON path,
meaning), generated from the code that builds the tables. docs/DATA_DICTIONARY.md
is this command's markdown output.`,
		define: func(fs *flag.FlagSet) runFunc {
			format := fs.String("format", "text", "output format: text, markdown or json")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Errorf("schema takes no arguments, got %q", args)}
				}
				switch *format {
				case "text":
					return schema.WriteText(e.stdout)
				case "markdown":
					return schema.WriteMarkdown(e.stdout)
				case "json":
					return schema.WriteJSON(e.stdout)
				}
				return usageError{fmt.Errorf("unknown format %q (want text, markdown or json)", *format)}
			}
		},
	}
}
