package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/soa-project/soa/internal/testkit/sampletest"
)

// TestManyUnitsBounded is the probe of an input that mixes many units: one
// file of records with as many distinct unit codes. Every unit is a
// partition of its own, so a writer that kept every part open until the
// end held thousands of files and gigabytes; soa keeps at most a few dozen
// parts open per table. The run must succeed under a hard limit of 256
// file descriptors, within the memory bound of the real corpus (512 MiB),
// and write every unit.
func TestManyUnitsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("a conversion of a thousand partitions; runs in the full suite")
	}
	const units = 1000
	dir := t.TempDir()
	in := filepath.Join(dir, "many.jsonl")
	lines := sampletest.Lines(t)
	var buf bytes.Buffer
	for i := range units {
		var doc map[string]any
		if err := json.Unmarshal(lines[i%len(lines)], &doc); err != nil {
			t.Fatal(err)
		}
		doc["unitCode"] = fmt.Sprintf("U%04d", i)
		doc["content"].(map[string]any)["descriptiveNonRepeating"].(map[string]any)["record_ID"] = fmt.Sprintf("u_%d", i)
		line, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "ds")
	cmd := soaCmd("convert", "-o", out, "--progress=none", in)
	cmd.Env = append(cmd.Env, "SOA_TEST_NOFILE=256")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("convert under a limit of 256 open files: %v\n%s", err, stderr.String())
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	t.Logf("peak RSS %d MiB", rss>>20)
	if rss > 512<<20 {
		t.Errorf("peak RSS %d MiB, want at most 512 MiB", rss>>20)
	}

	partitions, err := filepath.Glob(filepath.Join(out, "objects", "unit_code=*"))
	if err != nil || len(partitions) != units {
		t.Errorf("objects has %d partitions, want %d (%v)", len(partitions), units, err)
	}
	f, err := os.Open(filepath.Join(out, "_manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var m struct{ Records int }
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&m); err != nil || m.Records != units {
		t.Errorf("manifest: %d records (%v), want %d", m.Records, err, units)
	}
}
