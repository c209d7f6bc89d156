//! `cargo xtask surface [FILE...]`: counts of what a user reads in the generated surface, the
//! numbers issue 11 ("a hand-written SDK") tracks from one document version to the next.
//!
//! Counted on the IR, which holds every name and type the expanded code shows:
//! - answers or bodies whose type is named after another operation (`ListRoleUsers` answering
//!   `DeleteUserIdentityResponse`), one per operation and place;
//! - names with a `VariantN` part, and types named like another plus a number (`TypeTotp2`);
//! - fields documented only by the generator's placeholder (no description in the document);
//! - timestamps (`...At` fields) still typed `f64`, beside the fields typed
//!   `logto_api::Timestamp` (`format: unixtime-ms`), so a drop in the first shows where they went;
//! - `Option<Option<T>>` written anywhere in the generated source: counted on the emitted
//!   tokens rather than the IR, so that the count follows what the emitter writes
//!   (since `Patch<T>`, optional nullable fields are no longer `Option<Option<T>>`);
//! - fields typed `logto_api::Patch<T>` (optional and nullable in a type reachable from a PATCH
//!   body), where absent, `null` and a value are three requests.

use crate::root;
use logto_api_codegen::ir::{Api, Operation, Payload, TypeKind, TypeRef};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The counts for one document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Surface {
    /// Named types.
    pub types: usize,
    /// `(operation, type)` pairs where the type is named after another operation.
    pub named_after_other_operation: usize,
    /// Type and variant names with a `VariantN` part.
    pub variant_n: usize,
    /// Type names that are another type's name plus a number.
    pub numbered: usize,
    /// Fields without a description of their own.
    pub placeholder_field_docs: usize,
    /// Fields named `...At` typed `f64` (alone, optional, nullable or as list items).
    pub f64_timestamps: usize,
    /// Fields typed `logto_api::Timestamp` (alone, optional, nullable or as list items).
    pub timestamps: usize,
    /// `Option<Option<` in the generated source.
    pub double_options: usize,
    /// Fields typed `Patch<T>`.
    pub patch_fields: usize,
}

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), String> {
    let specs: Vec<PathBuf> = if args.is_empty() {
        ["experience", "account", "management"]
            .iter()
            .map(|s| root().join(format!("spec/{s}.json")))
            .collect()
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    println!("| document | types | named after another operation | VariantN | numbered | placeholder field docs | f64 timestamps | Timestamp fields | Option<Option<_>> | Patch<_> fields |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for spec in specs {
        let api = logto_api_codegen::lower_file(&spec, &spec.display().to_string())
            .map_err(|d| d.to_string())?;
        let s = surface(&api);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            spec.display(),
            s.types,
            s.named_after_other_operation,
            s.variant_n,
            s.numbered,
            s.placeholder_field_docs,
            s.f64_timestamps,
            s.timestamps,
            s.double_options,
            s.patch_fields
        );
    }
    Ok(())
}

/// Counts `api`'s surface.
pub fn surface(api: &Api) -> Surface {
    let names: BTreeSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    let op_names: Vec<String> = api.operations().map(pascal_id).collect();
    // Without whitespace: pretty-printing may break a long type across lines.
    let source: String = logto_api_codegen::emit::emit(api, &Default::default())
        .to_string()
        .split_whitespace()
        .collect();
    let mut s = Surface {
        types: api.types.len(),
        double_options: source.matches("Option<Option<").count(),
        ..Surface::default()
    };
    for op in api.operations() {
        let own = pascal_id(op);
        let mut seen = BTreeSet::new();
        for ty in used_types(op) {
            let after_other = op_names.iter().any(|other| {
                *other != own && !ty.starts_with(own.as_str()) && starts_with_word(&ty, other)
            });
            if after_other && seen.insert(ty.clone()) {
                s.named_after_other_operation += 1;
            }
        }
    }
    for def in &api.types {
        s.variant_n += usize::from(has_variant_n(&def.name));
        let stem = def.name.trim_end_matches(|c: char| c.is_ascii_digit());
        let stem = stem.strip_suffix('_').unwrap_or(stem);
        s.numbered += usize::from(stem != def.name && names.contains(stem));
        match &def.kind {
            TypeKind::Struct(st) => {
                for f in &st.fields {
                    s.placeholder_field_docs +=
                        usize::from(f.doc.as_deref().is_none_or(|d| d.trim().is_empty()));
                    s.f64_timestamps +=
                        usize::from(f.wire.ends_with("At") && holds(&f.ty, &TypeRef::Number));
                    s.timestamps += usize::from(holds(&f.ty, &TypeRef::Timestamp));
                    s.patch_fields += usize::from(f.patch);
                }
            }
            TypeKind::Union(u) => {
                s.variant_n += u.variants.iter().filter(|v| has_variant_n(&v.name)).count();
            }
            TypeKind::Enum(_) | TypeKind::Newtype(_) => {}
        }
    }
    s
}

/// The PascalCase form of an operation's id, as the generator prefixes its types with it.
fn pascal_id(op: &Operation) -> String {
    logto_api_codegen::naming::pascal(&op.id)
}

/// Named types an operation's body and answers use directly.
fn used_types(op: &Operation) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(body) = &op.body {
        named(&body.ty, &mut out);
    }
    for r in &op.responses {
        if let Payload::Json(ty) = &r.payload {
            named(ty, &mut out);
        }
    }
    out
}

fn named(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
            named(t, out)
        }
        _ => {}
    }
}

/// `name` begins with the whole word(s) `prefix` (`GetUserResponse` with `GetUser`, not
/// `GetUsers`).
fn starts_with_word(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

fn has_variant_n(name: &str) -> bool {
    name.match_indices("Variant")
        .any(|(i, _)| name[i + "Variant".len()..].starts_with(|c: char| c.is_ascii_digit()))
}

/// `ty` is `scalar`, possibly nullable or a list of it.
fn holds(ty: &TypeRef, scalar: &TypeRef) -> bool {
    match ty {
        TypeRef::Nullable(t) | TypeRef::List(t) => holds(t, scalar),
        t => t == scalar,
    }
}

#[cfg(test)]
mod tests {
    use super::surface;

    #[test]
    fn counts_what_a_user_reads() {
        // A document that names a shared shape after one of its operations: the generator
        // keeps component names, so the list answers with a type named for another operation.
        let doc = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{
          "/users/{id}":{"delete":{"operationId":"DeleteUserIdentity","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
            "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/DeleteUserIdentityResponse"}}}}}}},
          "/roles/{id}/users":{"get":{"operationId":"ListRoleUsers","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
            "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"array",
              "items":{"$ref":"#/components/schemas/DeleteUserIdentityResponse"}}}}}}}}},
          "components":{"schemas":{"DeleteUserIdentityResponse":{"type":"object",
              "properties":{"id":{"type":"string","description":"Its id."},"createdAt":{"type":"number"},
              "name":{"type":"string","nullable":true},"kind":{"oneOf":[{"type":"object","properties":{"a":{"type":"string"}}},
              {"type":"object","properties":{"a":{"type":"integer"}}}]}}}}}}"##;
        let doc = logto_api_codegen::load::load_str("t.json", doc).expect("loads");
        let api = logto_api_codegen::lower::lower(&doc).expect("lowers");
        let s = surface(&api);
        assert_eq!(s.named_after_other_operation, 1, "{s:?}");
        assert_eq!(s.f64_timestamps, 1, "{s:?}");
        // An answer's optional `null` is a plain `Option`.
        assert_eq!((s.double_options, s.patch_fields), (0, 0), "{s:?}");
        assert!(s.placeholder_field_docs >= 3, "{s:?}");
        assert!(s.variant_n >= 1, "{s:?}");
    }

    #[test]
    fn patch_fields_are_counted_and_are_not_double_options() {
        let doc = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{
          "/users/{id}":{"patch":{"operationId":"UpdateUser","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
            "requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{
              "name":{"type":"string","nullable":true},"bio":{"type":"string"}}}}}},
            "responses":{"204":{"description":"ok"}}}}}}"##;
        let doc = logto_api_codegen::load::load_str("t.json", doc).expect("loads");
        let api = logto_api_codegen::lower::lower(&doc).expect("lowers");
        let s = surface(&api);
        assert_eq!((s.double_options, s.patch_fields), (0, 1), "{s:?}");
    }

    #[test]
    fn counts_f64_timestamps_beside_typed_ones() {
        let doc = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{
          "/things":{"get":{"operationId":"GetThing",
            "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"object",
              "properties":{"createdAt":{"type":"integer","format":"unixtime-ms"},
              "seenAt":{"type":"array","items":{"type":"number"}},
              "readAt":{"type":"number","nullable":true},
              "expiresAt":{"type":"integer","format":"unixtime-ms","nullable":true},
              "count":{"type":"number"}}}}}}}}}}}"##;
        let doc = logto_api_codegen::load::load_str("t.json", doc).expect("loads");
        let api = logto_api_codegen::lower::lower(&doc).expect("lowers");
        let s = surface(&api);
        assert_eq!((s.f64_timestamps, s.timestamps), (2, 2), "{s:?}");
    }
}
