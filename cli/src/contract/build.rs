//! Building a contract crate: cargo for `wasm32v1-none` with a size-optimised profile, twice
//! (the contract, then its init code with the SDK's `deploy` feature, which embeds the
//! contract), `wasm-opt` when it is installed, [`strip`](super::strip) and the pallet's own
//! validation of both modules.

use super::strip::{imports, strip};
use crate::runtime::{Runtime, ScheduleChoice};
use polkadot_sdk::sp_io::TestExternalities;
use std::{
	path::{Path, PathBuf},
	process::Command,
};

/// The target contracts are built for: wasm 1.0 (MVP) with mutable globals, what the pallet
/// accepts.
pub const TARGET: &str = "wasm32v1-none";

/// The Rust stack of a contract by default (64 KiB): the linear memory a call starts with is
/// the stack plus the static data, and every page of it is paid for.
pub const DEFAULT_STACK_SIZE: u32 = 64 * 1024;

/// How to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
	/// The Rust stack's size in bytes.
	pub stack_size: u32,
	/// Whether to run binaryen's `wasm-opt -Oz` when it is on the `PATH`.
	pub wasm_opt: bool,
}

impl Default for BuildOptions {
	fn default() -> Self {
		BuildOptions { stack_size: DEFAULT_STACK_SIZE, wasm_opt: true }
	}
}

/// A built contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
	/// The crate's library name (the module's file name without `.wasm`).
	pub name: String,
	/// The contract's code, as the pallet stores it.
	pub code: Vec<u8>,
	/// The init code that runs the constructor and deploys `code`.
	pub init_code: Vec<u8>,
	/// The contract's imports, `namespace.name`.
	pub imports: Vec<String>,
	/// Where `code` was written: `<target dir>/ewasm/<name>.wasm`.
	pub code_path: PathBuf,
	/// Where `init_code` was written: `<target dir>/ewasm/<name>.deploy.wasm`.
	pub init_code_path: PathBuf,
	/// Whether `wasm-opt` optimised them.
	pub optimised: bool,
}

/// The crate at `manifest` as cargo describes it: its package name, its `cdylib`'s name and
/// the target directory.
struct Package {
	name: String,
	lib_name: String,
	target_dir: PathBuf,
}

fn package(manifest: &Path) -> Result<Package, String> {
	let output = Command::new(cargo())
		.args(["metadata", "--no-deps", "--format-version", "1", "--manifest-path"])
		.arg(manifest)
		.output()
		.map_err(|error| format!("cannot run cargo: {error}"))?;
	if !output.status.success() {
		return Err(format!(
			"cargo metadata failed for {}: {}",
			manifest.display(),
			String::from_utf8_lossy(&output.stderr).trim()
		));
	}
	let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
		.map_err(|error| format!("cargo metadata's output: {error}"))?;
	let manifest =
		manifest.canonicalize().map_err(|error| format!("{}: {error}", manifest.display()))?;
	let package = metadata["packages"]
		.as_array()
		.into_iter()
		.flatten()
		.find(|package| {
			package["manifest_path"].as_str().map(PathBuf::from).as_deref() == Some(&*manifest)
		})
		.ok_or_else(|| format!("no package in {}", manifest.display()))?;
	let name = package["name"].as_str().unwrap_or_default().to_string();
	let lib_name =
		package["targets"]
			.as_array()
			.into_iter()
			.flatten()
			.find(|target| {
				target["crate_types"]
					.as_array()
					.is_some_and(|types| types.iter().any(|t| t == "cdylib"))
			})
			.and_then(|target| target["name"].as_str())
			.map(|name| name.replace('-', "_"))
			.ok_or_else(|| {
				format!("{name} has no cdylib: a contract crate needs `[lib] crate-type = [\"cdylib\"]`")
			})?;
	let target_dir = PathBuf::from(metadata["target_directory"].as_str().unwrap_or("target"));
	Ok(Package { name, lib_name, target_dir })
}

/// The cargo to run: the one running us, if any (`CARGO`), else `cargo`.
fn cargo() -> String {
	std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Runs cargo's release build of the package for [`TARGET`] with the contract profile
/// (`opt-level = "z"`, fat LTO, one codegen unit, `panic = "abort"`, no debug info, whatever
/// the crate's or workspace's profile says) and `extra` settings; returns the module built.
fn cargo_build(
	manifest: &Path,
	package: &Package,
	options: &BuildOptions,
	configure: impl FnOnce(&mut Command),
) -> Result<Vec<u8>, String> {
	let mut command = Command::new(cargo());
	command
		.args(["build", "--release", "--lib", "--target", TARGET, "--manifest-path"])
		.arg(manifest)
		.args(["-p", &package.name])
		.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z")
		.env("CARGO_PROFILE_RELEASE_LTO", "fat")
		.env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1")
		.env("CARGO_PROFILE_RELEASE_PANIC", "abort")
		.env("CARGO_PROFILE_RELEASE_DEBUG", "false")
		.env("CARGO_PROFILE_RELEASE_INCREMENTAL", "false")
		.env(
			"CARGO_TARGET_WASM32V1_NONE_RUSTFLAGS",
			format!("-C link-arg=-zstack-size={}", options.stack_size),
		)
		// A build for the contract, not for the tool or node whose build may have called us.
		.env_remove("RUSTC_WORKSPACE_WRAPPER")
		.env_remove("RUSTC_WRAPPER");
	configure(&mut command);
	let status = command.status().map_err(|error| format!("cannot run cargo: {error}"))?;
	if !status.success() {
		return Err(format!("cargo build of {} failed", package.name));
	}
	let module =
		package.target_dir.join(TARGET).join("release").join(format!("{}.wasm", package.lib_name));
	std::fs::read(&module).map_err(|error| format!("cannot read {}: {error}", module.display()))
}

/// `code` through `wasm-opt -Oz` (wasm 1.0 features only) if it is on the `PATH`; `None` if
/// it is not, or it failed (the build goes on without it).
fn wasm_opt(code: &[u8], scratch: &Path) -> Option<Vec<u8>> {
	let input = scratch.with_extension("in.wasm");
	let output = scratch.with_extension("opt.wasm");
	std::fs::write(&input, code).ok()?;
	let status = Command::new("wasm-opt")
		.args([
			"-Oz",
			"--mvp-features",
			"--enable-mutable-globals",
			"--strip-debug",
			"--strip-producers",
		])
		.arg(&input)
		.arg("-o")
		.arg(&output)
		.status();
	let optimised =
		status.ok().filter(|status| status.success()).and_then(|_| std::fs::read(&output).ok());
	let _ = std::fs::remove_file(&input);
	let _ = std::fs::remove_file(&output);
	optimised
}

/// The module as the chain will see it: optimised if asked and possible, stripped, and
/// validated by the pallet with `validate` (`what` names it in the error: the contract and its
/// init code, by the same rules; an execution environment by its own).
fn finish_module(
	code: Vec<u8>,
	scratch: &Path,
	options: &BuildOptions,
	what: &str,
	validate: fn(&[u8]) -> Result<(), String>,
) -> Result<(Vec<u8>, bool), String> {
	let optimised = options.wasm_opt.then(|| wasm_opt(&code, scratch)).flatten();
	let was_optimised = optimised.is_some();
	let code = strip(&optimised.unwrap_or(code))?;
	validate(&code).map_err(|error| format!("the pallet refuses the {what}: {error}"))?;
	Ok((code, was_optimised))
}

/// Whether the pallet registers `code` as an execution environment (`register_ee`'s checks:
/// valid, and it instantiates under the chain's schedule): `Err` names the problem.
pub fn validate_ee(code: &[u8]) -> Result<(), String> {
	let prepared = pallet_ewasm::ee::prepare(code).map_err(|error| format!("{error:?}"))?;
	let schedule = ScheduleChoice::Chain.schedule();
	match pallet_ewasm::ee::instantiates(&prepared, &schedule) {
		true => Ok(()),
		false => Err("it does not instantiate (a data segment outside its memory)".into()),
	}
}

/// Whether the pallet accepts `code` for deployment on a chain without the `debug`
/// namespace: `Err` names the pallet's error.
pub fn validate(code: &[u8]) -> Result<(), String> {
	TestExternalities::default().execute_with(|| {
		pallet_ewasm::exec::validate::<Runtime>(code, None).map_err(|error| match error {
			polkadot_sdk::sp_runtime::DispatchError::Module(module) => {
				module.message.unwrap_or("a pallet error").to_string()
			}
			other => format!("{other:?}"),
		})
	})
}

/// A crate's module as its first build makes it: cargo's build, finished
/// ([`finish_module`], validated by `validate` as `what`) and written to
/// `<target dir>/ewasm/<name>.wasm`.
struct FirstBuild {
	manifest: PathBuf,
	package: Package,
	code: Vec<u8>,
	code_path: PathBuf,
	/// The base of the scratch files `wasm-opt` works on.
	scratch: PathBuf,
	optimised: bool,
}

fn first_build(
	path: &Path,
	options: &BuildOptions,
	what: &str,
	validate: fn(&[u8]) -> Result<(), String>,
) -> Result<FirstBuild, String> {
	let manifest = path.join("Cargo.toml");
	let package = package(&manifest)?;
	let out_dir = package.target_dir.join("ewasm");
	std::fs::create_dir_all(&out_dir).map_err(|error| format!("{}: {error}", out_dir.display()))?;
	let code_path = out_dir.join(format!("{}.wasm", package.lib_name));
	let scratch = out_dir.join(&package.lib_name);
	let code = cargo_build(&manifest, &package, options, |_| {})?;
	let (code, optimised) = finish_module(code, &scratch, options, what, validate)?;
	std::fs::write(&code_path, &code)
		.map_err(|error| format!("{}: {error}", code_path.display()))?;
	Ok(FirstBuild { manifest, package, code, code_path, scratch, optimised })
}

/// Builds the contract crate at `path` (a directory with a `Cargo.toml`): its code and its init
/// code, validated, written to `<target dir>/ewasm/`.
pub fn build(path: &Path, options: &BuildOptions) -> Result<Built, String> {
	let FirstBuild { manifest, package, code, code_path, scratch, optimised } =
		first_build(path, options, "contract", validate)?;
	let init_code_path =
		package.target_dir.join("ewasm").join(format!("{}.deploy.wasm", package.lib_name));
	let init_code = cargo_build(&manifest, &package, options, |command| {
		command.arg("--features").arg("ewasm-sdk/deploy").env("EWASM_DEPLOYED_CODE", &code_path);
	})?;
	let (init_code, _) = finish_module(init_code, &scratch, options, "init code", validate)?;
	std::fs::write(&init_code_path, &init_code)
		.map_err(|error| format!("{}: {error}", init_code_path.display()))?;
	Ok(Built {
		name: package.lib_name,
		imports: imports(&code)?,
		code,
		init_code,
		code_path,
		init_code_path,
		optimised,
	})
}

/// A built execution environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltEe {
	/// The crate's library name (the module's file name without `.wasm`).
	pub name: String,
	/// The EE's code, as `register_ee` takes it.
	pub code: Vec<u8>,
	/// Its imports, `namespace.name`.
	pub imports: Vec<String>,
	/// Where `code` was written: `<target dir>/ewasm/<name>.wasm`.
	pub code_path: PathBuf,
	/// Whether `wasm-opt` optimised it.
	pub optimised: bool,
}

/// Builds the execution environment crate at `path` (a directory with a `Cargo.toml`, using
/// ewasm-sdk's `ee` feature): one module, validated as `register_ee` validates it, written to
/// `<target dir>/ewasm/`.
pub fn build_ee(path: &Path, options: &BuildOptions) -> Result<BuiltEe, String> {
	let FirstBuild { package, code, code_path, optimised, .. } =
		first_build(path, options, "execution environment", validate_ee)?;
	Ok(BuiltEe { name: package.lib_name, imports: imports(&code)?, code, code_path, optimised })
}
