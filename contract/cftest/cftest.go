// Package cftest is a local stand-in for Cloudflare's Secondary DNS API, in
// the style of net/http/httptest, for testing code that uses the zonexfer
// client (or any client of this API) without the network.
//
// The server checks every incoming request against api/openapi.yaml (route,
// zone ID, one complete set of credentials) and refuses violations the way
// Cloudflare does, with its documented failure bodies and status codes. It
// serves the zones a test sets, injects faults on demand (rate limits, 5xx,
// HTML edge pages, hanging or truncated answers), and validates its own
// well-formed responses against the spec, failing the test if one drifts.
//
// Where Cloudflare's behaviour is not documented (which code a method other
// than GET gets, say), the stand-in answers in the failure envelope with a
// plausible code; such answers are marked in the doc comments below.
package cftest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/zonexfer/zonexfer/contract"
)

// The credentials a Server accepts unless told otherwise.
const (
	Token = "cftest-token-0123456789abcdef"
	Email = "cftest@example.com"
	Key   = "cftest0123456789abcdef0123456789abcde"
)

// SeedZoneID is the zone the server knows from the start, with the
// configuration of Cloudflare's published example response (SeedZone).
const SeedZoneID = "269d8f4853475ca241c4e730be286b20"

// SeedZone is the result object of Cloudflare's published example for
// GET /zones/{zone_id}/secondary_dns/incoming.
const SeedZone = `{
    "id": "269d8f4853475ca241c4e730be286b20",
    "auto_refresh_seconds": 86400,
    "checked_time": "2019-10-24T17:09:42.883908+01:00",
    "created_time": "2019-10-24T17:09:42.883908+01:00",
    "modified_time": "2019-10-24T17:09:42.883908+01:00",
    "name": "www.example.com.",
    "peers": ["23ff594956f20c2a721606e94745a8aa", "00920f38ce07c2e2f4df50b1f61d4194"],
    "soa_serial": 2019102400
  }`

// BasePath is the API's base path on the server, as on api.cloudflare.com.
const BasePath = "/client/v4"

// Server is a running stand-in. Create it with NewServer; point a client at
// BaseURL.
type Server struct {
	// BaseURL is the API root to give a client, e.g.
	// "http://127.0.0.1:PORT/client/v4".
	BaseURL string

	srv       *httptest.Server
	validator *contract.Validator
	stop      chan struct{}
	stopOnce  sync.Once
	hits      atomic.Int64

	mu          sync.Mutex
	zones       map[string]json.RawMessage
	recorded    map[string]answer
	token       string
	email, key  string
	faults      []Fault
	requests    []Request
	ownProblems []string
}

// Request is what the server saw of one incoming request.
type Request struct {
	Method, Path string
	// Header is the request's header with credentials redacted.
	Header http.Header
	// Violations are the ways the request broke the contract.
	Violations []contract.Violation
}

// Option configures a Server.
type Option func(*Server)

// WithToken sets the API token the server accepts (default Token).
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithAPIKey sets the e-mail and Global API key the server accepts
// (defaults Email and Key).
func WithAPIKey(email, key string) Option {
	return func(s *Server) { s.email, s.key = email, key }
}

// NewServer starts a stand-in on 127.0.0.1 and closes it when the test
// ends. At cleanup it fails t if any well-formed response it served broke
// the spec.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := start(opts...)
	if err != nil {
		t.Fatalf("cftest: %v", err)
	}
	t.Cleanup(func() {
		s.Close()
		for _, p := range s.OwnViolations() {
			t.Errorf("cftest: the stand-in served a response that breaks the spec: %s", p)
		}
	})
	return s
}

// Start starts a stand-in on 127.0.0.1 for code without a testing.TB (an
// Example, a main). The caller must Close it, and may check OwnViolations.
// It panics if the embedded spec cannot be loaded, which a build of this
// module never allows.
func Start(opts ...Option) *Server {
	s, err := start(opts...)
	if err != nil {
		panic("cftest: " + err.Error())
	}
	return s
}

func start(opts ...Option) (*Server, error) {
	v, err := contract.Default()
	if err != nil {
		return nil, err
	}
	s := &Server{
		validator: v,
		stop:      make(chan struct{}),
		zones:     map[string]json.RawMessage{SeedZoneID: json.RawMessage(SeedZone)},
		token:     Token,
		email:     Email,
		key:       Key,
	}
	for _, opt := range opts {
		opt(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.BaseURL = s.srv.URL + BasePath
	return s, nil
}

// URL is the server's root URL (scheme, host and port).
func (s *Server) URL() string { return s.srv.URL }

// Client returns an http.Client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close stops the server, releasing any request held by a Hang fault.
func (s *Server) Close() {
	s.stopOnce.Do(func() { close(s.stop) })
	s.srv.Close()
}

// SetZone makes the server answer for zoneID with result, the JSON of a
// SecondaryZone (or, deliberately, anything else).
func (s *Server) SetZone(zoneID string, result json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zones[zoneID] = append(json.RawMessage(nil), result...)
}

// DeleteZone makes the server answer for zoneID as for a zone it does not
// have.
func (s *Server) DeleteZone(zoneID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.zones, zoneID)
}

// Requests returns what the server has seen, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Hits returns how many requests the server has received.
func (s *Server) Hits() int { return int(s.hits.Load()) }

// OwnViolations lists the spec violations found in responses the server
// served as well-formed (faults that are broken on purpose are exempt).
func (s *Server) OwnViolations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ownProblems...)
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
}

func (s *Server) nextFault() (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.faults) == 0 {
		return Fault{}, false
	}
	f := s.faults[0]
	if f.times > 1 {
		s.faults[0].times--
	} else if f.times == 1 {
		s.faults = s.faults[1:]
	}
	return f, true
}

func (s *Server) zone(id string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	z, ok := s.zones[id]
	return z, ok
}

func (s *Server) credentialsFor() (token, email, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token, s.email, s.key
}

// zoneIDFromPath extracts {zone_id} from /client/v4/zones/{zone_id}/secondary_dns/incoming.
func zoneIDFromPath(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, BasePath+"/zones/")
	if !ok {
		return "", false
	}
	id, tail, ok := strings.Cut(rest, "/")
	return id, ok && tail == "secondary_dns/incoming"
}

func (s *Server) addOwnProblem(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ownProblems = append(s.ownProblems, fmt.Sprintf(format, args...))
}
