package contract

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"sort"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

// documented finds the response the spec documents for status, with the
// key it is documented under ("200", "4XX", "default"), or "" if none.
func documented(op *openapi3.Operation, status int) (string, *openapi3.Response) {
	if op == nil || op.Responses == nil {
		return "", nil
	}
	st := strconv.Itoa(status)
	candidates := []string{st}
	if status >= 100 && status < 600 {
		candidates = append(candidates, st[:1]+"XX")
	}
	candidates = append(candidates, "default")
	for _, key := range candidates {
		if ref := op.Responses.Value(key); ref != nil && ref.Value != nil {
			return key, ref.Value
		}
	}
	return "", nil
}

// bodySchema returns the schema of the documented JSON body for a response,
// or nil when the response is undocumented or not JSON.
func bodySchema(op *openapi3.Operation, status int, contentType string) (string, *openapi3.Schema) {
	key, resp := documented(op, status)
	if resp == nil {
		return key, nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return key, nil
	}
	media := resp.Content.Get(mt)
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return key, nil
	}
	if mt != "application/json" {
		return key, nil
	}
	return key, media.Schema.Value
}

// decodeJSON decodes a body with numbers kept exact.
func decodeJSON(body []byte) (any, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}

// node is one value met while walking a body alongside its schema.
type node struct {
	pointer string // concrete: /errors/0/code
	pattern string // generic: /errors/*/code
	schema  *openapi3.Schema
	value   any
}

// properties merges the properties of a schema and of its allOf, anyOf and
// oneOf members: composed schemas are judged as a whole.
func properties(s *openapi3.Schema) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	var add func(*openapi3.Schema, int)
	add = func(s *openapi3.Schema, depth int) {
		if s == nil || depth > 8 {
			return
		}
		for name, ref := range s.Properties {
			if ref != nil && ref.Value != nil {
				if _, dup := out[name]; !dup {
					out[name] = ref.Value
				}
			}
		}
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, ref := range group {
				if ref != nil {
					add(ref.Value, depth+1)
				}
			}
		}
	}
	add(s, 0)
	return out
}

// itemsOf returns the schema of an array's items, looking into composed
// schemas too.
func itemsOf(s *openapi3.Schema) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if s.Items != nil && s.Items.Value != nil {
		return s.Items.Value
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
		for _, ref := range group {
			if ref != nil {
				if it := itemsOf(ref.Value); it != nil {
					return it
				}
			}
		}
	}
	return nil
}

// walk visits value and everything inside it that the schema describes,
// depth first, in a stable order. Undeclared members are not visited.
func walk(s *openapi3.Schema, value any, pointer, pattern string, visit func(node)) {
	if s == nil {
		return
	}
	visit(node{pointer: pointer, pattern: pattern, schema: s, value: value})
	switch v := value.(type) {
	case map[string]any:
		props := properties(s)
		for _, name := range sortedKeys(v) {
			if ps, ok := props[name]; ok {
				seg := escapeSegment(name)
				walk(ps, v[name], pointer+"/"+seg, pattern+"/"+seg, visit)
			}
		}
	case []any:
		items := itemsOf(s)
		for i, item := range v {
			walk(items, item, pointer+"/"+strconv.Itoa(i), pattern+"/*", visit)
		}
	}
}

// declaredPatterns lists every property pattern a schema declares
// (/result/peers/*, /errors/*/error_chain/*/code, ...). A recursive schema is
// expanded once.
func declaredPatterns(s *openapi3.Schema, pattern string, onPath map[*openapi3.Schema]bool, out map[string]bool) {
	if s == nil || onPath[s] {
		return
	}
	onPath[s] = true
	defer delete(onPath, s)
	for name, ps := range properties(s) {
		p := pattern + "/" + escapeSegment(name)
		out[p] = true
		declaredPatterns(ps, p, onPath, out)
	}
	if items := itemsOf(s); items != nil {
		p := pattern + "/*"
		out[p] = true
		declaredPatterns(items, p, onPath, out)
	}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func escapeSegment(s string) string {
	return pointerOf([]string{s})[1:]
}

// requestFor rebuilds a request that routes like the exchange's did, for
// validating variants of its response.
func requestFor(x Exchange) (*http.Request, error) {
	return http.NewRequest(x.Method, x.URL, nil)
}
