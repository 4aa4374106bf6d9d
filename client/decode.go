package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/zonexfer/zonexfer/gen"
	"github.com/zonexfer/zonexfer/internal/redact"
)

// envelope is Cloudflare's response envelope, decoded in one pass. success
// is a pointer so that a missing field is told apart from false; result is a
// pointer so that null and absent both read as "no result".
type envelope struct {
	Success  *bool              `json:"success"`
	Errors   []Message          `json:"errors"`
	Messages []Message          `json:"messages"`
	Result   *gen.SecondaryZone `json:"result"`
}

// response is what the retry loop kept of the last answer.
type response struct {
	status            int
	header            http.Header
	body              []byte
	tooLarge          bool
	readErr           error
	retryAfterTooLong bool
}

// decodeSecondaryZone turns a buffered response into the zone's
// configuration, or into an *Error that says why it is not one. It never
// returns a nil configuration without an error.
func decodeSecondaryZone(r response, secrets redact.Secrets, now time.Time) (*gen.SecondaryZone, error) {
	// The error is built only when there is one: a success pays for none
	// of the masking and copying.
	newError := func(problem error) *Error {
		retryAfter, hasRetryAfter := parseRetryAfter(r.header.Get("Retry-After"), now)
		if r.retryAfterTooLong && problem == nil {
			problem = fmt.Errorf("%w (asked for %s)", ErrRetryAfterTooLong, retryAfter)
		}
		return &Error{
			StatusCode:    r.status,
			RayID:         r.header.Get("Cf-Ray"),
			Body:          excerpt(secrets.Bytes(r.body)),
			Problem:       problem,
			RetryAfter:    retryAfter,
			HasRetryAfter: hasRetryAfter,
		}
	}

	switch {
	case r.status >= 300 && r.status < 400:
		e := newError(ErrRedirect)
		e.Location = secrets.String(r.header.Get("Location"))
		return nil, e
	case r.tooLarge:
		return nil, newError(ErrBodyTooLarge)
	case r.readErr != nil:
		return nil, newError(fmt.Errorf("%w: reading the body: %v", ErrMalformedBody, r.readErr))
	}
	if ct := r.header.Get("Content-Type"); !isJSON(ct) {
		return nil, newError(fmt.Errorf("%w: Content-Type %q", ErrNotJSON, ct))
	}
	var env envelope
	failed := r.status < 200 || r.status >= 300
	if err := json.Unmarshal(r.body, &env); err != nil {
		// A failure's result is not ours to judge (it should be null); any
		// other decoding problem makes the body unusable.
		var typeErr *json.UnmarshalTypeError
		if !failed || !errors.As(err, &typeErr) || !strings.HasPrefix(typeErr.Field, "result") {
			return nil, newError(fmt.Errorf("%w: %v", ErrMalformedBody, err))
		}
	}
	var problem error
	switch {
	case failed || r.retryAfterTooLong:
		// A well-formed API failure: no problem with the body itself
		// (newError notes a stop for a too-long Retry-After).
	case env.Success == nil:
		problem = fmt.Errorf("%w: the envelope has no success field", ErrUnsuccessful)
	case !*env.Success:
		problem = ErrUnsuccessful
	case env.Result == nil:
		problem = ErrMissingResult
	default:
		return env.Result, nil
	}
	e := newError(problem)
	e.Errors = scrubMessages(env.Errors, secrets)
	e.Messages = scrubMessages(env.Messages, secrets)
	return nil, e
}

// isJSON accepts application/json and +json types, with any parameters.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || (len(mt) > 5 && mt[len(mt)-5:] == "+json")
}

func excerpt(b []byte) []byte {
	if len(b) > BodyExcerptBytes {
		b = b[:BodyExcerptBytes]
	}
	return append([]byte(nil), b...)
}

// scrubMessages masks the client's own credentials wherever the API echoed
// them back into a message.
func scrubMessages(ms []Message, secrets redact.Secrets) []Message {
	for i := range ms {
		ms[i].Message = secrets.String(ms[i].Message)
		if ms[i].DocumentationUrl != nil {
			u := secrets.String(*ms[i].DocumentationUrl)
			ms[i].DocumentationUrl = &u
		}
		if ms[i].ErrorChain != nil {
			chain := scrubMessages(*ms[i].ErrorChain, secrets)
			ms[i].ErrorChain = &chain
		}
	}
	return ms
}
