// Command ratios reads "go test -bench" output on standard input and prints
// the ratios the README reports, each measurement against its baseline from
// the same run, with the project's targets beside them. When the output
// holds rounds that ran every benchmark once (as "make bench" does), the
// ratio is the median of the per-round ratios, so that a round in which the
// machine was slow weighs on both sides alike; otherwise it is the ratio of
// the medians.
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

// pairedRatio is the median of num[i]/den[i] when both have one sample per
// round, and the ratio of the medians otherwise.
func pairedRatio(num, den []float64) float64 {
	if len(num) != len(den) || len(num) < 3 {
		return median(num) / median(den)
	}
	rs := make([]float64, len(num))
	for i := range num {
		rs[i] = num[i] / den[i]
	}
	return median(rs)
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
	fmt.Println("ratios (median of per-round ratios; medians in ns):")
	for _, r := range ratios {
		n, d := st[r.num], st[r.den]
		if n == nil || d == nil || median(d.ns) == 0 {
			fmt.Printf("  %-64s missing\n", r.label)
			continue
		}
		x := pairedRatio(n.ns, d.ns)
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
