//! `cargo xtask <command>`: developer tasks that need the generator as a library.
//!
//! - `expand [--spec FILE] [--out FILE]`: pretty-printed generated source for a document.
//! - `check-spec FILE...`: generate a client per document into a scratch crate, compile it with
//!   warnings denied, print operation and type counts.
//! - `downstream`: build `tests/downstream` (the generator used for another API, `logto-api`
//!   without default features) and check that it compiles none of Logto's APIs.
//! - `sync [--check]`: refresh (or check) the copies the published crates carry: the spec
//!   documents in `logto-api/spec/` and the license texts.
//! - `bench [--spec FILE]`: the generator's median time over 10 runs.
//! - `spec pull ...` / `spec diff OLD NEW`: fetch a document; report drift between two documents
//!   in terms of the generated crate.
//! - `surface [FILE...]`: counts of weak spots in the generated surface (names after other
//!   operations, `VariantN`, placeholder docs, `f64` timestamps, `Option<Option<_>>`) and the
//!   number of `Patch<_>` fields.
//! - `type-paths FILE`: every generated type by the place a user reaches it from; two runs
//!   joined on the place list renamed types (the CHANGELOG's migration lists).

mod bench;
mod check_spec;
mod downstream;
mod expand;
mod spec;
mod surface;
mod sync;
mod type_paths;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("expand") => expand::run(&args[1..]),
        Some("check-spec") => check_spec::run(&args[1..]),
        Some("downstream") => downstream::run(&args[1..]),
        Some("sync") => sync::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("spec") => spec::run(&args[1..]),
        Some("surface") => surface::run(&args[1..]),
        Some("type-paths") => type_paths::run(&args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask <expand [--spec FILE] [--out FILE] | check-spec FILE... | downstream | sync [--check] | bench [--spec FILE] | spec pull|diff ... | surface [FILE...] | type-paths FILE>";

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The value after `--name` in `args`, if given.
pub fn flag(args: &[String], name: &str) -> Option<String> {
    let pos = args.iter().position(|a| a == name)?;
    args.get(pos + 1).cloned()
}

/// Generates pretty source for `spec` (relative paths are taken from the workspace root).
pub fn generate_pretty(spec: &std::path::Path, inherent: bool) -> Result<String, String> {
    let options = logto_api_codegen::Options {
        inherent,
        examples: None,
    };
    let tokens = logto_api_codegen::generate_file(spec, &spec.display().to_string(), &options)
        .map_err(|d| d.to_string())?;
    logto_api_codegen::pretty(&tokens).map_err(|e| format!("generated code does not parse: {e}"))
}
