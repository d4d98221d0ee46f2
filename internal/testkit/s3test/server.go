// Package s3test gives tests a real S3-compatible server on 127.0.0.1:
// SeaweedFS (`weed mini`, Apache-2.0), built once per version by
// scripts/seaweedfs into ~/.cache/soa/bin, each started on free ports in a
// temporary folder and stopped when the test ends; and a fault-injecting
// proxy to put between soa and the server (see Proxy).
package s3test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// Version is the SeaweedFS version scripts/seaweedfs builds; keep the two
// in step.
const Version = "v0.0.0-20261109003541-7506e5f91cd6"

// Bucket is the bucket every server starts with, open to anonymous reads
// and writes like the real one is to reads.
const Bucket = "smithsonian-open-access"

// PrivateBucket is a bucket that anonymous requests may not read.
const PrivateBucket = "private-collection"

// Binary returns the path of the weed binary: $SOA_WEED, else the one
// scripts/seaweedfs builds. Without one the test is skipped, unless
// SOA_REQUIRE_S3=1 (scripts/test sets it), where it fails.
func Binary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv("SOA_WEED")
	if bin == "" {
		home, _ := os.UserHomeDir()
		bin = filepath.Join(home, ".cache", "soa", "bin", "weed-"+Version)
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("SOA_REQUIRE_S3") == "1" {
			t.Fatalf("no SeaweedFS binary at %s: run scripts/seaweedfs", bin)
		}
		t.Skipf("no SeaweedFS binary at %s (scripts/seaweedfs builds it; scripts/test does so first)", bin)
	}
	return bin
}

// Server is a running SeaweedFS with its S3 gateway.
type Server struct {
	// Endpoint is the S3 gateway's URL, http://127.0.0.1:PORT.
	Endpoint string
	dir      string
}

// identities: anonymous requests may read, list and write Bucket (tests
// upload with plain PUTs) and nothing else; the admin may do anything.
const identities = `{
  "identities": [
    {"name": "anonymous", "actions": ["Read:` + Bucket + `", "List:` + Bucket + `", "Write:` + Bucket + `"]},
    {"name": "admin", "credentials": [{"accessKey": "soatest", "secretKey": "soatestsecret"}], "actions": ["Admin", "Read", "List", "Write"]}
  ]
}`

// Start starts a server on free ports of 127.0.0.1 and stops it when the
// test ends. It fails the test if the server is not ready within a minute.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "s3.json")
	if err := os.WriteFile(conf, []byte(identities), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	ports := freePorts(t, 10)
	args := []string{"mini", "-dir=" + data, "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
		"-bucket=" + Bucket + "," + PrivateBucket, "-s3.config=" + conf,
		"-admin.ui=false", "-webdav=false", "-master.telemetry=false", "-volume.preStopSeconds=0",
		"-s3.port.iceberg=0", "-s3.port.lance=0", "-admin.port.legacy=0",
	}
	// Every port chosen here, grpc ones included (their default is the
	// port + 10000, which may be taken): tests of several packages, and
	// other people's, run at once.
	for i, flag := range []string{"master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
		"filer.port", "filer.port.grpc", "s3.port", "s3.port.grpc", "admin.port", "admin.port.grpc"} {
		args = append(args, "-"+flag+"="+strconv.Itoa(ports[i]))
	}
	log, err := os.Create(filepath.Join(dir, "weed.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = dieWithParent()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM) // lets it remove its sockets in /tmp
		select {
		case err := <-exited:
			_ = err // stopped by the signal: its status says nothing
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited //nolint:errcheck // killed: its status says nothing
		}
		_ = log.Close()
	})
	s := &Server{Endpoint: fmt.Sprintf("http://127.0.0.1:%d", ports[6]), dir: dir}
	deadline := time.Now().Add(time.Minute)
	for {
		// Ready when the bucket it creates after starting can be listed.
		resp, err := http.Get(s.Endpoint + "/" + Bucket + "?list-type=2&max-keys=1")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case err := <-exited:
			out, _ := os.ReadFile(log.Name())
			t.Fatalf("SeaweedFS exited: %v\n%s", err, tail(out))
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(log.Name())
			t.Fatalf("SeaweedFS not ready after a minute\n%s", tail(out))
		}
	}
}

func tail(b []byte) []byte { return b[max(0, len(b)-4000):] }

// freePorts returns n ports free on 127.0.0.1 a moment ago.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	var listeners []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range listeners {
		_ = l.Close()
	}
	return ports
}

// URL returns the address of an object or folder of Bucket.
func (s *Server) URL(key string) string { return s.Endpoint + "/" + Bucket + "/" + key }

// Put stores data as key in Bucket.
func (s *Server) Put(t testing.TB, key string, data []byte) {
	t.Helper()
	if err := s.put(key, data); err != nil {
		t.Fatal(err)
	}
}

func (s *Server) put(key string, data []byte) error {
	req, err := http.NewRequest(http.MethodPut, s.URL(key), bytes.NewReader(data))
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("put %s: %s: %s", key, resp.Status, body)
	}
	return nil
}

// Delete removes key from Bucket.
func (s *Server) Delete(t testing.TB, key string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodDelete, s.URL(key), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusOK {
		t.Fatalf("delete %s: %s", key, resp.Status)
	}
}

// Upload stores every file under dir in Bucket, as prefix + its path
// relative to dir (slash-separated), and returns how many it stored.
func (s *Server) Upload(t testing.TB, dir, prefix string) int {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := errgroup.WithContext(context.Background())
	g.SetLimit(8)
	for _, f := range files {
		g.Go(func() error {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, f)
			return s.put(prefix+filepath.ToSlash(rel), data)
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	return len(files)
}

// Env is the environment soa gets in tests: no AWS credentials or
// configuration of the machine (requests are anonymous), no instance
// metadata service, whatever the machine running the tests has.
func Env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	return append(env, "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=/nonexistent", "AWS_SHARED_CREDENTIALS_FILE=/nonexistent")
}
