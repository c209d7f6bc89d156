//! Test-only package; the tests live in `tests/tests`. This library holds what they share
//! without being a test themselves.

use std::io::Write as _;

/// Tells the person running the tests that a check was skipped (for example because the
/// third-party material in `../shared` is absent). Written to the terminal's stderr directly:
/// libtest captures only the `print!` family, so a passing test's `println!` would never be
/// seen and a skipped check would look like a passed one.
pub fn notice(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "notice: {message}");
}

/// Compiles the README's examples as doctests, so the front page cannot drift from the API.
/// Here rather than in `logto-api`: the README is not inside that package's folder, and this
/// package always builds `logto-api` with every API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
