package contract_test

import (
	"context"
	"os"
	"testing"

	"github.com/zonexfer/zonexfer/contract"
)

// TestContract is the main job: it replays every recording in testdata/
// through the client, runs live mode when credentials and
// CLOUDFLARE_ZONE_ID are set, derives and runs the mutants, reports drift
// and coverage, and fails on anything that breaks the contract.
func TestContract(t *testing.T) {
	v := validator(t)
	opts, err := contract.RunOptionsFromEnv("testdata")
	if err != nil {
		t.Fatal(err)
	}
	report, err := contract.Run(context.Background(), v, opts)
	if err != nil {
		t.Fatal(err)
	}
	summary := report.Summary()
	t.Log("\n" + summary)
	if path := os.Getenv(contract.EnvSummary); path != "" {
		if err := os.WriteFile(path, []byte(summary), 0o644); err != nil {
			t.Error(err)
		}
	}
	for _, line := range report.Failures() {
		t.Error(line)
	}
}
