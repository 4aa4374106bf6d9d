package cftest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

// zoneSerial is "your code": it reads a zone's SOA serial through the
// zonexfer client.
func zoneSerial(ctx context.Context, c *client.Client, zoneID string) (uint32, error) {
	zone, err := c.SecondaryZone(ctx, zoneID)
	if err != nil {
		return 0, err
	}
	return *zone.SoaSerial, nil
}

// Testing your own code against the stand-in: set the zone it should
// serve, inject a fault, and point the client at it. In a test, prefer
// cftest.NewServer(t), which also closes the server and fails the test if
// the stand-in ever served a response that breaks the spec.
func Example() {
	srv := cftest.Start()
	defer srv.Close()
	srv.SetZone("0123456789abcdef0123456789abcdef", []byte(`{"name":"example.net.","soa_serial":7}`))
	srv.Inject(cftest.ServerError(503)) // the first request fails; the client retries

	c, _ := client.New(client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token),
		client.WithRetryWait(time.Millisecond, time.Millisecond))
	serial, err := zoneSerial(context.Background(), c, "0123456789abcdef0123456789abcdef")
	fmt.Println(serial, err, srv.Hits())
	// Output: 7 <nil> 2
}
