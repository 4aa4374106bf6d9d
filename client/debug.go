package client

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"

	"github.com/zonexfer/zonexfer/internal/redact"
)

// debugTransport logs each attempt at debug level with credentials masked:
// credential headers by name, and the client's own secrets wherever they
// appear in a URL or body.
type debugTransport struct {
	next    http.RoundTripper
	log     *slog.Logger
	secrets redact.Secrets
}

// debugBodyBytes bounds how much of a response body is logged.
const debugBodyBytes = 2048

// RoundTrip logs the request, forwards it, and logs the response; the
// caller receives the response unchanged.
func (d *debugTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	d.log.LogAttrs(ctx, slog.LevelDebug, "cloudflare request",
		slog.String("method", req.Method),
		slog.String("url", d.secrets.String(req.URL.String())),
		slog.Any("header", d.header(req.Header)))
	resp, err := d.next.RoundTrip(req)
	if err != nil {
		d.log.LogAttrs(ctx, slog.LevelDebug, "cloudflare transport error",
			slog.String("error", d.secrets.String(err.Error())))
		return resp, err
	}
	head, rest := peek(resp.Body, debugBodyBytes)
	resp.Body = rest
	d.log.LogAttrs(ctx, slog.LevelDebug, "cloudflare response",
		slog.Int("status", resp.StatusCode),
		slog.Any("header", d.header(resp.Header)),
		slog.String("body", d.secrets.String(string(head))))
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
