package main

import (
	"strings"
	"testing"
)

func TestParseTakesMedians(t *testing.T) {
	in := `goos: linux
BenchmarkCall/baseline-2   100  1000 ns/op  10 B/op  5 allocs/op
BenchmarkCall/baseline-2   100  3000 ns/op  10 B/op  5 allocs/op
BenchmarkCall/baseline-2   100  2000 ns/op  10 B/op  5 allocs/op
BenchmarkCall/client-2     100  2200 ns/op  10 B/op  7 allocs/op
PASS`
	st := parse(strings.NewReader(in))
	if got := median(st["BenchmarkCall/baseline"].ns); got != 2000 {
		t.Errorf("median = %v, want 2000", got)
	}
	if got := median(st["BenchmarkCall/client"].allocs); got != 7 {
		t.Errorf("allocs = %v, want 7", got)
	}
	if len(st) != 2 {
		t.Errorf("parsed %d benchmarks, want 2", len(st))
	}
}

func TestPairedRatio(t *testing.T) {
	// Round 2 ran on a slow machine: both sides doubled.
	num := []float64{110, 220, 110, 112}
	den := []float64{100, 200, 100, 100}
	if got := pairedRatio(num, den); got < 1.09 || got > 1.11 {
		t.Errorf("pairedRatio = %v, want 1.10", got)
	}
	if got := pairedRatio([]float64{3}, []float64{2, 1}); got != 2 {
		t.Errorf("unpaired ratio = %v, want 3/1.5 = 2", got)
	}
}
