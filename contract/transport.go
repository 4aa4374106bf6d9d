package contract

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// DefaultMaxValidatedBody bounds how much of a response body Transport reads
// to validate it.
const DefaultMaxValidatedBody = 16 << 20

// Exchange is one request and its response as the contract saw them.
type Exchange struct {
	// Source names where the exchange came from: a recording's file name,
	// "live", or what the Transport's owner set.
	Source string
	// Method and URL are the request's.
	Method, URL string
	// OperationID is the operation the request matched, if any.
	OperationID string
	// Status and ContentType are the response's; Status is 0 when the
	// transport failed.
	Status      int
	ContentType string
	// Violations lists everything that broke the contract, request first.
	Violations []Violation
	// Err is the transport error, if no response came.
	Err error

	header http.Header
	body   []byte
}

// Transport is an http.RoundTripper that validates every request and
// response against the spec and records the outcome, without changing what
// the caller receives: the same response, the same body bytes, the same
// errors. Drop it into any http.Client in integration tests or staging and
// assert on Violations afterwards. It is safe for concurrent use.
type Transport struct {
	// Next sends the requests; nil means http.DefaultTransport.
	Next http.RoundTripper
	// Validator checks them; nil means Default().
	Validator *Validator
	// Source labels the exchanges recorded.
	Source string
	// MaxBodyBytes bounds how much of a body is read for validation
	// (default DefaultMaxValidatedBody); a longer body is passed through
	// whole but reported as not validated.
	MaxBodyBytes int64

	mu        sync.Mutex
	exchanges []Exchange
}

// RoundTrip validates req, forwards it, and validates the response.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	v := t.Validator
	if v == nil {
		var err error
		if v, err = Default(); err != nil {
			return nil, err
		}
	}
	next := t.Next
	if next == nil {
		next = http.DefaultTransport
	}
	route, violations := v.CheckRequest(req)
	x := Exchange{Source: t.Source, Method: req.Method, URL: req.URL.String(), Violations: violations}
	if route != nil {
		x.OperationID = route.OperationID
	}

	resp, err := next.RoundTrip(req)
	if err != nil {
		x.Err = err
		t.add(x)
		return resp, err
	}
	x.Status, x.ContentType, x.header = resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Clone()

	limit := t.MaxBodyBytes
	if limit <= 0 {
		limit = DefaultMaxValidatedBody
	}
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	// Give the caller back exactly what it would have read.
	var rest io.Reader = resp.Body
	if readErr != nil {
		rest = errReader{readErr}
	}
	resp.Body = readCloser{io.MultiReader(bytes.NewReader(body), rest), resp.Body}

	switch {
	case readErr != nil:
		x.Violations = append(x.Violations, Violation{In: "body", Reason: "the body could not be read whole: " + readErr.Error()})
	case int64(len(body)) > limit:
		x.Violations = append(x.Violations, Violation{In: "body", Reason: "not validated: longer than the transport's MaxBodyBytes"})
	default:
		x.body = body
		x.Violations = append(x.Violations, v.CheckResponse(req, resp.StatusCode, resp.Header, body)...)
	}
	t.add(x)
	return resp, nil
}

func (t *Transport) add(x Exchange) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.exchanges = append(t.exchanges, x)
}

// amendLast adds violations to the latest exchange.
func (t *Transport) amendLast(vs []Violation) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n := len(t.exchanges); n > 0 {
		t.exchanges[n-1].Violations = append(t.exchanges[n-1].Violations, vs...)
	}
}

// Exchanges returns what the transport has seen, oldest first.
func (t *Transport) Exchanges() []Exchange {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Exchange(nil), t.exchanges...)
}

// Violations returns every violation seen so far.
func (t *Transport) Violations() []Violation {
	var out []Violation
	for _, x := range t.Exchanges() {
		out = append(out, x.Violations...)
	}
	return out
}

type readCloser struct {
	io.Reader
	io.Closer
}

type errReader struct{ err error }

// Read always fails with the error the body failed with.
func (e errReader) Read([]byte) (int, error) { return 0, e.err }
