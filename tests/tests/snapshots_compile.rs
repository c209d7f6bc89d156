//! Compiles every checked-in snapshot (see `snapshots.rs`) as a module of this test binary, with
//! warnings denied, against the workspace's `logto-api`: what a crate calling `generate!` gets.
//! `snapshots.rs` checks that every fixture's snapshot is listed here.

#![deny(warnings)]

// A test binary exports nothing, so the generated items it does not call and the `pub use` of
// the operation groups count as unused here, where a library exporting the module would not
// warn. Those two lints are allowed; every other warning fails the build. `rustfmt::skip` keeps
// `cargo fmt` out of the files: they are prettyplease output, compared byte for byte.
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/encoding.rs"]
mod encoding;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/errors.rs"]
mod errors;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/hostile.rs"]
mod hostile;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/media.rs"]
mod media;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/names.rs"]
mod names;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/paging.rs"]
mod paging;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/presence.rs"]
mod presence;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "../snapshots/schemas.rs"]
mod schemas;

/// The modules above are the check (this binary does not build when a snapshot is broken); the
/// test pins one generated model of each fixture, so a generator that emits nothing fails too.
#[test]
fn snapshots_compile_with_warnings_denied() {
    assert!(std::any::type_name::<encoding::types::Person>().ends_with("Person"));
    assert!(std::any::type_name::<errors::types::Fault>().ends_with("Fault"));
    assert!(std::any::type_name::<hostile::types::TreeNode>().ends_with("TreeNode"));
    assert!(
        std::any::type_name::<media::types::CreateMemoResponse>().ends_with("CreateMemoResponse")
    );
    assert!(
        std::any::type_name::<paging::types::ListUsersResponseItem>()
            .ends_with("ListUsersResponseItem")
    );
    assert!(std::any::type_name::<presence::types::ProfileChanges>().ends_with("ProfileChanges"));
    assert!(std::any::type_name::<schemas::types::Animal>().ends_with("Animal"));
    assert!(std::any::type_name::<names::types::Customer>().ends_with("Customer"));
}
