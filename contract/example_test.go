package contract_test

import (
	"fmt"
	"log"
	"net/http"

	"github.com/zonexfer/zonexfer/contract"
)

// Checking one response against the spec: every violation comes with the
// JSON pointer of the offending value.
func ExampleValidator_CheckResponse() {
	v, err := contract.Default() // the embedded api/openapi.yaml, loaded once
	if err != nil {
		log.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "https://api.cloudflare.com/client/v4/zones/269d8f4853475ca241c4e730be286b20/secondary_dns/incoming", nil)
	body := []byte(`{"success":true,"errors":[],"messages":[],"result":{"auto_refresh_seconds":299,"peers":"not a list"}}`)
	for _, violation := range v.CheckResponse(req, 200, http.Header{"Content-Type": {"application/json"}}, body) {
		fmt.Println(violation)
	}
	// Output:
	// body /result/auto_refresh_seconds: number must be at least 300
	// body /result/peers: value must be an array
}
