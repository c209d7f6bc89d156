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
    // `write!` rather than `println!`: a reader that stops early (`| head`) is not an error.
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    for (place, name) in type_paths(&api) {
        if writeln!(out, "{place}\t{name}").is_err() {
            break;
        }
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

/// Removing any one operation from Logto's served documents renames no type that another
/// operation uses: inline types are named after their own place, so the names a user compiles
/// against do not depend on which other operations exist (issue 11, "stable names").
#[cfg(test)]
mod stability {
    use logto_api_codegen::load::Document;
    use openapiv3::ReferenceOr;
    use std::collections::BTreeMap;
    use std::path::Path;

    /// The served document holding every operation of the three APIs, read in place.
    const SERVED: &str = "swagger.raw.json";

    fn paths_of(doc: &Document) -> BTreeMap<String, String> {
        let api = logto_api_codegen::lower::lower(doc).expect("the served document lowers");
        super::type_paths(&api).into_iter().collect()
    }

    /// `doc` without the operation `method path`, in both of its forms.
    fn without(doc: &Document, path: &str, method: &str) -> Document {
        let mut raw = doc.raw.clone();
        if let Some(item) = raw["paths"][path].as_object_mut() {
            item.remove(method);
        }
        let mut api = doc.api.clone();
        if let Some(ReferenceOr::Item(item)) = api.paths.paths.get_mut(path) {
            let slot = match method {
                "get" => &mut item.get,
                "put" => &mut item.put,
                "post" => &mut item.post,
                "delete" => &mut item.delete,
                "patch" => &mut item.patch,
                "options" => &mut item.options,
                "head" => &mut item.head,
                _ => &mut item.trace,
            };
            *slot = None;
        }
        Document {
            file: doc.file.clone(),
            api,
            raw,
        }
    }

    /// `(path, method, operationId)` of every operation.
    fn operations(doc: &Document) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for (path, item) in doc.raw["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                if let Some(id) = op.get("operationId").and_then(|v| v.as_str()) {
                    out.push((path.clone(), method.clone(), id.to_owned()));
                }
            }
        }
        out
    }

    /// The places outside operation `id` whose type name differs between `full` and `reduced`.
    fn renamed_elsewhere(
        id: &str,
        full: &BTreeMap<String, String>,
        reduced: &BTreeMap<String, String>,
    ) -> Vec<String> {
        let own = format!("{id} ");
        reduced
            .iter()
            .filter(|(place, _)| !place.starts_with(&own))
            .filter_map(|(place, ty)| {
                let old = full.get(place)?;
                (old != ty).then(|| format!("without {id}: {place}: {old} -> {ty}"))
            })
            .collect()
    }

    #[test]
    fn removing_an_operation_renames_no_type_elsewhere() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/logto");
        if !dir.is_dir() {
            eprintln!(
                "notice: {} not found; skipping the name-stability check on Logto's served documents",
                dir.display()
            );
            return;
        }
        let doc = logto_api_codegen::load::load_file(&dir.join(SERVED), SERVED).expect("loads");
        let full = paths_of(&doc);
        let operations = operations(&doc);
        assert!(operations.len() >= 359, "{} operations", operations.len());
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let renamed: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = operations
                .chunks(operations.len().div_ceil(workers))
                .map(|ops| {
                    let (doc, full) = (&doc, &full);
                    s.spawn(move || {
                        ops.iter()
                            .flat_map(|(path, method, id)| {
                                renamed_elsewhere(id, full, &paths_of(&without(doc, path, method)))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("worker"))
                .collect()
        });
        assert!(
            renamed.is_empty(),
            "{} renamed:\n{}",
            renamed.len(),
            renamed.join("\n")
        );
    }

    /// The check sees a rename: a type named after whichever operation came first (what the
    /// generator did before issue 11) is caught.
    #[test]
    fn a_rename_elsewhere_is_reported() {
        let full = BTreeMap::from([
            (
                "ListUsers response []".to_owned(),
                "GetUserResponse".to_owned(),
            ),
            ("GetUser response".to_owned(), "GetUserResponse".to_owned()),
        ]);
        let reduced = BTreeMap::from([(
            "ListUsers response []".to_owned(),
            "ListUsersResponseItem".to_owned(),
        )]);
        assert_eq!(
            renamed_elsewhere("GetUser", &full, &reduced),
            ["without GetUser: ListUsers response []: GetUserResponse -> ListUsersResponseItem"]
        );
        assert!(renamed_elsewhere("ListUsers", &full, &reduced).is_empty());
    }
}
