package contract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// DriftKind says which way a response drifted from the spec.
type DriftKind string

const (
	// Undeclared: the response has a field the spec does not declare. An
	// API addition: news, not breakage.
	Undeclared DriftKind = "undeclared"
	// Missing: the spec declares an optional field the response lacks.
	Missing DriftKind = "missing"
)

// Drift is one field on which a valid response and the spec disagree
// without either being wrong.
type Drift struct {
	Kind   DriftKind
	Source string
	Status int
	// Pointer is the field's JSON pointer; Pattern the same with array
	// indexes as "*".
	Pointer, Pattern string
}

// String formats the drift for a summary line.
func (d Drift) String() string {
	return fmt.Sprintf("%s field %s (HTTP %d, %s)", d.Kind, d.Pointer, d.Status, d.Source)
}

// Strictness says which drift fails the suite.
type Strictness int

const (
	// Lenient reports drift as warnings only (the default).
	Lenient Strictness = iota
	// StrictUndeclared fails on undeclared fields (CONTRACT_STRICT=1).
	StrictUndeclared
	// StrictAll fails on undeclared and on missing declared fields
	// (CONTRACT_STRICT=2).
	StrictAll
)

// ParseStrictness reads CONTRACT_STRICT's value.
func ParseStrictness(s string) (Strictness, error) {
	switch strings.TrimSpace(s) {
	case "", "0":
		return Lenient, nil
	case "1":
		return StrictUndeclared, nil
	case "2":
		return StrictAll, nil
	}
	return Lenient, fmt.Errorf("contract: CONTRACT_STRICT=%q: want 0, 1 (undeclared fields fail) or 2 (missing fields fail too)", s)
}

// Fails reports whether d fails the suite at this strictness.
func (s Strictness) Fails(d Drift) bool {
	return s == StrictAll || (s == StrictUndeclared && d.Kind == Undeclared)
}

// FindDrift lists the fields on which the exchange's response and the spec
// disagree: undeclared fields the response has, and declared optional ones
// it lacks. Only validated JSON bodies are examined.
func (v *Validator) FindDrift(x Exchange) []Drift {
	if x.body == nil {
		return nil
	}
	req, err := requestFor(x)
	if err != nil {
		return nil
	}
	route, err := v.FindRoute(req)
	if err != nil {
		return nil
	}
	_, schema := bodySchema(route.route.Operation, x.Status, x.ContentType)
	value, ok := decodeJSON(x.body)
	if schema == nil || !ok {
		return nil
	}
	var out []Drift
	walk(schema, value, "", "", func(n node) {
		obj, ok := n.value.(map[string]any)
		if !ok {
			return
		}
		props := properties(n.schema)
		if len(props) == 0 {
			return
		}
		extraAllowed := n.schema.AdditionalProperties.Has != nil && *n.schema.AdditionalProperties.Has
		for _, name := range sortedKeys(obj) {
			if _, declared := props[name]; !declared && !extraAllowed && n.schema.AdditionalProperties.Schema == nil {
				seg := escapeSegment(name)
				out = append(out, Drift{Kind: Undeclared, Source: x.Source, Status: x.Status, Pointer: n.pointer + "/" + seg, Pattern: n.pattern + "/" + seg})
			}
		}
		names := make([]string, 0, len(props))
		for name := range props {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if _, present := obj[name]; !present && !slices.Contains(n.schema.Required, name) {
				seg := escapeSegment(name)
				out = append(out, Drift{Kind: Missing, Source: x.Source, Status: x.Status, Pointer: n.pointer + "/" + seg, Pattern: n.pattern + "/" + seg})
			}
		}
	})
	return out
}
