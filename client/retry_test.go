package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

func TestRetries(t *testing.T) {
	// Cloudflare sends Retry-After in seconds, as the spec says; an HTTP
	// date is valid HTTP too, so the client takes it (served raw, since
	// the spec does not document it).
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	rateLimitAt := cftest.Raw(429, http.Header{"Content-Type": {"application/json"}, "Retry-After": {past}},
		[]byte(`{"success":false,"errors":[{"code":971,"message":"Please wait"}],"messages":[],"result":null}`))
	tests := []struct {
		name     string
		faults   []cftest.Fault
		opts     []client.Option
		wantHits int
		wantErr  bool
		status   int
	}{
		{"503 then success", []cftest.Fault{cftest.ServerError(503)}, nil, 2, false, 0},
		{"each retryable status", []cftest.Fault{cftest.ServerError(500), cftest.HTMLError(502)}, nil, 3, false, 0},
		{"52x edge errors", []cftest.Fault{cftest.HTMLError(522), cftest.HTMLError(524)}, nil, 3, false, 0},
		{"408 then success", []cftest.Fault{cftest.Raw(408, jsonHeader, []byte(`{}`))}, nil, 2, false, 0},
		{"429 with Retry-After 0", []cftest.Fault{cftest.RateLimit("0")}, nil, 2, false, 0},
		{"429 with a past HTTP date", []cftest.Fault{rateLimitAt}, nil, 2, false, 0},
		{"429 without Retry-After", []cftest.Fault{cftest.RateLimit("")}, nil, 2, false, 0},
		{"attempts are bounded", []cftest.Fault{cftest.ServerError(503).Always()}, nil, 3, true, 503},
		{"configurable bound", []cftest.Fault{cftest.ServerError(503).Always()}, []client.Option{client.WithMaxAttempts(5)}, 5, true, 503},
		{"1 disables retries", []cftest.Fault{cftest.ServerError(503)}, []client.Option{client.WithMaxAttempts(1)}, 1, true, 503},
		{"400 is not retried", []cftest.Fault{cftest.Raw(400, jsonHeader, []byte(`{"success":false,"errors":[{"code":1,"message":"x"}],"messages":[],"result":null}`))}, nil, 1, true, 400},
		{"a hung attempt is retried", []cftest.Fault{cftest.Hang()}, []client.Option{client.WithAttemptTimeout(250 * time.Millisecond)}, 2, false, 0},
		{"a dropped connection is retried", []cftest.Fault{cftest.Truncated()}, nil, 2, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cftest.NewServer(t)
			srv.Inject(tt.faults...)
			opts := tt.opts
			c, err := client.New(append([]client.Option{
				client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token),
				client.WithRetryWait(time.Millisecond, 2*time.Millisecond),
			}, opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			zone, err := c.SecondaryZone(context.Background(), zoneID)
			if got := srv.Hits(); got != tt.wantHits {
				t.Errorf("hits = %d, want %d", got, tt.wantHits)
			}
			if tt.wantErr {
				e, ok := client.AsError(err)
				if !ok || e.StatusCode != tt.status {
					t.Fatalf("err = %v; want *client.Error with status %d", err, tt.status)
				}
				return
			}
			if err != nil || zone == nil || *zone.Name != "www.example.com." {
				t.Fatalf("SecondaryZone = %v, %v; want the seed zone", zone, err)
			}
		})
	}
}

// A Retry-After longer than the context allows ends the call at once, with
// the wait the server asked for: the context has not expired when the call
// returns.
func TestRetryAfterBeyondTheDeadlineReturnsAtOnce(t *testing.T) {
	tests := []struct {
		name string
		opts []client.Option
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"past the deadline", nil, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 10*time.Second)
		}},
		{"past the cap", []client.Option{client.WithMaxRetryAfter(5 * time.Second)}, func() (context.Context, context.CancelFunc) {
			return context.WithCancel(context.Background())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cftest.NewServer(t)
			srv.Inject(cftest.RateLimit("30").Always())
			c := newClient(t, srv, tt.opts...)
			ctx, cancel := tt.ctx()
			defer cancel()
			_, err := c.SecondaryZone(ctx, zoneID)
			if ctx.Err() != nil {
				t.Fatal("the call outlived its context: it waited instead of returning")
			}
			e, ok := client.AsError(err)
			if !ok || !e.IsRateLimit() || e.RetryAfter != 30*time.Second {
				t.Fatalf("err = %v; want a rate-limit *client.Error asking for 30s", err)
			}
			if !errors.Is(err, client.ErrRetryAfterTooLong) {
				t.Errorf("err = %v; want it to wrap ErrRetryAfterTooLong", err)
			}
			if srv.Hits() != 1 {
				t.Errorf("hits = %d, want 1", srv.Hits())
			}
		})
	}
}

// A context cancelled while the client waits to retry ends the wait at
// once, and the error carries both the cancellation and the last API error.
func TestCancelDuringBackoff(t *testing.T) {
	srv := cftest.NewServer(t)
	srv.Inject(cftest.ServerError(503).Always())
	c := newClient(t, srv, client.WithRetryWait(10*time.Second, 10*time.Second))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.SecondaryZone(ctx, zoneID)
		done <- err
	}()
	waitFor(t, func() bool { return srv.Hits() == 1 })
	time.Sleep(5 * time.Millisecond) // let the client enter its backoff wait
	cancelled := time.Now()
	cancel()
	var err error
	select {
	case err = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the call did not return after its context was cancelled")
	}
	if elapsed := time.Since(cancelled); elapsed > 50*time.Millisecond {
		t.Errorf("returned %v after the cancellation; want within 50ms", elapsed)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want it to wrap context.Canceled", err)
	}
	if e, ok := client.AsError(err); !ok || e.StatusCode != 503 {
		t.Errorf("err = %v; want it to carry the last API error (503)", err)
	}
}

func TestDeadlineSpansAllAttempts(t *testing.T) {
	srv := cftest.NewServer(t)
	srv.Inject(cftest.Hang().Always())
	c := newClient(t, srv, client.WithAttemptTimeout(time.Hour), client.WithMaxAttempts(10))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.SecondaryZone(ctx, zoneID)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v; want context.DeadlineExceeded", err)
	}
	if srv.Hits() != 1 {
		t.Errorf("hits = %d; the deadline should end the first hung attempt", srv.Hits())
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
		time.Sleep(time.Millisecond)
	}
}
