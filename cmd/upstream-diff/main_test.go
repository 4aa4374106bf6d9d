package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tests := []struct {
		fixture string
		news    int
	}{
		{"cloudflare-like.yaml", 0},
		{"cloudflare-drifted.yaml", 2},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			var out bytes.Buffer
			news, err := run(&out, "../../contract/upstream/testdata/"+tt.fixture, "")
			if err != nil {
				t.Fatal(err)
			}
			if news != tt.news {
				t.Errorf("news = %d, want %d\n%s", news, tt.news, out.String())
			}
			if !strings.Contains(out.String(), "upstream-diff: compared GET /zones/{zone_id}/secondary_dns/incoming") {
				t.Errorf("report:\n%s", out.String())
			}
		})
	}
	if _, err := run(&bytes.Buffer{}, "", ""); err == nil {
		t.Error("no -upstream accepted")
	}
}
