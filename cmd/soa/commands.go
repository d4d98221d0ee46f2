package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"syscall"

	"github.com/soa-project/soa/convert"
	"github.com/soa-project/soa/dataset"
)

// env is what a command may touch: its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand. define declares its flags on a flag set and
// returns the function that runs it, which gets the arguments left once
// the flags are parsed.
type command struct {
	name  string
	usage string // arguments after the name
	short string
	long  string
	// exits are the exit statuses the command can return, for its help.
	exits  []int
	define func(fs *flag.FlagSet) runFunc
}

// runFunc runs a command with its flags parsed.
type runFunc func(ctx context.Context, e env, args []string) error

func commands() []*command {
	return []*command{convertCommand(), mergeCommand(), demoCommand(), queryCommand(), exportCommand(), reportCommand(), genCommand(), schemaCommand(), versionCommand()}
}

// exitStatuses are the statuses soa exits with, and what each means.
var exitStatuses = []struct {
	code int
	text string
}{
	{0, "success"},
	{1, "error (the message says what failed and what to do)"},
	{2, "usage error (bad flag or argument)"},
	{3, "dataset written, but some documents were rejected (see _rejects/rejects.jsonl)"},
	{4, "--strict: a document was rejected; no dataset was written"},
	{5, "another soa process is writing OUT; this run changed nothing"},
	{6, "the run would lose too many of OUT's records (see --allow-shrink); OUT is unchanged"},
	{130, "interrupted; no file was written or changed"},
}

// exitStatusText is the "Exit status:" section of a help: the statuses
// in codes, or all of them when codes is nil.
func exitStatusText(codes []int) string {
	var b strings.Builder
	b.WriteString("Exit status:")
	for _, s := range exitStatuses {
		if codes == nil || slices.Contains(codes, s.code) {
			fmt.Fprintf(&b, "\n  %-4d %s", s.code, s.text)
		}
	}
	return b.String()
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return usageError{errors.New("no command given")}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if rest[0] == "help" {
				fmt.Fprint(stdout, helpHelp)
				return nil
			}
			if c := find(rest[0]); c != nil {
				fs := newFlagSet(c, stdout)
				c.define(fs)
				fs.Usage()
				return nil
			}
			return unknownCommand(rest[0])
		}
		usage(stdout)
		return nil
	}
	if name == "--version" || name == "-version" || name == "-v" {
		// What other tools answer to: the same as `soa version`.
		name = "version"
	}
	c := find(name)
	if c == nil {
		return unknownCommand(name)
	}
	// The flag package prints its errors and the whole help; soa prints
	// one line for the error and the usage line instead (see withUsage),
	// and the help only when asked for.
	fs := newFlagSet(c, io.Discard)
	runFn := c.define(fs)
	positional, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		// Help that was asked for is the command's output: stdout, as
		// `soa help CMD` prints it (a pager or grep gets it).
		fs.SetOutput(stdout)
		fs.Usage()
		return nil
	}
	if err != nil {
		return c.withUsage(usageError{fmt.Errorf("%s: %w%s", c.name, err, flagHint(fs, err))})
	}
	return c.withUsage(runFn(ctx, e, positional))
}

// withUsage adds the command's usage line to a usage error, so that a
// command run without what it needs says what it takes.
func (c *command) withUsage(err error) error {
	var ue usageError
	if !errors.As(err, &ue) {
		return err
	}
	return usageError{fmt.Errorf("%w\nusage: %s\nrun 'soa help %s' for its flags", err, strings.TrimSpace("soa "+c.name+" "+c.usage), c.name)}
}

func unknownCommand(name string) error {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return usageError{fmt.Errorf("unknown command %q%s; run 'soa help'", name, didYouMean(name, append(names, "help")))}
}

// flagHint names the flag closest to an undefined one, if one is close.
func flagHint(fs *flag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	c := closest(name, names)
	switch {
	case c == "":
		return ""
	case len(c) == 1:
		return " (did you mean -" + c + "?)"
	}
	return " (did you mean --" + c + "?)"
}

// parseInterspersed parses flags wherever they stand among the arguments
// (`soa convert DUMP -o OUT` works like `soa convert -o OUT DUMP`); "--"
// ends the flags: every argument after it is positional, even one that
// starts with "-".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		// The flag package stops at the first argument that is not a flag,
		// and also at a "--", which it consumes.
		if endsWithTerminator(fs, args[:len(args)-len(rest)]) {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// endsWithTerminator says whether the arguments the flag package consumed
// end with a "--" it took as the end of the flags, rather than as the value
// of a flag (`-o --`). It replays the flag package's reading of them.
func endsWithTerminator(fs *flag.FlagSet, consumed []string) bool {
	for i := 0; i < len(consumed); i++ {
		arg := consumed[i]
		if arg == "--" {
			return true
		}
		name := strings.TrimLeft(arg, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				continue
			}
			i++ // the flag's value
		}
	}
	return false
}

func find(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *command, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("soa "+c.name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: soa %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.long))
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintf(out, "\nFlags:\n")
			fs.PrintDefaults()
		}
		fmt.Fprintf(out, "\n%s\n", exitStatusText(c.exits))
	}
	return fs
}

// helpHelp is what `soa help help` prints.
const helpHelp = `Usage: soa help [command]

Help prints the list of commands and the exit statuses; with a command, its
usage, flags and exit statuses (the same as 'soa <command> --help'). Both go
to stdout.
`

func usage(w io.Writer) {
	fmt.Fprintf(w, "soa converts the Smithsonian Open Access metadata dump into a Parquet dataset.\n\nUsage: soa <command> [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "  %-8s %s\n\nRun 'soa help <command>' or 'soa <command> -h' for its flags; 'soa --version' is 'soa version'.\n\n%s\n", "help", "show this help, or a command's", exitStatusText(nil))
}

// usageError is a bad flag or argument: exit status 2.
type usageError struct{ error }

func (u usageError) Unwrap() error { return u.error }

// errRejects means the dataset was written but some documents were rejected.
var errRejects = errors.New("some documents were rejected")

func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "soa: %v\n", err)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "soa: interrupted; no file was written or changed\n")
		return 130
	case errors.Is(err, errRejects):
		fmt.Fprintf(stderr, "soa: %v\n", err)
		return 3
	case errors.Is(err, convert.ErrRejected):
		fmt.Fprintf(stderr, "soa: %v\nno dataset was written; fix the input or run without --strict to keep the good records\n", err)
		return 4
	case errors.Is(err, dataset.ErrLocked):
		fmt.Fprintf(stderr, "soa: %v\n", err)
		return 5
	case errors.Is(err, dataset.ErrShrink):
		fmt.Fprintf(stderr, "soa: %v\n", err)
		return 6
	}
	fmt.Fprintf(stderr, "soa: %v%s\n", err, hint(err))
	return 1
}

// hint says what to do about failures of the machine rather than the input.
func hint(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "\nthe disk is full: free some space, or write the dataset to another disk with -o; nothing was written"
	case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return "\nthe output folder cannot be written: choose an OUT you can write to; nothing was written"
	case errors.Is(err, syscall.EMFILE):
		return "\nsoa needs up to 160 open files for its parts and one per worker: raise the limit of open files (ulimit -n 1024) and run again; nothing was written"
	case errors.Is(err, syscall.EIO):
		return "\nan input could not be read (input/output error): check the disk it is on, or copy it elsewhere, and run again; nothing was written"
	}
	return ""
}
