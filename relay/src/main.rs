//! `polkadot`: the relay chain node (polkadot-cli with the rococo-local runtime).

fn main() -> Result<(), String> {
	polkadot_cli::run().map_err(|error| error.to_string())
}
