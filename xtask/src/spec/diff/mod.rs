//! `cargo xtask spec diff OLD NEW`: what changed between two OpenAPI 3.0 documents, for HTTP
//! clients and for code using the generated `logto-api` crate.
//!
//! ```text
//! cargo xtask spec diff OLD NEW [--format text|json|markdown] [--fail-on breaking|warning]
//! ```
//!
//! `OLD`/`NEW` are files, or `REV:PATH` git revisions (`HEAD~1:spec/experience.json`): an
//! argument that is not an existing file and contains `:` is read with `git show REV:PATH` at the
//! repository root. `--fail-on LEVEL` exits with status 1 (after printing the report) when a
//! change at that level or worse is present; otherwise the exit status is 0.
//!
//! # How it works
//!
//! Two views of both documents are compared:
//!
//! 1. **The raw JSON**, operation by operation. Operations are matched by method and path with
//!    parameter names erased, so `/users/{id}` and `/users/{userId}` are the same operation (a
//!    `path-parameter-renamed`, not a removal plus an addition). Inside each operation, schemas
//!    are walked recursively through properties, `items`, `additionalProperties`, `oneOf`/`anyOf`
//!    branches, `allOf` parts (merged) and `$ref`s, whichever component they point to. This walk
//!    finds the changes, their rule ids and JSON pointers.
//! 2. **The generator's IR**: both documents are lowered with `logto_api_codegen::lower` (what the
//!    `generate!` macro runs), and the walk carries the generated type at every place it visits.
//!    Each change's impact comes from comparing those types, not from guesses: names, `Option`
//!    wrapping, open enums, dedupe of identical inline schemas and the `send()` output type are
//!    exactly what users compile against. Where the generated type is the same but its *name*
//!    changed (an inline type named after its context, or a name taken first by a new operation),
//!    the walk reports `type-renamed`.
//!
//! If a document does not lower (the generator reports problems), impacts fall back to each
//! rule's default from the table below and the report carries a note. Documents equal apart from
//! the ignored members below are answered at once, without lowering.
//!
//! `oneOf`/`anyOf` branches are matched by their `$ref`, else by the literal they pin (Logto's
//! `type: "Password"`), else by kind and position; repeats of a key are numbered (`(#2)`).
//! Parameters are matched by location and name, path parameters by position in the template.
//!
//! Ignored on purpose: `info` (Logto always says `"Cloud"`), `servers`, `tags` descriptions,
//! prose (`description`, `summary`, `example`), components no operation uses, and the schemas of
//! error (4xx/5xx) responses (their statuses and media types are still reported). Calls never
//! decode those: a generated `{Op}ErrorBody::from_error` does when asked, and Logto's documents
//! declare none; reporting their changes is still to do.
//!
//! # Levels, directions, impacts
//!
//! - **level** — for any HTTP client of the API: `breaking` (an existing call can now be rejected
//!   or its answer misread), `warning` (worth a look: deprecations, new shapes, stricter
//!   validation), `info` (additive or harmless).
//! - **direction** — `request` (parameters, request bodies, security), `response` (statuses,
//!   response bodies) or `none` (the operation as a whole).
//! - **impact** — what a client regenerated from NEW does to code written against OLD:
//!   `compile` (it stops compiling), `runtime` (it compiles, but a call or a decode can now
//!   fail), `none`.
//!
//! Facts about the generator behind the impacts (see `logto-api-macros/codegen`):
//!
//! | Spec | Rust |
//! | --- | --- |
//! | required, not nullable property | `T` |
//! | required nullable, optional not nullable, optional nullable | `Option<T>` |
//! | optional nullable, in a type reachable from a PATCH body | `Patch<T>` |
//! | `nullable` on items, bodies, map values, branches | dropped: `Vec<T>`, `T` |
//! | string `enum` / Logto literal `format: "\"x\""` | open `#[non_exhaustive]` enum with `Unknown(String)` |
//! | `oneOf` keyed by a literal property | `#[non_exhaustive]` enum with `Unknown(Value)` |
//! | other `oneOf` | untagged enum, no catch-all |
//! | object | struct, all fields `pub`, not `#[non_exhaustive]`; `Default` when every field allows |
//! | untyped / "any JSON" schema | `serde_json::Value` |
//! | `format` (other than literals and multipart `binary`) | ignored |
//! | required parameter / required body | positional argument of the method |
//! | optional parameter / optional body | builder setter |
//! | success statuses | `send()` output: `()`, `String`, `T`, `Option<T>` or a per-status enum |
//! | response fields the spec does not list | ignored when decoding |
//!
//! So: a new pub field breaks every struct literal and exhaustive pattern of that struct, even
//! when it derives `Default` (only `..Default::default()` literals survive, and cargo's SemVer
//! reference counts it as a major change); adding fields therefore costs `compile` for the types
//! users build (those reachable from a parameter or request body, including response types shared
//! with a request) and `none` for response-only types. A change that leaves the generated type as
//! it was is `none`, except where the server now rejects or sends something the unchanged type
//! cannot carry (`runtime`), notably inside `serde_json::Value`, where every breaking change is
//! `runtime`. New enum values are `none` because enums are open and `#[non_exhaustive]`: decoding
//! keeps unknown values, and downstream `match`es already need a `_` arm.
//!
//! # Rules
//!
//! Impact is the default; "→" gives what the IR turns it into.
//!
//! | rule | level | direction | impact | why |
//! | --- | --- | --- | --- | --- |
//! | `operation-added` | info | none | none | a new method; existing code is untouched |
//! | `operation-removed` | breaking | none | compile | its method and builder are gone |
//! | `operation-id-changed` | warning | none | compile → none if the snake_case method name is unchanged | the method is named after the operationId |
//! | `operation-group-changed` | info | none | compile | the first tag picks the group accessor (`client.users()`) |
//! | `operation-deprecated` | warning | none | none | adds `#[deprecated]`: a warning, not an error |
//! | `operation-undeprecated` | info | none | none | removes `#[deprecated]` |
//! | `type-renamed` | info | request/response | compile | the generated type at this place has a new name; code naming `types::Old` breaks |
//! | `security-added` | warning | request | runtime | anonymous calls are no longer allowed; the client sends whatever token it was given |
//! | `security-removed` | info | request | none | fewer credentials needed |
//! | `security-changed` | warning | request | runtime | other schemes or scopes: a token may no longer suffice |
//! | `path-parameter-renamed` | info | request | none | same position: path arguments are positional |
//! | `required-parameter-added` | breaking | request | compile | a new positional argument |
//! | `optional-parameter-added` | info | request | none | a new builder setter |
//! | `parameter-removed` | warning | request | compile | its argument or setter is gone |
//! | `parameter-became-required` | breaking | request | compile | setter → positional argument |
//! | `parameter-became-optional` | info | request | compile | positional argument → setter |
//! | `parameter-style-changed` | warning | request | none | the generated client follows `style` |
//! | `parameter-explode-changed` | warning | request | none | the generated client follows `explode` |
//! | `parameter-deprecated` | warning | request | none | informational |
//! | `required-request-body-added` | breaking | request | compile | a new positional argument |
//! | `optional-request-body-added` | info | request | none | a new `.body()` setter |
//! | `request-body-removed` | warning | request | compile | the body argument or setter is gone |
//! | `request-body-became-required` | breaking | request | compile | `.body()` → positional argument |
//! | `request-body-became-optional` | info | request | compile | positional argument → `.body()` |
//! | `request-media-type-added` | info | request | none → compile if the body type changes | |
//! | `request-media-type-removed` | breaking | request | compile → none if the body type is unchanged | |
//! | `response-success-status-added` | warning | response | none → compile if the `send()` output changes | e.g. `T` becomes `Option<T>` or a per-status enum |
//! | `response-success-status-removed` | info | response | none → compile if the output changes | |
//! | `response-error-status-added` | info | response | none | errors are `Error::Api`, whatever the status |
//! | `response-error-status-removed` | info | response | none | |
//! | `response-media-type-added` | info | response | none → compile if the output changes | |
//! | `response-media-type-removed` | breaking | response | compile → none if the output is unchanged | |
//! | `response-output-changed` | info | response | compile | the `send()` output changed without a status or media type change explaining it |
//! | `request-required-property-added` | breaking | request | compile → runtime inside `Value` | struct literals miss the field |
//! | `request-optional-property-added` | info | request | compile → none inside `Value` | a new pub field, `Default` or not |
//! | `response-property-added` | info | response | none → compile if the struct is also used in a request | unknown fields are ignored when decoding |
//! | `request-property-removed` | warning | request | compile | the field is gone |
//! | `response-property-removed` | breaking | response | compile → runtime inside `Value` | the field is gone |
//! | `request-property-became-required` | breaking | request | compile → none if the Rust type stays (`Option<T>` both) | `Option<T>` → `T` |
//! | `response-property-became-required` | info | response | compile → none if the Rust type stays | `Option<T>` → `T` |
//! | `request-property-became-optional` | info | request | compile → none if the Rust type stays | `T` → `Option<T>` |
//! | `response-property-became-optional` | breaking | response | compile → none if the Rust type stays | `T` → `Option<T>` |
//! | `request-property-deprecated` | warning | request | none | informational |
//! | `response-property-deprecated` | warning | response | none | informational |
//! | `request-became-nullable` | info | request | compile → none outside struct fields or if the Rust type stays | `T` → `Option<T>`, `Option<T>` → `Patch<T>` in what a PATCH body reaches |
//! | `response-became-nullable` | breaking | response | compile → runtime outside struct fields, none if the Rust type stays | a `null` item or body cannot decode into `T`; an optional field stays `Option<T>` |
//! | `request-became-non-nullable` | breaking | request | compile → none outside struct fields or if the Rust type stays | `Option<T>` → `T`, `Patch<T>` → `Option<T>` |
//! | `response-became-non-nullable` | info | response | compile → none outside struct fields or if the Rust type stays | `Option<T>` → `T` |
//! | `request-type-changed` | breaking | request | compile → runtime if the Rust type stays | e.g. `i64` → `String`, `String` → enum |
//! | `response-type-changed` | breaking | response | compile → runtime if the Rust type stays | |
//! | `request-format-changed` | warning | request | runtime → none when a format is removed; compile for multipart `binary` | formats are not typed; the server may validate |
//! | `response-format-changed` | info | response | none | formats are not typed |
//! | `request-enum-value-added` | info | request | none → compile if an existing variant got another name | open enums |
//! | `response-enum-value-added` | warning | response | none → compile if an existing variant got another name | open enums: `Unknown(String)` |
//! | `request-enum-value-removed` | breaking | request | compile → runtime if the Rust type is `String` | the variant is gone |
//! | `response-enum-value-removed` | info | response | compile → none if the Rust type is `String` | the variant is gone |
//! | `request-one-of-branch-added` | info | request | none → compile for untagged unions | untagged enums gain a variant |
//! | `response-one-of-branch-added` | warning | response | none → compile for untagged unions | tagged unions have `Unknown(Value)` |
//! | `request-one-of-branch-removed` | breaking | request | compile → runtime if not a generated union | the variant is gone |
//! | `response-one-of-branch-removed` | info | response | compile → none if not a generated union | the variant is gone |
//! | `request-additional-properties-changed` | warning | request | compile → none if the extra-fields map is unchanged | |
//! | `response-additional-properties-changed` | warning | response | compile → none if the extra-fields map is unchanged | |
//!
//! # Semver
//!
//! The summary proposes the next `logto-api` version (xtask shares its
//! `workspace.package.version`). Rule: any `compile` impact is breaking, which for a 0.x crate
//! means the next minor (`0.x.y` → `0.(x+1).0`, cargo treats minors of 0.x as incompatible) and
//! from 1.0 on the next major; any other change is a patch (`0.x.(y+1)`); no change, no bump.
//!
//! # Pointers and order
//!
//! `pointer` is an RFC 6901 JSON pointer into NEW, or into OLD for rules ending in `-removed`
//! (the node no longer exists in NEW). Inside a `$ref`'d schema it points into the component
//! (`/components/schemas/...`). Changes are sorted by path, method, operationId, pointer, rule
//! and message, and exact duplicates are dropped, so the output is byte-for-byte deterministic.
//!
//! # `--format json` (stable schema)
//!
//! ```json
//! {
//!   "summary": {
//!     "total": 1, "breaking": 1, "warning": 0, "info": 0,
//!     "compile": 1, "runtime": 0, "no_impact": 0,
//!     "bump": "breaking",
//!     "semver": "0.2.0 (breaking)"
//!   },
//!   "changes": [
//!     {
//!       "rule": "operation-removed", "level": "breaking", "direction": "none",
//!       "impact": "compile", "operation": "DeleteUser", "method": "DELETE",
//!       "path": "/api/users/{userId}", "pointer": "/paths/~1api~1users~1{userId}/delete",
//!       "message": "operation `DeleteUser` was removed"
//!     }
//!   ],
//!   "notes": []
//! }
//! ```
//!
//! `bump` is `none`, `patch` or `breaking`; `level`, `direction` and `impact` take the values
//! above; `notes` lists caveats (a document the generator cannot lower). Fields are only ever
//! added, never renamed or removed.

mod cli;
mod exchange;
mod ir;
mod json;
mod model;
mod render;
mod rules;
mod schema;
mod walk;

#[allow(unused_imports)] // the public API, for `spec pull` and future callers
pub use model::{Change, Direction, Impact, Level, Report};

use serde_json::Value;

/// Compares two OpenAPI 3.0 documents (parsed JSON). Never fails: a document the generator
/// cannot lower only costs the IR-based impact refinement (see [`Report::notes`]).
pub fn diff_documents(old: &Value, new: &Value) -> Report {
    if equal_but_ignored(old, new) {
        // Nothing can differ, and lowering is most of the cost (`spec pull` of an unchanged
        // document, a self-diff).
        return Report::default();
    }
    let mut notes = Vec::new();
    let mut lower = |doc: &Value, label: &str| match ir::lower(doc, label) {
        Ok(api) => Some(api),
        Err(problems) => {
            let count = problems.lines().count();
            let first = problems.lines().next().unwrap_or_default();
            notes.push(format!(
                "{label} does not lower with the generator ({count} problem(s), first: {first}); impacts are each rule's default"
            ));
            None
        }
    };
    let (old_api, new_api) = (lower(old, "OLD"), lower(new, "NEW"));
    let mut differ = walk::Differ {
        old,
        new,
        old_ir: old_api.as_ref().map(ir::Ir::new),
        new_ir: new_api.as_ref().map(ir::Ir::new),
        changes: Vec::new(),
    };
    differ.run();
    let mut report = Report {
        changes: differ.changes,
        notes,
    };
    report.sort();
    report
}

/// Top-level members the comparison ignores (see the module docs).
const IGNORED: &[&str] = &["info", "servers"];

/// True when the documents are equal apart from [`IGNORED`] members.
fn equal_but_ignored(old: &Value, new: &Value) -> bool {
    match (old.as_object(), new.as_object()) {
        (Some(o), Some(n)) => {
            let kept = |m: &serde_json::Map<String, Value>| {
                m.keys().filter(|k| !IGNORED.contains(&k.as_str())).count()
            };
            kept(o) == kept(n)
                && o.iter()
                    .filter(|(k, _)| !IGNORED.contains(&k.as_str()))
                    .all(|(k, v)| n.get(k) == Some(v))
        }
        _ => old == new,
    }
}

/// The CLI: `spec diff OLD NEW [--format text|json|markdown] [--fail-on breaking|warning]`.
/// Prints the report; with `--fail-on`, exits with status 1 when the level is reached.
pub fn run(args: &[String]) -> Result<(), String> {
    cli::run(args)
}
