// Package redact removes credentials from HTTP headers and text before they
// reach a log line, an error string or a recording.
package redact

import (
	"net/http"
	"strings"
)

// Placeholder replaces every redacted value.
const Placeholder = "[REDACTED]"

// sensitiveHeaders are the headers that carry credentials on Cloudflare's
// API, in canonical form.
var sensitiveHeaders = map[string]bool{
	"Authorization":           true,
	"Proxy-Authorization":     true,
	"X-Auth-Key":              true,
	"X-Auth-Email":            true,
	"X-Auth-User-Service-Key": true,
	"Cookie":                  true,
	"Set-Cookie":              true,
}

// IsSensitiveHeader reports whether the named header carries credentials.
func IsSensitiveHeader(name string) bool {
	return sensitiveHeaders[http.CanonicalHeaderKey(name)]
}

// Header returns a copy of h in which the value of every sensitive header is
// replaced by Placeholder. h itself is never modified.
func Header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for name, values := range h {
		if IsSensitiveHeader(name) {
			masked := make([]string, len(values))
			for i := range masked {
				masked[i] = Placeholder
			}
			out[name] = masked
			continue
		}
		out[name] = append([]string(nil), values...)
	}
	return out
}

// Secrets replaces, in text, every occurrence of each non-empty secret with
// Placeholder. Secrets shorter than four bytes are ignored, since masking
// them would mangle ordinary text without protecting anything.
type Secrets []string

// String returns s with every secret masked.
func (ss Secrets) String(s string) string {
	for _, secret := range ss {
		if len(secret) < 4 {
			continue
		}
		s = strings.ReplaceAll(s, secret, Placeholder)
	}
	return s
}

// Bytes returns b with every secret masked. It returns b itself when no
// secret occurs in it.
func (ss Secrets) Bytes(b []byte) []byte {
	masked := ss.String(string(b))
	if masked == string(b) {
		return b
	}
	return []byte(masked)
}
