package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// Crash tests run this binary as soa in a child process they can kill.
	if os.Getenv("SOA_TEST_AS_SOA") == "1" {
		if n := os.Getenv("SOA_TEST_NOFILE"); n != "" {
			// A hard descriptor limit, as a system may impose one: Go raises
			// the soft limit to the hard one at start, so both are set here.
			limit, _ := strconv.ParseUint(n, 10, 64)
			if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
				fmt.Fprintln(os.Stderr, "set descriptor limit:", err)
				os.Exit(1)
			}
		}
		os.Exit(soaMain())
	}
	testscript.Main(m, map[string]func(){"soa": func() { os.Exit(soaMain()) }})
}

// TestScripts runs the txtar scripts in testdata/script. Each gets the real
// sample records in $WORK/records. `exitcode N soa ARGS...` runs soa and
// asserts its exit status, for the statuses documented in `soa help`.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			files, err := filepath.Glob("../../testdata/records/*.jsonl")
			if err != nil || len(files) == 0 {
				return errors.New("no sample records in testdata/records")
			}
			dir := filepath.Join(env.WorkDir, "records")
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exitcode N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exitcode: %v", err)
				}
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("exitcode: %v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
		},
	})
}
