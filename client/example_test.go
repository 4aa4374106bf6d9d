package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/zonexfer/zonexfer/client"
	"github.com/zonexfer/zonexfer/contract/cftest"
)

// Reading a zone's secondary configuration. Against the real API, drop
// WithBaseURL and WithAPIToken: New reads CLOUDFLARE_API_TOKEN (or
// CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY) and CLOUDFLARE_BASE_URL.
func ExampleClient_SecondaryZone() {
	srv := cftest.Start() // a local stand-in for api.cloudflare.com
	defer srv.Close()

	c, err := client.New(client.WithBaseURL(srv.BaseURL), client.WithAPIToken(cftest.Token))
	if err != nil {
		log.Fatal(err)
	}
	zone, err := c.SecondaryZone(context.Background(), "269d8f4853475ca241c4e730be286b20")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("name:", *zone.Name)
	fmt.Println("soa_serial:", *zone.SoaSerial)
	fmt.Println("auto_refresh_seconds:", *zone.AutoRefreshSeconds)
	fmt.Println("peers:", *zone.Peers)
	fmt.Println("modified:", zone.ModifiedTime.Format(time.RFC3339Nano))
	// Output:
	// name: www.example.com.
	// soa_serial: 2019102400
	// auto_refresh_seconds: 86400
	// peers: [23ff594956f20c2a721606e94745a8aa 00920f38ce07c2e2f4df50b1f61d4194]
	// modified: 2019-10-24T17:09:42.883908+01:00
}

// Handling a rate limit and a missing zone.
func ExampleError() {
	srv := cftest.Start()
	defer srv.Close()
	srv.Inject(cftest.RateLimit("120"))

	c, err := client.New(
		client.WithBaseURL(srv.BaseURL),
		client.WithAPIToken(cftest.Token),
		client.WithMaxRetryAfter(time.Minute), // wait at most a minute for Retry-After
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	_, err = c.SecondaryZone(ctx, "269d8f4853475ca241c4e730be286b20")
	var apiErr *client.Error
	if errors.As(err, &apiErr) && apiErr.IsRateLimit() {
		fmt.Println("rate limited; the server asks to wait", apiErr.RetryAfter, "codes", apiErr.Codes())
	}

	_, err = c.SecondaryZone(ctx, "0123456789abcdef0123456789abcdef")
	if client.IsZoneNotFound(err) {
		fmt.Println("no such secondary zone:", client.HasCode(err, client.CodeCouldNotRoute))
	}
	// Output:
	// rate limited; the server asks to wait 2m0s codes [971]
	// no such secondary zone: true
}
