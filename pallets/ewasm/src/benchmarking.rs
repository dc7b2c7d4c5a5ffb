//! Benchmarks of the pallet's extrinsics (frame-benchmarking v2), over code size and input
//! size. Contracts are generated here as wasm bytes (the benchmarks run inside the runtime,
//! where no WAT compiler exists): see [`code`].
#![cfg(feature = "runtime-benchmarks")]

use crate::{
	exec::account_of, rent, storage, Address, Call, Config, ContractInfo, ContractInfoOf, Pallet,
	Tombstones, TotalFee,
};
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungible::Mutate, Get},
	frame_system::RawOrigin,
};

/// Wasm modules of a chosen size, built byte by byte.
pub mod code {
	use alloc::vec::Vec;

	fn uleb(mut value: u32, out: &mut Vec<u8>) {
		loop {
			let byte = (value & 0x7f) as u8;
			value >>= 7;
			if value == 0 {
				out.push(byte);
				return;
			}
			out.push(byte | 0x80);
		}
	}

	fn sleb(mut value: i32, out: &mut Vec<u8>) {
		loop {
			let byte = (value & 0x7f) as u8;
			value >>= 7;
			let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0);
			out.push(if done { byte } else { byte | 0x80 });
			if done {
				return;
			}
		}
	}

	fn section(id: u8, content: &[u8], out: &mut Vec<u8>) {
		out.push(id);
		uleb(content.len() as u32, out);
		out.extend_from_slice(content);
	}

	fn name(text: &str, out: &mut Vec<u8>) {
		uleb(text.len() as u32, out);
		out.extend_from_slice(text.as_bytes());
	}

	/// A module whose `main` runs `body` (instructions, without the final `end`), with a data
	/// segment holding `data` at offset 0, importing `ethereum.finish` if `imports_finish`.
	fn module(data: &[u8], imports_finish: bool, body: &[u8]) -> Vec<u8> {
		let mut out = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
		// Types: 0 = () -> (), 1 = (i32, i32) -> ().
		section(1, &[0x02, 0x60, 0x00, 0x00, 0x60, 0x02, 0x7f, 0x7f, 0x00], &mut out);
		if imports_finish {
			let mut imports = vec![0x01];
			name("ethereum", &mut imports);
			name("finish", &mut imports);
			imports.extend([0x00, 0x01]);
			section(2, &imports, &mut out);
		}
		section(3, &[0x01, 0x00], &mut out);
		let pages = data.len() as u32 / 65_536 + 1;
		let mut memory = vec![0x01, 0x00];
		uleb(pages, &mut memory);
		section(5, &memory, &mut out);
		let main_index = u8::from(imports_finish);
		let mut exports = vec![0x02];
		name("main", &mut exports);
		exports.extend([0x00, main_index]);
		name("memory", &mut exports);
		exports.extend([0x02, 0x00]);
		section(7, &exports, &mut out);
		let mut function = vec![0x00];
		function.extend_from_slice(body);
		function.push(0x0b);
		let mut code = vec![0x01];
		uleb(function.len() as u32, &mut code);
		code.extend(function);
		section(10, &code, &mut out);
		let mut segment = vec![0x01, 0x00, 0x41, 0x00, 0x0b];
		uleb(data.len() as u32, &mut segment);
		segment.extend_from_slice(data);
		section(11, &segment, &mut out);
		out
	}

	/// A contract of at most `len` bytes (and at least `len - 8`) whose `main` does nothing.
	pub fn contract(len: u32) -> Vec<u8> {
		// The sizes of a long data segment and its section take up to 4 more bytes.
		let overhead = module(&[], false, &[]).len() as u32 + 8;
		module(&vec![0x2a; len.saturating_sub(overhead) as usize], false, &[])
	}

	/// Init code that deploys `contract`.
	pub fn init_code(contract: &[u8]) -> Vec<u8> {
		let mut body = vec![0x41];
		sleb(0, &mut body);
		body.push(0x41);
		sleb(contract.len() as i32, &mut body);
		body.extend([0x10, 0x00]);
		module(contract, true, &body)
	}
}

fn funded<T: Config>() -> T::AccountId {
	let caller: T::AccountId = whitelisted_caller();
	let _ = T::Currency::set_balance(&caller, u128::MAX / 4);
	caller
}

/// Installs `code` as a contract at a fixed address, funded for rent.
fn install<T: Config>(code: Vec<u8>) -> Address {
	let address = Address([0xbe; 20]);
	let len = code.len() as u32;
	let code = code.try_into().map_err(|_| ()).expect("generated within MaxCodeLen; qed");
	let code_hash = storage::add_code_user::<T>(code);
	ContractInfoOf::<T>::insert(address, ContractInfo::new::<T>(code_hash, len, 1));
	let _ = T::Currency::set_balance(&account_of::<T>(&address), u128::MAX / 4);
	address
}

const GAS: u64 = 1_000_000_000;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `deploy` with `c` bytes of contract code (the init code is about as long) and `i` bytes
	/// of input.
	#[benchmark]
	fn deploy(c: Linear<200, { T::MaxCodeLen::get() - 200 }>, i: Linear<0, 1024>) {
		let caller = funded::<T>();
		let init_code = code::init_code(&code::contract(c));
		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			1_000_000_000_000,
			GAS,
			init_code,
			vec![0; i as usize],
			[0; 32],
		);
	}

	/// `call` of a contract of `c` bytes with `i` bytes of input.
	#[benchmark]
	fn call(c: Linear<200, { T::MaxCodeLen::get() }>, i: Linear<0, 1024>) {
		let caller = funded::<T>();
		let dest = install::<T>(code::contract(c));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), dest, 0, GAS, vec![0; i as usize]);
	}

	/// `poke` that evicts (the heavier outcome).
	#[benchmark]
	fn poke() {
		let caller = funded::<T>();
		let target = install::<T>(code::contract(1024));
		let _ = T::Currency::set_balance(&account_of::<T>(&target), 0);
		TotalFee::<T>::put(u128::MAX / 2);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), target);
		assert!(ContractInfoOf::<T>::get(target).is_none());
	}

	/// `wake` with `c` bytes of code and `s` storage items.
	#[benchmark]
	fn wake(c: Linear<200, { T::MaxCodeLen::get() }>, s: Linear<0, 1024>) {
		let caller = funded::<T>();
		let address = Address([0xbf; 20]);
		let code = code::contract(c);
		let items: Vec<_> = (0..s)
			.map(|n| {
				let mut key = [0u8; 32];
				key[..4].copy_from_slice(&n.to_le_bytes());
				(key, [1u8; 32])
			})
			.collect();
		let eviction = rent::Eviction {
			code_hash: storage::code_hash(&code),
			nonce: 1,
			fee_mark: 0,
			storage_hash: rent::storage_commitment(&items),
		};
		Tombstones::<T>::insert(address, rent::tombstone(&address, &eviction));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), address, code, items, 1, 0, 1_000_000_000_000_000_000);
		assert!(ContractInfoOf::<T>::get(address).is_some());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
