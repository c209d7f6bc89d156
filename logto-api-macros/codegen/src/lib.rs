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
//!
//! # Schemas
//!
//! - `allOf` is the intersection of its parts (`lower::merge`): object parts merge into one
//!   struct (`required` from any part or from beside `allOf`); one non-object part (a `$ref` to
//!   a string, enum or union, an inline scalar) is that type, with the wrapper's `nullable` and
//!   description; parts that cannot both hold are a diagnostic naming both pointers.
//! - Typed `properties` beside `oneOf`/`anyOf`: branches that only constrain keep the struct;
//!   other branches become variants that also carry the properties. Properties that only carry
//!   descriptions document the branches' fields.
//! - A `discriminator` makes an internally tagged enum: one variant per tag value (from the
//!   `mapping`, else the component's name; a base extended through `allOf` is the union of its
//!   extensions); unknown tags decode as `Unknown`, and encoding writes the variant's tag.
//!   Without one, a property every branch pins to a distinct literal is the tag.
//! - Recursion (`lower::indirection`): a list or map component that contains itself is a
//!   newtype; by-value cycles get a `Box` on the back edges of a search in name order, and
//!   by-value chains deeper than rustc follows get one too.
//! - Presence (`lower::patch`): a required property is `T`, or `Option<T>` written as `null`
//!   when `nullable`; an optional one is `Option<T>`, left out when `None`, and a `nullable` one
//!   reads both `null` and absent as `None`. The exception is an optional, `nullable` property
//!   of a struct reachable from the body of a PATCH operation (through fields, lists, maps,
//!   union variants and newtypes, named types followed transitively; JSON bodies only, since a
//!   form cannot say `null`): there leaving it out,
//!   `null` and a value are three requests, so it is `logto_api::Patch<T>` (`Unchanged` left
//!   out, `Null`, `Set(v)`). A type reachable from a PATCH body and from elsewhere is `Patch`
//!   everywhere. No field is `Option<Option<T>>`.
//! - `format`: `int32` `i32`, `int64` `i64`, `uint32` `u32`, `uint64` `u64`, `float` `f32`,
//!   `double` `f64`; without a format (or with one not listed here) `i64` and `f64`. An
//!   `integer` with `format: unixtime-ms` (milliseconds since the Unix epoch, by analogy with
//!   the format registry's `unixtime` in seconds) is `logto_api::Timestamp`; a `number` with
//!   it stays `f64`, since it may carry a fraction. A union of numbers is their common type:
//!   the wider integer when one holds the other (`u32` with a signed one is `i64`), else `f64`.
//! - Responses: statuses listed as 2xx/3xx decode as success; with none listed, `default` is the
//!   success answer. Error statuses and `default` with a schema decode through
//!   `calls::{Op}ErrorBody`.
//!
//! # Names
//!
//! A name depends only on the schema and the place it is written, never on which other
//! operations exist or in what order, so adding or removing an operation renames no type used
//! elsewhere (unless two places derive the same name: see the last rule):
//! - a component schema is its key in PascalCase (`user_profile` -> `UserProfile`);
//! - an inline schema is named after its place: `{Op}Body`, `{Op}Response`, `{Op}{Param}`,
//!   `{Parent}{Property}`, `{List}` singular or `{List}Item` for list items, `{Parent}{Variant}`
//!   for union branches; a shared response or request body (`components/responses`,
//!   `components/requestBodies`) after its key;
//! - identical inline schemas (prose, `nullable` and `x-*` aside) share one type only within one
//!   operation, component or shared response: a shape several operations use is a component,
//!   named by whoever writes the document;
//! - the vendor extension `x-rust-type-name: "Name"` names the type generated for a schema
//!   (component or inline object, enum or union; lists, maps and scalars make no type and ignore
//!   it) and makes it one type wherever that name appears; a value that is not an UpperCamelCase
//!   Rust name, a name already taken (by a component or the generated code) and one name on two
//!   schemas are diagnostics;
//! - a union variant is named from the document, best first: the branch's `title` (up to four
//!   words), a literal it pins (`type: "Totp"` -> `Totp`), a required property or any property
//!   only it has, `Object`/`List` when it is the only one of its kind; `VariantN` only when the
//!   document says nothing. Branches that repeat an earlier one (a literal written as
//!   `format: "\"X\""` once and `enum: [X]` once) collapse into it;
//! - clashes in one Rust namespace are numbered (`Name2`) in document order: two places that
//!   derive the same name (`Organization.roleScopes[]` and `OrganizationRole.scopes[]` both give
//!   `OrganizationRoleScope`) are the one case where another operation's presence can rename a
//!   type; a component or `x-rust-type-name` gives one of them a name of its own.
//! - A `description` beside a `$ref` documents that use of the schema (OpenAPI 3.0 lets tools
//!   ignore it; this one reads it); without one, a field takes the referenced schema's.

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
