package source_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/soa-project/soa/internal/input/source"
	"github.com/soa-project/soa/internal/testkit/s3test"
)

// anonymous makes this process's AWS SDK find no credentials or
// configuration, whatever the machine has.
func anonymous(t *testing.T) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
}

// object returns n bytes of lines, distinct for each seed.
func object(seed, n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "{\"seed\":%d,\"line\":%d}\n", seed, i)
	}
	return b.Bytes()[:n]
}

func readAll(t *testing.T, in source.Input) ([]byte, source.Version, error) {
	t.Helper()
	rc, err := in.Open(context.Background())
	if err != nil {
		return nil, source.Version{}, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	v, _ := rc.(source.Versioned)
	return data, v.Version(), err
}

// TestS3 lists and reads a bucket of SeaweedFS started on 127.0.0.1,
// through a proxy that cuts, stalls and refuses downloads.
func TestS3(t *testing.T) {
	anonymous(t)
	srv := s3test.Start(t)
	proxy := s3test.NewProxy(t, srv.Endpoint)
	objects := map[string][]byte{
		"metadata/edan/index.txt":      []byte("nmah\nnmahx\n"),
		"metadata/edan/nmah/00.txt":    object(1, 300_000),
		"metadata/edan/nmah/0a.txt":    object(2, 1000),
		"metadata/edan/nmah/index.txt": []byte("00.txt\n0a.txt\n"),
		"metadata/edan/nmahx/00.txt":   object(3, 10),
		"loose/NMAH.jsonl":             object(4, 100),
	}
	for k, v := range objects {
		srv.Put(t, k, v)
	}
	remote := source.RemoteOptions{Endpoint: proxy.URL, IdleTimeout: 500 * time.Millisecond, RetryBackoff: time.Millisecond}
	list := func(t *testing.T, urls ...string) source.Listing {
		t.Helper()
		l, err := source.List(context.Background(), urls, nil, remote)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	bucket := "s3://" + s3test.Bucket + "/"

	t.Run("list", func(t *testing.T) {
		for _, tc := range []struct {
			url           string
			inputs, skips []string
		}{
			{"metadata/edan/", []string{"metadata/edan/nmah/00.txt", "metadata/edan/nmah/0a.txt", "metadata/edan/nmahx/00.txt"},
				[]string{"metadata/edan/index.txt", "metadata/edan/nmah/index.txt"}},
			{"metadata/edan", []string{"metadata/edan/nmah/00.txt", "metadata/edan/nmah/0a.txt", "metadata/edan/nmahx/00.txt"},
				[]string{"metadata/edan/index.txt", "metadata/edan/nmah/index.txt"}},
			// A unit folder is not its namesakes' prefix.
			{"metadata/edan/nmah", []string{"metadata/edan/nmah/00.txt", "metadata/edan/nmah/0a.txt"}, []string{"metadata/edan/nmah/index.txt"}},
			// An object named by itself is read whatever its name.
			{"loose/NMAH.jsonl", []string{"loose/NMAH.jsonl"}, nil},
			{"metadata/edan/nmah/index.txt", []string{"metadata/edan/nmah/index.txt"}, nil},
		} {
			l := list(t, bucket+tc.url)
			var inputs, skips []string
			for _, in := range l.Inputs {
				inputs = append(inputs, strings.TrimPrefix(in.Name, bucket))
				key := strings.TrimPrefix(in.Name, bucket)
				if in.Size != int64(len(objects[key])) || in.ETag == "" || in.ModTime.IsZero() {
					t.Errorf("%s: size %d, ETag %q, modified %s", key, in.Size, in.ETag, in.ModTime)
				}
			}
			for _, s := range l.Skipped {
				skips = append(skips, strings.TrimPrefix(s.Name, bucket))
			}
			if diff := cmp.Diff(tc.inputs, inputs); diff != "" {
				t.Errorf("%s inputs (-want +got):\n%s", tc.url, diff)
			}
			if diff := cmp.Diff(tc.skips, skips); diff != "" {
				t.Errorf("%s skipped (-want +got):\n%s", tc.url, diff)
			}
		}
		// Groups are those of the same files on disk.
		l := list(t, bucket+"metadata/edan/")
		if g := l.Inputs[0].GroupKey(); g != "nmah" {
			t.Errorf("group %q", g)
		}
		if l.Remote == nil || l.Remote.Endpoint != proxy.URL || !l.Remote.Anonymous {
			t.Errorf("remote source %+v", l.Remote)
		}
	})

	t.Run("faults", func(t *testing.T) {
		key := s3test.Bucket + "/metadata/edan/nmah/00.txt"
		want := objects["metadata/edan/nmah/00.txt"]
		in := list(t, bucket+"metadata/edan/nmah/00.txt").Inputs[0]
		proxy.Reset()
		proxy.Add(
			&s3test.Fault{Key: key, Status: 503, Code: "SlowDown"},
			&s3test.Fault{Key: key, At: 1, Cut: true},
			&s3test.Fault{Key: key, At: 70_000, Cut: true},
			&s3test.Fault{Key: key, At: 70_001, Status: 500, Code: "InternalError"},
			&s3test.Fault{Key: key, At: 150_000, Stall: 10 * time.Second},
			&s3test.Fault{Key: key, At: 299_999, Cut: true},
		)
		got, v, err := readAll(t, in)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("read %d bytes, not the object's %d", len(got), len(want))
		}
		if v.ETag != in.ETag || v.Size != int64(len(want)) {
			t.Errorf("version %+v, listed ETag %s", v, in.ETag)
		}
		reqs := proxy.Requests()
		for _, r := range reqs[1:] {
			if r.Range != "" && r.IfMatch != in.ETag {
				t.Errorf("a resumption without If-Match %s: %+v", in.ETag, r)
			}
		}
		var ranges []string
		for _, r := range reqs {
			ranges = append(ranges, r.Range)
		}
		wantRanges := []string{"", "", "bytes=1-", "bytes=70000-", "bytes=70000-", "bytes=150000-", "bytes=299999-"}
		if diff := cmp.Diff(wantRanges, ranges); diff != "" {
			t.Errorf("requests (-want +got):\n%s\n%+v", diff, reqs)
		}
	})

	t.Run("replaced during the download", func(t *testing.T) {
		k := "metadata/edan/nmah/0a.txt"
		in := list(t, bucket+k).Inputs[0]
		proxy.Reset()
		proxy.Add(&s3test.Fault{Key: s3test.Bucket + "/" + k, At: 500, Cut: true})
		rc, err := in.Open(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		buf := make([]byte, 100)
		if _, err := io.ReadFull(rc, buf); err != nil {
			t.Fatal(err)
		}
		srv.Put(t, k, object(5, 1000)) // same size, other bytes
		_, err = io.ReadAll(rc)
		if !errors.Is(err, source.ErrChanged) || !strings.Contains(err.Error(), "was replaced during its download") {
			t.Errorf("reading on after a replacement: %v", err)
		}
	})

	t.Run("replaced after the listing", func(t *testing.T) {
		k := "metadata/edan/nmahx/00.txt"
		in := list(t, bucket+k).Inputs[0]
		srv.Put(t, k, []byte("new version\n"))
		got, v, err := readAll(t, in)
		if err != nil || string(got) != "new version\n" || v.ETag == in.ETag || v.Size != 12 {
			t.Errorf("read %q, version %+v, %v: want the new version, whole", got, v, err)
		}
	})

	t.Run("gives up", func(t *testing.T) {
		k := "loose/NMAH.jsonl"
		in := list(t, bucket+k).Inputs[0]
		proxy.Reset()
		// The first answer stops at byte 10, and every resumption at once.
		for range 20 {
			proxy.Add(&s3test.Fault{Key: s3test.Bucket + "/" + k, At: 10, Cut: true})
		}
		_, _, err := readAll(t, in)
		if err == nil || errors.Is(err, source.ErrChanged) || !strings.Contains(err.Error(), "gave up after 10 attempts") {
			t.Errorf("a download that never progresses: %v", err)
		}
	})

	t.Run("dropped connections during the listing", func(t *testing.T) {
		// Issue 26: a listing reply cut mid-body is a network fault, retried
		// like any other, on every page; the objects' bodies are cut too.
		paged := remote
		paged.ListPageSize = 2
		proxy.Reset()
		want, err := source.List(context.Background(), []string{bucket + "metadata/edan/"}, nil, paged)
		if err != nil {
			t.Fatal(err)
		}
		pages := proxy.Lists()
		if pages < 3 {
			t.Fatalf("%d listing requests for 5 objects 2 a page: the page size was not used", pages)
		}
		proxy.Reset()
		// Requests 1 and 2 (page 1) and 4 (page 2) are cut after 200 bytes
		// of their XML; 3 and 5 answer.
		proxy.Add(&s3test.Fault{List: true, Nth: 1, At: 200, Cut: true},
			&s3test.Fault{List: true, Nth: 2, At: 200, Cut: true},
			&s3test.Fault{List: true, Nth: 4, At: 10, Cut: true},
			&s3test.Fault{Key: s3test.Bucket + "/metadata/edan/nmah/00.txt", At: 1000, Cut: true})
		got, err := source.List(context.Background(), []string{bucket + "metadata/edan/"}, nil, paged)
		if err != nil {
			t.Fatalf("listing through dropped connections: %v", err)
		}
		if n := proxy.Lists(); n != pages+3 {
			t.Errorf("%d listing requests, want %d (%d pages, 3 cut)", n, pages+3, pages)
		}
		var names, wantNames []string
		for _, in := range got.Inputs {
			names = append(names, in.Name)
		}
		for _, in := range want.Inputs {
			wantNames = append(wantNames, in.Name)
		}
		if diff := cmp.Diff(wantNames, names); diff != "" {
			t.Errorf("inputs (-without faults +with):\n%s", diff)
		}
		data, _, err := readAll(t, got.Inputs[0])
		if err != nil || !bytes.Equal(data, objects["metadata/edan/nmah/00.txt"]) {
			t.Errorf("read %d bytes after a cut, %v", len(data), err)
		}
	})

	t.Run("a server answering garbage", func(t *testing.T) {
		proxy.Reset()
		for range 10 {
			proxy.Add(&s3test.Fault{List: true, Garbage: true})
		}
		_, err := source.List(context.Background(), []string{bucket + "metadata/edan/"}, nil, remote)
		want := "list " + bucket + "metadata/edan/: " + proxy.URL + " answered HTTP 200, not as an S3 store would: check --endpoint"
		if err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
		if n := proxy.Lists(); n != 3 {
			t.Errorf("%d listing requests to a server answering garbage, want 3 (bounded)", n)
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			url, endpoint, key, want string
		}{
			// With credentials: SeaweedFS, like S3, tells only those who
			// may know that a bucket does not exist.
			{"s3://no-such-bucket/metadata/", srv.Endpoint, "soatest", `bucket "no-such-bucket" does not exist at ` + srv.Endpoint + `: check the bucket name`},
			{"s3://" + s3test.PrivateBucket + "/x/", srv.Endpoint, "", "access denied to an anonymous request at " + srv.Endpoint + ": the bucket is not public; configure AWS credentials"},
			{"s3://" + s3test.PrivateBucket + "/x/", srv.Endpoint, "unknown", "the AWS credentials were refused at " + srv.Endpoint},
			{"s3://" + s3test.Bucket + "/nothing/here/", srv.Endpoint, "", "no such input: s3://" + s3test.Bucket + "/nothing/here/ (no object has this key or prefix at " + srv.Endpoint + ")"},
			{"s3://" + s3test.Bucket + "/", "http://127.0.0.1:1", "", "cannot connect to the S3 endpoint http://127.0.0.1:1 (connect: connection refused): check --endpoint"},
		} {
			t.Setenv("AWS_ACCESS_KEY_ID", tc.key)
			t.Setenv("AWS_SECRET_ACCESS_KEY", tc.key+"secret")
			start := time.Now()
			_, err := source.List(context.Background(), []string{tc.url}, nil, source.RemoteOptions{Endpoint: tc.endpoint})
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s at %s:\n got %v\nwant one line with …%s…", tc.url, tc.endpoint, err, tc.want)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("%s: took %s to fail", tc.url, d)
			}
		}
	})
}
