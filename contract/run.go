package contract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/internal/redact"
)

// Placeholder credentials for replay: recordings hold redacted ones, and
// the replayer ignores headers.
const (
	replayToken = "replay-token"
	replayEmail = "replay@example.com"
	replayKey   = "replay-key"
)

// ReplayDir replays every recording (*.yaml) in dir through the client and
// returns the exchanges the contract saw.
func ReplayDir(ctx context.Context, v *Validator, dir string) ([]Exchange, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("contract: no recordings in %s", dir)
	}
	slices.Sort(files)
	var all []Exchange
	for _, f := range files {
		xs, err := Replay(ctx, v, f)
		if err != nil {
			return all, err
		}
		all = append(all, xs...)
	}
	return all, nil
}

// Replay sends each request recorded in file (a go-vcr cassette) again
// through the zonexfer client, answers it from the recording, and validates
// both sides. It also checks that the client's outcome agrees with the
// recorded answer: a valid success decodes without error, a failure becomes
// a *client.Error with the same status and codes.
func Replay(ctx context.Context, v *Validator, file string) ([]Exchange, error) {
	name := strings.TrimSuffix(file, ".yaml")
	cas, err := cassette.Load(name)
	if err != nil {
		return nil, fmt.Errorf("contract: loading %s: %w", file, err)
	}
	rec, err := newReplayer(name)
	if err != nil {
		return nil, fmt.Errorf("contract: replaying %s: %w", file, err)
	}
	defer func() { _ = rec.Stop() }()

	t := &Transport{Next: rec, Validator: v, Source: filepath.Base(file)}
	for _, in := range cas.Interactions {
		base, zoneID, err := splitZoneURL(in.Request.URL)
		if err != nil {
			return nil, fmt.Errorf("contract: %s interaction %d: %w", file, in.ID, err)
		}
		cred := client.WithAPIToken(replayToken)
		if in.Request.Headers.Get("X-Auth-Email") != "" {
			cred = client.WithAPIKey(replayEmail, replayKey)
		}
		c, err := client.New(client.WithBaseURL(base), cred, client.WithTransport(t), client.WithMaxAttempts(1))
		if err != nil {
			return nil, err
		}
		before := len(t.Exchanges())
		zone, callErr := c.SecondaryZone(ctx, zoneID)
		xs := t.Exchanges()
		if len(xs) != before+1 || xs[len(xs)-1].Err != nil {
			return nil, fmt.Errorf("contract: %s interaction %d was not replayed: %v", file, in.ID, callErr)
		}
		t.amendLast(agreement(in.Response, zone, callErr, xs[len(xs)-1].Violations))
	}
	return t.Exchanges(), nil
}

// agreement checks that the client reported what the recorded response
// said, so that a lenient decoder cannot hide a failure or invent one.
func agreement(resp cassette.Response, zone *client.SecondaryZone, err error, seen []Violation) []Violation {
	bad := func(format string, args ...any) []Violation {
		return []Violation{{In: "client", Reason: fmt.Sprintf(format, args...)}}
	}
	if resp.Code >= 200 && resp.Code < 300 {
		if len(seen) == 0 && (err != nil || zone == nil) {
			return bad("the client failed on a valid success: %v", err)
		}
		if len(seen) != 0 && err == nil {
			return bad("the client accepted a response that breaks the contract")
		}
		return nil
	}
	e, ok := client.AsError(err)
	if !ok {
		return bad("the client returned %v for HTTP %d, not a *client.Error", err, resp.Code)
	}
	if e.StatusCode != resp.Code {
		return bad("the client reported HTTP %d for HTTP %d", e.StatusCode, resp.Code)
	}
	var env struct {
		Errors []struct {
			Code int64 `json:"code"`
		} `json:"errors"`
	}
	if json.Unmarshal([]byte(resp.Body), &env) == nil && len(env.Errors) > 0 {
		for _, item := range env.Errors {
			if !e.HasCode(item.Code) {
				return bad("the client lost error code %d", item.Code)
			}
		}
	}
	return nil
}

// splitZoneURL splits https://host/client/v4/zones/ID/secondary_dns/incoming
// into the API root and the zone ID.
func splitZoneURL(raw string) (base, zoneID string, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", err
	}
	before, after, ok := strings.Cut(u.Path, "/zones/")
	id, _, ok2 := strings.Cut(after, "/")
	if !ok || !ok2 {
		return "", "", fmt.Errorf("%s is not a zone URL", raw)
	}
	return u.Scheme + "://" + u.Host + before, id, nil
}

// Environment variables that control live mode.
const (
	EnvZoneID = "CLOUDFLARE_ZONE_ID"
	EnvRecord = "CONTRACT_RECORD"
)

// LiveConfig says how to reach the real API (or a stand-in for it).
type LiveConfig struct {
	BaseURL    string
	Token      string
	Email, Key string
	ZoneID     string
	// RecordTo, when set, saves the live interactions as a recording at
	// this path (".yaml" is added), credentials redacted.
	RecordTo string
}

// LiveConfigFromEnv reads live mode's settings: credentials as the client
// reads them (CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL with
// CLOUDFLARE_API_KEY), CLOUDFLARE_ZONE_ID, CLOUDFLARE_BASE_URL and
// CONTRACT_RECORD. When live mode is not configured it returns false and a
// line saying which variables would enable it.
func LiveConfigFromEnv() (LiveConfig, bool, string) {
	cfg := LiveConfig{
		BaseURL:  os.Getenv(client.EnvBaseURL),
		Token:    os.Getenv(client.EnvAPIToken),
		Email:    os.Getenv(client.EnvEmail),
		Key:      os.Getenv(client.EnvAPIKey),
		ZoneID:   os.Getenv(EnvZoneID),
		RecordTo: os.Getenv(EnvRecord),
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = client.DefaultBaseURL
	}
	hasCreds := cfg.Token != "" || (cfg.Email != "" && cfg.Key != "")
	if !hasCreds || cfg.ZoneID == "" {
		return cfg, false, fmt.Sprintf("live mode off: set %s (or %s and %s) and %s to run the contract against %s",
			client.EnvAPIToken, client.EnvEmail, client.EnvAPIKey, EnvZoneID, cfg.BaseURL)
	}
	return cfg, true, ""
}

// RunLive sends the client's requests to cfg.BaseURL, validates the
// traffic, and records it if cfg.RecordTo is set. It makes two calls: one
// for cfg.ZoneID, and one for a zone ID that no account holds, to exercise
// the failure envelope.
func RunLive(ctx context.Context, v *Validator, cfg LiveConfig) ([]Exchange, error) {
	secrets := redact.Secrets{cfg.Token, cfg.Key, cfg.Email}
	var next http.RoundTripper = http.DefaultTransport
	var stop func() error
	if cfg.RecordTo != "" {
		rec, err := newRecorder(cfg.RecordTo, next, secrets)
		if err != nil {
			return nil, fmt.Errorf("contract: recording: %w", err)
		}
		next, stop = rec, rec.Stop
	}
	t := &Transport{Next: next, Validator: v, Source: "live"}
	cred := client.WithAPIToken(cfg.Token)
	if cfg.Token == "" {
		cred = client.WithAPIKey(cfg.Email, cfg.Key)
	}
	c, err := client.New(client.WithBaseURL(cfg.BaseURL), cred, client.WithTransport(t))
	if err != nil {
		return nil, err
	}
	var callErrs []error
	for _, id := range []string{cfg.ZoneID, "00000000000000000000000000000000"} {
		if _, err := c.SecondaryZone(ctx, id); err != nil {
			if _, isAPI := client.AsError(err); !isAPI {
				callErrs = append(callErrs, err)
			}
		}
	}
	if stop != nil {
		if err := stop(); err != nil {
			return t.Exchanges(), fmt.Errorf("contract: saving the recording: %w", err)
		}
		if err := annotateRecording(cfg.RecordTo+".yaml", secrets.String(cfg.BaseURL), time.Now()); err != nil {
			return t.Exchanges(), err
		}
	}
	return t.Exchanges(), errors.Join(callErrs...)
}
