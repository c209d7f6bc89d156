//! The copies the published crates carry (`logto-api/spec/*.json`, each crate's license texts)
//! match their originals; `cargo xtask sync` refreshes them (see `src/sync.rs`).

use std::process::Command;

#[test]
fn published_copies_match_their_originals() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["sync", "--check"])
        .output()
        .expect("runs xtask");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
