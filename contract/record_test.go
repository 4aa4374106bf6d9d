package contract

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonexfer/zonexfer/internal/redact"
)

// TestRecordingLeavesTheCallersHeadersAlone: go-vcr hands its hooks the
// caller's own header map; redaction must not rewrite it.
func TestRecordingLeavesTheCallersHeadersAlone(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "__cf_bm=secret-cookie-value")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "rec")
	rec, err := newRecorder(path, http.DefaultTransport, redact.Secrets{"tok-abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
	req.Header.Set("Authorization", "Bearer tok-abcdef")
	req.Header.Set("X-Auth-Email", "me@example.com")
	req.Header.Set("X-Auth-Key", "key-abcdef")
	req.Header.Set("Cookie", "__cf_bm=abc")
	before := req.Header.Clone()
	resp, err := rec.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := rec.Stop(); err != nil {
		t.Fatal(err)
	}
	for name := range before {
		if req.Header.Get(name) != before.Get(name) {
			t.Errorf("the caller's %s changed from %q to %q", name, before.Get(name), req.Header.Get(name))
		}
	}
	saved, err := os.ReadFile(path + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"tok-abcdef", "me@example.com", "key-abcdef", "__cf_bm=abc", "secret-cookie-value"} {
		if strings.Contains(string(saved), secret) {
			t.Errorf("the recording contains %q", secret)
		}
	}
}
