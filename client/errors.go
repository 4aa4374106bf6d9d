package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/zonexfer/zonexfer/gen"
)

// Message is one entry of the API's errors[] or messages[]: a numeric code,
// its text, and optionally a documentation URL, a source pointer and the
// nested error_chain.
type Message = gen.Message

// Sentinel problems that an *Error wraps when the response itself was
// unusable. Test for them with errors.Is.
var (
	// ErrNotJSON: the body was not JSON (an HTML edge page, plain text) or
	// the Content-Type did not say application/json.
	ErrNotJSON = errors.New("response is not JSON")
	// ErrMalformedBody: the body claimed to be JSON but was empty,
	// truncated, or of the wrong shape for the envelope.
	ErrMalformedBody = errors.New("response body is malformed")
	// ErrBodyTooLarge: the body exceeded the client's cap (see
	// WithMaxBodyBytes); reading stopped there.
	ErrBodyTooLarge = errors.New("response body exceeds the size limit")
	// ErrUnsuccessful: the envelope said success:false (or lacked success)
	// although the HTTP status was 2xx.
	ErrUnsuccessful = errors.New("API reported failure")
	// ErrMissingResult: a success envelope without a result object.
	ErrMissingResult = errors.New("response has no result")
	// ErrRedirect: the server answered with a redirect. The client never
	// follows redirects, so credentials are never forwarded elsewhere.
	ErrRedirect = errors.New("unexpected redirect")
	// ErrRetryAfterTooLong: the server asked the client to wait longer than
	// the context's deadline or the configured cap allows, so the client
	// stopped at once instead of sleeping.
	ErrRetryAfterTooLong = errors.New("server asked to wait longer than allowed")
)

// Error is returned for every response that is not a usable success: an API
// failure envelope, a 2xx that says success:false, or a body that cannot be
// decoded. It carries what a program needs to act on the failure; use
// errors.As to reach it, and the helper methods for the common questions.
type Error struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Errors are the API's errors[], nested error_chain included.
	Errors []Message
	// Messages are the API's informational messages[].
	Messages []Message
	// RayID is the cf-ray header, which Cloudflare support asks for.
	RayID string
	// RetryAfter is the wait the server asked for (Retry-After, in seconds
	// or as an HTTP date); meaningful when HasRetryAfter is true.
	RetryAfter time.Duration
	// HasRetryAfter reports whether the response carried a valid
	// Retry-After header.
	HasRetryAfter bool
	// Location is the redirect target, when the response was a redirect.
	Location string
	// Body is an excerpt of the raw body, at most BodyExcerptBytes long,
	// with the client's credentials masked.
	Body []byte
	// Problem is the sentinel (ErrNotJSON, ErrMalformedBody, ...) or decode
	// error that explains why the body was unusable, or nil for a
	// well-formed API failure. Error unwraps to it.
	Problem error
}

// BodyExcerptBytes bounds Error.Body.
const BodyExcerptBytes = 512

// Error formats the failure for a log line: status, codes and messages, and
// the problem with the body if there was one. It never contains credentials.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cloudflare: HTTP %d", e.StatusCode)
	if text := http.StatusText(e.StatusCode); text != "" {
		fmt.Fprintf(&b, " %s", text)
	}
	for i, m := range e.Errors {
		if i == 0 {
			b.WriteString(":")
		} else {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " [%d] %s", m.Code, m.Message)
		writeChain(&b, m.ErrorChain)
	}
	for _, m := range e.Messages {
		fmt.Fprintf(&b, " (message [%d] %s)", m.Code, m.Message)
	}
	if e.Problem != nil {
		fmt.Fprintf(&b, ": %v", e.Problem)
	}
	if e.Location != "" {
		fmt.Fprintf(&b, " (to %s)", e.Location)
	}
	if e.HasRetryAfter {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RayID != "" {
		fmt.Fprintf(&b, " (cf-ray %s)", e.RayID)
	}
	return b.String()
}

func writeChain(b *strings.Builder, chain *[]Message) {
	if chain == nil || len(*chain) == 0 {
		return
	}
	b.WriteString(" <-")
	for _, m := range *chain {
		fmt.Fprintf(b, " [%d] %s", m.Code, m.Message)
		writeChain(b, m.ErrorChain)
	}
}

// Unwrap returns the problem with the body, so that errors.Is(err,
// ErrNotJSON) and the like work.
func (e *Error) Unwrap() error { return e.Problem }

// HasCode reports whether code appears among the errors, at any depth of
// their error_chain.
func (e *Error) HasCode(code int64) bool {
	return containsCode(e.Errors, code)
}

func containsCode(ms []Message, code int64) bool {
	for _, m := range ms {
		if m.Code == code {
			return true
		}
		if m.ErrorChain != nil && containsCode(*m.ErrorChain, code) {
			return true
		}
	}
	return false
}

// Codes lists every error code, error_chain included, depth first.
func (e *Error) Codes() []int64 {
	var out []int64
	var walk func([]Message)
	walk = func(ms []Message) {
		for _, m := range ms {
			out = append(out, m.Code)
			if m.ErrorChain != nil {
				walk(*m.ErrorChain)
			}
		}
	}
	walk(e.Errors)
	return out
}

// Cloudflare error codes the helpers recognise.
const (
	CodeRateLimited       = 971   // "Please wait and consider throttling your request speed"
	CodeRateLimitedLegacy = 10100 // "More than 1200 requests per 300 seconds"
	CodeAuthentication    = 10000 // "Authentication error"
	CodeMissingAuth       = 9106  // missing authentication headers
	CodeInvalidToken      = 9109  // invalid access token
	CodeInvalidHeaders    = 6003  // "Invalid request headers", with an error_chain of 6100-6111
	CodeNoRoute           = 7000  // "No route for that URI"
	CodeCouldNotRoute     = 7003  // "Could not route to ..., perhaps your object identifier is invalid?"
)

// IsRateLimit reports whether the API refused the request for its rate
// limit: HTTP 429, or code 971 or 10100.
func (e *Error) IsRateLimit() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.HasCode(CodeRateLimited) || e.HasCode(CodeRateLimitedLegacy)
}

// IsAuthentication reports whether the credentials were missing, malformed
// or refused: HTTP 401, or codes 10000, 9106, 9109, 6003 or 6100-6111. A
// plain 403 without those codes (say, a missing permission) also counts.
func (e *Error) IsAuthentication() bool {
	if e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden {
		return true
	}
	for _, c := range e.Codes() {
		switch {
		case c == CodeAuthentication, c == CodeMissingAuth, c == CodeInvalidToken, c == CodeInvalidHeaders:
			return true
		case c >= 6100 && c <= 6111:
			return true
		}
	}
	return false
}

// IsZoneNotFound reports whether the zone does not exist, is not visible to
// these credentials, or has no secondary configuration: HTTP 404, or the
// routing codes 7003 and 7000 that Cloudflare answers for an identifier that
// leads nowhere.
func (e *Error) IsZoneNotFound() bool {
	return e.StatusCode == http.StatusNotFound || e.HasCode(CodeCouldNotRoute) || e.HasCode(CodeNoRoute)
}

// AsError returns the *Error inside err, if there is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsRateLimit reports whether err holds an *Error that is a rate limit.
func IsRateLimit(err error) bool {
	e, ok := AsError(err)
	return ok && e.IsRateLimit()
}

// IsAuthentication reports whether err holds an *Error that is an
// authentication failure.
func IsAuthentication(err error) bool {
	e, ok := AsError(err)
	return ok && e.IsAuthentication()
}

// IsZoneNotFound reports whether err holds an *Error saying the zone is
// missing or not secondary.
func IsZoneNotFound(err error) bool {
	e, ok := AsError(err)
	return ok && e.IsZoneNotFound()
}

// HasCode reports whether err holds an *Error carrying the API code.
func HasCode(err error, code int64) bool {
	e, ok := AsError(err)
	return ok && e.HasCode(code)
}
