//! The EE host functions (`ewasm_primitives::eei::ee`), each linked under both of Scout's
//! names, and the state they work on. Each charges its price from the EE's schedule before it
//! does any work (the contracts' prices of the same work: a copy, a log, a bignum operation);
//! every memory access is bounds-checked and traps out of bounds; nothing here can fail the
//! runtime.

use super::ledger::{EeCall, Ledger};
use crate::{
	gas::{self, HostCosts},
	vm::{
		limiter::{BudgetedBytes, FrameLimiter, MemoryBudget},
		runtime::{
			bignum_binary, bignum_mulmod, charge, check_range, copy_to_memory, ecrecover, gas_left,
			hash_function, read, read_array, refund_gas, write, GasMeter, GuestMemory, HostResult,
			HostTrap, Metered, HOST_HASHES,
		},
	},
};
use alloc::{boxed::Box, format, string::String, vec::Vec};
use ewasm_primitives::{
	address::ADDRESS_LEN,
	eei::ee::{EeGroup, EE_ENV_NAMESPACE},
	value::{decode_value, encode_value, Word, VALUE_LEN},
	Address,
};
use wasmi::{Caller, IntoFunc, Linker, Memory};

/// Log target of the EEs' `debug` functions.
pub const EE_LOG_TARGET: &str = "runtime::ewasm::ee";

/// The bytes of a deposit: pubkey 48, withdrawal credentials 32, amount (u64 big-endian) 8,
/// signature 96.
pub const DEPOSIT_BYTES: usize = 184;

/// The most deposits one block may make: the beacon chain's limit per block.
pub const MAX_DEPOSITS_PER_BLOCK: usize = 16;

/// A deposit an EE recorded with `pushNewDeposit`, as its 184 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deposit(pub [u8; DEPOSIT_BYTES]);

impl Deposit {
	/// The validator's BLS public key (48 bytes).
	pub fn pubkey(&self) -> &[u8] {
		&self.0[..48]
	}

	/// The withdrawal credentials (32 bytes).
	pub fn withdrawal_credentials(&self) -> &[u8] {
		&self.0[48..80]
	}

	/// The amount, in the deposit's unit (Gwei on the beacon chain).
	pub fn amount(&self) -> u64 {
		let mut amount = [0u8; 8];
		amount.copy_from_slice(&self.0[80..88]);
		u64::from_be_bytes(amount)
	}

	/// The signature (96 bytes).
	pub fn signature(&self) -> &[u8] {
		&self.0[88..]
	}
}

/// What a wasmi store carries through one block of an EE.
pub struct EeState {
	/// The root the block runs on (`loadPreStateRoot`).
	pub pre_root: Word,
	/// The block's data (`blockDataSize`, `blockDataCopy`), counted in the heap budget.
	pub block_data: BudgetedBytes,
	/// The root saved last (`savePostStateRoot`).
	pub post_root: Option<Word>,
	/// The deposits recorded (`pushNewDeposit`).
	pub deposits: Vec<Deposit>,
	/// The EE's exported memory, set once it is instantiated.
	pub memory: Option<Memory>,
	/// Its memory's growth limits.
	pub limits: FrameLimiter,
	/// The heap budget it shares with the EEs that called it and that it calls.
	pub budget: MemoryBudget,
	/// Its gas.
	pub meter: GasMeter,
	/// The prices of its host functions.
	pub costs: HostCosts,
	/// Who sent the block, with what value, and the EE's balance.
	pub ledger: Box<dyn Ledger>,
}

impl GuestMemory for EeState {
	fn guest_memory(&self) -> Option<Memory> {
		self.memory
	}
}

impl Metered for EeState {
	fn meter(&self) -> &GasMeter {
		&self.meter
	}

	fn meter_mut(&mut self) -> &mut GasMeter {
		&mut self.meter
	}

	fn costs(&self) -> &HostCosts {
		&self.costs
	}
}

type Ctx<'a> = Caller<'a, EeState>;

/// Defines `function` of `group` under both of its names: `env.<group>_<function>` and
/// `<group>.<function>`.
fn define<Params, Args>(
	linker: &mut Linker<EeState>,
	group: EeGroup,
	function: &str,
	func: impl IntoFunc<EeState, Params, Args> + Clone,
) -> Result<(), wasmi::Error> {
	let prefixed = format!("{}_{function}", group.namespace());
	linker.func_wrap(EE_ENV_NAMESPACE, &prefixed, func.clone())?;
	linker.func_wrap(group.namespace(), function, func)?;
	Ok(())
}

/// Charges the price `price` gives from the EE's prices, or traps out of gas (all of it burnt).
fn charge_price(c: &mut Ctx<'_>, price: impl FnOnce(&HostCosts) -> u64) -> HostResult<()> {
	let gas = price(&c.data().costs);
	charge(c, gas)
}

/// The block's data, where `blockDataCopy` copies from.
fn block_data(state: &EeState) -> &[u8] {
	&state.block_data
}

/// Links every EE host function.
pub fn link(linker: &mut Linker<EeState>) -> Result<(), wasmi::Error> {
	use EeGroup::{Bignum, Crypto, Debug, Eth2};

	// loadPreStateRoot(ptr). Writes the 32-byte root the block runs on. Price: a copy of 32
	// bytes.
	define(linker, Eth2, "loadPreStateRoot", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.copy(32))?;
		let root = c.data().pre_root;
		write(&mut c, ptr, &root)
	})?;

	// blockDataSize() -> i32. The block data's length. Price: `base`.
	define(linker, Eth2, "blockDataSize", |mut c: Ctx<'_>| -> HostResult<i32> {
		charge_price(&mut c, |costs| costs.base)?;
		Ok(c.data().block_data.len() as i32)
	})?;

	// blockDataCopy(ptr, offset, length). Copies `data[offset..offset + length]` to `ptr`.
	// Price: a copy of `length` bytes, charged first. Traps: the range lies past the data's
	// end; out-of-bounds memory; out of gas.
	define(
		linker,
		Eth2,
		"blockDataCopy",
		|mut c: Ctx<'_>, ptr: i32, offset: i32, length: i32| -> HostResult<()> {
			charge_price(&mut c, |costs| costs.copy(length as u32))?;
			copy_to_memory(&mut c, ptr, block_data, offset, length, HostTrap::BlockDataOutOfBounds)
		},
	)?;

	// savePostStateRoot(ptr). Reads 32 bytes: the root the block leaves (the last saved).
	// Price: a copy of 32 bytes.
	define(linker, Eth2, "savePostStateRoot", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.copy(32))?;
		let root: Word = read_array(&c, ptr)?;
		c.data_mut().post_root = Some(root);
		Ok(())
	})?;

	// pushNewDeposit(ptr, length). Records the deposit of `length` bytes at `ptr` (an event
	// where a block of the chain made it). Price: a `log` of 184 bytes without topics. Traps: a
	// length other than 184; more than `MAX_DEPOSITS_PER_BLOCK` deposits; out-of-bounds memory;
	// out of gas.
	define(
		linker,
		Eth2,
		"pushNewDeposit",
		|mut c: Ctx<'_>, ptr: i32, length: i32| -> HostResult<()> {
			charge_price(&mut c, |costs| costs.log(0, DEPOSIT_BYTES as u32))?;
			if length as u32 as usize != DEPOSIT_BYTES
				|| c.data().deposits.len() >= MAX_DEPOSITS_PER_BLOCK
			{
				return Err(HostTrap::DepositInvalid.into());
			}
			let deposit = read_array::<_, DEPOSIT_BYTES>(&c, ptr)?;
			c.data_mut().deposits.push(Deposit(deposit));
			Ok(())
		},
	)?;

	// useTicks(ticks). Nothing: instructions are metered by gas (Scout's own metering). Price:
	// `base`.
	define(linker, Eth2, "useTicks", |mut c: Ctx<'_>, _ticks: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.base)
	})?;

	// getCaller(ptr). Writes the 20-byte address of who sent the block. Price: `base`.
	define(linker, Eth2, "getCaller", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.base)?;
		let caller = c.data().ledger.caller();
		write(&mut c, ptr, &caller.0)
	})?;

	// getCallValue(ptr). Writes the value sent with the block, 16 bytes little-endian. Price:
	// `base`.
	define(linker, Eth2, "getCallValue", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.base)?;
		let value = c.data().ledger.call_value();
		write(&mut c, ptr, &encode_value(value))
	})?;

	// getBalance(ptr). Writes the EE's balance, 16 bytes little-endian. Price: a contract's
	// `getExternalBalance` (the proof of an account).
	define(linker, Eth2, "getBalance", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.external_balance)?;
		let balance = c.data().ledger.balance();
		write(&mut c, ptr, &encode_value(balance))
	})?;

	// transfer(addressPtr, valuePtr) -> i32. Moves the value at `valuePtr` (16 bytes
	// little-endian) from the EE to the 20-byte address at `addressPtr`: 0 if it moved, 1 if it
	// cannot. Price: the proofs of two accounts (`external_balance` and `new_account`), charged
	// first. Traps: out-of-bounds memory; out of gas.
	define(
		linker,
		Eth2,
		"transfer",
		|mut c: Ctx<'_>, address: i32, value: i32| -> HostResult<i32> {
			charge_price(&mut c, |costs| costs.external_balance.saturating_add(costs.new_account))?;
			let to = Address(read_array::<_, ADDRESS_LEN>(&c, address)?);
			let value = decode_value(read_array::<_, VALUE_LEN>(&c, value)?);
			Ok(match c.data_mut().ledger.transfer(&to, value) {
				true => 0,
				false => 1,
			})
		},
	)?;

	// getAddress(ptr). Writes the EE's own 20-byte address. Price: `base`.
	define(linker, Eth2, "getAddress", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.base)?;
		let address = c.data().ledger.address();
		write(&mut c, ptr, &address.0)
	})?;

	// getChainId(ptr). Writes the chain's id (this parachain's), 32 bytes little-endian, as
	// `v2`'s `getChainId`. Price: `base`.
	define(linker, Eth2, "getChainId", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.base)?;
		let mut id = [0u8; 32];
		id[..4].copy_from_slice(&c.data().ledger.chain_id().to_le_bytes());
		write(&mut c, ptr, &id)
	})?;

	// callEE(ee, dataPtr, dataLength, valuePtr) -> i32. Runs EE `ee` on the `dataLength` bytes
	// at `dataPtr` as its block, sent by this EE with the value at `valuePtr` (16 bytes
	// little-endian): 0 if it succeeded, 1 if not. Price: a contract's `call` and the copy of
	// its input, charged first; then all but a 64th of the gas left is forwarded, out of which
	// the callee's code (`code_load` of its length) and the value's move (as `transfer`) are
	// paid before it runs, and what it leaves comes back (a callee that fails after starting
	// uses all it was given). Traps: out-of-bounds memory; out of gas; the heap budget the
	// calling EEs share cannot hold the data.
	define(
		linker,
		Eth2,
		"callEE",
		|mut c: Ctx<'_>, ee: i32, data: i32, length: i32, value: i32| -> HostResult<i32> {
			let length = length as u32;
			charge_price(&mut c, |costs| costs.call.saturating_add(costs.nested_input(length)))?;
			let value = decode_value(read_array::<_, VALUE_LEN>(&c, value)?);
			let reservation =
				c.data().budget.reserve(length as usize).ok_or(HostTrap::OutOfMemory)?;
			let data = BudgetedBytes::new(read(&c, data, length)?, reservation);
			let forwarded = gas::forwardable(gas_left(&c)?, u64::MAX);
			charge(&mut c, forwarded)?;
			let costs = c.data().costs;
			let call = EeCall { ee: ee as u32, data: &data, value, gas_limit: forwarded, costs };
			let outcome = c.data_mut().ledger.call_ee(call);
			refund_gas(&mut c, forwarded.saturating_sub(outcome.gas_used))?;
			Ok(match outcome.succeeded {
				true => 0,
				false => 1,
			})
		},
	)?;

	// keccak256(data, length, out) / sha256 / blake2b256: the contracts' `v2` hashes
	// (`runtime::hash_function`), at their prices. ecrecover(hash, signature, out) -> i32:
	// `v2`'s (`runtime::ecrecover`).
	for hash in HOST_HASHES {
		define(linker, Crypto, hash.0, hash_function(hash))?;
	}
	define(linker, Crypto, "ecrecover", ecrecover::<EeState>)?;

	// add256(a, b, out) / sub256 / mul256, umulmod256(a, b, modulus, out): the contracts' `v2`
	// bignum helpers (`runtime::bignum_binary`, `runtime::bignum_mulmod`), at their prices.
	for (name, _, operation) in crate::bignum::BINARY {
		define(linker, Bignum, name, bignum_binary(operation))?;
	}
	define(linker, Bignum, "umulmod256", bignum_mulmod::<EeState>)?;

	// print32(value), print64(value), printMem(ptr, length), printMemHex(ptr, length). Log at
	// debug level under `EE_LOG_TARGET`; change nothing. Price: `base`, or a copy of `length`
	// bytes. Traps: out-of-bounds memory; out of gas.
	define(linker, Debug, "print32", |mut c: Ctx<'_>, value: i32| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.base)?;
		log::debug!(target: EE_LOG_TARGET, "print32: {value}");
		Ok(())
	})?;
	define(linker, Debug, "print64", |mut c: Ctx<'_>, value: i64| -> HostResult<()> {
		charge_price(&mut c, |costs| costs.base)?;
		log::debug!(target: EE_LOG_TARGET, "print64: {value}");
		Ok(())
	})?;
	type Format = fn(&[u8]) -> String;
	let printers: [(&str, Format); 2] = [
		("printMem", |bytes| String::from_utf8_lossy(bytes).into_owned()),
		("printMemHex", crate::vm::env::hex),
	];
	for (name, format) in printers {
		define(linker, Debug, name, move |mut c: Ctx<'_>, ptr: i32, len: i32| -> HostResult<()> {
			charge_price(&mut c, |costs| costs.copy(len as u32))?;
			check_range(&c, ptr, len as u32)?;
			// Read only where it is logged: the block runs the same either way.
			if log::log_enabled!(target: EE_LOG_TARGET, log::Level::Debug) {
				let bytes = read(&c, ptr, len as u32)?;
				log::debug!(target: EE_LOG_TARGET, "{name}: {}", format(&bytes));
			}
			Ok(())
		})?;
	}

	Ok(())
}
