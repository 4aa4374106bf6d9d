package contract_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

// TestTransportChangesNothing: what the caller reads through the
// validating transport is byte for byte what the server sent, valid or
// not, and transport errors come through unchanged.
func TestTransportChangesNothing(t *testing.T) {
	bodies := map[string][]byte{
		"valid":   []byte(`{"success":true,"errors":[],"messages":[],"result":{"soa_serial":1}}`),
		"invalid": []byte(`{"success":true,"errors":[],"messages":[],"result":{"soa_serial":"x"}}`),
		"html":    []byte("<html>oops</html>"),
		"big":     bytes.Repeat([]byte("x"), 3<<20),
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("X-Custom", "kept")
				_, _ = w.Write(body)
			}))
			defer srv.Close()
			tr := &contract.Transport{MaxBodyBytes: 1 << 20}
			hc := &http.Client{Transport: tr}
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/client/v4/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/incoming", nil)
			req.Header.Set("Authorization", "Bearer t")
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !bytes.Equal(got, body) || resp.Header.Get("X-Custom") != "kept" {
				t.Errorf("the caller got %d bytes (want %d) or lost a header", len(got), len(body))
			}
			if n := len(tr.Exchanges()); n != 1 {
				t.Fatalf("%d exchanges recorded", n)
			}
			if wantViolations := name != "valid"; wantViolations != (len(tr.Violations()) > 0) {
				t.Errorf("violations = %v", tr.Violations())
			}
		})
	}
	t.Run("transport error", func(t *testing.T) {
		boom := errors.New("boom")
		tr := &contract.Transport{Next: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, boom })}
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9/client/v4/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/incoming", nil)
		if _, err := tr.RoundTrip(req); !errors.Is(err, boom) {
			t.Errorf("err = %v, want boom", err)
		}
		if xs := tr.Exchanges(); len(xs) != 1 || !errors.Is(xs[0].Err, boom) {
			t.Errorf("exchanges = %+v", xs)
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Dropping the validating transport into a client to check, in an
// integration test or in staging, that the traffic keeps to the spec.
func ExampleTransport() {
	srv := cftest.Start()
	defer srv.Close()
	srv.SetZone(cftest.SeedZoneID, []byte(`{"soa_serial":"2019102400"}`)) // a drifted API: serial as a string

	validating := &contract.Transport{} // wraps http.DefaultTransport
	c, _ := client.New(client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token), client.WithTransport(validating))
	_, err := c.SecondaryZone(context.Background(), cftest.SeedZoneID)
	fmt.Println("client error:", err != nil)
	for _, v := range validating.Violations() {
		fmt.Println(v)
	}
	// Output:
	// client error: true
	// body /result/soa_serial: value must be an integer
}

func TestTransportIsSafeForConcurrentUse(t *testing.T) {
	srv := cftest.NewServer(t)
	tr := &contract.Transport{}
	c, err := client.New(client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token), client.WithTransport(tr))
	if err != nil {
		t.Fatal(err)
	}
	const workers, calls = 8, 10
	errs := make(chan error, workers*calls)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range calls {
				_, err := c.SecondaryZone(context.Background(), cftest.SeedZoneID)
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := len(tr.Exchanges()); n != workers*calls {
		t.Errorf("%d exchanges recorded, want %d", n, workers*calls)
	}
	if vs := tr.Violations(); len(vs) != 0 {
		t.Errorf("violations: %v", vs)
	}
}
