package contract

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Mutant is one variant of a recorded response that breaks the spec on
// purpose. The validator must reject ("kill") every one of them.
type Mutant struct {
	Source string
	// Status is the status the variant was checked under.
	Status int
	// Pointer is where the variant differs from the original.
	Pointer string
	// Mutation says what was done ("wrong type: string", "below minimum 300").
	Mutation string
	// Killed reports that the validator rejected the variant with a
	// violation at (or around) Pointer.
	Killed bool
}

// String names the mutant.
func (m Mutant) String() string {
	return fmt.Sprintf("%s HTTP %d %s: %s", m.Source, m.Status, m.Pointer, m.Mutation)
}

// MutationResult is the outcome of a mutation run.
type MutationResult struct {
	Mutants []Mutant
}

// Score returns how many mutants were killed, out of how many.
func (r MutationResult) Score() (killed, total int) {
	for _, m := range r.Mutants {
		if m.Killed {
			killed++
		}
	}
	return killed, len(r.Mutants)
}

// Survivors lists the mutants the validator let through.
func (r MutationResult) Survivors() []Mutant {
	var out []Mutant
	for _, m := range r.Mutants {
		if !m.Killed {
			out = append(out, m)
		}
	}
	return out
}

// Mutate derives, from the spec itself, the variants of each valid
// recorded response that must be rejected, and checks each against the
// validator: every property given a wrong type, null where not nullable,
// each bound crossed (minimum, maximum, minLength, maxLength, minItems,
// maxItems), each enum and format violated, each required property removed,
// undeclared properties where the schema forbids them, an undeclared status
// and an undocumented content type. Arrays are mutated through their first
// item, so the cost grows with the schema, not with the data.
func (v *Validator) Mutate(xs []Exchange) MutationResult {
	return v.mutateAgainst(v, xs)
}

// mutateAgainst derives mutants from v's spec and checks them with check;
// tests use a weakened check to prove that survivors are caught.
func (v *Validator) mutateAgainst(check *Validator, xs []Exchange) MutationResult {
	var res MutationResult
	for _, x := range xs {
		if x.body == nil || len(x.Violations) != 0 {
			continue
		}
		req, err := requestFor(x)
		if err != nil {
			continue
		}
		route, err := v.FindRoute(req)
		if err != nil {
			continue
		}
		op := route.route.Operation
		res.Mutants = append(res.Mutants, check.envelopeMutants(req, x, op)...)
		_, schema := bodySchema(op, x.Status, x.ContentType)
		value, ok := decodeJSON(x.body)
		if schema == nil || !ok {
			continue
		}
		seenArrays := map[string]bool{}
		walk(schema, value, "", "", func(n node) {
			if strings.Contains(n.pattern, "*") && seenArrays[n.pattern] {
				return // mutate each array's first item only
			}
			seenArrays[n.pattern] = true
			for _, mu := range mutationsFor(n) {
				body, err := json.Marshal(apply(value, n.pointer, mu))
				if err != nil {
					continue
				}
				vs := check.CheckResponse(req, x.Status, x.header, body)
				res.Mutants = append(res.Mutants, Mutant{
					Source: x.Source, Status: x.Status, Pointer: displayPointer(n.pointer, mu.child),
					Mutation: mu.desc, Killed: killedAt(vs, n.pointer),
				})
			}
		})
	}
	return res
}

// envelopeMutants checks the response under an undeclared status and an
// undocumented content type.
func (v *Validator) envelopeMutants(req *http.Request, x Exchange, op *openapi3.Operation) []Mutant {
	var out []Mutant
	for _, st := range []int{201, 202, 204, 206, 226, 302, 303, 305} {
		if key, _ := documented(op, st); key == "" {
			vs := v.CheckResponse(req, st, x.header, x.body)
			out = append(out, Mutant{Source: x.Source, Status: st, Pointer: "", Mutation: fmt.Sprintf("undeclared status %d", st), Killed: hasIn(vs, "status")})
			break
		}
	}
	h := x.header.Clone()
	h.Set("Content-Type", "text/plain")
	if _, resp := documented(op, x.Status); resp != nil && resp.Content.Get("text/plain") == nil {
		vs := v.CheckResponse(req, x.Status, h, x.body)
		out = append(out, Mutant{Source: x.Source, Status: x.Status, Mutation: "undocumented content type text/plain", Killed: hasIn(vs, "content-type")})
	}
	return out
}

// mutation replaces the value at a pointer (or, with child set, acts on a
// member of the object there).
type mutation struct {
	desc   string
	child  string // member name for deletions and additions
	remove bool   // delete child
	value  any    // the new value (for child: the member's value)
}

func mutationsFor(n node) []mutation {
	s, val := n.schema, n.value
	var out []mutation
	if wrong, name, ok := wrongType(s); ok && val != nil {
		out = append(out, mutation{desc: "wrong type: " + name, value: wrong})
	}
	if !s.Nullable && val != nil {
		out = append(out, mutation{desc: "null where not nullable", value: nil})
	}
	if len(s.Enum) > 0 {
		out = append(out, mutation{desc: "not in enum", value: outsideEnum(s.Enum)})
	}
	if num, ok := val.(json.Number); ok {
		integer := s.Type.Is("integer")
		step := 1.0
		if !integer {
			step = 0.5
		}
		if s.Min != nil {
			below := *s.Min - step
			if s.ExclusiveMin.IsTrue() {
				below = *s.Min
			}
			out = append(out, mutation{desc: fmt.Sprintf("below minimum %v", *s.Min), value: jsonNumber(below)})
		}
		if s.Max != nil {
			above := *s.Max + step
			if s.ExclusiveMax.IsTrue() {
				above = *s.Max
			}
			out = append(out, mutation{desc: fmt.Sprintf("above maximum %v", *s.Max), value: jsonNumber(above)})
		}
		if integer {
			if f, err := num.Float64(); err == nil {
				out = append(out, mutation{desc: "fraction for an integer", value: jsonNumber(f + 0.5)})
			}
		}
	}
	if str, ok := val.(string); ok {
		if s.MinLength > 0 {
			r := []rune(str)
			out = append(out, mutation{desc: fmt.Sprintf("shorter than minLength %d", s.MinLength), value: string(r[:min(len(r), int(s.MinLength)-1)])})
		}
		if s.MaxLength != nil {
			out = append(out, mutation{desc: fmt.Sprintf("longer than maxLength %d", *s.MaxLength), value: strings.Repeat("a", int(*s.MaxLength)+1)})
		}
		switch s.Format {
		case "date-time", "date":
			out = append(out, mutation{desc: "not a " + s.Format, value: "not-a-" + s.Format})
		}
	}
	if arr, ok := val.([]any); ok {
		if s.MinItems > 0 {
			out = append(out, mutation{desc: fmt.Sprintf("fewer than minItems %d", s.MinItems), value: slices.Clone(arr[:min(len(arr), int(s.MinItems)-1)])})
		}
		if s.MaxItems != nil {
			out = append(out, mutation{desc: fmt.Sprintf("more than maxItems %d", *s.MaxItems), value: padItems(arr, int(*s.MaxItems)+1)})
		}
		if s.UniqueItems && len(arr) > 0 {
			out = append(out, mutation{desc: "duplicate item under uniqueItems", value: append(slices.Clone(arr), arr[0])})
		}
	}
	if obj, ok := val.(map[string]any); ok {
		for _, name := range s.Required {
			if _, present := obj[name]; present {
				out = append(out, mutation{desc: "required property removed", child: name, remove: true})
			}
		}
		if s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has {
			out = append(out, mutation{desc: "property the schema forbids", child: "mutant_undeclared", value: "x"})
		}
	}
	return out
}

// wrongType picks a value whose JSON type the schema does not permit.
func wrongType(s *openapi3.Schema) (any, string, bool) {
	if s.Type == nil || len(*s.Type) == 0 {
		return nil, "", false
	}
	candidates := []struct {
		value any
		name  string
		types []string
	}{
		{"mutant", "string", []string{"string"}},
		{json.Number("12345"), "number", []string{"integer", "number"}},
		{true, "boolean", []string{"boolean"}},
		{[]any{}, "array", []string{"array"}},
		{map[string]any{}, "object", []string{"object"}},
	}
	for _, c := range candidates {
		if !slices.ContainsFunc(c.types, s.Type.Includes) {
			return c.value, c.name, true
		}
	}
	return nil, "", false
}

func outsideEnum(enum []any) any {
	for _, candidate := range []any{"mutant-not-in-enum", false, true, json.Number("-987654321")} {
		if !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(candidate) }) {
			return candidate
		}
	}
	return map[string]any{"mutant": true}
}

func padItems(arr []any, n int) []any {
	out := slices.Clone(arr)
	filler := any("mutant")
	if len(arr) > 0 {
		filler = arr[0]
	}
	for len(out) < n {
		out = append(out, filler)
	}
	return out
}

func jsonNumber(f float64) json.Number {
	return json.Number(strconv.FormatFloat(f, 'f', -1, 64))
}

// apply returns a deep copy of root with the mutation carried out at
// pointer.
func apply(root any, pointer string, mu mutation) any {
	copied := deepCopy(root)
	var segs []string
	if pointer != "" {
		segs = strings.Split(pointer[1:], "/")
	}
	if mu.child != "" {
		parent := lookup(copied, segs).(map[string]any)
		if mu.remove {
			delete(parent, mu.child)
		} else {
			parent[mu.child] = mu.value
		}
		return copied
	}
	if len(segs) == 0 {
		return mu.value
	}
	container := lookup(copied, segs[:len(segs)-1])
	last := unescape(segs[len(segs)-1])
	switch c := container.(type) {
	case map[string]any:
		c[last] = mu.value
	case []any:
		i, _ := strconv.Atoi(last)
		c[i] = mu.value
	}
	return copied
}

func lookup(v any, segs []string) any {
	for _, seg := range segs {
		seg = unescape(seg)
		switch c := v.(type) {
		case map[string]any:
			v = c[seg]
		case []any:
			i, _ := strconv.Atoi(seg)
			v = c[i]
		}
	}
	return v
}

func unescape(seg string) string {
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
}

func deepCopy(v any) any {
	switch c := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(c))
		for k, e := range c {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(c))
		for i, e := range c {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

func displayPointer(pointer, child string) string {
	if child == "" {
		if pointer == "" {
			return "/"
		}
		return pointer
	}
	return pointer + "/" + escapeSegment(child)
}

// killedAt reports whether some body violation concerns pointer: the same
// value, one inside it, or one that contains it.
func killedAt(vs []Violation, pointer string) bool {
	for _, v := range vs {
		if v.In != "body" {
			continue
		}
		if v.Pointer == pointer || strings.HasPrefix(v.Pointer, pointer+"/") || strings.HasPrefix(pointer, v.Pointer+"/") || v.Pointer == "" || pointer == "" {
			return true
		}
	}
	return false
}

func hasIn(vs []Violation, in string) bool {
	for _, v := range vs {
		if v.In == in {
			return true
		}
	}
	return false
}
