// Package bench measures what the client and the contract checks cost, each
// against a baseline run in the same process: the generated client's call
// against a hand-written net/http + encoding/json one, validation, the
// validating transport, growth with the number of peers, and loading the
// spec. Run it with "make bench"; cmd/ratios turns the output into ratios.
package bench
