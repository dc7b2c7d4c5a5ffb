//! The Ewasm pallet's configuration: where contract value lives, how accounts map to
//! addresses, the code size limit, the VM versions and the price of gas in weight, the block as
//! contracts see it, and the limits of receipts (their transport is in
//! [`receipts`](super::receipts)).

use crate::{
	configs::RuntimeBlockWeights, AccountId, Authorship, Balances, ParachainInfo, Runtime,
	TransactionPayment,
};
use alloc::vec::Vec;
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64, Get},
};
use pallet_ewasm::{
	address::AddressMapper,
	gas::{FuelPrice, InstructionMetering, Schedule},
	versions::{one_per_interface, VmSpec},
	Address, BlockEnvironment,
};
use polkadot_sdk::*;
use sp_runtime::{traits::BlockNumberProvider, FixedPointNumber};

parameter_types! {
	/// What gas is worth: 250 ps of execution a unit, and 763 units a byte of proof (a
	/// block's time and proof size at the same rate).
	pub const GasWeight: pallet_ewasm::gas::GasWeight = pallet_ewasm::gas::DEFAULT_GAS_WEIGHT;
	/// TOTALFEE grows 1 gwei per block: a contract of 1 KiB of code and storage pays about
	/// 1.1 * 10^12 wei (0.0000011 EWT) per block.
	pub const FeePerBlock: u128 = crate::GWEI;
	/// Pay-as-you-go rent from the contract's balance.
	pub const EwasmRentPolicy: pallet_ewasm::rent::RentPolicy =
		pallet_ewasm::rent::RentPolicy::PayAsYouGo;
	/// Rent is burned.
	pub const RentPayee: Option<AccountId> = None;
	/// An execution environment holds 100 EWT of its registrar's, and 0.001 EWT per byte of
	/// its code (a 512 KiB EE about 624 EWT): the seed's "large deposit", so that the EEs
	/// anyone may register stay few.
	pub const EeDeposit: u128 = 100 * crate::UNIT;
	/// See [`EeDeposit`].
	pub const EeDepositPerByte: u128 = crate::UNIT / 1_000;
}

/// The most gas a receipt carries for its target's `receiveMessage`: 500 million, at most
/// 125 ms and 655 KB of proof at `GasWeight`, well within the message queue's share of a
/// block (35%: 700 ms).
pub const MAX_RECEIPT_GAS: u64 = 500_000_000;

/// The longest receipt payload: 4 KiB, so that a receipt's message fits an HRMP page (64 KiB)
/// and the channels zombienet opens.
pub const MAX_RECEIPT_PAYLOAD: u32 = 4 * 1024;

type Mapper = pallet_ewasm::address::AccountId32Mapper;

/// The pallet's generated weights, with this runtime's database weights.
type EwasmWeights = pallet_ewasm::weights::SubstrateWeight<Runtime>;

/// The VM versions this runtime offers: every version the pallet released, each with its frozen
/// schedule (the pallet's integrity test checks each against `EwasmWeights`). Built with the
/// `upgrade-fixture` feature (the upgrade end-to-end test's next runtime only), versions 3
/// (`v1`) and 4 (`v2`) besides, on the newest schedule with fuel at twice its price: what a
/// runtime upgrade whose benchmarks found instructions dearer would add.
pub struct EwasmVmVersions;

impl Get<Vec<VmSpec>> for EwasmVmVersions {
	fn get() -> Vec<VmSpec> {
		let mut versions = pallet_ewasm::versions::released();
		if cfg!(feature = "upgrade-fixture") {
			let newest = versions.last().map(|newest| newest.schedule);
			let dearer = newest.map(|schedule| match schedule.instructions {
				InstructionMetering::Fuel(price) => Schedule {
					instructions: InstructionMetering::Fuel(FuelPrice {
						base: price.base.saturating_mul(2),
						per_local: price.per_local.saturating_mul(2),
					}),
					..schedule
				},
				InstructionMetering::Free { .. } => schedule,
			});
			versions.extend(dearer.into_iter().flat_map(one_per_interface));
		}
		versions
	}
}

/// The block as contracts see it, from this runtime's pallets.
pub struct EwasmEnvironment;

impl BlockEnvironment for EwasmEnvironment {
	/// The timestamp pallet's time, in whole seconds.
	fn timestamp() -> u64 {
		pallet_timestamp::Now::<Runtime>::get() / 1000
	}

	/// The address of the collator that authored the block (zero before it is known).
	fn coinbase() -> Address {
		Authorship::author()
			.map(|author: AccountId| Mapper::to_address(&author))
			.unwrap_or_default()
	}

	/// Always zero: a parachain has no proof-of-work difficulty.
	fn difficulty() -> [u8; 32] {
		[0; 32]
	}

	/// The fee one unit of gas costs at the current fee multiplier.
	fn gas_price() -> u128 {
		let base = TransactionPayment::weight_to_fee(GasWeight::get().weight(1));
		TransactionPayment::next_fee_multiplier().saturating_mul_int(base)
	}

	/// The gas a whole block's weight buys.
	fn block_gas_limit() -> u64 {
		GasWeight::get().gas_within(RuntimeBlockWeights::get().max_block)
	}

	/// The parachain's id, from its genesis config (zombienet sets it per parachain).
	fn para_id() -> u32 {
		ParachainInfo::parachain_id().into()
	}

	/// The relay parent of the block being built (on a dev chain, the mocked relay chain's).
	fn relay_parent_number() -> u32 {
		cumulus_pallet_parachain_system::RelaychainDataProvider::<Runtime>::current_block_number()
	}
}

impl pallet_ewasm::Config for Runtime {
	type Currency = Balances;
	type AddressMapper = Mapper;
	type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
	type GasWeight = GasWeight;
	type VmVersions = EwasmVmVersions;
	type Environment = EwasmEnvironment;
	type FeePolicy = pallet_ewasm::rent::ConstantFee<FeePerBlock>;
	type RentPolicy = EwasmRentPolicy;
	type RentPayee = RentPayee;
	type MaxPokesPerBlock = ConstU32<16>;
	type WakeRentBlocks = ConstU32<100>;
	type ReceiptTransport = super::receipts::XcmReceiptTransport;
	type SiblingOrigin = super::receipts::EnsureSiblingPara;
	type MaxReceiptGas = ConstU64<MAX_RECEIPT_GAS>;
	type MaxReceiptPayload = ConstU32<MAX_RECEIPT_PAYLOAD>;
	type RuntimeHoldReason = crate::RuntimeHoldReason;
	// Anyone may register an execution environment, for the deposit.
	type EeRegistrar = frame_system::EnsureSigned<AccountId>;
	type EeDeposit = EeDeposit;
	type EeDepositPerByte = EeDepositPerByte;
	// A block's data fits in one extrinsic of a parachain block with room to spare.
	type MaxEeBlockData = ConstU32<{ 1024 * 1024 }>;
	type WeightInfo = EwasmWeights;
}
