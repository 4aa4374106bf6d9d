package contract

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/zonexfer/zonexfer/api"
)

var jsonHeader = http.Header{"Content-Type": {"application/json"}}

const zoneURL = "https://api.cloudflare.com/client/v4/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/incoming"

func mustDefault(t *testing.T) *Validator {
	t.Helper()
	v, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// replayed returns the exchanges of the shipped recordings.
func replayed(t *testing.T, v *Validator) []Exchange {
	t.Helper()
	xs, err := ReplayDir(context.Background(), v, "testdata")
	if err != nil {
		t.Fatal(err)
	}
	return xs
}

func exchange(status int, header http.Header, body string) Exchange {
	return Exchange{Source: "test", Method: http.MethodGet, URL: zoneURL, Status: status,
		ContentType: header.Get("Content-Type"), header: header, body: []byte(body)}
}

func TestFindDrift(t *testing.T) {
	v := mustDefault(t)
	x := exchange(200, jsonHeader, `{"success":true,"errors":[],"messages":[],"result":{"id":"a","name":"x.","soa_serial":1,
		"auto_refresh_seconds":300,"checked_time":"2019-10-24T17:09:42.883908+01:00","created_time":"2019-10-24T17:09:42Z",
		"modified_time":"2019-10-24T17:09:42Z","peers":[],"brand_new":true},"extra_envelope":1}`)
	drift := v.FindDrift(x)
	want := map[string]DriftKind{"/result/brand_new": Undeclared, "/extra_envelope": Undeclared}
	got := map[string]DriftKind{}
	for _, d := range drift {
		got[d.Pointer] = d.Kind
	}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("drift at %s = %q, want %q (all: %v)", p, got[p], k, drift)
		}
	}
	if len(drift) != len(want) {
		t.Errorf("drift = %v; want exactly %v", drift, want)
	}

	sparse := exchange(200, jsonHeader, `{"success":true,"errors":[],"messages":[],"result":{"soa_serial":1}}`)
	missing := map[string]bool{}
	for _, d := range v.FindDrift(sparse) {
		if d.Kind == Missing {
			missing[d.Pointer] = true
		}
	}
	for _, p := range []string{"/result/peers", "/result/name", "/result/checked_time"} {
		if !missing[p] {
			t.Errorf("missing field %s not reported; got %v", p, missing)
		}
	}
}

func TestStrictnessDecidesWhatFails(t *testing.T) {
	v := mustDefault(t)
	xs := []Exchange{exchange(200, jsonHeader, `{"success":true,"errors":[],"messages":[],"result":{"soa_serial":1,"brand_new":1}}`)}
	tests := []struct {
		strict            string
		undeclared, missg bool
	}{
		{"", false, false}, {"0", false, false}, {"1", true, false}, {"2", true, true},
	}
	for _, tt := range tests {
		s, err := ParseStrictness(tt.strict)
		if err != nil {
			t.Fatal(err)
		}
		r := &Report{Exchanges: xs, opts: RunOptions{Strictness: s}}
		r.Analyse(v)
		failures := strings.Join(r.Failures(), "\n")
		if got := strings.Contains(failures, "undeclared field /result/brand_new"); got != tt.undeclared {
			t.Errorf("CONTRACT_STRICT=%q: undeclared fails = %v, want %v\n%s", tt.strict, got, tt.undeclared, failures)
		}
		if got := strings.Contains(failures, "missing field /result/peers"); got != tt.missg {
			t.Errorf("CONTRACT_STRICT=%q: missing fails = %v, want %v", tt.strict, got, tt.missg)
		}
		if !strings.Contains(r.Summary(), "undeclared /result/brand_new") {
			t.Errorf("the summary does not warn about /result/brand_new:\n%s", r.Summary())
		}
	}
	if _, err := ParseStrictness("yes"); err == nil {
		t.Error("ParseStrictness(yes) succeeded")
	}
}

func TestMutationKillsEverythingTheSpecForbids(t *testing.T) {
	v := mustDefault(t)
	xs := replayed(t, v)
	res := v.Mutate(xs)
	killed, total := res.Score()
	if total < 100 || killed != total {
		t.Fatalf("mutation score %d/%d; survivors: %v", killed, total, res.Survivors())
	}
	// The mutants come from the spec's constraints: spot-check a few.
	want := []string{
		"/result/auto_refresh_seconds: below minimum 300",
		"/result/soa_serial: above maximum 4.294967295e+09",
		"/result/soa_serial: wrong type: string",
		"/result/peers: wrong type: string",
		"/success: not in enum",
		"/success: required property removed",
		"/errors: fewer than minItems 1",
		"/result: not in enum",
		"/result/checked_time: not a date-time",
		"undeclared status 201",
		"undocumented content type text/plain",
	}
	all := make([]string, 0, len(res.Mutants))
	for _, m := range res.Mutants {
		all = append(all, m.Pointer+": "+m.Mutation)
	}
	joined := strings.Join(all, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) && !strings.Contains(joined, strings.TrimPrefix(w, "/: ")) {
			t.Errorf("no mutant %q among:\n%s", w, joined)
		}
	}
}

// TestSurvivorsAreNamedAndFail weakens the validator (a spec whose
// auto_refresh_seconds has no minimum, used to check mutants derived from
// the real spec) and expects the survivor to be named and to fail the run.
func TestSurvivorsAreNamedAndFail(t *testing.T) {
	weak, err := New([]byte(strings.Replace(string(api.Spec), "          minimum: 300\n", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	strong := mustDefault(t)
	xs := []Exchange{exchange(200, jsonHeader, `{"success":true,"errors":[],"messages":[],"result":{"auto_refresh_seconds":86400}}`)}
	res := strong.mutateAgainst(weak, xs)
	var names []string
	for _, m := range res.Survivors() {
		names = append(names, m.String())
	}
	if len(names) != 1 || !strings.Contains(names[0], "/result/auto_refresh_seconds: below minimum 300") {
		t.Fatalf("survivors = %v; want the auto_refresh_seconds minimum", names)
	}
	r := &Report{Exchanges: xs, Mutation: res}
	if f := strings.Join(r.Failures(), "\n"); !strings.Contains(f, "mutant survived") {
		t.Errorf("a survivor did not fail the run: %q", f)
	}
	if !strings.Contains(r.Summary(), "SURVIVED") {
		t.Error("the summary does not name the survivor")
	}
}

// TestMutationFollowsTheSpecAsItGrows: a new operation gets its mutants
// without any change to the mutation code.
func TestMutationFollowsTheSpecAsItGrows(t *testing.T) {
	grown := strings.Replace(string(api.Spec), "components:\n", `  /zones/{zone_id}/secondary_dns/outgoing:
    get:
      operationId: getOutgoing
      parameters:
        - $ref: '#/components/parameters/ZoneID'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [state]
                properties:
                  state:
                    type: string
                    enum: [enabled, disabled]
                  label:
                    type: string
                    maxLength: 8
                  weights:
                    type: array
                    maxItems: 2
                    items:
                      type: integer
                      minimum: 1
components:
`, 1)
	v, err := New([]byte(grown))
	if err != nil {
		t.Fatal(err)
	}
	x := exchange(200, jsonHeader, `{"state":"enabled","label":"abc","weights":[1,2]}`)
	x.URL = strings.Replace(zoneURL, "incoming", "outgoing", 1)
	res := v.Mutate([]Exchange{x})
	killed, total := res.Score()
	if total < 10 || killed != total {
		t.Fatalf("score %d/%d on the new operation; survivors %v", killed, total, res.Survivors())
	}
	cov := v.Coverage([]Exchange{x})
	if len(cov.Operations) != 2 {
		t.Errorf("coverage lists %d operations, want 2", len(cov.Operations))
	}
}

func TestCoverage(t *testing.T) {
	v := mustDefault(t)
	xs := replayed(t, v)
	cov := v.Coverage(xs)
	uncovered := cov.UncoveredStatuses()
	if strings.Join(uncovered, ",") != "getSecondaryZoneConfiguration 4XX" {
		t.Errorf("uncovered = %v; want only 4XX (the recordings have 200, 400, 403, 429, 502)", uncovered)
	}
	text := cov.String()
	for _, want := range []string{"statuses 5/6", "4XX (never)", "never carried"} {
		if !strings.Contains(text, want) {
			t.Errorf("coverage report lacks %q:\n%s", want, text)
		}
	}
	r := &Report{Exchanges: xs, opts: RunOptions{RequireStatusCoverage: true}}
	r.Analyse(v)
	if f := strings.Join(r.Failures(), "\n"); !strings.Contains(f, "never exercised: getSecondaryZoneConfiguration 4XX") {
		t.Errorf("CONTRACT_REQUIRE_COVERAGE did not fail on 4XX: %q", f)
	}
	// One 404 covers 4XX.
	more := append(xs, exchange(404, jsonHeader, `{"success":false,"errors":[{"code":1,"message":"x"}],"messages":[],"result":null}`))
	if u := v.Coverage(more).UncoveredStatuses(); len(u) != 0 {
		t.Errorf("uncovered = %v after a 404", u)
	}
}

func TestUniqueItems(t *testing.T) {
	tests := []struct {
		items []any
		want  bool
	}{
		{nil, true},
		{[]any{"a", "b"}, true},
		{[]any{"a", "a"}, false},
		{[]any{"a", 1.0, "b"}, true},
		{[]any{1.0, 1.0}, false},
		{[]any{map[string]any{"x": 1.0}, map[string]any{"x": 1.0}}, false},
		{[]any{"1", 1.0}, true},
	}
	for _, tt := range tests {
		if got := uniqueItems(tt.items); got != tt.want {
			t.Errorf("uniqueItems(%v) = %v, want %v", tt.items, got, tt.want)
		}
	}
	v := mustDefault(t)
	req, _ := http.NewRequest(http.MethodGet, zoneURL, nil)
	dup := `{"success":true,"errors":[],"messages":[],"result":{"peers":["23ff594956f20c2a721606e94745a8aa","23ff594956f20c2a721606e94745a8aa"]}}`
	vs := v.CheckResponse(req, 200, jsonHeader, []byte(dup))
	if len(vs) != 1 || vs[0].Pointer != "/result/peers" {
		t.Errorf("duplicate peers: %v", vs)
	}
}
