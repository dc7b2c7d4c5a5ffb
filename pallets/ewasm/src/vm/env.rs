//! The EEI host functions, one per specification entry, each with its gas cost and trap
//! conditions. Every function charges its cost before doing any work; every memory access
//! is bounds-checked and traps when out of bounds.
//!
//! Implemented so far (see [`IMPLEMENTED`]): `useGas`, `getGasLeft`, `getAddress`,
//! `getCaller`, `getCallValue`, `getCallDataSize`, `callDataCopy`, `storageStore`,
//! `storageLoad`, `log`, `finish`, `revert`. A module importing any other EEI function is
//! refused at upload.

use super::runtime::{
	charge, halt_with_output, read, read_array, write, HostResult, HostState, HostTrap,
};
use crate::{limits::MAX_LOG_TOPICS, storage, Config};
use alloc::vec::Vec;
use ewasm_primitives::{
	value::{encode_value, Word},
	ETHEREUM_NAMESPACE,
};
use polkadot_sdk::sp_core::H256;
use wasmi::{Caller, Linker};

/// The EEI functions this pallet links; validation refuses imports of any other.
pub const IMPLEMENTED: &[&str] = &[
	"useGas",
	"getGasLeft",
	"getAddress",
	"getCaller",
	"getCallValue",
	"getCallDataSize",
	"callDataCopy",
	"storageStore",
	"storageLoad",
	"log",
	"finish",
	"revert",
];

/// Whether `name` is an `ethereum` function this pallet links.
pub fn is_implemented(name: &str) -> bool {
	IMPLEMENTED.contains(&name)
}

type Ctx<'a, T> = Caller<'a, HostState<T>>;

/// Charges the price of a constant-size getter.
fn charge_base<T>(c: &mut Ctx<'_, T>) -> HostResult<()> {
	let cost = c.data().costs.base;
	charge(c, cost)
}

/// Charges the price of a constant-size getter and writes its result at `offset`.
fn write_getter_result<T>(c: &mut Ctx<'_, T>, offset: i32, bytes: &[u8]) -> HostResult<()> {
	charge_base(c)?;
	write(c, offset, bytes)
}

/// Defines every implemented EEI function in `linker`.
pub fn link<T: Config>(linker: &mut Linker<HostState<T>>) -> Result<(), wasmi::Error> {
	let ns = ETHEREUM_NAMESPACE;

	// useGas(amount: i64). Burns `amount`. Traps: negative amount; out of gas.
	linker.func_wrap(ns, "useGas", |mut c: Ctx<'_, T>, amount: i64| -> HostResult<()> {
		let amount = u64::try_from(amount).map_err(|_| HostTrap::NegativeGas)?;
		charge(&mut c, amount)
	})?;

	// getGasLeft() -> i64. The gas left after paying for this call.
	linker.func_wrap(ns, "getGasLeft", |mut c: Ctx<'_, T>| -> HostResult<i64> {
		charge_base(&mut c)?;
		Ok(i64::try_from(c.get_fuel()?).unwrap_or(i64::MAX))
	})?;

	// getAddress(resultOffset). Writes the executing contract's 20-byte address.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getAddress", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let address = c.data().context.address;
		write_getter_result(&mut c, result, address.as_bytes())
	})?;

	// getCaller(resultOffset). Writes the caller's 20-byte address.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getCaller", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let caller = c.data().context.caller;
		write_getter_result(&mut c, result, caller.as_bytes())
	})?;

	// getCallValue(resultOffset). Writes the value sent with the call, u128 little-endian.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getCallValue", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let value = encode_value(c.data().context.value);
		write_getter_result(&mut c, result, &value)
	})?;

	// getCallDataSize() -> i32. The length of the call data.
	linker.func_wrap(ns, "getCallDataSize", |mut c: Ctx<'_, T>| -> HostResult<i32> {
		charge_base(&mut c)?;
		Ok(c.data().context.input.len() as i32)
	})?;

	// callDataCopy(resultOffset, dataOffset, length). Copies call data into memory.
	// Traps: the range lies past the end of the call data; out-of-bounds memory.
	linker.func_wrap(
		ns,
		"callDataCopy",
		|mut c: Ctx<'_, T>, result: i32, data_offset: i32, length: i32| -> HostResult<()> {
			let cost = c.data().costs.copy(length as u32);
			charge(&mut c, cost)?;
			let start = data_offset as u32 as usize;
			let end =
				start.checked_add(length as u32 as usize).ok_or(HostTrap::CallDataOutOfBounds)?;
			let bytes: Vec<u8> = c
				.data()
				.context
				.input
				.get(start..end)
				.ok_or(HostTrap::CallDataOutOfBounds)?
				.to_vec();
			write(&mut c, result, &bytes)
		},
	)?;

	// storageStore(pathOffset, valueOffset). Stores a 32-byte value under a 32-byte key of
	// the executing contract; storing zero deletes the key. Costs 5 000, plus 15 000 more when
	// a zero slot becomes non-zero; the 5 000 is paid before the slot is read.
	// Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"storageStore",
		|mut c: Ctx<'_, T>, key: i32, value: i32| -> HostResult<()> {
			let costs = c.data().costs;
			charge(&mut c, costs.storage_store_update)?;
			let key: Word = read_array(&c, key)?;
			let value: Word = read_array(&c, value)?;
			let address = c.data().context.address;
			let existed = storage::read::<T>(&address, &key).is_some();
			if !existed && value != [0u8; 32] {
				charge(
					&mut c,
					costs.storage_store_create.saturating_sub(costs.storage_store_update),
				)?;
			}
			storage::write::<T>(&address, &key, &value, existed);
			Ok(())
		},
	)?;

	// storageLoad(pathOffset, resultOffset). Writes the 32-byte value under a key of the
	// executing contract (zero if unset). Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"storageLoad",
		|mut c: Ctx<'_, T>, key: i32, result: i32| -> HostResult<()> {
			let cost = c.data().costs.storage_load;
			charge(&mut c, cost)?;
			let key: Word = read_array(&c, key)?;
			let address = c.data().context.address;
			let value = storage::read::<T>(&address, &key).unwrap_or([0u8; 32]);
			write(&mut c, result, &value)
		},
	)?;

	// log(dataOffset, dataLength, numberOfTopics, topic1, topic2, topic3, topic4). Emits
	// `ContractEmitted` with the data and the first `numberOfTopics` 32-byte topics.
	// Traps: more than four topics; out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"log",
		|mut c: Ctx<'_, T>,
		 data: i32,
		 length: i32,
		 topic_count: i32,
		 t1: i32,
		 t2: i32,
		 t3: i32,
		 t4: i32|
		 -> HostResult<()> {
			let topic_count = topic_count as u32;
			if topic_count > MAX_LOG_TOPICS {
				return Err(HostTrap::TooManyTopics.into());
			}
			let cost = c.data().costs.log(topic_count, length as u32);
			charge(&mut c, cost)?;
			let data = read(&c, data, length as u32)?;
			let topics = [t1, t2, t3, t4][..topic_count as usize]
				.iter()
				.map(|offset| read_array::<T, 32>(&c, *offset).map(H256))
				.collect::<HostResult<Vec<_>>>()?;
			let contract = c.data().context.address;
			crate::Pallet::<T>::deposit_event(crate::Event::ContractEmitted {
				contract,
				topics,
				data,
			});
			Ok(())
		},
	)?;

	// finish(dataOffset, dataLength). Ends execution successfully with the given return data.
	// Costs a copy of the data. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"finish",
		|mut c: Ctx<'_, T>, data: i32, length: i32| -> HostResult<()> {
			halt_with_output(&mut c, data, length, HostTrap::Finish)
		},
	)?;

	// revert(dataOffset, dataLength). Ends execution, undoing its state changes, with the
	// given return data. Costs a copy of the data. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"revert",
		|mut c: Ctx<'_, T>, data: i32, length: i32| -> HostResult<()> {
			halt_with_output(&mut c, data, length, HostTrap::Revert)
		},
	)?;

	Ok(())
}
