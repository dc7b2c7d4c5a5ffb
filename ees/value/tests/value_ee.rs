//! The value-holding EE, built by `ewasm build --ee`, on the real pallet in memory: each kind of
//! owner spends with its witness and only with it, value moves between addresses, out to chain
//! accounts and into other EEs without being created or lost, and an invalid transaction fails
//! its whole block, changing nothing.

mod common;

use common::*;
use ewasm_cli::testing::{build_ee, BlockOutcome, Chain, ALICE, BOB, CHARLIE};

/// What a registrar leaves in the EE's account for good: its existential deposit.
const FLOAT: u128 = 1;

/// A chain with the value EE registered as EE 0 by Alice, and its tree.
fn registered() -> (Chain, Tree) {
	let ee = build_ee(env!("CARGO_MANIFEST_DIR"));
	let mut chain = Chain::new();
	assert_eq!(chain.register_ee(ALICE, &ee.code, [0; 32], FLOAT), Ok(0));
	(chain, Tree::default())
}

/// Sends the block `build` makes on `tree` as `from`; on success checks that the EE's root is
/// the block's tree's, and keeps that tree.
fn send(
	chain: &mut Chain,
	tree: &mut Tree,
	from: ewasm_sdk::Address,
	build: impl FnOnce(&Tree) -> Block,
) -> BlockOutcome {
	let block = build(tree);
	let outcome = chain.execute_block(from, block.ee, &block.data(), block.value);
	if outcome.succeeded() {
		assert_eq!(outcome.root, block.tree.root(), "the EE's root is the client's");
		*tree = block.tree;
	}
	outcome
}

/// Checks that the EE holds exactly its float and its accounts' balances.
fn holds_its_accounts(chain: &mut Chain, ee: u32, tree: &Tree) {
	assert_eq!(chain.balance(Chain::ee_address(ee)), FLOAT + tree.total());
}

#[test]
fn a_single_key_spends_with_its_signature_only() {
	let (mut chain, mut tree) = registered();
	let (alice, bob) = (Signer::new(1), Signer::new(2));
	let (alice_script, bob_address) = (Script::key(&alice), Script::key(&bob).address());
	let issuance = chain.total_issuance();
	let block = Block::new(0, &tree).deposit(alice_script.address(), 1_000);
	assert!(send(&mut chain, &mut tree, BOB, |_| block).succeeded());
	assert_eq!(tree.account(&alice_script.address()).balance, 1_000);
	holds_its_accounts(&mut chain, 0, &tree);

	let transfer = |tree: &Tree, witness, nonce| {
		Block::new(0, tree).spend(
			&alice_script,
			300,
			Destination::Account(bob_address),
			witness,
			nonce,
		)
	};
	// Bob's signature, a replayed nonce and a nonce from the future are refused.
	let root = chain.ee_root(0);
	for (witness, nonce) in [(signed_by(&bob), None), (signed_by(&alice), Some(1))] {
		let outcome = send(&mut chain, &mut tree, BOB, |tree| transfer(tree, witness, nonce));
		assert_eq!((outcome.status.as_str(), chain.ee_root(0)), ("EeTrapped", root));
	}
	assert!(send(&mut chain, &mut tree, BOB, |tree| transfer(tree, signed_by(&alice), None))
		.succeeded());
	// A signature for another chain (a parachain running the same EE) is refused.
	let mut elsewhere = Block::new(0, &tree);
	elsewhere.chain_id = 2000;
	let elsewhere = elsewhere.spend(
		&alice_script,
		300,
		Destination::Account(bob_address),
		signed_by(&alice),
		None,
	);
	assert_eq!(send(&mut chain, &mut tree, BOB, |_| elsewhere).status, "EeTrapped");
	let replay = Block::new(0, &tree).spend(
		&alice_script,
		300,
		Destination::Account(bob_address),
		signed_by(&alice),
		Some(0),
	);
	assert_eq!(send(&mut chain, &mut tree, BOB, |_| replay).status, "EeTrapped");
	assert_eq!(tree.account(&alice_script.address()), Account { balance: 700, nonce: 1, spent: 0 });
	assert_eq!(tree.account(&bob_address).balance, 300);

	// A withdrawal pays a chain account out of the EE; more than the address holds is refused.
	let charlie = chain.balance(CHARLIE);
	let withdraw = |tree: &Tree, amount| {
		Block::new(0, tree).spend(
			&alice_script,
			amount,
			Destination::Recipient(CHARLIE.0),
			signed_by(&alice),
			None,
		)
	};
	assert_eq!(send(&mut chain, &mut tree, BOB, |tree| withdraw(tree, 701)).status, "EeTrapped");
	// Not to the EE itself, where it would belong to no account.
	let to_itself = Block::new(0, &tree).spend(
		&alice_script,
		100,
		Destination::Recipient(Chain::ee_address(0).0),
		signed_by(&alice),
		None,
	);
	assert_eq!(send(&mut chain, &mut tree, BOB, |_| to_itself).status, "EeTrapped");
	assert!(send(&mut chain, &mut tree, BOB, |tree| withdraw(tree, 200)).succeeded());
	assert_eq!(chain.balance(CHARLIE), charlie + 200);
	assert_eq!(tree.account(&alice_script.address()).balance, 500);
	holds_its_accounts(&mut chain, 0, &tree);
	assert_eq!(chain.total_issuance(), issuance);
}

#[test]
fn two_of_three_keys_spend_together() {
	let (mut chain, mut tree) = registered();
	let keys = [Signer::new(1), Signer::new(2), Signer::new(3)];
	let outsider = Signer::new(4);
	let script = Script::Plain(Owner::Multi {
		threshold: 2,
		keys: keys.iter().map(Signer::address).collect(),
	});
	let to = Script::key(&outsider).address();
	let block = Block::new(0, &tree).deposit(script.address(), 500);
	assert!(send(&mut chain, &mut tree, ALICE, |_| block).succeeded());
	let spend = |tree: &Tree, signers: &[(u8, &Signer)]| {
		let witness = signed_by_keys(signers.to_vec());
		Block::new(0, tree).spend(&script, 100, Destination::Account(to), witness, None)
	};
	let refused: [&[(u8, &Signer)]; 4] = [
		&[(0, &keys[0])],                 // one of two
		&[(0, &keys[0]), (0, &keys[0])],  // the same key twice
		&[(0, &keys[0]), (1, &outsider)], // a key not among them
		&[(2, &keys[2]), (0, &keys[0])],  // out of order
	];
	for signers in refused {
		assert_eq!(
			send(&mut chain, &mut tree, ALICE, |tree| spend(tree, signers)).status,
			"EeTrapped"
		);
	}
	assert!(send(&mut chain, &mut tree, ALICE, |tree| spend(
		tree,
		&[(0, &keys[0]), (2, &keys[2])]
	))
	.succeeded());
	assert!(send(&mut chain, &mut tree, ALICE, |tree| spend(
		tree,
		&[(1, &keys[1]), (2, &keys[2])]
	))
	.succeeded());
	assert_eq!(tree.account(&script.address()), Account { balance: 300, nonce: 2, spent: 0 });
	assert_eq!(tree.account(&to).balance, 200);
	// A script naming one key twice cannot be spent from.
	let doubled = Script::Plain(Owner::Multi { threshold: 2, keys: vec![keys[0].address(); 2] });
	let block = Block::new(0, &tree).deposit(doubled.address(), 50);
	assert!(send(&mut chain, &mut tree, ALICE, |_| block).succeeded());
	let witness = signed_by_keys(vec![(0, &keys[0]), (1, &keys[0])]);
	let spend = Block::new(0, &tree).spend(&doubled, 50, Destination::Account(to), witness, None);
	assert_eq!(send(&mut chain, &mut tree, ALICE, |_| spend).status, "EeTrapped");
	holds_its_accounts(&mut chain, 0, &tree);
}

#[test]
fn a_spending_limit_caps_the_spender_until_the_owner_spends() {
	let (mut chain, mut tree) = registered();
	let (hot, cold) = (Signer::new(5), Signer::new(6));
	let script = Script::Limit {
		cap: 100,
		spender: Owner::Key(hot.address()),
		owner: Owner::Key(cold.address()),
	};
	let to = Script::key(&Signer::new(7)).address();
	let block = Block::new(0, &tree).deposit(script.address(), 1_000);
	assert!(send(&mut chain, &mut tree, ALICE, |_| block).succeeded());
	let spend = |tree: &Tree, amount, role, signer| {
		Block::new(0, tree).spend(
			&script,
			amount,
			Destination::Account(to),
			as_role(role, signed_by(signer)),
			None,
		)
	};
	assert!(send(&mut chain, &mut tree, ALICE, |tree| spend(tree, 60, 0, &hot)).succeeded());
	assert_eq!(
		send(&mut chain, &mut tree, ALICE, |tree| spend(tree, 50, 0, &hot)).status,
		"EeTrapped"
	);
	// The hot key cannot act as the owner, nor the cold key as the spender's key.
	assert_eq!(
		send(&mut chain, &mut tree, ALICE, |tree| spend(tree, 10, 1, &hot)).status,
		"EeTrapped"
	);
	assert_eq!(
		send(&mut chain, &mut tree, ALICE, |tree| spend(tree, 10, 0, &cold)).status,
		"EeTrapped"
	);
	assert!(send(&mut chain, &mut tree, ALICE, |tree| spend(tree, 500, 1, &cold)).succeeded());
	assert_eq!(tree.account(&script.address()).spent, 0);
	assert!(send(&mut chain, &mut tree, ALICE, |tree| spend(tree, 100, 0, &hot)).succeeded());
	assert_eq!(tree.account(&script.address()), Account { balance: 340, nonce: 3, spent: 100 });
	holds_its_accounts(&mut chain, 0, &tree);

	// The role is signed: with one key as spender and owner, a spender's signature does not
	// pass as the owner's.
	let shared = Signer::new(8);
	let one_key = Script::Limit {
		cap: 10,
		spender: Owner::Key(shared.address()),
		owner: Owner::Key(shared.address()),
	};
	let block = Block::new(0, &tree).deposit(one_key.address(), 100);
	assert!(send(&mut chain, &mut tree, ALICE, |_| block).succeeded());
	let as_spender = |tree: &Tree, amount| {
		let witness = as_role(0, signed_by(&shared));
		Block::new(0, tree).spend(&one_key, amount, Destination::Account(to), witness, None)
	};
	assert!(send(&mut chain, &mut tree, ALICE, |tree| as_spender(tree, 10)).succeeded());
	assert_eq!(send(&mut chain, &mut tree, ALICE, |tree| as_spender(tree, 5)).status, "EeTrapped");
	// Role 1, with the signature of role 0's message.
	let posing: Witness<'_> =
		Box::new(|preimage| [vec![1], signed_by(&shared)(&[preimage, &[0]].concat())].concat());
	let reset = Block::new(0, &tree).spend(&one_key, 5, Destination::Account(to), posing, None);
	assert_eq!(send(&mut chain, &mut tree, ALICE, |_| reset).status, "EeTrapped");
}

#[test]
fn an_ee_owns_an_address_of_another_and_spends_from_it_by_calling() {
	let ee = build_ee(env!("CARGO_MANIFEST_DIR"));
	let mut chain = Chain::new();
	assert_eq!(chain.register_ee(ALICE, &ee.code, [0; 32], FLOAT), Ok(0));
	assert_eq!(chain.register_ee(ALICE, &ee.code, [0; 32], FLOAT), Ok(1));
	let (mut first, mut second) = (Tree::default(), Tree::default());
	let user = Signer::new(1);
	let user_script = Script::key(&user);
	// The user's account in EE 1 owns an address in EE 0.
	let owned_by_second = Script::Plain(Owner::Ee { ee: 1, account: user_script.address() });
	let carol = Script::key(&Signer::new(3)).address();
	let issuance = chain.total_issuance();
	let block = Block::new(1, &second).deposit(user_script.address(), 1_000);
	assert!(send(&mut chain, &mut second, BOB, |_| block).succeeded());

	// The user's call from EE 1 moves 400 into EE 0, deposits it to the user's address there,
	// and spends 150 of it to Carol: EE 1 authorises by calling on the user's behalf.
	let inner = Block::new(0, &first).deposit(owned_by_second.address(), 400).spend(
		&owned_by_second,
		150,
		Destination::Account(carol),
		unsigned(),
		None,
	);
	let call = Destination::Ee(0, inner.transactions.clone());
	let outer = Block::new(1, &second).spend(&user_script, 400, call, signed_by(&user), None);
	assert!(send(&mut chain, &mut second, BOB, |_| outer).succeeded());
	assert_eq!(chain.ee_root(0), inner.tree.root());
	first = inner.tree;
	assert_eq!(first.account(&owned_by_second.address()).balance, 250);
	assert_eq!(first.account(&carol).balance, 150);
	assert_eq!(second.account(&user_script.address()).balance, 600);
	holds_its_accounts(&mut chain, 0, &first);
	holds_its_accounts(&mut chain, 1, &second);

	// Another user of EE 1 cannot spend it: EE 1 calls on Mallory's behalf, not the user's.
	let mallory = Signer::new(6);
	let mallory_script = Script::key(&mallory);
	let theft = Block::new(0, &first).spend(
		&owned_by_second,
		250,
		Destination::Account(mallory_script.address()),
		unsigned(),
		None,
	);
	let outer = Block::new(1, &second).spend(
		&mallory_script,
		0,
		Destination::Ee(0, theft.transactions),
		signed_by(&mallory),
		None,
	);
	assert_eq!(send(&mut chain, &mut second, BOB, |_| outer).status, "EeTrapped");
	// Sent by a user, the same spend is refused: only EE 1 speaks for its accounts.
	let direct = Block::new(0, &first).spend(
		&owned_by_second,
		10,
		Destination::Account(carol),
		unsigned(),
		None,
	);
	assert_eq!(send(&mut chain, &mut first, BOB, |_| direct).status, "EeTrapped");
	// A call whose inner block fails fails the outer block: nothing moves.
	let bad_inner = Block::new(0, &first).spend(
		&owned_by_second,
		10_000,
		Destination::Account(carol),
		unsigned(),
		None,
	);
	let outer = Block::new(1, &second).spend(
		&user_script,
		0,
		Destination::Ee(0, bad_inner.transactions),
		signed_by(&user),
		None,
	);
	assert_eq!(send(&mut chain, &mut second, BOB, |_| outer).status, "EeTrapped");
	holds_its_accounts(&mut chain, 0, &first);
	holds_its_accounts(&mut chain, 1, &second);
	assert_eq!(chain.total_issuance(), issuance);
}

#[test]
fn deposits_add_up_to_the_value_sent() {
	let (mut chain, mut tree) = registered();
	let to = Script::key(&Signer::new(1)).address();
	let mut block = Block::new(0, &tree).deposit(to, 100);
	block.value = 99;
	assert_eq!(send(&mut chain, &mut tree, ALICE, |_| block).status, "EeTrapped");
	let mut block = Block::new(0, &tree).deposit(to, 100);
	block.value = 101;
	assert_eq!(send(&mut chain, &mut tree, ALICE, |_| block).status, "EeTrapped");
	// A proof of another account, or of a stale state, is refused.
	let block = Block::new(0, &tree).deposit(to, 100);
	assert!(send(&mut chain, &mut tree, ALICE, |_| block).succeeded());
	let stale = Block::new(0, &Tree::default()).deposit(to, 5);
	assert_eq!(send(&mut chain, &mut tree, ALICE, |_| stale).status, "EeTrapped");
	holds_its_accounts(&mut chain, 0, &tree);
}

mod conservation {
	//! Across any sequence of blocks, valid or not, value is neither created nor lost: the EE
	//! holds its float and exactly its accounts' balances, the total issuance never changes, and
	//! the EE's root is always its client's.
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Step {
		Deposit { to: usize, amount: u128 },
		Transfer { from: usize, to: usize, amount: u128, forged: bool },
		Withdraw { from: usize, amount: u128, forged: bool },
	}

	fn step() -> impl Strategy<Value = Step> {
		prop_oneof![
			(0usize..3, 0u128..5_000).prop_map(|(to, amount)| Step::Deposit { to, amount }),
			(0usize..3, 0usize..3, 0u128..3_000, any::<bool>())
				.prop_map(|(from, to, amount, forged)| Step::Transfer { from, to, amount, forged }),
			(0usize..3, 0u128..3_000, any::<bool>())
				.prop_map(|(from, amount, forged)| Step::Withdraw { from, amount, forged }),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
		#[test]
		fn value_is_conserved_by_any_sequence_of_blocks(steps in prop::collection::vec(step(), 1..8)) {
			let (mut chain, mut tree) = registered();
			let signers = [Signer::new(1), Signer::new(2), Signer::new(3)];
			let scripts: Vec<Script> = signers.iter().map(Script::key).collect();
			let issuance = chain.total_issuance();
			for step in steps {
				let (block, valid) = match step {
					Step::Deposit { to, amount } => (Block::new(0, &tree).deposit(scripts[to].address(), amount), true),
					Step::Transfer { from, to, amount, forged } => {
						let signer = &signers[if forged { (from + 1) % 3 } else { from }];
						let destination = Destination::Account(scripts[to].address());
						let valid = !forged && tree.account(&scripts[from].address()).balance >= amount;
						(Block::new(0, &tree).spend(&scripts[from], amount, destination, signed_by(signer), None), valid)
					}
					Step::Withdraw { from, amount, forged } => {
						let signer = &signers[if forged { (from + 1) % 3 } else { from }];
						let destination = Destination::Recipient(CHARLIE.0);
						let valid = !forged && tree.account(&scripts[from].address()).balance >= amount;
						(Block::new(0, &tree).spend(&scripts[from], amount, destination, signed_by(signer), None), valid)
					}
				};
				let outcome = send(&mut chain, &mut tree, BOB, |_| block);
				prop_assert_eq!(outcome.succeeded(), valid, "{}", outcome.status);
				prop_assert_eq!(chain.ee_root(0), tree.root());
				prop_assert_eq!(chain.balance(Chain::ee_address(0)), FLOAT + tree.total());
				prop_assert_eq!(chain.total_issuance(), issuance);
			}
		}
	}
}
