package client

import (
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"30", 30 * time.Second, true},
		{"300", 5 * time.Minute, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"99999999999999999999", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"Friday, 04-Dec-26 12:01:00 GMT", time.Minute, true}, // RFC 850, which HTTP still allows
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestBackoffGrowsWithJitterUpToTheCap(t *testing.T) {
	d := &retryingDoer{policy: retryPolicy{waitMin: 100 * time.Millisecond, waitMax: time.Second}}
	ceilings := []time.Duration{100, 200, 400, 800, 1000, 1000} // ms, for attempts 1..6
	for i, c := range ceilings {
		ceiling := c * time.Millisecond
		seen := map[time.Duration]bool{}
		for range 200 {
			w := d.backoff(i + 1)
			if w < ceiling/2 || w > ceiling {
				t.Fatalf("attempt %d: wait %v outside [%v, %v]", i+1, w, ceiling/2, ceiling)
			}
			seen[w] = true
		}
		if len(seen) < 10 {
			t.Errorf("attempt %d: only %d distinct waits in 200 draws; no jitter?", i+1, len(seen))
		}
	}
	if w := (&retryingDoer{}).backoff(3); w != 0 {
		t.Errorf("zero policy waits %v", w)
	}
}

func TestRetryableStatuses(t *testing.T) {
	for code := 100; code < 600; code++ {
		want := code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504 || (code >= 520 && code <= 530)
		if got := retryableStatus(code); got != want {
			t.Errorf("retryableStatus(%d) = %v, want %v", code, got, want)
		}
	}
}
