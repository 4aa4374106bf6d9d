# zonexfer: the spec, the generated client, the hand-written layer and the
# contract suite. `make contract` is the main job; `make test` runs it all.

GO       ?= go
FUZZTIME ?= 60s
BENCHCOUNT ?= 6

.PHONY: help contract test vet fmt-check generate check-generate lint record fuzz bench size upstream-diff contract-report

help:
	@echo "make contract         validate the shipped recordings (and live traffic, when credentials are set)"
	@echo "make test             vet, regeneration check, and every test with -race"
	@echo "make generate         regenerate gen/ from api/openapi.yaml"
	@echo "make lint             gofmt and staticcheck"
	@echo "make record           record live traffic into contract/testdata (needs credentials)"
	@echo "make fuzz             run each fuzz target for FUZZTIME ($(FUZZTIME))"

## The main job: the contract suite on the shipped recordings; live when configured.
contract:
	$(GO) test -count=1 -run '^TestContract$$' -v ./contract/

## Everything: vet, the regeneration check, all tests (fuzz seeds included) under -race.
test: vet check-generate
	$(GO) test -race -count=1 ./...

vet: fmt-check
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

generate:
	$(GO) generate ./...

## Regenerating must reproduce gen/ byte for byte.
check-generate: generate
	@git diff --exit-code -- gen/ || { echo "gen/ is stale or was edited by hand: run make generate and commit"; exit 1; }
	@untracked="$$(git status --porcelain --untracked-files=all -- gen/)"; \
	  if [ -n "$$untracked" ]; then echo "go generate left changes in gen/:"; echo "$$untracked"; exit 1; fi

lint: fmt-check
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck ./...

## Record live traffic as a new recording (credentials redacted).
record:
	@if [ -z "$$CLOUDFLARE_ZONE_ID" ] || { [ -z "$$CLOUDFLARE_API_TOKEN" ] && { [ -z "$$CLOUDFLARE_EMAIL" ] || [ -z "$$CLOUDFLARE_API_KEY" ]; }; }; then \
	  echo "make record needs CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY)"; exit 2; fi
	CONTRACT_RECORD="$(CURDIR)/contract/testdata/live-$$(date -u +%Y%m%dT%H%M%SZ)" \
	  $(GO) test -count=1 -run '^TestContract$$' -v ./contract/

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzCheckZoneID$$' -fuzztime $(FUZZTIME) ./client/
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./client/
	$(GO) test -run '^$$' -fuzz '^FuzzParseRetryAfter$$' -fuzztime $(FUZZTIME) ./client/
