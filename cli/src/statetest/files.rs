//! Which files a runner of test files reads: the files it is given, and those under the
//! directories it is given whose extension it reads, in path order (`ewasm statetest`: `.json`,
//! `.yml`, `.yaml`; `ewasm scout`: `.yml`, `.yaml`).

use std::path::{Path, PathBuf};

/// Extensions of state-test files.
pub const STATE_TEST_EXTENSIONS: &[&str] = &["json", "yml", "yaml"];

/// The files to read for `paths`: a file as given, a directory's files with one of
/// `extensions` recursively, in path order.
pub fn test_files(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, String> {
	let mut files = Vec::new();
	for path in paths {
		if path.is_dir() {
			let mut found = Vec::new();
			collect(path, extensions, &mut found)?;
			found.sort();
			files.extend(found);
		} else if path.is_file() {
			files.push(path.clone());
		} else {
			return Err(format!("{}: no such file or directory", path.display()));
		}
	}
	Ok(files)
}

fn collect(directory: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) -> Result<(), String> {
	let entries = std::fs::read_dir(directory)
		.map_err(|error| format!("cannot list {}: {error}", directory.display()))?;
	for entry in entries {
		let path =
			entry.map_err(|error| format!("cannot list {}: {error}", directory.display()))?.path();
		if path.is_dir() {
			collect(&path, extensions, found)?;
		} else if has_extension(&path, extensions) {
			found.push(path);
		}
	}
	Ok(())
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
	path.extension()
		.and_then(|extension| extension.to_str())
		.is_some_and(|extension| extensions.contains(&extension))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn directories_are_walked_for_test_files_in_order() {
		let root = std::env::temp_dir().join(format!("ewasm-files-{}", std::process::id()));
		let nested = root.join("nested");
		std::fs::create_dir_all(&nested).unwrap();
		for name in ["b.json", "a.yml", "notes.txt", "nested/c.yaml"] {
			std::fs::write(root.join(name), "").unwrap();
		}
		let explicit = root.join("notes.txt");
		let files = test_files(&[root.clone(), explicit.clone()], STATE_TEST_EXTENSIONS).unwrap();
		let expected = [root.join("a.yml"), root.join("b.json"), nested.join("c.yaml"), explicit];
		assert_eq!(files, expected);
		let error = test_files(&[root.join("missing")], STATE_TEST_EXTENSIONS).unwrap_err();
		assert!(error.ends_with("missing: no such file or directory"), "{error}");
		std::fs::remove_dir_all(&root).unwrap();
	}
}
