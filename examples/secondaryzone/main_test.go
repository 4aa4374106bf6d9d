package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

// TestREADMEShowsThisProgram keeps the README's example and this file one
// program.
func TestREADMEShowsThisProgram(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "```go\n")
	block, _, _ = strings.Cut(block, "```")
	if !ok || !strings.HasSuffix(string(src), block) {
		t.Error("README.md's first Go block differs from examples/secondaryzone/main.go")
	}
}

// TestProgramPrintsTheSeedZone runs main against the local stand-in,
// configured only through the environment.
func TestProgramPrintsTheSeedZone(t *testing.T) {
	srv := cftest.NewServer(t)
	t.Setenv(client.EnvBaseURL, srv.BaseURL)
	t.Setenv(client.EnvAPIToken, cftest.Token)
	t.Setenv(client.EnvEmail, "")
	t.Setenv(client.EnvAPIKey, "")

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	main()
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	want := "name: www.example.com.\nsoa_serial: 2019102400\nauto_refresh_seconds: 86400\n" +
		"peers: [23ff594956f20c2a721606e94745a8aa 00920f38ce07c2e2f4df50b1f61d4194]\n" +
		"modified: 2019-10-24T17:09:42.883908+01:00\n"
	if string(out) != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}
