// Command secondaryzone prints a zone's secondary DNS configuration: the
// README's example program.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/zonexfer/zonexfer/client"
)

func main() {
	// Reads CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY)
	// and, if set, CLOUDFLARE_BASE_URL.
	c, err := client.New()
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	zone, err := c.SecondaryZone(ctx, "269d8f4853475ca241c4e730be286b20")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("name:", *zone.Name)
	fmt.Println("soa_serial:", *zone.SoaSerial)
	fmt.Println("auto_refresh_seconds:", *zone.AutoRefreshSeconds)
	fmt.Println("peers:", *zone.Peers)
	fmt.Println("modified:", zone.ModifiedTime.Format(time.RFC3339Nano))
}
