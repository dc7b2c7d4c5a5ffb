//! The benchmarks' native runtime: System (RocksDB weights for both pallets), Balances (u128),
//! Timestamp, pallet-revive running EVM bytecode (`AllowEVMBytecode`) with its generated
//! weights, and pallet-ewasm as the parachain configures it (its generated weights, the
//! chain's gas schedule and `GasWeight`), rent included.
// The `#[runtime]` macro generates public items without docs.
#![allow(missing_docs)]

use pallet_ewasm::{address::AccountId32Mapper, Address, BlockEnvironment};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU128, ConstU32, ConstU64, VariantCountOf},
		weights::constants::RocksDbWeight,
	},
	frame_system, pallet_balances, pallet_revive, pallet_timestamp,
	sp_runtime::{traits::IdentityLookup, AccountId32},
};

/// Accounts: 32 bytes, as on the parachain.
pub type AccountId = AccountId32;

type Block = frame_system::mocking::MockBlock<Runtime>;

/// The runtime.
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
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type Revive = pallet_revive;
	#[runtime::pallet_index(4)]
	pub type Ewasm = pallet_ewasm;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u128>;
	type DbWeight = RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Runtime {}

#[derive_impl(pallet_revive::config_preludes::TestDefaultConfig)]
impl pallet_revive::Config for Runtime {
	type Time = Timestamp;
	type Balance = u128;
	type Currency = Balances;
	type AddressMapper = pallet_revive::AccountId32Mapper<Self>;
	type WeightInfo = pallet_revive::weights::SubstrateWeight<Self>;
	type UploadOrigin = frame_system::EnsureSigned<AccountId>;
	type InstantiateOrigin = frame_system::EnsureSigned<AccountId>;
}

parameter_types! {
	/// What gas is worth on the parachain.
	pub const GasWeight: pallet_ewasm::gas::GasWeight = pallet_ewasm::gas::DEFAULT_GAS_WEIGHT;
	/// Pay-as-you-go rent, as on the parachain.
	pub const EwasmRentPolicy: pallet_ewasm::rent::RentPolicy =
		pallet_ewasm::rent::RentPolicy::PayAsYouGo;
	/// Rent is burned.
	pub const RentPayee: Option<AccountId> = None;
}

/// pallet-ewasm's generated weights with RocksDB's database weights.
pub type EwasmWeights = pallet_ewasm::weights::SubstrateWeight<Runtime>;

/// The block as contracts see it: the timestamp pallet's time, nothing else.
pub struct Environment;

impl BlockEnvironment for Environment {
	fn timestamp() -> u64 {
		pallet_timestamp::Now::<Runtime>::get() / 1000
	}
	fn coinbase() -> Address {
		Address::default()
	}
	fn difficulty() -> [u8; 32] {
		[0; 32]
	}
	fn gas_price() -> u128 {
		0
	}
	fn block_gas_limit() -> u64 {
		u64::MAX
	}
	fn para_id() -> u32 {
		0
	}
	fn relay_parent_number() -> u32 {
		0
	}
}

impl pallet_ewasm::Config for Runtime {
	type Currency = Balances;
	type AddressMapper = AccountId32Mapper;
	type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
	type GasWeight = GasWeight;
	// The parachain's VM versions, each with its frozen schedule.
	type VmVersions = pallet_ewasm::versions::Released;
	type Environment = Environment;
	type FeePolicy = pallet_ewasm::rent::ConstantFee<ConstU128<1_000_000_000>>;
	type RentPolicy = EwasmRentPolicy;
	type RentPayee = RentPayee;
	type MaxPokesPerBlock = ConstU32<16>;
	type WakeRentBlocks = ConstU32<100>;
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
	type WeightInfo = EwasmWeights;
}
