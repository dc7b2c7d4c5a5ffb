//! The `ewasm` tool's library: the in-memory runtime it runs contracts in ([`runtime`],
//! [`sandbox`]), its commands ([`statetest`], [`run`], [`schedule`], [`scout`], [`contract`]) and the
//! off-chain test helper for contract authors ([`testing`]). The `ewasm` binary
//! (`src/main.rs`) parses the command line and calls the commands.

pub mod code;
pub mod contract;
pub mod logs;
pub mod parse;
pub mod rlp;
pub mod run;
pub mod runtime;
pub mod sandbox;
pub mod schedule;
pub mod scout;
pub mod sections;
pub mod statetest;
pub mod testing;
pub mod vm;

/// Exit code when a test or the contract failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code when an input could not be read or understood.
pub const EXIT_BAD_INPUT: u8 = 2;
