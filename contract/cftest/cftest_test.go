package cftest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

func get(t *testing.T, srv *cftest.Server, zone string, header map[string]string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.BaseURL+"/zones/"+zone+"/secondary_dns/incoming", nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp, body
}

func codes(body map[string]any) []int {
	var out []int
	errs, _ := body["errors"].([]any)
	for _, e := range errs {
		out = append(out, int(e.(map[string]any)["code"].(float64)))
	}
	return out
}

// TestRefusesLikeCloudflare: each kind of bad request gets Cloudflare's
// documented status and codes, and is recorded with its violations.
func TestRefusesLikeCloudflare(t *testing.T) {
	token := map[string]string{"Authorization": "Bearer " + cftest.Token}
	tests := []struct {
		name   string
		zone   string
		header map[string]string
		status int
		codes  []int
		broken bool // the request itself breaks the contract
	}{
		{"valid token", cftest.SeedZoneID, token, 200, nil, false},
		{"valid key pair", cftest.SeedZoneID, map[string]string{"X-Auth-Email": cftest.Email, "X-Auth-Key": cftest.Key}, 200, nil, false},
		{"no credentials", cftest.SeedZoneID, nil, 400, []int{9106}, true},
		{"only X-Auth-Email", cftest.SeedZoneID, map[string]string{"X-Auth-Email": cftest.Email}, 400, []int{9106}, true},
		{"malformed Authorization", cftest.SeedZoneID, map[string]string{"Authorization": "Token abc"}, 400, []int{6003}, true},
		{"wrong token", cftest.SeedZoneID, map[string]string{"Authorization": "Bearer nope"}, 403, []int{10000}, false},
		{"wrong key", cftest.SeedZoneID, map[string]string{"X-Auth-Email": cftest.Email, "X-Auth-Key": "nope"}, 403, []int{10000}, false},
		{"malformed zone ID", "not-a-zone", token, 400, []int{7003, 7000}, true},
		{"unknown zone", "0123456789abcdef0123456789abcdef", token, 400, []int{7003, 7000}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cftest.NewServer(t)
			resp, body := get(t, srv, tt.zone, tt.header)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if got := codes(body); len(got) != len(tt.codes) || (len(got) > 0 && got[0] != tt.codes[0]) {
				t.Errorf("codes = %v, want %v", got, tt.codes)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || tt.broken != (len(reqs[0].Violations) > 0) {
				t.Fatalf("recorded %d requests with violations %v; want violations: %v", len(reqs), reqs[0].Violations, tt.broken)
			}
			if v := reqs[0].Header.Get("Authorization"); v != "" && v != "[REDACTED]" {
				t.Errorf("Requests() shows the credential %q", v)
			}
		})
	}
}

// TestSelfCheckCatchesDrift: a response the spec forbids, served as if it
// were well formed, is reported, so the stand-in cannot drift from the spec
// unnoticed.
func TestSelfCheckCatchesDrift(t *testing.T) {
	srv := cftest.Start()
	defer srv.Close()
	srv.SetZone(cftest.SeedZoneID, json.RawMessage(`{"soa_serial":"not a number","auto_refresh_seconds":10}`))
	get(t, srv, cftest.SeedZoneID, map[string]string{"Authorization": "Bearer " + cftest.Token})
	problems := strings.Join(srv.OwnViolations(), "\n")
	for _, want := range []string{"/result/soa_serial", "/result/auto_refresh_seconds"} {
		if !strings.Contains(problems, want) {
			t.Errorf("self-check missed %s; got:\n%s", want, problems)
		}
	}
}

func TestFaultsAreServedInOrderAndThenStop(t *testing.T) {
	srv := cftest.NewServer(t)
	srv.Inject(cftest.RateLimit("7").Times(2), cftest.ServerError(503), cftest.HTMLError(502))
	want := []int{429, 429, 503, 502, 200}
	for i, w := range want {
		resp, _ := get(t, srv, cftest.SeedZoneID, map[string]string{"Authorization": "Bearer " + cftest.Token})
		if resp.StatusCode != w {
			t.Errorf("request %d: status %d, want %d", i, resp.StatusCode, w)
		}
		if w == 429 && resp.Header.Get("Retry-After") != "7" {
			t.Errorf("request %d: Retry-After = %q", i, resp.Header.Get("Retry-After"))
		}
		if w == 502 && !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("request %d: Content-Type = %q", i, resp.Header.Get("Content-Type"))
		}
	}
}

func TestServeRecording(t *testing.T) {
	srv := cftest.NewServer(t)
	if err := srv.ServeRecording("../testdata/rate-limit-429.yaml"); err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token), client.WithMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SecondaryZone(context.Background(), cftest.SeedZoneID)
	if e, ok := client.AsError(err); !ok || !e.IsRateLimit() || e.RetryAfter.Seconds() != 30 {
		t.Fatalf("err = %v; want the recorded 429 with Retry-After 30", err)
	}
}

func TestDelayHoldsTheAnswer(t *testing.T) {
	srv := cftest.NewServer(t)
	srv.Inject(cftest.Delay(time.Second))
	c, err := client.New(client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token),
		client.WithAttemptTimeout(250*time.Millisecond), client.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	// The first attempt times out while the answer is held; the retry is
	// answered at once.
	zone, err := c.SecondaryZone(context.Background(), cftest.SeedZoneID)
	if err != nil || *zone.Name != "www.example.com." {
		t.Fatalf("SecondaryZone = %v, %v", zone, err)
	}
	if srv.Hits() != 2 {
		t.Errorf("hits = %d, want 2", srv.Hits())
	}
}
