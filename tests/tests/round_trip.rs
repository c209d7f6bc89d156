//! Every Experience, Account and Management API operation through the typed client against a loopback mock:
//! the request on the wire must be exactly the one in the table (method, raw percent-encoded path,
//! query pairs, credentials, content type, body), and the served success answer must decode and
//! re-encode to the same JSON (where a `null` member may come back left out: outside PATCH bodies
//! an optional `null` reads as `None`). Also: the interaction cookie, error answers and decode
//! failures.

// Panicking on a broken fixture is the point of a test.
#![allow(clippy::unwrap_used)]

mod support;

use logto_api::{Client, Error};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use support::{
    json as sjson, multipart, segments, spec, Case, Doc, ReqBody, HOSTILE, HOSTILE_ENCODED,
};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Known generator or runtime bugs, with the reason: keyed by `Case::name()` for the table, or
/// by ``path segment `VALUE` `` for `path_parameters_never_reach_another_endpoint` (covering every
/// operation with a path parameter). Affected cases still run and their problems are printed;
/// a test fails if a listed entry starts passing, so that it gets removed.
const KNOWN_BUGS: &[(&str, &str)] = &[];

/// A mock server bound to 127.0.0.1 only.
async fn loopback_server() -> MockServer {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    MockServer::builder().listener(listener).start().await
}

/// The single value of header `name`, `Err` when it appears more than once.
fn header<'r>(request: &'r wiremock::Request, name: &str) -> Result<Option<&'r str>, String> {
    let values: Vec<_> = request.headers.get_all(name).iter().collect();
    match values.as_slice() {
        [] => Ok(None),
        [one] => one
            .to_str()
            .map(Some)
            .map_err(|_| format!("header `{name}` is not text")),
        many => Err(format!("header `{name}` sent {} times", many.len())),
    }
}

/// Compares one header with what the case expects (`None` = must be absent).
fn expect_header(
    request: &wiremock::Request,
    name: &str,
    expected: Option<&str>,
    prefix: bool,
    problems: &mut Vec<String>,
) {
    match (header(request, name), expected) {
        (Err(e), _) => problems.push(e),
        (Ok(None), None) => {}
        (Ok(Some(got)), None) => problems.push(format!("unexpected header `{name}: {got}`")),
        (Ok(None), Some(want)) => problems.push(format!("missing header `{name}: {want}`")),
        (Ok(Some(got)), Some(want)) => {
            let ok = if prefix {
                got.starts_with(want)
            } else {
                got == want
            };
            if !ok {
                problems.push(format!("header `{name}`: expected `{want}`, got `{got}`"));
            }
        }
    }
}

/// Everything that differs between the received request and the case's expectation.
fn check_request(case: &Case, request: &wiremock::Request) -> Vec<String> {
    let expected = &case.request;
    let mut problems = Vec::new();
    if request.method.as_str() != expected.method {
        problems.push(format!(
            "method: expected {}, got {}",
            expected.method, request.method
        ));
    }
    if request.url.path() != expected.path {
        problems.push(format!(
            "raw path: expected `{}`, got `{}`",
            expected.path,
            request.url.path()
        ));
    }
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let want: Vec<(String, String)> = expected
        .query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    if query != want {
        problems.push(format!(
            "query pairs: expected {want:?}, got {query:?} (raw `{}`)",
            request.url.query().unwrap_or("")
        ));
    }
    if want.is_empty() && request.url.query().is_some() {
        problems.push(format!(
            "stray query string `?{}`",
            request.url.query().unwrap_or("")
        ));
    }
    let bearer = case.auth.bearer().map(|t| format!("Bearer {t}"));
    expect_header(
        request,
        "authorization",
        bearer.as_deref(),
        false,
        &mut problems,
    );
    expect_header(
        request,
        "logto-verification-id",
        case.auth.verification_id(),
        false,
        &mut problems,
    );
    // A fresh client holds no cookie and the mock sets none.
    expect_header(request, "cookie", None, false, &mut problems);
    let content_type = expected.content_type();
    expect_header(
        request,
        "content-type",
        content_type.map(|(v, _)| v),
        content_type.is_some_and(|(_, prefix)| prefix),
        &mut problems,
    );
    match &expected.body {
        ReqBody::None => {
            if !request.body.is_empty() {
                problems.push(format!(
                    "expected no body, got {:?}",
                    String::from_utf8_lossy(&request.body)
                ));
            }
        }
        ReqBody::Json(want) => match serde_json::from_slice::<Value>(&request.body) {
            // Numbers by value: `number` fields are f64 and go out as `-7.0`, which Logto (JSON.parse)
            // reads as -7. Everything else must match exactly.
            Ok(got) => {
                if let Some(d) = sjson::diff(want, &got) {
                    problems.push(format!("JSON body: {d} (expected {want}, got {got})"));
                }
            }
            Err(e) => problems.push(format!(
                "body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&request.body)
            )),
        },
        ReqBody::Multipart(want) => {
            let content_type = header(request, "content-type").ok().flatten().unwrap_or("");
            match multipart::parse(content_type, &request.body) {
                Ok(parts) => {
                    let want: Vec<multipart::ReceivedPart> = want
                        .iter()
                        .map(|p| multipart::ReceivedPart {
                            name: Some(p.name.to_owned()),
                            file_name: p.file_name.map(str::to_owned),
                            content_type: p.content_type.map(str::to_owned),
                            data: p.data.to_vec(),
                        })
                        .collect();
                    if parts != want {
                        problems.push(format!("multipart parts: expected {want:?}, got {parts:?}"));
                    }
                }
                Err(e) => problems.push(format!("multipart body: {e}")),
            }
        }
        ReqBody::Form(want) => {
            let got: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
                .into_owned()
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            if got != want {
                problems.push(format!("form pairs: expected {want:?}, got {got:?}"));
            }
        }
    }
    problems
}

/// Runs one case against its own mock server; returns what went wrong.
async fn run_case(case: &Case) -> Vec<String> {
    let server = loopback_server().await;
    // Any request gets the answer, so a wrong path or method is reported by `check_request`
    // rather than as a 404.
    Mock::given(any())
        .respond_with(case.reply.template())
        .mount(&server)
        .await;
    let result = (case.call)(case.auth.client(&server.uri())).await;
    let mut problems = Vec::new();
    let requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    match requests.as_slice() {
        [request] => problems.extend(check_request(case, request)),
        other => problems.push(format!("expected one request, got {}", other.len())),
    }
    match result {
        Ok(out) => {
            if out.status != case.reply.status() {
                problems.push(format!(
                    "status: served {}, decoded {}",
                    case.reply.status(),
                    out.status
                ));
            }
            if let Some(d) = sjson::diff_answer(&case.reply.decoded(), &out.body) {
                problems.push(format!("decoded answer re-encodes differently: {d}"));
            }
        }
        Err(e) => problems.push(format!("call failed: {e}")),
    }
    problems
}

#[tokio::test]
async fn every_operation_round_trips() {
    let cases = support::cases();
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let mut fixed = Vec::new();
    for case in &cases {
        let name = case.name();
        let problems = run_case(case).await;
        match KNOWN_BUGS.iter().find(|(n, _)| *n == name) {
            Some((_, why)) if !problems.is_empty() => {
                known.push(format!("{name}: {why}\n    {}", problems.join("\n    ")))
            }
            Some(_) => fixed.push(name),
            None if !problems.is_empty() => {
                failures.push(format!("{name}:\n    {}", problems.join("\n    ")))
            }
            None => {}
        }
    }
    let count = |doc: Doc| {
        cases
            .iter()
            .filter(|c| c.doc == doc)
            .map(|c| c.op)
            .collect::<BTreeSet<_>>()
            .len()
    };
    let operations = cases.iter().map(|c| c.op).collect::<BTreeSet<_>>().len();
    println!(
        "round trip: {operations} operations ({} experience, {} account, {} management) in {} cases; {} failed, {} known bugs",
        count(Doc::Experience),
        count(Doc::Account),
        count(Doc::Management),
        cases.len(),
        failures.len(),
        known.len()
    );
    for entry in &known {
        println!("KNOWN_BUG {entry}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "KNOWN_BUGS entries that now pass (remove them): {fixed:?}"
    );
    assert_eq!(operations, 359, "the table must cover all 359 operations");
}

/// The table must list exactly the operations of the three documents in `spec/`,
/// with their methods, their paths (parameters replaced by the hostile value) and every query
/// parameter set at least once.
#[test]
fn table_matches_the_spec() {
    let cases = support::cases();
    let mut problems = Vec::new();
    let mut total = 0;
    for doc in Doc::ALL {
        let declared = spec::operations(doc);
        total += declared.len();
        let in_spec: BTreeSet<&str> = declared.iter().map(|o| o.op.as_str()).collect();
        let in_table: BTreeSet<&str> = cases
            .iter()
            .filter(|c| c.doc == doc)
            .map(|c| c.op)
            .collect();
        for op in in_spec.difference(&in_table) {
            problems.push(format!("{}: {op} is missing from the table", doc.name()));
        }
        for op in in_table.difference(&in_spec) {
            problems.push(format!("{}: {op} is not in the spec", doc.name()));
        }
        for declared in &declared {
            let rows: Vec<&Case> = cases.iter().filter(|c| c.op == declared.op).collect();
            let primaries = rows.iter().filter(|c| c.variant.is_empty()).count();
            if !rows.is_empty() && primaries != 1 {
                problems.push(format!("{}: {primaries} main cases", declared.op));
            }
            let mut path = declared.template.clone();
            for (name, _) in &declared.path_params {
                path = path.replace(&format!("{{{name}}}"), HOSTILE_ENCODED);
            }
            for row in &rows {
                if row.request.method != declared.method || row.request.path != path {
                    problems.push(format!(
                        "{}: table says {} {}, spec says {} {path}",
                        row.name(),
                        row.request.method,
                        row.request.path,
                        declared.method
                    ));
                }
                // Keys of an exploded object parameter (`search.name=...`) have no declared name.
                let takes_any_key = !declared.exploded_objects.is_empty();
                for (name, _) in &row.request.query {
                    if !takes_any_key && !declared.query_params.iter().any(|(n, _)| n == name) {
                        problems.push(format!("{}: undeclared query `{name}`", row.name()));
                    }
                }
                for (name, required) in &declared.query_params {
                    let set = row.request.query.iter().any(|(n, _)| n == name);
                    if *required && !set {
                        problems.push(format!("{}: required query `{name}` unset", row.name()));
                    }
                }
            }
            let undeclared = |key: &str| !declared.query_params.iter().any(|(n, _)| n == key);
            for (name, _) in &declared.query_params {
                let exploded = declared.exploded_objects.contains(name);
                let anywhere = rows.iter().any(|r| {
                    r.request
                        .query
                        .iter()
                        .any(|(n, _)| n == name || (exploded && undeclared(n)))
                });
                if !anywhere {
                    problems.push(format!("{}: query `{name}` never set", declared.op));
                }
            }
        }
    }
    // The dot-segment and escape checks exercise the one path builder every generated call
    // shares; the Experience and Account operations are enough for that, and every Management
    // case already sends `HOSTILE` through it.
    let with_path_params: BTreeSet<String> = [Doc::Experience, Doc::Account]
        .into_iter()
        .flat_map(spec::operations)
        .filter(|o| !o.path_params.is_empty())
        .map(|o| o.op)
        .collect();
    let in_segments: BTreeSet<String> = segments::calls().iter().map(|c| c.op.to_owned()).collect();
    if with_path_params != in_segments {
        problems.push(format!(
            "segments::calls() must list the operations with path parameters: spec {with_path_params:?}, list {in_segments:?}"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(total, 359, "spec/ declares 37 + 38 + 284 operations");
}

/// Whatever the path parameter, a call goes to its own endpoint: the value arrives as one
/// segment, or the call is refused with `Error::InvalidRequest` before anything is sent.
#[tokio::test]
async fn path_parameters_never_reach_another_endpoint() {
    let templates: BTreeMap<String, String> = [Doc::Experience, Doc::Account]
        .into_iter()
        .flat_map(spec::operations)
        .map(|o| {
            let mut path = o.template.clone();
            for (name, _) in &o.path_params {
                path = path.replace(&format!("{{{name}}}"), "{}");
            }
            (o.op, path)
        })
        .collect();
    let server = loopback_server().await;
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let mut fixed = Vec::new();
    let values = [
        (HOSTILE, HOSTILE_ENCODED),
        // An escape sequence is data, not an escape: `%` itself is encoded.
        ("100%2F", "100%252F"),
        // RFC 3986 unreserved characters stay as they are.
        ("~user.name-1_2", "~user.name-1_2"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        // Would call the collection (`GET /api/users/` lists users), so it must be refused.
        ("", ""),
    ];
    for (value, encoded) in values {
        let mut problems = Vec::new();
        for call in segments::calls() {
            server.reset().await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(204))
                .mount(&server)
                .await;
            let want = templates[call.op].replace("{}", encoded);
            let result = (call.call)(call.auth.client(&server.uri()), value).await;
            let requests = server.received_requests().await.unwrap();
            match (requests.as_slice(), &result) {
                // Refusing is fine for dot segments, never for an ordinary value.
                ([], Err(Error::InvalidRequest { .. })) if matches!(value, "" | "." | "..") => {}
                ([request], _) if value.is_empty() => problems.push(format!(
                    "{}: an empty value was sent as {} {}",
                    call.op,
                    request.method,
                    request.url.path()
                )),
                ([], other) => problems.push(format!(
                    "{}: `{value}`: nothing sent, result {other:?}",
                    call.op
                )),
                ([request], _) if request.url.path() == want => {}
                ([request], _) => problems.push(format!(
                    "{}: `{value}` sent {} {} instead of {want}",
                    call.op,
                    request.method,
                    request.url.path()
                )),
                (many, _) => problems.push(format!("{}: {} requests", call.op, many.len())),
            }
        }
        let key = format!("path segment `{value}`");
        match (
            KNOWN_BUGS.iter().find(|(k, _)| *k == key),
            problems.is_empty(),
        ) {
            (Some((_, why)), false) => {
                known.push(format!("{key}: {why}\n    {}", problems.join("\n    ")))
            }
            (Some(_), true) => fixed.push(key),
            (None, false) => failures.extend(problems),
            (None, true) => {}
        }
    }
    for entry in &known {
        println!("KNOWN_BUG {entry}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        fixed.is_empty(),
        "KNOWN_BUGS entries that now pass (remove them): {fixed:?}"
    );
}

/// `GET /api/users/{userId}` with an empty id would be `GET /api/users/`, which a live Logto
/// answers with the user list: the caller would get someone else's data to decode.
#[tokio::test]
async fn an_empty_path_parameter_is_refused_before_sending() {
    let server = loopback_server().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let client = Client::new(server.uri())
        .expect("loopback URL")
        .with_bearer_token("management-token");
    let err = client.users().get_user("").send().await.unwrap_err();
    match &err {
        Error::InvalidRequest { operation, message } => {
            assert_eq!(*operation, "GetUser");
            assert!(
                message.contains("`{userId}` is an empty value"),
                "{message}"
            );
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    let err = client
        .organizations()
        .delete_organization_user("org-1", "")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    let sent = server.received_requests().await.unwrap();
    assert!(sent.is_empty(), "nothing may be sent: {sent:?}");
}

#[test]
fn json_comparison_is_numeric_aware_and_otherwise_exact() {
    assert!(sjson::eq(
        &json!({"a": 60000, "b": [-7]}),
        &json!({"a": 60000.0, "b": [-7.0]})
    ));
    assert!(!sjson::eq(&json!({"a": 1}), &json!({"a": 1, "b": null})));
    assert!(!sjson::eq(&json!({"a": null}), &json!({})));
    assert!(!sjson::eq(&json!({"a": 1}), &json!({"a": "1"})));
    assert!(!sjson::eq(&json!([1, 2]), &json!([2, 1])));
    // An answer's `null` may come back left out (`None`), nothing else may.
    let answer = |served, reencoded| sjson::diff_answer(&served, &reencoded).is_none();
    assert!(answer(
        json!({"a": null, "b": {"c": null}}),
        json!({"b": {}})
    ));
    assert!(answer(json!([{"a": null}]), json!([{}])));
    assert!(!answer(json!({}), json!({"a": null})));
    assert!(!answer(json!({"a": 1}), json!({})));
    assert!(!answer(json!({"a": null}), json!({"a": 0})));
    assert!(!answer(json!([null]), json!([])));
}

fn cookie_pairs(request: &wiremock::Request) -> BTreeSet<String> {
    header(request, "cookie")
        .expect("one cookie header at most")
        .map(|c| c.split(';').map(|p| p.trim().to_owned()).collect())
        .unwrap_or_default()
}

/// The `_interaction` cookie (and its signature) set by one answer goes out with the next calls,
/// from clones too, until the server expires it.
#[tokio::test]
async fn interaction_cookie_is_sent_on_the_next_call() {
    let server = loopback_server().await;
    Mock::given(method("PUT"))
        .and(path("/api/experience"))
        .respond_with(
            ResponseTemplate::new(204)
                .append_header(
                    "set-cookie",
                    "_interaction=Djzv9ViamMxe3Btk; path=/; httponly",
                )
                .append_header("set-cookie", "_interaction.sig=xS2bdQ4r; path=/; httponly"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/experience/interaction"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "interactionEvent": "SignIn", "profile": {}, "verificationRecords": []
        })))
        .mount(&server)
        .await;
    let expired = "path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly";
    Mock::given(method("POST"))
        .and(path("/api/experience/submit"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "redirectTo": "https://auth.example.org/oidc/auth/x" }))
                .append_header("set-cookie", format!("_interaction=; {expired}"))
                .append_header("set-cookie", format!("_interaction.sig=; {expired}")),
        )
        .mount(&server)
        .await;

    let client = Client::new(server.uri()).unwrap();
    let body = logto_api::experience::types::InitInteractionBody {
        interaction_event: logto_api::experience::types::InteractionEvent::SignIn,
        captcha_token: None,
    };
    client
        .experience()
        .init_interaction(body)
        .send()
        .await
        .unwrap();
    client.experience().get_interaction().send().await.unwrap();
    // A derived client shares the session.
    let derived = client.with_bearer_token("unused-here");
    derived
        .experience()
        .submit_interaction()
        .send()
        .await
        .unwrap();
    client.experience().get_interaction().send().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 4);
    let session: BTreeSet<String> = ["_interaction=Djzv9ViamMxe3Btk", "_interaction.sig=xS2bdQ4r"]
        .map(String::from)
        .into();
    assert!(
        cookie_pairs(&requests[0]).is_empty(),
        "first call has no cookie"
    );
    assert_eq!(
        cookie_pairs(&requests[1]),
        session,
        "cookie sent on the next call"
    );
    assert_eq!(
        cookie_pairs(&requests[2]),
        session,
        "clones share the cookie"
    );
    assert!(
        cookie_pairs(&requests[3]).is_empty(),
        "an expired cookie is no longer sent"
    );
}

async fn password_verification(server: &MockServer) -> logto_api::Result<Value> {
    use logto_api::experience::types as t;
    let body = t::CreatePasswordVerificationBody {
        identifier: t::PasswordIdentifier {
            r#type: t::SignInIdentifierType::Username,
            value: "testuser".into(),
        },
        password: "wrong-password".into(),
    };
    let client = Client::new(server.uri()).unwrap();
    let response = client
        .experience()
        .create_password_verification(body)
        .send()
        .await?;
    Ok(serde_json::to_value(response.body).unwrap())
}

async fn serve(server: &MockServer, template: ResponseTemplate) {
    server.reset().await;
    Mock::given(any())
        .respond_with(template)
        .mount(server)
        .await;
}

#[tokio::test]
async fn error_answers_become_api_errors() {
    let server = loopback_server().await;

    // Shaped like experience-sign-in.json#15 (message invented).
    let body = json!({
        "code": "session.invalid_credentials",
        "message": "That identifier and password do not match."
    });
    serve(&server, ResponseTemplate::new(422).set_body_json(&body)).await;
    let err = password_verification(&server).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(err.code(), Some("session.invalid_credentials"));
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.operation, "CreatePasswordVerification");
    assert_eq!(api.status.as_u16(), 422);
    assert_eq!(
        api.message(),
        Some("That identifier and password do not match.")
    );
    assert_eq!(
        api.raw.as_ref(),
        serde_json::to_vec(&body).unwrap().as_slice()
    );

    // experience-register.json#3: `data` can be an array.
    let data = json!([{ "code": "password_rejected.too_short", "interpolation": { "min": 8 } }]);
    let body = json!({ "code": "password.rejected", "data": data, "message": "Too weak." });
    serve(&server, ResponseTemplate::new(422).set_body_json(&body)).await;
    let err = password_verification(&server).await.unwrap_err();
    let api = err.as_api().expect("an API error");
    assert_eq!(api.code(), Some("password.rejected"));
    assert_eq!(api.body.as_ref().and_then(|b| b.data.clone()), Some(data));

    // A 500 that is not JSON keeps its bytes.
    serve(
        &server,
        ResponseTemplate::new(500).set_body_raw("Internal Server Error", "text/plain"),
    )
    .await;
    let err = password_verification(&server).await.unwrap_err();
    let api = err.as_api().expect("an API error");
    assert_eq!(api.status.as_u16(), 500);
    assert!(api.body.is_none(), "no Logto error body: {:?}", api.body);
    assert_eq!(api.code(), None);
    assert_eq!(api.raw.as_ref(), b"Internal Server Error");

    // A JSON parse error sends only a message.
    let body = json!({ "message": "Unexpected token } in JSON at position 10" });
    serve(&server, ResponseTemplate::new(400).set_body_json(&body)).await;
    let err = password_verification(&server).await.unwrap_err();
    let api = err.as_api().expect("an API error");
    assert_eq!(api.code(), None);
    assert_eq!(
        api.message(),
        Some("Unexpected token } in JSON at position 10")
    );
}

#[tokio::test]
async fn mistyped_success_body_is_a_decode_error() {
    let server = loopback_server().await;
    let body = r#"{"verificationId": 42}"#;
    serve(
        &server,
        ResponseTemplate::new(200).set_body_raw(body, "application/json"),
    )
    .await;
    let err = password_verification(&server).await.unwrap_err();
    match &err {
        Error::Decode {
            operation,
            status,
            excerpt,
            ..
        } => {
            assert_eq!(*operation, "CreatePasswordVerification");
            assert_eq!(status.as_u16(), 200);
            assert_eq!(excerpt, body);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));

    // An HTML page instead of JSON: the excerpt is cut but shows the start.
    let page = format!("<!doctype html><html>{}</html>", "x".repeat(500));
    serve(
        &server,
        ResponseTemplate::new(200).set_body_raw(page.clone(), "text/html"),
    )
    .await;
    match password_verification(&server).await.unwrap_err() {
        Error::Decode { excerpt, .. } => {
            assert!(excerpt.starts_with("<!doctype html><html>xxx"), "{excerpt}");
            assert!(excerpt.chars().count() < page.len(), "the excerpt is cut");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}
