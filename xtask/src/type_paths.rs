//! `cargo xtask type-paths FILE`: every named type the generated client shows, by the place a
//! user reaches it from (`Operation body .field [] |variant`), one `place<TAB>type` per line.
//! Two runs (before and after a change) joined on the place list the renamed types.

use logto_api_codegen::ir::{Api, Payload, TypeDef, TypeKind, TypeRef};
use std::collections::{BTreeSet, HashMap};

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err("usage: cargo xtask type-paths FILE".to_owned());
    };
    let api = logto_api_codegen::lower_file(std::path::Path::new(file), file)
        .map_err(|d| d.to_string())?;
    for (place, name) in type_paths(&api) {
        println!("{place}\t{name}");
    }
    Ok(())
}

/// `(place, type name)` for every named type reachable from an operation.
pub fn type_paths(api: &Api) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (place, ty) in places(api) {
        walk(&by_name(api), ty, place, 0, &mut out);
    }
    out
}

fn by_name(api: &Api) -> HashMap<&str, &TypeDef> {
    api.types.iter().map(|t| (t.name.as_str(), t)).collect()
}

fn places(api: &Api) -> Vec<(String, &TypeRef)> {
    let mut out = Vec::new();
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        for p in &op.params {
            out.push((format!("{} param {}", op.id, p.wire), &p.ty));
        }
        if let Some(b) = &op.body {
            out.push((format!("{} body", op.id), &b.ty));
        }
        for r in &op.responses {
            if let Payload::Json(t) = &r.payload {
                out.push((format!("{} response", op.id), t));
            }
        }
    }
    out
}

fn walk(
    types: &HashMap<&str, &TypeDef>,
    ty: &TypeRef,
    place: String,
    depth: usize,
    out: &mut BTreeSet<(String, String)>,
) {
    if depth > 14 {
        return;
    }
    match ty {
        TypeRef::Named(n) => {
            if !out.insert((place.clone(), n.clone())) {
                return;
            }
            let Some(def) = types.get(n.as_str()) else {
                return;
            };
            match &def.kind {
                TypeKind::Struct(s) => {
                    for f in &s.fields {
                        walk(types, &f.ty, format!("{place} .{}", f.wire), depth + 1, out);
                    }
                }
                TypeKind::Union(u) => {
                    for (i, v) in u.variants.iter().enumerate() {
                        let key = v.tag_value.clone().unwrap_or_else(|| i.to_string());
                        walk(types, &v.ty, format!("{place} |{key}"), depth + 1, out);
                    }
                }
                TypeKind::Newtype(inner) => {
                    walk(types, inner, format!("{place} ()"), depth + 1, out)
                }
                TypeKind::Enum(_) => {}
            }
        }
        TypeRef::List(inner) => walk(types, inner, format!("{place} []"), depth + 1, out),
        TypeRef::Map(inner) => walk(types, inner, format!("{place} {{}}"), depth + 1, out),
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => walk(types, inner, place, depth, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn places_name_fields_items_and_variants() {
        let doc = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/pets":{"get":{
          "operationId":"ListPets","responses":{"200":{"description":"ok","content":{"application/json":{
          "schema":{"type":"array","items":{"$ref":"#/components/schemas/Pet"}}}}}}}}},
          "components":{"schemas":{"Pet":{"type":"object","properties":{
            "kind":{"type":"string","enum":["dog","cat"]},
            "owner":{"oneOf":[{"type":"object","properties":{"type":{"type":"string","enum":["person"]},"name":{"type":"string"}}},
              {"type":"object","properties":{"type":{"type":"string","enum":["shelter"]},"city":{"type":"string"}}}]}}}}}}"##;
        let doc = logto_api_codegen::load::load_str("t.json", doc).expect("loads");
        let api = logto_api_codegen::lower::lower(&doc).expect("lowers");
        let lines: Vec<String> = super::type_paths(&api)
            .into_iter()
            .map(|(place, name)| format!("{place} = {name}"))
            .collect();
        assert_eq!(
            lines,
            [
                "ListPets response [] = Pet",
                "ListPets response [] .kind = PetKind",
                "ListPets response [] .owner = PetOwner",
                "ListPets response [] .owner |person = PetOwnerPerson",
                "ListPets response [] .owner |shelter = PetOwnerShelter",
            ]
        );
    }
}
