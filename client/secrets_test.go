package client_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

// TestSecretsNeverLeak drives every error path with recognisable fake
// credentials, through a debug logger, against a server that also echoes
// them back, and checks that no error string or log line shows them.
func TestSecretsNeverLeak(t *testing.T) {
	const (
		token = "FAKE-TOKEN-do-not-leak-7f3a9c"
		email = "leaky.user@example.com"
		key   = "FAKE-KEY-do-not-leak-51be04"
	)
	echo := func(s string) []byte {
		return []byte(`{"success":false,"errors":[{"code":9109,"message":"Invalid access token ` + s + `",` +
			`"documentation_url":"https://example.com/?t=` + s + `"}],"messages":[{"code":1,"message":"` + s + `"}],"result":null}`)
	}
	faults := map[string][]cftest.Fault{
		"success":           nil,
		"rate limit":        {cftest.RateLimit("30").Always()},
		"HTML 502":          {cftest.HTMLError(502).Always()},
		"5xx then success":  {cftest.ServerError(503)},
		"hang":              {cftest.Hang().Always()},
		"truncated":         {cftest.Truncated().Always()},
		"redirect":          {cftest.Raw(302, http.Header{"Location": {"https://evil.example/?k=" + token + key + email}}, nil)},
		"echoed in errors":  {cftest.Raw(403, jsonHeader, echo(token+" "+key+" "+email))},
		"echoed in a 200":   {cftest.Raw(200, jsonHeader, []byte(`{"success":false,"errors":[],"messages":[],"result":"`+token+key+email+`"}`))},
		"echoed in HTML":    {cftest.Raw(502, http.Header{"Content-Type": {"text/html"}}, []byte("<p>"+token+key+email+"</p>")).Always()},
		"echoed in headers": {cftest.Raw(400, http.Header{"Content-Type": {"application/json"}, "X-Echo": {token + key + email}}, echo(token))},
	}
	creds := map[string]struct {
		opt     client.Option
		secrets []string // what this client knows, and so must mask
	}{
		"token":   {client.WithAPIToken(token), []string{token}},
		"api key": {client.WithAPIKey(email, key), []string{key, email}},
	}
	for credName, cred := range creds {
		for name, fs := range faults {
			t.Run(credName+"/"+name, func(t *testing.T) {
				srv := cftest.NewServer(t, cftest.WithToken(token), cftest.WithAPIKey(email, key))
				srv.Inject(fs...)
				var logs bytes.Buffer
				logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				c, err := client.New(client.WithBaseURL(srv.BaseURL), cred.opt, client.WithDebugLogger(logger),
					client.WithRetryWait(time.Millisecond, time.Millisecond), client.WithAttemptTimeout(300*time.Millisecond),
					client.WithMaxAttempts(2),
					client.WithMaxRetryAfter(time.Second))
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.SecondaryZone(context.Background(), zoneID)
				var text strings.Builder
				text.Write(logs.Bytes())
				if err != nil {
					text.WriteString(err.Error())
					if e, ok := client.AsError(err); ok {
						text.Write(e.Body)
						text.WriteString(e.Location)
						for _, m := range append(e.Errors, e.Messages...) {
							text.WriteString(m.Message)
							if m.DocumentationUrl != nil {
								text.WriteString(*m.DocumentationUrl)
							}
						}
					}
				}
				if logs.Len() == 0 {
					t.Fatal("the debug logger wrote nothing; the test would prove nothing")
				}
				for _, secret := range cred.secrets {
					if strings.Contains(text.String(), secret) {
						t.Errorf("%q leaked into:\n%s", secret, text.String())
					}
				}
			})
		}
	}
}

func TestDebugLogShowsTraffic(t *testing.T) {
	srv := cftest.NewServer(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := client.New(client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token), client.WithDebugLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SecondaryZone(context.Background(), zoneID); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cloudflare request", "secondary_dns/incoming", "Authorization:[[REDACTED]]", "status=200", "www.example.com."} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("debug log lacks %q:\n%s", want, logs.String())
		}
	}
}
