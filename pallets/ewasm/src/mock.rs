//! The test runtime: System, Balances and Ewasm, with 32-byte accounts as on the real chain.

use crate as pallet_ewasm;
use ewasm_primitives::{system::receipts::Receipt, Address};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU128, ConstU32, ConstU64, EnsureOrigin},
		weights::constants::RocksDbWeight,
	},
	frame_system, pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::{AccountId32, BuildStorage},
};

type Block = frame_system::mocking::MockBlock<Test>;

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
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Ewasm = pallet_ewasm;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId32;
	type Lookup = polkadot_sdk::sp_runtime::traits::IdentityLookup<AccountId32>;
	type AccountData = pallet_balances::AccountData<u128>;
}

/// The existential deposit of the test chain.
pub const ED: u128 = 1_000;

/// The pallet's generated weights, priced with RocksDB's database weights.
pub type TestWeights = crate::weights::Weights<RocksDbWeight>;

/// The chain's gas schedule, derived from [`TestWeights`] (usable outside externalities,
/// unlike [`TestSchedule`]).
pub fn chain_schedule() -> crate::gas::Schedule {
	crate::gas::Schedule::chain::<TestWeights>(GasWeight::get())
}

/// The price of fuel of [`chain_schedule`].
pub fn chain_fuel_price() -> crate::gas::FuelPrice {
	match chain_schedule().instructions {
		crate::gas::InstructionMetering::Fuel(price) => price,
		free => panic!("the chain meters fuel: {free:?}"),
	}
}

parameter_types! {
	pub const ExistentialDeposit: u128 = ED;
	pub const GasWeight: crate::gas::GasWeight = crate::gas::DEFAULT_GAS_WEIGHT;
	/// The chain's schedule unless a test sets another: that of versions 1 (`v1`) and 2 (`v2`).
	pub storage TestSchedule: crate::gas::Schedule = chain_schedule();
	/// The schedules of later versions, each of a `v1` and a `v2` version, which a test adds
	/// as a runtime upgrade would.
	pub storage LaterSchedules: Vec<crate::gas::Schedule> = Vec::new();
	/// TOTALFEE growth per block; zero unless a rent test sets it.
	pub storage FeePerBlock: u128 = 0;
	/// Pay-as-you-go unless a test chooses TOTALFEE_TTL.
	pub storage TestRentPolicy: crate::rent::RentPolicy = crate::rent::RentPolicy::PayAsYouGo;
	/// Where rent goes; burned unless a test sets a payee.
	pub storage RentPayee: Option<AccountId32> = None;
	/// The receipts [`MockTransport`] sent (in storage, so a failed frame's are undone).
	pub storage SentReceipts: Vec<(Receipt, Vec<u8>)> = Vec::new();
	/// Whether [`MockTransport`] can send (a channel is open).
	pub storage TransportOpen: bool = true;
	/// The test chain's parachain id: [`PARA_ID`] unless a test plays another chain.
	pub storage TestParaId: u32 = PARA_ID;
}

/// The test chain's VM versions: `v1` and `v2` on [`TestSchedule`], then on each of
/// [`LaterSchedules`].
pub struct TestVersions;

impl polkadot_sdk::sp_core::Get<Vec<crate::versions::VmSpec>> for TestVersions {
	fn get() -> Vec<crate::versions::VmSpec> {
		core::iter::once(TestSchedule::get())
			.chain(LaterSchedules::get())
			.flat_map(crate::versions::one_per_interface)
			.collect()
	}
}

/// The most gas a receipt may carry on the test chain.
pub const MAX_RECEIPT_GAS: u64 = 1_000_000_000;
/// The longest receipt payload on the test chain.
pub const MAX_RECEIPT_PAYLOAD: u32 = 1024;

/// A transport that records what it sends in [`SentReceipts`], or refuses while
/// [`TransportOpen`] is false.
pub struct MockTransport;

impl crate::receipts::ReceiptTransport for MockTransport {
	fn send(receipt: &Receipt, payload: &[u8]) -> Result<(), crate::receipts::NotSent> {
		if !TransportOpen::get() {
			return Err(crate::receipts::NotSent);
		}
		let mut sent = SentReceipts::get();
		sent.push((receipt.clone(), payload.to_vec()));
		SentReceipts::set(&sent);
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn prepare_worst_routes(_: &[u32]) {
		TransportOpen::set(&true);
	}
}

/// The account a sibling parachain's messages are dispatched from on the test chain (the
/// layout of a sibling's sovereign account: `sibl`, its id in little endian, zeros).
pub fn sibling_account(para: u32) -> AccountId32 {
	let mut bytes = [0u8; 32];
	bytes[..4].copy_from_slice(b"sibl");
	bytes[4..8].copy_from_slice(&para.to_le_bytes());
	AccountId32::new(bytes)
}

/// The test chain's sibling origin: a signed origin of a [`sibling_account`] stands for the
/// sibling's native origin (the runtime uses `cumulus_pallet_xcm`'s).
pub struct EnsureSiblingAccount;

impl EnsureOrigin<RuntimeOrigin> for EnsureSiblingAccount {
	type Success = u32;

	fn try_origin(origin: RuntimeOrigin) -> Result<u32, RuntimeOrigin> {
		let para = match origin.clone().into() {
			Ok(frame_system::RawOrigin::Signed(who)) => {
				let bytes: &[u8; 32] = who.as_ref();
				let para = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
				(who == sibling_account(para)).then_some(para)
			}
			_ => None,
		};
		para.ok_or(origin)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::signed(sibling_account(SIBLING)))
	}
}

/// The sibling parachain of the test chain's receipts.
pub const SIBLING: u32 = 2001;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
}

/// The block as the test contracts see it.
pub struct TestEnvironment;

/// The test block's timestamp, in seconds.
pub const TIMESTAMP: u64 = 1_700_000_000;
/// The test block's author.
pub const COINBASE: Address = Address([0xC0; 20]);
/// The test chain's gas price.
pub const GAS_PRICE: u128 = 7;
/// The test chain's block gas limit.
pub const BLOCK_GAS_LIMIT: u64 = 50_000_000;
/// The test chain's parachain id (unless [`TestParaId`] is set).
pub const PARA_ID: u32 = 2000;
/// The relay-chain block the test chain's blocks are built on.
pub const RELAY_PARENT_NUMBER: u32 = 4_321;

impl crate::BlockEnvironment for TestEnvironment {
	fn timestamp() -> u64 {
		TIMESTAMP
	}
	fn coinbase() -> Address {
		COINBASE
	}
	fn difficulty() -> [u8; 32] {
		let mut difficulty = [0u8; 32];
		difficulty[0] = 0x42;
		difficulty
	}
	fn gas_price() -> u128 {
		GAS_PRICE
	}
	fn block_gas_limit() -> u64 {
		BLOCK_GAS_LIMIT
	}
	fn para_id() -> u32 {
		TestParaId::get()
	}
	fn relay_parent_number() -> u32 {
		RELAY_PARENT_NUMBER
	}
}

impl pallet_ewasm::Config for Test {
	type Currency = Balances;
	type AddressMapper = crate::address::AccountId32Mapper;
	type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
	type GasWeight = GasWeight;
	type VmVersions = TestVersions;
	type Environment = TestEnvironment;
	type FeePolicy = crate::rent::ConstantFee<FeePerBlock>;
	type RentPolicy = TestRentPolicy;
	type RentPayee = RentPayee;
	type MaxPokesPerBlock = ConstU32<2>;
	type WakeRentBlocks = ConstU32<10>;
	type ReceiptTransport = MockTransport;
	type SiblingOrigin = EnsureSiblingAccount;
	type MaxReceiptGas = ConstU64<MAX_RECEIPT_GAS>;
	type MaxReceiptPayload = ConstU32<MAX_RECEIPT_PAYLOAD>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type EeRegistrar = frame_system::EnsureSigned<AccountId32>;
	type EeDeposit = ConstU128<EE_DEPOSIT>;
	type EeDepositPerByte = ConstU128<EE_DEPOSIT_PER_BYTE>;
	type MaxEeBlockData = ConstU32<{ 64 * 1024 }>;
	type WeightInfo = TestWeights;
}

/// The fixed part of an execution environment's deposit.
pub const EE_DEPOSIT: u128 = 1_000_000;
/// An execution environment's deposit per byte of code.
pub const EE_DEPOSIT_PER_BYTE: u128 = 10;

/// Alice: a funded user.
pub const ALICE: AccountId32 = AccountId32::new([1; 32]);
/// Bob: another funded user.
pub const BOB: AccountId32 = AccountId32::new([2; 32]);
/// What Alice and Bob hold at genesis.
pub const INITIAL_BALANCE: u128 = 1_000_000_000_000;

/// Test externalities with Alice and Bob funded, at block 1 (so events are recorded).
pub fn new_test_ext() -> TestExternalities {
	new_test_ext_with(pallet_ewasm::GenesisConfig::default())
}

/// As [`new_test_ext`], with the pallet's genesis given.
pub fn new_test_ext_with(genesis: pallet_ewasm::GenesisConfig<Test>) -> TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	genesis.assimilate_storage(&mut storage).unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL_BALANCE), (BOB, INITIAL_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
