#!/usr/bin/env bash
# Installs everything this repository needs on a fresh Debian machine; safe to run again.
#
# - Debian packages: protobuf-compiler, clang, libclang-dev (the node's build), make, binaryen
#   (`ewasm build` shrinks contracts with its wasm-opt), Node.js and npm (the end-to-end
#   tests) when missing;
# - Rust: the wasm32v1-none target and rust-src (the runtime's wasm build), rustfmt, clippy;
# - npm packages of tests/ (polkadot.js 16.5.6, wabt, typescript), zombienet/
#   (@zombienet/cli) and benches/peers/solidity/ (solc-js 0.8.28, the peers benchmark's
#   Solidity compiler), from their lockfiles.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(protobuf-compiler clang libclang-dev pkg-config make binaryen)
command -v node >/dev/null || apt_packages+=(nodejs)
command -v npm >/dev/null || apt_packages+=(npm)

missing=()
for package in "${apt_packages[@]}"; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$package")
done
if ((${#missing[@]})); then
	echo "setup: installing ${missing[*]}"
	sudo_cmd=()
	[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
	"${sudo_cmd[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

if ! command -v rustup >/dev/null; then
	echo "setup: rustup is required (https://rustup.rs); install it and run again" >&2
	exit 1
fi
installed_targets=$(rustup target list --installed)
grep -qx wasm32v1-none <<<"$installed_targets" || rustup target add wasm32v1-none
installed_components=$(rustup component list --installed)
for component in rust-src rustfmt clippy; do
	grep -q "^$component" <<<"$installed_components" || rustup component add "$component"
done

for dir in tests zombienet benches/peers/solidity; do
	if [[ ! -d $dir/node_modules ]] || [[ $dir/package-lock.json -nt $dir/node_modules ]]; then
		echo "setup: installing the npm packages of $dir/"
		(cd "$dir" && npm ci --no-audit --no-fund)
		touch "$dir/node_modules"
	fi
done
