//! The Ewasm parachain runtime.
//!
//! A Cumulus parachain runtime (parachain system, Aura collators that find each other through
//! authority discovery, balances, transaction payment, sudo, XCM over XCMP and UMP) with the
//! `ewasm` pallet as `Ewasm`. The native token has 18 decimals so that Ewasm values and
//! balances read like wei.
//!
//! Layout, as in the polkadot-sdk parachain template: pallet configuration in [`configs`],
//! runtime APIs in [`apis`], genesis presets in [`genesis_config_presets`], the benchmarked
//! weights of its pallets in [`weights`] (`pallet_ewasm`'s are in the pallet).
#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]
// `#[frame_support::runtime]`, `impl_runtime_apis!` and the wasm-binary include generate
// undocumented public items (`RuntimeCall`, `RuntimeApi`, `WASM_BINARY`, ...) at the crate root.
#![allow(missing_docs)]

// The runtime's wasm blob (`WASM_BINARY`), built by `build.rs`; `None` with
// `SKIP_WASM_BUILD=1`.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Before `apis`, which uses the `list_benchmarks!`/`add_benchmarks!` macros it defines.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

pub use polkadot_sdk::{staging_parachain_info as parachain_info, *};

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};
use sp_version::RuntimeVersion;

pub use sp_authority_discovery::AuthorityId as AuthorityDiscoveryId;
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// Signature of a transaction.
pub type Signature = MultiSignature;

/// An account on the chain: the public key of the transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in the smallest unit (10^-18 [`UNIT`]).
pub type Balance = u128;

/// Index of a transaction of an account.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// An index to a block.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions: the usual checks, fees, and proof-size reclaim around them.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	),
>;

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The migrations a runtime upgrade runs, before the pallets' own `on_runtime_upgrade` hooks:
/// the stored session keys gain the authority discovery key (a no-op on a chain that has it);
/// contracts, evictions and tombstones record their VM version (a no-op on a chain whose
/// pallet storage is at version 1).
pub type Migrations = (
	configs::authority_discovery::AddAuthorityDiscoveryKey,
	pallet_ewasm::migrations::RecordVmVersions<Runtime>,
);

/// Executive: dispatches calls to the pallets, and runs [`Migrations`] on a runtime upgrade.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Opaque types, for the node: they do not depend on this runtime's call type.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The session keys of a collator: its Aura key and its authority discovery key.
	pub struct SessionKeys {
		/// The key the collator signs blocks with.
		pub aura: Aura,
		/// The key (`audi`, sr25519) the collator signs its network addresses with in the DHT,
		/// so that the other collators find and connect to it.
		pub authority_discovery: AuthorityDiscovery,
	}
}

/// Declares the runtime version with `spec_version` (a literal, as `runtime_version` reads it).
macro_rules! runtime_version {
	($spec_version:tt) => {
		/// The runtime version.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: Cow::Borrowed("ewasm-parachain"),
			impl_name: Cow::Borrowed("ewasm-parachain"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 0,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 1,
			system_version: 1,
		};
	};
}

#[cfg(not(feature = "upgrade-fixture"))]
runtime_version!(10);
// The upgrade end-to-end test's next runtime: one spec version higher, so `setCode` takes it.
#[cfg(feature = "upgrade-fixture")]
runtime_version!(11);

/// The target block time: 6 seconds (one relay chain slot).
pub const MILLISECS_PER_BLOCK: u64 = 6000;

/// The Aura slot duration. It cannot change once the chain runs.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;

/// One token: 18 decimals, like ether, so Ewasm values are wei.
pub const UNIT: Balance = 1_000_000_000_000_000_000;
/// 10^-3 of a token.
pub const MILLIUNIT: Balance = UNIT / 1_000;
/// 10^-9 of a token: one gwei.
pub const GWEI: Balance = 1_000_000_000;

/// The smallest balance an account may hold: one gwei.
pub const EXISTENTIAL_DEPOSIT: Balance = GWEI;

/// The relay chain slot duration, in milliseconds.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
/// How many parachain blocks the relay chain processes per parent.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// How many blocks may be built before the relay chain includes them.
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;

#[frame_support::runtime]
mod runtime {
	/// The runtime: every pallet of the chain.
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

	/// Accounts, blocks, events.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	/// Validation data from the relay chain.
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	/// Block timestamps.
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	/// This parachain's id.
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	/// Proof-size reclaim for transactions.
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	/// The native token.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	/// Transaction fees.
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// Root access for development and governance bootstrap.
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;

	/// Who authored the current block.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	/// The collator set.
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	/// Collator sessions and keys.
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	/// Aura block authoring.
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	/// Aura extensions for parachains.
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;
	/// The collators' authority discovery keys, for the `AuthorityDiscoveryApi`.
	#[runtime::pallet_index(25)]
	pub type AuthorityDiscovery = pallet_authority_discovery;

	/// XCM over XCMP with sibling parachains.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	/// XCM sending, version negotiation and asset transfers.
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	/// XCM origins of this chain.
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	/// Queued inbound messages.
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	/// Ewasm contracts.
	#[runtime::pallet_index(50)]
	pub type Ewasm = pallet_ewasm;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
