package upstream

import (
	"os"
	"strings"
	"testing"

	"github.com/zonexfer/zonexfer/api"
)

func compareFixture(t *testing.T, name string) *Result {
	t.Helper()
	up, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	allow, err := DefaultAllowList()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compare(api.Spec, up, allow)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestKnownDifferencesAreAllowed: against a document shaped like
// Cloudflare's, every difference is a deliberate one from the allow-list.
func TestKnownDifferencesAreAllowed(t *testing.T) {
	res := compareFixture(t, "cloudflare-like.yaml")
	if len(res.Differences) < 10 {
		t.Fatalf("only %d differences found; the comparison is not looking", len(res.Differences))
	}
	if news := res.News(); len(news) != 0 {
		t.Errorf("new differences against the known upstream shape:\n%s", res.Report())
	}
	if strings.Join(res.Operations, ",") != "GET /zones/{zone_id}/secondary_dns/incoming" {
		t.Errorf("compared %v; upstream's other operations must be left out", res.Operations)
	}
	var unsat bool
	for _, d := range res.Differences {
		unsat = unsat || d.ID == UnsatisfiableID
	}
	if !unsat {
		t.Error("upstream's unsatisfiable 4XX allOf was not reported")
	}
}

// TestNewDriftIsNews: changes upstream makes beyond the known ones are
// reported as new, and only those.
func TestNewDriftIsNews(t *testing.T) {
	res := compareFixture(t, "cloudflare-drifted.yaml")
	news := res.News()
	var texts []string
	for _, d := range news {
		texts = append(texts, d.String())
	}
	joined := strings.Join(texts, "\n")
	for _, want := range []string{"result/peers/items", "view"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the drift in %q is not news; news:\n%s", want, joined)
		}
	}
	for _, d := range news {
		if !strings.Contains(d.Text, "peers") && !strings.Contains(d.Text, "view") {
			t.Errorf("unexpected news: %s", d)
		}
	}
	if !strings.Contains(res.Report(), "NEW") {
		t.Error("the report does not mark news")
	}
}

func TestAllowListNeedsReasons(t *testing.T) {
	if _, err := ParseAllowList([]byte("- id: x\n")); err == nil {
		t.Error("a rule without a reason was accepted")
	}
	l, err := DefaultAllowList()
	if err != nil || len(l) == 0 {
		t.Fatalf("DefaultAllowList = %v, %v", l, err)
	}
}

// TestPathParameterNamesDoNotMatter: older upstream documents call the
// parameter zone_identifier; the operation must still be found and compared.
func TestPathParameterNamesDoNotMatter(t *testing.T) {
	up, err := os.ReadFile("testdata/cloudflare-like.yaml")
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.ReplaceAll(string(up), "zone_id", "zone_identifier")
	allow, _ := DefaultAllowList()
	res, err := Compare(api.Spec, []byte(renamed), allow)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Differences {
		if strings.Contains(d.ID, "path-removed") || strings.Contains(d.ID, "endpoint-removed") {
			t.Fatalf("the operation was not matched: %s", d)
		}
	}
	if len(res.Differences) < 10 {
		t.Fatalf("only %d differences: the operation was not compared\n%s", len(res.Differences), res.Report())
	}
}
