//! Sets `SUBSTRATE_CLI_COMMIT_HASH` and the other version keys the relay node and its
//! workers report (the node checks that its workers have its version).

fn main() {
	substrate_build_script_utils::generate_cargo_keys();
	substrate_build_script_utils::rerun_if_git_head_changed();
}
