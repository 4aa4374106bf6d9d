package api_test

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/zonexfer/zonexfer/api"
)

// TestSpecIsValid loads the embedded document and validates it, examples
// included, the way kin-openapi's users do.
func TestSpecIsValid(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("validate: %v", err)
	}
}

// TestSpecExamplesAreChecked proves that example validation is switched on:
// an example that breaks its schema must make Validate fail.
func TestSpecExamplesAreChecked(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	op := doc.Paths.Find("/zones/{zone_id}/secondary_dns/incoming").Get
	ex := op.Responses.Status(200).Value.Content["application/json"].Examples["published"].Value
	ex.Value.(map[string]any)["result"].(map[string]any)["auto_refresh_seconds"] = 299
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err == nil {
		t.Fatal("an example with auto_refresh_seconds 299 passed validation")
	}
}
