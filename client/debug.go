package client

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/zonexfer/zonexfer/internal/redact"
)

// DebugLogger receives the client's debug output. *slog.Logger satisfies
// it; so can any logger with the same method, without this package
// linking log/slog into programs that never debug.
type DebugLogger interface {
	DebugContext(ctx context.Context, msg string, args ...any)
}

// debugTransport logs each attempt at debug level with credentials masked:
// credential headers by name, and the client's own secrets wherever they
// appear in a URL or body.
type debugTransport struct {
	next    http.RoundTripper
	log     DebugLogger
	secrets redact.Secrets
}

// debugBodyBytes bounds how much of a response body is logged.
const debugBodyBytes = 2048

// RoundTrip logs the request, forwards it, and logs the response; the
// caller receives the response unchanged.
func (d *debugTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	d.log.DebugContext(ctx, "cloudflare request",
		"method", req.Method,
		"url", d.secrets.String(req.URL.String()),
		"header", d.header(req.Header))
	resp, err := d.next.RoundTrip(req)
	if err != nil {
		d.log.DebugContext(ctx, "cloudflare transport error",
			"error", d.secrets.String(err.Error()))
		return resp, err
	}
	head, rest := peek(resp.Body, debugBodyBytes)
	resp.Body = rest
	d.log.DebugContext(ctx, "cloudflare response",
		"status", resp.StatusCode,
		"header", d.header(resp.Header),
		"body", d.secrets.String(string(head)))
	return resp, nil
}

func (d *debugTransport) header(h http.Header) map[string][]string {
	out := redact.Header(h)
	for name, vs := range out {
		for i, v := range vs {
			vs[i] = d.secrets.String(v)
		}
		out[name] = vs
	}
	return out
}

// peek reads up to n bytes of body and returns them with a body that still
// yields everything, the peeked bytes first.
func peek(body io.ReadCloser, n int) ([]byte, io.ReadCloser) {
	head := make([]byte, n)
	k, _ := io.ReadFull(body, head)
	head = head[:k]
	return head, struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), body), body}
}
