//! # The Ewasm pallet
//!
//! Stores Ewasm contracts (wasm modules that talk to the chain through the Ethereum
//! Environment Interface) and runs them in a wasmi interpreter inside the runtime.
//!
//! - [`Pallet::deploy`] runs init code; the code it passes to `finish` becomes the contract,
//!   at the CREATE2 address `keccak256(0xff ++ deployer ++ salt ++ keccak256(init_code))[12..]`.
//! - [`Pallet::call`] runs a contract's `main` with value and call data.
//! - Contracts call each other, create contracts and destroy themselves through the full EEI
//!   (ewasm/design Revision 4, plus `create2`); see [`exec`] for the call stack.
//! - Contracts send value and messages to contracts on other parachains through the receipts
//!   contract (0x20); [`Pallet::deliver_receipt`] receives them from trusted siblings (see
//!   [`receipts`]).
//!
//! Every frame is one storage transaction: a revert, a trap or running out of gas leaves
//! storage, balances and events as they were (the transaction fee is still paid). Gas is
//! metered by wasmi fuel plus the EEI prices of the [`gas::Schedule`], and converts to weight
//! through [`Config::GasWeight`]; unused gas is refunded as weight.
//!
//! Off-chain tools (the `ewasm` command) run the same code through [`Pallet::bare_call`] and
//! [`Pallet::bare_deploy`].
//!
//! Module map: [`accounts`] (the accounts behind addresses), [`address`] (address derivation
//! and the mapper), [`bignum`] (256-bit arithmetic for host functions), [`ee`] (execution
//! environments: stateless programs run on a state root), [`environment`] (the block as
//! contracts see it), [`exec`] (the call stack
//! and the guarded entry point), [`gas`], [`limits`], [`receipts`] (value and messages
//! between parachains), [`rent`], `storage` (code and contract storage), [`system`] (the
//! system contracts the pallet answers natively), `vm` (validation, host functions,
//! execution), [`weights`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod accounts;
pub mod address;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod bignum;
mod dry_run;
pub mod ee;
pub mod environment;
pub mod exec;
pub mod gas;
pub mod limits;
pub mod migrations;
pub mod receipts;
pub mod rent;
pub mod signature;
mod storage;
pub mod system;
pub mod versions;
mod vm;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use environment::BlockEnvironment;
pub use ewasm_primitives::Address;
pub use exec::{AddressScheme, CallRequest, DeployRequest, Deployed, ExecOutcome};
pub use pallet::*;
pub use vm::env::DEBUG_LOG_TARGET;
pub use weights::WeightInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::ewasm";

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use ewasm_primitives::{
		system::receipts::{ClaimReceipt, Receipt},
		value::Word,
	};
	use polkadot_sdk::{
		frame_support::{
			dispatch::{DispatchErrorWithPostInfo, PostDispatchInfo},
			pallet_prelude::*,
			traits::{
				fungible::{self, Mutate},
				tokens::Preservation,
			},
		},
		frame_system::pallet_prelude::*,
		sp_core::{H160, H256},
	};
	use rent::TotalFeePolicy;

	/// The pallet.
	/// The layout of the pallet's storage: 1 since contracts, evictions and tombstones record
	/// their VM version ([`migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The currency contracts hold and calls move, and in which execution environments'
		/// deposits are held. Ewasm values are `u128` in its smallest unit.
		type Currency: fungible::Mutate<Self::AccountId, Balance = u128>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's reasons for holds, which include this pallet's ([`HoldReason`]).
		type RuntimeHoldReason: From<HoldReason>;

		/// Maps runtime accounts to the 20-byte addresses contracts see, and contract
		/// addresses to the accounts that hold their balances (users' addresses lead back to
		/// them through [`OriginalAccount`]).
		type AddressMapper: address::AddressMapper<Self::AccountId>;

		/// Largest code (init code or contract code) in bytes.
		#[pallet::constant]
		type MaxCodeLen: Get<u32>;

		/// What gas is worth in weight: the time a unit buys and the units a byte of proof
		/// costs ([`gas::DEFAULT_GAS_WEIGHT`] balances them against a parachain block).
		#[pallet::constant]
		type GasWeight: Get<gas::GasWeight>;

		/// The VM versions the chain offers, oldest first: each an interface revision and a
		/// frozen gas schedule ([`versions`]). Never remove or change one: contracts keep the
		/// version they were deployed on. Chains use [`versions::Released`];
		/// [`gas::Schedule::hera`] is for off-chain comparison only.
		type VmVersions: Get<Vec<versions::VmSpec>>;

		/// The block as contracts see it (timestamp, coinbase, difficulty, gas price, block
		/// gas limit).
		type Environment: BlockEnvironment;

		/// How much TOTALFEE, the rent counter, grows each block (see [`rent`]).
		type FeePolicy: rent::TotalFeePolicy;

		/// Pay-as-you-go rent, or the TOTALFEE_TTL alternative (see [`rent::RentPolicy`]).
		type RentPolicy: Get<rent::RentPolicy>;

		/// Where rent goes: `Some(account)` receives it (a treasury), `None` burns it.
		type RentPayee: Get<Option<Self::AccountId>>;

		/// Most `poke`s one block may contain (they are free).
		#[pallet::constant]
		type MaxPokesPerBlock: Get<u32>;

		/// How many blocks of rent, at the current TOTALFEE growth, a woken contract must hold.
		#[pallet::constant]
		type WakeRentBlocks: Get<u32>;

		/// Carries new receipts to their target parachains (on a parachain: XCM over HRMP, a
		/// `Transact` of [`Pallet::deliver_receipt`]). `()` carries nothing: every
		/// `generateReceipt` reverts.
		type ReceiptTransport: receipts::ReceiptTransport;

		/// The origin receipts arrive with, giving the sending parachain's id (on a parachain:
		/// `cumulus_pallet_xcm::Origin::SiblingParachain`).
		type SiblingOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = u32>;

		/// Most gas a receipt may carry for its target's `receiveMessage` (its delivery must fit
		/// in the target's message-processing weight).
		#[pallet::constant]
		type MaxReceiptGas: Get<u64>;

		/// Longest receipt payload in bytes (it must fit an HRMP message with the receipt).
		#[pallet::constant]
		type MaxReceiptPayload: Get<u32>;

		/// Who may register an execution environment ([`Pallet::register_ee`]): the account
		/// that pays its deposit.
		type EeRegistrar: EnsureOrigin<Self::RuntimeOrigin, Success = Self::AccountId>;

		/// The fixed part of the deposit held for an execution environment while it exists.
		#[pallet::constant]
		type EeDeposit: Get<u128>;

		/// The deposit held for each byte of an execution environment's code.
		#[pallet::constant]
		type EeDepositPerByte: Get<u128>;

		/// Longest block data [`Pallet::execute_block`] takes, in bytes.
		#[pallet::constant]
		type MaxEeBlockData: Get<u32>;

		/// Weights of the extrinsics, gas excluded.
		type WeightInfo: WeightInfo;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an execution environment, held from its registrar while it exists.
		EeDeposit,
	}

	/// Contract code, bounded by [`Config::MaxCodeLen`].
	pub type CodeVec<T> = BoundedVec<u8, <T as Config>::MaxCodeLen>;

	/// Metadata of a deployed contract.
	#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct ContractInfo {
		/// keccak256 of its code; the code is in [`PristineCode`].
		pub code_hash: H256,
		/// Length of its code in bytes (0 while its init code runs).
		pub code_len: u32,
		/// Number of non-zero storage items.
		pub storage_items: u32,
		/// Bytes of storage: 64 per item (32-byte key, 32-byte value).
		pub storage_bytes: u64,
		/// The TOTALFEE counter when rent was last charged (F1 of the rent formula).
		pub rent_fee_mark: u128,
		/// Under the TOTALFEE_TTL policy: the TOTALFEE after which it may be evicted (0 under
		/// pay-as-you-go rent).
		pub ttl: u128,
		/// How many contracts it has created with `create` (Ethereum's account nonce; a new
		/// contract starts at 1, as after EIP-161).
		pub nonce: u64,
		/// The VM version it runs on, fixed when its code is stored ([`versions`]); 0 while its
		/// init code runs.
		pub vm: versions::VmVersion,
	}

	impl ContractInfo {
		/// Whether its init code is still running: it has no code yet (the zero hash), and a
		/// call to it only moves value.
		pub fn is_under_construction(&self) -> bool {
			self.code_hash == H256::zero()
		}

		/// A contract without storage yet, with `nonce`, on `vm`, that has paid rent up to now.
		pub fn new<T: Config>(
			code_hash: H256,
			code_len: u32,
			nonce: u64,
			vm: versions::VmVersion,
		) -> Self {
			ContractInfo {
				vm,
				code_hash,
				code_len,
				storage_items: 0,
				storage_bytes: 0,
				rent_fee_mark: TotalFee::<T>::get(),
				ttl: rent::initial_ttl::<T>(),
				nonce,
			}
		}
	}

	/// Metadata of stored code.
	#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct CodeInfo {
		/// Length of the code in bytes.
		pub len: u32,
		/// How many contracts use it.
		pub refcount: u64,
	}

	/// Contract code by keccak256 hash, stored once however many contracts share it.
	#[pallet::storage]
	pub type PristineCode<T: Config> = StorageMap<_, Identity, H256, CodeVec<T>>;

	/// Metadata of stored code by hash.
	#[pallet::storage]
	pub type CodeInfoOf<T: Config> = StorageMap<_, Identity, H256, CodeInfo>;

	/// Deployed contracts by address. A contract's balance is held by the account
	/// [`address::AddressMapper::contract_account`] gives for its address.
	#[pallet::storage]
	pub type ContractInfoOf<T: Config> = StorageMap<_, Blake2_128Concat, Address, ContractInfo>;

	/// Contract storage: (contract, 32-byte key) to 32-byte value. Unset keys read as zero.
	#[pallet::storage]
	pub type ContractStorage<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Address, Blake2_128Concat, Word, Word>;

	/// TOTALFEE: the rent counter, grown by [`Config::FeePolicy`] at the start of every block.
	/// A contract owes `(TOTALFEE - rent_fee_mark) * (100 + code_len + storage_bytes)`.
	#[pallet::storage]
	pub type TotalFee<T: Config> = StorageValue<_, u128, ValueQuery>;

	/// Contracts evicted whose storage is still being deleted (in `on_idle`), with what their
	/// tombstone will commit to.
	#[pallet::storage]
	pub type Evicting<T: Config> = StorageMap<_, Blake2_128Concat, Address, rent::Eviction>;

	/// Tombstones of evicted contracts: the hash `keccak256(SCALE(address, code hash, nonce,
	/// TOTALFEE at eviction, storage hash))` (see [`rent::tombstone`]) and the VM version the
	/// contract ran on. `wake` restores from them.
	#[pallet::storage]
	pub type Tombstones<T: Config> = StorageMap<_, Blake2_128Concat, Address, rent::Tombstone>;

	/// Users recorded under their 20-byte address, so that value sent to the address reaches
	/// them: filled the first time a user signs `deploy` or `call` (see [`accounts`]).
	#[pallet::storage]
	pub type OriginalAccount<T: Config> = StorageMap<_, Blake2_128Concat, Address, T::AccountId>;

	/// How many `poke`s the current block holds.
	#[pallet::storage]
	pub type PokesInBlock<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The next nonce of receipts to each target parachain.
	#[pallet::storage]
	pub type OutboxNonce<T: Config> = StorageMap<_, Twox64Concat, u32, u64, ValueQuery>;

	/// The outbox: (target parachain, nonce) to the id of the receipt generated with them. The
	/// target parachain's pull path proves an entry against this chain's state root.
	#[pallet::storage]
	pub type Outbox<T: Config> =
		StorageDoubleMap<_, Twox64Concat, u32, Twox64Concat, u64, [u8; 32]>;

	/// The inbox: (source parachain, nonce) to the id of the receipt delivered with them. An
	/// entry is the receipt's nullifier: a receipt is delivered at most once.
	#[pallet::storage]
	pub type Inbox<T: Config> = StorageDoubleMap<_, Twox64Concat, u32, Twox64Concat, u64, [u8; 32]>;

	/// The value sent by receipts to each target parachain (taken out of this chain's supply).
	#[pallet::storage]
	pub type SentTotal<T: Config> = StorageMap<_, Twox64Concat, u32, u128, ValueQuery>;

	/// The value received by receipts from each source parachain (added to this chain's
	/// supply).
	#[pallet::storage]
	pub type ReceivedTotal<T: Config> = StorageMap<_, Twox64Concat, u32, u128, ValueQuery>;

	/// The state roots of trusted siblings' latest blocks the relay chain included, as
	/// (block number, state root), oldest first (see [`receipts::note_sibling_heads`]): what
	/// `claim_receipt` proves against.
	#[pallet::storage]
	pub type SiblingStateRoots<T: Config> = StorageMap<
		_,
		Twox64Concat,
		u32,
		BoundedVec<(u32, T::Hash), ConstU32<{ receipts::MAX_SIBLING_ROOTS }>>,
		ValueQuery,
	>;

	/// The parachains receipts are exchanged with: receipts go only to them and are accepted
	/// only from them (set at genesis or by root with `set_trusted_siblings`).
	#[pallet::storage]
	pub type TrustedSiblings<T: Config> =
		StorageValue<_, BoundedVec<u32, ConstU32<{ receipts::MAX_TRUSTED_SIBLINGS }>>, ValueQuery>;

	/// Whether contracts may import the `debug` namespace (printing to the node's log). Set at
	/// genesis: on for development chains, off otherwise.
	#[pallet::storage]
	pub type DebugEnabled<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Execution environments' code by keccak256 hash, stored once however many EEs share it.
	#[pallet::storage]
	pub type EeCode<T: Config> = StorageMap<_, Identity, H256, ee::chain::EeCodeVec>;

	/// The registered execution environments by id.
	#[pallet::storage]
	pub type Ees<T: Config> =
		StorageMap<_, Twox64Concat, ee::chain::EeId, ee::chain::EeInfo<T::AccountId>>;

	/// The id the next execution environment registered gets.
	#[pallet::storage]
	pub type NextEeId<T: Config> = StorageValue<_, ee::chain::EeId, ValueQuery>;

	/// A contract installed at genesis (one every node of the chain starts with, or a test's
	/// pre-state). Not at a system contract's address ([`system`]): the pallet answers those
	/// itself, so the chain spec is refused.
	#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
	pub struct GenesisContract {
		/// Its address.
		pub address: H160,
		/// Its code, stored as given: it is validated when it runs, so a malformed contract
		/// fails every call. It runs on the newest VM version of its interface (of `v1`, if the
		/// code is malformed).
		#[serde(with = "polkadot_sdk::sp_core::bytes")]
		pub code: Vec<u8>,
		/// Its storage: 32-byte keys and values (zero values are skipped).
		pub storage: Vec<(H256, H256)>,
		/// Its nonce.
		pub nonce: u64,
	}

	/// Genesis state of the pallet. Contract balances are the balances pallet's, on the
	/// accounts [`address::AddressMapper::contract_account`] gives.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Whether contracts may import the `debug` namespace.
		pub debug_enabled: bool,
		/// Contracts that exist from genesis.
		pub contracts: Vec<GenesisContract>,
		/// The parachains receipts are exchanged with ([`TrustedSiblings`]).
		pub trusted_siblings: Vec<u32>,
		/// Binds the configuration to the runtime.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			DebugEnabled::<T>::put(self.debug_enabled);
			let trusted = BoundedVec::try_from(self.trusted_siblings.clone());
			TrustedSiblings::<T>::put(trusted.expect("at most MAX_TRUSTED_SIBLINGS siblings"));
			for contract in &self.contracts {
				let address = Address(contract.address.0);
				assert!(
					!system::is_system_contract(&address),
					"a genesis contract at {address:?}, a system contract's address"
				);
				let code: CodeVec<T> =
					contract.code.clone().try_into().expect("genesis code fits MaxCodeLen");
				let code_len = code.len() as u32;
				let vm = exec::version_for::<T>(&code);
				let code_hash = crate::storage::add_code_user::<T>(code);
				ContractInfoOf::<T>::insert(
					address,
					ContractInfo::new::<T>(code_hash, code_len, contract.nonce, vm),
				);
				for (key, value) in &contract.storage {
					crate::storage::write::<T>(&address, &key.0, &value.0, false);
				}
			}
		}
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(crate) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An execution environment was registered.
		EeRegistered {
			/// Its id.
			ee: ee::chain::EeId,
			/// Who registered it (and pays its deposit).
			registrar: T::AccountId,
			/// keccak256 of its code.
			code_hash: H256,
			/// Its initial state root.
			root: Word,
			/// The deposit held from the registrar.
			deposit: u128,
			/// The value moved from the registrar to the EE's account.
			value: u128,
		},
		/// A block of an execution environment succeeded: its root is now `post_root`.
		EeExecuted {
			/// The EE.
			ee: ee::chain::EeId,
			/// The root the block ran on.
			pre_root: Word,
			/// The root it saved: the EE's root now.
			post_root: Word,
			/// The gas the block used.
			gas_used: u64,
		},
		/// A block of an execution environment made a deposit (`pushNewDeposit`): pubkey 48
		/// bytes, withdrawal credentials 32, amount u64 big-endian 8, signature 96.
		EeDepositPushed {
			/// The EE.
			ee: ee::chain::EeId,
			/// The deposit's 184 bytes.
			deposit: [u8; ee::DEPOSIT_BYTES],
		},
		/// A contract was deployed (by a signed account, or by a contract's `create`).
		Deployed {
			/// Who deployed it (a contract's account for a creation by a contract).
			deployer: T::AccountId,
			/// Its address.
			contract: Address,
			/// keccak256 of its code.
			code_hash: H256,
			/// Gas the creation used.
			gas_used: u64,
		},
		/// A contract was called and finished successfully.
		Called {
			/// Who called it.
			caller: T::AccountId,
			/// The contract.
			contract: Address,
			/// Gas it used.
			gas_used: u64,
		},
		/// A contract paid rent.
		RentCharged {
			/// The contract.
			contract: Address,
			/// The rent taken from its balance.
			amount: u128,
			/// TOTALFEE, up to which it has now paid.
			fee_mark: u128,
		},
		/// A contract that could not pay its rent was evicted by `poke`. Its tombstone is sealed
		/// once its storage is deleted; it can then be woken.
		Evicted {
			/// The contract.
			contract: Address,
			/// TOTALFEE at eviction (part of what `wake` must supply).
			fee_mark: u128,
			/// The rent taken from its balance at eviction: what it owed, up to all it held.
			rent_taken: u128,
		},
		/// An evicted contract was restored by `wake`.
		Woken {
			/// The contract.
			contract: Address,
		},
		/// A receipt was generated (by a call of the receipts contract): its value left this
		/// chain's supply and it is on its way to its target parachain.
		ReceiptGenerated {
			/// Its id.
			id: [u8; 32],
			/// The receipt.
			receipt: Receipt,
		},
		/// A receipt from another parachain was delivered: its value reached its target, and
		/// the target's `receiveMessage`, if it has one, succeeded.
		ReceiptDelivered {
			/// Its id.
			id: [u8; 32],
			/// The receipt.
			receipt: Receipt,
			/// Gas `receiveMessage` used (0 if the target has none).
			gas_used: u64,
		},
		/// A receipt from another parachain was delivered but its target's `receiveMessage`
		/// failed: what it did was undone; the value still reached the target.
		ReceiptFailed {
			/// Its id.
			id: [u8; 32],
			/// The receipt.
			receipt: Receipt,
			/// Why `receiveMessage` failed.
			error: DispatchError,
		},
		/// A receipt was claimed by proof (and delivered: `ReceiptDelivered` or `ReceiptFailed`
		/// comes before it).
		ReceiptClaimed {
			/// Its id.
			id: [u8; 32],
			/// Who claimed it.
			claimer: T::AccountId,
		},
		/// Root set the parachains receipts are exchanged with.
		TrustedSiblingsSet {
			/// The trusted parachains.
			siblings: Vec<u32>,
		},
		/// A contract ran `log`.
		ContractEmitted {
			/// The contract that logged.
			contract: Address,
			/// Up to four 32-byte topics.
			topics: Vec<H256>,
			/// The log data.
			data: Vec<u8>,
		},
	}

	/// Errors of the pallet. A failed extrinsic changes nothing but the fee.
	#[pallet::error]
	pub enum Error<T> {
		/// The code is larger than `MaxCodeLen` (an execution environment's: 512 KiB).
		CodeTooLarge,
		/// The code is not valid wasm MVP without floats and without a start function, or it
		/// exceeds an engine limit or 1024 locals in a function (an execution environment's:
		/// 16 384), or it cannot be instantiated (a table over 4096 elements, a data or element
		/// segment outside its memory or table).
		CodeInvalid,
		/// The code imports something other than a function of one interface revision's
		/// namespace (`ethereum` or `ethereum_v2`) with the specified signature (an execution
		/// environment's: other than an EE host function).
		CodeImportNotAllowed,
		/// The code does not export exactly `main` (no params, no results) and `memory` (a
		/// contract may export `receiveMessage` besides).
		CodeExportsInvalid,
		/// The code's memory starts larger than the limit.
		CodeMemoryTooLarge,
		/// A contract already exists at the address this deploy derives.
		ContractExists,
		/// No contract exists at the called address.
		ContractNotFound,
		/// The contract's code is missing from storage (a corrupted state).
		CodeNotFound,
		/// The value could not be transferred (insufficient balance, or the amount would
		/// leave an account below the existential deposit).
		TransferFailed,
		/// The contract ran `revert`.
		ContractReverted,
		/// The contract trapped (unreachable, an out-of-bounds memory access, a bad host
		/// function argument, stack overflow, ...). All gas is consumed.
		ContractTrapped,
		/// The contract cannot pay the rent it owes, so it cannot run; `poke` evicts it.
		RentUnpaid,
		/// The contract was evicted for unpaid rent; `wake` restores it.
		ContractEvicted,
		/// This block already holds `MaxPokesPerBlock` pokes.
		PokeQuotaExhausted,
		/// `poke` was given an address without a contract.
		NotAContract,
		/// `wake`: no tombstone at this address (never evicted, already woken, or its storage
		/// is still being deleted).
		NoTombstone,
		/// `wake`: the code, storage, nonce or fee mark supplied do not match the tombstone.
		TombstoneMismatch,
		/// `wake`: the value does not pay `WakeRentBlocks` blocks of rent.
		WakeValueTooLow,
		/// The contract ran out of gas (or, deploying, could not pay for storing its code).
		/// All gas is consumed.
		OutOfGas,
		/// `generateReceipt`: the transport could not send the receipt (no channel to the
		/// target parachain, or the message is too large for it).
		ReceiptNotSent,
		/// `deliver_receipt`: the receipt names another parachain as its source than the one
		/// that sent it.
		ReceiptNotFromSender,
		/// A receipt from a parachain that is not in [`TrustedSiblings`].
		ReceiptSourceUntrusted,
		/// A receipt for another parachain than this one.
		ReceiptWrongTarget,
		/// A receipt whose payload does not hash to its `payload_hash`.
		ReceiptPayloadMismatch,
		/// A receipt with more gas than `MaxReceiptGas`, or a payload longer than
		/// `MaxReceiptPayload`.
		ReceiptTooLarge,
		/// The receipt was delivered already (its nullifier is in [`Inbox`]).
		ReceiptAlreadyDelivered,
		/// The receipt's value cannot be credited to its target (it would leave a new account
		/// below the existential deposit). Nothing changes: it can be delivered later.
		ReceiptUndeliverable,
		/// `set_trusted_siblings`: more than `MAX_TRUSTED_SIBLINGS`.
		TooManySiblings,
		/// `claim_receipt`: no state root of that block of the source parachain is recorded
		/// (not included yet, too old, or never seen).
		UnknownSourceBlock,
		/// `claim_receipt`: the proof does not show the source's outbox holding the receipt's
		/// id in that block's state.
		ReceiptProofInvalid,
		/// No VM version the chain offers runs the code: its interface is offered by none, or a
		/// contract's (or tombstone's) version is not among `VmVersions`, or is of another
		/// interface than its code (a corrupted state).
		VmVersionUnavailable,
		/// No execution environment has that id.
		EeNotFound,
		/// `execute_block`: the EE's root is not the `expected_pre_root` given (another block
		/// ran first).
		EePreRootMismatch,
		/// The execution environment trapped (unreachable, an out-of-bounds access, a block
		/// data range past its end, a malformed deposit, a bignum overflow or zero modulus, its
		/// memory or stack outgrowing the limits). All gas is consumed.
		EeTrapped,
		/// The execution environment's `main` returned without saving a root. All gas is
		/// consumed.
		EeNoPostRoot,
		/// `register_ee`: the registrar cannot pay the deposit.
		EeDepositUnavailable,
		/// `register_ee`: every execution environment id is taken.
		EeIdsExhausted,
		/// The runtime API's dry run of a block: its data is longer than `MaxEeBlockData`, so
		/// no `execute_block` can carry it.
		EeBlockDataTooLarge,
		/// `eth2.callEE`: the EE called is already running in the block (no re-entry), or the
		/// EEs calling it are already `ee::MAX_EE_CALL_DEPTH` deep. The call fails without
		/// running; the caller goes on.
		EeCallRefused,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Grows TOTALFEE and opens the block's `poke` quota.
		fn on_initialize(_block: BlockNumberFor<T>) -> Weight {
			TotalFee::<T>::mutate(|fee| *fee = fee.saturating_add(T::FeePolicy::increment()));
			PokesInBlock::<T>::kill();
			T::WeightInfo::on_initialize()
		}

		/// Deletes storage of evicted contracts with the block's spare weight, sealing their
		/// tombstones.
		fn on_idle(_block: BlockNumberFor<T>, remaining: Weight) -> Weight {
			// One unit (a contract looked at or an item deleted) costs at most this much.
			let per_unit = rent::deletion_weight::<T>(1, 1);
			let budget = remaining.checked_div_per_component(&per_unit).unwrap_or(0);
			if budget == 0 {
				return Weight::zero();
			}
			let (deleted, contracts) =
				rent::delete_evicted_storage::<T>(budget.min(u32::MAX.into()) as u32);
			rent::deletion_weight::<T>(deleted, contracts)
		}

		/// Checks that every interface revision is offered by a VM version, and, for every
		/// version: that its instructions burn fuel (Hera's free instructions are for off-chain
		/// comparison only); that its frozen schedule costs no less than the benchmarks the
		/// runtime carries measure ([`gas::Schedule::underpriced`]); that its price of fuel buys
		/// at least the benchmarked time of a unit of wasm fuel in every instruction benchmark, the `instr`
		/// mix and each expensive shape, in a module whose functions declare as many locals as
		/// the benchmark's ([`gas::underpriced_instruction`]); that a call with value costs at
		/// least the stipend it gives (which comes back when unused); that the gas one extrinsic
		/// can carry is small enough for a dry run's bounded search, and enough for the most gas
		/// a receipt carries; that one extrinsic's gas cannot buy first accesses of more
		/// storage slots than a transaction records as accessed ([`vm::accessed`]); and that
		/// the deepest call stack of the largest contracts, with that record, takes at most
		/// half of the runtime's heap (the other half is left for the rest of the runtime
		/// call: the block's extrinsics, storage reads, events; how a block's contract calls
		/// together fragment the heap is not bounded yet, see the README).
		fn integrity_test() {
			let versions = versions::Versions::of::<T>();
			for interface in ewasm_primitives::Interface::ALL {
				assert!(
					versions.newest_of(interface).is_some(),
					"no VM version offers interface {interface:?}: its code cannot be deployed"
				);
			}
			let measured = gas::Schedule::chain::<T::WeightInfo>(T::GasWeight::get());
			let max_gas = gas::max_extrinsic_gas::<T>(Self::call_base_weight(0))
				.max(gas::max_extrinsic_gas::<T>(Self::deploy_base_weight(0)));
			for (vm, spec) in versions.all() {
				let schedule = spec.schedule;
				let gas::InstructionMetering::Fuel(price) = schedule.instructions else {
					panic!("{vm:?}: instructions run free (Hera's model is for off-chain comparison only)");
				};
				let underpriced =
					gas::underpriced_instruction::<T::WeightInfo>(price, T::GasWeight::get());
				assert!(
					underpriced.is_none(),
					"{vm:?}: fuel costs less than it takes in (benchmark, weight of a unit) {underpriced:?}"
				);
				let underpriced = schedule.underpriced(&measured);
				assert!(
					underpriced.is_empty(),
					"{vm:?}: its frozen schedule costs less than the benchmarks measure (entry, price, measured): {underpriced:?}"
				);
				let host = schedule.host;
				assert!(
					host.call.saturating_add(host.call_value) >= host.call_stipend,
					"{vm:?}: a call with value costs less than the stipend it gives: {host:?}"
				);
				let first_access = host.storage_load.min(host.storage_store_update).max(1);
				assert!(
					max_gas / first_access < crate::vm::accessed::MAX_ACCESSED_SLOTS as u64,
					"{vm:?}: an extrinsic's gas buys more first accesses of storage than a transaction records"
				);
			}
			assert!(
				max_gas < 1u64 << dry_run::MAX_BISECTION_PROBES,
				"an extrinsic can carry {max_gas} gas: dry runs would not find the least that suffices"
			);
			assert!(
				T::MaxReceiptGas::get() <= max_gas,
				"a receipt may carry more gas than an extrinsic can pay for on its source chain"
			);
			let heap =
				crate::vm::limiter::worst_call_stack_heap_bytes(T::MaxCodeLen::get() as usize)
					.saturating_add(crate::vm::accessed::MAX_HEAP_BYTES);
			assert!(
				heap <= crate::limits::RUNTIME_HEAP_BYTES / 2,
				"the deepest call stack may take {heap} bytes of heap, more than half of {}",
				crate::limits::RUNTIME_HEAP_BYTES
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Deploys a contract.
		///
		/// Runs `init_code`'s `main` with `input` as call data and `value` moved from the
		/// signer to the new contract; the bytes it passes to `finish` are validated and stored
		/// as the contract's code. The address is
		/// `keccak256(0xff ++ signer_address ++ salt ++ keccak256(init_code))[12..]`.
		///
		/// Emits `Deployed` (and `ContractEmitted` for each log). Fails with a `Code*` error
		/// for invalid code, `ContractExists`, `TransferFailed`, `ContractReverted`,
		/// `ContractTrapped` or `OutOfGas`; on failure nothing changes but the fee.
		#[pallet::call_index(0)]
		#[pallet::weight(
			Pallet::<T>::deploy_base_weight(input.len())
				.saturating_add(gas::gas_to_weight::<T>(*gas_limit))
		)]
		pub fn deploy(
			origin: OriginFor<T>,
			#[pallet::compact] value: u128,
			#[pallet::compact] gas_limit: u64,
			init_code: Vec<u8>,
			input: Vec<u8>,
			salt: [u8; 32],
		) -> DispatchResultWithPostInfo {
			let deployer = ensure_signed(origin)?;
			let init_len = init_code.len() as u32;
			let input_len = input.len() as u32;
			let outcome = Self::bare_deploy(DeployRequest {
				deployer: &deployer,
				value,
				gas_limit,
				init_code,
				input,
				scheme: AddressScheme::Create2 { salt },
			});
			let weight = T::WeightInfo::deploy(init_len.max(outcome.code_len), input_len)
				.saturating_add(gas::gas_to_weight::<T>(outcome.gas_used));
			outcome.result.map_err(|error| with_weight(error, weight))?;
			Ok(Some(weight).into())
		}

		/// Calls the contract at `dest` with `input` as call data and `value` moved from the
		/// signer to the contract. A system contract ([`system`]) answers instead, and refuses
		/// value.
		///
		/// Emits `Called` (and `ContractEmitted` for each log). Fails
		/// with `ContractNotFound`, `TransferFailed`, `ContractReverted`, `ContractTrapped`
		/// or `OutOfGas`; on failure nothing changes but the fee.
		#[pallet::call_index(1)]
		#[pallet::weight(
			Pallet::<T>::call_base_weight(input.len())
				.saturating_add(gas::gas_to_weight::<T>(*gas_limit))
		)]
		pub fn call(
			origin: OriginFor<T>,
			dest: Address,
			#[pallet::compact] value: u128,
			#[pallet::compact] gas_limit: u64,
			input: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			let caller = ensure_signed(origin)?;
			let input_len = input.len() as u32;
			let outcome =
				Self::bare_call(CallRequest { caller: &caller, dest, value, gas_limit, input });
			let weight = T::WeightInfo::call(outcome.code_len, input_len)
				.saturating_add(gas::gas_to_weight::<T>(outcome.gas_used));
			outcome.result.map_err(|error| with_weight(error, weight))?;
			Self::deposit_event(Event::Called {
				caller,
				contract: dest,
				gas_used: outcome.gas_used,
			});
			Ok(Some(weight).into())
		}

		/// Touches the contract at `target`: it pays the rent it owes, or, if it cannot (or,
		/// under TOTALFEE_TTL, its TTL has passed), is evicted (event `Evicted`, the rent it
		/// owed taken from its balance). At most `MaxPokesPerBlock` per block. Free (the fee is
		/// refunded) when it evicts; any other poke pays its fee.
		///
		/// Fails with `PokeQuotaExhausted` or `NotAContract` (paying the fee).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::poke())]
		pub fn poke(origin: OriginFor<T>, target: Address) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(
				PokesInBlock::<T>::get() < T::MaxPokesPerBlock::get(),
				Error::<T>::PokeQuotaExhausted
			);
			ensure!(ContractInfoOf::<T>::contains_key(target), Error::<T>::NotAContract);
			PokesInBlock::<T>::mutate(|pokes| *pokes = pokes.saturating_add(1));
			let evicted = rent::touch::<T>(&target, rent::Touch::Poke).is_err();
			if evicted {
				rent::evict::<T>(&target);
			}
			// Free only when it evicts: a poke that only collects rent (any live contract owes
			// some each block) or does nothing would let anyone fill the block's quota for free
			// and delay the evictions it is there for.
			Ok(if evicted { Pays::No } else { Pays::Yes }.into())
		}

		/// Restores the evicted contract at `address` from its `code`, its `storage` (every
		/// key/value pair it held), its `nonce` and the TOTALFEE at its eviction (`fee_mark`,
		/// from the `Evicted` event), checked against its tombstone; moves `value` from the
		/// signer to it, which must alone pay `WakeRentBlocks` blocks of rent (a balance the
		/// address holds does not count). The tombstone is
		/// consumed: a contract is woken once.
		///
		/// Emits `Woken`. Fails with `NoTombstone`, `TombstoneMismatch`, a `Code*` error,
		/// `WakeValueTooLow` or `TransferFailed`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::wake(code.len() as u32, storage.len() as u32))]
		pub fn wake(
			origin: OriginFor<T>,
			address: Address,
			code: Vec<u8>,
			storage: Vec<(Word, Word)>,
			nonce: u64,
			fee_mark: u128,
			#[pallet::compact] value: u128,
		) -> DispatchResult {
			let waker = ensure_signed(origin)?;
			ensure!(!exec::exceeds_max_code_len::<T>(code.len()), Error::<T>::CodeTooLarge);
			let expected = Tombstones::<T>::get(address).ok_or(Error::<T>::NoTombstone)?;
			let eviction = rent::Eviction {
				code_hash: crate::storage::code_hash(&code),
				nonce,
				fee_mark,
				storage_hash: rent::storage_commitment(&storage),
				vm: expected.vm,
			};
			ensure!(
				rent::tombstone(&address, &eviction) == expected.hash,
				Error::<T>::TombstoneMismatch
			);
			exec::validate::<T>(&code, Some(expected.vm))?;
			let items = storage.iter().filter(|(_, value)| *value != [0u8; 32]).count() as u64;
			let bytes =
				rent::rented_bytes(code.len() as u32, items * crate::storage::STORAGE_ITEM_BYTES);
			let prepaid = u128::from(bytes)
				.saturating_mul(T::FeePolicy::increment())
				.saturating_mul(T::WakeRentBlocks::get().into());
			// The value alone pays: what the account holds is not counted (eviction took
			// what the contract owed; the rest, if any, is its own).
			ensure!(value >= prepaid, Error::<T>::WakeValueTooLow);
			let account = accounts::contract_account::<T>(&address);
			T::Currency::transfer(&waker, &account, value, Preservation::Preserve)
				.map_err(|_| Error::<T>::TransferFailed)?;

			let code_len = code.len() as u32;
			let code: CodeVec<T> = code.try_into().map_err(|_| Error::<T>::CodeTooLarge)?;
			let code_hash = crate::storage::add_code_user::<T>(code);
			ContractInfoOf::<T>::insert(
				address,
				ContractInfo::new::<T>(code_hash, code_len, nonce, expected.vm),
			);
			for (key, value) in &storage {
				crate::storage::write::<T>(&address, key, value, false);
			}
			Tombstones::<T>::remove(address);
			Self::deposit_event(Event::Woken { contract: address });
			Ok(())
		}

		/// Delivers a receipt generated on the sibling parachain the origin names (it must be
		/// `receipt.source_para`, and trusted): credits `receipt.amount` to `receipt.target`
		/// and, if the target's code exports `receiveMessage`, runs it with `receipt.gas_limit`
		/// gas and the receipt's header and `payload` as call data. Sent by the source chain's
		/// pallet over XCM (a `Transact` with the native origin); see [`receipts`].
		///
		/// Emits `ReceiptDelivered`, or `ReceiptFailed` when `receiveMessage` failed (the value
		/// is delivered either way). Fails, changing nothing, with `BadOrigin`,
		/// `ReceiptNotFromSender`, `ReceiptSourceUntrusted`, `ReceiptWrongTarget`,
		/// `ReceiptPayloadMismatch`, `ReceiptTooLarge`, `ReceiptAlreadyDelivered` or
		/// `ReceiptUndeliverable`.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::deliver_base_weight(payload.len(), receipt.gas_limit))]
		pub fn deliver_receipt(
			origin: OriginFor<T>,
			receipt: Receipt,
			payload: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			let sender = T::SiblingOrigin::ensure_origin(origin)?;
			ensure!(receipt.source_para == sender, Error::<T>::ReceiptNotFromSender);
			let payload_len = payload.len() as u32;
			let tx = receipts::delivery_transaction::<T>();
			let delivery = receipts::deliver::<T>(&tx, 0, receipt, payload)?;
			Ok(Some(
				T::WeightInfo::deliver_receipt(delivery.code_len, payload_len)
					.saturating_add(gas::gas_to_weight::<T>(delivery.gas_used)),
			)
			.into())
		}

		/// Claims a receipt generated on a trusted sibling by proving it: `proof` (trie nodes,
		/// at most `MAX_PROOF_BYTES` in all, each node counted with 32 bytes more) shows the sibling's outbox holding the receipt's id
		/// in the state of its block `source_block`, whose state root this chain recorded from
		/// the relay chain ([`SiblingStateRoots`]). Then delivers it as `deliver_receipt` does.
		/// Anyone may claim; the receipt is delivered once, whichever path comes first.
		///
		/// Emits `ReceiptDelivered` or `ReceiptFailed`, then `ReceiptClaimed`. Fails, changing
		/// nothing but the fee, with `UnknownSourceBlock`, `ReceiptProofInvalid`,
		/// `ReceiptTooLarge`, or what `deliver_receipt` fails with.
		#[pallet::call_index(6)]
		#[pallet::weight(
			Pallet::<T>::deliver_base_weight(payload.len(), receipt.gas_limit).saturating_add(
				T::WeightInfo::verify_receipt_proof(receipts::proof_bytes(proof))
			)
		)]
		pub fn claim_receipt(
			origin: OriginFor<T>,
			receipt: Receipt,
			payload: Vec<u8>,
			source_block: u32,
			proof: Vec<Vec<u8>>,
		) -> DispatchResultWithPostInfo {
			let claimer = ensure_signed(origin)?;
			let payload_len = payload.len() as u32;
			let proof_len = receipts::proof_bytes(&proof);
			let claim = ClaimReceipt { receipt, payload, source_block, proof };
			let tx = receipts::delivery_transaction::<T>();
			let delivery = receipts::claim::<T>(&tx, 0, claim, claimer)?;
			Ok(Some(
				T::WeightInfo::deliver_receipt(delivery.code_len, payload_len)
					.saturating_add(T::WeightInfo::verify_receipt_proof(proof_len))
					.saturating_add(gas::gas_to_weight::<T>(delivery.gas_used)),
			)
			.into())
		}

		/// Sets the parachains receipts are exchanged with ([`TrustedSiblings`]). Root only.
		///
		/// Emits `TrustedSiblingsSet`. Fails with `BadOrigin` or `TooManySiblings`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_trusted_siblings(siblings.len() as u32))]
		pub fn set_trusted_siblings(origin: OriginFor<T>, siblings: Vec<u32>) -> DispatchResult {
			ensure_root(origin)?;
			let bounded: BoundedVec<_, _> =
				siblings.clone().try_into().map_err(|_| Error::<T>::TooManySiblings)?;
			TrustedSiblings::<T>::put(bounded);
			Self::deposit_event(Event::TrustedSiblingsSet { siblings });
			Ok(())
		}

		/// Registers an execution environment ([`ee`]): `code` (a wasm module that exports
		/// `main` and `memory` and imports only EE host functions, at most 512 KiB), starting at
		/// `initial_root`, with `value` moved from the registrar (who keeps its existential
		/// deposit) to the EE's account ([`ee::chain::ee_address`]). Holds `EeDeposit` plus
		/// `EeDepositPerByte` per byte of code from the registrar while the EE exists. The EE
		/// pays the gas schedule of the newest VM version for good. Only `EeRegistrar` may.
		///
		/// Emits `EeRegistered` with the EE's id. Fails with a `Code*` error for code that is
		/// not a valid EE, `EeDepositUnavailable`, `TransferFailed`, `VmVersionUnavailable` or
		/// `EeIdsExhausted`. The deposit stays held for good: EEs cannot be removed yet.
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::register_ee_weight(code.len() as u32))]
		pub fn register_ee(
			origin: OriginFor<T>,
			code: Vec<u8>,
			initial_root: Word,
			#[pallet::compact] value: u128,
		) -> DispatchResult {
			let registrar = T::EeRegistrar::ensure_origin(origin)?;
			ee::chain::register::<T>(&registrar, code, initial_root, value)?;
			Ok(())
		}

		/// Runs a block of the execution environment `ee`: moves `value` from the signer (who
		/// keeps its existential deposit) to the EE, then runs its `main` on `block_data`, from
		/// the EE's root, with at most `gas_limit` gas (moving the value costs the gas of
		/// `eth2.transfer`). If `expected_pre_root` is given, the EE's root must be it. If the
		/// block saves a root and returns, that root becomes the EE's.
		///
		/// Emits `EeDepositPushed` for each deposit the block made and `EeExecuted`. Fails with
		/// `EeNotFound`, `EePreRootMismatch`, `TransferFailed`, `EeTrapped`, `OutOfGas` or
		/// `EeNoPostRoot` (each of the last three consuming all gas), or, on a corrupted state,
		/// `CodeNotFound` or `VmVersionUnavailable`; on failure nothing changes but the fee: the value stays with the signer, and what the EE moved is
		/// undone.
		#[pallet::call_index(8)]
		#[pallet::weight(
			Pallet::<T>::execute_block_weight(ee::MAX_EE_CODE_BYTES, block_data.len() as u32)
				.saturating_add(gas::gas_to_weight::<T>(*gas_limit))
		)]
		pub fn execute_block(
			origin: OriginFor<T>,
			ee: ee::chain::EeId,
			block_data: BoundedVec<u8, T::MaxEeBlockData>,
			expected_pre_root: Option<Word>,
			#[pallet::compact] value: u128,
			#[pallet::compact] gas_limit: u64,
		) -> DispatchResultWithPostInfo {
			let sender = ensure_signed(origin)?;
			let block = ee::chain::BlockRequest {
				ee,
				sender: &sender,
				caller: <T::AddressMapper as address::AddressMapper<_>>::to_address(&sender),
				value,
				data: &block_data,
				expected_pre_root,
				gas_limit,
			};
			let run = ee::chain::execute::<T>(&block, ee::chain::Frame::block());
			let weight = Self::execute_block_weight(run.code_len, block_data.len() as u32)
				.saturating_add(gas::gas_to_weight::<T>(run.gas_used));
			run.result.map_err(|error| with_weight(error, weight))?;
			Ok(Some(weight).into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The weight of registering an execution environment of `code_len` bytes: of the
		/// dearer of the two worst shapes of code (one dense function, many small ones), and
		/// of the largest initial memory, which checking that it instantiates allocates and
		/// zeroes (the benchmarks' EEs have one page).
		pub fn register_ee_weight(code_len: u32) -> Weight {
			let pages = T::WeightInfo::instantiate_memory(limits::MAX_MEMORY_PAGES)
				.saturating_sub(T::WeightInfo::instantiate_memory(1));
			T::WeightInfo::register_ee(code_len)
				.max(T::WeightInfo::register_ee_functions(code_len))
				.saturating_add(pages)
		}

		/// The weight of a block of an execution environment of `code_len` bytes with
		/// `data_len` bytes of data, gas excluded: of the dearer of the two worst shapes of
		/// code, plus the data's share.
		pub fn execute_block_weight(code_len: u32, data_len: u32) -> Weight {
			let with_data = T::WeightInfo::execute_block(code_len, data_len);
			let data = with_data.saturating_sub(T::WeightInfo::execute_block(code_len, 0));
			with_data.max(T::WeightInfo::execute_block_functions(code_len).saturating_add(data))
		}

		/// The weight a `deliver_receipt` of a receipt with `payload_len` bytes of payload and
		/// `gas_limit` gas is charged before it runs: that of the largest target code.
		pub fn deliver_base_weight(payload_len: usize, gas_limit: u64) -> Weight {
			T::WeightInfo::deliver_receipt(T::MaxCodeLen::get(), payload_len as u32)
				.saturating_add(gas::gas_to_weight::<T>(gas_limit))
		}

		/// The weight a `deploy` with `input_len` bytes of input is charged before it runs,
		/// gas excluded: that of the largest init code.
		pub fn deploy_base_weight(input_len: usize) -> Weight {
			T::WeightInfo::deploy(T::MaxCodeLen::get(), input_len as u32)
		}

		/// The weight a `call` with `input_len` bytes of input is charged before it runs, gas
		/// excluded: that of the largest contract code.
		pub fn call_base_weight(input_len: usize) -> Weight {
			T::WeightInfo::call(T::MaxCodeLen::get(), input_len as u32)
		}

		/// Deploys a contract for `request.deployer` outside any extrinsic: the one guarded
		/// entry point the `deploy` extrinsic, dry runs and off-chain tools share. It changes
		/// state like the extrinsic (all or nothing) and emits its events, but charges no fee.
		pub fn bare_deploy(request: DeployRequest<'_, T::AccountId>) -> ExecOutcome<Deployed> {
			exec::bare_deploy::<T>(request)
		}

		/// Dry-runs `ewasm.call` (the `EwasmApi::call` runtime API): nothing is kept.
		pub fn dry_run_call(
			origin: T::AccountId,
			dest: Address,
			value: u128,
			gas_limit: u64,
			input: Vec<u8>,
		) -> ewasm_primitives::api::DryRun {
			dry_run::call::<T>(origin, dest, value, gas_limit, input)
		}

		/// Dry-runs `ewasm.deploy` (the `EwasmApi::deploy` runtime API): nothing is kept.
		pub fn dry_run_deploy(
			origin: T::AccountId,
			value: u128,
			gas_limit: u64,
			init_code: Vec<u8>,
			input: Vec<u8>,
			salt: Word,
		) -> ewasm_primitives::api::DryRun {
			dry_run::deploy::<T>(origin, value, gas_limit, init_code, input, salt)
		}

		/// The value under `key` of the contract at `address` (`EwasmApi::get_storage`).
		pub fn get_storage(address: Address, key: Word) -> Option<Word> {
			ContractStorage::<T>::get(address, key)
		}

		/// The metadata of the contract at `address` (`EwasmApi::contract_info`).
		pub fn contract_summary(
			address: Address,
		) -> Option<ewasm_primitives::api::ContractSummary> {
			ContractInfoOf::<T>::get(address).map(|info| ewasm_primitives::api::ContractSummary {
				code_hash: info.code_hash.0,
				code_len: info.code_len,
				storage_items: info.storage_items,
				storage_bytes: info.storage_bytes,
				rent_fee_mark: info.rent_fee_mark,
				nonce: info.nonce,
			})
		}

		/// The rent status of the contract at `address` (the `EwasmApi::rent_status` runtime
		/// API).
		pub fn rent_status(address: Address) -> Option<ewasm_primitives::api::RentStatus> {
			rent::status::<T>(&address)
		}

		/// Calls a contract for `request.caller` outside any extrinsic, as [`Self::bare_deploy`]
		/// for `call`.
		pub fn bare_call(request: CallRequest<'_, T::AccountId>) -> ExecOutcome<Vec<u8>> {
			exec::bare_call::<T>(request)
		}
	}

	/// A failed dispatch that still reports the weight it used.
	fn with_weight(error: DispatchError, weight: Weight) -> DispatchErrorWithPostInfo {
		DispatchErrorWithPostInfo {
			post_info: PostDispatchInfo { actual_weight: Some(weight), pays_fee: Pays::Yes },
			error,
		}
	}
}
