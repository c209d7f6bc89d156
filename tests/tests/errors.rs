//! Documented error answers: a 4xx/5xx body the document declares decodes into its type from the
//! error a call returns (`{Op}ErrorBody::from_error`, `Error::body_json`), by exact status, then
//! range, then `default`; undocumented error bodies give the errors they always gave, Logto's
//! `{code, message}` included.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod documented {
    logto_api_macros::generate!(spec = "fixtures/errors.json");
}
use documented::calls::{DeleteGadgetErrorBody, GetGadgetErrorBody};
use documented::types;
use documented::ClientExt as _;

/// A server answering `verb path` with `status` and the JSON `body`.
async fn answering(verb: &str, at: &str, status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

async fn get_gadget(status: u16, body: serde_json::Value) -> logto_api::Error {
    let server = answering("GET", "/gadgets/g1", status, body).await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    client
        .gadgets()
        .get_gadget("g1")
        .send()
        .await
        .expect_err("an error status")
}

#[tokio::test]
async fn a_documented_404_decodes_into_its_type() {
    let error = get_gadget(
        404,
        serde_json::json!({ "title": "no such gadget", "status": 404, "trace": ["a", "b"] }),
    )
    .await;
    let fault = types::Fault {
        title: "no such gadget".into(),
        status: 404,
        trace: Some(vec!["a".into(), "b".into()]),
    };
    assert_eq!(
        GetGadgetErrorBody::from_error(&error),
        Some(GetGadgetErrorBody::NotFound(fault.clone()))
    );
    assert_eq!(error.body_json::<types::Fault>(), Some(fault));
    // Still the one error every call returns, with its status.
    assert!(matches!(error, logto_api::Error::Api(_)));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.code(), None);
}

#[tokio::test]
async fn other_statuses_decode_as_the_default_answer() {
    let error = get_gadget(
        503,
        serde_json::json!({ "reason": "overloaded", "retryInSeconds": 5 }),
    )
    .await;
    assert_eq!(
        GetGadgetErrorBody::from_error(&error),
        Some(GetGadgetErrorBody::Default(types::GetGadgetError {
            reason: "overloaded".into(),
            retry_in_seconds: Some(5),
        }))
    );
    // A body that is not the documented shape gives `None`, and the error stays as it was.
    let error = get_gadget(404, serde_json::json!({ "unexpected": true })).await;
    assert_eq!(GetGadgetErrorBody::from_error(&error), None);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn exact_statuses_win_over_ranges() {
    let server = MockServer::start().await;
    for (at, status, body) in [
        ("/gadgets/held", 409, serde_json::json!({ "holder": "ops" })),
        (
            "/gadgets/refused",
            403,
            serde_json::json!({ "detail": "read only" }),
        ),
        (
            "/gadgets/broken",
            500,
            serde_json::json!({ "title": "boom", "status": 500 }),
        ),
    ] {
        Mock::given(method("DELETE"))
            .and(path(at))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .mount(&server)
            .await;
    }
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let body = |id: &'static str| {
        let client = client.clone();
        async move {
            let error = client
                .gadgets()
                .delete_gadget(id)
                .send()
                .await
                .expect_err("an error status");
            DeleteGadgetErrorBody::from_error(&error)
        }
    };
    assert_eq!(
        body("held").await,
        Some(DeleteGadgetErrorBody::Conflict(types::Busy {
            holder: "ops".into()
        }))
    );
    assert_eq!(
        body("refused").await,
        Some(DeleteGadgetErrorBody::ClientError(
            types::DeleteGadgetError {
                detail: Some("read only".into())
            }
        ))
    );
    assert!(matches!(
        body("broken").await,
        Some(DeleteGadgetErrorBody::ServerError(types::Fault {
            status: 500,
            ..
        }))
    ));
}

#[tokio::test]
async fn undocumented_error_bodies_give_the_usual_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/gadgets"))
        .respond_with(ResponseTemplate::new(500).set_body_string("stack overflow at line 3"))
        .mount(&server)
        .await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let error = client
        .gadgets()
        .list_gadgets()
        .send()
        .await
        .expect_err("an error status");
    let logto_api::Error::Api(api) = &error else {
        panic!("not an API error: {error:?}")
    };
    assert_eq!(api.status.as_u16(), 500);
    assert_eq!(api.body, None);
    assert_eq!(&api.raw[..], b"stack overflow at line 3");
    assert_eq!(error.body_json::<serde_json::Value>(), None);
    // Not an answer at all: no documented body either.
    let timeout = logto_api::Error::Timeout {
        operation: "GetGadget",
    };
    assert_eq!(GetGadgetErrorBody::from_error(&timeout), None);
}

#[tokio::test]
async fn logto_error_bodies_are_read_as_before() {
    let logto = serde_json::json!({ "code": "gadget.locked", "message": "Locked.", "data": { "by": "ops" } });
    // Where nothing is documented...
    let server = answering("GET", "/gadgets", 422, logto.clone()).await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let error = client
        .gadgets()
        .list_gadgets()
        .send()
        .await
        .expect_err("an error status");
    let logto_api::Error::Api(api) = &error else {
        panic!("not an API error: {error:?}")
    };
    assert_eq!(api.code(), Some("gadget.locked"));
    assert_eq!(api.message(), Some("Locked."));
    assert_eq!(
        api.body.as_ref().and_then(|b| b.data.clone()),
        Some(serde_json::json!({ "by": "ops" }))
    );
    assert!(error.is_code("gadget.locked"));
    // ...and where a documented body exists, Logto's fields are read all the same.
    let error = get_gadget(404, logto).await;
    assert!(error.is_code("gadget.locked"));
    assert_eq!(GetGadgetErrorBody::from_error(&error), None);
}
