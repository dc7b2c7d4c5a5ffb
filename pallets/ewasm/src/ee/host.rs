//! The EE host functions (`ewasm_primitives::eei::ee`), each linked under both of Scout's
//! names, and the state they work on. Every memory access is bounds-checked and traps out of
//! bounds; nothing here can fail the runtime.

use crate::vm::{
	limiter::FrameLimiter,
	prepare::BYTES_COPIED_PER_FUEL,
	runtime::{
		bignum_in_memory, check_range, copy_to_memory, read, read_array, write, GuestMemory,
		HostResult, HostTrap,
	},
};
use alloc::{format, string::String, vec::Vec};
use ewasm_primitives::{
	eei::ee::{EeGroup, EE_ENV_NAMESPACE},
	value::Word,
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
	/// The block's data (`blockDataSize`, `blockDataCopy`).
	pub block_data: Vec<u8>,
	/// The root saved last (`savePostStateRoot`).
	pub post_root: Option<Word>,
	/// The deposits recorded (`pushNewDeposit`).
	pub deposits: Vec<Deposit>,
	/// The EE's exported memory, set once it is instantiated.
	pub memory: Option<Memory>,
	/// Its memory's growth limits.
	pub limits: FrameLimiter,
}

impl GuestMemory for EeState {
	fn guest_memory(&self) -> Option<Memory> {
		self.memory
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

/// Burns the fuel of copying `len` bytes (as the engine's `memory.copy` does), or traps out of
/// fuel, having burnt it all, if not enough is left.
fn burn_copy_fuel(c: &mut Ctx<'_>, len: u32) -> HostResult<()> {
	let fuel = u64::from(len).div_ceil(u64::from(BYTES_COPIED_PER_FUEL));
	let left = c.get_fuel()?;
	match left.checked_sub(fuel) {
		Some(rest) => c.set_fuel(rest),
		None => {
			c.set_fuel(0)?;
			Err(HostTrap::OutOfGas.into())
		}
	}
}

/// The block's data, where `blockDataCopy` copies from.
fn block_data(state: &EeState) -> &[u8] {
	&state.block_data
}

/// Links every EE host function.
pub fn link(linker: &mut Linker<EeState>) -> Result<(), wasmi::Error> {
	use EeGroup::{Bignum, Debug, Eth2};

	// loadPreStateRoot(ptr). Writes the 32-byte root the block runs on.
	define(linker, Eth2, "loadPreStateRoot", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		let root = c.data().pre_root;
		write(&mut c, ptr, &root)
	})?;

	// blockDataSize() -> i32. The block data's length.
	define(linker, Eth2, "blockDataSize", |c: Ctx<'_>| -> HostResult<i32> {
		Ok(c.data().block_data.len() as i32)
	})?;

	// blockDataCopy(ptr, offset, length). Copies `data[offset..offset + length]` to `ptr`,
	// burning the fuel of a `memory.copy` of as many bytes first. Traps: the range lies past
	// the data's end; out-of-bounds memory; out of fuel.
	define(
		linker,
		Eth2,
		"blockDataCopy",
		|mut c: Ctx<'_>, ptr: i32, offset: i32, length: i32| -> HostResult<()> {
			burn_copy_fuel(&mut c, length as u32)?;
			copy_to_memory(&mut c, ptr, block_data, offset, length, HostTrap::BlockDataOutOfBounds)
		},
	)?;

	// savePostStateRoot(ptr). Reads 32 bytes: the root the block leaves (the last saved).
	define(linker, Eth2, "savePostStateRoot", |mut c: Ctx<'_>, ptr: i32| -> HostResult<()> {
		let root: Word = read_array(&c, ptr)?;
		c.data_mut().post_root = Some(root);
		Ok(())
	})?;

	// pushNewDeposit(ptr, length). Records the deposit of `length` bytes at `ptr`. Traps: a
	// length other than 184; more than `MAX_DEPOSITS_PER_BLOCK` deposits; out-of-bounds memory.
	define(
		linker,
		Eth2,
		"pushNewDeposit",
		|mut c: Ctx<'_>, ptr: i32, length: i32| -> HostResult<()> {
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

	// useTicks(ticks). Nothing: instructions burn fuel (Scout's own metering).
	define(linker, Eth2, "useTicks", |_: Ctx<'_>, _ticks: i32| -> HostResult<()> { Ok(()) })?;

	// add256(a, b, out) / sub256(a, b, out). `out = a + b` / `a - b` of 32-byte big-endian
	// numbers. Traps: overflow / underflow; out-of-bounds memory.
	for (name, _, operation) in crate::bignum::BINARY.into_iter().take(2) {
		define(
			linker,
			Bignum,
			name,
			move |mut c: Ctx<'_>, a: i32, b: i32, out: i32| -> HostResult<()> {
				let operation = |[a, b]: [Word; 2]| operation(&a, &b);
				bignum_in_memory(&mut c, [a, b], out, operation, HostTrap::BignumOverflow)
			},
		)?;
	}

	// print32(value), print64(value), printMem(ptr, length), printMemHex(ptr, length). Log at
	// debug level under `EE_LOG_TARGET`; change nothing. Traps: out-of-bounds memory.
	define(linker, Debug, "print32", |_: Ctx<'_>, value: i32| -> HostResult<()> {
		log::debug!(target: EE_LOG_TARGET, "print32: {value}");
		Ok(())
	})?;
	define(linker, Debug, "print64", |_: Ctx<'_>, value: i64| -> HostResult<()> {
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
			burn_copy_fuel(&mut c, len as u32)?;
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
