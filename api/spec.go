// Package api holds the hand-written OpenAPI 3.0 description of Cloudflare's
// Secondary DNS API, the single source from which gen/ is generated and
// against which the contract suite validates traffic.
//
// The package embeds the document's bytes only; it imports no OpenAPI
// library, so importing it costs a program nothing but the document itself.
package api

import _ "embed"

// Spec is the content of openapi.yaml, embedded at build time so that tools
// and tests find it from any working directory.
//
//go:embed openapi.yaml
var Spec []byte
