package client

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zonexfer/zonexfer/gen"
	"github.com/zonexfer/zonexfer/internal/redact"
)

// FuzzCheckZoneID: whatever CheckZoneID accepts, the generated request
// builder turns into exactly one path segment of the intended endpoint.
func FuzzCheckZoneID(f *testing.F) {
	for _, seed := range []string{"269d8f4853475ca241c4e730be286b20", "", ".", "..", "a/b", "a?b", "a#b", "%2e%2e", "a b", "\x00", "ÿ", "é", ";", "@", ":", "a;b=c"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if CheckZoneID(id) != nil {
			return
		}
		req, err := gen.NewGetSecondaryZoneConfigurationRequest(DefaultBaseURL+"/", id)
		if err != nil {
			t.Fatalf("accepted %q, but the request builder failed: %v", id, err)
		}
		if req.URL.Host != "api.cloudflare.com" || req.URL.RawQuery != "" || req.URL.Fragment != "" {
			t.Fatalf("accepted %q, but the request goes to %s", id, req.URL)
		}
		rest, ok := strings.CutPrefix(req.URL.Path, "/client/v4/zones/")
		seg, tail, ok2 := strings.Cut(rest, "/")
		if !ok || !ok2 || tail != "secondary_dns/incoming" || seg != id {
			t.Fatalf("accepted %q, but the request path is %q", id, req.URL.Path)
		}
	})
}

// FuzzDecode: decoding any body under any status never panics, and never
// yields a nil configuration without an error or one with an error.
func FuzzDecode(f *testing.F) {
	f.Add(200, "application/json", []byte(`{"success":true,"errors":[],"messages":[],"result":{"soa_serial":1}}`))
	f.Add(200, "application/json", []byte(`{"success":false,"errors":[],"messages":[],"result":null}`))
	f.Add(429, "application/json", []byte(`{"success":false,"errors":[{"code":971,"message":"x","error_chain":[{"code":1,"message":"y"}]}],"messages":[],"result":null}`))
	f.Add(502, "text/html", []byte(`<html></html>`))
	f.Add(200, "application/json; charset=utf-8", []byte(`{"success":true,"result":"x"}`))
	f.Add(200, "application/problem+json", []byte(`{"success":true,"result":{"checked_time":"2019-10-24T17:09:42.883908+01:00"}}`))
	f.Add(302, "", []byte(nil))
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		h := http.Header{}
		h.Set("Content-Type", contentType)
		h.Set("Retry-After", string(body[:min(len(body), 8)]))
		zone, err := decodeSecondaryZone(response{status: status, header: h, body: body}, redact.Secrets{"secret-token"}, time.Unix(0, 0))
		if (zone == nil) == (err == nil) {
			t.Fatalf("zone %v with error %v", zone, err)
		}
		if err != nil {
			_ = err.Error()
		}
	})
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "30", "-1", "99999999999999999999", "Fri, 31 Dec 1999 23:59:59 GMT", "soon", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, time.Unix(1700000000, 0))
		if ok && d < 0 {
			t.Fatalf("parseRetryAfter(%q) = %v, negative", v, d)
		}
		if !ok && d != 0 {
			t.Fatalf("parseRetryAfter(%q) = %v with ok=false", v, d)
		}
	})
}
