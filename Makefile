# Samverkan: `make run` serves the app with demo data on http://127.0.0.1:3000,
# `make test` runs the whole suite. Both install the tools they need on first use.

SHELL := /bin/bash
WASM_BINDGEN_VERSION := 0.2.130
WASM_TARGET := wasm32-unknown-unknown
SITE := target/site
SITE_RELEASE := target/site-release
BIN := target/debug/samverkan
E2E_PORT ?= 3100
# Splits the browser's WASM per page (tools/split-site, built once, optimised: it reads the
# whole module), then binds the main module with wasm-bindgen, into the site's staging folder.
# $(1): the cargo profile folder, $(2): the site folder.
define split_and_bind
	cargo run -q --release -p split-site -- target/$(WASM_TARGET)/$(1)/app.wasm $(2)/staging
	wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir $(2)/staging \
		--out-name samverkan target/$(WASM_TARGET)/$(1)/app_split.wasm
endef

.PHONY: run test build site tools e2e-tools lint fmt unit e2e release clean-data bench

## Tools ---------------------------------------------------------------------------------------

tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" \
		|| cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# Browser tests: Debian's Chromium (Playwright never downloads a browser here), npm packages.
e2e-tools:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)
	@test -d end2end/node_modules/@playwright/test || (cd end2end && npm ci --no-audit --no-fund)

## Build ---------------------------------------------------------------------------------------

# The browser half: the app crate as WASM with the hydrate feature, bound by wasm-bindgen.
# The WASM is split per page (tools/split-site): the shell's code loads first, each page's
# chunk when the page is shown. wasm-bindgen then binds the main module. tools/publish.mjs
# names the build by a hash of its files and puts them under pkg/<build id>/, each with a
# brotli and a gzip copy, which the server sends as they are and browsers keep for good.
site: tools
	cargo build -p app --lib --target $(WASM_TARGET) --features hydrate
	@mkdir -p $(SITE)/staging
	$(call split_and_bind,debug,$(SITE))
	@cp style/main.css $(SITE)/staging/samverkan.css
	@cp style/favicon.svg $(SITE)/favicon.svg
	node tools/publish.mjs $(SITE) 9

build: site
	cargo build -p samverkan-server

## Run -----------------------------------------------------------------------------------------

run: build
	$(BIN) migrate
	$(BIN) demo-data --if-empty
	@echo
	@echo "  Samverkan: http://127.0.0.1:3000"
	@echo "  Demo accounts (password: demo-password; change or remove them before real use):"
	@echo "    admin@example.org        admin"
	@echo "    coordinator@example.org  coordinator"
	@echo "    police@example.org       reporter (Polisen Norrtälje)"
	@echo "    school@example.org       reporter (Utbildningsförvaltningen)"
	@echo "    manager@example.org      manager"
	@echo "    streets@example.org      handler (Gatu- och parkavdelningen)"
	@echo "    property@example.org     handler (Fastighetsavdelningen)"
	@echo
	LEPTOS_SITE_ROOT=$(SITE) $(BIN) serve

clean-data:
	rm -f data/samverkan.db data/samverkan.db-wal data/samverkan.db-shm

## Test ----------------------------------------------------------------------------------------

test: lint unit e2e

fmt:
	cargo fmt --all

lint: tools
	cargo fmt --all --check
	cargo clippy -p shared -p migrations -p app -p samverkan-server -p split-site --features app/ssr --all-targets -- -D warnings
	cargo clippy -p app --lib --target $(WASM_TARGET) --features hydrate -- -D warnings

# Unit, service and HTTP tests. With TEST_DATABASE_URL set, service and HTTP tests also run
# against PostgreSQL (a fresh database per test).
unit:
	cargo test -p shared -p migrations -p app -p samverkan-server --features app/ssr

e2e: build e2e-tools
	cd end2end && E2E_PORT=$(E2E_PORT) npx playwright test

## Release (benchmarks, deployment) ------------------------------------------------------------

release: tools e2e-tools
	cargo build -p app --lib --target $(WASM_TARGET) --features hydrate --profile wasm-release
	@mkdir -p $(SITE_RELEASE)/staging
	$(call split_and_bind,wasm-release,$(SITE_RELEASE))
	ls $(SITE_RELEASE)/staging/*.wasm | xargs -P 2 -I {} end2end/node_modules/.bin/wasm-opt -Oz \
		--enable-bulk-memory --enable-nontrapping-float-to-int --strip-producers \
		--strip-target-features -o {} {}
	@cp style/main.css $(SITE_RELEASE)/staging/samverkan.css
	@cp style/favicon.svg $(SITE_RELEASE)/favicon.svg
	node tools/publish.mjs $(SITE_RELEASE)
	cargo build -p samverkan-server --release

## Benchmark -----------------------------------------------------------------------------------

# The release build on ten years of data (generated once into target/bench), driven by wrk.
# Results: a table on the terminal and target/bench/latest.json. Never part of `make test`.
bench: release
	bash bench/run.sh
