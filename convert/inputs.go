package convert

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/soa-project/soa/dataset"
	"github.com/soa-project/soa/internal/input/source"
)

// listInputs expands opts.Inputs: local folders and files, stdin, s3://
// URLs, or paths in opts.FS.
func listInputs(ctx context.Context, opts *Options, counters *Counters) (source.Listing, error) {
	if opts.FS != nil {
		return source.ListFS(opts.FS, opts.Inputs)
	}
	l, err := source.List(ctx, opts.Inputs, opts.Stdin, source.RemoteOptions{
		Endpoint:     opts.Endpoint,
		IdleTimeout:  opts.RemoteIdleTimeout,
		RetryBackoff: opts.RemoteRetryBackoff,
		Connections:  2 * opts.workers(),
		Retries:      &counters.Retries,
		Logger:       opts.logger(),
	})
	if l.Remote != nil {
		counters.Remote.Store(true)
	}
	return l, err
}

// manifestSource is what the manifest says of the remote inputs.
func manifestSource(l *source.Listing) *dataset.Source {
	if l.Remote == nil {
		return nil
	}
	return &dataset.Source{URLs: l.Remote.URLs, Endpoint: l.Remote.Endpoint, Region: l.Remote.Region}
}

// checkUnchanged says whether every input is still the one listed at the
// start of the run, so that a dump still being written (an rsync in
// progress) never yields a dataset of some files before and some after:
// files converted early, files taken over by reuse and files read last are
// all checked once everything has been read.
func checkUnchanged(inputs []indexedInput) error {
	var errs []error
	for _, in := range inputs {
		if in.Check == nil {
			continue
		}
		if err := in.Check(); err != nil {
			errs = append(errs, err)
		}
	}
	return changedError(errs)
}

// changedError reports the inputs that changed, a few by name.
func changedError(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%w; %s", errs[0], changedAdvice)
	}
	var b strings.Builder
	for i, err := range errs[:min(len(errs), 3)] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(strings.TrimPrefix(err.Error(), source.ErrChanged.Error()+": "))
	}
	return fmt.Errorf("%w: %d inputs, such as %s; %s", source.ErrChanged, len(errs), b.String(), changedAdvice)
}

const changedAdvice = "the input is still being written (a copy or an rsync in progress?): wait until it is complete, then run again; nothing was written"

// inputVersion fills what a reader knows of the version it read.
func inputVersion(file *dataset.InputFile, rc any) {
	v, ok := rc.(source.Versioned)
	if !ok {
		return
	}
	ver := v.Version()
	file.ETag = ver.ETag
	if !ver.LastModified.IsZero() {
		file.LastModified = ver.LastModified.UTC().Format(time.RFC3339)
	}
}
