package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/testkit/s3test"
	"github.com/soa-project/soa/internal/tools/dump"
	"github.com/soa-project/soa/internal/tools/gen"
)

// soaS3 runs soa in a child process with no AWS credentials or
// configuration from the machine, plus env, and returns its exit status,
// stdout and stderr.
func soaS3(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(s3test.Env(), "SOA_TEST_AS_SOA=1"), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stdout.String(), stderr.String()
	}
	t.Fatalf("run soa: %v", err)
	return 0, "", ""
}

// comparableFiles hashes every file of a dataset, with the input names
// made relative to root (a local folder or s3://bucket/prefix) and what
// says where and when the inputs were read removed from the manifest and
// the state: what must be equal between a conversion of a bucket and one of
// a local copy of it.
func comparableFiles(t *testing.T, dir, root string) map[string]string {
	t.Helper()
	files := datasetHashes(t, dir)
	for _, name := range []string{"_manifest.json", "_state/groups.json", "_rejects/rejects.jsonl"} {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), root, "ROOT")
		if name == "_rejects/rejects.jsonl" {
			files[name] = text
			continue
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			t.Fatal(err)
		}
		delete(v, "seconds")
		delete(v, "reused")
		delete(v, "source")
		delete(v, "listing") // a digest of the input names
		delete(v["options"].(map[string]any), "workers")
		dropVersions := func(inputs any) {
			for _, in := range inputs.([]any) {
				delete(in.(map[string]any), "etag")
				delete(in.(map[string]any), "last_modified")
			}
		}
		if groups, ok := v["groups"]; ok {
			for _, g := range groups.([]any) {
				dropVersions(g.(map[string]any)["inputs"])
			}
		} else {
			dropVersions(v["inputs"])
		}
		b, _ := json.MarshalIndent(v, "", " ")
		files[name] = string(b)
	}
	return files
}

// objectGets counts the proxy's object GETs, all and by object.
func objectGets(p *s3test.Proxy) (int, map[string]int) {
	n := 0
	gets := p.Gets()
	for _, c := range gets {
		n += c
	}
	return n, gets
}

// TestConvertBucket converts a generated corpus from a bucket of a real
// S3-compatible server (SeaweedFS on 127.0.0.1), through a proxy that
// counts GETs and injects faults, and checks it against converting the
// same files from a local folder.
func TestConvertBucket(t *testing.T) {
	if testing.Short() {
		t.Skip("starts SeaweedFS and converts a corpus several times; runs in the full suite")
	}
	srv := s3test.Start(t)
	proxy := s3test.NewProxy(t, srv.Endpoint)
	endpoint := "--endpoint=" + proxy.URL
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if err := gen.Generate(context.Background(), soa.Sample(), gen.Options{Records: 8000, Seed: 7, Layout: dump.S3, Compress: source.None, Out: corpus}); err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(corpus, "metadata", "edan")
	objects := srv.Upload(t, corpus, "weekly/")
	bucketRoot := "s3://" + s3test.Bucket + "/weekly/metadata/edan"
	bucket := bucketRoot + "/"

	fromFolder := filepath.Join(tmp, "from-folder")
	if status, _, stderr := soaS3(t, nil, "convert", "--progress=none", "-o", fromFolder, local); status != 0 {
		t.Fatalf("local convert: status %d: %s", status, stderr)
	}
	want := comparableFiles(t, fromFolder, local)

	ds := filepath.Join(tmp, "ds")
	t.Run("bucket equals folder", func(t *testing.T) {
		proxy.Reset()
		status, stdout, stderr := soaS3(t, nil, "convert", "--progress=none", endpoint, "-o", ds, bucket)
		if status != 0 {
			t.Fatalf("status %d: %s", status, stderr)
		}
		if diff := cmp.Diff(want, comparableFiles(t, ds, bucketRoot)); diff != "" {
			t.Errorf("the bucket's dataset differs from the folder's (-folder +bucket):\n%s", diff)
		}
		// Every record object read once; the index files never.
		n, gets := objectGets(proxy)
		if records := len(gets); n != records || strings.Contains(fmt.Sprint(gets), "index.txt") {
			t.Errorf("%d GETs of %d objects: %v", n, records, gets)
		}
		if skipped := objects - n; !strings.Contains(stdout, fmt.Sprintf("skipped    %d files", skipped)) {
			t.Errorf("summary does not count the %d index files skipped: %s", skipped, stdout)
		}
		var m struct {
			Source struct{ URLs []string }
			Inputs []struct {
				Path, ETag, SHA256 string
				LastModified       string `json:"last_modified"`
				Bytes              int64
			}
		}
		data, _ := os.ReadFile(filepath.Join(ds, "_manifest.json"))
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		in := m.Inputs[0]
		if fmt.Sprint(m.Source.URLs) != "["+bucket+"]" || !strings.HasPrefix(in.Path, bucket) || in.ETag == "" || in.LastModified == "" || in.SHA256 == "" || in.Bytes == 0 {
			t.Errorf("the manifest does not say what was read: source %+v, input %+v", m.Source, in)
		}
	})

	t.Run("unchanged rerun reads nothing", func(t *testing.T) {
		proxy.Reset()
		status, stdout, stderr := soaS3(t, nil, "convert", "--progress=none", endpoint, "-o", ds, bucket)
		if status != 0 {
			t.Fatalf("status %d: %s", status, stderr)
		}
		if n, _ := objectGets(proxy); n != 0 {
			t.Errorf("%d GETs for an unchanged bucket", n)
		}
		if !strings.Contains(stdout, "reused     ") {
			t.Errorf("summary: %s", stdout)
		}
		if diff := cmp.Diff(want, comparableFiles(t, ds, bucketRoot)); diff != "" {
			t.Errorf("(-folder +rerun):\n%s", diff)
		}
	})

	t.Run("weekly update", func(t *testing.T) {
		// Three objects changed (two of NMAH, one of SAAM), one unit added
		// (two objects), one object of NPG deleted.
		// The first record of the first changed object is edited (a new
		// docSignature, as EDAN gives an edited record): issue 26's
		// changes table must list exactly these records.
		records, _ := readSourceRecords(t, local)
		var wantChanges []string
		nmah := listObjects(t, local, "nmah")
		changed := []string{nmah[0], nmah[len(nmah)/2], listObjects(t, local, "saam")[0]}
		for i, rel := range changed {
			data, err := os.ReadFile(filepath.Join(local, rel))
			if err != nil {
				t.Fatal(err)
			}
			first, rest, _ := strings.Cut(string(data), "\n")
			var r sourceRecord
			if err := json.Unmarshal([]byte(first), &r); err != nil {
				t.Fatal(err)
			}
			added := strings.Replace(first, `"record_ID":"`, `"record_ID":"weekly-`, 1)
			wantChanges = append(wantChanges, "added "+r.Unit+"/weekly-"+r.Content.DescriptiveNonRepeating.RecordID+" - "+r.Signature)
			if i == 0 {
				edited := strings.Replace(first, `"docSignature":"`+r.Signature+`"`, `"docSignature":"edited-this-week"`, 1)
				if edited == first {
					t.Fatalf("no docSignature in %s", first)
				}
				data = []byte(edited + "\n" + rest)
				wantChanges = append(wantChanges, "modified "+r.key()+" "+records[r.key()].Signature+" edited-this-week")
			}
			srv.Put(t, "weekly/metadata/edan/"+rel, append(data, added+"\n"...))
		}
		npg := listObjects(t, local, "npg")
		srv.Delete(t, "weekly/metadata/edan/"+npg[0])
		// Its records are removed, unless one with the same unit and id is
		// in another file.
		elsewhere := map[string]bool{}
		files, _ := filepath.Glob(filepath.Join(local, "*", "[0-9a-f][0-9a-f].txt"))
		for _, f := range files {
			if f == filepath.Join(local, npg[0]) {
				continue
			}
			for _, r := range fileRecords(t, f) {
				elsewhere[r.key()] = true
			}
		}
		for _, r := range fileRecords(t, filepath.Join(local, npg[0])) {
			if !elsewhere[r.key()] {
				wantChanges = append(wantChanges, "removed "+r.key()+" "+records[r.key()].Signature+" -")
			}
		}
		wantChanges = slices.Compact(slices.Sorted(slices.Values(wantChanges)))
		newUnit := strings.ReplaceAll(firstLine(t, filepath.Join(local, nmah[1])), `"unitCode":"NMAH"`, `"unitCode":"NEWU"`)
		srv.Put(t, "weekly/metadata/edan/newu/00.txt", []byte(newUnit+"\n"))
		srv.Put(t, "weekly/metadata/edan/newu/5c.txt", []byte(strings.Replace(newUnit, `"record_ID":"`, `"record_ID":"second-`, 1)+"\n"))
		srv.Put(t, "weekly/metadata/edan/newu/index.txt", []byte("00.txt\n5c.txt\n"))
		var nu sourceRecord
		if err := json.Unmarshal([]byte(newUnit), &nu); err != nil {
			t.Fatal(err)
		}
		id := nu.Content.DescriptiveNonRepeating.RecordID
		wantChanges = append(wantChanges, "added NEWU/"+id+" - "+nu.Signature, "added NEWU/second-"+id+" - "+nu.Signature)
		slices.Sort(wantChanges)

		proxy.Reset()
		status, stdout, stderr := soaS3(t, nil, "convert", "--progress=none", endpoint, "--dry-run", "-o", ds, bucket)
		if status != 0 {
			t.Fatalf("dry run: status %d: %s", status, stderr)
		}
		if n, _ := objectGets(proxy); n != 0 {
			t.Errorf("a dry run sent %d GETs", n)
		}
		for _, w := range []string{"reuse   ", "skip    ", bucket + "newu/00.txt  (new group)",
			bucket + changed[0] + "  (changed)", bucket + changed[2] + "  (changed)",
			bucket + nmah[1] + "  (its group: files of the group added, removed or changed)",
			"drop ", bucket + npg[0] + "  (no longer in the input)", "Dry run: nothing was written"} {
			if !strings.Contains(stdout, w) {
				t.Errorf("dry run output lacks %q:\n%s", w, stdout)
			}
		}

		// Every object of the groups with a change is read again, and
		// nothing else: a group's parts are rebuilt from all its files.
		wantGets := len(nmah) + len(listObjects(t, local, "saam")) + len(npg) - 1 + 2
		proxy.Reset()
		status, _, stderr = soaS3(t, nil, "convert", "--progress=none", endpoint, "-o", ds, bucket)
		if status != 0 {
			t.Fatalf("status %d: %s", status, stderr)
		}
		n, gets := objectGets(proxy)
		if n != wantGets {
			t.Errorf("%d GETs, want %d (the objects of nmah, saam, npg and newu): %v", n, wantGets, gets)
		}
		for key := range gets {
			g := path.Base(path.Dir(key))
			if g != "nmah" && g != "saam" && g != "npg" && g != "newu" {
				t.Errorf("read %s, of an unchanged group", key)
			}
		}
		if diff := cmp.Diff(wantChanges, lastRunChanges(t, ds)); diff != "" {
			t.Errorf("changes of the weekly re-run (-edits +changes):\n%s", diff)
		}
		fresh := filepath.Join(tmp, "fresh")
		if status, _, stderr := soaS3(t, nil, "convert", "--progress=none", "--no-reuse", endpoint, "-o", fresh, bucket); status != 0 {
			t.Fatalf("fresh run: status %d: %s", status, stderr)
		}
		if diff := cmp.Diff(comparableFiles(t, fresh, bucketRoot), comparableFiles(t, ds, bucketRoot)); diff != "" {
			t.Errorf("the re-run differs from a fresh run (-fresh +rerun):\n%s", diff)
		}
	})

	t.Run("faults", func(t *testing.T) {
		// Cuts at 10 offsets of the largest object, one after another
		// (each resumption is cut again), a stall, a 503 SlowDown and a 500
		// on others: the same bytes as without them.
		keys := largestObjects(t, local, 3)
		big := s3test.Bucket + "/weekly/metadata/edan/" + keys[0].rel
		var faults []*s3test.Fault
		for i := int64(1); i <= 10; i++ {
			faults = append(faults, &s3test.Fault{Key: big, At: keys[0].size * i / 11, Cut: true})
		}
		second := s3test.Bucket + "/weekly/metadata/edan/" + keys[1].rel
		third := s3test.Bucket + "/weekly/metadata/edan/" + keys[2].rel
		faults = append(faults,
			&s3test.Fault{Key: second, Status: 503, Code: "SlowDown"},
			// A stall long enough to be felt, then the connection dies (the
			// idle timeout itself is tested in internal/input/source).
			&s3test.Fault{Key: second, At: keys[1].size / 2, Stall: 2 * time.Second},
			&s3test.Fault{Key: third, At: keys[2].size / 3, Status: 500, Code: "InternalError"},
			// The first two listing replies cut after a few kB (issue 26):
			// retried as dropped connections, not taken for a bad endpoint.
			&s3test.Fault{List: true, Nth: 1, At: 2000, Cut: true},
			&s3test.Fault{List: true, Nth: 2, At: 3000, Cut: true})
		proxy.Reset()
		proxy.Add(faults...)
		out := filepath.Join(tmp, "faults")
		status, _, stderr := soaS3(t, nil, "convert", "--progress=none", "--no-reuse", endpoint, "-o", out, bucket)
		if status != 0 {
			t.Fatalf("status %d: %s", status, stderr)
		}
		for _, f := range faults {
			if !proxy.Fired(f) {
				t.Errorf("fault %s of %s was not met", f, f.Key)
			}
		}
		if diff := cmp.Diff(comparableFiles(t, filepath.Join(tmp, "fresh"), bucketRoot), comparableFiles(t, out, bucketRoot)); diff != "" {
			t.Errorf("faults changed the dataset (-clean +faults):\n%s", diff)
		}
	})

	t.Run("interrupted download", func(t *testing.T) {
		before := datasetHashes(t, ds)
		stall := &s3test.Fault{Key: s3test.Bucket + "/weekly/metadata/edan/" + largestObjects(t, local, 1)[0].rel, At: 1000, Stall: time.Minute}
		proxy.Reset()
		proxy.Add(stall)
		cmd := exec.Command(os.Args[0], "convert", "--progress=none", "--no-reuse", endpoint, "-o", ds, bucket)
		cmd.Env = append(s3test.Env(), "SOA_TEST_AS_SOA=1")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-stall.Stalling():
		case <-time.After(time.Minute):
			_ = cmd.Process.Kill()
			t.Fatalf("the download never reached the stall: %s", stderr.String())
		}
		sent := time.Now()
		_ = cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Fatalf("exit %v, want status 130; stderr: %s", err, stderr.String())
		}
		if d := time.Since(sent); d > 3*time.Second {
			t.Errorf("took %s to stop", d)
		}
		if diff := cmp.Diff(before, datasetHashes(t, ds)); diff != "" {
			t.Errorf("the previous dataset changed:\n%s", diff)
		}
		if entries, _ := filepath.Glob(filepath.Join(tmp, ".ds.*")); len(entries) != 0 {
			t.Errorf("left behind: %v", entries)
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			env    []string
			args   []string
			stderr string
		}{
			{"missing bucket", []string{"AWS_ACCESS_KEY_ID=soatest", "AWS_SECRET_ACCESS_KEY=soatestsecret"},
				[]string{"--endpoint=" + srv.Endpoint, "s3://no-such-bucket/metadata/edan/"},
				`bucket "no-such-bucket" does not exist at ` + srv.Endpoint + `: check the bucket name (and --endpoint)`},
			{"access denied", nil, []string{"--endpoint=" + srv.Endpoint, "s3://" + s3test.PrivateBucket + "/metadata/edan/"},
				"access denied to an anonymous request at " + srv.Endpoint + ": the bucket is not public; configure AWS credentials allowed to read it"},
			{"bad endpoint", nil, []string{"--endpoint=http://127.0.0.1:1", bucket},
				"cannot connect to the S3 endpoint http://127.0.0.1:1 (connect: connection refused): check --endpoint and the network"},
			{"no such prefix", nil, []string{endpoint, "s3://" + s3test.Bucket + "/weekly/metadata/objects/"},
				"no such input: s3://" + s3test.Bucket + "/weekly/metadata/objects/ (no object has this key or prefix at " + proxy.URL + "); give a dump folder"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				out := filepath.Join(tmp, "never")
				status, _, stderr := soaS3(t, tc.env, append([]string{"convert", "--progress=none", "-o", out}, tc.args...)...)
				if status != 1 {
					t.Fatalf("status %d, want 1: %s", status, stderr)
				}
				if !strings.Contains(stderr, tc.stderr) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
					t.Errorf("stderr:\n%s\nwant one line with:\n%s", stderr, tc.stderr)
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("OUT was written")
				}
			})
		}
	})
}

// listObjects returns the record files of a unit folder, relative to the
// corpus's metadata/edan folder, sorted.
func listObjects(t *testing.T, root, unit string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, unit, "[0-9a-f][0-9a-f].txt"))
	if err != nil || len(files) < 2 {
		t.Fatalf("unit %s has %d files", unit, len(files))
	}
	var rel []string
	for _, f := range files {
		rel = append(rel, unit+"/"+filepath.Base(f))
	}
	sort.Strings(rel)
	return rel
}

type sizedObject struct {
	rel  string
	size int64
}

// largestObjects returns the n largest record files under root.
func largestObjects(t *testing.T, root string, n int) []sizedObject {
	t.Helper()
	var all []sizedObject
	files, _ := filepath.Glob(filepath.Join(root, "*", "[0-9a-f][0-9a-f].txt"))
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		all = append(all, sizedObject{filepath.ToSlash(rel), info.Size()})
	}
	sort.Slice(all, func(i, j int) bool {
		return all[i].size > all[j].size || all[i].size == all[j].size && all[i].rel < all[j].rel
	})
	return all[:n]
}

func firstLine(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return line
}
