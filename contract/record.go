package contract

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/recorder"

	"github.com/zonexfer/zonexfer/internal/redact"
)

// matchMethodAndPath matches a request to a recorded one by method and path
// only: recordings hold redacted credentials and a fixed host, so headers
// and hosts cannot match.
func matchMethodAndPath(r *http.Request, i cassette.Request) bool {
	if r.Method != i.Method {
		return false
	}
	p := i.URL
	if k := strings.Index(p, "://"); k >= 0 {
		p = p[k+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		}
	}
	p, _, _ = strings.Cut(p, "?")
	return p == r.URL.EscapedPath()
}

// newReplayer replays the recording at path (without ".yaml") and never
// touches the network.
func newReplayer(path string) (*recorder.Recorder, error) {
	return recorder.New(path,
		recorder.WithMode(recorder.ModeReplayOnly),
		recorder.WithMatcher(matchMethodAndPath),
		recorder.WithSkipRequestLatency(true),
	)
}

// newRecorder records what real sends into path (without ".yaml"), with
// credentials redacted before anything is kept.
func newRecorder(path string, real http.RoundTripper, secrets redact.Secrets) (*recorder.Recorder, error) {
	return recorder.New(path,
		recorder.WithMode(recorder.ModeRecordOnly),
		recorder.WithRealTransport(real),
		recorder.WithHook(redactInteraction(secrets), recorder.AfterCaptureHook),
	)
}

// redactInteraction masks credential headers (by name) and the given
// secrets (wherever they occur) in a captured interaction. go-vcr hands the
// hook the caller's own header map, so the hook replaces the maps instead of
// editing them: the caller's request is left as it was.
func redactInteraction(secrets redact.Secrets) recorder.HookFunc {
	scrubHeader := func(h http.Header) http.Header {
		out := redact.Header(h)
		for name, vs := range out {
			for i := range vs {
				vs[i] = secrets.String(vs[i])
			}
			out[name] = vs
		}
		return out
	}
	return func(i *cassette.Interaction) error {
		i.Request.Headers = scrubHeader(i.Request.Headers)
		i.Request.Trailer = scrubHeader(i.Request.Trailer)
		i.Request.URL = secrets.String(i.Request.URL)
		i.Request.RequestURI = secrets.String(i.Request.RequestURI)
		i.Request.Body = secrets.String(i.Request.Body)
		i.Request.Form = nil
		i.Response.Headers = scrubHeader(i.Response.Headers)
		i.Response.Trailer = scrubHeader(i.Response.Trailer)
		i.Response.Body = secrets.String(i.Response.Body)
		return nil
	}
}

// annotateRecording puts a provenance line on top of a recording that
// go-vcr wrote.
func annotateRecording(file, baseURL string, at time.Time) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	head := fmt.Sprintf("# Recorded by the contract suite from %s on %s.\n"+
		"# Credentials (Authorization, X-Auth-Key, X-Auth-Email, cookies) are redacted.\n",
		baseURL, at.UTC().Format(time.RFC3339))
	return os.WriteFile(file, append([]byte(head), b...), 0o644)
}
