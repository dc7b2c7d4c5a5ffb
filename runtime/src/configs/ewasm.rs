//! The Ewasm pallet's configuration: where contract value lives, how accounts map to
//! addresses, the code size limit and the price of gas in weight.

use crate::{Balances, Runtime};
use frame_support::{parameter_types, traits::ConstU32, weights::Weight};
use polkadot_sdk::*;

parameter_types! {
	/// The weight one unit of gas buys. Gas is wasmi fuel (about one instruction) plus the
	/// EEI costs of the gas schedule.
	pub const WeightPerGas: Weight = pallet_ewasm::gas::DEFAULT_WEIGHT_PER_GAS;
}

impl pallet_ewasm::Config for Runtime {
	type Currency = Balances;
	type AddressMapper = pallet_ewasm::address::AccountId32Mapper;
	type MaxCodeLen = ConstU32<{ 24 * 1024 }>;
	type WeightPerGas = WeightPerGas;
	type WeightInfo = ();
}
