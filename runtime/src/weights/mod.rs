//! The benchmarked weights of the runtime's pallets other than `pallet_ewasm` (whose weights
//! live in the pallet): one module per pallet, each generated on the reference machine by
//! `make weights` (the `benchmark pallet` command with `runtime/weights.hbs`). The configs in
//! [`crate::configs`] use them in place of the pallets' reference-hardware defaults.

pub mod cumulus_pallet_parachain_system;
pub mod cumulus_pallet_weight_reclaim;
pub mod cumulus_pallet_xcmp_queue;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_collator_selection;
pub mod pallet_message_queue;
pub mod pallet_session;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
