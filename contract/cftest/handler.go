package cftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zonexfer/zonexfer/contract"
	"github.com/zonexfer/zonexfer/internal/redact"
)

// apiMessage is one entry of errors[] in the failure envelope.
type apiMessage struct {
	Code       int          `json:"code"`
	Message    string       `json:"message"`
	ErrorChain []apiMessage `json:"error_chain,omitempty"`
}

// answer is a response the handler has decided on but not yet written.
type answer struct {
	status int
	header http.Header
	body   []byte
	// broken marks answers that break the spec on purpose (a fault), which
	// the self-check skips.
	broken bool
}

func failure(status int, errs ...apiMessage) answer {
	body, _ := json.Marshal(map[string]any{
		"success":  false,
		"errors":   errs,
		"messages": []any{},
		"result":   nil,
	})
	return jsonAnswer(status, body)
}

func success(result json.RawMessage) answer {
	var buf bytes.Buffer
	buf.WriteString(`{"success":true,"errors":[],"messages":[],"result":`)
	buf.Write(result)
	buf.WriteString(`}`)
	return jsonAnswer(http.StatusOK, buf.Bytes())
}

func jsonAnswer(status int, body []byte) answer {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return answer{status: status, header: h, body: body}
}

// Documented failures (see shared/cloudflare-api-facts.md).
func noRoute(path string) answer {
	return failure(http.StatusBadRequest,
		apiMessage{Code: 7003, Message: "Could not route to " + strings.TrimPrefix(path, BasePath) + ", perhaps your object identifier is invalid?"},
		apiMessage{Code: 7000, Message: "No route for that URI"})
}

func unknownURI() answer {
	return failure(http.StatusBadRequest, apiMessage{Code: 7000, Message: "No route for that URI"})
}

func authenticationError() answer {
	return failure(http.StatusForbidden, apiMessage{Code: 10000, Message: "Authentication error"})
}

func missingHeader(name string) answer {
	return failure(http.StatusBadRequest, apiMessage{Code: 9106, Message: "Missing " + name + " header"})
}

func invalidHeaders(detail string) answer {
	return failure(http.StatusBadRequest, apiMessage{
		Code: 6003, Message: "Invalid request headers",
		ErrorChain: []apiMessage{{Code: 6111, Message: detail}},
	})
}

// methodNotAllowed is the stand-in's own choice: Cloudflare documents no
// body for a method the route lacks.
func methodNotAllowed() answer {
	return failure(http.StatusMethodNotAllowed, apiMessage{Code: 10405, Message: "Method not allowed for this route"})
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.hits.Add(1)
	route, violations := s.validator.CheckRequest(r)
	s.record(Request{Method: r.Method, Path: r.URL.Path, Header: redact.Header(r.Header), Violations: violations})

	normal := s.decide(r, route != nil, violations)
	if f, ok := s.nextFault(); ok {
		if a, serve := s.applyFault(w, r, f, normal); serve {
			s.write(w, r, a)
		}
		return
	}
	s.write(w, r, normal)
}

// decide answers a request the way Cloudflare does: routing first, then
// credentials, then the zone.
func (s *Server) decide(r *http.Request, routed bool, violations []contract.Violation) answer {
	zoneID, zonePath := zoneIDFromPath(r.URL.Path)
	switch {
	case zonePath && r.Method != http.MethodGet:
		return methodNotAllowed()
	case !routed:
		return unknownURI()
	}
	for _, v := range violations {
		if v.Pointer == "path/zone_id" {
			return noRoute(r.URL.Path)
		}
	}
	if a, refused := s.checkCredentials(r.Header); refused {
		return a
	}
	if a, ok := s.recordedAnswer(r); ok {
		return a
	}
	zone, ok := s.zone(zoneID)
	if !ok {
		return noRoute(r.URL.Path)
	}
	return success(zone)
}

// checkCredentials accepts one complete set of the configured credentials.
func (s *Server) checkCredentials(h http.Header) (answer, bool) {
	token, email, key := s.credentialsFor()
	if auth := h.Get("Authorization"); auth != "" {
		scheme, got, ok := strings.Cut(auth, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || got == "" {
			return invalidHeaders("Invalid format for Authorization header"), true
		}
		if got != token {
			return authenticationError(), true
		}
		return answer{}, false
	}
	gotEmail, gotKey := h.Get("X-Auth-Email"), h.Get("X-Auth-Key")
	switch {
	case gotEmail == "" && gotKey == "":
		return missingHeader("X-Auth-Email"), true
	case gotEmail == "":
		return missingHeader("X-Auth-Email"), true
	case gotKey == "":
		return missingHeader("X-Auth-Key"), true
	case gotEmail != email || gotKey != key:
		return authenticationError(), true
	}
	return answer{}, false
}

// write self-checks a well-formed answer against the spec and sends it,
// with the headers Cloudflare adds to every answer.
func (s *Server) write(w http.ResponseWriter, r *http.Request, a answer) {
	h := w.Header()
	for name, vs := range a.header {
		h[name] = vs
	}
	n := s.hits.Load()
	h.Set("Cf-Ray", fmt.Sprintf("8d%014x-LHR", n))
	h.Set("Ratelimit", `"default";r=1199;t=300`)
	h.Set("Ratelimit-Policy", `"default";q=1200;w=300`)
	if !a.broken {
		for _, v := range s.validator.CheckResponse(r, a.status, h, a.body) {
			s.addOwnProblem("%s %s -> %d: %s", r.Method, r.URL.Path, a.status, v)
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// wait blocks for d, or until the client gives up or the server closes. It
// reports whether the full time passed.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.stop:
	}
	return false
}
