//! Side-by-side benchmarks of pallet-ewasm and its peers: one native mock runtime
//! ([`runtime`]) holding Balances, Timestamp, pallet-revive (EVM bytecode) and pallet-ewasm
//! with the same database weights, and revm as the native floor ([`native_evm`]); and for
//! compute, the parachain's runtime in wasm ([`in_runtime`]) against wasmtime running the same
//! contract natively ([`native_wasm`]).

pub mod chain;
pub mod contracts;
pub mod in_runtime;
pub mod native_evm;
pub mod native_wasm;
pub mod report;
pub mod runtime;
pub mod scenarios;
