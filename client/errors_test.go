package client

import (
	"errors"
	"testing"
	"time"
)

func chain(ms ...Message) *[]Message { return &ms }

func TestErrorReadsAsOneLogLine(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"rate limit", &Error{StatusCode: 429, Errors: []Message{{Code: 971, Message: "Please wait and consider throttling your request speed"}},
			RetryAfter: 30 * time.Second, HasRetryAfter: true, RayID: "8d2f3c4b5a697887-LHR"},
			"cloudflare: HTTP 429 Too Many Requests: [971] Please wait and consider throttling your request speed (retry after 30s) (cf-ray 8d2f3c4b5a697887-LHR)"},
		{"two errors and a message", &Error{StatusCode: 400, Errors: []Message{{Code: 7003, Message: "Could not route"}, {Code: 7000, Message: "No route for that URI"}},
			Messages: []Message{{Code: 1, Message: "note"}}},
			"cloudflare: HTTP 400 Bad Request: [7003] Could not route; [7000] No route for that URI (message [1] note)"},
		{"error chain", &Error{StatusCode: 400, Errors: []Message{{Code: 6003, Message: "Invalid request headers",
			ErrorChain: chain(Message{Code: 6103, Message: "Invalid format for X-Auth-Key header"})}}},
			"cloudflare: HTTP 400 Bad Request: [6003] Invalid request headers <- [6103] Invalid format for X-Auth-Key header"},
		{"unusable body", &Error{StatusCode: 502, Problem: ErrNotJSON},
			"cloudflare: HTTP 502 Bad Gateway: response is not JSON"},
		{"redirect", &Error{StatusCode: 302, Problem: ErrRedirect, Location: "https://elsewhere.example/"},
			"cloudflare: HTTP 302 Found: unexpected redirect (to https://elsewhere.example/)"},
		{"unknown status", &Error{StatusCode: 599},
			"cloudflare: HTTP 599"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestErrorHelpers(t *testing.T) {
	tests := []struct {
		name                     string
		err                      *Error
		rateLimit, auth, missing bool
	}{
		{"429", &Error{StatusCode: 429}, true, false, false},
		{"971 on a 400", &Error{StatusCode: 400, Errors: []Message{{Code: 971}}}, true, false, false},
		{"legacy 10100", &Error{StatusCode: 400, Errors: []Message{{Code: 10100}}}, true, false, false},
		{"10000", &Error{StatusCode: 400, Errors: []Message{{Code: 10000}}}, false, true, false},
		{"9106", &Error{StatusCode: 400, Errors: []Message{{Code: 9106}}}, false, true, false},
		{"9109", &Error{StatusCode: 400, Errors: []Message{{Code: 9109}}}, false, true, false},
		{"6111 inside a chain", &Error{StatusCode: 400, Errors: []Message{{Code: 6003, ErrorChain: chain(Message{Code: 6111})}}}, false, true, false},
		{"403", &Error{StatusCode: 403}, false, true, false},
		{"404", &Error{StatusCode: 404}, false, false, true},
		{"7003 and 7000", &Error{StatusCode: 400, Errors: []Message{{Code: 7003}, {Code: 7000}}}, false, false, true},
		{"a plain 500", &Error{StatusCode: 500, Errors: []Message{{Code: 1000}}}, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err.IsRateLimit() != tt.rateLimit || tt.err.IsAuthentication() != tt.auth || tt.err.IsZoneNotFound() != tt.missing {
				t.Errorf("IsRateLimit/IsAuthentication/IsZoneNotFound = %v/%v/%v, want %v/%v/%v",
					tt.err.IsRateLimit(), tt.err.IsAuthentication(), tt.err.IsZoneNotFound(), tt.rateLimit, tt.auth, tt.missing)
			}
			wrapped := errors.Join(errors.New("context"), tt.err)
			if IsRateLimit(wrapped) != tt.rateLimit || IsAuthentication(wrapped) != tt.auth || IsZoneNotFound(wrapped) != tt.missing {
				t.Error("the package-level helpers disagree with the methods on a wrapped error")
			}
		})
	}
	if HasCode(errors.New("plain"), 971) || IsRateLimit(nil) {
		t.Error("helpers report true for errors that are not *Error")
	}
}
