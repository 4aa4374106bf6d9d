// Command ratios reads "go test -bench" output (several -count runs) on
// standard input and prints, from the medians, the ratios the README
// reports: each measurement against its baseline from the same run, with
// the project's targets beside them.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// line matches "BenchmarkName-2   1234   5678 ns/op ...".
var line = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)$`)

var allocs = regexp.MustCompile(`([\d.]+) allocs/op`)

type stats struct{ ns, allocs []float64 }

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func parse(r io.Reader) map[string]*stats {
	out := map[string]*stats{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := line.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		st := out[m[1]]
		if st == nil {
			st = &stats{}
			out[m[1]] = st
		}
		st.ns = append(st.ns, ns)
		if a := allocs.FindStringSubmatch(m[3]); a != nil {
			v, _ := strconv.ParseFloat(a[1], 64)
			st.allocs = append(st.allocs, v)
		}
	}
	return out
}

type ratio struct {
	label, num, den string
	target          float64 // at most; 0: none
}

var ratios = []ratio{
	{"client call / hand-written net/http baseline", "BenchmarkCall/client", "BenchmarkCall/baseline", 1.10},
	{"call through the validating transport / without", "BenchmarkTransport/validating", "BenchmarkTransport/plain", 1.30},
	{"validate: 10,000 peers / 100 peers", "BenchmarkScaling/validate/peers=10000", "BenchmarkScaling/validate/peers=100", 150},
	{"validate: 100,000 peers / 10,000 peers", "BenchmarkScaling/validate/peers=100000", "BenchmarkScaling/validate/peers=10000", 15},
	{"decode: 10,000 peers / 100 peers", "BenchmarkScaling/decode/peers=10000", "BenchmarkScaling/decode/peers=100", 150},
	{"decode: 100,000 peers / 10,000 peers", "BenchmarkScaling/decode/peers=100000", "BenchmarkScaling/decode/peers=10000", 15},
	{"uniqueItems on 10,000 peers: kin-openapi's checker / contract's", "BenchmarkUniqueItems/kin-openapi-default", "BenchmarkUniqueItems/contract", 0},
	{"loading the spec each time (New) / once per process (Default)", "BenchmarkLoadSpec/New", "BenchmarkLoadSpec/Default", 0},
}

func main() {
	st := parse(os.Stdin)
	if len(st) == 0 {
		fmt.Fprintln(os.Stderr, "ratios: no benchmark lines on standard input")
		os.Exit(2)
	}
	fmt.Println("ratios (medians of the runs above):")
	for _, r := range ratios {
		n, d := st[r.num], st[r.den]
		if n == nil || d == nil || median(d.ns) == 0 {
			fmt.Printf("  %-64s missing\n", r.label)
			continue
		}
		x := median(n.ns) / median(d.ns)
		verdict := ""
		if r.target > 0 {
			verdict = fmt.Sprintf("target <= %gx: met", r.target)
			if x > r.target {
				verdict = fmt.Sprintf("target <= %gx: MISSED by %.0f%%", r.target, 100*(x/r.target-1))
			}
		}
		fmt.Printf("  %-64s %10.2fx  (%.0f / %.0f ns)  %s\n", r.label, x, median(n.ns), median(d.ns), verdict)
	}
	if v := st["BenchmarkValidateResponse"]; v != nil {
		verdict := "target < 20000 ns: met"
		if median(v.ns) >= 20000 {
			verdict = "target < 20000 ns: MISSED"
		}
		fmt.Printf("  %-64s %10.0f ns, %.0f allocs  %s\n", "validating the seed response", median(v.ns), median(v.allocs), verdict)
	}
}
