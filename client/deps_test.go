package client_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestClientLinksNoValidation keeps the import graph honest: a program that
// imports the client must not link kin-openapi, go-vcr, oasdiff or the
// contract suite.
func TestClientLinksNoValidation(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/zonexfer/zonexfer/client").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/getkin/kin-openapi", "gopkg.in/dnaeon/go-vcr", "github.com/oasdiff", "github.com/zonexfer/zonexfer/contract", "github.com/zonexfer/zonexfer/api"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("the client depends on %s", dep)
			}
		}
	}
}
