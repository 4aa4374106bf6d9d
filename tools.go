//go:build tools

// Package tools pins the code generator and linters this module runs through
// "go run", so that go.mod and go.sum fix their versions for every machine.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
	_ "gotest.tools/gotestsum"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
