// Package contract checks HTTP traffic against the hand-written OpenAPI
// document in api/openapi.yaml, with kin-openapi's openapi3filter.
//
// A Validator checks requests (route, path parameters, one complete set of
// credentials) and responses (documented status, content type, body), and
// reports every violation with the JSON pointer of the offending value. The
// recorded suite in this package's tests replays contract/testdata through
// the client; live mode runs the same checks against the real API; Transport
// applies them to any http.Client. Programs that only call the API never
// import this package: it exists for tests and opt-in transports.
package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/zonexfer/zonexfer/api"
)

func init() {
	// Cloudflare's edge answers 5xx with HTML pages, which the spec
	// documents as text/html strings; kin-openapi has no decoder for it.
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	// kin-openapi's default uniqueItems check JSON-encodes every item; for
	// arrays of strings (peers) comparing the strings is the same test at a
	// fraction of the cost.
	RegisterUniqueItemsChecker()
}

// RegisterUniqueItemsChecker installs this package's uniqueItems check in
// kin-openapi (the package does so when loaded); for code that replaced it.
func RegisterUniqueItemsChecker() { openapi3.RegisterArrayUniqueItemsChecker(uniqueItems) }

// uniqueItems reports whether no two items are equal as JSON values. Arrays
// of strings are compared directly; anything else by its JSON encoding, as
// kin-openapi does.
func uniqueItems(items []any) bool {
	seen := make(map[string]struct{}, len(items))
	allStrings := true
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			allStrings = false
			break
		}
		if _, dup := seen[s]; dup {
			return false
		}
		seen[s] = struct{}{}
	}
	if allStrings {
		return true
	}
	clear(seen)
	for _, it := range items {
		key, err := json.Marshal(it)
		if err != nil {
			return false
		}
		if _, dup := seen[string(key)]; dup {
			return false
		}
		seen[string(key)] = struct{}{}
	}
	return true
}

// Violation is one way a request or response breaks the contract.
type Violation struct {
	// In says what was checked: "request", "response", "status",
	// "header", "content-type" or "body".
	In string
	// Pointer is the JSON pointer of the offending value in the body
	// ("/result/auto_refresh_seconds"), or the parameter or header name.
	// For a property the spec does not allow, it points at the parent.
	Pointer string
	// Reason says what is wrong, without echoing the value.
	Reason string
}

// String formats the violation for a test log.
func (v Violation) String() string {
	if v.Pointer == "" {
		return v.In + ": " + v.Reason
	}
	return fmt.Sprintf("%s %s: %s", v.In, v.Pointer, v.Reason)
}

// Validator checks traffic against one OpenAPI document. It is safe for
// concurrent use; build it once (Default does) and share it.
type Validator struct {
	doc    *openapi3.T
	router routers.Router
}

var (
	defaultOnce      sync.Once
	defaultValidator *Validator
	defaultErr       error
)

// Default returns the Validator for the embedded api/openapi.yaml, loading
// and validating the document on first use only.
func Default() (*Validator, error) {
	defaultOnce.Do(func() { defaultValidator, defaultErr = New(api.Spec) })
	return defaultValidator, defaultErr
}

// New loads an OpenAPI 3.0 document, validates it (examples included) and
// builds a Validator for it. Routes match on the path below each server's
// base path, whatever the host, so the same checks apply to the real API, a
// recording or a local stand-in.
func New(spec []byte) (*Validator, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("contract: loading the spec: %w", err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("contract: the spec is invalid: %w", err)
	}
	// Route on a copy whose servers keep only their paths.
	routed := *doc
	routed.Servers = nil
	for _, s := range doc.Servers {
		u, err := url.Parse(s.URL)
		if err != nil {
			return nil, fmt.Errorf("contract: server %q: %w", s.URL, err)
		}
		routed.Servers = append(routed.Servers, &openapi3.Server{URL: u.Path})
	}
	router, err := gorillamux.NewRouter(&routed)
	if err != nil {
		return nil, fmt.Errorf("contract: building the router: %w", err)
	}
	return &Validator{doc: doc, router: router}, nil
}

// Doc returns the loaded document. Callers must not modify it.
func (v *Validator) Doc() *openapi3.T { return v.doc }

// Route identifies the operation a request matched.
type Route struct {
	// Method and Path are the operation's method and path template.
	Method, Path string
	// OperationID is the operation's operationId.
	OperationID string

	route  *routers.Route
	params map[string]string
}

// FindRoute matches a request to an operation of the spec.
func (v *Validator) FindRoute(req *http.Request) (*Route, error) {
	r, params, err := v.router.FindRoute(req)
	if err != nil {
		return nil, err
	}
	return &Route{Method: r.Method, Path: r.Path, OperationID: r.Operation.OperationID, route: r, params: params}, nil
}

// CheckRequest validates a request: that it matches an operation, its
// parameters, and that the credentials of one security alternative are
// present. The route is nil when no operation matched.
func (v *Validator) CheckRequest(req *http.Request) (*Route, []Violation) {
	route, err := v.FindRoute(req)
	if err != nil {
		return nil, []Violation{{In: "request", Pointer: req.Method + " " + req.URL.Path, Reason: "no operation in the spec: " + err.Error()}}
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: route.params,
		Route:      route.route,
		Options: &openapi3filter.Options{
			MultiError:         true,
			AuthenticationFunc: checkCredentials,
		},
	}
	err = openapi3filter.ValidateRequest(req.Context(), input)
	return route, violations("request", err)
}

// checkCredentials tells kin-openapi whether a security scheme's
// credentials are present. It checks presence and form, not validity: only
// the API can say whether a token is good.
func checkCredentials(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	h := in.RequestValidationInput.Request.Header
	s := in.SecurityScheme
	switch {
	case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"):
		auth := h.Get("Authorization")
		scheme, token, ok := strings.Cut(auth, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			return errors.New("no bearer token in Authorization")
		}
	case s.Type == "apiKey" && s.In == "header":
		if strings.TrimSpace(h.Get(s.Name)) == "" {
			return fmt.Errorf("no %s header", s.Name)
		}
	default:
		return fmt.Errorf("security scheme %q (%s) is not supported by the contract suite", in.SecuritySchemeName, s.Type)
	}
	return nil
}

// CheckResponse validates a response to req: its status must be documented,
// and its headers, content type and body must match. Every body violation
// is reported, each with its JSON pointer.
func (v *Validator) CheckResponse(req *http.Request, status int, header http.Header, body []byte) []Violation {
	route, err := v.FindRoute(req)
	if err != nil {
		return []Violation{{In: "request", Pointer: req.Method + " " + req.URL.Path, Reason: "no operation in the spec: " + err.Error()}}
	}
	if isRedirect(status) {
		// openapi3filter passes 301, 307 and 308 unchecked; the spec
		// documents no redirect, so report it here.
		if route.route.Operation.Responses.Status(status) == nil {
			return []Violation{{In: "status", Pointer: fmt.Sprint(status), Reason: "status is not documented"}}
		}
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    req,
			PathParams: route.params,
			Route:      route.route,
		},
		Status: status,
		Header: header,
		Body:   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			MultiError:            true,
			IncludeResponseStatus: true,
		},
	}
	return violations("response", openapi3filter.ValidateResponse(req.Context(), input))
}

func isRedirect(status int) bool { return status >= 300 && status < 400 }

// violations flattens kin-openapi's error tree into a sorted list.
func violations(in string, err error) []Violation {
	if err == nil {
		return nil
	}
	var out []Violation
	collect(in, err, &out)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Pointer != out[j].Pointer {
			return out[i].Pointer < out[j].Pointer
		}
		return out[i].Reason < out[j].Reason
	})
	return out
}

func collect(in string, err error, out *[]Violation) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, inner := range e {
			collect(in, inner, out)
		}
	case *openapi3filter.ResponseError:
		switch {
		case e.Reason == "status is not supported":
			*out = append(*out, Violation{In: "status", Pointer: fmt.Sprint(e.Input.Status), Reason: "status is not documented"})
		case strings.Contains(e.Reason, "Content-Type"):
			*out = append(*out, Violation{In: "content-type", Pointer: e.Input.Header.Get("Content-Type"), Reason: "not a documented content type for this status"})
		case strings.Contains(e.Reason, "header"):
			*out = append(*out, Violation{In: "header", Pointer: quoted(e.Reason), Reason: reasonOf(e.Reason, e.Err)})
		case e.Err != nil && isSchemaTree(e.Err):
			collect("body", e.Err, out)
		default:
			*out = append(*out, Violation{In: "body", Reason: reasonOf(e.Reason, e.Err)})
		}
	case *openapi3filter.RequestError:
		pointer := ""
		if e.Parameter != nil {
			pointer = e.Parameter.In + "/" + e.Parameter.Name
		}
		if e.Err != nil && isSchemaTree(e.Err) {
			var inner []Violation
			collect(in, e.Err, &inner)
			for _, v := range inner {
				v.Pointer = pointer + v.Pointer
				*out = append(*out, v)
			}
			return
		}
		*out = append(*out, Violation{In: in, Pointer: pointer, Reason: reasonOf(e.Reason, e.Err)})
	case *openapi3filter.SecurityRequirementsError:
		reasons := make([]string, 0, len(e.Errors))
		for _, inner := range e.Errors {
			reasons = append(reasons, inner.Error())
		}
		*out = append(*out, Violation{In: in, Pointer: "security", Reason: "no complete set of credentials: " + strings.Join(reasons, " | ")})
	case *openapi3.SchemaError:
		if e.Origin != nil && isSchemaTree(e.Origin) {
			collect(in, e.Origin, out)
			return
		}
		*out = append(*out, Violation{In: in, Pointer: pointerOf(e.JSONPointer()), Reason: e.Reason})
	default:
		*out = append(*out, Violation{In: in, Reason: err.Error()})
	}
}

// quoted returns the first double-quoted word of s: the header name in
// kin-openapi's header errors.
func quoted(s string) string {
	_, rest, ok := strings.Cut(s, `"`)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, `"`)
	return name
}

func isSchemaTree(err error) bool {
	switch err.(type) {
	case openapi3.MultiError, *openapi3.SchemaError:
		return true
	}
	return false
}

func reasonOf(reason string, err error) string {
	if err == nil {
		return reason
	}
	if reason == "" {
		return err.Error()
	}
	return reason + ": " + err.Error()
}

// pointerOf renders path segments as an RFC 6901 JSON pointer.
func pointerOf(path []string) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	for _, seg := range path {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(seg))
	}
	return b.String()
}
