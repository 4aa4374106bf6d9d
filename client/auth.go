package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/securityprovider"

	"github.com/zonexfer/zonexfer/gen"
	"github.com/zonexfer/zonexfer/internal/redact"
)

// ErrNoCredentials is returned by New when no credentials were given and
// the environment holds none.
var ErrNoCredentials = errors.New("zonexfer: no credentials: set " + EnvAPIToken +
	", or " + EnvEmail + " with " + EnvAPIKey + ", or use WithAPIToken or WithAPIKey")

// credentials hold one of the spec's two security alternatives.
type credentials struct {
	token      string
	email, key string
	source     string // where they came from, for error messages
}

// resolveCredentials takes the explicit option if there was one, and the
// environment otherwise, and insists on exactly one complete scheme.
func (cfg *config) resolveCredentials() (*credentials, error) {
	c := cfg.creds
	if c == nil {
		c = &credentials{
			token:  cfg.getenv(EnvAPIToken),
			email:  cfg.getenv(EnvEmail),
			key:    cfg.getenv(EnvAPIKey),
			source: "the environment",
		}
	}
	hasToken, hasKeyPair := c.token != "", c.email != "" || c.key != ""
	switch {
	case !hasToken && !hasKeyPair:
		return nil, ErrNoCredentials
	case hasToken && hasKeyPair:
		return nil, fmt.Errorf("zonexfer: both an API token and an e-mail/API key are configured in %s: set %s, or %s with %s, not both",
			c.source, EnvAPIToken, EnvEmail, EnvAPIKey)
	case hasKeyPair && c.email == "":
		return nil, fmt.Errorf("zonexfer: an API key without an e-mail in %s: %s goes with %s", c.source, EnvAPIKey, EnvEmail)
	case hasKeyPair && c.key == "":
		return nil, fmt.Errorf("zonexfer: an e-mail without an API key in %s: %s goes with %s", c.source, EnvEmail, EnvAPIKey)
	}
	for name, v := range map[string]string{"API token": c.token, "e-mail": c.email, "API key": c.key} {
		if strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			// Name the field, never the value.
			return nil, fmt.Errorf("zonexfer: the %s from %s contains white space or control characters", name, c.source)
		}
	}
	return c, nil
}

// secrets lists the values that must never appear in logs or errors.
func (c *credentials) secrets() redact.Secrets {
	return redact.Secrets{c.token, c.key, c.email}
}

// editors returns the request editors that attach the credentials, built
// from oapi-codegen's securityprovider.
func (c *credentials) editors() ([]gen.RequestEditorFn, error) {
	if c.token != "" {
		p, err := securityprovider.NewSecurityProviderBearerToken(c.token)
		if err != nil {
			return nil, fmt.Errorf("zonexfer: %w", err)
		}
		return []gen.RequestEditorFn{p.Intercept}, nil
	}
	email, err := apiKeyHeader("X-Auth-Email", c.email)
	if err != nil {
		return nil, err
	}
	key, err := apiKeyHeader("X-Auth-Key", c.key)
	if err != nil {
		return nil, err
	}
	return []gen.RequestEditorFn{email, key}, nil
}

// apiKeyHeader wraps securityprovider's API-key provider, which uses
// Header.Add, so that a request edited twice still carries one value.
func apiKeyHeader(name, value string) (gen.RequestEditorFn, error) {
	p, err := securityprovider.NewSecurityProviderApiKey("header", name, value)
	if err != nil {
		return nil, fmt.Errorf("zonexfer: %w", err)
	}
	return func(ctx context.Context, req *http.Request) error {
		req.Header.Del(name)
		return p.Intercept(ctx, req)
	}, nil
}
