package client

import "runtime"

// Version is this client's release.
const Version = "0.1.0"

// UserAgent is sent with every request, naming this client, its version and
// the Go release it was built with.
var UserAgent = "zonexfer/" + Version + " (+https://github.com/zonexfer/zonexfer; " + runtime.Version() + ")"
