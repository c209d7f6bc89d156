//! Identifiers: a document full of names that collide with each other and with the generator's
//! own (`fixtures/names.json`) generates a client that compiles and sends what the document
//! says, under the renamed identifiers; the shared name cases generate; the list of client
//! methods an accessor must avoid matches the client.

use std::path::Path;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod named {
    logto_api_macros::generate!(spec = "fixtures/names.json");
}
use named::types;
use named::ClientExt as _;

async fn client_for(server: &MockServer) -> logto_api::Client {
    logto_api::Client::new(server.uri()).expect("loopback URL")
}

#[tokio::test]
async fn renamed_setters_send_their_parameters_under_the_wire_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/shelves/front"))
        .and(query_param("types", "pale"))
        .and(query_param("send", "s"))
        .and(query_param("body", "b"))
        .and(query_param("stream", "true"))
        .and(query_param("new", "n"))
        .and(query_param("send_page", "p"))
        .and(query_param("clone", "c"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([
            { "name": "top", "shade": "dark", "trim": null, "finish": "light" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    let shelves = client
        .string()
        .list_shelves("front", vec![types::Shade::Pale])
        .send2("s")
        .body2("b")
        .stream2(true)
        .new2("n")
        .send_page2("p")
        .clone2("c")
        .send()
        .await
        .expect("the documented answer")
        .body;
    assert_eq!(shelves.len(), 1);
    // One enum type for the three identical property enums; in an answer `null` reads as `None`.
    let shelf: &types::Shelf = &shelves[0];
    assert_eq!(shelf.shade, Some(types::ShelfShade::Dark));
    assert_eq!(shelf.trim, None);
    assert_eq!(shelf.finish, Some(types::ShelfShade::Light));
}

#[tokio::test]
async fn operation_ids_differing_in_case_call_their_own_paths() {
    let server = MockServer::start().await;
    for (at, id) in [("/crates/a", "by-id"), ("/crates-by-slug/b", "by-slug")] {
        Mock::given(method("GET"))
            .and(path(at))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "id": id })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(&server).await;
    let first = client.vec().fetch_crate("a").send().await.expect("answer");
    let second = client.vec().fetch_crate2("b").send().await.expect("answer");
    let id = |outcome: &named::calls::FetchCrateOutcome| match outcome {
        named::calls::FetchCrateOutcome::Ok(c) => c.id.clone(),
        named::calls::FetchCrateOutcome::Accepted(t) => t.clone(),
    };
    assert_eq!(id(&first.body), "by-id");
    assert!(matches!(&second.body, named::calls::FetchCrateOutcome2::Ok(c) if c.id == "by-slug"));
}

#[tokio::test]
async fn groups_named_after_std_types_and_components_named_like_std_types_work() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/customers/7"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({ "id": "7", "name": "Ada" })),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/sales/one"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "count": 3 })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/sales/two"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "sum": 1.5 })))
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    // The component wrapped by an inline union keeps its own name.
    let customer = client
        .types()
        .get_customer("7")
        .send()
        .await
        .expect("answer");
    assert!(matches!(
        customer.body,
        types::GetCustomerResponse::Customer(types::Customer { ref id, .. }) if id == "7"
    ));
    let count: types::Value2 = client
        .sales_orders()
        .count_sales()
        .send()
        .await
        .expect("answer")
        .body;
    assert_eq!(count.count, Some(3));
    let sum: types::Result2 = client
        .sales_orders2()
        .sum_sales()
        .send()
        .await
        .expect("answer")
        .body;
    assert_eq!(sum.sum, Some(1.5));
    // Accessors that would be hidden by the client's own methods are renamed.
    let _: named::Timeout2<'_> = client.timeout2();
    let _: named::Into2<'_> = client.into2();
    let _: named::StringGroup<'_> = client.string();
    let _: named::ClientExtGroup<'_> = client.client_ext();
}

/// `../shared/cases/openapi` from the workspace root, when present.
fn shared_cases() -> Option<std::path::PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/cases/openapi"
    ));
    dir.is_dir().then(|| dir.to_path_buf())
}

#[test]
fn the_shared_name_cases_generate() {
    let Some(dir) = shared_cases() else {
        logto_api_tests::notice(
            "../shared/cases/openapi is absent; the shared name cases were not generated",
        );
        return;
    };
    for case in [
        "operation-ids-differing-in-case.json",
        "parameter-named-send.json",
        "tag-named-string.json",
    ] {
        let file = dir.join(case);
        let tokens = logto_api_codegen::generate_file(&file, case, &Default::default())
            .unwrap_or_else(|d| panic!("{case} does not generate:\n{d}"));
        logto_api_codegen::pretty(&tokens).unwrap_or_else(|e| panic!("{case}: {e}"));
        let api = logto_api_codegen::lower_file(&file, case).expect("lowers");
        for group in &api.groups {
            let mut methods: Vec<&str> = group
                .operations
                .iter()
                .map(|o| o.method_name.as_str())
                .collect();
            methods.sort_unstable();
            methods.dedup();
            assert_eq!(
                methods.len(),
                group.operations.len(),
                "{case}: one method name per operation"
            );
            assert_ne!(
                group.struct_name, "String",
                "{case}: a group shadows `String`"
            );
        }
        for op in api.operations() {
            for p in op.params.iter().filter(|p| !p.required) {
                assert!(
                    !["send", "new", "body", "client"].contains(&p.name.as_str()),
                    "{case}: setter `{}` clashes with the builder",
                    p.name
                );
            }
        }
    }
}

/// Every method of `impl Client` blocks in `logto-api/src`, by a plain scan of the source.
fn client_methods() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../logto-api/src");
    let mut files = vec![src];
    let mut out = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            let entries = std::fs::read_dir(&path).expect("readable source folder");
            files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable source");
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with("impl Client {") || line.starts_with("impl crate::Client {") {
                inside = true;
            } else if inside && line.starts_with('}') {
                inside = false;
            } else if inside && line.starts_with("    ") && !line.starts_with("     ") {
                let code = line.trim_start();
                let after_fn = [
                    "pub fn ",
                    "pub(crate) fn ",
                    "fn ",
                    "pub async fn ",
                    "pub(crate) async fn ",
                    "async fn ",
                ]
                .iter()
                .find_map(|prefix| code.strip_prefix(prefix));
                if let Some(rest) = after_fn {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push(name);
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn accessors_avoid_every_client_method() {
    let methods = client_methods();
    assert!(
        methods.iter().any(|m| m == "base_url"),
        "the scan finds the client's methods: {methods:?}"
    );
    let missing: Vec<&String> = methods
        .iter()
        .filter(|m| !logto_api_codegen::naming::CLIENT_METHODS.contains(&m.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add {missing:?} to logto_api_codegen::naming::CLIENT_METHODS"
    );
}
