package client

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// retryableStatus lists the statuses worth another try for an idempotent
// GET: timeouts, the rate limit, and server and edge errors (Cloudflare's
// 52x and 530 among them).
func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return code >= 520 && code <= 530
}

// retryPolicy is the part of the configuration the retry loop reads.
type retryPolicy struct {
	maxAttempts   int
	waitMin       time.Duration
	waitMax       time.Duration
	maxRetryAfter time.Duration
	maxBodyBytes  int64
}

// exchange is the record of one call: every attempt's outcome lands here,
// so that the call can report the last API error even when the context ends
// while the loop is waiting.
type exchange struct {
	attempts int
	wait     time.Duration

	// The last response, its body read (bounded) into memory.
	resp     *http.Response
	body     []byte
	tooLarge bool
	readErr  error

	// retryAfterTooLong is set when the loop stopped because the server's
	// Retry-After would outlast the context or the cap.
	retryAfterTooLong bool
}

// last is what decodeSecondaryZone needs of the last answer.
func (x *exchange) last() response {
	return response{
		status: x.resp.StatusCode, header: x.resp.Header,
		body: x.body, tooLarge: x.tooLarge, readErr: x.readErr,
		retryAfterTooLong: x.retryAfterTooLong,
	}
}

type exchangeKey struct{}

func withExchange(ctx context.Context, x *exchange) context.Context {
	return context.WithValue(ctx, exchangeKey{}, x)
}

func exchangeFrom(ctx context.Context) *exchange {
	if x, ok := ctx.Value(exchangeKey{}).(*exchange); ok {
		return x
	}
	return &exchange{}
}

// retryingDoer adapts go-retryablehttp to the generated client's
// HttpRequestDoer. The loop itself is the library's; this type supplies the
// decisions: which outcomes to retry, how long to wait, and when a wait is
// pointless because the context or the cap would end it first.
type retryingDoer struct {
	http   *http.Client
	policy retryPolicy
	now    func() time.Time
}

// Do runs the request through a retryablehttp.Client whose callbacks share
// the call's exchange.
func (d *retryingDoer) Do(req *http.Request) (*http.Response, error) {
	x := exchangeFrom(req.Context())
	rc := &retryablehttp.Client{
		HTTPClient:   d.http,
		RetryWaitMin: d.policy.waitMin,
		RetryWaitMax: d.policy.waitMax,
		RetryMax:     d.policy.maxAttempts - 1,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			return d.checkRetry(ctx, x, resp, err)
		},
		Backoff: func(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
			return x.wait
		},
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	rreq, err := retryablehttp.FromRequest(req)
	if err != nil {
		return nil, err
	}
	return rc.Do(rreq)
}

// checkRetry records the attempt, buffers its body, and decides whether to
// try again and after how long.
func (d *retryingDoer) checkRetry(ctx context.Context, x *exchange, resp *http.Response, err error) (bool, error) {
	x.attempts++
	x.resp, x.body, x.tooLarge, x.readErr = resp, nil, false, nil
	if resp != nil {
		x.body, x.tooLarge, x.readErr = readBounded(resp.Body, resp.ContentLength, d.policy.maxBodyBytes)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(x.body))
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}

	var retry bool
	switch {
	case err != nil:
		// The library's policy knows which transport errors are final
		// (bad TLS certificates, unsupported schemes, ...).
		retry, _ = retryablehttp.DefaultRetryPolicy(ctx, nil, err)
	case x.readErr != nil:
		retry = true // the connection broke mid-body
	default:
		retry = retryableStatus(resp.StatusCode)
	}
	if !retry || x.attempts >= d.policy.maxAttempts {
		return false, nil
	}

	wait := d.backoff(x.attempts)
	if resp != nil {
		if after, ok := parseRetryAfter(resp.Header.Get("Retry-After"), d.now()); ok {
			if after > d.policy.maxRetryAfter {
				x.retryAfterTooLong = true
				return false, nil
			}
			wait = after
		}
	}
	if deadline, ok := ctx.Deadline(); ok && d.now().Add(wait).After(deadline) {
		// Sleeping would only end in the deadline: report now instead.
		x.retryAfterTooLong = resp != nil && resp.Header.Get("Retry-After") != ""
		return false, nil
	}
	x.wait = wait
	return true, nil
}

// backoff returns the wait before the attempt after the given one:
// exponential from waitMin, capped at waitMax, with "equal jitter" (half
// fixed, half random) so that many clients do not retry in step.
func (d *retryingDoer) backoff(attempt int) time.Duration {
	ceiling := d.policy.waitMin
	for i := 1; i < attempt && ceiling < d.policy.waitMax; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, d.policy.waitMax)
	if ceiling <= 0 {
		return 0
	}
	half := ceiling / 2
	return half + rand.N(ceiling-half+1)
}

// readBounded reads at most limit bytes, sizing its buffer from the
// declared length when there is one. tooLarge reports that the body went on
// past the limit; the rest is left unread.
func readBounded(r io.Reader, declared, limit int64) (body []byte, tooLarge bool, err error) {
	size := int64(512)
	if declared > 0 {
		size = min(declared, limit) + 1
	}
	body = make([]byte, 0, size)
	lr := io.LimitReader(r, limit+1)
	for {
		if len(body) == cap(body) {
			body = append(body, 0)[:len(body)] // let append pick the growth
		}
		n, rerr := lr.Read(body[len(body):cap(body)])
		body = body[:len(body)+n]
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = rerr
			break
		}
	}
	if int64(len(body)) > limit {
		return body[:limit], true, nil
	}
	return body, false, err
}

// parseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date
// (RFC 9110, section 10.2.3). A date in the past means no wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	var secs int64
	isNumber := true
	for _, c := range v {
		if c < '0' || c > '9' {
			isNumber = false
			break
		}
		secs = secs*10 + int64(c-'0')
		if secs > 1<<31 {
			return 0, false
		}
	}
	if isNumber {
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
