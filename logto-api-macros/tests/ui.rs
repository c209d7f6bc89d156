//! Compile-fail tests: every class of bad input to `generate!` gives a clear `compile_error!`
//! (file, JSON pointer and, for parse errors, line:column) and never a panic. The pinned
//! `.stderr` files are the messages users see; bless with `TRYBUILD=overwrite`.
//!
//! They live in this crate, not in `logto-api-tests`, because trybuild builds a scratch crate
//! with every dependency of the package that runs it: here that is the macro and its generator,
//! not the whole `logto-api` client with its HTTP stack.

#[test]
fn bad_input_is_reported() {
    // The UI files name their specs through this variable (see the comment in each file).
    std::env::set_var(
        "LOGTO_API_MACROS_TESTS",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests"),
    );
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
