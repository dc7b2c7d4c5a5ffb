//! The in-memory runtime the tool runs contracts in: System, Balances (u128, existential
//! deposit 1) and the Ewasm pallet with the `debug` namespace allowed and no rent (TOTALFEE
//! never grows, so no contract ever owes any).
//!
//! Unlike the chain, every 20-byte address is an account here: the account of `address` is
//! `address ++ [0; 12]` (see [`ToolAddressMapper`]), so the state tests' sender
//! `a94f5374fce5edbc8e2a8697c15331677e6ebf0b` can sign. The gas schedule and the block facts
//! contracts see are values in the externalities' storage ([`ActiveSchedule`],
//! [`ActiveBlock`]), set per execution.
// The `#[runtime]` macro generates public items without docs (`RuntimeCall`, `PalletInfo`,
// ...), as in the chain's runtime crate.
#![allow(missing_docs)]

use clap::ValueEnum;
use codec::{Decode, Encode};
use ewasm_primitives::{address::ADDRESS_LEN, value::Word, Address};
use pallet_ewasm::rent::{ConstantFee, RentPolicy};
use pallet_ewasm::{
	address::AddressMapper,
	gas::{GasWeight, Schedule},
	versions::{self, VmSpec},
	BlockEnvironment,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU128, ConstU32, ConstU64, Get},
		weights::constants::RocksDbWeight,
	},
	frame_system, pallet_balances,
	sp_io::hashing::keccak_256,
	sp_runtime::{traits::IdentityLookup, AccountId32},
};

/// Accounts of the tool's runtime.
pub type AccountId = AccountId32;

type Block = frame_system::mocking::MockBlock<Runtime>;

/// The pallet's generated weights, as the chain prices them: they set the `measured` schedule.
pub type ChainWeights = pallet_ewasm::weights::Weights<RocksDbWeight>;

/// The runtime: System, Balances and the Ewasm pallet.
#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Ewasm = pallet_ewasm;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type Nonce = u64;
	type AccountData = pallet_balances::AccountData<u128>;
}

/// The facts of the current block that contracts see besides its number and the hashes of
/// the blocks before it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct BlockFacts {
	/// Seconds since the Unix epoch.
	pub timestamp: u64,
	/// The block's author.
	pub coinbase: Address,
	/// The difficulty, u256 little-endian.
	pub difficulty: Word,
	/// The price of one unit of gas.
	pub gas_price: u128,
	/// The block's gas limit.
	pub gas_limit: u64,
}

parameter_types! {
	/// The existential deposit: any non-zero balance keeps an account alive.
	pub const ExistentialDeposit: u128 = 1;
	/// What gas is worth on the chain (the chain's schedule is priced at it).
	pub const ToolGasWeight: GasWeight = pallet_ewasm::gas::DEFAULT_GAS_WEIGHT;
	/// The gas schedule of the current execution (of every VM version).
	pub storage ActiveSchedule: Schedule = ScheduleChoice::Chain.schedule();
	/// The block of the current execution.
	pub storage ActiveBlock: BlockFacts = BlockFacts::default();
	/// Rent from the contract's balance when it runs (always zero here).
	pub const ToolRentPolicy: RentPolicy = RentPolicy::PayAsYouGo;
	/// Rent is burned.
	pub const RentPayee: Option<AccountId> = None;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
}

/// Every address is an account: `address ++ [0; 12]`. Accounts of another shape (which the
/// tool never creates) appear to contracts as the tail of their keccak256, as on the chain.
pub struct ToolAddressMapper;

impl AddressMapper<AccountId> for ToolAddressMapper {
	fn to_address(account: &AccountId) -> Address {
		Self::contract_address(account)
			.unwrap_or_else(|| Address::from_hash_tail(&keccak_256(account.as_ref())))
	}

	fn contract_account(address: &Address) -> AccountId {
		let mut bytes = [0u8; 32];
		bytes[..ADDRESS_LEN].copy_from_slice(address.as_bytes());
		AccountId::new(bytes)
	}

	fn contract_address(account: &AccountId) -> Option<Address> {
		let bytes: &[u8; 32] = account.as_ref();
		let (address, padding) = bytes.split_at(ADDRESS_LEN);
		if padding.iter().any(|byte| *byte != 0) {
			return None;
		}
		let mut raw = [0u8; ADDRESS_LEN];
		raw.copy_from_slice(address);
		Some(Address(raw))
	}
}

/// The account of `address`.
pub fn account_of(address: &Address) -> AccountId {
	ToolAddressMapper::contract_account(address)
}

/// The block facts of [`ActiveBlock`].
pub struct ActiveEnvironment;

impl BlockEnvironment for ActiveEnvironment {
	fn timestamp() -> u64 {
		ActiveBlock::get().timestamp
	}
	fn coinbase() -> Address {
		ActiveBlock::get().coinbase
	}
	fn difficulty() -> Word {
		ActiveBlock::get().difficulty
	}
	fn gas_price() -> u128 {
		ActiveBlock::get().gas_price
	}
	fn block_gas_limit() -> u64 {
		ActiveBlock::get().gas_limit
	}
	/// The tool's chain is no parachain: 0.
	fn para_id() -> u32 {
		0
	}
	/// The tool's chain has no relay chain: 0.
	fn relay_parent_number() -> u32 {
		0
	}
}

/// Largest code, as on the chain (128 KiB; Ethereum's EIP-170 allowed 24 KiB).
pub const MAX_CODE_LEN: u32 = 128 * 1024;

impl pallet_ewasm::Config for Runtime {
	type Currency = Balances;
	type AddressMapper = ToolAddressMapper;
	type MaxCodeLen = ConstU32<MAX_CODE_LEN>;
	type GasWeight = ToolGasWeight;
	type VmVersions = ToolVersions;
	type Environment = ActiveEnvironment;
	type FeePolicy = ConstantFee<ConstU128<0>>;
	type RentPolicy = ToolRentPolicy;
	type RentPayee = RentPayee;
	type MaxPokesPerBlock = ConstU32<0>;
	type WakeRentBlocks = ConstU32<0>;
	// One chain alone: no receipts leave it (every `generateReceipt` fails with
	// `ReceiptNotSent`) and none arrive.
	type ReceiptTransport = ();
	type SiblingOrigin = frame_system::EnsureNever<u32>;
	type MaxReceiptGas = ConstU64<0>;
	type MaxReceiptPayload = ConstU32<0>;
	type RuntimeHoldReason = RuntimeHoldReason;
	// No execution environments are registered here.
	type EeRegistrar = frame_system::EnsureNever<AccountId>;
	type EeDeposit = ConstU128<0>;
	type EeDepositPerByte = ConstU128<0>;
	type MaxEeBlockData = ConstU32<0>;
	type WeightInfo = ChainWeights;
}

/// The tool's VM versions: one of each interface revision (`v1`, `v2`), both on
/// [`ActiveSchedule`], so that a contract runs on the chosen schedule whichever it imports.
pub struct ToolVersions;

impl Get<Vec<VmSpec>> for ToolVersions {
	fn get() -> Vec<VmSpec> {
		versions::one_per_interface(ActiveSchedule::get()).to_vec()
	}
}

/// The gas schedules the tool offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScheduleChoice {
	/// Hera's: EEI functions priced like their EVM opcodes, instructions free.
	Hera,
	/// The chain's: the frozen schedule of its newest VM versions (wasmi fuel for every
	/// instruction, EEI prices from the benchmarks).
	Chain,
	/// What the benchmarks the tool carries measure now: what the chain's next VM versions
	/// would freeze (`ewasm schedule --schedule measured --rust`).
	Measured,
}

impl ScheduleChoice {
	/// The pallet's schedule.
	pub fn schedule(self) -> Schedule {
		match self {
			ScheduleChoice::Hera => Schedule::hera(),
			ScheduleChoice::Chain => {
				versions::released().last().expect("the pallet released versions; qed").schedule
			}
			ScheduleChoice::Measured => Schedule::chain::<ChainWeights>(ToolGasWeight::get()),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_address_is_an_account_and_back() {
		let sender = Address([0xa9; ADDRESS_LEN]);
		let account = account_of(&sender);
		let bytes: &[u8; 32] = account.as_ref();
		assert_eq!(bytes[ADDRESS_LEN..], [0u8; 12]);
		assert_eq!(ToolAddressMapper::contract_address(&account), Some(sender));
		assert_eq!(ToolAddressMapper::to_address(&account), sender);
	}

	#[test]
	fn other_accounts_appear_as_their_hash_tail() {
		let account = AccountId::new([7; 32]);
		assert_eq!(ToolAddressMapper::contract_address(&account), None);
		assert_eq!(
			ToolAddressMapper::to_address(&account),
			Address::from_hash_tail(&keccak_256(&[7; 32]))
		);
	}
}
