//! The documents in `../shared/cases/openapi/` (third-party material, read in place, never
//! copied): each reproduces a construct other generators got wrong. Here each is generated and
//! its IR checked against what the case must give; `.ci/run` also compiles them all with
//! warnings denied (`cargo xtask check-spec`), and `schemas.rs` drives the same constructs, in
//! fixtures of our own, with real values. Skipped with a notice when `../shared` is absent.

use logto_api_codegen::ir::{Api, Field, Struct, TypeDef, TypeKind, TypeRef};
use std::path::PathBuf;

fn case(name: &str) -> Option<Api> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/cases/openapi"
    ));
    let path = dir.join(name);
    if !path.exists() {
        logto_api_tests::notice(&format!(
            "{} not found; skipping the case (the third-party cases live beside the clone)",
            path.display()
        ));
        return None;
    }
    let tokens = logto_api_codegen::generate_file(&path, name, &Default::default())
        .unwrap_or_else(|d| panic!("{name} does not generate:\n{d}"));
    logto_api_codegen::pretty(&tokens).unwrap_or_else(|e| panic!("{name}: invalid Rust: {e}"));
    Some(logto_api_codegen::lower_file(&path, name).expect("lowers"))
}

fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

fn object<'a>(api: &'a Api, name: &str) -> &'a Struct {
    match &def(api, name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn field<'a>(s: &'a Struct, wire: &str) -> &'a Field {
    s.fields.iter().find(|f| f.wire == wire).expect("field")
}

#[test]
fn a_string_wrapped_in_all_of_is_a_string() {
    let Some(api) = case("anyof-string-wrapped-in-allof.json") else {
        return;
    };
    let note = field(object(&api, "ParcelRequest"), "note");
    assert_eq!((note.ty.clone(), note.required), (TypeRef::String, true));
}

#[test]
fn required_in_another_part_is_required() {
    let Some(api) = case("allof-required-in-other-part.json") else {
        return;
    };
    let new = object(&api, "PetNew");
    assert!(field(new, "name").required && field(new, "name").ty == TypeRef::String);
    let created = object(&api, "PetCreated");
    assert!(field(created, "id").required && field(created, "name").required);
}

#[test]
fn required_only_branches_keep_the_typed_struct() {
    let Some(api) = case("properties-with-required-only-anyof.json") else {
        return;
    };
    let licence = object(&api, "Licence");
    let fields: Vec<_> = licence
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), f.ty.clone(), f.required))
        .collect();
    assert_eq!(
        fields,
        [
            ("code", TypeRef::String, false),
            ("file", TypeRef::String, false),
            ("label", TypeRef::String, false)
        ]
    );
}

#[test]
fn recursion_through_a_union_gets_a_box() {
    let Some(api) = case("recursion-through-oneof.json") else {
        return;
    };
    let boxed = api.types.iter().any(|t| match &t.kind {
        TypeKind::Union(u) => u.variants.iter().any(|v| matches!(v.ty, TypeRef::Boxed(_))),
        TypeKind::Struct(s) => s.fields.iter().any(|f| matches!(f.ty, TypeRef::Boxed(_))),
        _ => false,
    });
    assert!(boxed);
}

#[test]
fn the_discriminator_decides_the_branch() {
    let Some(api) = case("discriminator-same-required.json") else {
        return;
    };
    let TypeKind::Union(pet) = &def(&api, "Pet").kind else {
        panic!("Pet is not a union")
    };
    assert_eq!(pet.tag.as_deref(), Some("petType"));
    let variants: Vec<_> = pet
        .variants
        .iter()
        .map(|v| (v.tag_value.as_deref(), v.ty.clone()))
        .collect();
    assert_eq!(
        variants,
        [
            (Some("cat"), TypeRef::Named("Cat".into())),
            (Some("dog"), TypeRef::Named("Dog".into()))
        ]
    );
    assert!(object(&api, "Dog").fields.iter().any(|f| f.wire == "barks"));
}

#[test]
fn uint64_is_u64() {
    let Some(api) = case("integer-uint64.json") else {
        return;
    };
    assert_eq!(field(object(&api, "Disk"), "size").ty, TypeRef::UInt64);
}

#[test]
fn a_self_referencing_array_is_defined() {
    let Some(api) = case("self-referencing-array.json") else {
        return;
    };
    let TypeKind::Newtype(inner) = &def(&api, "A").kind else {
        panic!("A is not defined as a newtype")
    };
    assert_eq!(*inner, TypeRef::List(Box::new(TypeRef::Named("A".into()))));
}
