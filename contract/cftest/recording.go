package cftest

import (
	"fmt"
	"net/http"
	"net/url"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"
)

// ServeRecording makes the server answer each request recorded in file (a
// go-vcr cassette, such as those in contract/testdata) with the recorded
// response, once the request has passed the server's checks. The answers
// are self-checked against the spec like any other.
func (s *Server) ServeRecording(file string) error {
	name := file
	if len(name) > 5 && name[len(name)-5:] == ".yaml" {
		name = name[:len(name)-5]
	}
	c, err := cassette.Load(name)
	if err != nil {
		return fmt.Errorf("cftest: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.recorded == nil {
		s.recorded = map[string]answer{}
	}
	for _, in := range c.Interactions {
		u, err := url.Parse(in.Request.URL)
		if err != nil {
			return fmt.Errorf("cftest: %s interaction %d: %w", file, in.ID, err)
		}
		h := http.Header{}
		for k, vs := range in.Response.Headers {
			if k == "Content-Type" || k == "Retry-After" {
				h[k] = append([]string(nil), vs...)
			}
		}
		s.recorded[in.Request.Method+" "+u.Path] = answer{status: in.Response.Code, header: h, body: []byte(in.Response.Body)}
	}
	return nil
}

func (s *Server) recordedAnswer(r *http.Request) (answer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.recorded[r.Method+" "+r.URL.Path]
	if ok {
		a.header = a.header.Clone()
	}
	return a, ok
}
