package client_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

var jsonHeader = http.Header{"Content-Type": {"application/json"}}

// TestHostileResponses: every broken answer becomes a typed error, never a
// panic and never a zero-valued success.
func TestHostileResponses(t *testing.T) {
	huge := append([]byte(`{"success":true,"errors":[],"messages":[],"result":{"name":"`), bytes.Repeat([]byte("a"), 2<<20)...)
	huge = append(huge, `"}}`...)
	tests := []struct {
		name    string
		fault   cftest.Fault
		opts    []client.Option
		status  int   // want *client.Error with this status; 0: a *client.TransportError
		problem error // want errors.Is(err, problem)
	}{
		{"HTML 502 page", cftest.HTMLError(502), nil, 502, client.ErrNotJSON},
		{"empty body", cftest.Raw(200, jsonHeader, nil), nil, 200, client.ErrMalformedBody},
		{"truncated JSON", cftest.Raw(200, jsonHeader, []byte(`{"success":true,"errors":[],"messages":[],"result":{"na`)), nil, 200, client.ErrMalformedBody},
		{"result is a string", cftest.Raw(200, jsonHeader, []byte(`{"success":true,"errors":[],"messages":[],"result":"zone"}`)), nil, 200, client.ErrMalformedBody},
		{"soa_serial negative", cftest.Raw(200, jsonHeader, []byte(`{"success":true,"errors":[],"messages":[],"result":{"soa_serial":-1}}`)), nil, 200, client.ErrMalformedBody},
		{"soa_serial past uint32", cftest.Raw(200, jsonHeader, []byte(`{"success":true,"errors":[],"messages":[],"result":{"soa_serial":4294967296}}`)), nil, 200, client.ErrMalformedBody},
		{"errors of the wrong shape", cftest.Raw(400, jsonHeader, []byte(`{"success":false,"errors":"bad","messages":[],"result":null}`)), nil, 400, client.ErrMalformedBody},
		{"wrong Content-Type", cftest.Raw(200, http.Header{"Content-Type": {"text/plain"}}, []byte(`{"success":true,"errors":[],"messages":[],"result":{}}`)), nil, 200, client.ErrNotJSON},
		{"no Content-Type", cftest.Raw(200, http.Header{}, []byte(`{"success":true,"errors":[],"messages":[],"result":{}}`)), nil, 200, client.ErrNotJSON},
		{"200 with success:false", cftest.Raw(200, jsonHeader, []byte(`{"success":false,"errors":[{"code":1000,"message":"nope"}],"messages":[],"result":null}`)), nil, 200, client.ErrUnsuccessful},
		{"200 without success", cftest.Raw(200, jsonHeader, []byte(`{"errors":[],"messages":[],"result":{}}`)), nil, 200, client.ErrUnsuccessful},
		{"200 with result null", cftest.Raw(200, jsonHeader, []byte(`{"success":true,"errors":[],"messages":[],"result":null}`)), nil, 200, client.ErrMissingResult},
		{"200 without result", cftest.Raw(200, jsonHeader, []byte(`{"success":true,"errors":[],"messages":[]}`)), nil, 200, client.ErrMissingResult},
		{"body over the cap", cftest.Raw(200, jsonHeader, huge), []client.Option{client.WithMaxBodyBytes(1 << 20)}, 200, client.ErrBodyTooLarge},
		{"truncated connection", cftest.Truncated(), []client.Option{client.WithMaxAttempts(1)}, 200, client.ErrMalformedBody},
		{"redirect to another host", cftest.Raw(http.StatusFound, http.Header{"Location": {"https://elsewhere.example/"}}, nil), nil, 302, client.ErrRedirect},
		{"server never answers", cftest.Hang(), []client.Option{client.WithMaxAttempts(1), client.WithAttemptTimeout(50 * time.Millisecond)}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cftest.NewServer(t)
			srv.Inject(tt.fault.Always())
			zone, err := newClient(t, srv, tt.opts...).SecondaryZone(context.Background(), zoneID)
			if zone != nil {
				t.Fatalf("got a zone (%+v) and error %v; want no zone", zone, err)
			}
			if err == nil {
				t.Fatal("got neither a zone nor an error")
			}
			if tt.status == 0 {
				var te *client.TransportError
				if !errors.As(err, &te) || !te.Timeout() {
					t.Fatalf("err = %T %v; want a *client.TransportError that is a timeout", err, err)
				}
				return
			}
			e, ok := client.AsError(err)
			if !ok {
				t.Fatalf("err = %T %v; want *client.Error", err, err)
			}
			if e.StatusCode != tt.status {
				t.Errorf("StatusCode = %d, want %d", e.StatusCode, tt.status)
			}
			if !errors.Is(err, tt.problem) {
				t.Errorf("err = %v; want it to wrap %v", err, tt.problem)
			}
			if len(e.Body) > client.BodyExcerptBytes {
				t.Errorf("Body excerpt is %d bytes, over %d", len(e.Body), client.BodyExcerptBytes)
			}
			if len(err.Error()) > 2048 {
				t.Errorf("Error() is %d bytes long", len(err.Error()))
			}
		})
	}
}

func TestHTMLPageKeepsAnExcerpt(t *testing.T) {
	srv := cftest.NewServer(t)
	srv.Inject(cftest.HTMLError(502).Always())
	_, err := newClient(t, srv).SecondaryZone(context.Background(), zoneID)
	e, ok := client.AsError(err)
	if !ok || !strings.Contains(string(e.Body), "<html>") {
		t.Fatalf("want the HTML excerpt in Body, got %v", err)
	}
	if srv.Hits() != client.DefaultMaxAttempts {
		t.Errorf("hits = %d, want %d (502 is retried)", srv.Hits(), client.DefaultMaxAttempts)
	}
}

// TestBodyCapStopsReading: a server that streams far more than the cap is
// cut off; the client neither reads nor buffers the rest.
func TestBodyCapStopsReading(t *testing.T) {
	const streamed = 256 << 20
	written := make(chan int64, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		var n int64
		for n < streamed {
			k, err := w.Write(chunk)
			n += int64(k)
			if err != nil {
				break
			}
		}
		written <- n
	}))
	defer srv.Close()
	c, err := client.New(client.WithBaseURL(srv.URL), client.WithAPIToken("tok-12345678"),
		client.WithMaxBodyBytes(1<<20), client.WithMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SecondaryZone(context.Background(), zoneID)
	if !errors.Is(err, client.ErrBodyTooLarge) {
		t.Fatalf("err = %v, want ErrBodyTooLarge", err)
	}
	select {
	case n := <-written:
		if n >= streamed {
			t.Errorf("the server wrote all %d bytes; the client kept reading", n)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server was never cut off")
	}
}

func TestConnectionRefusedIsATransportError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close() // nothing listens there now
	c, err := client.New(client.WithBaseURL(base), client.WithAPIToken("tok-12345678"),
		client.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SecondaryZone(context.Background(), zoneID)
	var te *client.TransportError
	if !errors.As(err, &te) || te.Attempts != client.DefaultMaxAttempts {
		t.Fatalf("err = %v; want a *client.TransportError after %d attempts", err, client.DefaultMaxAttempts)
	}
	if _, isAPI := client.AsError(err); isAPI {
		t.Error("a transport failure must not look like an API error")
	}
}
