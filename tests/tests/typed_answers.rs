//! Fields and answers the served documents type loosely, typed from evidence in `spec/` (see
//! spec/README.md), and checked here against the real answers: recorded traffic
//! (`../shared/recordings/logto-1.42`) and a live failure case (`../shared/cases/logto-live`),
//! both read at test time and served from a loopback mock. Each check prints a notice and is
//! skipped when its file is absent; the typed field accesses still have to compile.
//!
//! - epoch-millisecond timestamps are `logto_api::Timestamp`, not `f64`;
//! - `GenerateTotpSecret`, `GenerateMyAccountBackupCodes` and `GetBackupCodes` answer structs,
//!   not `serde_json::Value`;
//! - `CheckPasswordWithDefaultSignInExperience`'s 400 for a weak password decodes into its
//!   issues through `CheckPasswordWithDefaultSignInExperienceErrorBody::from_error`;
//! - connector form items decode into the kind their `type` names.

use logto_api::management::calls::CheckPasswordWithDefaultSignInExperienceErrorBody as CheckPasswordError;
use logto_api::management::types::{
    CheckPasswordWithDefaultSignInExperienceBody, PasswordCheckFailed, PasswordCheckFailedIssue,
};
use logto_api::{Client, Error, Timestamp};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn shared(rest: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(rest)
}

/// The recorded exchange `file#index`, or `None` (with a notice) when the recordings are absent.
fn recorded(file: &str, index: usize) -> Option<Value> {
    let at = shared("recordings/logto-1.42").join(file);
    let Ok(text) = std::fs::read_to_string(&at) else {
        logto_api_tests::notice(&format!("{} not found; skipping", at.display()));
        return None;
    };
    let exchanges: Value = serde_json::from_str(&text).expect("a recording file is JSON");
    Some(exchanges[index].clone())
}

async fn loopback() -> MockServer {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    MockServer::builder().listener(listener).start().await
}

/// A server answering the recorded request's method and path with the recorded answer.
async fn replaying(exchange: &Value) -> MockServer {
    let server = loopback().await;
    let verb = exchange["method"].as_str().expect("a method");
    let at = exchange["url"].as_str().expect("a url");
    let status = exchange["response"]["status"].as_u64().expect("a status");
    let answer = ResponseTemplate::new(u16::try_from(status).expect("a status fits u16"))
        .set_body_json(exchange["response"]["body"].clone());
    Mock::given(method(verb))
        .and(path(at.split('?').next().unwrap_or(at)))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::new(server.uri())
        .expect("a loopback URL is valid")
        .with_bearer_token("token-for-tests")
}

#[tokio::test]
async fn recorded_user_timestamps_are_epoch_milliseconds() {
    // management-users.json#0: ListUsers, one user who has signed in.
    let Some(exchange) = recorded("management-users.json", 0) else {
        return;
    };
    let server = replaying(&exchange).await;
    let users = client(&server)
        .users()
        .list_users()
        .send()
        .await
        .expect("the recorded answer decodes")
        .into_body();
    let user = &users[0];
    assert_eq!(user.created_at, Timestamp::from_millis(1_795_329_566_043));
    assert_eq!(user.updated_at, Timestamp::from_millis(1_795_332_572_116));
    assert_eq!(
        user.last_sign_in_at,
        Some(Timestamp::from_millis(1_795_332_572_116))
    );
    assert_eq!(user.created_at.to_string(), "2026-11-22T06:39:26.043Z");
    assert!(user.created_at < user.updated_at);
}

#[tokio::test]
async fn generated_totp_secret_is_a_struct() {
    // account-mfa.json#11: `{"secret": "<redacted>"}` (the recorder hid the secret).
    let Some(exchange) = recorded("account-mfa.json", 11) else {
        return;
    };
    let server = replaying(&exchange).await;
    let answer = client(&server)
        .my_account()
        .generate_totp_secret()
        .send()
        .await
        .expect("the recorded answer decodes")
        .into_body();
    assert_eq!(answer.secret, "<redacted>");
}

#[tokio::test]
async fn generated_backup_codes_are_a_struct() {
    // account-mfa.json#20: ten codes, each hidden by the recorder.
    let Some(exchange) = recorded("account-mfa.json", 20) else {
        return;
    };
    let server = replaying(&exchange).await;
    let answer = client(&server)
        .my_account()
        .generate_my_account_backup_codes()
        .send()
        .await
        .expect("the recorded answer decodes")
        .into_body();
    assert_eq!(answer.codes, vec!["<redacted>".to_owned(); 10]);
}

#[tokio::test]
async fn backup_codes_say_which_were_used() {
    // account-mfa.json#14: ten codes, the first used.
    let Some(exchange) = recorded("account-mfa.json", 14) else {
        return;
    };
    let server = replaying(&exchange).await;
    let answer = client(&server)
        .my_account()
        .get_backup_codes()
        .send()
        .await
        .expect("the recorded answer decodes")
        .into_body();
    assert_eq!(answer.codes.len(), 10);
    assert!(answer.codes.iter().all(|c| c.code == "<redacted>"));
    let used: Vec<Option<&str>> = answer.codes.iter().map(|c| c.used_at.as_deref()).collect();
    assert_eq!(used[0], Some("2026-11-22T07:31:30.812Z"));
    assert!(used[1..].iter().all(Option::is_none), "{used:?}");
}

/// `../shared/cases/logto-live/check-password-400-result-body.json`: a live Logto 1.42 answering
/// a weak password with 400 and the result body. Replayed as captured (request body, status,
/// content type, body text).
#[tokio::test]
async fn a_weak_password_gets_its_issues_typed() {
    let at = shared("cases/logto-live/check-password-400-result-body.json");
    let Ok(text) = std::fs::read_to_string(&at) else {
        logto_api_tests::notice(&format!("{} not found; skipping", at.display()));
        return;
    };
    let case: Value = serde_json::from_str(&text).expect("the case is JSON");
    let (request, response) = (&case["request"], &case["response"]);
    let sent: Value =
        serde_json::from_str(request["body"].as_str().expect("a body")).expect("a JSON body");
    let status = u16::try_from(response["status"].as_u64().expect("a status")).expect("u16");
    let content_type = response["headers"]["Content-Type"]
        .as_str()
        .expect("a content type");
    let server = loopback().await;
    Mock::given(method(request["method"].as_str().expect("a method")))
        .and(path(request["path"].as_str().expect("a path")))
        .and(body_json(&sent))
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(
                response["body"]
                    .as_str()
                    .expect("a body")
                    .as_bytes()
                    .to_vec(),
                content_type,
            ),
        )
        .expect(1)
        .mount(&server)
        .await;

    let body = CheckPasswordWithDefaultSignInExperienceBody {
        password: sent["password"].as_str().expect("a password").to_owned(),
        user_id: sent["userId"].as_str().map(str::to_owned),
    };
    let error = client(&server)
        .sign_in_experience()
        .check_password_with_default_sign_in_experience(body)
        .send()
        .await
        .expect_err("400 is an error");
    // Still the one error every call returns ...
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.code(), None);
    // ... and the documented body gives the issues, exactly as sent.
    let expected = PasswordCheckFailed {
        result: false,
        issues: vec![
            PasswordCheckFailedIssue {
                code: "password_rejected.too_short".into(),
                interpolation: Some([("min".to_owned(), json!(8))].into_iter().collect()),
            },
            PasswordCheckFailedIssue {
                code: "password_rejected.restricted.sequence".into(),
                interpolation: None,
            },
        ],
    };
    assert_eq!(
        CheckPasswordError::from_error(&error),
        Some(CheckPasswordError::BadRequest(expected))
    );
}

/// The other 400 of the same call is Logto's error body (`management-sign-in-exp.json#7`, a
/// missing `userId`): it is not a result, and stays an `Error::Api` with its code.
#[tokio::test]
async fn a_logto_error_on_the_same_status_is_not_a_result() {
    let server = loopback().await;
    let logto_error = json!({
        "code": "request.invalid_input",
        "data": { "message": "User information data is required to check user information." },
        "message": "Input is invalid. {{details}}"
    });
    Mock::given(method("POST"))
        .and(path("/api/sign-in-exp/default/check-password"))
        .respond_with(ResponseTemplate::new(400).set_body_json(logto_error))
        .mount(&server)
        .await;
    let body = CheckPasswordWithDefaultSignInExperienceBody {
        password: "123".into(),
        user_id: None,
    };
    let error = client(&server)
        .sign_in_experience()
        .check_password_with_default_sign_in_experience(body)
        .send()
        .await
        .expect_err("400 is an error");
    assert_eq!(CheckPasswordError::from_error(&error), None);
    assert_eq!(error.code(), Some("request.invalid_input"));
}

/// Logto's connector form items `Select` and `MultiSelect` have the same fields; each decodes
/// into its own variant (the `type` literal decides, not the order the branches are listed
/// in), and a kind this client does not know yet is kept as sent.
#[test]
fn connector_form_items_decode_into_the_kind_they_name() {
    use logto_api::management::types::ConnectorFormItem;
    let item = |kind: &str| {
        json!({
            "type": kind, "key": "scope", "label": "Scope",
            "selectItems": [{ "value": "a", "title": "A" }]
        })
    };
    let decode = |value: Value| -> ConnectorFormItem {
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value}: {e}"))
    };
    assert!(matches!(
        decode(item("MultiSelect")),
        ConnectorFormItem::MultiSelect(_)
    ));
    assert!(matches!(
        decode(item("Select")),
        ConnectorFormItem::Select(_)
    ));
    let future = decode(item("Slider"));
    assert_eq!(
        serde_json::to_value(&future).expect("encodes"),
        item("Slider")
    );
}
