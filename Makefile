# The two commands of this repository: `make run` (a local dev chain) and `make test`
# (every test suite). Both install what a fresh Debian machine lacks first.
#
# Builds go to one target directory outside the checkout, so they survive a new work tree
# and CI reuses them: the node in the release profile; lints and unit tests in the dev
# profile (with SKIP_WASM_BUILD=1, which must not share build-script runs with the node's
# wasm build, or each would undo the other).

export CARGO_TARGET_DIR ?= $(HOME)/.cache/ewasm-parachain/target
NODE := $(CARGO_TARGET_DIR)/release/ewasm-node
RUNTIME_WASM := $(CARGO_TARGET_DIR)/release/wbuild/ewasm-runtime/ewasm_runtime.compact.compressed.wasm
RPC_PORT ?= 9944
CONFORMANCE_DIR ?= ../shared/conformance
BLOCK_TIME_MS ?= 3000

.PHONY: setup build run check-dev-chain test lint fmt-check clippy test-rust test-e2e conformance \
	weights relay zombienet zombienet-test

## setup: install system packages, Rust targets and npm packages (idempotent)
setup:
	./scripts/setup.sh

## build: the node with its wasm runtime
build: setup
	@echo "make build: the node and its wasm runtime (release); about 70 min from an empty target dir on 2 cores, 5-7 min after a pallet change"
	cargo build --release --locked -p ewasm-node

## run: a standalone dev chain on ws://127.0.0.1:$(RPC_PORT), a block every $(BLOCK_TIME_MS) ms
run: build
	$(NODE) --dev --dev-block-time=$(BLOCK_TIME_MS) --rpc-port=$(RPC_PORT) --rpc-cors=all

## check-dev-chain: check from another shell that `make run` finalizes blocks
check-dev-chain:
	cd tests && npm run --silent build && node scripts/check-dev-chain.mjs ws://127.0.0.1:$(RPC_PORT)

## test: every test suite: formatting, lints, Rust unit tests (benchmarks included), the
## Ewasm state tests, end-to-end on a real node; not zombienet (`make zombienet-test`)
test: setup lint test-rust conformance build test-e2e
	@echo "test: zombienet-test skipped (a long relay build; run make zombienet-test, see README)"

lint: fmt-check clippy

fmt-check:
	cargo fmt --all --check

clippy:
	@echo "make clippy: lints of the whole workspace (dev profile, checks only); long the first time (the node's dependencies), seconds when warm"
	SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets \
		--features pallet-ewasm/runtime-benchmarks -- -D warnings

## test-rust: primitives, pallet (with its benchmarks, run once each on the mock runtime) and
## `ewasm` tool tests; then the runtime's own (its genesis config builds, every pallet's
## integrity test passes on its configuration), in a separate build: with the pallet's
## benchmarks feature unified in, it would rebuild the runtime's dependencies
test-rust:
	@echo "make test-rust: primitives, pallet (with its benchmarks) and tool tests, about 1 min to build and 1 min to run when warm; then the runtime's tests (16.5 min of CPU to build the first time)"
	SKIP_WASM_BUILD=1 cargo test --locked -p ewasm-primitives -p pallet-ewasm -p ewasm-cli \
		--features pallet-ewasm/runtime-benchmarks
	SKIP_WASM_BUILD=1 cargo test --locked -p ewasm-runtime

## test-e2e: polkadot.js against a real dev node
test-e2e:
	@echo "make test-e2e: polkadot.js against real dev nodes (one per test file), about 4-5 min"
	cd tests && npm run --silent build && node --test --test-concurrency=1 e2e/

## conformance: the Ewasm state tests (stEWASMTests) through `ewasm statetest`, if
## $(CONFORMANCE_DIR) exists next to the checkout
conformance:
	@if [ -d $(CONFORMANCE_DIR) ]; then \
		SKIP_WASM_BUILD=1 cargo run --locked -p ewasm-cli -- statetest $(CONFORMANCE_DIR)/stEWASMTests_merged.json; \
	else \
		echo "conformance: $(CONFORMANCE_DIR) not found, skipped"; \
	fi

## weights: benchmark every pallet of the runtime on this machine and regenerate the weights:
## pallet_ewasm's into pallets/ewasm/src/weights.rs (and with them the gas schedule), the
## others' into runtime/src/weights/. Builds the node with runtime-benchmarks first, in a
## target directory of its own ($(BENCH_TARGET_DIR)), so that neither build ever invalidates
## the other's artifacts: long the first time (a cold build), a few minutes after a pallet
## change. Run it on a quiet machine: other work on the cores skews the measurements.
BENCH_STEPS ?= 20
BENCH_REPEAT ?= 5
RUNTIME_BENCH_PALLETS := frame_system frame_system_extensions cumulus_pallet_parachain_system \
	pallet_timestamp cumulus_pallet_weight_reclaim pallet_balances pallet_transaction_payment \
	pallet_sudo pallet_collator_selection pallet_session cumulus_pallet_xcmp_queue \
	pallet_message_queue
BENCH_TARGET_DIR ?= $(CARGO_TARGET_DIR)-benchmarks
BENCHMARK := $(BENCH_TARGET_DIR)/release/ewasm-node benchmark pallet \
	--runtime $(BENCH_TARGET_DIR)/release/wbuild/ewasm-runtime/ewasm_runtime.compact.compressed.wasm \
	--genesis-builder=runtime --extrinsic '*' --steps $(BENCH_STEPS) --repeat $(BENCH_REPEAT)
weights: setup
	@echo "make weights: the node with runtime-benchmarks in $(BENCH_TARGET_DIR) (about 70 min the first time, minutes after a pallet change), then about 35 min of benchmarks"
	CARGO_TARGET_DIR=$(BENCH_TARGET_DIR) cargo build --release --locked --features runtime-benchmarks -p ewasm-node
	$(BENCHMARK) --pallet pallet_ewasm \
		--template pallets/ewasm/weights.hbs --output pallets/ewasm/src/weights.rs
	for pallet in $(RUNTIME_BENCH_PALLETS); do \
		$(BENCHMARK) --pallet $$pallet \
			--template runtime/weights.hbs --output runtime/src/weights/$$pallet.rs || exit 1; \
	done

## relay: the zombienet relay chain node (`polkadot`, rococo-local) and its PVF workers,
## next to ewasm-node; a workspace of its own in relay/ (a long first build)
RELAY_BIN := $(CARGO_TARGET_DIR)/release/polkadot
ZOMBIENET := zombienet/node_modules/.bin/zombienet
ZOMBIENET_ENV := RELAY_BIN=$(RELAY_BIN) EWASM_NODE=$(NODE)
relay: setup
	@echo "make relay: the zombienet relay node (polkadot, rococo-local); about 38 min after make build"
	cd relay && cargo build --release --locked

## zombienet: spawns the relay chain and parachains 2000 and 2001 for a person to use (see
## README: the ports and how to connect polkadot.js apps); Ctrl-C tears it down
zombienet: build relay
	cd tests && npm run --silent build
	$(ZOMBIENET_ENV) $(ZOMBIENET) spawn --provider native --spawn-concurrency 1 zombienet/network.toml

## zombienet-test: spawns the network, runs zombienet/ewasm.zndsl and tears it down
zombienet-test: build relay
	cd tests && npm run --silent build
	$(ZOMBIENET_ENV) $(ZOMBIENET) test --provider native --spawn-concurrency 1 zombienet/ewasm.zndsl
