//! Logs (Solidity's events): up to four 32-byte topics and data, emitted by the contract as
//! the chain's `ewasm.ContractEmitted` event. By Solidity's convention the first topic is the
//! event's signature hash ([`topic!`](crate::topic)), the next its indexed arguments, and the
//! data its other arguments ABI-encoded.
//!
//! ```no_run
//! use ewasm_sdk::{abi::AbiType, log, topic, Address, U256};
//! let (from, to, amount) = (Address::ZERO, Address([1; 20]), U256::ONE);
//! log::emit(&[topic!("Transfer(address,address,uint256)"), from.encode(), to.encode()], &amount.encode());
//! ```

use crate::{env::offset, sys, Word};

/// Emits a log with `topics` (at most four: more trap) and `data` (`log`). Traps in a static
/// call.
///
/// ```no_run
/// use ewasm_sdk::{abi::AbiType, env, log, topic};
/// // Approval(address indexed owner, address indexed spender, uint256 value)
/// let (owner, spender) = (env::caller(), env::address());
/// let topics = [topic!("Approval(address,address,uint256)"), owner.encode(), spender.encode()];
/// log::emit(&topics, &500u64.encode());
/// ```
pub fn emit(topics: &[Word], data: &[u8]) {
	let topic = |index: usize| topics.get(index).map_or(0, offset);
	// SAFETY: the host reads `data.len()` bytes at the data's offset and 32 bytes at each of
	// the first `topics.len()` topic offsets, all of which point into `data` and `topics`.
	unsafe {
		sys::log(
			offset(data),
			data.len() as i32,
			topics.len() as i32,
			topic(0),
			topic(1),
			topic(2),
			topic(3),
		)
	}
}
