//! What every test file needs: the fixtures, the repo's briefings, and a
//! scratch folder of its own. Each test binary uses a part of it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// A folder under `tests/fixtures`.
pub fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case)
}

/// The repo's own briefings.
pub fn briefings() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

/// An empty folder of its own for one test, under cargo's scratch space and
/// the test binary's name; left in place after a run, to look at.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(env!("CARGO_CRATE_NAME")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}
