//! In-runtime compute: the parachain's own runtime (the wasm blob `make build` makes) run as a
//! node runs it, by `sc-executor` with wasmtime, on its development genesis with the SDK's
//! SHA-256 contract installed, and called through the `EwasmApi::call` runtime API (the dry
//! run behind `ewasm.call`): pallet-ewasm's interpreter inside the runtime's wasm, which the
//! native mock runtime of the other scenarios does not show.
//!
//! A dry run that succeeds runs the call exactly twice (its run, then the check that the gas
//! it used suffices: `pallet_ewasm::dry_run`), so one call's time is half the API call's,
//! after the executor's own cost ([`RuntimeInWasm::version`], the cheapest runtime call).

use codec::{Decode, Encode};
use ewasm_primitives::{api::DryRun, Address};
use polkadot_sdk::{
	cumulus_primitives_proof_size_hostfunction::storage_proof_size,
	sc_executor::WasmExecutor,
	sp_core::{
		crypto::AccountId32,
		traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode},
		Blake2Hasher,
	},
	sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET},
	sp_io::SubstrateHostFunctions,
	sp_state_machine::TestExternalities,
};
use std::{borrow::Cow, path::PathBuf};

/// The host functions the parachain's node gives its runtime.
type HostFunctions = (SubstrateHostFunctions, storage_proof_size::HostFunctions);

/// Where the SHA-256 contract is installed.
pub const SHA256: Address = Address([0x5a; 20]);

/// Gas of each call: what the runtime lets one extrinsic carry at most (the dry run clamps it).
const GAS_LIMIT: u64 = u64::MAX;

/// The runtime's wasm blob: `$EWASM_RUNTIME_WASM`, else the one `make build` leaves in the
/// target directory.
pub fn runtime_blob_path() -> PathBuf {
	if let Some(path) = std::env::var_os("EWASM_RUNTIME_WASM") {
		return path.into();
	}
	let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
		|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")),
		PathBuf::from,
	);
	target.join("release/wbuild/ewasm-runtime/ewasm_runtime.compact.compressed.wasm")
}

/// `patch` applied to `base`: objects merged key by key, anything else replaced.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The parachain's runtime in its wasm, on a state of its own.
pub struct RuntimeInWasm {
	executor: WasmExecutor<HostFunctions>,
	blob: Vec<u8>,
	state: TestExternalities<Blake2Hasher>,
}

impl RuntimeInWasm {
	/// The runtime at [`runtime_blob_path`] on its development genesis, with `sha256` (a
	/// contract's code) installed at [`SHA256`].
	pub fn new(sha256: &[u8]) -> Result<RuntimeInWasm, String> {
		let path = runtime_blob_path();
		let blob = std::fs::read(&path)
			.map_err(|error| format!("{}: {error} (run `make build` first)", path.display()))?;
		let mut runtime = RuntimeInWasm {
			executor: WasmExecutor::builder().build(),
			blob,
			state: TestExternalities::new_empty(),
		};
		// The default configuration, patched by the preset, as a node's chain-spec builder does.
		let mut genesis = runtime.preset(None)?;
		merge(&mut genesis, runtime.preset(Some(PresetId::from(DEV_RUNTIME_PRESET)))?);
		genesis["ewasm"]["contracts"] = serde_json::json!([{
			"address": format!("0x{}", hex::encode(SHA256.0)),
			"code": format!("0x{}", hex::encode(sha256)),
			"storage": [],
			"nonce": 0,
		}]);
		let built =
			runtime.call("GenesisBuilder_build_state", &genesis.to_string().into_bytes())?;
		Result::<(), String>::decode(&mut &built[..]).map_err(|error| error.to_string())??;
		runtime.state.commit_all()?;
		Ok(runtime)
	}

	/// The runtime's genesis preset `id` (JSON), its default configuration for `None`.
	fn preset(&mut self, id: Option<PresetId>) -> Result<serde_json::Value, String> {
		let preset = self.call("GenesisBuilder_get_preset", &id)?;
		let preset = Option::<Vec<u8>>::decode(&mut &preset[..])
			.map_err(|error| error.to_string())?
			.ok_or_else(|| format!("the runtime has no preset {id:?}"))?;
		serde_json::from_slice(&preset).map_err(|error| error.to_string())
	}

	/// Runtime function `method` with the encoded `arguments`: its encoded result.
	fn call(&mut self, method: &str, arguments: &impl Encode) -> Result<Vec<u8>, String> {
		let code = WrappedRuntimeCode(Cow::Borrowed(&self.blob));
		let runtime_code = RuntimeCode { code_fetcher: &code, heap_pages: None, hash: vec![1] };
		let (result, _) = self.executor.call(
			&mut self.state.ext(),
			&runtime_code,
			method,
			&arguments.encode(),
			CallContext::Offchain,
		);
		result.map_err(|error| format!("{method}: {error}"))
	}

	/// `EwasmApi::call` of `dest` with `input` from an account of no funds, no value.
	pub fn dry_run(&mut self, dest: Address, input: &[u8]) -> Result<DryRun, String> {
		let origin = AccountId32::new([1; 32]);
		let returned =
			self.call("EwasmApi_call", &(origin, dest, 0u128, GAS_LIMIT, input.to_vec()))?;
		DryRun::decode(&mut &returned[..]).map_err(|error| error.to_string())
	}

	/// `Core::version`: the executor's cost of a runtime call that does nothing.
	pub fn version(&mut self) -> Result<(), String> {
		self.call("Core_version", &()).map(drop)
	}
}
