package contract_test

import (
	"context"
	"testing"

	"github.com/zonexfer/zonexfer/contract"
)

// TestContract is the main job: it replays every recording in testdata/
// through the client, runs live mode when credentials and
// CLOUDFLARE_ZONE_ID are set, and fails on any violation.
func TestContract(t *testing.T) {
	v, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	report := &contract.Report{}
	report.Exchanges, err = contract.ReplayDir(ctx, v, "testdata")
	if err != nil {
		t.Fatal(err)
	}
	cfg, live, note := contract.LiveConfigFromEnv()
	report.Live, report.LiveNote = live, note
	if live {
		xs, err := contract.RunLive(ctx, v, cfg)
		report.Exchanges = append(report.Exchanges, xs...)
		if err != nil {
			t.Errorf("live: %v", err)
		}
	}
	t.Log("\n" + report.Summary())
	for _, line := range report.Violations() {
		t.Error(line)
	}
}
