// Package client is the hand-written layer over the generated Cloudflare
// Secondary DNS client in package gen. It adds what production use needs and
// a generator cannot know: credentials from options or the environment, a
// zone-ID check before anything is sent, retries that honour Retry-After and
// the context, bounded reads, and an *Error type that exposes the API's
// codes. It imports no OpenAPI library; validation lives in package contract.
//
// A minimal program:
//
//	c, err := client.New() // CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY
//	if err != nil {
//		log.Fatal(err)
//	}
//	zone, err := c.SecondaryZone(ctx, "269d8f4853475ca241c4e730be286b20")
//	switch {
//	case client.IsRateLimit(err):
//		// back off; errors.As gives *client.Error with RetryAfter
//	case client.IsZoneNotFound(err):
//		// no such secondary zone
//	case err != nil:
//		log.Fatal(err)
//	}
//	fmt.Println(*zone.Name, *zone.SoaSerial)
package client
