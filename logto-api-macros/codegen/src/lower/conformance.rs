//! One small document per construct of issue 10's schema rules, lowered and checked on the IR.
//! Behaviour on the wire (decoding real values) is tested in `tests/tests/schemas.rs` with the
//! same constructs compiled into a client.

use crate::ir::{Api, Field, Struct, TypeDef, TypeKind, TypeRef};

/// Lowers a document whose components are `schemas` and whose one operation answers with
/// `answer` (a schema, usually a `$ref`).
fn lower(schemas: &str, answer: &str) -> Result<Api, crate::diag::Diagnostics> {
    let doc = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/x":{{"get":{{
        "operationId":"GetThing","responses":{{"200":{{"description":"ok",
        "content":{{"application/json":{{"schema":{answer}}}}}}}}}}}}}}},
        "components":{{"schemas":{schemas}}}}}"#
    );
    let doc = crate::load::load_str("t.json", &doc).expect("loads");
    super::lower(&doc)
}

fn lowered(schemas: &str, answer: &str) -> Api {
    lower(schemas, answer).unwrap_or_else(|d| panic!("does not lower:\n{d}"))
}

fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| {
            let names: Vec<_> = api.types.iter().map(|t| t.name.as_str()).collect();
            panic!("no type {name} among {names:?}")
        })
}

fn object<'a>(api: &'a Api, name: &str) -> &'a Struct {
    match &def(api, name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn field<'a>(s: &'a Struct, wire: &str) -> &'a Field {
    s.fields
        .iter()
        .find(|f| f.wire == wire)
        .unwrap_or_else(|| panic!("no field {wire}"))
}

fn answer(api: &Api) -> &TypeRef {
    match &api.operations().next().expect("one operation").output {
        crate::ir::Output::Json(t) => t,
        other => panic!("not JSON: {other:?}"),
    }
}

#[test]
fn all_of_a_string_is_that_string() {
    let api = lowered(
        r##"{"Memo":{"type":"string"},"Checksum":{"type":"string","pattern":"^[0-9a-f]+$"},
        "Note":{"type":"object","required":["text"],"properties":{"text":{"anyOf":[
          {"title":"Full","type":"string","allOf":[{"$ref":"#/components/schemas/Memo"}]},
          {"$ref":"#/components/schemas/Checksum"}]}}}}"##,
        r##"{"$ref":"#/components/schemas/Note"}"##,
    );
    let text = field(object(&api, "Note"), "text");
    assert_eq!(text.ty, TypeRef::String);
    assert!(text.required);
}

#[test]
fn all_of_a_named_enum_keeps_the_enum_and_takes_the_wrappers_nullable() {
    let api = lowered(
        r##"{"Colour":{"type":"string","enum":["red","blue"]},
        "Paint":{"type":"object","properties":{"colour":{"nullable":true,"description":"d",
          "allOf":[{"$ref":"#/components/schemas/Colour"}]}}}}"##,
        r##"{"$ref":"#/components/schemas/Paint"}"##,
    );
    let colour = field(object(&api, "Paint"), "colour");
    assert_eq!(colour.ty, TypeRef::Named("Colour".into()));
    assert!(colour.nullable);
    assert_eq!(colour.doc.as_deref(), Some("d"));
}

#[test]
fn required_from_any_part_or_beside_all_of_applies_to_the_merged_object() {
    let api = lowered(
        r##"{"Draft":{"type":"object","properties":{"title":{"type":"string"},"body":{"type":"string"}}},
        "NewPost":{"allOf":[{"$ref":"#/components/schemas/Draft"},{"type":"object","required":["title"]}]},
        "Post":{"allOf":[{"$ref":"#/components/schemas/Draft"},
          {"allOf":[{"type":"object","properties":{"id":{"type":"integer","format":"int64"}}}]}],
          "required":["id","title"]},
        "Both":{"type":"object","properties":{"a":{"$ref":"#/components/schemas/NewPost"},
          "b":{"$ref":"#/components/schemas/Post"}}}}"##,
        r##"{"$ref":"#/components/schemas/Both"}"##,
    );
    let new = object(&api, "NewPost");
    assert!(field(new, "title").required && !field(new, "body").required);
    let post = object(&api, "Post");
    assert!(field(post, "id").required && field(post, "title").required);
    assert!(!field(post, "body").required);
    assert_eq!(field(post, "id").ty, TypeRef::Integer);
}

#[test]
fn parts_that_cannot_intersect_name_both_pointers() {
    let err = lower(
        r##"{"Code":{"type":"string"},"Bad":{"allOf":[{"$ref":"#/components/schemas/Code"},
          {"type":"object","properties":{"x":{"type":"string"}}}]}}"##,
        r##"{"$ref":"#/components/schemas/Bad"}"##,
    )
    .expect_err("refused")
    .to_string();
    assert!(err.contains("/components/schemas/Bad/allOf/0"), "{err}");
    assert!(err.contains("/components/schemas/Bad/allOf/1"), "{err}");
    let err = lower(
        r##"{"Bad":{"type":"object","properties":{"p":{"allOf":[{"type":"integer"},{"type":"string"}]}}}}"##,
        r##"{"$ref":"#/components/schemas/Bad"}"##,
    )
    .expect_err("refused")
    .to_string();
    assert!(
        err.contains("p/allOf/0") && err.contains("p/allOf/1"),
        "{err}"
    );
}

#[test]
fn an_all_of_that_includes_itself_is_a_diagnostic() {
    let err = lower(
        r##"{"Loop":{"allOf":[{"$ref":"#/components/schemas/Loop"}]}}"##,
        r##"{"$ref":"#/components/schemas/Loop"}"##,
    )
    .expect_err("refused")
    .to_string();
    assert!(err.contains("itself"), "{err}");
    let err = lower(
        r##"{"A":{"$ref":"#/components/schemas/B"},"B":{"$ref":"#/components/schemas/A"}}"##,
        r##"{"$ref":"#/components/schemas/A"}"##,
    )
    .expect_err("refused")
    .to_string();
    assert!(err.contains("cycle"), "{err}");
}

#[test]
fn branches_that_only_require_keep_the_typed_struct() {
    let api = lowered(
        r##"{"Badge":{"type":"object","anyOf":[{"required":["slug"]},{"required":["url"]}],
          "properties":{"slug":{"type":"string"},"url":{"type":"string"},"caption":{"type":"string"}}}}"##,
        r##"{"$ref":"#/components/schemas/Badge"}"##,
    );
    let badge = object(&api, "Badge");
    let wires: Vec<_> = badge
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), f.required))
        .collect();
    assert_eq!(wires, [("slug", false), ("url", false), ("caption", false)]);
}

#[test]
fn branches_with_their_own_properties_carry_the_parents() {
    let api = lowered(
        r##"{"Shape":{"type":"object","required":["id"],"properties":{"id":{"type":"string"}},
          "oneOf":[{"type":"object","required":["radius"],"properties":{"radius":{"type":"number"}}},
                   {"type":"object","required":["side"],"properties":{"side":{"type":"number"}}}]}}"##,
        r##"{"$ref":"#/components/schemas/Shape"}"##,
    );
    let TypeKind::Union(u) = &def(&api, "Shape").kind else {
        panic!("not a union")
    };
    assert_eq!(u.variants.len(), 2);
    for v in &u.variants {
        let TypeRef::Named(name) = &v.ty else {
            panic!("variant {} is {:?}", v.name, v.ty)
        };
        let s = object(&api, name);
        assert!(field(s, "id").required, "{name} carries the parent's `id`");
    }
}

#[test]
fn a_discriminator_tags_by_mapping_or_component_name() {
    let api = lowered(
        r##"{"Animal":{"oneOf":[{"$ref":"#/components/schemas/Hen"},{"$ref":"#/components/schemas/Goat"},
          {"$ref":"#/components/schemas/Owl"}],
          "discriminator":{"propertyName":"kind","mapping":{"hen":"#/components/schemas/Hen","goat":"Goat"}}},
        "Hen":{"type":"object","required":["kind"],"properties":{"kind":{"type":"string"},"eggs":{"type":"integer"}}},
        "Goat":{"type":"object","required":["kind"],"properties":{"kind":{"type":"string"},"horns":{"type":"boolean"}}},
        "Owl":{"type":"object","required":["kind"],"properties":{"kind":{"type":"string"},"eggs":{"type":"integer"}}}}"##,
        r##"{"$ref":"#/components/schemas/Animal"}"##,
    );
    let TypeKind::Union(u) = &def(&api, "Animal").kind else {
        panic!("not a union")
    };
    assert_eq!(u.tag.as_deref(), Some("kind"));
    let variants: Vec<_> = u
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_value.as_deref(), &v.ty))
        .collect();
    assert_eq!(
        variants,
        [
            ("Hen", Some("hen"), &TypeRef::Named("Hen".into())),
            ("Goat", Some("goat"), &TypeRef::Named("Goat".into())),
            ("Owl", Some("Owl"), &TypeRef::Named("Owl".into())),
        ]
    );
    assert!(
        object(&api, "Hen").fields.iter().any(|f| f.wire == "kind"),
        "branches keep their fields"
    );
}

#[test]
fn recursion_through_a_union_is_boxed_and_a_self_referencing_list_is_a_newtype() {
    let api = lowered(
        r##"{"Chain":{"type":"object","required":["label"],"properties":{"label":{"type":"string"},
          "next":{"oneOf":[{"type":"boolean"},{"$ref":"#/components/schemas/Chain"}]}}},
        "Tree":{"type":"array","items":{"$ref":"#/components/schemas/Tree"}},
        "Dict":{"type":"object","additionalProperties":{"$ref":"#/components/schemas/Dict"}},
        "All":{"type":"object","properties":{"c":{"$ref":"#/components/schemas/Chain"},
          "t":{"$ref":"#/components/schemas/Tree"},"d":{"$ref":"#/components/schemas/Dict"}}}}"##,
        r##"{"$ref":"#/components/schemas/All"}"##,
    );
    let boxed = api.types.iter().any(|t| match &t.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| matches!(f.ty, TypeRef::Boxed(_))),
        TypeKind::Union(u) => u.variants.iter().any(|v| matches!(v.ty, TypeRef::Boxed(_))),
        _ => false,
    });
    assert!(boxed, "the Chain -> union -> Chain cycle has a Box");
    let TypeKind::Newtype(tree) = &def(&api, "Tree").kind else {
        panic!("Tree is not a newtype")
    };
    assert_eq!(
        *tree,
        TypeRef::List(Box::new(TypeRef::Named("Tree".into())))
    );
    let TypeKind::Newtype(dict) = &def(&api, "Dict").kind else {
        panic!("Dict is not a newtype")
    };
    assert_eq!(*dict, TypeRef::Map(Box::new(TypeRef::Named("Dict".into()))));
}

#[test]
fn boxes_are_chosen_by_the_graph_not_the_visiting_order() {
    let schemas = r##"{"Alpha":{"type":"object","properties":{"beta":{"$ref":"#/components/schemas/Beta"}}},
        "Beta":{"type":"object","properties":{"alpha":{"$ref":"#/components/schemas/Alpha"}}}}"##;
    let boxed = |api: &Api| -> Vec<String> {
        let mut out: Vec<String> = api
            .types
            .iter()
            .flat_map(|t| match &t.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .filter(|f| matches!(f.ty, TypeRef::Boxed(_)))
                    .map(|f| format!("{}.{}", t.name, f.wire))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        out.sort();
        out
    };
    let from_alpha = boxed(&lowered(
        schemas,
        r##"{"$ref":"#/components/schemas/Alpha"}"##,
    ));
    let from_beta = boxed(&lowered(
        schemas,
        r##"{"$ref":"#/components/schemas/Beta"}"##,
    ));
    assert_eq!(from_alpha, ["Beta.alpha"]);
    assert_eq!(from_alpha, from_beta);
}

#[test]
fn formats_pick_the_number_type() {
    let api = lowered(
        r##"{"Sizes":{"type":"object","properties":{
          "a":{"type":"integer","format":"int32"},"b":{"type":"integer","format":"int64"},
          "c":{"type":"integer","format":"uint32"},"d":{"type":"integer","format":"uint64"},
          "e":{"type":"number","format":"float"},"f":{"type":"number","format":"double"},
          "g":{"type":"integer"},"h":{"type":"number"},"i":{"type":"integer","format":"weird"}}}}"##,
        r##"{"$ref":"#/components/schemas/Sizes"}"##,
    );
    let s = object(&api, "Sizes");
    let types: Vec<_> = s.fields.iter().map(|f| f.ty.clone()).collect();
    use TypeRef::*;
    assert_eq!(
        types,
        [Int32, Integer, UInt32, UInt64, Float, Number, Integer, Number, Integer]
    );
    assert!(matches!(answer(&api), Named(_)));
}

/// A union of numbers is one number type that holds every branch's values.
#[test]
fn a_union_of_numbers_is_the_type_that_holds_them_all() {
    let one_of = |formats: &[&str]| {
        let branches: Vec<std::string::String> = formats
            .iter()
            .map(|f| match *f {
                "number" => r#"{"type":"number"}"#.to_owned(),
                f => format!(r#"{{"type":"integer","format":"{f}"}}"#),
            })
            .collect();
        let schemas = format!(
            r#"{{"N":{{"type":"object","required":["n"],"properties":{{"n":{{"oneOf":[{}]}}}}}}}}"#,
            branches.join(",")
        );
        let api = lowered(&schemas, r##"{"$ref":"#/components/schemas/N"}"##);
        field(object(&api, "N"), "n").ty.clone()
    };
    use TypeRef::*;
    assert_eq!(one_of(&["int32", "int64"]), Integer);
    assert_eq!(one_of(&["int32", "uint32"]), Integer);
    assert_eq!(one_of(&["uint32", "uint64"]), UInt64);
    assert_eq!(one_of(&["int32", "int32"]), Int32);
    // Neither `i64` nor `u64` holds the other, and a fraction needs a float.
    assert_eq!(one_of(&["int64", "uint64"]), Number);
    assert_eq!(one_of(&["int32", "number"]), Number);
}

#[test]
fn unixtime_ms_integers_are_timestamps() {
    let api = lowered(
        r##"{"Times":{"type":"object","required":["at"],"properties":{
          "at":{"type":"integer","format":"unixtime-ms"},
          "seen":{"type":"integer","format":"unixtime-ms","nullable":true},
          "list":{"type":"array","items":{"type":"integer","format":"unixtime-ms"}},
          "fraction":{"type":"number","format":"unixtime-ms"},
          "seconds":{"type":"integer","format":"unixtime"},
          "either":{"oneOf":[{"type":"integer","format":"unixtime-ms"},{"type":"string"}]}}}}"##,
        r##"{"$ref":"#/components/schemas/Times"}"##,
    );
    let s = object(&api, "Times");
    use TypeRef::*;
    assert_eq!(field(s, "at").ty, Timestamp);
    assert!(field(s, "at").required);
    assert_eq!(field(s, "seen").ty, Timestamp);
    assert!(field(s, "seen").nullable);
    assert_eq!(field(s, "list").ty, List(Box::new(Timestamp)));
    // A number may carry a fraction, and other formats keep today's types.
    assert_eq!(field(s, "fraction").ty, Number);
    assert_eq!(field(s, "seconds").ty, Integer);
    // In an untagged union it is tried first, like the integers, and names its variant.
    let TypeRef::Named(either) = &field(s, "either").ty else {
        panic!("a union type")
    };
    let TypeKind::Union(u) = &def(&api, either).kind else {
        panic!("{either} is not a union")
    };
    let variants: Vec<_> = u
        .variants
        .iter()
        .map(|v| (v.name.as_str(), &v.ty))
        .collect();
    assert_eq!(variants[0], ("Timestamp", &Timestamp));
}

#[test]
fn timestamps_emit_the_runtime_type() {
    let api = lowered(
        r##"{"Times":{"type":"object","required":["at"],"properties":{
          "at":{"type":"integer","format":"unixtime-ms"},
          "seen":{"type":"integer","format":"unixtime-ms","nullable":true}}}}"##,
        r##"{"$ref":"#/components/schemas/Times"}"##,
    );
    let source = crate::pretty(&crate::emit::emit(&api, &Default::default())).expect("parses");
    assert!(
        source.contains("pub at: ::logto_api::Timestamp,"),
        "{source}"
    );
    assert!(
        source.contains("pub seen: Option<::logto_api::Timestamp>,"),
        "{source}"
    );
    // `Timestamp` has a `Default` (the epoch), so the struct keeps deriving one.
    assert!(source.contains("Default"), "{source}");
}

#[test]
fn a_base_with_a_discriminator_is_the_union_of_what_extends_it() {
    let api = lowered(
        r##"{"Vehicle":{"type":"object","required":["kind"],"properties":{"kind":{"type":"string"},
          "wheels":{"type":"integer"}},"discriminator":{"propertyName":"kind","mapping":{"bike":"#/components/schemas/Bike"}}},
        "Bike":{"allOf":[{"$ref":"#/components/schemas/Vehicle"},{"type":"object","properties":{"bell":{"type":"boolean"}}}]},
        "Car":{"allOf":[{"$ref":"#/components/schemas/Vehicle"},{"type":"object","properties":{"doors":{"type":"integer"}}}]}}"##,
        r##"{"$ref":"#/components/schemas/Vehicle"}"##,
    );
    let TypeKind::Union(u) = &def(&api, "Vehicle").kind else {
        panic!("Vehicle is not a union")
    };
    let variants: Vec<_> = u
        .variants
        .iter()
        .map(|v| (v.tag_value.as_deref(), v.ty.clone()))
        .collect();
    assert_eq!(
        variants,
        [
            (Some("bike"), TypeRef::Named("Bike".into())),
            (Some("Car"), TypeRef::Named("Car".into()))
        ]
    );
    let bike = object(&api, "Bike");
    assert!(field(bike, "kind").required && field(bike, "wheels").ty == TypeRef::Integer);
    assert_eq!(field(bike, "bell").ty, TypeRef::Bool);
}

#[test]
fn a_default_answer_is_the_success_answer_when_no_success_status_is_listed() {
    let doc = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/x":{"get":{
        "operationId":"GetThing","responses":{"default":{"description":"any",
        "content":{"application/json":{"schema":{"type":"object","properties":{"n":{"type":"integer"}}}}}}}}}}}"##;
    let doc = crate::load::load_str("t.json", doc).expect("loads");
    let api = super::lower(&doc).expect("lowers");
    let op = api.operations().next().expect("one operation");
    assert!(
        matches!(op.output, crate::ir::Output::Json(TypeRef::Named(_))),
        "{:?}",
        op.output
    );
    assert_eq!(op.responses[0].covers, (200, 299));
}

#[test]
fn every_back_edge_of_a_type_is_boxed() {
    let api = lowered(
        r##"{"Node":{"type":"object","required":["left"],"properties":{
          "left":{"$ref":"#/components/schemas/Node"},"right":{"$ref":"#/components/schemas/Node"},
          "label":{"type":"string"}}}}"##,
        r##"{"$ref":"#/components/schemas/Node"}"##,
    );
    let node = object(&api, "Node");
    for wire in ["left", "right"] {
        assert_eq!(
            field(node, wire).ty,
            TypeRef::Boxed(Box::new(TypeRef::Named("Node".into()))),
            "{wire}"
        );
    }
}

#[test]
fn null_in_items_map_values_and_answers_is_an_option() {
    let api = lowered(
        r##"{"Bag":{"type":"object","properties":{
          "names":{"type":"array","items":{"type":"string","nullable":true}},
          "counts":{"type":"object","additionalProperties":{"type":"integer","nullable":true}}}}}"##,
        r##"{"type":"object","nullable":true,"properties":{"bag":{"$ref":"#/components/schemas/Bag"}}}"##,
    );
    let bag = object(&api, "Bag");
    let nullable = |t: TypeRef| TypeRef::Nullable(Box::new(t));
    assert_eq!(
        field(bag, "names").ty,
        TypeRef::List(Box::new(nullable(TypeRef::String)))
    );
    assert_eq!(
        field(bag, "counts").ty,
        TypeRef::Map(Box::new(nullable(TypeRef::Integer)))
    );
    assert!(matches!(answer(&api), TypeRef::Nullable(_)));
}

#[test]
fn an_all_of_part_that_is_a_union_is_kept() {
    let api = lowered(
        r##"{"Cat":{"type":"object","required":["meow"],"properties":{"meow":{"type":"string"}}},
        "Dog":{"type":"object","required":["bark"],"properties":{"bark":{"type":"string"}}},
        "Pet":{"allOf":[{"type":"object","required":["id"],"properties":{"id":{"type":"string"}}},
          {"oneOf":[{"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Dog"}]}]}}"##,
        r##"{"$ref":"#/components/schemas/Pet"}"##,
    );
    let TypeKind::Union(u) = &def(&api, "Pet").kind else {
        panic!("Pet is not a union")
    };
    assert_eq!(u.variants.len(), 2);
    for v in &u.variants {
        let TypeRef::Named(name) = &v.ty else {
            panic!("{:?}", v.ty)
        };
        assert!(
            field(object(&api, name), "id").required,
            "{name} carries `id`"
        );
    }
}

#[test]
fn a_nullable_reference_to_a_discriminated_base_stays_the_union() {
    let api = lowered(
        r##"{"Pet":{"type":"object","required":["petType"],"properties":{"petType":{"type":"string"}},
          "discriminator":{"propertyName":"petType"}},
        "Cat":{"allOf":[{"$ref":"#/components/schemas/Pet"},{"type":"object","properties":{"meow":{"type":"string"}}}]},
        "MaybePet":{"allOf":[{"$ref":"#/components/schemas/Pet"}],"nullable":true},
        "Owner":{"type":"object","properties":{"pet":{"allOf":[{"$ref":"#/components/schemas/Pet"}],"nullable":true},
          "maybe":{"$ref":"#/components/schemas/MaybePet"}}}}"##,
        r##"{"$ref":"#/components/schemas/Owner"}"##,
    );
    let owner = object(&api, "Owner");
    assert_eq!(field(owner, "pet").ty, TypeRef::Named("Pet".into()));
    assert!(field(owner, "pet").nullable);
    let TypeKind::Union(u) = &def(&api, "Pet").kind else {
        panic!("Pet is not a union")
    };
    let values: Vec<_> = u.variants.iter().map(|v| v.tag_value.as_deref()).collect();
    assert_eq!(
        values,
        [Some("Cat")],
        "an alias of the base is not an extension of it"
    );
}

#[test]
fn a_property_two_parts_describe_is_their_intersection() {
    let api = lowered(
        r##"{"M":{"allOf":[
          {"type":"object","properties":{"o":{"type":"object","required":["x"],"properties":{"x":{"type":"string"}}}}},
          {"type":"object","properties":{"o":{"type":"object","required":["y"],"properties":{"y":{"type":"string"}}}}}]}}"##,
        r##"{"$ref":"#/components/schemas/M"}"##,
    );
    let TypeRef::Named(o) = &field(object(&api, "M"), "o").ty else {
        panic!("o is not a named type")
    };
    let o = object(&api, o);
    assert!(field(o, "x").required && field(o, "y").required);
}

#[test]
fn discriminator_values_never_repeat() {
    let schemas = |mapping: &str| {
        format!(
            r##"{{"Cat":{{"type":"object","properties":{{"kind":{{"type":"string"}}}}}},
            "Dog":{{"type":"object","properties":{{"kind":{{"type":"string"}}}}}},
            "Pet":{{"oneOf":[{{"$ref":"#/components/schemas/Cat"}},{{"$ref":"#/components/schemas/Dog"}}],
              "discriminator":{{"propertyName":"kind","mapping":{mapping}}}}}}}"##
        )
    };
    // An explicit mapping takes the value from the component named like it.
    let api = lowered(
        &schemas(r##"{"Cat":"#/components/schemas/Dog"}"##),
        r##"{"$ref":"#/components/schemas/Pet"}"##,
    );
    let TypeKind::Union(u) = &def(&api, "Pet").kind else {
        panic!("Pet is not a union")
    };
    let variants: Vec<_> = u
        .variants
        .iter()
        .map(|v| (v.tag_value.as_deref(), v.ty.clone()))
        .collect();
    assert_eq!(variants, [(Some("Cat"), TypeRef::Named("Dog".into()))]);
    // The same branch twice: a diagnostic, not two match arms for one value.
    let err = lower(
        r##"{"Cat":{"type":"object","properties":{"kind":{"type":"string"}}},
        "Pet":{"oneOf":[{"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Cat"}],
          "discriminator":{"propertyName":"kind"}}}"##,
        r##"{"$ref":"#/components/schemas/Pet"}"##,
    )
    .expect_err("refused")
    .to_string();
    assert!(err.contains("already used"), "{err}");
    let err = lower(
        r##"{"Code":{"type":"string"},"Pet":{"oneOf":[{"$ref":"#/components/schemas/Code"}],
          "discriminator":{"propertyName":"kind"}}}"##,
        r##"{"$ref":"#/components/schemas/Pet"}"##,
    )
    .expect_err("refused")
    .to_string();
    assert!(
        err.contains("must be an object") && err.contains("/oneOf/0"),
        "{err}"
    );
}

#[test]
fn ref_branches_beside_properties_keep_their_discriminator_values() {
    let api = lowered(
        r##"{"Cat":{"type":"object","properties":{"meow":{"type":"string"}}},
        "Dog":{"type":"object","properties":{"bark":{"type":"string"}}},
        "Pet":{"type":"object","properties":{"id":{"type":"string"},"kind":{"type":"string"}},
          "oneOf":[{"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Dog"}],
          "discriminator":{"propertyName":"kind","mapping":{"c":"#/components/schemas/Cat"}}}}"##,
        r##"{"$ref":"#/components/schemas/Pet"}"##,
    );
    let TypeKind::Union(u) = &def(&api, "Pet").kind else {
        panic!("Pet is not a union")
    };
    let values: Vec<_> = u.variants.iter().map(|v| v.tag_value.as_deref()).collect();
    assert_eq!(values, [Some("c"), Some("Dog")]);
    let TypeRef::Named(cat) = &u.variants[0].ty else {
        panic!()
    };
    let cat = object(&api, cat);
    assert!(
        cat.fields.iter().any(|f| f.wire == "id") && cat.fields.iter().any(|f| f.wire == "meow")
    );
}

#[test]
fn odd_but_valid_documents_are_accepted() {
    // A recursive alias through a list.
    let api = lowered(
        r##"{"AliasA":{"$ref":"#/components/schemas/AliasB"},"AliasB":{"type":"array","items":{"$ref":"#/components/schemas/AliasA"}}}"##,
        r##"{"$ref":"#/components/schemas/AliasA"}"##,
    );
    assert!(matches!(def(&api, "AliasB").kind, TypeKind::Newtype(_)));
    // A string that must also satisfy a union of string and integer is a string.
    let api = lowered(
        r##"{"SI":{"oneOf":[{"type":"string"},{"type":"integer"}]},
        "X":{"type":"object","properties":{"x":{"allOf":[{"$ref":"#/components/schemas/SI"},{"type":"string"}]}}}}"##,
        r##"{"$ref":"#/components/schemas/X"}"##,
    );
    assert_eq!(field(object(&api, "X"), "x").ty, TypeRef::String);
    // `Self` as a name is spelled so that the case lints accept it.
    let api = lowered(
        r##"{"Self":{"type":"string","enum":["self","Self"]}}"##,
        r##"{"$ref":"#/components/schemas/Self"}"##,
    );
    let TypeKind::Enum(values) = &def(&api, "SelfType").kind else {
        panic!()
    };
    assert!(values.iter().all(|v| !v.name.contains('_')), "{values:?}");
}

#[test]
fn shared_all_of_bases_are_flattened_once() {
    // D_i = allOf[D_i+1, E_i+1], E_i = allOf[D_i+1, {e_i}]: 2^40 paths, a few hundred parts.
    let n = 40;
    let mut schemas = Vec::new();
    for i in 0..n {
        let (d, e) = (format!("D{}", i + 1), format!("E{}", i + 1));
        schemas.push(format!(r##""D{i}":{{"allOf":[{{"$ref":"#/components/schemas/{d}"}},{{"$ref":"#/components/schemas/{e}"}}]}}"##));
        schemas.push(format!(r##""E{i}":{{"allOf":[{{"$ref":"#/components/schemas/{d}"}},{{"type":"object","properties":{{"e{i}":{{"type":"string"}}}}}}]}}"##));
    }
    schemas.push(format!(
        r#""D{n}":{{"type":"object","properties":{{"d":{{"type":"string"}}}}}}"#
    ));
    schemas.push(format!(
        r#""E{n}":{{"type":"object","properties":{{"e":{{"type":"string"}}}}}}"#
    ));
    let api = lowered(
        &format!("{{{}}}", schemas.join(",")),
        r##"{"$ref":"#/components/schemas/D0"}"##,
    );
    // Exponential work would not finish: this returning at all is the check.
    assert!(object(&api, "D0").fields.len() > n);
}

#[test]
fn headers_the_spec_reserves_are_ignored_and_cookie_names_are_checked() {
    let doc = |params: &str| {
        format!(
            r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/x":{{"get":{{
            "operationId":"GetThing","parameters":{params},"responses":{{"204":{{"description":"ok"}}}}}}}}}}}}"#
        )
    };
    let text = doc(
        r#"[{"name":"Authorization","in":"header","schema":{"type":"string"}},
        {"name":"accept","in":"header","schema":{"type":"string"}},
        {"name":"Content-Type","in":"header","schema":{"type":"string"}},
        {"name":"X-Trace","in":"header","schema":{"type":"string"}}]"#,
    );
    let loaded = crate::load::load_str("t.json", &text).expect("loads");
    let api = super::lower(&loaded).expect("lowers");
    let wires: Vec<_> = api
        .operations()
        .next()
        .unwrap()
        .params
        .iter()
        .map(|p| p.wire.as_str())
        .collect();
    assert_eq!(wires, ["X-Trace"]);
    let text = doc(r#"[{"name":"ck;x=y","in":"cookie","schema":{"type":"string"}}]"#);
    let loaded = crate::load::load_str("t.json", &text).expect("loads");
    let err = super::lower(&loaded).expect_err("refused").to_string();
    assert!(
        err.contains("/paths/~1x/get/parameters/0") && err.contains("cookie"),
        "{err}"
    );
}
