//! Limits a contract can observe. Changing one of them can break deployed contracts, so
//! they are constants here rather than `Config` items.
//!
//! # Call depth
//!
//! [`MAX_CALL_DEPTH`] is 32 frames, far below Ethereum's 1024, for three reasons measured
//! against the runtime: every frame is one FRAME storage transaction layer and FRAME allows
//! at most 255 nested layers; every frame is a nested wasmi execution on the runtime's native
//! and shadow stacks (1 MiB each inside the wasm runtime); and every live frame holds
//! [`MAX_WASM_STACK_BYTES`] of value stack besides its memory, which all frames together keep
//! within [`MAX_CALL_STACK_HEAP_BYTES`] of the runtime's heap, and its compiled code besides. A call or creation beyond the limit fails
//! (result 1) without running, as in Ethereum.
//!
//! # Module shape
//!
//! Module shape limits (globals, functions, segments, params) are wasmi's strict
//! `EnforcedLimits`, pinned with the engine configuration in `vm::prepare`: at most 1000
//! globals, 10 000 functions, one memory, 1000 data and 1000 element segments, 32 params or
//! results per function, and at least 40 bytes per function body on average once bodies
//! exceed 1000 bytes. Locals are bounded by validation ([`MAX_FUNCTION_LOCALS`] per function)
//! and, at run time, by the value stack limit.

/// Largest linear memory a contract may declare or grow to, in 64 KiB pages (8 MiB: room for
/// rustc's default 1 MiB stack and large init code).
pub const MAX_MEMORY_PAGES: u32 = 128;

/// Largest linear memory in bytes, as enforced by the store limiter.
pub const MAX_MEMORY_BYTES: usize = MAX_MEMORY_PAGES as usize * 65_536;

/// Largest heap all live frames of one transaction may hold together (48 MiB), counted as the
/// runtime's allocator gives it out (see `vm::limiter`): their linear memories' buffers as
/// they grow, their value stacks, their compiled code and bookkeeping, and the bytes they
/// copied out of their memories and keep (the call data of a nested call, a frame's output
/// that becomes its caller's return data). Five frames of the largest memory fit; so do
/// [`MAX_CALL_DEPTH`] + 1 frames of code up to 41 KiB with small memories, and 17 of the largest
/// code (128 KiB on the parachain: 2.5 MiB each for its code). Deep call stacks of
/// large contracts run out of it before the runtime's heap does: a frame whose memory, value
/// stack or code it cannot hold does not start (its caller sees 1); a call whose call data it
/// cannot hold fails (1); a `finish` or `revert` whose output it cannot hold traps.
pub const MAX_CALL_STACK_HEAP_BYTES: usize = 48 * 1024 * 1024;

/// The runtime's heap: 2048 pages of 64 KiB, what `sc-executor` gives a runtime call by default
/// (`DEFAULT_HEAP_ALLOC_STRATEGY`: 2048 pages besides the runtime's own memory, 25 pages for
/// this runtime on 2026-12-02), and less than the relay chain's validators leave
/// `validate_block` by default (2080 pages in all, the runtime's own included).
/// `integrity_test` checks that the call stack's worst case takes at most half of it.
pub const RUNTIME_HEAP_BYTES: usize = 2048 * 65_536;

/// The heap a frame's compiled code is charged per byte of code, allocator rounding included:
/// wasmi's translation into its own instructions. With [`FRAME_BOOKKEEPING_HEAP_BYTES`] it is
/// what the call stack's budget charges each frame for its code; the pallet's `heap` tests
/// measure frames of the densest code, of the most functions and of the largest table,
/// globals and data segments against that charge, and fail if a wasmi upgrade exceeds it.
pub const COMPILED_CODE_HEAP_PER_CODE_BYTE: usize = 16;

/// The heap a frame is charged besides its compiled code: its engine, store, instance (up to
/// the largest table, 1000 globals and 1000 data segments) and host state, its wasm call stack
/// ([`MAX_WASM_RECURSION_DEPTH`] frames) and its copy of the code (measured: at most about
/// 410 KiB with the allocator's rounding, for the largest table, globals and segments).
pub const FRAME_BOOKKEEPING_HEAP_BYTES: usize = 512 * 1024;

/// Most topics one `log` may carry.
pub const MAX_LOG_TOPICS: u32 = 4;

/// Deepest wasm call stack (nested wasm function calls inside one contract execution).
pub const MAX_WASM_RECURSION_DEPTH: usize = 1024;

/// The wasm value stack of one execution, in bytes (256 KiB: 32 768 values). The engine
/// allocates it whole when the execution starts (so it never moves as it fills) and the call
/// stack's budget counts it while the frame runs.
pub const MAX_WASM_STACK_BYTES: usize = 256 * 1024;

/// Deepest call stack of contract frames: the transaction's own frame is depth 0, so at most
/// 33 frames are live. See the module documentation.
pub const MAX_CALL_DEPTH: u32 = 32;

/// Most elements a contract's table may hold or grow to.
pub const MAX_TABLE_ELEMENTS: usize = 4096;

/// Most locals one function may declare, besides its parameters (validation refuses more). A
/// call initializes every local of the function it enters for the fuel of one call, so their
/// number is bounded (pallet-contracts chose the same number), and the `instr_call_locals`
/// benchmark measures calls of a function with this many.
pub const MAX_FUNCTION_LOCALS: u32 = 1024;

/// Most locals one function of an execution environment (`crate::ee`) may declare, besides
/// its parameters. EEs compiled from C without optimization declare thousands (the Scout
/// suite's reference Keccak, 12 628). It is the value stack's bytes over 16: a function with
/// this many fills about all of the stack (so wasmi's cells take 16 bytes, not 8), and one that
/// `main` calls overflows it and traps (measured: 16 256 locals enter from a `main` of one
/// local). A trap is all that happens, so the limit stays where C-compiled EEs need it.
pub const MAX_EE_FUNCTION_LOCALS: u32 = (MAX_WASM_STACK_BYTES / 16) as u32;

/// Most locals the functions of an execution environment may declare together, besides their
/// parameters: compiling its code visits each of them, on every block, so without this bound
/// 10 000 small functions of [`MAX_EE_FUNCTION_LOCALS`] locals each would take far longer to
/// compile than code of their size (the weight's per-byte worst cases are measured on one
/// local a function). The Scout suite's largest, the reference Keccak, declares 25 947.
pub const MAX_EE_MODULE_LOCALS: u32 = 65_536;

/// Most parameters one function may take: wasmi's strict module limits (see `vm::prepare`).
pub const MAX_FUNCTION_PARAMS: u32 = 32;
