//! Dry runs for the runtime API (`EwasmApi::call`, `EwasmApi::deploy`): the guarded entry
//! point of the extrinsics, run inside a storage transaction that is always rolled back, and
//! reported with what a client needs before signing: the result, return data, gas used, the
//! smallest gas limit that succeeds, storage growth, rent and logs.
//!
//! A dry run is bounded like the extrinsic it predicts: its gas limit is clamped to what one
//! extrinsic can carry ([`gas::max_extrinsic_gas`]) and the search for the smallest limit that
//! succeeds makes at most [`MAX_BISECTION_PROBES`] more runs.

use crate::{
	exec::{self, AddressScheme, CallRequest, DeployRequest, ExecOutcome},
	gas, Config, ContractInfoOf, Event, Pallet,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use ewasm_primitives::{
	api::{DryRun, Log},
	value::Word,
	Address,
};
use polkadot_sdk::{
	frame_support::{
		storage::{with_transaction, TransactionOutcome},
		traits::PalletInfoAccess,
	},
	frame_system,
	sp_runtime::DispatchError,
};

/// What one rolled-back run did.
struct Probe {
	outcome: ExecOutcome<Vec<u8>>,
	deployed: Option<Address>,
	storage_bytes_before: u64,
	storage_bytes_after: u64,
	rent_paid: u128,
	logs: Vec<Log>,
}

/// The events this pallet deposited since event number `from`.
fn events_since<T: Config>(from: u32) -> Vec<Event<T>> {
	let index = <Pallet<T> as PalletInfoAccess>::index() as u8;
	frame_system::Pallet::<T>::read_events_no_consensus()
		.skip(from as usize)
		.filter_map(|record| {
			let encoded = record.event.encode();
			match encoded.split_first() {
				Some((pallet, rest)) if *pallet == index => Event::<T>::decode(&mut &rest[..]).ok(),
				_ => None,
			}
		})
		.collect()
}

fn storage_bytes<T: Config>(address: &Address) -> u64 {
	ContractInfoOf::<T>::get(address).map_or(0, |info| info.storage_bytes)
}

/// Runs `run` with `gas_limit` and rolls everything back. `contract` is the called contract,
/// or `None` for a deployment (whose address comes from the outcome).
fn probe<T: Config>(
	gas_limit: u64,
	contract: Option<Address>,
	run: &impl Fn(u64) -> (ExecOutcome<Vec<u8>>, Option<Address>),
) -> Result<Probe, DispatchError> {
	with_transaction(|| {
		let first_event = frame_system::Pallet::<T>::event_count();
		let storage_bytes_before = contract.as_ref().map_or(0, storage_bytes::<T>);
		let (outcome, deployed) = run(gas_limit);
		let touched = contract.or(deployed);
		let storage_bytes_after = touched.as_ref().map_or(0, storage_bytes::<T>);
		let mut rent_paid = 0;
		let mut logs = Vec::new();
		for event in events_since::<T>(first_event) {
			match event {
				Event::ContractEmitted { contract, topics, data } => logs.push(Log {
					address: contract,
					topics: topics.into_iter().map(|topic| topic.0).collect(),
					data,
				}),
				Event::RentCharged { contract: paying, amount, .. } if Some(paying) == touched => {
					rent_paid = amount
				}
				_ => {}
			}
		}
		let probe =
			Probe { outcome, deployed, storage_bytes_before, storage_bytes_after, rent_paid, logs };
		TransactionOutcome::Rollback(Ok(probe))
	})
}

/// Most runs a bisection for the smallest gas limit that succeeds may make, after the first
/// run and the check of the gas it used: with gas clamped to what an extrinsic can carry, a
/// dry run does at most `MAX_BISECTION_PROBES + 2` runs of at most an extrinsic's weight each.
/// 34 runs close the interval of any limit below 2^34, as an extrinsic's gas is (the pallet's
/// integrity test checks it); were it not closed, the smallest limit seen to succeed would be
/// reported (it succeeds, and may exceed the smallest by the interval left).
pub const MAX_BISECTION_PROBES: u32 = 34;

/// Dry-runs with `gas_limit`, clamped to `max_gas` (what the extrinsic can carry: a larger
/// limit would not be accepted, and an unbounded one would let one RPC call run without end),
/// then searches the smallest limit that succeeds.
fn dry_run<T: Config>(
	gas_limit: u64,
	max_gas: u64,
	contract: Option<Address>,
	run: impl Fn(u64) -> (ExecOutcome<Vec<u8>>, Option<Address>),
) -> DryRun {
	let gas_limit = gas_limit.min(max_gas);
	let succeeds =
		|limit| probe::<T>(limit, contract, &run).is_ok_and(|p| p.outcome.result.is_ok());
	let report = match probe::<T>(gas_limit, contract, &run) {
		Ok(report) => report,
		Err(error) => {
			return DryRun {
				result: Err(error),
				return_data: Vec::new(),
				gas_used: 0,
				gas_required: gas_limit,
				storage_bytes_added: 0,
				storage_bytes_removed: 0,
				rent_paid: 0,
				logs: Vec::new(),
				deployed: None,
			}
		}
	};
	let gas_used = report.outcome.gas_used;
	let gas_required = if report.outcome.result.is_err() {
		gas_limit
	} else if succeeds(gas_used) {
		gas_used
	} else {
		// Fails with `low`, succeeds with `high`: bisect.
		let (mut low, mut high) = (gas_used, gas_limit);
		let mut probes = 0;
		while high - low > 1 && probes < MAX_BISECTION_PROBES {
			probes += 1;
			let middle = low + (high - low) / 2;
			if succeeds(middle) {
				high = middle;
			} else {
				low = middle;
			}
		}
		high
	};
	DryRun {
		result: report.outcome.result.map(|_| ()),
		return_data: report.outcome.output,
		gas_used,
		gas_required,
		storage_bytes_added: report.storage_bytes_after.saturating_sub(report.storage_bytes_before),
		storage_bytes_removed: report
			.storage_bytes_before
			.saturating_sub(report.storage_bytes_after),
		rent_paid: report.rent_paid,
		logs: report.logs,
		deployed: report.deployed,
	}
}

/// Dry-runs `ewasm.call`.
pub fn call<T: Config>(
	origin: T::AccountId,
	dest: Address,
	value: u128,
	gas_limit: u64,
	input: Vec<u8>,
) -> DryRun {
	let max_gas = gas::max_extrinsic_gas::<T>(Pallet::<T>::call_base_weight(input.len()));
	dry_run::<T>(gas_limit, max_gas, Some(dest), |gas_limit| {
		let request = CallRequest { caller: &origin, dest, value, gas_limit, input: input.clone() };
		(exec::bare_call::<T>(request), None)
	})
}

/// Dry-runs `ewasm.deploy`.
pub fn deploy<T: Config>(
	origin: T::AccountId,
	value: u128,
	gas_limit: u64,
	init_code: Vec<u8>,
	input: Vec<u8>,
	salt: Word,
) -> DryRun {
	let max_gas = gas::max_extrinsic_gas::<T>(Pallet::<T>::deploy_base_weight(input.len()));
	dry_run::<T>(gas_limit, max_gas, None, |gas_limit| {
		let outcome = exec::bare_deploy::<T>(DeployRequest {
			deployer: &origin,
			value,
			gas_limit,
			init_code: init_code.clone(),
			input: input.clone(),
			scheme: AddressScheme::Create2 { salt },
		});
		let deployed = outcome.result.as_ref().ok().map(|deployed| deployed.address);
		(outcome.map(|_| Vec::new()), deployed)
	})
}
