package client

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"time"

	"github.com/zonexfer/zonexfer/gen"
	"github.com/zonexfer/zonexfer/internal/redact"
)

// envelope is the part of Cloudflare's response envelope that every answer
// shares. success is a pointer so that a missing field is told apart from
// false; result stays raw until the envelope has been judged.
type envelope struct {
	Success  *bool           `json:"success"`
	Errors   []Message       `json:"errors"`
	Messages []Message       `json:"messages"`
	Result   json.RawMessage `json:"result"`
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
	e := &Error{
		StatusCode: r.status,
		RayID:      r.header.Get("Cf-Ray"),
		Body:       excerpt(secrets.Bytes(r.body)),
	}
	e.RetryAfter, e.HasRetryAfter = parseRetryAfter(r.header.Get("Retry-After"), now)

	switch {
	case r.status >= 300 && r.status < 400:
		e.Location = secrets.String(r.header.Get("Location"))
		e.Problem = ErrRedirect
		return nil, e
	case r.tooLarge:
		e.Problem = ErrBodyTooLarge
		return nil, e
	case r.readErr != nil:
		e.Problem = fmt.Errorf("%w: reading the body: %v", ErrMalformedBody, r.readErr)
		return nil, e
	}
	if ct := r.header.Get("Content-Type"); !isJSON(ct) {
		e.Problem = fmt.Errorf("%w: Content-Type %q", ErrNotJSON, ct)
		return nil, e
	}
	var env envelope
	if err := json.Unmarshal(r.body, &env); err != nil {
		e.Problem = fmt.Errorf("%w: %v", ErrMalformedBody, err)
		return nil, e
	}
	e.Errors = scrubMessages(env.Errors, secrets)
	e.Messages = scrubMessages(env.Messages, secrets)
	if e.retryAfterProblem(r.retryAfterTooLong) {
		return nil, e
	}
	if r.status < 200 || r.status >= 300 {
		return nil, e
	}
	if env.Success == nil {
		e.Problem = fmt.Errorf("%w: the envelope has no success field", ErrUnsuccessful)
		return nil, e
	}
	if !*env.Success {
		e.Problem = ErrUnsuccessful
		return nil, e
	}
	if len(env.Result) == 0 || string(env.Result) == "null" {
		e.Problem = ErrMissingResult
		return nil, e
	}
	var zone gen.SecondaryZone
	if err := json.Unmarshal(env.Result, &zone); err != nil {
		e.Problem = fmt.Errorf("%w: result: %v", ErrMalformedBody, err)
		return nil, e
	}
	return &zone, nil
}

// retryAfterProblem marks e when the retry loop gave up because the server
// asked for a longer wait than allowed.
func (e *Error) retryAfterProblem(tooLong bool) bool {
	if !tooLong {
		return false
	}
	e.Problem = fmt.Errorf("%w (asked for %s)", ErrRetryAfterTooLong, e.RetryAfter)
	return true
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
