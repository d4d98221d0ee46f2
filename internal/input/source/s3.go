package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
)

// The public Smithsonian Open Access bucket lives in us-west-2; a run with
// no region configured and no endpoint given talks to it there.
const defaultRegion = "us-west-2"

// RemoteOptions configures the reading of s3:// inputs. The zero value
// means the documented defaults.
type RemoteOptions struct {
	// Endpoint is the URL of an S3-compatible store (path-style requests);
	// empty means AWS S3, or the AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL
	// environment variables when set.
	Endpoint string
	// IdleTimeout is how long a request may receive nothing before it is
	// dropped and retried (resumed where it was); default 60 s.
	IdleTimeout time.Duration
	// MaxAttempts bounds the attempts of one request (the SDK retries a
	// 500, a 503 SlowDown or a connection failure with backoff), and the
	// resumptions of one object that deliver no byte in between; default 10.
	MaxAttempts int
	// RetryBackoff is the first wait before resuming a download that
	// failed mid-object, doubled at each failure without progress up to
	// 64 times; default 250 ms.
	RetryBackoff time.Duration
	// Connections bounds the connections kept open to the store; default 16.
	Connections int
	// ListPageSize is the number of keys asked for per listing request;
	// 0 means the store's default (1,000 on S3). Tests lower it to list
	// over several pages.
	ListPageSize int32
	// Retries, when set, counts the resumptions of downloads, for progress.
	Retries *atomic.Int64
	// Logger receives a line per resumption; nil discards.
	Logger *slog.Logger
}

func (o *RemoteOptions) idleTimeout() time.Duration {
	if o.IdleTimeout > 0 {
		return o.IdleTimeout
	}
	return time.Minute
}

func (o *RemoteOptions) maxAttempts() int {
	if o.MaxAttempts > 0 {
		return o.MaxAttempts
	}
	return 10
}

func (o *RemoteOptions) retryBackoff() time.Duration {
	if o.RetryBackoff > 0 {
		return o.RetryBackoff
	}
	return 250 * time.Millisecond
}

func (o *RemoteOptions) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// RemoteSource says where the s3:// inputs of a listing were read from.
type RemoteSource struct {
	URLs []string
	// Endpoint is the store's URL; empty for AWS S3.
	Endpoint  string
	Region    string
	Anonymous bool // no credentials were found: requests were not signed
}

// IsS3URL reports whether an input names an S3 bucket or prefix.
func IsS3URL(s string) bool { return strings.HasPrefix(s, "s3://") }

// splitS3URL returns the bucket and key prefix of s3://BUCKET/PREFIX.
func splitS3URL(u string) (bucket, prefix string, err error) {
	rest := strings.TrimPrefix(u, "s3://")
	bucket, prefix, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("%s names no bucket (want s3://BUCKET/PREFIX)", u)
	}
	return bucket, prefix, nil
}

// s3Client is one S3 client for the run: connections are shared by every
// object read.
type s3Client struct {
	api       *s3.Client
	opts      RemoteOptions
	endpoint  string
	region    string
	anonymous bool
}

func newS3Client(ctx context.Context, opts RemoteOptions) (*s3Client, error) {
	httpClient := awshttp.NewBuildableClient().
		WithReadTimeout(opts.idleTimeout()).
		WithTransportOptions(func(tr *http.Transport) {
			conns := opts.Connections
			if conns <= 0 {
				conns = 16
			}
			tr.MaxIdleConnsPerHost = conns
			tr.ResponseHeaderTimeout = opts.idleTimeout()
		})
	// The SDK's own warnings (such as its fallback to IMDSv1 while it looks
	// for credentials off EC2) would break soa's one-line messages: they
	// go to the debug log.
	sdkLog := logging.LoggerFunc(func(_ logging.Classification, format string, v ...any) {
		opts.logger().Debug("aws sdk: " + fmt.Sprintf(format, v...))
	})
	cfg, err := config.LoadDefaultConfig(ctx, config.WithHTTPClient(httpClient), config.WithLogger(sdkLog))
	if err != nil {
		return nil, fmt.Errorf("read the AWS configuration: %w (check AWS_PROFILE, AWS_CONFIG_FILE and ~/.aws/config)", err)
	}
	c := &s3Client{opts: opts, region: cfg.Region}
	if opts.Endpoint != "" {
		c.endpoint = opts.Endpoint
	} else if cfg.BaseEndpoint != nil {
		c.endpoint = *cfg.BaseEndpoint
	}
	if c.region == "" {
		c.region = defaultRegion
	}
	// Credentials when some are configured; else anonymous requests, which
	// is how the public bucket is read. The chain ends with the EC2
	// instance metadata service, which answers slowly or never off EC2.
	credCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	_, credErr := cfg.Credentials.Retrieve(credCtx)
	cancel()
	if credErr != nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cfg.Credentials = aws.AnonymousCredentials{}
		c.anonymous = true
		opts.logger().Debug("no AWS credentials found; reading anonymously", "reason", credErr)
	}
	c.api = s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.Region = c.region
		if c.endpoint != "" {
			o.BaseEndpoint = aws.String(c.endpoint)
			o.UsePathStyle = true // S3-compatible stores rarely serve bucket subdomains
		}
		// Checksums only where the API demands them: many S3-compatible
		// stores reject the newer default ones, and soa hashes what it
		// reads itself (SHA-256, in the manifest).
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = opts.maxAttempts()
			// A long run meets many throttles; the client-side retry quota
			// would turn them into failures.
			so.RateLimiter = ratelimit.None
		})
	})
	return c, nil
}

// list adds the objects of an s3:// URL to l. A URL naming an object reads
// that object whatever its name; otherwise it is a folder: every object
// below it named like a dump file is an input, the others are skipped.
func (c *s3Client) list(ctx context.Context, u string, l *Listing) error {
	bucket, prefix, err := splitS3URL(u)
	if err != nil {
		return err
	}
	folder := prefix
	if folder != "" && !strings.HasSuffix(folder, "/") {
		folder += "/"
	}
	var inputs []Input
	var skipped []Skipped
	var exact *Input
	req := &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)}
	if c.opts.ListPageSize > 0 {
		req.MaxKeys = aws.Int32(c.opts.ListPageSize)
	}
	p := s3.NewListObjectsV2Paginator(c.api, req)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, func(o *s3.Options) {
			// A wrong endpoint or a missing network is said at once rather
			// than after the long retries meant for downloads.
			o.Retryer = retry.AddWithMaxAttempts(listRetryer{o.Retryer}, listAttempts)
		})
		if err != nil {
			return c.explain(u, "list", err)
		}
		for _, obj := range page.Contents {
			key := aws.ToString(obj.Key)
			in := c.object(bucket, key, aws.ToInt64(obj.Size), aws.ToString(obj.ETag), aws.ToTime(obj.LastModified))
			switch {
			case key == prefix && prefix != "" && !strings.HasSuffix(key, "/"):
				exact = &in
			case !strings.HasPrefix(key, folder), strings.HasSuffix(key, "/"):
				// Another folder sharing the prefix (nmah vs nmahx), or a
				// folder marker.
			case IsDumpFile(path.Base(key)):
				inputs = append(inputs, in)
			default:
				skipped = append(skipped, Skipped{Name: in.Name, Size: in.Size})
			}
		}
	}
	if exact != nil {
		l.Inputs = append(l.Inputs, *exact)
		return nil
	}
	if len(inputs) == 0 && len(skipped) == 0 {
		return fmt.Errorf("%w: %s (no object has this key or prefix%s)", ErrNoInput, u, c.where())
	}
	sort.SliceStable(inputs, func(i, j int) bool { return inputs[i].Name < inputs[j].Name })
	l.Inputs = append(l.Inputs, inputs...)
	l.Skipped = append(l.Skipped, skipped...)
	return nil
}

// listAttempts bounds the attempts of one listing request.
const listAttempts = 3

// listRetryer retries, besides what the SDK retries, a listing reply that
// was cut short or could not be parsed: a connection dropped mid-body
// reaches the SDK as a truncated XML document (or a bare unexpected EOF),
// not as a network error. A server that answers
// garbage every time still fails after listAttempts, with the error that
// says so (see explain).
type listRetryer struct{ aws.Retryer }

func (r listRetryer) IsErrorRetryable(err error) bool {
	var de *smithy.DeserializationError
	return errors.As(err, &de) || errors.Is(err, io.ErrUnexpectedEOF) || r.Retryer.IsErrorRetryable(err)
}

func (c *s3Client) where() string {
	if c.endpoint != "" {
		return " at " + c.endpoint
	}
	return ""
}

// object is the input of one object, as listed.
func (c *s3Client) object(bucket, key string, size int64, etag string, modified time.Time) Input {
	name := "s3://" + bucket + "/" + key
	return Input{Name: name, Size: size, ETag: etag, ModTime: modified,
		Open: func(ctx context.Context) (io.ReadCloser, error) {
			return &objectReader{ctx: ctx, c: c, bucket: bucket, key: key, name: name}, nil
		}}
}

// objectReader streams one object. The first request reads the whole
// object and pins its version (ETag); after a failure mid-object (a reset
// or cut connection, a stalled one, a 500 or 503) it waits and resumes
// from the byte reached with a Range request on the same ETag (If-Match),
// so bytes of two versions are never spliced: an object replaced in
// between fails with ErrChanged. Only what the consumer reads is held:
// memory does not grow with the object.
type objectReader struct {
	ctx         context.Context
	c           *s3Client
	bucket, key string
	name        string

	body     io.ReadCloser
	cancel   context.CancelFunc // the current request's
	pinned   bool               // version is the one being read
	version  Version
	n        int64 // bytes delivered
	failures int   // consecutive failures that delivered nothing
}

var _ Versioned = (*objectReader)(nil)

// Version returns the version being read.
func (r *objectReader) Version() Version { return r.version }

func (r *objectReader) Read(p []byte) (int, error) {
	for {
		if err := r.ctx.Err(); err != nil {
			return 0, err
		}
		if r.body == nil {
			if r.pinned && r.n == r.version.Size {
				return 0, io.EOF
			}
			// The SDK has retried the request itself (MaxAttempts, with
			// backoff): a request that still fails is final.
			if err := r.get(); err != nil {
				return 0, err
			}
		}
		n, err := r.body.Read(p)
		r.n += int64(n)
		if n > 0 {
			r.failures = 0
		}
		switch {
		case err == nil:
			return n, nil
		case err == io.EOF && r.n == r.version.Size:
			r.closeBody()
			return n, io.EOF
		case err == io.EOF:
			err = fmt.Errorf("connection closed at byte %d of %d", r.n, r.version.Size)
		}
		r.closeBody()
		if cerr := r.ctx.Err(); cerr != nil {
			return n, cerr
		}
		if !r.pinned {
			return n, fmt.Errorf("read %s: %w (the store gave no ETag, so the download cannot be resumed safely)", r.name, err)
		}
		if n > 0 {
			return n, nil // the next Read resumes
		}
		if !r.retry(err) {
			if cerr := r.ctx.Err(); cerr != nil {
				return 0, cerr
			}
			return 0, fmt.Errorf("read %s: %w (gave up after %d attempts without progress)", r.name, err, r.failures)
		}
	}
}

// retry counts a failure that delivered nothing and waits before the next
// attempt; false when the attempts are spent or the run is cancelled.
func (r *objectReader) retry(err error) bool {
	r.failures++
	if r.failures >= r.c.opts.maxAttempts() {
		return false
	}
	if r.c.opts.Retries != nil {
		r.c.opts.Retries.Add(1)
	}
	wait := r.c.opts.retryBackoff() << min(r.failures-1, 6)
	wait = wait/2 + rand.N(wait/2+1) // jitter: parallel downloads do not retry in step
	r.c.opts.logger().Info("resuming download", "object", r.name, "at_byte", r.n, "after", wait, "err", err)
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.ctx.Done():
		return false
	}
}

// get sends the request for the rest of the object.
func (r *objectReader) get() error {
	in := &s3.GetObjectInput{Bucket: aws.String(r.bucket), Key: aws.String(r.key)}
	if r.pinned {
		in.Range = aws.String(fmt.Sprintf("bytes=%d-", r.n))
		in.IfMatch = aws.String(r.version.ETag)
	}
	ctx, cancel := context.WithCancel(r.ctx)
	out, err := r.c.api.GetObject(ctx, in)
	if err != nil {
		cancel()
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		switch {
		case r.pinned && (apiCode(err) == "PreconditionFailed" || httpStatus(err) == http.StatusPreconditionFailed):
			return fmt.Errorf("%w: %s was replaced during its download (it was ETag %s; %d of %d bytes read): run again", ErrChanged, r.name, r.version.ETag, r.n, r.version.Size)
		case apiCode(err) == "NoSuchKey" || httpStatus(err) == http.StatusNotFound:
			return fmt.Errorf("%w: %s was deleted after it was listed: run again", ErrChanged, r.name)
		}
		return r.c.explain(r.name, "read", err)
	}
	etag := aws.ToString(out.ETag)
	switch {
	case !r.pinned:
		// The first response pins the version: if the object was replaced
		// since it was listed, this is the new one, read whole.
		r.version = Version{ETag: etag, LastModified: aws.ToTime(out.LastModified), Size: aws.ToInt64(out.ContentLength)}
		r.pinned = etag != ""
	case etag != r.version.ETag || !strings.HasPrefix(aws.ToString(out.ContentRange), fmt.Sprintf("bytes %d-", r.n)):
		// A store that ignored If-Match or Range: never splice.
		_ = out.Body.Close()
		cancel()
		return fmt.Errorf("%w: %s: resuming at byte %d got ETag %s, range %q (want ETag %s)", ErrChanged, r.name, r.n, etag, aws.ToString(out.ContentRange), r.version.ETag)
	}
	r.body, r.cancel = out.Body, cancel
	return nil
}

func (r *objectReader) closeBody() {
	if r.body != nil {
		_ = r.body.Close() // a failed or finished download: nothing to keep
		r.cancel()
		r.body, r.cancel = nil, nil
	}
}

// Close ends the download.
func (r *objectReader) Close() error {
	r.closeBody()
	return nil
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// explain turns the failure of a request about u into one line saying what
// is wrong and what to do.
func (c *s3Client) explain(u, op string, err error) error {
	bucket, _, _ := splitS3URL(u)
	endpoint := "AWS S3 (region " + c.region + ")"
	if c.endpoint != "" {
		endpoint = c.endpoint
	}
	code, status := apiCode(err), httpStatus(err)
	var dns *net.DNSError
	var op2 *net.OpError
	switch {
	case code == "NoSuchBucket":
		return fmt.Errorf("%s %s: bucket %q does not exist at %s: check the bucket name (and --endpoint)", op, u, bucket, endpoint)
	case code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch" || code == "ExpiredToken":
		return fmt.Errorf("%s %s: the AWS credentials were refused at %s (%s): fix or unset them (AWS_PROFILE, AWS_ACCESS_KEY_ID)", op, u, endpoint, code)
	case code == "AccessDenied" || code == "AllAccessDisabled" || status == http.StatusForbidden:
		if c.anonymous {
			return fmt.Errorf("%s %s: access denied to an anonymous request at %s: the bucket is not public; configure AWS credentials allowed to read it (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)", op, u, endpoint)
		}
		return fmt.Errorf("%s %s: access denied at %s: the AWS credentials in use may not read this bucket; use others (AWS_PROFILE, AWS_ACCESS_KEY_ID) or unset them to read a public bucket anonymously", op, u, endpoint)
	case code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed" || status == http.StatusMovedPermanently:
		return fmt.Errorf("%s %s: bucket %q is not in region %s: set AWS_REGION to the bucket's region", op, u, bucket, c.region)
	case errors.As(err, &dns):
		return fmt.Errorf("%s %s: cannot find the S3 endpoint %s (%v): check --endpoint and the network", op, u, endpoint, dns)
	case errors.As(err, &op2) && op2.Op == "dial":
		return fmt.Errorf("%s %s: cannot connect to the S3 endpoint %s (%v): check --endpoint and the network", op, u, endpoint, op2.Err)
	case code == "" && status != 0 && status < 500:
		return fmt.Errorf("%s %s: %s answered HTTP %d, not as an S3 store would: check --endpoint", op, u, endpoint, status)
	}
	return fmt.Errorf("%s %s at %s: %w", op, u, endpoint, err)
}
