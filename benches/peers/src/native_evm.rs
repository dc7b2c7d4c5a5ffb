//! The native floor: revm (the EVM pallet-revive builds on, the version its lock holds) running
//! the same EVM bytecode in memory, with no runtime, no storage trie and no weights. The ERC-20,
//! the SHA-256 contract and the empty contract are deployed and the supply split as on the runtime; each scenario is
//! a transaction executed without committing its state, so every iteration sees the same state.

use crate::{
	chain::{address_word, call_data, number_word},
	contracts::Contracts,
};
use revm::{
	context::{Context, TxEnv},
	database::{CacheDB, EmptyDB},
	handler::{ExecuteCommitEvm, ExecuteEvm, MainBuilder, MainContext, MainnetEvm},
	primitives::{Address, Bytes, TxKind, U256},
	state::AccountInfo,
};

/// The deployer and sender.
pub const ALICE: Address = Address::new([0xa1; 20]);
/// The other holder.
pub const BOB: Address = Address::new([0xb0; 20]);
/// Gas of every transaction.
const GAS_LIMIT: u64 = 30_000_000;

type Evm = MainnetEvm<revm::handler::MainnetContext<CacheDB<EmptyDB>>>;

/// revm with the contracts deployed.
pub struct NativeEvm {
	evm: Evm,
	/// The ERC-20's address.
	pub erc20: Address,
	/// The SHA-256 contract's address.
	pub sha256: Address,
	/// The empty contract's address.
	pub empty: Address,
	init_code: Vec<u8>,
}

fn tx(caller: Address, kind: TxKind, data: Vec<u8>) -> TxEnv {
	TxEnv::builder()
		.caller(caller)
		.kind(kind)
		.data(Bytes::from(data))
		.gas_limit(GAS_LIMIT)
		.gas_price(0)
		.build_fill()
}

impl NativeEvm {
	/// revm with `evm`'s contracts deployed by [`ALICE`], who sends half of the tokens to
	/// [`BOB`].
	pub fn new(evm: &Contracts) -> Result<NativeEvm, String> {
		let mut db = CacheDB::<EmptyDB>::default();
		for holder in [ALICE, BOB] {
			db.insert_account_info(
				holder,
				AccountInfo { balance: U256::from(1u128 << 100), ..Default::default() },
			);
		}
		let mut machine = Context::mainnet()
			.modify_cfg_chained(|cfg| cfg.disable_nonce_check = true)
			.with_db(db)
			.build_mainnet();
		let mut deploy = |init_code: &[u8]| -> Result<Address, String> {
			let result = machine
				.transact_commit(tx(ALICE, TxKind::Create, init_code.to_vec()))
				.map_err(|error| format!("revm: {error:?}"))?;
			result.created_address().ok_or_else(|| format!("revm: deployment failed: {result:?}"))
		};
		let erc20 = deploy(&evm.erc20.init_code)?;
		let sha256 = deploy(&evm.sha256.init_code)?;
		let empty = deploy(&evm.empty.init_code)?;
		let init_code = evm.erc20.init_code.clone();
		let mut native = NativeEvm { evm: machine, erc20, sha256, empty, init_code };
		let half = call_data(
			"transfer(address,uint256)",
			&[address_word(&BOB.into_array()), number_word(u64::MAX / 2)],
		);
		let sent = native
			.evm
			.transact_commit(tx(ALICE, TxKind::Call(erc20), half))
			.map_err(|error| format!("revm: {error:?}"))?;
		if !sent.is_success() {
			return Err(format!("revm: the setup transfer failed: {sent:?}"));
		}
		Ok(native)
	}

	/// A call of `dest` with `input` from `caller`.
	pub fn call(&self, caller: Address, dest: Address, input: Vec<u8>) -> TxEnv {
		tx(caller, TxKind::Call(dest), input)
	}

	/// The ERC-20's deployment again, from [`BOB`].
	pub fn deploy_erc20(&self) -> TxEnv {
		tx(BOB, TxKind::Create, self.init_code.clone())
	}

	/// Executes `transaction` without committing it: whether it succeeded.
	pub fn run(&mut self, transaction: &TxEnv) -> bool {
		self.output(transaction).is_some()
	}

	/// Executes `transaction` without committing it: what it returned if it succeeded.
	pub fn output(&mut self, transaction: &TxEnv) -> Option<Vec<u8>> {
		let outcome = self.evm.transact(transaction.clone()).ok()?;
		let output = outcome.result.output().map(|bytes| bytes.to_vec()).unwrap_or_default();
		outcome.result.is_success().then_some(output)
	}
}
