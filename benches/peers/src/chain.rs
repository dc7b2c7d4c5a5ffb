//! The benchmarks' chain: the runtime's genesis with two funded holders, each system's
//! contracts deployed and the ERC-20 supply split between the holders, and the signed calls
//! each scenario dispatches, run in a storage transaction that is rolled back so that every
//! iteration sees the same state.

use crate::{
	contracts::{Artifact, Contracts},
	runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System},
};
use codec::Encode as _;
use pallet_ewasm::address::{AccountId32Mapper, AddressMapper};
use polkadot_sdk::{
	frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		storage::{with_transaction, TransactionOutcome},
		traits::UnfilteredDispatchable,
		weights::Weight,
	},
	pallet_revive::{self, AddressMapper as _},
	sp_core::{H160, U256},
	sp_io::TestExternalities,
	sp_runtime::{BuildStorage, DispatchError},
};

/// The holder who deploys the tokens and sends the transfers.
pub const ALICE: AccountId = AccountId::new([1; 32]);
/// The other holder.
pub const BOB: AccountId = AccountId::new([2; 32]);
/// What each holder starts with.
const ENDOWMENT: u128 = 1 << 100;
/// What the Ewasm contracts are sent for their rent: years of it.
const RENT_FUNDS: u128 = 1 << 80;
/// Tokens moved by each transfer.
pub const AMOUNT: u64 = 1_000;
/// Gas of an Ewasm call or deployment (the weight charged is for the gas used).
const EWASM_GAS: u64 = 4_000_000_000;
/// Storage deposit limit of a pallet-revive call or deployment: far above what they need.
const STORAGE_DEPOSIT_LIMIT: u128 = 1 << 90;
/// Weight limit of a pallet-revive call or deployment (charged: what it used).
const REVIVE_WEIGHT: Weight = Weight::from_parts(1_000_000_000_000, 10 * 1024 * 1024);

/// The systems compared on the runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peer {
	/// pallet-ewasm.
	Ewasm,
	/// pallet-revive with EVM bytecode.
	Revive,
}

impl Peer {
	/// Both, in the table's order.
	pub const ALL: [Peer; 2] = [Peer::Ewasm, Peer::Revive];

	/// Its name in the table.
	pub fn name(self) -> &'static str {
		match self {
			Peer::Ewasm => "pallet-ewasm",
			Peer::Revive => "pallet-revive (EVM)",
		}
	}
}

/// Where one system's contracts live.
#[derive(Clone, Copy, Debug)]
struct Deployed {
	erc20: H160,
	sha256: H160,
	empty: H160,
	largest: Option<H160>,
}

/// The chain with both systems' contracts deployed.
pub struct Chain {
	ext: TestExternalities,
	ewasm: Deployed,
	revive: Deployed,
	contracts: (Contracts, Contracts),
}

pub use ewasm_cli::testing::call_data;

/// The ABI word of a 20-byte address (any system's).
pub fn address_word(address: &[u8; 20]) -> [u8; 32] {
	let mut word = [0; 32];
	word[12..].copy_from_slice(address);
	word
}

/// The ABI word of a number.
pub fn number_word(value: u64) -> [u8; 32] {
	U256::from(value).to_big_endian()
}

/// What a dispatch did: the weight charged for it and whether it succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dispatched {
	/// Weight charged (after refunds), the extrinsic's base weight excluded.
	pub weight: Weight,
	/// Why it failed (both pallets fail the extrinsic when the contract reverts); `None` if it
	/// succeeded.
	pub error: Option<DispatchError>,
}

fn dispatch(call: RuntimeCall, signer: &AccountId) -> Dispatched {
	let info = call.get_dispatch_info();
	let result = call.dispatch_bypass_filter(RuntimeOrigin::signed(signer.clone()));
	let (post, error): (PostDispatchInfo, _) = match result {
		Ok(post) => (post, None),
		Err(failure) => (failure.post_info, Some(failure.error)),
	};
	Dispatched { weight: post.calc_actual_weight(&info), error }
}

fn ewasm_address(account: &AccountId) -> H160 {
	H160(AccountId32Mapper::to_address(account).0)
}

fn revive_address(account: &AccountId) -> H160 {
	<Runtime as pallet_revive::Config>::AddressMapper::to_address(account)
}

impl Chain {
	/// A chain with `ewasm`'s and `evm`'s contracts deployed by [`ALICE`], who then sends half
	/// of each token to [`BOB`].
	pub fn new(ewasm: Contracts, evm: Contracts) -> Result<Chain, String> {
		let mut storage = polkadot_sdk::frame_system::GenesisConfig::<Runtime>::default()
			.build_storage()
			.map_err(|e| e.to_string())?;
		polkadot_sdk::pallet_balances::GenesisConfig::<Runtime> {
			balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.map_err(|e| e.to_string())?;
		// pallet-revive's genesis funds its own account, which holds code deposits.
		pallet_revive::GenesisConfig::<Runtime>::default()
			.assimilate_storage(&mut storage)
			.map_err(|e| e.to_string())?;
		let mut ext = TestExternalities::new(storage);
		let (ewasm_deployed, revive_deployed) = ext.execute_with(|| -> Result<_, String> {
			System::set_block_number(1);
			for holder in [&ALICE, &BOB] {
				RuntimeCall::Revive(pallet_revive::Call::map_account {})
					.dispatch_bypass_filter(RuntimeOrigin::signed(holder.clone()))
					.map_err(|e| format!("map_account: {:?}", e.error))?;
			}
			let ewasm_deployed = Deployed {
				erc20: Self::deploy_now(Peer::Ewasm, &ewasm.erc20.init_code)?,
				sha256: Self::deploy_now(Peer::Ewasm, &ewasm.sha256.init_code)?,
				empty: Self::deploy_now(Peer::Ewasm, &ewasm.empty.init_code)?,
				largest: Self::deploy_optional(Peer::Ewasm, &ewasm.largest)?,
			};
			let revive_deployed = Deployed {
				erc20: Self::deploy_now(Peer::Revive, &evm.erc20.init_code)?,
				sha256: Self::deploy_now(Peer::Revive, &evm.sha256.init_code)?,
				empty: Self::deploy_now(Peer::Revive, &evm.empty.init_code)?,
				largest: Self::deploy_optional(Peer::Revive, &evm.largest)?,
			};
			Ok((ewasm_deployed, revive_deployed))
		})?;
		let mut chain =
			Chain { ext, ewasm: ewasm_deployed, revive: revive_deployed, contracts: (ewasm, evm) };
		for system in Peer::ALL {
			let half = call_data(
				"transfer(address,uint256)",
				&[address_word(&chain.holder(system, &BOB).0), number_word(u64::MAX / 2)],
			);
			let call = chain.call(system, chain.erc20(system), half);
			let sent = chain.ext.execute_with(|| dispatch(call, &ALICE));
			if let Some(error) = sent.error {
				return Err(format!("{system:?}: the setup transfer failed: {error:?}"));
			}
		}
		// Into the trie, so that a recorded run proves what it reads (see `recorded_proof`).
		chain.ext.commit_all()?;
		Ok(chain)
	}

	/// Deploys `init_code` on `system` as Alice (kept), returning the contract's address.
	fn deploy_now(system: Peer, init_code: &[u8]) -> Result<H160, String> {
		System::reset_events();
		let call = Self::deploy_call(system, init_code.to_vec());
		let dispatched = dispatch(call, &ALICE);
		// pallet-revive derives the address from the deployer's nonce, which a signed
		// extrinsic would have incremented.
		System::inc_account_nonce(&ALICE);
		let address = System::events().iter().find_map(|record| match &record.event {
			RuntimeEvent::Ewasm(pallet_ewasm::Event::Deployed { contract, .. }) => {
				Some(H160(contract.0))
			}
			RuntimeEvent::Revive(pallet_revive::Event::Instantiated { contract, .. }) => {
				Some(*contract)
			}
			_ => None,
		});
		match (&dispatched.error, address) {
			(None, Some(address)) => Ok(address),
			_ => Err(format!("{system:?}: deployment failed: {:?}", dispatched.error)),
		}
	}

	/// Deploys `artifact`'s init code on `system` as [`Self::deploy_now`] does, if it is there.
	fn deploy_optional(system: Peer, artifact: &Option<Artifact>) -> Result<Option<H160>, String> {
		artifact.as_ref().map(|artifact| Self::deploy_now(system, &artifact.init_code)).transpose()
	}

	fn deploy_call(system: Peer, init_code: Vec<u8>) -> RuntimeCall {
		match system {
			Peer::Ewasm => RuntimeCall::Ewasm(pallet_ewasm::Call::deploy {
				value: RENT_FUNDS,
				gas_limit: EWASM_GAS,
				init_code,
				input: Vec::new(),
				salt: [0; 32],
			}),
			Peer::Revive => RuntimeCall::Revive(pallet_revive::Call::instantiate_with_code {
				value: 0,
				weight_limit: REVIVE_WEIGHT,
				storage_deposit_limit: STORAGE_DEPOSIT_LIMIT,
				code: init_code,
				data: Vec::new(),
				salt: None,
			}),
		}
	}

	/// The address contracts of `system` see for `account`.
	pub fn holder(&self, system: Peer, account: &AccountId) -> H160 {
		match system {
			Peer::Ewasm => ewasm_address(account),
			Peer::Revive => revive_address(account),
		}
	}

	/// The ERC-20 of `system`.
	pub fn erc20(&self, system: Peer) -> H160 {
		self.deployed(system).erc20
	}

	/// The SHA-256 contract of `system`.
	pub fn sha256(&self, system: Peer) -> H160 {
		self.deployed(system).sha256
	}

	/// The empty contract of `system`.
	pub fn empty(&self, system: Peer) -> H160 {
		self.deployed(system).empty
	}

	/// The contract of nearly the largest code of `system`, if it has one.
	pub fn largest(&self, system: Peer) -> Option<H160> {
		self.deployed(system).largest
	}

	fn deployed(&self, system: Peer) -> Deployed {
		match system {
			Peer::Ewasm => self.ewasm,
			Peer::Revive => self.revive,
		}
	}

	/// The signed call of `dest` on `system` with `input` (no value).
	pub fn call(&self, system: Peer, dest: H160, input: Vec<u8>) -> RuntimeCall {
		match system {
			Peer::Ewasm => RuntimeCall::Ewasm(pallet_ewasm::Call::call {
				dest: pallet_ewasm::Address(dest.0),
				value: 0,
				gas_limit: EWASM_GAS,
				input,
			}),
			Peer::Revive => RuntimeCall::Revive(pallet_revive::Call::call {
				dest,
				value: 0,
				weight_limit: REVIVE_WEIGHT,
				storage_deposit_limit: STORAGE_DEPOSIT_LIMIT,
				data: input,
			}),
		}
	}

	/// The deployment of `system`'s ERC-20 again (from a fresh address: Bob deploys it).
	pub fn deploy_erc20(&self, system: Peer) -> RuntimeCall {
		let contracts = match system {
			Peer::Ewasm => &self.contracts.0,
			Peer::Revive => &self.contracts.1,
		};
		Self::deploy_call(system, contracts.erc20.init_code.clone())
	}

	/// Dispatches `call` signed by `signer` and rolls its changes back.
	pub fn run(&mut self, call: &RuntimeCall, signer: &AccountId) -> Dispatched {
		self.ext.execute_with(|| Self::rolled_back(call, signer))
	}

	/// The size of the storage proof of everything a run of `call` signed by `signer` reads
	/// (encoded trie nodes, in bytes), the run rolled back: what weight reclaim counts in place
	/// of the charged proof. The benchmark's state is small, so its trie is shallower and its
	/// proofs shorter than a live chain's.
	pub fn recorded_proof(&mut self, call: &RuntimeCall, signer: &AccountId) -> u64 {
		let (_, proof) = self.ext.execute_and_prove(|| Self::rolled_back(call, signer));
		proof.encoded_size() as u64
	}

	fn rolled_back(call: &RuntimeCall, signer: &AccountId) -> Dispatched {
		with_transaction(|| {
			System::reset_events();
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(dispatch(call.clone(), signer)))
		})
		.expect("the closure returns Ok")
	}
}
