//! Which fields are `logto_api::Patch<T>`: decided once, on the whole API, after lowering.
//!
//! An optional, nullable property can say three things only where a caller writes it: in the
//! body of a PATCH operation, leaving it out keeps the stored value, `null` clears it and a value
//! sets it. So its field is a `Patch<T>` in every struct reachable from a PATCH operation's body,
//! following named types through struct fields, `additionalProperties`, lists, maps, boxes, union
//! variants and newtypes. Elsewhere (answers, other bodies, parameters) `null` and absent mean the
//! same to the reader, and the field stays `Option<T>`. A type reachable from a PATCH body and
//! from elsewhere is one Rust type: it takes `Patch<T>`, which decodes answers just as well.
//! Multipart bodies are form parts, never JSON `null`, so their fields are never `Patch`.

use crate::ir::{Api, Method, TypeKind, TypeRef};
use std::collections::{BTreeSet, HashMap};

/// Sets [`Field::patch`](crate::ir::Field::patch) on every optional, nullable field of a struct
/// reachable from the body of a PATCH operation.
pub(crate) fn mark_patch_fields(api: &mut Api) {
    let reached = reachable_from_patch_bodies(api);
    for def in &mut api.types {
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        if s.multipart || !reached.contains(&def.name) {
            continue;
        }
        for field in &mut s.fields {
            field.patch = !field.required && field.nullable;
        }
    }
}

/// Names of the types reachable from a PATCH operation's body.
fn reachable_from_patch_bodies(api: &Api) -> BTreeSet<String> {
    let kinds: HashMap<&str, &TypeKind> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), &t.kind))
        .collect();
    let mut todo: Vec<&str> = api
        .operations()
        .filter(|op| op.method == Method::Patch)
        .filter_map(|op| op.body.as_ref())
        // Only JSON can say `null`: a form or multipart body has no way to send `Patch::Null`.
        .filter(|body| body.encoding == crate::ir::BodyEncoding::Json)
        .filter_map(|body| named(&body.ty))
        .collect();
    // A work list rather than recursion: chains of types may be thousands deep.
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.to_owned()) {
            continue;
        }
        if let Some(kind) = kinds.get(name) {
            todo.extend(references(kind).filter_map(named));
        }
    }
    seen
}

/// The type references `kind` holds, in any position.
fn references(kind: &TypeKind) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty).chain(s.extra.as_ref())),
        TypeKind::Union(u) => Box::new(u.variants.iter().map(|v| &v.ty)),
        TypeKind::Newtype(ty) => Box::new(std::iter::once(ty)),
        TypeKind::Enum(_) => Box::new(std::iter::empty()),
    }
}

/// The generated type `ty` names, under any lists, maps, boxes and `Option`s.
fn named(mut ty: &TypeRef) -> Option<&str> {
    loop {
        match ty {
            TypeRef::Named(name) => return Some(name),
            TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => ty = t,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Field, TypeKind};

    /// Lowers a document with `paths` and component `schemas`.
    fn lower(paths: &str, schemas: &str) -> Api {
        let doc = format!(
            r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{paths},
            "components":{{"schemas":{schemas}}}}}"#
        );
        let doc = crate::load::load_str("t.json", &doc).expect("loads");
        crate::lower::lower(&doc).unwrap_or_else(|d| panic!("does not lower:\n{d}"))
    }

    /// An operation `method` on its own path, sending `body` (a schema) as JSON.
    fn sends(path: &str, method: &str, body: &str) -> String {
        format!(
            r#""{path}":{{"{method}":{{"operationId":"{method}{id}","requestBody":{{"content":{{
            "application/json":{{"schema":{body}}}}}}},"responses":{{"204":{{"description":"ok"}}}}}}}}"#,
            id = path.trim_start_matches('/'),
        )
    }

    /// A GET on its own path answering with `answer` (a schema).
    fn answers(path: &str, answer: &str) -> String {
        format!(
            r#""{path}":{{"get":{{"operationId":"Get{id}","responses":{{"200":{{"description":"ok",
            "content":{{"application/json":{{"schema":{answer}}}}}}}}}}}}}"#,
            id = path.trim_start_matches('/'),
        )
    }

    fn field<'a>(api: &'a Api, ty: &str, wire: &str) -> &'a Field {
        let def = api.types.iter().find(|t| t.name == ty);
        let Some(TypeKind::Struct(s)) = def.map(|d| &d.kind) else {
            panic!("no struct {ty}")
        };
        s.fields
            .iter()
            .find(|f| f.wire == wire)
            .unwrap_or_else(|| panic!("no field {ty}.{wire}"))
    }

    /// `Role`: one field of each kind of presence.
    const ROLE: &str = r#""Role":{"type":"object","required":["name","kind"],"properties":{
        "name":{"type":"string"},"kind":{"type":"string","nullable":true},
        "note":{"type":"string","nullable":true},"rank":{"type":"integer"}}}"#;

    #[test]
    fn only_optional_nullable_fields_of_a_patch_body_are_patch() {
        let api = lower(
            &format!(
                "{{{}}}",
                sends(
                    "/roles",
                    "patch",
                    r##"{"$ref":"#/components/schemas/Role"}"##
                )
            ),
            &format!("{{{ROLE}}}"),
        );
        let patch = |wire| field(&api, "Role", wire).patch;
        assert!(patch("note"), "optional and nullable");
        assert!(!patch("kind"), "required and nullable stays Option");
        assert!(!patch("rank"), "optional, not nullable stays Option");
        assert!(!patch("name"));
    }

    #[test]
    fn other_bodies_and_answers_keep_option() {
        let paths = format!(
            "{{{},{},{}}}",
            sends(
                "/roles",
                "post",
                r##"{"$ref":"#/components/schemas/Role"}"##
            ),
            sends("/bulk", "put", r##"{"$ref":"#/components/schemas/Role"}"##),
            answers("/role", r##"{"$ref":"#/components/schemas/Role"}"##),
        );
        let api = lower(&paths, &format!("{{{ROLE}}}"));
        assert!(!field(&api, "Role", "note").patch);
    }

    #[test]
    fn a_type_shared_by_a_patch_body_and_an_answer_is_patch() {
        let paths = format!(
            "{{{},{}}}",
            answers("/role", r##"{"$ref":"#/components/schemas/Role"}"##),
            sends(
                "/roles",
                "patch",
                r##"{"$ref":"#/components/schemas/Role"}"##
            ),
        );
        let api = lower(&paths, &format!("{{{ROLE}}}"));
        assert!(field(&api, "Role", "note").patch);
    }

    #[test]
    fn reach_follows_fields_lists_maps_unions_and_newtypes() {
        let schemas = r##"{
          "Body":{"type":"object","properties":{
            "direct":{"$ref":"#/components/schemas/Direct"},
            "listed":{"type":"array","items":{"$ref":"#/components/schemas/Listed"}},
            "mapped":{"type":"object","additionalProperties":{"$ref":"#/components/schemas/Mapped"}},
            "either":{"oneOf":[{"$ref":"#/components/schemas/Branch"},{"type":"string"}]}},
            "additionalProperties":{"$ref":"#/components/schemas/Extra"}},
          "Direct":{"type":"object","properties":{"next":{"$ref":"#/components/schemas/Deep"},
            "v":{"type":"string","nullable":true}}},
          "Deep":{"type":"object","properties":{"v":{"type":"string","nullable":true}}},
          "Listed":{"type":"object","properties":{"v":{"type":"string","nullable":true}}},
          "Mapped":{"type":"object","properties":{"v":{"type":"string","nullable":true}}},
          "Branch":{"type":"object","properties":{"v":{"type":"string","nullable":true}}},
          "Extra":{"type":"object","properties":{"v":{"type":"string","nullable":true}}},
          "Apart":{"type":"object","properties":{"v":{"type":"string","nullable":true}}}}"##;
        let paths = format!(
            "{{{},{}}}",
            sends(
                "/body",
                "patch",
                r##"{"$ref":"#/components/schemas/Body"}"##
            ),
            answers("/apart", r##"{"$ref":"#/components/schemas/Apart"}"##),
        );
        let api = lower(&paths, schemas);
        for ty in ["Direct", "Deep", "Listed", "Mapped", "Branch", "Extra"] {
            assert!(field(&api, ty, "v").patch, "{ty} is reached");
        }
        assert!(!field(&api, "Apart", "v").patch, "Apart is not reached");
    }

    #[test]
    fn a_newtype_leads_on_to_its_items() {
        let schemas = r##"{
          "Node":{"type":"object","properties":{"v":{"type":"string","nullable":true},
            "kids":{"$ref":"#/components/schemas/Nodes"}}},
          "Nodes":{"type":"array","items":{"$ref":"#/components/schemas/Node"}}}"##;
        let paths = format!(
            "{{{}}}",
            sends(
                "/nodes",
                "patch",
                r##"{"$ref":"#/components/schemas/Nodes"}"##
            )
        );
        let api = lower(&paths, schemas);
        assert!(
            api.types
                .iter()
                .any(|t| t.name == "Nodes" && matches!(t.kind, TypeKind::Newtype(_))),
            "the recursive list is a newtype"
        );
        assert!(field(&api, "Node", "v").patch);
    }

    #[test]
    fn parameters_and_multipart_bodies_are_not_patch() {
        let paths = r##"{"/things/{id}":{"patch":{"operationId":"UpdateThing",
          "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}},
            {"name":"filter","in":"query","style":"deepObject","schema":{"$ref":"#/components/schemas/Filter"}}],
          "requestBody":{"content":{"multipart/form-data":{"schema":{"type":"object","properties":{
            "caption":{"type":"string","nullable":true}}}}}},
          "responses":{"204":{"description":"ok"}}}}}"##;
        let schemas =
            r#"{"Filter":{"type":"object","properties":{"v":{"type":"string","nullable":true}}}}"#;
        let api = lower(paths, schemas);
        assert!(!field(&api, "Filter", "v").patch, "a parameter's type");
        let multipart = api.types.iter().find_map(|t| match &t.kind {
            TypeKind::Struct(s) if s.multipart => Some(s),
            _ => None,
        });
        let multipart = multipart.expect("a multipart body");
        assert!(multipart.fields.iter().all(|f| !f.patch));
    }
}
