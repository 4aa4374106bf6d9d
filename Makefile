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
	@echo "make contract-report  JUnit XML and the summary as text, under out/"
	@echo "make upstream-diff UPSTREAM=path/to/openapi.yaml   compare with Cloudflare's published document"
	@echo "make bench            benchmarks (-count $(BENCHCOUNT)), benchstat-readable, into out/bench.txt"
	@echo "make size             stripped size of the README's example program vs a plain net/http program"

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

## JUnit XML (for CI dashboards) and the contract summary as text.
contract-report:
	mkdir -p out
	CONTRACT_SUMMARY="$(CURDIR)/out/contract-summary.txt" $(GO) run gotest.tools/gotestsum --junitfile out/contract-junit.xml --format testname -- -count=1 ./contract/...
	@echo "wrote out/contract-junit.xml and out/contract-summary.txt"

## Compare our operations with Cloudflare's published document.
upstream-diff:
	@if [ -z "$(UPSTREAM)" ]; then echo "usage: make upstream-diff UPSTREAM=path/to/cloudflare/openapi.yaml"; exit 2; fi
	$(GO) run ./cmd/upstream-diff -upstream "$(UPSTREAM)"

## Benchmarks, with baselines measured in the same run.
## Each round runs every benchmark once, so a measurement and its baseline
## alternate and drift in the machine's speed hits both alike.
bench:
	mkdir -p out
	$(GO) test -c -o out/bench.test ./bench/
	@rm -f out/bench.txt
	@for i in $$(seq $(BENCHCOUNT)); do \
	  (cd bench && ../out/bench.test -test.run '^$$' -test.bench . -test.benchmem -test.count 1) | tee -a out/bench.txt || exit 1; \
	done
	$(GO) run ./bench/cmd/ratios < out/bench.txt

## Stripped binary size of the README's example against a hello-world net/http program.
size:
	mkdir -p out
	$(GO) build -trimpath -ldflags='-s -w' -o out/secondaryzone ./examples/secondaryzone
	$(GO) build -trimpath -ldflags='-s -w' -o out/nethttp-baseline ./bench/cmd/nethttp-baseline
	@ex=$$(stat -c %s out/secondaryzone); base=$$(stat -c %s out/nethttp-baseline); \
	  awk -v e=$$ex -v b=$$base 'BEGIN { printf "size: example %.2f MB, net/http baseline %.2f MB, +%.2f MB (%.2fx)\n", e/1e6, b/1e6, (e-b)/1e6, e/b }'
