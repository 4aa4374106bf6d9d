package contract_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/zonexfer/zonexfer/contract"
)

const zoneURL = "https://api.cloudflare.com/client/v4/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/incoming"

func validator(t *testing.T) *contract.Validator {
	t.Helper()
	v, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// recordedBody returns the response body of a recording's first
// interaction, decoded.
func recordedBody(t *testing.T, name string) map[string]any {
	t.Helper()
	c, err := cassette.Load("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(c.Interactions[0].Response.Body), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func authorized() *http.Request {
	r := httptest.NewRequest(http.MethodGet, zoneURL, nil)
	r.Header.Set("Authorization", "Bearer some-token")
	return r
}

// TestMutatedResponsesAreRejected feeds the validator broken variants of
// recorded bodies; each must be rejected with a pointer to the fault. The
// unmutated bodies must pass, or the test would prove nothing.
func TestMutatedResponsesAreRejected(t *testing.T) {
	jsonCT := http.Header{"Content-Type": {"application/json"}}
	tests := []struct {
		name      string
		recording string
		status    int
		header    http.Header
		mutate    func(m map[string]any)
		wantIn    string
		wantPtr   string
	}{
		{"auto_refresh_seconds 299", "seed-200", 200, jsonCT, func(m map[string]any) { result(m)["auto_refresh_seconds"] = 299 }, "body", "/result/auto_refresh_seconds"},
		{"soa_serial as a string", "seed-200", 200, jsonCT, func(m map[string]any) { result(m)["soa_serial"] = "2019102400" }, "body", "/result/soa_serial"},
		{"soa_serial past uint32", "sparse-200", 200, jsonCT, func(m map[string]any) { result(m)["soa_serial"] = 4294967296.0 }, "body", "/result/soa_serial"},
		{"soa_serial fractional", "seed-200", 200, jsonCT, func(m map[string]any) { result(m)["soa_serial"] = 1.5 }, "body", "/result/soa_serial"},
		{"peers as a string", "seed-200", 200, jsonCT, func(m map[string]any) { result(m)["peers"] = "23ff594956f20c2a721606e94745a8aa" }, "body", "/result/peers"},
		{"peer of the wrong type", "seed-200", 200, jsonCT, func(m map[string]any) { result(m)["peers"] = []any{1} }, "body", "/result/peers/0"},
		{"checked_time not RFC 3339", "seed-200", 200, jsonCT, func(m map[string]any) { result(m)["checked_time"] = "24/10/2019" }, "body", "/result/checked_time"},
		{"success missing", "seed-200", 200, jsonCT, func(m map[string]any) { delete(m, "success") }, "body", "/success"},
		{"result missing", "seed-200", 200, jsonCT, func(m map[string]any) { delete(m, "result") }, "body", "/result"},
		{"result a string", "seed-200", 200, jsonCT, func(m map[string]any) { m["result"] = "zone" }, "body", "/result"},
		{"a 200 saying success:false", "seed-200", 200, jsonCT, func(m map[string]any) { m["success"] = false }, "body", "/success"},
		{"message code a string", "seed-200", 200, jsonCT, func(m map[string]any) { m["errors"].([]any)[0].(map[string]any)["code"] = "1000" }, "body", "/errors/0/code"},
		{"message without text", "auth-403", 403, jsonCT, func(m map[string]any) { delete(m["errors"].([]any)[0].(map[string]any), "message") }, "body", "/errors/0/message"},
		{"failure with empty errors", "no-route-400", 400, jsonCT, func(m map[string]any) { m["errors"] = []any{} }, "body", "/errors"},
		{"failure saying success:true", "auth-403", 403, jsonCT, func(m map[string]any) { m["success"] = true }, "body", "/success"},
		{"failure with a result", "auth-403", 403, jsonCT, func(m map[string]any) { m["result"] = map[string]any{} }, "body", "/result"},
		{"undocumented status", "seed-200", 201, jsonCT, nil, "status", "201"},
		{"undocumented redirect", "seed-200", 302, jsonCT, nil, "status", "302"},
		{"wrong content type", "seed-200", 200, http.Header{"Content-Type": {"text/plain"}}, nil, "content-type", "text/plain"},
		{"HTML on a 200", "seed-200", 200, http.Header{"Content-Type": {"text/html"}}, nil, "content-type", "text/html"},
		{"Retry-After not a number", "rate-limit-429", 429, http.Header{"Content-Type": {"application/json"}, "Retry-After": {"soon"}}, nil, "header", "Retry-After"},
	}
	v := validator(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := recordedBody(t, tt.recording)
			original, _ := json.Marshal(body)
			origStatus := map[string]int{"seed-200": 200, "sparse-200": 200, "no-route-400": 400, "auth-403": 403, "rate-limit-429": 429}[tt.recording]
			okHeader := http.Header{"Content-Type": {"application/json"}, "Retry-After": {"30"}}
			if vs := v.CheckResponse(authorized(), origStatus, okHeader, original); len(vs) != 0 {
				t.Fatalf("the unmutated %s is rejected: %v", tt.recording, vs)
			}
			if tt.mutate != nil {
				tt.mutate(body)
			}
			mutated, _ := json.Marshal(body)
			vs := v.CheckResponse(authorized(), tt.status, tt.header, mutated)
			if !has(vs, tt.wantIn, tt.wantPtr) {
				t.Errorf("want a violation in %s at %q; got %v", tt.wantIn, tt.wantPtr, vs)
			}
		})
	}
}

// TestAllViolationsAreReported: MultiError collects every fault at once.
func TestAllViolationsAreReported(t *testing.T) {
	body := recordedBody(t, "seed-200")
	r := result(body)
	r["auto_refresh_seconds"] = 10
	r["soa_serial"] = "x"
	r["peers"] = "x"
	delete(body, "messages")
	b, _ := json.Marshal(body)
	vs := validator(t).CheckResponse(authorized(), 200, http.Header{"Content-Type": {"application/json"}}, b)
	for _, ptr := range []string{"/result/auto_refresh_seconds", "/result/soa_serial", "/result/peers", "/messages"} {
		if !has(vs, "body", ptr) {
			t.Errorf("missing a violation at %s; got %v", ptr, vs)
		}
	}
}

func TestMutatedRequestsAreRejected(t *testing.T) {
	tests := []struct {
		name    string
		url     string
		header  map[string]string
		wantPtr string
	}{
		{"no credentials", zoneURL, nil, "security"},
		{"only X-Auth-Email", zoneURL, map[string]string{"X-Auth-Email": "a@example.com"}, "security"},
		{"only X-Auth-Key", zoneURL, map[string]string{"X-Auth-Key": "k"}, "security"},
		{"Authorization without Bearer", zoneURL, map[string]string{"Authorization": "Basic abc"}, "security"},
		{"empty bearer token", zoneURL, map[string]string{"Authorization": "Bearer "}, "security"},
		{"zone ID too short", strings.Replace(zoneURL, "269d8f4853475ca241c4e730be286b20", "269d", 1), map[string]string{"Authorization": "Bearer t"}, "path/zone_id"},
		{"zone ID not hex", strings.Replace(zoneURL, "269d8f4853475ca241c4e730be286b20", "269D8F4853475CA241C4E730BE286B2Z", 1), map[string]string{"Authorization": "Bearer t"}, "path/zone_id"},
		{"no such route", "https://api.cloudflare.com/client/v4/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/outgoing", map[string]string{"Authorization": "Bearer t"}, "GET /client/v4/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/outgoing"},
		{"wrong base path", "https://api.cloudflare.com/client/v3/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/incoming", map[string]string{"Authorization": "Bearer t"}, "GET /client/v3/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/incoming"},
	}
	v := validator(t)
	for _, ok := range []map[string]string{{"Authorization": "Bearer t"}, {"X-Auth-Email": "a@example.com", "X-Auth-Key": "k"}} {
		r := httptest.NewRequest(http.MethodGet, zoneURL, nil)
		for k, val := range ok {
			r.Header.Set(k, val)
		}
		if _, vs := v.CheckRequest(r); len(vs) != 0 {
			t.Fatalf("a valid request with %v is rejected: %v", ok, vs)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, tt.url, nil)
			for k, val := range tt.header {
				r.Header.Set(k, val)
			}
			_, vs := v.CheckRequest(r)
			if !has(vs, "request", tt.wantPtr) {
				t.Errorf("want a request violation at %q; got %v", tt.wantPtr, vs)
			}
		})
	}
}

func result(m map[string]any) map[string]any { return m["result"].(map[string]any) }

func has(vs []contract.Violation, in, pointer string) bool {
	for _, v := range vs {
		if v.In == in && v.Pointer == pointer {
			return true
		}
	}
	return false
}
