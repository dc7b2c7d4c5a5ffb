# The two commands of this repository: `make run` (a local dev chain) and `make test`
# (every test suite). Both install what a fresh Debian machine lacks first.
#
# Builds go to one target directory outside the checkout, so they survive a new work tree
# and CI reuses them. Two builds, each made once and shared by everything that needs it:
# - release, features of the node: the node, its wasm runtime, the `ewasm` tool, and the
#   runtime's, node's and tool's tests (RELEASE_PACKAGES: every cargo command of this build
#   names the same packages, so cargo resolves the same features and reuses every artifact);
# - dev, the pallet alone with `runtime-benchmarks`: the primitives' and pallet's tests (that
#   feature changes sp-runtime and everything above it, so it cannot share the node's build).
# Lints come with both: every cargo command compiles the workspace's own crates through
# scripts/lint-rustc (clippy-driver, warnings denied), so no separate check build exists.

export CARGO_TARGET_DIR ?= $(HOME)/.cache/ewasm-parachain/target
export RUSTC_WORKSPACE_WRAPPER := $(CURDIR)/scripts/lint-rustc
RELEASE_PACKAGES := -p ewasm-node -p ewasm-runtime -p ewasm-cli -p ewasm-sdk -p erc20 -p multisig -p registry -p sha256 -p keccak256 -p value-ee
NODE := $(CARGO_TARGET_DIR)/release/ewasm-node
EWASM := $(CARGO_TARGET_DIR)/release/ewasm
RUNTIME_WASM := $(CARGO_TARGET_DIR)/release/wbuild/ewasm-runtime/ewasm_runtime.compact.compressed.wasm
RPC_PORT ?= 9944
CONFORMANCE_DIR ?= ../shared/conformance
BLOCK_TIME_MS ?= 3000

.PHONY: setup build run check-dev-chain test lint fmt-check test-pallet test-release test-e2e conformance upgrade-runtime \
	weights relay zombienet zombienet-test bench test-peers bench-node

## setup: install system packages, Rust targets and npm packages (idempotent)
setup:
	./scripts/setup.sh

## build: the node with its wasm runtime, and the `ewasm` tool (release, linted)
build: setup
	@echo "make build: the node, its wasm runtime and the ewasm tool (release); about 41-46 min from an empty target dir on 2 cores, about 2 min after a pallet change"
	cargo build --release --locked $(RELEASE_PACKAGES)

## run: a standalone dev chain on ws://127.0.0.1:$(RPC_PORT), a block every $(BLOCK_TIME_MS) ms
run: build
	$(NODE) --dev --dev-block-time=$(BLOCK_TIME_MS) --rpc-port=$(RPC_PORT) --rpc-cors=all

## check-dev-chain: check from another shell that `make run` finalizes blocks
check-dev-chain:
	cd tests && npm run --silent build && node scripts/check-dev-chain.mjs ws://127.0.0.1:$(RPC_PORT)

## test: every test suite: formatting; the pallet's tests (its benchmarks included) in the dev
## build; the Ewasm state tests, the runtime's, node's, tool's, SDK's and examples' tests in the
## release build; the peers benchmark's scenarios (no timing); end-to-end on a real node. Lints come with each build. Not zombienet (`make zombienet-test`)
test: setup fmt-check test-pallet build conformance test-release test-peers test-e2e
	@echo "test: zombienet-test skipped (a long relay build; run make zombienet-test, see README)"

## lint: formatting, and clippy on every crate of the workspace (through the two builds)
lint: fmt-check
	cargo test --locked --no-run $(PALLET_TEST_ARGS)
	cargo test --release --locked --no-run $(RELEASE_PACKAGES)

fmt-check:
	cargo fmt --all --check

## test-pallet: the EEI table's, the primitives' and the pallet's tests, each benchmark run once on the mock
## runtime (dev profile, the pallet's own dependencies only)
PALLET_TEST_ARGS := -p ewasm-eei -p ewasm-primitives -p pallet-ewasm --features pallet-ewasm/runtime-benchmarks
test-pallet: setup
	@echo "make test-pallet: primitives and pallet tests (dev profile, with the benchmarks); about 2 min from an empty target dir, 20-30 s after a pallet edit"
	cargo test --locked $(PALLET_TEST_ARGS)

## test-release: the runtime's tests (its genesis config builds, every pallet's integrity test
## passes on its configuration) and the `ewasm` tool's, in the node's release build
test-release: build
	@echo "make test-release: runtime and ewasm tool tests in the release build (reuses make build's artifacts)"
	cargo test --release --locked $(RELEASE_PACKAGES)

## bench: pallet-ewasm against pallet-revive's EVM backend on one native runtime, and revm
## (benches/peers): criterion's medians, charged weights and calls per block; and the SHA-256
## contract in the parachain's wasm runtime (make build's) against wasmtime natively. Both
## tables printed and written to $(CARGO_TARGET_DIR)/criterion/peers.md. pallet-revive's PolkaVM
## fixtures cannot be built here: SKIP_PALLET_REVIVE_FIXTURES must be set from its first build
PEERS := SKIP_PALLET_REVIVE_FIXTURES=1 cargo
bench: build
	@echo "make bench: the peers comparison, about 2 min after its first build (pallet-revive: about 5 min)"
	$(PEERS) bench --locked -p ewasm-peers

## test-peers: the comparison's scenarios succeed on all three systems and in the wasm
## runtime (make build's), no timing
test-peers: build
	$(PEERS) test --release --locked -p ewasm-peers

## bench-node: ERC-20 transfers per block and per second on a real dev node
## (tests/bench/bench-node.mjs): BENCH_ACCOUNTS senders (default 2000), funded by Alice, sign a
## transfer each, all submitted at once; a block every BENCH_BLOCK_TIME_MS (default 6000). One
## table printed and written to $(CARGO_TARGET_DIR)/bench-node.md
bench-node: build
	@echo "make bench-node: ERC-20 transfers on a dev node, about 2.5 min after make build (35 s of it the node's start)"
	cd tests && npm run --silent build && node bench/bench-node.mjs

## upgrade-runtime: the next runtime the upgrade end-to-end test sets with sudo.setCode (the
## runtime's upgrade-fixture feature: spec version one higher, VM versions 3 and 4 on dearer
## prices), a blob only: built by `cargo check` (only its wasm build is real) in a target directory
## of its own ($(UPGRADE_TARGET_DIR)), so that it never replaces the node's runtime
UPGRADE_TARGET_DIR ?= $(CARGO_TARGET_DIR)-upgrade
upgrade-runtime: setup
	@echo "make upgrade-runtime: the upgrade test's next runtime blob; about 30 min the first time, minutes after a change"
	CARGO_TARGET_DIR=$(UPGRADE_TARGET_DIR) cargo check --release --locked --features upgrade-fixture -p ewasm-runtime

## test-e2e: polkadot.js against a real dev node (and the upgrade-runtime blob)
test-e2e: upgrade-runtime
	@echo "make test-e2e: polkadot.js against real dev nodes (one per test file), about 5 min"
	cd tests && npm run --silent build && node --test --test-concurrency=1 e2e/

## conformance: the Ewasm state tests (stEWASMTests) through the release `ewasm statetest`, and
## the Scout execution-environment cases through `ewasm scout`, if $(CONFORMANCE_DIR) exists
## next to the checkout
conformance: build
	@if [ -d $(CONFORMANCE_DIR) ]; then \
		$(EWASM) statetest $(CONFORMANCE_DIR)/stEWASMTests_merged.json && \
		$(EWASM) scout $(CONFORMANCE_DIR)/scout/tests; \
	else \
		echo "conformance: $(CONFORMANCE_DIR) not found, skipped"; \
	fi

## weights: benchmark every pallet of the runtime on this machine and regenerate the weights:
## pallet_ewasm's into pallets/ewasm/src/weights.rs (and with them the gas schedule), the
## others' into runtime/src/weights/. The benchmarks run inside a runtime blob built with
## runtime-benchmarks, in a target directory of its own ($(BENCH_TARGET_DIR)) so that neither
## build invalidates the other's artifacts: `cargo check` of the runtime builds only the blob
## for real (its wasm build), the native side is only checked. make build's node runs them
## (its `benchmark pallet` needs no feature). Run it on a quiet machine: other work on the
## cores skews the measurements. BENCH_PALLETS (default: all) picks the pallets
BENCH_STEPS ?= 20
BENCH_REPEAT ?= 5
RUNTIME_BENCH_PALLETS := frame_system frame_system_extensions cumulus_pallet_parachain_system \
	pallet_timestamp cumulus_pallet_weight_reclaim pallet_balances pallet_transaction_payment \
	pallet_sudo pallet_collator_selection pallet_session cumulus_pallet_xcmp_queue \
	pallet_message_queue
BENCH_PALLETS ?= pallet_ewasm $(RUNTIME_BENCH_PALLETS)
BENCH_TARGET_DIR ?= $(CARGO_TARGET_DIR)-benchmarks
BENCH_RUNTIME_WASM := $(BENCH_TARGET_DIR)/release/wbuild/ewasm-runtime/ewasm_runtime.compact.compressed.wasm
BENCHMARK := $(NODE) benchmark pallet --runtime $(BENCH_RUNTIME_WASM) \
	--genesis-builder=runtime --extrinsic '*' --steps $(BENCH_STEPS) --repeat $(BENCH_REPEAT)
weights: build
	@echo "make weights: the runtime blob with runtime-benchmarks in $(BENCH_TARGET_DIR) (about 25 min the first time, minutes after a pallet change), then about 35 min of benchmarks"
	CARGO_TARGET_DIR=$(BENCH_TARGET_DIR) cargo check --release --locked --features runtime-benchmarks -p ewasm-runtime
	for pallet in $(BENCH_PALLETS); do \
		if [ $$pallet = pallet_ewasm ]; then \
			template=pallets/ewasm/weights.hbs; output=pallets/ewasm/src/weights.rs; \
		else \
			template=runtime/weights.hbs; output=runtime/src/weights/$$pallet.rs; \
		fi; \
		$(BENCHMARK) --pallet $$pallet --template $$template --output $$output || exit 1; \
	done

## relay: the zombienet relay chain node (`polkadot`, rococo-local) and its PVF workers,
## next to ewasm-node; a workspace of its own in relay/ (a long first build). Not linted: it is
## glue around polkadot-sdk's macros, built as it always was
RELAY_BIN := $(CARGO_TARGET_DIR)/release/polkadot
ZOMBIENET := zombienet/node_modules/.bin/zombienet
ZOMBIENET_ENV := RELAY_BIN=$(RELAY_BIN) EWASM_NODE=$(NODE)
relay: setup
	@echo "make relay: the zombienet relay node (polkadot, rococo-local); about 38 min after make build"
	cd relay && env -u RUSTC_WORKSPACE_WRAPPER cargo build --release --locked

## zombienet: spawns the relay chain and parachains 2000 and 2001 for a person to use (see
## README: the ports and how to connect polkadot.js apps); Ctrl-C tears it down
zombienet: build relay
	cd tests && npm run --silent build
	$(ZOMBIENET_ENV) $(ZOMBIENET) spawn --provider native --spawn-concurrency 1 zombienet/network.toml

## zombienet-test: spawns the network, runs zombienet/ewasm.zndsl and tears it down
zombienet-test: build relay
	cd tests && npm run --silent build
	$(ZOMBIENET_ENV) $(ZOMBIENET) test --provider native --spawn-concurrency 1 zombienet/ewasm.zndsl
