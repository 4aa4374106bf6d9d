package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

const zoneID = cftest.SeedZoneID

// newClient returns a client for srv with fast retries, plus any options.
func newClient(t *testing.T, srv *cftest.Server, opts ...client.Option) *client.Client {
	t.Helper()
	base := []client.Option{
		client.WithBaseURL(srv.BaseURL),
		client.WithAPIToken(cftest.Token),
		client.WithRetryWait(time.Millisecond, 5*time.Millisecond),
		client.WithAttemptTimeout(5 * time.Second),
	}
	c, err := client.New(append(base, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func TestSecondaryZoneDecodesTheSeedExample(t *testing.T) {
	srv := cftest.NewServer(t)
	zone, err := newClient(t, srv).SecondaryZone(context.Background(), zoneID)
	if err != nil {
		t.Fatalf("SecondaryZone: %v", err)
	}
	got, err := json.Marshal(zone)
	if err != nil {
		t.Fatal(err)
	}
	// Re-encoding gives back the published example field for field:
	// nothing lost to float32, offsets and microseconds kept.
	assertJSONEqual(t, got, []byte(cftest.SeedZone))
}

func TestTypesKeepEveryValue(t *testing.T) {
	tests := []struct {
		name   string
		result string
		check  func(*client.SecondaryZone) error
	}{
		{"soa_serial 0", `{"soa_serial":0}`, serial(0)},
		{"soa_serial past float32 precision", `{"soa_serial":2019102400}`, serial(2019102400)},
		{"soa_serial 2^24+1", `{"soa_serial":16777217}`, serial(16777217)},
		{"soa_serial max uint32", `{"soa_serial":4294967295}`, serial(4294967295)},
		{"auto_refresh_seconds", `{"auto_refresh_seconds":2147483647}`, func(z *client.SecondaryZone) error {
			if z.AutoRefreshSeconds == nil || *z.AutoRefreshSeconds != 2147483647 {
				return fmt.Errorf("auto_refresh_seconds = %v", z.AutoRefreshSeconds)
			}
			return nil
		}},
		{"time offset and microseconds", `{"checked_time":"2019-10-24T17:09:42.883908-07:30"}`, func(z *client.SecondaryZone) error {
			if got := z.CheckedTime.Format(time.RFC3339Nano); got != "2019-10-24T17:09:42.883908-07:30" {
				return fmt.Errorf("checked_time = %s", got)
			}
			if _, off := z.CheckedTime.Zone(); off != -(7*3600 + 30*60) {
				return fmt.Errorf("offset = %d", off)
			}
			return nil
		}},
		{"absent fields stay nil", `{"id":"269d8f4853475ca241c4e730be286b20"}`, func(z *client.SecondaryZone) error {
			if z.SoaSerial != nil || z.Peers != nil || z.AutoRefreshSeconds != nil || z.CheckedTime != nil {
				return errors.New("absent fields were filled in")
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cftest.NewServer(t)
			srv.SetZone(zoneID, json.RawMessage(tt.result))
			zone, err := newClient(t, srv).SecondaryZone(context.Background(), zoneID)
			if err != nil {
				t.Fatalf("SecondaryZone: %v", err)
			}
			if err := tt.check(zone); err != nil {
				t.Error(err)
			}
		})
	}
}

func serial(want uint32) func(*client.SecondaryZone) error {
	return func(z *client.SecondaryZone) error {
		if z.SoaSerial == nil || *z.SoaSerial != want {
			return fmt.Errorf("soa_serial = %v, want %d", z.SoaSerial, want)
		}
		return nil
	}
}

func TestBadZoneIDsAreRefusedBeforeAnyRequest(t *testing.T) {
	tests := []struct{ name, id string }{
		{"empty", ""},
		{"dot", "."},
		{"dot dot", ".."},
		{"slash", "../../user/tokens"},
		{"question mark", "269d8f48?x=1"},
		{"hash", "269d8f48#frag"},
		{"percent", "269d%2e%2e"},
		{"backslash", `269d\8f48`},
		{"space", "269d 8f48"},
		{"tab", "269d\t8f48"},
		{"newline", "269d8f48\n"},
		{"control", "269d\x008f48"},
		{"DEL", "269d\x7f8f48"},
		{"non-breaking space", "269d\u00a08f48"},
		{"33 characters", strings.Repeat("a", 33)},
		{"invalid UTF-8", "269d\xff8f48"},
	}
	srv := cftest.NewServer(t)
	c := newClient(t, srv)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zone, err := c.SecondaryZone(context.Background(), tt.id)
			if err == nil || zone != nil {
				t.Fatalf("SecondaryZone(%q) = %v, %v; want an error", tt.id, zone, err)
			}
			if !errors.Is(err, client.ErrInvalidZoneID) {
				t.Errorf("error %v does not wrap ErrInvalidZoneID", err)
			}
			if want := fmt.Sprintf("%q", tt.id); len(tt.id) <= 64 && !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not name the value %s", err, want)
			}
		})
	}
	if n := srv.Hits(); n != 0 {
		t.Errorf("the server received %d requests; want none", n)
	}
	for _, ok := range []string{zoneID, "abc", strings.Repeat("f", 32)} {
		if err := client.CheckZoneID(ok); err != nil {
			t.Errorf("CheckZoneID(%q) = %v; want nil", ok, err)
		}
	}
}

func TestAPIFailuresBecomeErrors(t *testing.T) {
	tests := []struct {
		name       string
		setup      func(*cftest.Server)
		creds      client.Option // default: the stand-in's token
		opts       []client.Option
		zone       string
		status     int
		codes      []int64
		rateLimit  bool
		auth       bool
		notFound   bool
		retryAfter time.Duration
	}{
		{name: "no route", zone: "0123456789abcdef0123456789abcdef", status: 400, codes: []int64{7003, 7000}, notFound: true},
		{name: "wrong token", creds: client.WithAPIToken("not-the-token"), status: 403, codes: []int64{10000}, auth: true},
		{name: "wrong key", creds: client.WithAPIKey("who@example.com", "not-the-key"), status: 403, codes: []int64{10000}, auth: true},
		{name: "rate limit", setup: func(s *cftest.Server) { s.Inject(cftest.RateLimit("30").Always()) }, opts: []client.Option{client.WithMaxAttempts(1)},
			status: 429, codes: []int64{971}, rateLimit: true, retryAfter: 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cftest.NewServer(t)
			if tt.setup != nil {
				tt.setup(srv)
			}
			creds := tt.creds
			if creds == nil {
				creds = client.WithAPIToken(cftest.Token)
			}
			opts := []client.Option{client.WithBaseURL(srv.BaseURL), client.WithRetryWait(time.Millisecond, time.Millisecond), creds}
			c, err := client.New(append(opts, tt.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			id := tt.zone
			if id == "" {
				id = zoneID
			}
			zone, err := c.SecondaryZone(context.Background(), id)
			if zone != nil {
				t.Fatalf("got a zone with error %v", err)
			}
			apiErr, ok := client.AsError(err)
			if !ok {
				t.Fatalf("error %T %v is not a *client.Error", err, err)
			}
			if apiErr.StatusCode != tt.status {
				t.Errorf("StatusCode = %d, want %d", apiErr.StatusCode, tt.status)
			}
			if fmt.Sprint(apiErr.Codes()) != fmt.Sprint(tt.codes) {
				t.Errorf("Codes() = %v, want %v", apiErr.Codes(), tt.codes)
			}
			if apiErr.IsRateLimit() != tt.rateLimit || apiErr.IsAuthentication() != tt.auth || apiErr.IsZoneNotFound() != tt.notFound {
				t.Errorf("IsRateLimit/IsAuthentication/IsZoneNotFound = %v/%v/%v, want %v/%v/%v",
					apiErr.IsRateLimit(), apiErr.IsAuthentication(), apiErr.IsZoneNotFound(), tt.rateLimit, tt.auth, tt.notFound)
			}
			if apiErr.HasRetryAfter != (tt.retryAfter != 0) || apiErr.RetryAfter != tt.retryAfter {
				t.Errorf("RetryAfter = %v (%v), want %v", apiErr.RetryAfter, apiErr.HasRetryAfter, tt.retryAfter)
			}
			if apiErr.RayID == "" {
				t.Error("RayID is empty; the server sent cf-ray")
			}
			for _, code := range tt.codes {
				if !strings.Contains(err.Error(), fmt.Sprintf("[%d]", code)) {
					t.Errorf("Error() = %q lacks code %d", err, code)
				}
			}
		})
	}
}

func TestAuthenticationFailuresAreNotRetried(t *testing.T) {
	srv := cftest.NewServer(t, cftest.WithToken("another-token"))
	_, err := newClient(t, srv).SecondaryZone(context.Background(), zoneID)
	if !client.IsAuthentication(err) {
		t.Fatalf("err = %v; want an authentication failure", err)
	}
	if srv.Hits() != 1 {
		t.Errorf("hits = %d, want 1", srv.Hits())
	}
}

func TestErrorChainAndMessagesAreExposed(t *testing.T) {
	srv := cftest.NewServer(t)
	h := http.Header{"Content-Type": {"application/json"}}
	srv.Inject(cftest.Raw(400, h, []byte(`{"success":false,"errors":[{"code":6003,"message":"Invalid request headers",
		"documentation_url":"https://developers.cloudflare.com/","source":{"pointer":"/header"},
		"error_chain":[{"code":6103,"message":"Invalid format for X-Auth-Key header"}]}],
		"messages":[{"code":1000,"message":"note"}],"result":null}`)))
	_, err := newClient(t, srv).SecondaryZone(context.Background(), zoneID)
	e, ok := client.AsError(err)
	if !ok {
		t.Fatalf("error %v is not a *client.Error", err)
	}
	if !e.HasCode(6103) || !e.IsAuthentication() {
		t.Errorf("HasCode(6103)=%v IsAuthentication=%v; want both", e.HasCode(6103), e.IsAuthentication())
	}
	if len(e.Messages) != 1 || e.Messages[0].Code != 1000 {
		t.Errorf("Messages = %+v", e.Messages)
	}
	if e.Errors[0].DocumentationUrl == nil || e.Errors[0].Source == nil || *e.Errors[0].Source.Pointer != "/header" {
		t.Errorf("documentation_url or source lost: %+v", e.Errors[0])
	}
	if want := "[6003] Invalid request headers <- [6103] Invalid format for X-Auth-Key header"; !strings.Contains(err.Error(), want) {
		t.Errorf("Error() = %q, want it to contain %q", err, want)
	}
}

func TestUserAgentNamesTheClient(t *testing.T) {
	srv := cftest.NewServer(t)
	if _, err := newClient(t, srv).SecondaryZone(context.Background(), zoneID); err != nil {
		t.Fatal(err)
	}
	ua := srv.Requests()[0].Header.Get("User-Agent")
	if !strings.HasPrefix(ua, "zonexfer/"+client.Version+" ") {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestEachRequestMeetsTheContract(t *testing.T) {
	srv := cftest.NewServer(t)
	for _, opt := range []client.Option{client.WithAPIToken(cftest.Token), client.WithAPIKey(cftest.Email, cftest.Key)} {
		c, err := client.New(client.WithBaseURL(srv.BaseURL), opt)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.SecondaryZone(context.Background(), zoneID); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range srv.Requests() {
		if len(r.Violations) != 0 {
			t.Errorf("%s %s broke the contract: %v", r.Method, r.Path, r.Violations)
		}
		if n := len(r.Header.Values("X-Auth-Key")) + len(r.Header.Values("X-Auth-Email")); n != 0 && n != 2 {
			t.Errorf("credential headers duplicated or half set: %v", r.Header)
		}
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range []string{"Authorization", "X-Auth-Key", "X-Auth-Email"} {
			if r.Header.Get(h) != "" {
				leaked = append(leaked, h)
			}
		}
		w.WriteHeader(200)
	}))
	defer other.Close()
	for _, opt := range []client.Option{client.WithAPIToken(cftest.Token), client.WithAPIKey(cftest.Email, cftest.Key)} {
		srv := cftest.NewServer(t)
		srv.Inject(cftest.Raw(http.StatusFound, http.Header{"Location": {other.URL + "/steal"}}, nil))
		c, err := client.New(client.WithBaseURL(srv.BaseURL), opt)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.SecondaryZone(context.Background(), zoneID)
		if !errors.Is(err, client.ErrRedirect) {
			t.Errorf("err = %v, want ErrRedirect", err)
		}
		if e, ok := client.AsError(err); !ok || e.Location != other.URL+"/steal" {
			t.Errorf("Location not reported: %v", err)
		}
	}
	if len(leaked) != 0 {
		t.Errorf("credentials reached the other host: %v", leaked)
	}
}
