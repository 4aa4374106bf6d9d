package cftest

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

type faultKind int

const (
	faultAnswer faultKind = iota
	faultDelay
	faultHang
	faultTruncate
)

// Fault is a misbehaviour the server shows for the next request(s) instead
// of its normal answer. Build one with RateLimit, ServerError, HTMLError,
// Delay, Hang, Truncated or Raw; queue it with Inject.
type Fault struct {
	kind   faultKind
	answer answer
	delay  time.Duration
	times  int // requests it applies to; 0 means all from now on
}

// Times makes the fault apply to the next n requests (default 1).
func (f Fault) Times(n int) Fault { f.times = max(n, 1); return f }

// Always makes the fault apply to every request from now on.
func (f Fault) Always() Fault { f.times = 0; return f }

// Inject queues faults; each applies to as many requests as its Times says,
// in order, before the server answers normally again.
func (s *Server) Inject(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faults...)
}

// RateLimit answers 429 with Cloudflare's documented rate-limit body (code
// 971) and, if retryAfter is not empty, that Retry-After header (seconds or
// an HTTP date).
func RateLimit(retryAfter string) Fault {
	a := failure(http.StatusTooManyRequests, apiMessage{Code: 971, Message: "Please wait and consider throttling your request speed"})
	if retryAfter != "" {
		a.header.Set("Retry-After", retryAfter)
	}
	return Fault{kind: faultAnswer, answer: a, times: 1}
}

// ServerError answers status (a 5xx) in the failure envelope. Cloudflare
// documents no code for these; the stand-in uses 10001.
func ServerError(status int) Fault {
	a := failure(status, apiMessage{Code: 10001, Message: fmt.Sprintf("service temporarily unavailable (%d)", status)})
	return Fault{kind: faultAnswer, answer: a, times: 1}
}

// HTMLError answers status (502, 504, 52x) with an HTML page, as
// Cloudflare's edge does.
func HTMLError(status int) Fault {
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=UTF-8")
	body := fmt.Sprintf("<!DOCTYPE html>\n<html><head><title>%d: %s</title></head>"+
		"<body><h1>Error %d</h1><p>The origin is unreachable.</p></body></html>\n",
		status, http.StatusText(status), status)
	return Fault{kind: faultAnswer, answer: answer{status: status, header: h, body: []byte(body)}, times: 1}
}

// Delay holds the answer for d, then answers normally.
func Delay(d time.Duration) Fault { return Fault{kind: faultDelay, delay: d, times: 1} }

// Hang accepts the request and never answers, until the client gives up or
// the server closes.
func Hang() Fault { return Fault{kind: faultHang, times: 1} }

// Truncated sends the headers and half of the normal body, with the full
// Content-Length, then drops the connection.
func Truncated() Fault { return Fault{kind: faultTruncate, times: 1} }

// Raw answers exactly status, header and body, unchecked: for hostile or
// malformed responses.
func Raw(status int, header http.Header, body []byte) Fault {
	return Fault{kind: faultAnswer, answer: answer{status: status, header: header.Clone(), body: body, broken: true}, times: 1}
}

// applyFault carries a fault out, given the answer the request would
// normally get. It returns the answer to write, if any.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f Fault, normal answer) (answer, bool) {
	switch f.kind {
	case faultDelay:
		if !s.wait(r, f.delay) {
			return answer{}, false
		}
		return normal, true
	case faultHang:
		s.wait(r, 24*time.Hour)
		return answer{}, false
	case faultTruncate:
		a := normal
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body[:len(a.body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		panic(http.ErrAbortHandler)
	}
	return f.answer, true
}
