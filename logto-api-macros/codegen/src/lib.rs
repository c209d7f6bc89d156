//! The generator behind `logto_api_macros::generate!`: OpenAPI 3.0 document -> Rust tokens.
//!
//! Three stages, each its own module: [`load`] (bytes -> `openapiv3::OpenAPI`, with file,
//! line:column and JSON pointer on failure), [`lower`] (OpenAPI -> the plain-data [`ir`], where
//! every name is decided) and [`emit`] (IR -> `TokenStream`). The macro, `cargo xtask` and the
//! tests all go through [`generate`] so they cannot disagree.
//!
//! # On the wire
//!
//! Every media type has an encoding. A request body or answer listing several media types uses
//! the first of: **JSON** (`application/json`, any `+json`), then **form**
//! (`application/x-www-form-urlencoded`), then **multipart** (`multipart/form-data`; requests
//! only), then **text** (`text/*`, a `String`, sent with that exact media type, read as UTF-8
//! and never lossily), then **bytes** (anything else, such as `application/octet-stream`,
//! `image/png` or `*/*`: `impl Into<logto_api::Bytes>` up, `logto_api::Bytes` down, unchanged);
//! among several of one kind, the first listed. Only whole bodies become bytes: a
//! `format: binary` string inside JSON stays a `String`.
//!
//! Parameters and form-body properties follow OpenAPI 3.0.3's `style`/`explode` tables (query
//! `form`, `spaceDelimited`, `pipeDelimited`, `deepObject`; path `simple`, `label`, `matrix`;
//! header `simple`; cookie `form`); a combination the tables leave undefined is a diagnostic.
//! The module `lower::wire` holds these decisions and documents them in full.

#![deny(missing_docs)]

pub mod diag;
pub mod docs;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;

pub use diag::{Diagnostic, Diagnostics};
pub use emit::{pretty, Options};
pub use load::Document;

use proc_macro2::TokenStream;
use std::path::Path;

/// Generates the client for an already loaded document.
pub fn generate(doc: &Document, options: &Options) -> Result<TokenStream, Diagnostics> {
    let api = lower::lower(doc)?;
    Ok(emit::emit(&api, options))
}

/// Loads `path` (named `display` in diagnostics) and generates its client.
pub fn generate_file(
    path: &Path,
    display: &str,
    options: &Options,
) -> Result<TokenStream, Diagnostics> {
    let doc = load::load_file(path, display)?;
    generate(&doc, options)
}

/// Loads and lowers `path` without emitting, for tools that count or inspect the IR.
pub fn lower_file(path: &Path, display: &str) -> Result<ir::Api, Diagnostics> {
    let doc = load::load_file(path, display)?;
    lower::lower(&doc)
}
