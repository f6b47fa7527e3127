# The two commands of the README, and a few helpers.
SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup test-rust test-e2e build size dev bench bench-files bench-help bench-mail bench-receive bench-load bench-live bench-chat

## Install what is missing, build in release mode, serve on http://127.0.0.1:3000
run: setup build
	cargo leptos serve --release --split --server-only

## Install what is missing and run every test (Rust, then Playwright in Chromium)
# The Rust tests build in release mode here, so the release build that the
# browser tests need reuses their compiled dependencies instead of building
# them a second time (the main saving on a fresh machine).
test:
	scripts/setup.sh test
	$(MAKE) test-rust TEST_PROFILE=--release
	$(MAKE) test-e2e

setup:
	scripts/setup.sh

# Each Rust test and the browser suite run on SQLite, then on PostgreSQL
# (a fresh database per test or run, on this server, dropped afterwards).
PG_SERVER ?= postgres://postgres@127.0.0.1:5432
ON_POSTGRES = HELPDESK_TEST_POSTGRES=$(PG_SERVER)/postgres

TEST_PROFILE ?=
test-rust:
	cargo test $(TEST_PROFILE) -p model -p domain -p tools
	$(ON_POSTGRES) cargo test $(TEST_PROFILE) -p model -p domain -p tools
	cargo test $(TEST_PROFILE) -p app --features ssr
	cargo test $(TEST_PROFILE) -p server
	$(ON_POSTGRES) cargo test $(TEST_PROFILE) -p server
	# The browser build (compiled by `make build`) must pull in neither the
	# core nor the database.
	! cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none \
	    | grep -E '^(domain|sqlx[a-z-]*) v'

# The browser tests run against a release build on a fresh temporary database.
# Then the first load of `/` and `/cases` must stay under its ceiling.
test-e2e: build
	cd end2end && npx playwright test
	cd end2end && E2E_POSTGRES=$(PG_SERVER) npx playwright test
	cd end2end && node size.mjs --check

# `--split`: pages marked lazy become wasm chunks of their own, loaded when
# first opened (app/src/routes/lazy_pages.rs).
# The release wasm is built on its own, with three options of the nightly
# compiler that this stable one allows under RUSTC_BOOTSTRAP, for this build
# only: its standard library compiled again with the wasm profile
# (`-Zbuild-std`), panics that stop at once without formatting a message
# (`-Cpanic=immediate-abort`), and no source locations in the binary. 26 KB
# less with brotli on every first load (README, "First load"); `make dev`
# keeps panic messages. The variable replaces `build.rustflags` of
# .cargo/config.toml for the wasm, hence the repeated `erase_components`.
WASM_RUSTFLAGS = --cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none
build:
	RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS)" \
	    cargo leptos build --release --split --frontend-only --lib-cargo-args=-Zbuild-std=std,panic_abort
	cargo leptos build --release --split --server-only

## Development with live reload
dev: setup
	cargo leptos watch --split

## The first load of `/` and `/cases` in headless Chromium (bytes of
## JavaScript, wasm and CSS as served; time to hydration with the CPU 4x
## slower), and the largest parts of the main wasm module (twiggy)
size: build
	cd end2end && node size.mjs
	@command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
	twiggy top -n 1000000 --format csv target/front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm \
	    | python3 scripts/wasm_parts.py

## The case benchmark: generate 1M cases / 5M messages once (~8 min on
## SQLite), then measure. `make bench DB=postgres` runs it on PostgreSQL
## (database helpdesk_bench on $(PG_SERVER), created once).
BENCH_DIR ?= target/bench
DB ?= sqlite
ifeq ($(DB),postgres)
BENCH_URL = $(PG_SERVER)/helpdesk_bench
BENCH_FILLED = psql -Atc 'SELECT 1 FROM cases LIMIT 1' $(BENCH_URL) 2>/dev/null | grep -q 1
BENCH_CREATE = psql -qc 'CREATE DATABASE helpdesk_bench' $(PG_SERVER)/postgres 2>/dev/null || true
else
BENCH_URL = sqlite://$(BENCH_DIR)/helpdesk.db
BENCH_FILLED = test -f $(BENCH_DIR)/helpdesk.db
BENCH_CREATE = mkdir -p $(BENCH_DIR)
endif
TOOLS = target/release/helpdesk-tools
bench:
	cargo build --release -p tools
	$(BENCH_FILLED) || { $(BENCH_CREATE); RUST_LOG=error $(TOOLS) --data-dir $(BENCH_DIR) --database-url $(BENCH_URL) generate; }
	RUST_LOG=error $(TOOLS) --data-dir $(BENCH_DIR) --database-url $(BENCH_URL) bench

## The attachment benchmark: peak memory for a 20 MiB upload, throughput both ways
bench-files:
	cargo build --release -p server
	scripts/bench-files.sh

## The help-center benchmark: 50,000 articles (generated once), search and article page
BENCH_HELP_DIR ?= target/bench-help
bench-help:
	cargo build --release -p tools
	RUST_LOG=error $(TOOLS) --data-dir $(BENCH_HELP_DIR) bench-help

## The outbox benchmark: 10,000 mails queued, then delivered to maildev on
## loopback (a fresh database each run; `DB=postgres` for PostgreSQL)
BENCH_MAIL_DIR ?= target/bench-mail
bench-mail:
	cargo build --release -p tools
	scripts/bench-mail.sh $(TOOLS) $(BENCH_MAIL_DIR) $(DB) $(PG_SERVER)

## The receive-mail benchmark: peak memory of one 10 MB message
## (`make bench-receive DB=postgres` on PostgreSQL)
BENCH_RECEIVE_DIR ?= target/bench-receive
bench-receive: build
	scripts/bench-receive.sh target/release/server $(BENCH_RECEIVE_DIR) $(DB) $(PG_SERVER)

## The load benchmark: 200 simulated customers for 60 s against the release
## server on loopback (`DB=postgres` on PostgreSQL); fails on any error, a
## panic in the server's log or a p99 of 100 ms or more
BENCH_LOAD_DIR ?= target/bench-load
bench-load: build
	cargo build --release -p tools
	scripts/bench-load.sh $(TOOLS) target/release/server $(BENCH_LOAD_DIR) $(DB) $(PG_SERVER)

## The live-update benchmark: 200 staff clients on /events of the release
## server while 50 changes are made; fails on a change not heard or a p99
## of 100 ms or more. `DB=postgres` for PostgreSQL.
bench-live: build
	cargo build --release -p tools
	LOAD_COMMAND=live scripts/bench-load.sh $(TOOLS) target/release/server $(BENCH_LOAD_DIR) $(DB) $(PG_SERVER)

## The chat benchmark: 1,000 visitors and 20 agents on /events (see the README)
bench-chat: build
	cargo build --release -p tools
	LOAD_COMMAND=chat scripts/bench-load.sh $(TOOLS) target/release/server $(BENCH_LOAD_DIR) $(DB) $(PG_SERVER)
