package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/zonexfer/zonexfer/gen"
	"github.com/zonexfer/zonexfer/internal/redact"
)

// DefaultBaseURL is Cloudflare's API v4 endpoint, the spec's only server.
const DefaultBaseURL = "https://api.cloudflare.com/client/v4"

// Environment variables read by New, the names Cloudflare's own SDKs use.
const (
	EnvAPIToken = "CLOUDFLARE_API_TOKEN"
	EnvEmail    = "CLOUDFLARE_EMAIL"
	EnvAPIKey   = "CLOUDFLARE_API_KEY"
	EnvBaseURL  = "CLOUDFLARE_BASE_URL"
)

// Defaults, each overridable by an Option.
const (
	DefaultMaxAttempts    = 3
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 8 * time.Second
	DefaultMaxRetryAfter  = 5 * time.Minute // Cloudflare's longest documented block
	DefaultAttemptTimeout = 30 * time.Second
	DefaultMaxBodyBytes   = 8 << 20
)

// SecondaryZone is a secondary zone's configuration for incoming zone
// transfers, as the generated models decode it.
type SecondaryZone = gen.SecondaryZone

// Client reads secondary zone configuration from Cloudflare's API. It is
// safe for concurrent use.
type Client struct {
	api     *gen.Client
	secrets redact.Secrets
	now     func() time.Time
}

// New builds a client. Without options it talks to DefaultBaseURL (or
// $CLOUDFLARE_BASE_URL) with the credentials in the environment: either
// $CLOUDFLARE_API_TOKEN, or $CLOUDFLARE_EMAIL with $CLOUDFLARE_API_KEY.
// WithAPIToken or WithAPIKey replace the environment's credentials. Having
// neither scheme configured, or both, is an error here, before any request.
func New(opts ...Option) (*Client, error) {
	cfg := config{
		getenv:         os.Getenv,
		maxAttempts:    DefaultMaxAttempts,
		waitMin:        DefaultRetryWaitMin,
		waitMax:        DefaultRetryWaitMax,
		maxRetryAfter:  DefaultMaxRetryAfter,
		attemptTimeout: DefaultAttemptTimeout,
		maxBodyBytes:   DefaultMaxBodyBytes,
		transport:      http.DefaultTransport,
		now:            time.Now,
	}
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	creds, err := cfg.resolveCredentials()
	if err != nil {
		return nil, err
	}
	base, err := cfg.resolveBaseURL()
	if err != nil {
		return nil, err
	}

	transport := cfg.transport
	if cfg.debug != nil {
		transport = &debugTransport{next: transport, log: cfg.debug, secrets: creds.secrets()}
	}
	httpClient := &http.Client{
		Transport: transport,
		Timeout:   cfg.attemptTimeout,
		// Never follow redirects: the API does not redirect, and following
		// one would send X-Auth-Key and X-Auth-Email (which net/http does
		// not strip) to whatever host the Location names.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	doer := &retryingDoer{
		http: httpClient,
		now:  cfg.now,
		policy: retryPolicy{
			maxAttempts:   cfg.maxAttempts,
			waitMin:       cfg.waitMin,
			waitMax:       cfg.waitMax,
			maxRetryAfter: cfg.maxRetryAfter,
			maxBodyBytes:  cfg.maxBodyBytes,
		},
	}
	editors, err := creds.editors()
	if err != nil {
		return nil, err
	}
	genOpts := []gen.ClientOption{gen.WithHTTPClient(doer), gen.WithRequestEditorFn(setStandardHeaders)}
	for _, ed := range editors {
		genOpts = append(genOpts, gen.WithRequestEditorFn(ed))
	}
	api, err := gen.NewClient(base, genOpts...)
	if err != nil {
		return nil, fmt.Errorf("zonexfer: %w", err)
	}
	return &Client{api: api, secrets: creds.secrets(), now: cfg.now}, nil
}

func setStandardHeaders(_ context.Context, req *http.Request) error {
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/json")
	return nil
}

// SecondaryZone returns the configuration of the secondary zone zoneID
// (GET /zones/{zone_id}/secondary_dns/incoming). The zone ID is checked
// before anything is sent (see CheckZoneID). Failures come back as *Error
// where the API answered, wrapped with context.Canceled or
// context.DeadlineExceeded where the context ended first, and as transport
// errors otherwise; a nil error always comes with a configuration.
func (c *Client) SecondaryZone(ctx context.Context, zoneID string) (*SecondaryZone, error) {
	if err := CheckZoneID(zoneID); err != nil {
		return nil, err
	}
	x := &exchange{}
	resp, err := c.api.GetSecondaryZoneConfiguration(withExchange(ctx, x), zoneID)
	if err != nil {
		return nil, c.callError(ctx, x, err)
	}
	defer resp.Body.Close()
	return decodeSecondaryZone(x.last(), c.secrets, c.now())
}

// callError explains a call that produced no response: the context ended
// (then the last API error, if any, is wrapped too) or the transport failed.
func (c *Client) callError(ctx context.Context, x *exchange, err error) error {
	msg := c.secrets.String(err.Error())
	if ctxErr := ctx.Err(); ctxErr != nil {
		if x.resp != nil {
			_, last := decodeSecondaryZone(x.last(), c.secrets, c.now())
			if last != nil {
				return fmt.Errorf("zonexfer: %w after %d attempt(s); last response: %w", ctxErr, x.attempts, last)
			}
		}
		if errors.Is(err, ctxErr) {
			return fmt.Errorf("zonexfer: %w after %d attempt(s)", ctxErr, x.attempts)
		}
		return fmt.Errorf("zonexfer: %w after %d attempt(s): %s", ctxErr, x.attempts, msg)
	}
	return &TransportError{Attempts: x.attempts, msg: msg, err: err}
}

// TransportError is returned when no response arrived: the connection
// failed, or each attempt timed out.
type TransportError struct {
	// Attempts is how many attempts were made.
	Attempts int
	msg      string
	err      error
}

// Error describes the failure, credentials masked.
func (e *TransportError) Error() string {
	return fmt.Sprintf("zonexfer: request failed after %d attempt(s): %s", e.Attempts, e.msg)
}

// Unwrap returns the underlying transport error.
func (e *TransportError) Unwrap() error { return e.err }

// Timeout reports whether the failure was a timeout.
func (e *TransportError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.err, &t) && t.Timeout()
}

// config collects what the options set.
type config struct {
	getenv         func(string) string
	baseURL        string
	creds          *credentials
	transport      http.RoundTripper
	maxAttempts    int
	waitMin        time.Duration
	waitMax        time.Duration
	maxRetryAfter  time.Duration
	attemptTimeout time.Duration
	maxBodyBytes   int64
	debug          DebugLogger
	now            func() time.Time
}

func (cfg *config) resolveBaseURL() (string, error) {
	raw := cfg.baseURL
	if raw == "" {
		raw = cfg.getenv(EnvBaseURL)
	}
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("zonexfer: base URL %q must be an absolute http(s) URL without query or fragment", raw)
	}
	return strings.TrimSuffix(raw, "/"), nil
}

// Option configures a Client.
type Option func(*config) error

// WithBaseURL points the client at another API root (a test server, a
// proxy). It takes precedence over $CLOUDFLARE_BASE_URL.
func WithBaseURL(u string) Option {
	return func(c *config) error { c.baseURL = u; return nil }
}

// WithAPIToken authenticates with an API token (Authorization: Bearer),
// Cloudflare's preferred scheme. It replaces credentials from the
// environment.
func WithAPIToken(token string) Option {
	return func(c *config) error {
		if c.creds != nil {
			return errors.New("zonexfer: credentials given twice: use WithAPIToken or WithAPIKey, not both")
		}
		c.creds = &credentials{token: token, source: "WithAPIToken"}
		return nil
	}
}

// WithAPIKey authenticates with the legacy pair X-Auth-Email and
// X-Auth-Key (a Global API key). It replaces credentials from the
// environment.
func WithAPIKey(email, key string) Option {
	return func(c *config) error {
		if c.creds != nil {
			return errors.New("zonexfer: credentials given twice: use WithAPIToken or WithAPIKey, not both")
		}
		c.creds = &credentials{email: email, key: key, source: "WithAPIKey"}
		return nil
	}
}

// WithTransport sets the RoundTripper requests go through (default
// http.DefaultTransport): a recorder, a validating transport, a proxy.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *config) error {
		if rt == nil {
			return errors.New("zonexfer: WithTransport(nil)")
		}
		c.transport = rt
		return nil
	}
}

// WithMaxAttempts bounds the attempts per call, the first included
// (default 3); 1 disables retries.
func WithMaxAttempts(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("zonexfer: WithMaxAttempts(%d): need at least 1", n)
		}
		c.maxAttempts = n
		return nil
	}
}

// WithRetryWait sets the exponential backoff's first wait and its ceiling
// (defaults 500ms and 8s). A Retry-After header overrides the backoff.
func WithRetryWait(minWait, maxWait time.Duration) Option {
	return func(c *config) error {
		if minWait < 0 || maxWait < minWait {
			return fmt.Errorf("zonexfer: WithRetryWait(%s, %s): need 0 <= min <= max", minWait, maxWait)
		}
		c.waitMin, c.waitMax = minWait, maxWait
		return nil
	}
}

// WithMaxRetryAfter caps how long the client honours a Retry-After (default
// 5 minutes). A longer request, like one that would outlast the context's
// deadline, ends the call at once with an *Error wrapping
// ErrRetryAfterTooLong.
func WithMaxRetryAfter(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("zonexfer: WithMaxRetryAfter(%s): negative", d)
		}
		c.maxRetryAfter = d
		return nil
	}
}

// WithAttemptTimeout bounds each attempt, body included (default 30s). The
// context's deadline bounds the whole call, all attempts and waits.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("zonexfer: WithAttemptTimeout(%s): need a positive duration", d)
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithMaxBodyBytes caps how much of a response body is read (default 8
// MiB). A longer body ends the call with an *Error wrapping ErrBodyTooLarge.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("zonexfer: WithMaxBodyBytes(%d): need at least 1", n)
		}
		c.maxBodyBytes = n
		return nil
	}
}

// WithDebugLogger logs every attempt's request and response at debug level
// (pass a *slog.Logger), with credential headers and the client's own
// credentials masked.
func WithDebugLogger(l DebugLogger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("zonexfer: WithDebugLogger(nil)")
		}
		c.debug = l
		return nil
	}
}

// withEnv replaces os.Getenv; for tests.
func withEnv(getenv func(string) string) Option {
	return func(c *config) error { c.getenv = getenv; return nil }
}
