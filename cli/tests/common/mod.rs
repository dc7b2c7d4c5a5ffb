//! What the tool's integration tests share: scratch directories, removed when dropped (so a
//! test run leaves nothing behind in the system's temporary directory, passing or failing).
// Each test file compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A directory of its own under the system's temporary directory, removed with everything in
/// it when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
	/// A new, empty `ewasm-<name>-<process id>` directory: `name` must differ between tests
	/// running at the same time.
	pub fn new(name: &str) -> Self {
		let directory = std::env::temp_dir().join(format!("ewasm-{name}-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&directory);
		std::fs::create_dir_all(&directory).expect("a scratch directory");
		Scratch(directory)
	}

	/// The directory.
	pub fn path(&self) -> &Path {
		&self.0
	}

	/// `file` in the directory.
	pub fn join(&self, file: &str) -> PathBuf {
		self.0.join(file)
	}
}

impl Drop for Scratch {
	fn drop(&mut self) {
		let _ = std::fs::remove_dir_all(&self.0);
	}
}
