// Command upstream-diff compares the operations api/openapi.yaml covers with
// the same operations in a Cloudflare published OpenAPI document, and exits
// 1 when it finds a difference the allow-list does not accept.
//
//	go run ./cmd/upstream-diff -upstream path/to/cloudflare/openapi.yaml
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/zonexfer/zonexfer/api"
	"github.com/zonexfer/zonexfer/contract/upstream"
)

func main() {
	upstreamPath := flag.String("upstream", "", "Cloudflare's openapi.yaml (from cloudflare/api-schemas)")
	allowPath := flag.String("allow", "", "an allow-list to use instead of the checked-in contract/upstream/allowlist.yaml")
	flag.Parse()
	news, err := run(os.Stdout, *upstreamPath, *allowPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "upstream-diff:", err)
		os.Exit(2)
	}
	if news > 0 {
		os.Exit(1)
	}
}

// run prints the comparison to w and returns how many differences are new.
func run(w io.Writer, upstreamPath, allowPath string) (int, error) {
	if upstreamPath == "" {
		return 0, fmt.Errorf("-upstream is required (make upstream-diff UPSTREAM=path/to/openapi.yaml)")
	}
	up, err := os.ReadFile(upstreamPath)
	if err != nil {
		return 0, err
	}
	allow, err := upstream.DefaultAllowList()
	if allowPath != "" {
		var b []byte
		if b, err = os.ReadFile(allowPath); err == nil {
			allow, err = upstream.ParseAllowList(b)
		}
	}
	if err != nil {
		return 0, err
	}
	res, err := upstream.Compare(api.Spec, up, allow)
	if err != nil {
		return 0, err
	}
	fmt.Fprint(w, res.Report())
	return len(res.News()), nil
}
