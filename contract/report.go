package contract

import (
	"fmt"
	"sort"
	"strings"
)

// Report summarises a contract run for people and CI logs.
type Report struct {
	// Exchanges are all the exchanges validated, recorded and live.
	Exchanges []Exchange
	// Live says whether live mode ran; LiveNote explains when it did not.
	Live     bool
	LiveNote string
}

// Violations lists every violation with the exchange it belongs to.
func (r *Report) Violations() []string {
	var out []string
	for _, x := range r.Exchanges {
		for _, v := range x.Violations {
			out = append(out, fmt.Sprintf("%s: %s %s -> %d: %s", x.Source, x.Method, x.URL, x.Status, v))
		}
		if x.Err != nil {
			out = append(out, fmt.Sprintf("%s: %s %s: transport error: %v", x.Source, x.Method, x.URL, x.Err))
		}
	}
	return out
}

// Summary is a few lines saying what was validated.
func (r *Report) Summary() string {
	recorded, live := 0, 0
	ops := map[string]bool{}
	statuses := map[int]int{}
	for _, x := range r.Exchanges {
		if x.Source == "live" {
			live++
		} else {
			recorded++
		}
		if x.OperationID != "" {
			ops[x.OperationID] = true
		}
		statuses[x.Status]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "contract: %d interactions validated (%d recorded, %d live), %d violations\n",
		len(r.Exchanges), recorded, live, len(r.Violations()))
	fmt.Fprintf(&b, "contract: operations: %s\n", strings.Join(sortedKeys(ops), ", "))
	codes := make([]int, 0, len(statuses))
	for c := range statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d x%d", c, statuses[c]))
	}
	fmt.Fprintf(&b, "contract: statuses: %s\n", strings.Join(parts, ", "))
	if r.Live {
		b.WriteString("contract: live mode ran\n")
	} else {
		fmt.Fprintf(&b, "contract: %s\n", r.LiveNote)
	}
	return b.String()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
