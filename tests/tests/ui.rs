//! Compile-fail tests: every class of bad input to `generate!` gives a clear `compile_error!`
//! (file, JSON pointer and, for parse errors, line:column) and never a panic. The pinned
//! `.stderr` files are the messages users see; bless with `TRYBUILD=overwrite`.

#[test]
fn bad_input_is_reported() {
    // The UI files name their specs through this variable (see the comment in each file).
    std::env::set_var("LOGTO_API_TESTS", env!("CARGO_MANIFEST_DIR"));
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
