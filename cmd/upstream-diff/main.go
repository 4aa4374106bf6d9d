// Command upstream-diff compares the operations api/openapi.yaml covers with
// the same operations in a Cloudflare published OpenAPI document, and exits
// 1 when it finds a difference the allow-list does not accept.
//
//	go run ./cmd/upstream-diff -upstream path/to/cloudflare/openapi.yaml
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/zonexfer/zonexfer/api"
	"github.com/zonexfer/zonexfer/contract/upstream"
)

func main() {
	upstreamPath := flag.String("upstream", "", "Cloudflare's openapi.yaml (from cloudflare/api-schemas)")
	allowPath := flag.String("allow", "", "an allow-list to use instead of the checked-in contract/upstream/allowlist.yaml")
	flag.Parse()
	if err := run(*upstreamPath, *allowPath); err != nil {
		fmt.Fprintln(os.Stderr, "upstream-diff:", err)
		os.Exit(2)
	}
}

func run(upstreamPath, allowPath string) error {
	if upstreamPath == "" {
		return fmt.Errorf("-upstream is required (make upstream-diff UPSTREAM=path/to/openapi.yaml)")
	}
	up, err := os.ReadFile(upstreamPath)
	if err != nil {
		return err
	}
	allow, err := upstream.DefaultAllowList()
	if allowPath != "" {
		var b []byte
		if b, err = os.ReadFile(allowPath); err == nil {
			allow, err = upstream.ParseAllowList(b)
		}
	}
	if err != nil {
		return err
	}
	res, err := upstream.Compare(api.Spec, up, allow)
	if err != nil {
		return err
	}
	fmt.Print(res.Report())
	if len(res.News()) > 0 {
		os.Exit(1)
	}
	return nil
}
