//! VM versions: what a contract runs by, fixed when it is deployed.
//!
//! A version pairs a revision of the interface ([`Interface`]: the host functions a contract
//! may import, chosen by the namespace its code imports from) with a frozen gas schedule (what
//! each instruction and host function costs). The validation rules and the instruction
//! metering (wasmi's exact version, its pinned engine configuration and fuel costs:
//! `vm::prepare`) are the same for every version so far; a version that changed them would
//! say so here.
//!
//! A chain offers a list of versions ([`Config::VmVersions`]), oldest first, and never removes
//! one nor changes it but by a security repricing (below): version `n` is the list's `n`th. A deployment gets the newest version of
//! its code's interface, and the contract keeps it ([`crate::ContractInfo::vm`]) for good,
//! through eviction and wake. Each frame runs by its own contract's version: a `v1` contract
//! calling a `v2` one pays `v1`'s prices for the call and the callee `v2`'s for its run.
//!
//! An interface only grows, and only by functions that change nothing a deployed contract can
//! do (`ewasm_eei::V2_FUNCTIONS`): code never changes, so no contract deployed before a
//! function existed imports it. A new function is priced by an entry its versions' schedules
//! already have where one measures its work (`v2`'s getters), or by new entries, measured by
//! the function's own benchmark and added to every frozen schedule of the versions that offer
//! it (`v2`'s bignum helpers and `ecrecover`, spec version 8): an entry only a function no
//! deployed contract imports can charge is one nothing deployed can tell. The frozen
//! schedules of the versions without the function carry the entry too (a schedule is one
//! struct), at the same price and never charged. A change to what a function does or costs
//! takes a new version, but for a security repricing.
//!
//! A runtime upgrade that changes prices appends versions (one per interface it offers) with a
//! new frozen schedule, generated from the benchmarks by `ewasm schedule --schedule measured
//! --rust`; contracts already deployed keep theirs, so their gas stays the same byte for byte.
//! A frozen schedule is never edited by hand: the pallet's integrity test checks that each
//! still pays for what its entries do by the benchmarks the runtime carries
//! ([`Schedule::underpriced`]). If new benchmarks find one that does not, that is a security
//! issue, which outranks the promise that old contracts never change: the chain must reprice
//! that version, raising only the entries found underpriced to what the benchmarks measure
//! (`ewasm schedule --schedule measured --rust --raise N`, [`Schedule::raised_to`]).

#[allow(unused_imports)] // named by the frozen schedules' literals
use crate::gas::{FuelPrice, HashCost, HostCosts, InstructionMetering::Fuel};
use crate::{gas::Schedule, Config};
use alloc::{rc::Rc, vec::Vec};
use codec::{Decode, Encode, MaxEncodedLen};
pub use ewasm_primitives::Interface;
use polkadot_sdk::sp_core::Get;
use scale_info::TypeInfo;

/// A VM version's number, as contracts store it: version `n` is the `n`th the chain offered
/// (1 for the first).
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct VmVersion(pub u16);

/// What one VM version pins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VmSpec {
	/// The host functions its contracts may import, and the namespace they import from.
	pub interface: Interface,
	/// What its contracts' instructions and host functions cost.
	pub schedule: Schedule,
}

/// The versions a chain offers, oldest first (shared by a transaction's frames).
#[derive(Clone, Debug)]
pub struct Versions(Rc<[VmSpec]>);

impl Versions {
	/// The versions `T` offers.
	pub fn of<T: Config>() -> Self {
		Self::new(T::VmVersions::get())
	}

	/// `specs` as versions 1, 2, ...
	pub fn new(specs: Vec<VmSpec>) -> Self {
		Versions(specs.into())
	}

	/// What `version` pins, if the chain offers it.
	pub fn get(&self, version: VmVersion) -> Option<&VmSpec> {
		usize::from(version.0).checked_sub(1).and_then(|index| self.0.get(index))
	}

	/// The version a deployment of code with `interface` gets: the newest that offers it.
	pub fn newest_of(&self, interface: Interface) -> Option<(VmVersion, &VmSpec)> {
		self.all().filter(|(_, spec)| spec.interface == interface).last()
	}

	/// The newest version: it prices what users ask of system contracts directly.
	pub fn newest(&self) -> Option<(VmVersion, &VmSpec)> {
		self.all().last()
	}

	/// Every version, oldest first, with its number.
	pub fn all(&self) -> impl Iterator<Item = (VmVersion, &VmSpec)> {
		self.0.iter().enumerate().map(|(index, spec)| (VmVersion(index as u16 + 1), spec))
	}
}

/// The versions this pallet has released, oldest first: what a chain's
/// [`Config::VmVersions`] offers.
///
/// | version | interface | schedule |
/// |---|---|---|
/// | 1 | `v1` (`ethereum`: Revision 4 and `create2`) | [`SCHEDULE_1`] |
/// | 2 | `v2` (`ethereum_v2`: `v1`, the hash functions, three getters, the bignum helpers and `ecrecover`) | [`SCHEDULE_1`] |
pub fn released() -> Vec<VmSpec> {
	one_per_interface(SCHEDULE_1).to_vec()
}

/// One version of each interface, oldest first, on `schedule`: what a release of prices adds.
pub fn one_per_interface(schedule: Schedule) -> [VmSpec; Interface::ALL.len()] {
	Interface::ALL.map(|interface| VmSpec { interface, schedule })
}

/// [`released`], as a chain configures it.
pub struct Released;

impl Get<Vec<VmSpec>> for Released {
	fn get() -> Vec<VmSpec> {
		released()
	}
}

/// The first frozen schedule (of versions 1 and 2): `ewasm schedule --schedule measured --rust`
/// of the weights generated on 2026-12-03, at [`crate::gas::DEFAULT_GAS_WEIGHT`]; since spec
/// version 8, `ewasm schedule --schedule measured --rust --raise 1` of those generated on
/// 2026-12-04 (`weights.rs`): the entries of the functions spec version 8 added to `v2`
/// (`bignum`, `bignum_mulmod`, `ecrecover`), and seven the new benchmarks found underpriced
/// (repriced to them, the security rule above: `external_code`, `output_per_word`, `call`,
/// `claim_receipt`, `claim_receipt_per_payload_word`, `create`, `self_destruct`; by 0.03 % to
/// 3.6 times). Every other price is as it was.
pub const SCHEDULE_1: Schedule = include!("versions/schedule_1.rs");
