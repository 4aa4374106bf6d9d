package contract

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
)

// Environment variables that tune a contract run.
const (
	// EnvStrict: "1" fails the run on undeclared response fields, "2" on
	// missing declared fields too.
	EnvStrict = "CONTRACT_STRICT"
	// EnvRequireCoverage: "1" fails the run when a documented status was
	// never exercised.
	EnvRequireCoverage = "CONTRACT_REQUIRE_COVERAGE"
	// EnvSummary: a file to write the summary to, besides the test log.
	EnvSummary = "CONTRACT_SUMMARY"
)

// RunOptions configures Run.
type RunOptions struct {
	// Dir holds the recordings to replay.
	Dir string
	// Live, when not nil, also runs live mode with this configuration.
	Live *LiveConfig
	// LiveNote explains why live mode is off.
	LiveNote string
	// Strictness decides which drift fails the run.
	Strictness Strictness
	// RequireStatusCoverage fails the run on never-exercised statuses.
	RequireStatusCoverage bool
}

// RunOptionsFromEnv builds RunOptions for the recordings in dir from the
// environment (live mode, CONTRACT_STRICT, CONTRACT_REQUIRE_COVERAGE).
func RunOptionsFromEnv(dir string) (RunOptions, error) {
	opts := RunOptions{Dir: dir, RequireStatusCoverage: os.Getenv(EnvRequireCoverage) == "1"}
	cfg, live, note := LiveConfigFromEnv()
	if live {
		opts.Live = &cfg
	}
	opts.LiveNote = note
	var err error
	opts.Strictness, err = ParseStrictness(os.Getenv(EnvStrict))
	return opts, err
}

// Report is the outcome of a contract run.
type Report struct {
	// Exchanges are all the exchanges validated, recorded and live.
	Exchanges []Exchange
	// Live says whether live mode ran; LiveNote explains when it did not.
	Live     bool
	LiveNote string
	// Drift lists undeclared and missing fields in valid responses.
	Drift []Drift
	// Mutation is the mutation run over the valid responses.
	Mutation MutationResult
	// Coverage is what the exchanges exercised of the spec.
	Coverage Coverage

	opts RunOptions
}

// Run replays the recordings, runs live mode if configured, and analyses
// the traffic: violations, drift, mutation score and coverage. Failures()
// says whether the run passed.
func Run(ctx context.Context, v *Validator, opts RunOptions) (*Report, error) {
	r := &Report{LiveNote: opts.LiveNote, opts: opts}
	var err error
	if r.Exchanges, err = ReplayDir(ctx, v, opts.Dir); err != nil {
		return r, err
	}
	if opts.Live != nil {
		r.Live = true
		xs, err := RunLive(ctx, v, *opts.Live)
		r.Exchanges = append(r.Exchanges, xs...)
		if err != nil {
			return r, fmt.Errorf("live: %w", err)
		}
	}
	r.Analyse(v)
	return r, nil
}

// Analyse computes drift, the mutation score and coverage from Exchanges.
func (r *Report) Analyse(v *Validator) {
	r.Drift = nil
	for _, x := range r.Exchanges {
		r.Drift = append(r.Drift, v.FindDrift(x)...)
	}
	r.Mutation = v.Mutate(r.Exchanges)
	r.Coverage = v.Coverage(r.Exchanges)
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

// Failures lists everything that fails the run: violations, drift at the
// configured strictness, surviving mutants, and (if required) uncovered
// statuses.
func (r *Report) Failures() []string {
	out := r.Violations()
	for _, d := range r.Drift {
		if r.opts.Strictness.Fails(d) {
			out = append(out, "drift: "+d.String())
		}
	}
	for _, m := range r.Mutation.Survivors() {
		out = append(out, "mutant survived: "+m.String())
	}
	if killed, total := r.Mutation.Score(); total == 0 && len(r.Exchanges) > 0 {
		out = append(out, fmt.Sprintf("mutation: no mutants derived (%d/%d): nothing proves the validator rejects anything", killed, total))
	}
	if r.opts.RequireStatusCoverage {
		for _, s := range r.Coverage.UncoveredStatuses() {
			out = append(out, "coverage: documented status never exercised: "+s)
		}
	}
	return out
}

// Summary says what was validated and found, for people and CI logs.
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
	killed, total := r.Mutation.Score()
	pct := 0.0
	if total > 0 {
		pct = 100 * float64(killed) / float64(total)
	}
	fmt.Fprintf(&b, "mutation score: %d/%d (%.1f%%)\n", killed, total, pct)
	for _, m := range r.Mutation.Survivors() {
		fmt.Fprintf(&b, "mutation: SURVIVED %s\n", m)
	}
	b.WriteString(r.driftSummary())
	b.WriteString(r.Coverage.String())
	return b.String()
}

func (r *Report) driftSummary() string {
	var b strings.Builder
	byKind := map[DriftKind]map[string][]string{}
	for _, d := range r.Drift {
		if byKind[d.Kind] == nil {
			byKind[d.Kind] = map[string][]string{}
		}
		where := fmt.Sprintf("%s %d", d.Source, d.Status)
		if !slices.Contains(byKind[d.Kind][d.Pattern], where) {
			byKind[d.Kind][d.Pattern] = append(byKind[d.Kind][d.Pattern], where)
		}
	}
	for _, kind := range []DriftKind{Undeclared, Missing} {
		level := "warning"
		if r.opts.Strictness.Fails(Drift{Kind: kind}) {
			level = "FAILURE"
		}
		patterns := byKind[kind]
		fmt.Fprintf(&b, "drift: %d %s field patterns (%s; CONTRACT_STRICT=%s makes them fail)\n", len(patterns), kind, level, map[DriftKind]string{Undeclared: "1", Missing: "2"}[kind])
		keys := make([]string, 0, len(patterns))
		for p := range patterns {
			keys = append(keys, p)
		}
		sort.Strings(keys)
		for _, p := range keys {
			fmt.Fprintf(&b, "drift:   %s %s in %s\n", kind, p, strings.Join(patterns[p], ", "))
		}
	}
	return b.String()
}
