package redact

import (
	"net/http"
	"testing"
)

func TestHeaderMasksCredentialsAndLeavesTheOriginalAlone(t *testing.T) {
	orig := http.Header{
		"Authorization": {"Bearer tok-123456"},
		"X-Auth-Key":    {"key-123456"},
		"X-Auth-Email":  {"someone@example.com"},
		"Cookie":        {"__cf_bm=abcdef"},
		"Accept":        {"application/json"},
	}
	got := Header(orig)
	for _, name := range []string{"Authorization", "X-Auth-Key", "X-Auth-Email", "Cookie"} {
		if v := got.Get(name); v != Placeholder {
			t.Errorf("%s = %q, want %q", name, v, Placeholder)
		}
	}
	if got.Get("Accept") != "application/json" {
		t.Errorf("Accept = %q, want it kept", got.Get("Accept"))
	}
	if orig.Get("Authorization") != "Bearer tok-123456" {
		t.Errorf("the original header was modified: %q", orig.Get("Authorization"))
	}
}

func TestSecrets(t *testing.T) {
	tests := []struct {
		name    string
		secrets Secrets
		in      string
		want    string
	}{
		{"masks every occurrence", Secrets{"tok-123456"}, "a tok-123456 b tok-123456", "a [REDACTED] b [REDACTED]"},
		{"masks several secrets", Secrets{"tok-123456", "me@example.com"}, "me@example.com:tok-123456", "[REDACTED]:[REDACTED]"},
		{"ignores empty and tiny secrets", Secrets{"", "ab"}, "ab cd", "ab cd"},
		{"leaves clean text", Secrets{"tok-123456"}, "nothing here", "nothing here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.secrets.String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(tt.secrets.Bytes([]byte(tt.in))); got != tt.want {
				t.Errorf("Bytes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
