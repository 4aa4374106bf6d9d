// Package gen is the Cloudflare Secondary DNS client and models that
// oapi-codegen generates from api/openapi.yaml. Everything in
// secondarydns.gen.go is generated: change the spec or the configuration and
// run "go generate ./...", never edit the output. The hand-written layer that
// makes this client safe to use lives in package client.
package gen

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config oapi-codegen.yaml ../api/openapi.yaml
