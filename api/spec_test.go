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

// TestEverySchemaIsDescribed: every component schema and every property in
// it carries a description (directly or through the schema it refers to).
func TestEverySchemaIsDescribed(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	for name, ref := range doc.Components.Schemas {
		if ref.Value.Description == "" {
			t.Errorf("schema %s has no description", name)
		}
		for prop, p := range ref.Value.Properties {
			if p.Value.Description == "" {
				t.Errorf("property %s.%s has no description", name, prop)
			}
		}
	}
	op := doc.Paths.Find("/zones/{zone_id}/secondary_dns/incoming").Get
	if op.Summary != "Secondary Zone Configuration Details" || len(op.Tags) != 1 {
		t.Errorf("summary %q, tags %v", op.Summary, op.Tags)
	}
	perms, _ := op.Extensions["x-api-token-group"].([]any)
	if len(perms) != 5 {
		t.Errorf("x-api-token-group lists %d permissions, want 5", len(perms))
	}
}
