package contract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

// TestLiveAndRecordModesEndToEnd runs live mode, configured only through
// the environment as a user would, against the local stand-in for
// Cloudflare (which checks the credentials it is sent), records the
// traffic, proves no secret reached the recording, and replays it.
func TestLiveAndRecordModesEndToEnd(t *testing.T) {
	const (
		token = "LIVE-TOKEN-must-not-be-recorded-93c1"
		email = "recorded.user@example.com"
		key   = "LIVE-KEY-must-not-be-recorded-0b7e"
	)
	tests := []struct {
		name    string
		env     map[string]string
		secrets []string
	}{
		{"API token", map[string]string{client.EnvAPIToken: token}, []string{token}},
		{"e-mail and API key", map[string]string{client.EnvEmail: email, client.EnvAPIKey: key}, []string{email, key}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cftest.NewServer(t, cftest.WithToken(token), cftest.WithAPIKey(email, key))
			recording := filepath.Join(t.TempDir(), "live")
			for _, k := range []string{client.EnvAPIToken, client.EnvEmail, client.EnvAPIKey} {
				t.Setenv(k, "")
			}
			t.Setenv(client.EnvBaseURL, srv.BaseURL)
			t.Setenv(contract.EnvZoneID, cftest.SeedZoneID)
			t.Setenv(contract.EnvRecord, recording)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}

			cfg, live, note := contract.LiveConfigFromEnv()
			if !live {
				t.Fatalf("live mode not enabled: %s", note)
			}
			xs, err := contract.RunLive(context.Background(), validator(t), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(xs) != 2 || xs[0].Status != 200 || xs[1].Status != 400 {
				t.Fatalf("exchanges = %+v; want a 200 and a 400", xs)
			}
			for _, x := range xs {
				if len(x.Violations) != 0 {
					t.Errorf("%s -> %d: %v", x.URL, x.Status, x.Violations)
				}
			}
			if srv.Hits() != 2 {
				t.Errorf("the stand-in saw %d requests, want 2: live mode must really go out", srv.Hits())
			}

			saved, err := os.ReadFile(recording + ".yaml")
			if err != nil {
				t.Fatalf("no recording: %v", err)
			}
			for _, s := range tt.secrets {
				if strings.Contains(string(saved), s) {
					t.Errorf("the recording contains the secret %q", s)
				}
			}
			for _, want := range []string{"# Recorded by the contract suite from " + srv.BaseURL, "[REDACTED]", "www.example.com."} {
				if !strings.Contains(string(saved), want) {
					t.Errorf("the recording lacks %q", want)
				}
			}

			replayed, err := contract.Replay(context.Background(), validator(t), recording+".yaml")
			if err != nil {
				t.Fatal(err)
			}
			if len(replayed) != 2 {
				t.Fatalf("replayed %d interactions, want 2", len(replayed))
			}
			for _, x := range replayed {
				if len(x.Violations) != 0 {
					t.Errorf("replay %s -> %d: %v", x.URL, x.Status, x.Violations)
				}
			}
		})
	}
}

func TestLiveModeOffSaysHowToEnableIt(t *testing.T) {
	for _, k := range []string{client.EnvAPIToken, client.EnvEmail, client.EnvAPIKey, contract.EnvZoneID} {
		t.Setenv(k, "")
	}
	_, live, note := contract.LiveConfigFromEnv()
	if live {
		t.Fatal("live mode on without credentials")
	}
	for _, want := range []string{client.EnvAPIToken, client.EnvEmail, client.EnvAPIKey, contract.EnvZoneID} {
		if !strings.Contains(note, want) {
			t.Errorf("note %q does not name %s", note, want)
		}
	}
	if strings.Contains(note, "\n") {
		t.Errorf("note is not one line: %q", note)
	}
}
