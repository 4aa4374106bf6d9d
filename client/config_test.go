package client

import (
	"errors"
	"strings"
	"testing"
)

func TestNewResolvesCredentialsAndBaseURL(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		opts    []Option
		wantErr string // substring; "" means success
		wantIs  error
	}{
		{name: "token from the environment", env: map[string]string{EnvAPIToken: "tok-1234"}},
		{name: "e-mail and key from the environment", env: map[string]string{EnvEmail: "a@example.com", EnvAPIKey: "key-1234"}},
		{name: "neither", env: nil, wantIs: ErrNoCredentials},
		{name: "both in the environment", env: map[string]string{EnvAPIToken: "tok-1234", EnvEmail: "a@example.com", EnvAPIKey: "key-1234"}, wantErr: "not both"},
		{name: "token and a stray e-mail", env: map[string]string{EnvAPIToken: "tok-1234", EnvEmail: "a@example.com"}, wantErr: "not both"},
		{name: "e-mail without key", env: map[string]string{EnvEmail: "a@example.com"}, wantErr: "without an API key"},
		{name: "key without e-mail", env: map[string]string{EnvAPIKey: "key-1234"}, wantErr: "without an e-mail"},
		{name: "option replaces the environment", env: map[string]string{EnvEmail: "a@example.com"}, opts: []Option{WithAPIToken("tok-1234")}},
		{name: "both options", opts: []Option{WithAPIToken("tok-1234"), WithAPIKey("a@example.com", "key-1234")}, wantErr: "given twice"},
		{name: "empty token option", opts: []Option{WithAPIToken("")}, wantIs: ErrNoCredentials},
		{name: "half a key pair by option", opts: []Option{WithAPIKey("a@example.com", "")}, wantErr: "without an API key"},
		{name: "token with a newline", opts: []Option{WithAPIToken("tok-1234\r\nX-Evil: 1")}, wantErr: "control characters"},
		{name: "base URL from the environment", env: map[string]string{EnvAPIToken: "tok-1234", EnvBaseURL: "http://127.0.0.1:9/client/v4"}},
		{name: "bad base URL", env: map[string]string{EnvAPIToken: "tok-1234", EnvBaseURL: "ftp://example.com"}, wantErr: "base URL"},
		{name: "relative base URL", opts: []Option{WithAPIToken("tok-1234"), WithBaseURL("/client/v4")}, wantErr: "base URL"},
		{name: "zero attempts", opts: []Option{WithAPIToken("tok-1234"), WithMaxAttempts(0)}, wantErr: "at least 1"},
		{name: "inverted waits", opts: []Option{WithAPIToken("tok-1234"), WithRetryWait(2, 1)}, wantErr: "min <= max"},
		{name: "zero timeout", opts: []Option{WithAPIToken("tok-1234"), WithAttemptTimeout(0)}, wantErr: "positive"},
		{name: "zero body cap", opts: []Option{WithAPIToken("tok-1234"), WithMaxBodyBytes(0)}, wantErr: "at least 1"},
		{name: "nil transport", opts: []Option{WithAPIToken("tok-1234"), WithTransport(nil)}, wantErr: "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := func(k string) string { return tt.env[k] }
			c, err := New(append([]Option{withEnv(env)}, tt.opts...)...)
			switch {
			case tt.wantErr == "" && tt.wantIs == nil:
				if err != nil || c == nil {
					t.Fatalf("New = %v, %v; want a client", c, err)
				}
			case err == nil:
				t.Fatalf("New succeeded; want an error")
			case tt.wantIs != nil && !errors.Is(err, tt.wantIs):
				t.Errorf("err = %v; want %v", err, tt.wantIs)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("err = %q; want it to mention %q", err, tt.wantErr)
			}
			if err != nil {
				for _, secret := range []string{"tok-1234", "key-1234"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the error %q shows a secret", err)
					}
				}
			}
		})
	}
}

func TestBaseURLPrecedence(t *testing.T) {
	env := map[string]string{EnvAPIToken: "tok-1234", EnvBaseURL: "http://127.0.0.1:9/from-env"}
	tests := []struct {
		name string
		env  map[string]string
		opts []Option
		want string
	}{
		{"default", map[string]string{EnvAPIToken: "tok-1234"}, nil, DefaultBaseURL + "/"},
		{"environment", env, nil, "http://127.0.0.1:9/from-env/"},
		{"option beats environment", env, []Option{WithBaseURL("http://127.0.0.1:9/from-option/")}, "http://127.0.0.1:9/from-option/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(append([]Option{withEnv(func(k string) string { return tt.env[k] })}, tt.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			if c.api.Server != tt.want {
				t.Errorf("server = %q, want %q", c.api.Server, tt.want)
			}
		})
	}
}
