package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/zonexfer/zonexfer/api"
	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract"
	"github.com/zonexfer/zonexfer/contract/cftest"
	"github.com/zonexfer/zonexfer/gen"
)

const (
	zoneID = cftest.SeedZoneID
	token  = "bench-token-0123456789"
)

var seedBody = []byte(`{"errors":[],"messages":[],"success":true,"result":` + cftest.SeedZone + `}`)

// server serves body for every request, as Cloudflare would for the zone.
func server(b *testing.B, body []byte) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "unauthorized", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 16
	return t
}

// baselineGet is what a careful hand-written client does: build the
// request, send it, decode the envelope with encoding/json.
func baselineGet(ctx context.Context, hc *http.Client, base, zone string) (*gen.SecondaryZone, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/zones/"+zone+"/secondary_dns/incoming", nil)
	if err != nil {
		return nil, err
	}
	// The same request the client sends, headers included.
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("User-Agent", client.UserAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var env struct {
		Success bool              `json:"success"`
		Result  gen.SecondaryZone `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || !env.Success {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return &env.Result, nil
}

func newClient(b *testing.B, base string, rt http.RoundTripper) *client.Client {
	b.Helper()
	c, err := client.New(client.WithBaseURL(base), client.WithAPIToken(token), client.WithTransport(rt))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkCall: the zonexfer client's call (request build, round trip,
// decode) against the hand-written baseline, on the same loopback server
// and an equal transport.
func BenchmarkCall(b *testing.B) {
	srv := server(b, seedBody)
	ctx := context.Background()
	b.Run("baseline", func(b *testing.B) {
		hc := &http.Client{Transport: transport()}
		b.ReportAllocs()
		for b.Loop() {
			if z, err := baselineGet(ctx, hc, srv.URL, zoneID); err != nil || z.SoaSerial == nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("client", func(b *testing.B) {
		c := newClient(b, srv.URL, transport())
		b.ReportAllocs()
		for b.Loop() {
			if z, err := c.SecondaryZone(ctx, zoneID); err != nil || z.SoaSerial == nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTransport: the same call with and without the validating
// transport.
func BenchmarkTransport(b *testing.B) {
	srv := server(b, seedBody)
	ctx := context.Background()
	v, err := contract.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		rt   func() http.RoundTripper
	}{
		{"plain", func() http.RoundTripper { return transport() }},
		{"validating", func() http.RoundTripper {
			return &contract.Transport{Next: transport(), Validator: v, MaxBodyBytes: 1 << 20}
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := newClient(b, srv.URL, tc.rt())
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.SecondaryZone(ctx, zoneID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func seedRequest() *http.Request {
	req, _ := http.NewRequest(http.MethodGet, "https://api.cloudflare.com/client/v4/zones/"+zoneID+"/secondary_dns/incoming", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

var jsonHeader = http.Header{"Content-Type": {"application/json"}}

// BenchmarkValidateResponse: validating the seed response.
func BenchmarkValidateResponse(b *testing.B) {
	v, err := contract.Default()
	if err != nil {
		b.Fatal(err)
	}
	req := seedRequest()
	if vs := v.CheckResponse(req, 200, jsonHeader, seedBody); len(vs) != 0 {
		b.Fatalf("the seed body is invalid: %v", vs)
	}
	b.ReportAllocs()
	for b.Loop() {
		if vs := v.CheckResponse(req, 200, jsonHeader, seedBody); len(vs) != 0 {
			b.Fatal(vs)
		}
	}
}

// bodyWithPeers is the seed response with n peers.
func bodyWithPeers(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"errors":[],"messages":[],"success":true,"result":{"id":"269d8f4853475ca241c4e730be286b20","name":"www.example.com.","soa_serial":2019102400,"peers":[`)
	for i := range n {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `"%032x"`, i)
	}
	buf.WriteString(`]}}`)
	return buf.Bytes()
}

var peerCounts = []int{1, 100, 10000, 100000}

// BenchmarkScaling: validating and decoding responses with 1 to 100,000
// peers. Cost must grow close to linearly.
func BenchmarkScaling(b *testing.B) {
	v, err := contract.Default()
	if err != nil {
		b.Fatal(err)
	}
	req := seedRequest()
	for _, n := range peerCounts {
		body := bodyWithPeers(n)
		b.Run(fmt.Sprintf("validate/peers=%d", n), func(b *testing.B) {
			if vs := v.CheckResponse(req, 200, jsonHeader, body); len(vs) != 0 {
				b.Fatal(vs)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				v.CheckResponse(req, 200, jsonHeader, body)
			}
		})
		b.Run(fmt.Sprintf("decode/peers=%d", n), func(b *testing.B) {
			srv := server(b, body)
			c, err := client.New(client.WithBaseURL(srv.URL), client.WithAPIToken(token), client.WithTransport(transport()))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				z, err := c.SecondaryZone(context.Background(), zoneID)
				if err != nil || len(*z.Peers) != n {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadSpec: loading and validating the embedded spec and building
// the router (what New does), against Default, which does it once per
// process.
func BenchmarkLoadSpec(b *testing.B) {
	b.Run("New", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := contract.New(api.Spec); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Default", func(b *testing.B) {
		if _, err := contract.Default(); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := contract.Default(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestBaselinesAgree keeps the baseline honest: it decodes the same zone
// the client does.
func TestBaselinesAgree(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.Copy(w, bytes.NewReader(seedBody))
	}))
	defer srv.Close()
	base, err := baselineGet(context.Background(), srv.Client(), srv.URL, zoneID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.WithBaseURL(srv.URL), client.WithAPIToken(token))
	if err != nil {
		t.Fatal(err)
	}
	z, err := c.SecondaryZone(context.Background(), zoneID)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(base)
	bb, _ := json.Marshal(z)
	if !bytes.Equal(a, bb) {
		t.Errorf("baseline %s\nclient   %s", a, bb)
	}
	if !strings.Contains(string(bodyWithPeers(3)), `"00000000000000000000000000000002"`) {
		t.Error("bodyWithPeers does not build peers")
	}
}

// BenchmarkUniqueItems: validating 10,000 peers under uniqueItems with
// kin-openapi's default checker (JSON-encodes every item) and with the
// contract package's (compares strings directly).
func BenchmarkUniqueItems(b *testing.B) {
	v, err := contract.Default()
	if err != nil {
		b.Fatal(err)
	}
	req := seedRequest()
	body := bodyWithPeers(10000)
	run := func(b *testing.B) {
		if vs := v.CheckResponse(req, 200, jsonHeader, body); len(vs) != 0 {
			b.Fatal(vs)
		}
		b.ReportAllocs()
		for b.Loop() {
			v.CheckResponse(req, 200, jsonHeader, body)
		}
	}
	b.Run("contract", run)
	b.Run("kin-openapi-default", func(b *testing.B) {
		openapi3.RegisterArrayUniqueItemsChecker(nil) // kin-openapi's own
		defer contract.RegisterUniqueItemsChecker()
		run(b)
	})
}
