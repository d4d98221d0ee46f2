package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/front/ui"
)

func mergeCommand() *command {
	return &command{
		name:  "merge",
		exits: []int{0, 1, 2, 3, 5, 6, 130},
		usage: "-o OUT SHARD_DATASET...",
		short: "put the datasets of soa convert --shard i/n together",
		long: `Merge takes the n datasets written by soa convert --shard 1/n … n/n (same
input, same soa) and writes OUT: the dataset a single run would have
written, byte for byte (the manifest's timings aside). Part files are
hard-linked where the file system allows, else copied, so the shard
datasets can be removed afterwards. When OUT holds a dataset, the merge
records its changes from it and is refused by the publish gate like a
convert (status 6: see soa help convert); --allow-shrink publishes anyway.

Example, three processes (or three machines, then copy the folders to one):
  soa convert --shard 1/3 -o part1 metadata/objects
  soa convert --shard 2/3 -o part2 metadata/objects
  soa convert --shard 3/3 -o part3 metadata/objects
  soa merge -o dataset part1 part2 part3`,
		define: func(fs *flag.FlagSet) runFunc {
			out := fs.String("o", "", "output dataset `folder` (required)")
			allowShrink := fs.Bool("allow-shrink", false, "publish even if the merge loses more than 5% of OUT's records, or more than half of a unit's (exit status 6 otherwise)")
			return func(ctx context.Context, e env, args []string) error {
				if *out == "" {
					return usageError{errors.New("merge: -o OUT is required")}
				}
				if len(args) == 0 {
					return usageError{errors.New("merge: give the shard datasets of every soa convert --shard process")}
				}
				m, err := dataset.MergeWith(ctx, *out, args, dataset.MergeOptions{AllowShrink: *allowShrink})
				if err != nil {
					if errors.Is(err, dataset.ErrNotShardDataset) {
						return fmt.Errorf("%w; merge takes the folders written by soa convert --shard 1/n … n/n over the same input", err)
					}
					return err
				}
				ui.Summary(e.stdout, m, *out, len(args))
				return rejectsStatus(m, *out)
			}
		},
	}
}
