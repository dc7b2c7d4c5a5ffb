//! What a contract can read of its call, its block and the chain: safe wrappers of the EEI
//! getters. Each costs the gas of its host function (`ewasm schedule` lists the prices).
//!
//! ```no_run
//! use ewasm_sdk::env;
//! let sender = env::caller();
//! let paid: u128 = env::call_value();
//! let now = env::block_timestamp();
//! # let _ = (sender, paid, now);
//! ```

use crate::{sys, types::Address, Word};

/// The memory offset of `place`, as the host functions take it (wasm32 offsets are 32-bit).
pub(crate) fn offset<T: ?Sized>(place: &T) -> i32 {
	place as *const T as *const u8 as usize as i32
}

/// The memory offset of `place` for the host to write into.
pub(crate) fn offset_mut<T: ?Sized>(place: &mut T) -> i32 {
	place as *mut T as *mut u8 as usize as i32
}

/// Reads the address `write` has the host write at the offset it is given (20 bytes).
fn read_address(write: impl FnOnce(i32)) -> Address {
	let mut address = Address::ZERO;
	write(offset_mut(&mut address.0));
	address
}

/// Reads the value `write` has the host write at the offset it is given (16 bytes,
/// little-endian).
fn read_value(write: impl FnOnce(i32)) -> u128 {
	let mut value = [0u8; 16];
	write(offset_mut(&mut value));
	u128::from_le_bytes(value)
}

/// This contract's address (`getAddress`): the account whose storage and balance the call
/// acts on (the caller's, under `callCode` and `callDelegate`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// let this = env::address();
/// halt::finish_value(&this);
/// ```
pub fn address() -> Address {
	// SAFETY: `getAddress` writes 20 bytes at the offset, an address's.
	read_address(|at| unsafe { sys::getAddress(at) })
}

/// Who called (`getCaller`): the user of a transaction's own frame, the calling contract
/// below it, 0x20 for a receipt's `receiveMessage`.
///
/// ```no_run
/// use ewasm_sdk::{env, halt, Address};
/// const OWNER: Address = Address([0x11; 20]);
/// halt::require(env::caller() == OWNER, "only the owner");
/// ```
pub fn caller() -> Address {
	// SAFETY: `getCaller` writes 20 bytes at the offset, an address's.
	read_address(|at| unsafe { sys::getCaller(at) })
}

/// Who signed the transaction (`getTxOrigin`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// halt::require(env::origin() == env::caller(), "only from a transaction, not a contract");
/// ```
pub fn origin() -> Address {
	// SAFETY: `getTxOrigin` writes 20 bytes at the offset, an address's.
	read_address(|at| unsafe { sys::getTxOrigin(at) })
}

/// The value the call carries, in the chain's smallest unit (`getCallValue`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// const FEE: u128 = 1_000;
/// halt::require(env::call_value() >= FEE, "pay the fee");
/// ```
pub fn call_value() -> u128 {
	// SAFETY: `getCallValue` writes 16 bytes at the offset, a value's.
	read_value(|at| unsafe { sys::getCallValue(at) })
}

/// The balance of any address (`getExternalBalance`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt, Address};
/// let holder = Address([5; 20]);
/// halt::finish_value(&env::balance(&holder));
/// ```
pub fn balance(of: &Address) -> u128 {
	let mut value = [0u8; 16];
	// SAFETY: the host reads 20 bytes at the first offset (`of`) and writes 16 at the
	// second (`value`).
	unsafe { sys::getExternalBalance(offset(&of.0), offset_mut(&mut value)) };
	u128::from_le_bytes(value)
}

/// This contract's balance: `getSelfBalance` with the `v2` feature, `getExternalBalance` of
/// [`address`] without.
///
/// ```no_run
/// use ewasm_sdk::{call, env, halt};
/// halt::require(env::self_balance() >= 500, "not enough funds");
/// call::transfer(&env::caller(), 500);
/// ```
pub fn self_balance() -> u128 {
	#[cfg(feature = "v2")]
	{
		// SAFETY: `getSelfBalance` writes 16 bytes at the offset, a value's.
		read_value(|at| unsafe { sys::getSelfBalance(at) })
	}
	#[cfg(not(feature = "v2"))]
	balance(&address())
}

/// The chain's id (`getChainId`, `v2` feature): on a parachain its para id, which a signed
/// message names so that it is valid on this chain only.
///
/// ```no_run
/// use ewasm_sdk::{env, halt, U256};
/// halt::require(env::chain_id() == U256::from_u128(2000), "signed for parachain 2000");
/// ```
#[cfg(feature = "v2")]
pub fn chain_id() -> crate::U256 {
	let mut id: Word = [0u8; 32];
	// SAFETY: `getChainId` writes 32 bytes at the offset, `id`'s.
	unsafe { sys::getChainId(offset_mut(&mut id)) };
	id.reverse();
	crate::U256::from_be_bytes(id)
}

/// The gas left (`getGasLeft`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// if env::gas_left() < 50_000 {
///     halt::revert_with_message("send more gas");
/// }
/// ```
pub fn gas_left() -> u64 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getGasLeft() as u64 }
}

/// Burns `amount` gas (`useGas`).
///
/// ```no_run
/// use ewasm_sdk::env;
/// env::use_gas(1_000); // a fixed surcharge for an expensive lookup
/// ```
pub fn use_gas(amount: u64) {
	// SAFETY: takes and writes nothing in memory.
	unsafe { sys::useGas(amount as i64) }
}

/// The current block's number (`getBlockNumber`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// const DEADLINE: u64 = 100_000;
/// halt::require(env::block_number() <= DEADLINE, "the sale is over");
/// ```
pub fn block_number() -> u64 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getBlockNumber() as u64 }
}

/// The current block's time, in seconds since the Unix epoch (`getBlockTimestamp`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// const UNLOCK_AT: u64 = 1_700_000_000;
/// halt::require(env::block_timestamp() >= UNLOCK_AT, "still locked");
/// ```
pub fn block_timestamp() -> u64 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getBlockTimestamp() as u64 }
}

/// The block's gas limit (`getBlockGasLimit`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// halt::finish_value(&env::block_gas_limit());
/// ```
pub fn block_gas_limit() -> u64 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getBlockGasLimit() as u64 }
}

/// The block author's address (`getBlockCoinbase`).
///
/// ```no_run
/// use ewasm_sdk::{call, env};
/// let author = env::block_coinbase();
/// call::transfer(&author, 10); // a tip to the block's author
/// ```
pub fn block_coinbase() -> Address {
	// SAFETY: `getBlockCoinbase` writes 20 bytes at the offset, an address's.
	read_address(|at| unsafe { sys::getBlockCoinbase(at) })
}

/// The block's difficulty as a 32-byte little-endian number (`getBlockDifficulty`).
///
/// ```no_run
/// use ewasm_sdk::{env, U256};
/// let mut difficulty = env::block_difficulty();
/// difficulty.reverse(); // little-endian, unlike the other words
/// let difficulty = U256::from_be_bytes(difficulty);
/// # let _ = difficulty;
/// ```
pub fn block_difficulty() -> Word {
	let mut difficulty = [0u8; 32];
	// SAFETY: the host writes exactly 32 bytes at the offset, which `difficulty` holds.
	unsafe { sys::getBlockDifficulty(offset_mut(&mut difficulty)) };
	difficulty
}

/// The price of one unit of gas (`getTxGasPrice`).
///
/// ```no_run
/// use ewasm_sdk::env;
/// let fee = env::gas_price().saturating_mul(21_000);
/// # let _ = fee;
/// ```
pub fn gas_price() -> u128 {
	// SAFETY: `getTxGasPrice` writes 16 bytes at the offset, a value's.
	read_value(|at| unsafe { sys::getTxGasPrice(at) })
}

/// The hash of block `number` if it is one of the 256 before the current one
/// (`getBlockHash`), `None` otherwise.
///
/// ```no_run
/// use ewasm_sdk::env;
/// let previous = env::block_hash(env::block_number().saturating_sub(1));
/// let seed = previous.unwrap_or_default();
/// # let _ = seed;
/// ```
pub fn block_hash(number: u64) -> Option<Word> {
	let mut hash = [0u8; 32];
	// SAFETY: the host writes at most 32 bytes at the offset, which `hash` holds.
	let code = unsafe { sys::getBlockHash(number as i64, offset_mut(&mut hash)) };
	(code == 0).then_some(hash)
}

/// The length of the code running (`getCodeSize`): during a creation, the init code's.
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// halt::finish_value(&env::code_size());
/// ```
pub fn code_size() -> u32 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getCodeSize() as u32 }
}

/// Copies the running code from byte `from` into `into` (`codeCopy`). Traps if the code ends
/// before `into` is full.
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// let mut magic = [0u8; 4];
/// env::code_copy(&mut magic, 0);
/// halt::require(magic == *b"\0asm", "running wasm");
/// ```
pub fn code_copy(into: &mut [u8], from: u32) {
	// SAFETY: the host writes `into.len()` bytes at the offset, which `into` holds.
	unsafe { sys::codeCopy(offset_mut(into), from as i32, into.len() as i32) }
}

/// The length of the code at `address` (`getExternalCodeSize`), 0 without a contract (and for
/// the system contracts).
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// let is_contract = env::code_size_at(&env::caller()) > 0;
/// halt::require(!is_contract, "only accounts, not contracts");
/// ```
pub fn code_size_at(address: &Address) -> u32 {
	// SAFETY: the host reads 20 bytes at the offset (`address`).
	unsafe { sys::getExternalCodeSize(offset(&address.0)) as u32 }
}

/// Copies the code at `address` from byte `from` into `into` (`externalCodeCopy`). Traps if
/// the code ends before `into` is full.
///
/// ```no_run
/// use ewasm_sdk::{env, Address};
/// let token = Address([7; 20]);
/// let mut header = [0u8; 8];
/// if env::code_size_at(&token) >= 8 {
///     env::code_copy_at(&token, &mut header, 0);
/// }
/// ```
pub fn code_copy_at(address: &Address, into: &mut [u8], from: u32) {
	// SAFETY: the host reads 20 bytes at the first offset (`address`) and writes
	// `into.len()` bytes at the second (`into`).
	unsafe {
		sys::externalCodeCopy(offset(&address.0), offset_mut(into), from as i32, into.len() as i32)
	}
}

/// The keccak256 of the code at `address` (`getExternalCodeHash`, `v2` feature): Ethereum's
/// `EXTCODEHASH` of a contract; `None` where no contract lives (and while its init code runs).
///
/// ```no_run
/// use ewasm_sdk::{env, halt, keccak::keccak256, Address};
/// const AUDITED: [u8; 32] = keccak256(b"the audited code");
/// let token = Address([7; 20]);
/// halt::require(env::code_hash_at(&token) == Some(AUDITED), "only the audited token");
/// ```
#[cfg(feature = "v2")]
pub fn code_hash_at(address: &Address) -> Option<Word> {
	let mut hash: Word = [0u8; 32];
	// SAFETY: the host reads 20 bytes at the first offset (`address`) and writes 32 at the
	// second (`hash`).
	unsafe { sys::getExternalCodeHash(offset(&address.0), offset_mut(&mut hash)) };
	(hash != [0u8; 32]).then_some(hash)
}
