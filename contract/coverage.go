package contract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Coverage says which parts of the spec a set of exchanges exercised:
// operations, their documented statuses, and the response properties under
// each status.
type Coverage struct {
	Operations []OperationCoverage
}

// OperationCoverage is one operation's share of a Coverage.
type OperationCoverage struct {
	OperationID  string
	Method, Path string
	// Hits counts exchanges that matched the operation.
	Hits     int
	Statuses []StatusCoverage
}

// StatusCoverage is one documented response of an operation.
type StatusCoverage struct {
	// Key is the status as documented: "200", "4XX", "default".
	Key string
	// Hits counts exchanges answered under this key.
	Hits int
	// Declared and Seen are the JSON body's property patterns
	// (/result/peers/*), declared by the schema and met in responses.
	Declared, Seen []string
}

// Unseen lists the declared properties no response carried.
func (s StatusCoverage) Unseen() []string {
	seen := map[string]bool{}
	for _, p := range s.Seen {
		seen[p] = true
	}
	var out []string
	for _, p := range s.Declared {
		if !seen[p] {
			out = append(out, p)
		}
	}
	return out
}

// Coverage computes what xs exercised of the spec.
func (v *Validator) Coverage(xs []Exchange) Coverage {
	type opKey struct{ method, path string }
	var cov Coverage
	index := map[opKey]int{}
	paths := v.doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	for _, path := range paths {
		item := v.doc.Paths.Value(path)
		methods := make([]string, 0)
		for m := range item.Operations() {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		for _, m := range methods {
			op := item.GetOperation(m)
			oc := OperationCoverage{OperationID: op.OperationID, Method: m, Path: path}
			keys := make([]string, 0, op.Responses.Len())
			for k := range op.Responses.Map() {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				sc := StatusCoverage{Key: k}
				if resp := op.Responses.Value(k).Value; resp != nil {
					if media := resp.Content.Get("application/json"); media != nil && media.Schema != nil {
						declared := map[string]bool{}
						declaredPatterns(media.Schema.Value, "", map[*openapi3.Schema]bool{}, declared)
						sc.Declared = sortedKeys(declared)
					}
				}
				oc.Statuses = append(oc.Statuses, sc)
			}
			index[opKey{m, path}] = len(cov.Operations)
			cov.Operations = append(cov.Operations, oc)
		}
	}

	seen := map[opKey]map[string]map[string]bool{}
	for _, x := range xs {
		req, err := requestFor(x)
		if err != nil || x.Status == 0 {
			continue
		}
		route, err := v.FindRoute(req)
		if err != nil {
			continue
		}
		k := opKey{route.route.Method, route.Path}
		i, ok := index[k]
		if !ok {
			continue
		}
		oc := &cov.Operations[i]
		oc.Hits++
		statusKey, schema := bodySchema(route.route.Operation, x.Status, x.ContentType)
		for j := range oc.Statuses {
			if oc.Statuses[j].Key == statusKey {
				oc.Statuses[j].Hits++
			}
		}
		value, ok := decodeJSON(x.body)
		if schema == nil || !ok {
			continue
		}
		if seen[k] == nil {
			seen[k] = map[string]map[string]bool{}
		}
		if seen[k][statusKey] == nil {
			seen[k][statusKey] = map[string]bool{}
		}
		walk(schema, value, "", "", func(n node) {
			if n.pattern != "" {
				seen[k][statusKey][n.pattern] = true
			}
		})
	}
	for i := range cov.Operations {
		oc := &cov.Operations[i]
		for j := range oc.Statuses {
			sc := &oc.Statuses[j]
			sc.Seen = sortedKeys(seen[opKey{oc.Method, oc.Path}][sc.Key])
		}
	}
	return cov
}

// UncoveredStatuses names each documented status no exchange exercised, as
// "operationId 4XX".
func (c Coverage) UncoveredStatuses() []string {
	var out []string
	for _, oc := range c.Operations {
		for _, sc := range oc.Statuses {
			if sc.Hits == 0 {
				out = append(out, oc.OperationID+" "+sc.Key)
			}
		}
	}
	return out
}

// String reports the coverage, a few lines per operation.
func (c Coverage) String() string {
	var b strings.Builder
	for _, oc := range c.Operations {
		covered, declared, seen := 0, 0, 0
		var statuses []string
		for _, sc := range oc.Statuses {
			mark := ""
			if sc.Hits > 0 {
				covered++
			} else {
				mark = " (never)"
			}
			statuses = append(statuses, sc.Key+mark)
			declared += len(sc.Declared)
			seen += len(sc.Declared) - len(sc.Unseen())
		}
		fmt.Fprintf(&b, "coverage: %s %s %s: %d exchanges; statuses %d/%d: %s; response properties %d/%d\n",
			oc.OperationID, oc.Method, oc.Path, oc.Hits, covered, len(oc.Statuses), strings.Join(statuses, ", "), seen, declared)
		for _, sc := range oc.Statuses {
			if sc.Hits > 0 && len(sc.Unseen()) > 0 {
				fmt.Fprintf(&b, "coverage:   %s never carried: %s\n", sc.Key, strings.Join(sc.Unseen(), " "))
			}
		}
	}
	return b.String()
}
