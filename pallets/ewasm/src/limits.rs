//! Limits a contract can observe. Changing one of them can break deployed contracts, so
//! they are constants here rather than `Config` items.
//!
//! Module shape limits (globals, functions, segments, params) are wasmi's strict
//! `EnforcedLimits`, pinned with the engine configuration in `vm::prepare`: at most 1000
//! globals, 10 000 functions, one memory, 1000 data and 1000 element segments, 32 params or
//! results per function, and at least 40 bytes per function body on average once bodies
//! exceed 1000 bytes.

/// Largest linear memory a contract may declare or grow to, in 64 KiB pages (1 MiB).
pub const MAX_MEMORY_PAGES: u32 = 16;

/// Largest linear memory in bytes, as enforced by the store limiter.
pub const MAX_MEMORY_BYTES: usize = MAX_MEMORY_PAGES as usize * 65_536;

/// Most topics one `log` may carry.
pub const MAX_LOG_TOPICS: u32 = 4;

/// Deepest wasm call stack (nested wasm function calls inside one contract execution).
pub const MAX_WASM_RECURSION_DEPTH: usize = 1024;

/// Largest wasm value stack of one execution, in bytes (1 MiB).
pub const MAX_WASM_STACK_BYTES: usize = 1024 * 1024;

/// Most elements a contract's table may hold or grow to.
pub const MAX_TABLE_ELEMENTS: usize = 4096;
