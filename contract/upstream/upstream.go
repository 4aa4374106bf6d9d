// Package upstream compares api/openapi.yaml with Cloudflare's published
// OpenAPI document (the openapi.yaml of the cloudflare/api-schemas
// repository), operation by operation, using oasdiff as a library. Only the
// operations this project's spec covers are compared. Differences that are
// deliberate (a satisfiable failure envelope, integer types, ...) are listed
// with a reason in an allow-list, so that only new drift is news.
package upstream

import (
	_ "embed"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/flatten/allof"
	"github.com/oasdiff/oasdiff/load"
	"go.yaml.in/yaml/v3"
)

//go:embed allowlist.yaml
var defaultAllowList []byte

// DefaultAllowList returns the checked-in allow-list (allowlist.yaml).
func DefaultAllowList() (AllowList, error) { return ParseAllowList(defaultAllowList) }

// AllowRule accepts known, deliberate differences.
type AllowRule struct {
	// ID is oasdiff's check ID (e.g. "response-property-type-changed").
	ID string `yaml:"id"`
	// Path, if set, limits the rule to one path.
	Path string `yaml:"path,omitempty"`
	// Text, if set, must occur in the difference's description.
	Text string `yaml:"text,omitempty"`
	// Reason says why the difference is deliberate. Required.
	Reason string `yaml:"reason"`
}

// AllowList is the checked-in list of deliberate differences.
type AllowList []AllowRule

// ParseAllowList reads an allow-list (YAML, a list of rules).
func ParseAllowList(b []byte) (AllowList, error) {
	var l AllowList
	if err := yaml.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("upstream: allow-list: %w", err)
	}
	for i, r := range l {
		if r.ID == "" || strings.TrimSpace(r.Reason) == "" {
			return nil, fmt.Errorf("upstream: allow-list rule %d needs an id and a reason", i+1)
		}
	}
	return l, nil
}

func (l AllowList) match(d Difference) *AllowRule {
	for i, r := range l {
		if r.ID == d.ID && (r.Path == "" || r.Path == d.Path) && strings.Contains(d.Text, r.Text) {
			return &l[i]
		}
	}
	return nil
}

// Difference is one way upstream's operation differs from ours, read as a
// change from our spec to upstream's.
type Difference struct {
	ID       string
	Level    string // "error" (breaking), "warning" or "info"
	Breaking bool
	Method   string
	Path     string
	Text     string
	// Allowed is the allow-list rule that accepts the difference, if any.
	Allowed *AllowRule
}

// String formats the difference for a report line.
func (d Difference) String() string {
	return fmt.Sprintf("[%s] %s %s: %s (%s)", d.Level, d.Method, d.Path, d.Text, d.ID)
}

// Result is the outcome of a comparison.
type Result struct {
	// Operations are the compared operations, as "GET /path".
	Operations  []string
	Differences []Difference
}

// News returns the differences no allow-list rule accepts.
func (r *Result) News() []Difference {
	var out []Difference
	for _, d := range r.Differences {
		if d.Allowed == nil {
			out = append(out, d)
		}
	}
	return out
}

// Report formats the result: breaking and non-breaking differences, each
// marked new or allowed.
func (r *Result) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "upstream-diff: compared %s\n", strings.Join(r.Operations, ", "))
	for _, breaking := range []bool{true, false} {
		title := "non-breaking"
		if breaking {
			title = "breaking"
		}
		var lines []string
		for _, d := range r.Differences {
			if d.Breaking != breaking {
				continue
			}
			mark := "NEW    "
			if d.Allowed != nil {
				mark = "allowed"
			}
			lines = append(lines, fmt.Sprintf("  %s %s", mark, d))
		}
		fmt.Fprintf(&b, "upstream-diff: %d %s differences\n", len(lines), title)
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	fmt.Fprintf(&b, "upstream-diff: %d new (not in the allow-list)\n", len(r.News()))
	return b.String()
}

// Compare diffs the operations of ours against the same operations in
// upstream. Both documents are loaded with kin-openapi and flattened with
// oasdiff's allOf merging, without which changes inside upstream's allOf
// envelopes would surface only as warnings.
func Compare(ours, upstream []byte, allow AllowList) (*Result, error) {
	oursDoc, err := loadDoc(ours, "ours")
	if err != nil {
		return nil, err
	}
	upDoc, err := loadDoc(upstream, "upstream")
	if err != nil {
		return nil, err
	}
	ops := operations(oursDoc)
	restrict(upDoc, ops)
	restrict(oursDoc, ops)
	dropReusableComponents(upDoc)
	dropReusableComponents(oursDoc)
	unsatisfiable := repairUnsatisfiable(upDoc)

	loader := openapi3.NewLoader()
	infos := []*load.SpecInfo{
		{Spec: oursDoc, Source: load.NewFileSource("api/openapi.yaml")},
		{Spec: upDoc, Source: load.NewFileSource("upstream")},
	}
	if infos, err = load.WithFlattenAllOf()(loader, infos); err != nil {
		return nil, fmt.Errorf("upstream: flattening allOf: %w", err)
	}
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), infos[0], infos[1])
	if err != nil {
		return nil, fmt.Errorf("upstream: diff: %w", err)
	}
	changes := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, sources, checker.INFO)
	localize := checker.NewDefaultLocalizer()
	res := &Result{Differences: unsatisfiable}
	for _, name := range ops {
		res.Operations = append(res.Operations, name)
	}
	sort.Strings(res.Operations)
	for i := range res.Differences {
		res.Differences[i].Allowed = allow.match(res.Differences[i])
	}
	for _, c := range changes {
		diff := Difference{
			ID:       c.GetId(),
			Level:    levelName(c.GetLevel()),
			Breaking: c.IsBreaking(),
			Method:   c.GetOperation(),
			Path:     c.GetPath(),
			Text:     c.GetUncolorizedText(localize),
		}
		diff.Allowed = allow.match(diff)
		res.Differences = append(res.Differences, diff)
	}
	sort.SliceStable(res.Differences, func(i, j int) bool {
		a, b := res.Differences[i], res.Differences[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Text < b.Text
	})
	return res, nil
}

// UnsatisfiableID is the ID of the difference reported for an upstream
// response schema that no value can satisfy.
const UnsatisfiableID = "upstream-response-schema-unsatisfiable"

// repairUnsatisfiable finds response schemas whose allOf cannot be merged
// (upstream's 4XX demands success to be both true and false), reports each,
// and replaces it by its last allOf member so the rest can be compared.
func repairUnsatisfiable(doc *openapi3.T) []Difference {
	var out []Difference
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Responses == nil {
				continue
			}
			for status, ref := range op.Responses.Map() {
				if ref.Value == nil {
					continue
				}
				for mt, media := range ref.Value.Content {
					if media.Schema == nil || media.Schema.Value == nil || len(media.Schema.Value.AllOf) < 2 {
						continue
					}
					if _, err := allof.Merge(*media.Schema); err != nil {
						members := media.Schema.Value.AllOf
						out = append(out, Difference{
							ID: UnsatisfiableID, Level: "error", Breaking: true, Method: method, Path: path,
							Text: fmt.Sprintf("upstream's %s %s response schema is an allOf no value satisfies (%v); compared against its last member", status, mt, err),
						})
						media.Schema = members[len(members)-1]
					}
				}
			}
		}
	}
	return out
}

func levelName(l checker.Level) string {
	switch l {
	case checker.ERR:
		return "error"
	case checker.WARN:
		return "warning"
	}
	return "info"
}

func loadDoc(b []byte, name string) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromDataWithPath(b, &url.URL{Path: name})
	if err != nil {
		return nil, fmt.Errorf("upstream: loading %s: %w", name, err)
	}
	return doc, nil
}

// operation names an operation by method and path template, with the
// parameter names left out: upstream has called zone_id zone_identifier.
type operation struct{ method, path string }

func operationOf(method, path string) operation {
	return operation{method, paramName.ReplaceAllString(path, "{}")}
}

var paramName = regexp.MustCompile(`\{[^}]*\}`)

// operations lists doc's operations, keyed by operationOf, each with the
// path as doc writes it.
func operations(doc *openapi3.T) map[operation]string {
	out := map[operation]string{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			out[operationOf(method, path)] = method + " " + path
		}
	}
	return out
}

// dropReusableComponents forgets the named components other than the
// security schemes. Their $refs are already resolved into the operations,
// which is where they are compared; by name they would only report that
// the two documents call their schemas differently (and upstream's
// thousands of schemas would drown the report).
func dropReusableComponents(doc *openapi3.T) {
	if doc.Components == nil {
		return
	}
	*doc.Components = openapi3.Components{SecuritySchemes: doc.Components.SecuritySchemes}
}

// restrict drops every path and method of doc that ops does not name.
func restrict(doc *openapi3.T, ops map[operation]string) {
	kept := openapi3.NewPaths()
	for path, item := range doc.Paths.Map() {
		keep := false
		for method := range item.Operations() {
			if _, ok := ops[operationOf(method, path)]; ok {
				keep = true
			} else {
				item.SetOperation(method, nil)
			}
		}
		if keep {
			kept.Set(path, item)
		}
	}
	doc.Paths = kept
}
