//! The names lowering decides, one scope at a time: every clash is resolved, and the same
//! document always gives the same names.

use crate::ir::{Api, Operation, TypeKind, TypeRef};

fn lower(paths: &str, schemas: &str) -> Api {
    let doc = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{{paths}}},
        "components":{{"schemas":{{{schemas}}}}}}}"#
    );
    let doc = crate::load::load_str("names.json", &doc).expect("loads");
    crate::lower::lower(&doc).expect("lowers")
}

/// An operation at `path` with `method`, id and tag, answering 204.
fn op(path: &str, method: &str, id: &str, tag: &str) -> String {
    format!(
        r#""{path}":{{"{method}":{{"operationId":"{id}","tags":["{tag}"],
        "responses":{{"204":{{"description":"none"}}}}}}}}"#
    )
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

fn doc_of<'a>(api: &'a Api, name: &str) -> Option<&'a str> {
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
        .doc
        .as_deref()
}

#[test]
fn operation_ids_differing_in_case_get_distinct_methods() {
    let paths = [
        op("/a", "get", "getUser", "t"),
        op("/b", "get", "get_user", "t"),
        op("/c", "get", "GetUser", "other"),
    ]
    .join(",");
    let api = lower(&paths, "");
    let names = |id: &str| {
        let o = operation(&api, id);
        (o.method_name.as_str(), o.builder.as_str())
    };
    assert_eq!(names("getUser"), ("get_user", "GetUserBuilder"));
    assert_eq!(names("get_user"), ("get_user2", "GetUserBuilder2"));
    // Another group is another scope for methods; builders share the `calls` module.
    assert_eq!(names("GetUser"), ("get_user", "GetUserBuilder3"));
}

#[test]
fn per_status_enums_share_the_calls_namespace() {
    let answers = r#""responses":{"200":{"description":"a","content":{"application/json":{"schema":{"type":"integer"}}}},
        "202":{"description":"b","content":{"text/plain":{"schema":{"type":"string"}}}}}"#;
    let paths = format!(
        r#""/a":{{"get":{{"operationId":"getUser",{answers}}}}},"/b":{{"get":{{"operationId":"get_user",{answers}}}}}"#
    );
    let api = lower(&paths, "");
    let outcome = |id: &str| match &operation(&api, id).output {
        crate::ir::Output::PerStatus(name) => name.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(outcome("getUser"), "GetUserOutcome");
    assert_eq!(outcome("get_user"), "GetUserOutcome2");
}

#[test]
fn parameters_avoid_the_builders_own_names() {
    let params: Vec<String> = [
        "send",
        "body",
        "client",
        "stream",
        "new",
        "send_page",
        "clone",
        "into",
        "page",
    ]
    .iter()
    .map(|n| format!(r#"{{"name":"{n}","in":"query","schema":{{"type":"string"}}}}"#))
    .collect();
    let paths = format!(
        r#""/a":{{"get":{{"operationId":"GetA","parameters":[{}],"responses":{{"204":{{"description":"none"}}}}}}}}"#,
        params.join(",")
    );
    let api = lower(&paths, "");
    let names: Vec<(&str, &str)> = operation(&api, "GetA")
        .params
        .iter()
        .map(|p| (p.wire.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("send", "send2"),
            ("body", "body2"),
            ("client", "client2"),
            ("stream", "stream2"),
            ("new", "new2"),
            ("send_page", "send_page2"),
            ("clone", "clone2"),
            ("into", "into2"),
            ("page", "page"),
        ]
    );
}

#[test]
fn group_names_avoid_std_names_each_other_and_the_client() {
    let tags = [
        "String",
        "Vec",
        "Option",
        "Types",
        "ClientExt",
        "Into",
        "User roles",
        "user-roles",
        "Timeout",
        "new",
    ];
    let paths: Vec<String> = tags
        .iter()
        .enumerate()
        .map(|(i, tag)| op(&format!("/p{i}"), "get", &format!("Op{i}"), tag))
        .collect();
    let api = lower(&paths.join(","), "");
    let groups: Vec<(&str, &str)> = api
        .groups
        .iter()
        .map(|g| (g.accessor.as_str(), g.struct_name.as_str()))
        .collect();
    assert_eq!(
        groups,
        [
            ("string", "StringGroup"),
            ("vec", "VecGroup"),
            ("option", "OptionGroup"),
            ("types", "Types"),
            ("client_ext", "ClientExtGroup"),
            ("into2", "Into2"),
            ("user_roles", "UserRoles"),
            ("user_roles2", "UserRoles2"),
            ("timeout2", "Timeout2"),
            ("new2", "New2"),
        ]
    );
}

#[test]
fn methods_avoid_the_group_structs_own() {
    let paths = [
        op("/a", "get", "new", "t"),
        op("/b", "get", "clone", "t"),
        op("/c", "get", "fetch", "t"),
    ]
    .join(",");
    let api = lower(&paths, "");
    let methods: Vec<&str> = api.groups[0]
        .operations
        .iter()
        .map(|o| o.method_name.as_str())
        .collect();
    assert_eq!(methods, ["new2", "clone2", "fetch"]);
}

#[test]
fn a_component_keeps_its_name_when_an_inline_schema_comes_first() {
    // The answer is named after the operation's noun, `Customer`, and lowered before the
    // component it wraps.
    let paths = r##""/c":{"get":{"operationId":"GetCustomer","responses":{"200":{"description":"ok",
        "content":{"application/json":{"schema":{"oneOf":[{"$ref":"#/components/schemas/Customer"},
        {"type":"object","required":["note"],"properties":{"note":{"type":"string"}}}]}}}}}}}"##;
    let schemas = r#""Customer":{"type":"object","properties":{"id":{"type":"string"}}},
        "Value":{"type":"object","properties":{"n":{"type":"integer"}}}"#;
    let api = lower(paths, schemas);
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"Customer"), "{names:?}");
    assert!(!names.contains(&"Customer2"), "{names:?}");
    assert_eq!(
        operation(&api, "GetCustomer").output,
        crate::ir::Output::Json(TypeRef::Named("GetCustomerResponse".into()))
    );
}

#[test]
fn identical_enums_are_one_type_whatever_their_prose_nullable_or_extensions() {
    let schemas = r#""Lamp":{"type":"object","properties":{
        "glow":{"type":"string","enum":["on","off"],"description":"Now."},
        "dim":{"type":"string","enum":["on","off"],"nullable":true,"x-hint":"later"},
        "flash":{"type":"string","enum":["on","off"],"title":"Flash"}}}"#;
    let paths = r##""/l":{"get":{"operationId":"GetLamp","responses":{"200":{"description":"ok",
        "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Lamp"}}}}}}}"##;
    let api = lower(paths, schemas);
    let enums: Vec<&str> = api
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Enum(_)))
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(enums, ["LampGlow"]);
    let Some(TypeKind::Struct(lamp)) = api.types.iter().find(|t| t.name == "Lamp").map(|t| &t.kind)
    else {
        panic!("no struct Lamp")
    };
    let nullable: Vec<(&str, bool)> = lamp
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), f.nullable))
        .collect();
    assert_eq!(
        nullable,
        [("glow", false), ("dim", true), ("flash", false)],
        "nullable stays with the use"
    );
    assert!(lamp
        .fields
        .iter()
        .all(|f| f.ty == TypeRef::Named("LampGlow".into())));
}

#[test]
fn a_title_documents_its_type_when_there_is_no_description() {
    let schemas = r#""Badge":{"title":"A pin worn on a profile","type":"object","properties":{"icon":{"type":"string"}}},
        "Medal":{"title":"Ignored","description":"Won in a race.","type":"object","properties":{"rank":{"type":"integer"}}},
        "Ribbon":{"title":"  ","type":"object","properties":{"color":{"type":"string"}}}"#;
    let answer = |name: &str| {
        format!(
            r##""/{name}":{{"get":{{"operationId":"Read{name}","responses":{{"200":{{"description":"ok",
            "content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/{name}"}}}}}}}}}}}}}}"##
        )
    };
    let paths = [answer("Badge"), answer("Medal"), answer("Ribbon")].join(",");
    let api = lower(&paths, schemas);
    assert_eq!(doc_of(&api, "Badge"), Some("A pin worn on a profile"));
    assert_eq!(doc_of(&api, "Medal"), Some("Won in a race."));
    assert_eq!(doc_of(&api, "Ribbon"), None);
}

#[test]
fn the_same_document_gives_the_same_names() {
    let paths = [
        op("/a", "get", "getUser", "String"),
        op("/b", "get", "get_user", "string"),
    ]
    .join(",");
    let first = lower(&paths, "");
    let second = lower(&paths, "");
    let names = |api: &Api| -> Vec<String> {
        api.groups
            .iter()
            .flat_map(|g| {
                let methods = g
                    .operations
                    .iter()
                    .map(|o| format!("{}.{}:{}", g.accessor, o.method_name, o.builder));
                std::iter::once(format!("{}:{}", g.accessor, g.struct_name)).chain(methods)
            })
            .collect()
    };
    assert_eq!(names(&first), names(&second));
    assert_eq!(
        names(&first),
        [
            "string:StringGroup",
            "string.get_user:GetUserBuilder",
            "string2:String2",
            "string2.get_user:GetUserBuilder2"
        ]
    );
}

/// An answer at `path` for operation `id` with the given inline JSON schema.
fn answering(path: &str, id: &str, schema: &str) -> String {
    format!(
        r#""{path}":{{"get":{{"operationId":"{id}","responses":{{"200":{{"description":"ok",
        "content":{{"application/json":{{"schema":{schema}}}}}}}}}}}}}"#
    )
}

#[test]
fn identical_inline_schemas_of_different_operations_are_types_of_their_own() {
    let pet = r#"{"type":"object","properties":{"name":{"type":"string"}}}"#;
    let paths = [
        answering("/a", "GetPet", pet),
        answering("/b", "FindPet", pet),
    ]
    .join(",");
    let api = lower(&paths, "");
    let output = |id: &str| operation(&api, id).output.clone();
    assert_eq!(
        output("GetPet"),
        crate::ir::Output::Json(TypeRef::Named("GetPetResponse".into()))
    );
    assert_eq!(
        output("FindPet"),
        crate::ir::Output::Json(TypeRef::Named("FindPetResponse".into()))
    );
}

/// A success answer from `components/responses` is one type for every operation that gives
/// it, named after its key, so no operation's presence names it.
#[test]
fn a_shared_success_response_is_named_after_its_key() {
    let answers = |ids: &[&str]| {
        let paths: Vec<String> = ids
            .iter()
            .map(|id| {
                format!(
                    r##""/{id}":{{"get":{{"operationId":"{id}","responses":{{"200":
                    {{"$ref":"#/components/responses/PetPage"}}}}}}}}"##
                )
            })
            .collect();
        let doc = format!(
            r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{{}}},
            "components":{{"responses":{{"PetPage":{{"description":"a page","content":
            {{"application/json":{{"schema":{{"type":"object","properties":
            {{"next":{{"type":"string"}}}}}}}}}}}}}}}}}}"#,
            paths.join(",")
        );
        let doc = crate::load::load_str("names.json", &doc).expect("loads");
        crate::lower::lower(&doc).expect("lowers")
    };
    let page = crate::ir::Output::Json(TypeRef::Named("PetPage".into()));
    let both = answers(&["ListPets", "FindPets"]);
    assert_eq!(operation(&both, "ListPets").output, page);
    assert_eq!(operation(&both, "FindPets").output, page);
    assert_eq!(both.types.len(), 1, "one type for both");
    let alone = answers(&["FindPets"]);
    assert_eq!(operation(&alone, "FindPets").output, page);
}

#[test]
fn x_rust_type_name_names_a_schema_wherever_it_appears() {
    let pet = r##"{"type":"object","x-rust-type-name":"Pet","properties":{"name":{"type":"string"},
        "owner":{"$ref":"#/components/schemas/owner_record"}}}"##;
    let paths = [
        answering("/a", "GetPet", pet),
        answering("/b", "FindPet", pet),
    ]
    .join(",");
    let schemas = r#""owner_record":{"type":"object","x-rust-type-name":"Owner","properties":{"id":{"type":"string"}}}"#;
    let api = lower(&paths, schemas);
    for id in ["GetPet", "FindPet"] {
        assert_eq!(
            operation(&api, id).output,
            crate::ir::Output::Json(TypeRef::Named("Pet".into())),
            "{id}"
        );
    }
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == "Pet").count(),
        1,
        "{names:?}"
    );
    assert!(
        names.contains(&"Owner") && !names.contains(&"OwnerRecord"),
        "{names:?}"
    );
}
