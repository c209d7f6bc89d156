//! Verification records for sensitive Account API calls, against a loopback mock: creating one by
//! password or by code, sending it with the sensitive call, and the errors for an expired or
//! refused record.

use logto_api::account::types::PasswordBody;
use logto_api::verification::{CodeTarget, VerificationRecord};
use logto_api::{codes, Client, Error, VerificationProblem};
use serde_json::json;
use std::time::{Duration, SystemTime};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "user-access-token-for-tests";
const RECORD: &str = "rec0rd1d0000000000001";
/// Far enough ahead that no test run reaches it.
const LATER: &str = "2099-01-01T00:00:00.000Z";

async fn server() -> MockServer {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    MockServer::builder().listener(listener).start().await
}

fn client(server: &MockServer) -> Client {
    Client::new(server.uri())
        .expect("a loopback URL is valid")
        .with_bearer_token(TOKEN)
}

fn created(id: &str, expires_at: &str) -> ResponseTemplate {
    ResponseTemplate::new(201)
        .set_body_json(json!({ "verificationRecordId": id, "expiresAt": expires_at }))
}

/// `UpdatePassword` answering 204 only when it carries `record` in `logto-verification-id`.
fn update_password_mock(record: &str) -> Mock {
    Mock::given(method("POST"))
        .and(path("/api/my-account/password"))
        .and(header("logto-verification-id", record))
        .and(body_json(json!({ "password": "a-new-long-password" })))
        .respond_with(ResponseTemplate::new(204))
}

async fn update_password(client: &Client, record: &VerificationRecord) -> logto_api::Result<()> {
    client
        .with_verification(record, |verified| async move {
            let body = PasswordBody {
                password: "a-new-long-password".into(),
            };
            verified.my_account().update_password(body).send().await?;
            Ok(())
        })
        .await
}

#[tokio::test]
async fn password_record_is_sent_with_the_sensitive_call() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/password"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(json!({ "password": "current-password" })))
        .respond_with(created(RECORD, "2099-01-01T00:00:00.250Z"))
        .expect(1)
        .mount(&server)
        .await;
    update_password_mock(RECORD).expect(1).mount(&server).await;

    let client = client(&server);
    let record = client.verify_by_password("current-password").await.unwrap();
    assert_eq!(record.id(), RECORD);
    let expected = humantime::parse_rfc3339("2099-01-01T00:00:00.250Z").unwrap();
    assert_eq!(record.expires_at(), Some(expected));
    assert!(!record.is_expired());
    update_password(&client, &record).await.unwrap();
}

#[tokio::test]
async fn code_record_is_verified_then_sent() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/verification-code"))
        .and(body_json(json!({
            "identifier": { "type": "email", "value": "someone@example.com" }
        })))
        .respond_with(created(RECORD, LATER))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/verification-code/verify"))
        .and(body_json(json!({
            "identifier": { "type": "email", "value": "someone@example.com" },
            "verificationId": RECORD,
            "code": "123456"
        })))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "verificationRecordId": RECORD })),
        )
        .expect(1)
        .mount(&server)
        .await;
    update_password_mock(RECORD).expect(1).mount(&server).await;

    let client = client(&server);
    let target = CodeTarget::Email("someone@example.com".into());
    let pending = client.send_verification_code(target.clone()).await.unwrap();
    assert_eq!(pending.target(), &target);
    let record = client.verify_code(&pending, "123456").await.unwrap();
    assert_eq!(record.id(), RECORD);
    // The verify answer has no expiry; the record keeps the one the code was sent with.
    assert_eq!(record.expires_at(), pending.expires_at());
    update_password(&client, &record).await.unwrap();
}

#[tokio::test]
async fn phone_codes_use_the_phone_identifier() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/verification-code"))
        .and(body_json(json!({
            "identifier": { "type": "phone", "value": "15550001111" }
        })))
        .respond_with(created(RECORD, LATER))
        .expect(1)
        .mount(&server)
        .await;
    let pending = client(&server)
        .send_verification_code(CodeTarget::Phone("15550001111".into()))
        .await
        .unwrap();
    assert!(pending.expires_at().is_some());
}

#[tokio::test]
async fn expired_record_is_refused_before_sending() {
    let server = server().await;
    let past = SystemTime::now() - Duration::from_secs(5);
    let record = VerificationRecord::new(RECORD, Some(past));
    assert!(record.is_expired());
    let err = update_password(&client(&server), &record)
        .await
        .unwrap_err();
    match &err {
        Error::Verification {
            problem: VerificationProblem::Expired { at },
            api: None,
            ..
        } => assert_eq!(*at, past),
        other => panic!("expected an expired-record error, got {other:?}"),
    }
    assert!(err.to_string().contains("expired at"), "{err}");
    assert!(!err.is_retryable());
    let requests = server.received_requests().await.unwrap();
    assert!(requests.is_empty(), "nothing may be sent: {requests:?}");
}

#[tokio::test]
async fn refused_record_becomes_a_verification_error() {
    for (status, code) in [
        (401, codes::VERIFICATION_PERMISSION_DENIED),
        (403, codes::VERIFICATION_PERMISSION_DENIED),
    ] {
        let server = server().await;
        Mock::given(method("POST"))
            .and(path("/api/my-account/password"))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(json!({ "code": code, "message": "refused" })),
            )
            .mount(&server)
            .await;
        let record = VerificationRecord::new("unknown-record", None);
        let err = update_password(&client(&server), &record)
            .await
            .unwrap_err();
        let Error::Verification {
            operation,
            problem: VerificationProblem::Rejected,
            api: Some(_),
        } = &err
        else {
            panic!("{status}: expected a refused-record error, got {err:?}");
        };
        assert_eq!(*operation, "UpdatePassword");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert!(err.is_code(code), "{err:?}");
        assert!(err.to_string().contains("verify the user again"), "{err}");
    }
}

/// Logto answers `verification_record.not_found` when the *target* of a sensitive call is
/// missing, while the record is valid; telling the caller to verify again would loop.
#[tokio::test]
async fn not_found_about_the_target_stays_an_api_error() {
    for status in [400, 404] {
        let server = server().await;
        Mock::given(method("POST"))
            .and(path("/api/my-account/password"))
            .respond_with(ResponseTemplate::new(status).set_body_json(
                json!({ "code": codes::VERIFICATION_RECORD_NOT_FOUND, "message": "no target" }),
            ))
            .mount(&server)
            .await;
        let record = VerificationRecord::new(RECORD, None);
        let err = update_password(&client(&server), &record)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Api(_)), "{status}: {err:?}");
        assert!(err.is_code(codes::VERIFICATION_RECORD_NOT_FOUND), "{err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
    }
}

/// One exchange from `../shared/cases/logto-live/`: a request and Logto's answer.
struct LiveExchange {
    method: String,
    path: String,
    status: u16,
    body: String,
}

fn live_exchange(name: &str) -> Option<LiveExchange> {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/cases/logto-live")
        .join(name);
    let text = std::fs::read_to_string(&file).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).expect("exchange is JSON");
    let text_of = |v: &serde_json::Value| v.as_str().expect("a string").to_owned();
    Some(LiveExchange {
        method: text_of(&value["request"]["method"]),
        path: text_of(&value["request"]["path"]),
        status: u16::try_from(value["response"]["status"].as_u64().expect("status"))
            .expect("a status fits u16"),
        body: text_of(&value["response"]["body"]),
    })
}

/// The three answers a live Logto 1.42 gave with a valid record and a missing target, replayed:
/// each must reach the caller as `Error::Api` with `verification_record.not_found`.
#[tokio::test]
async fn live_not_found_answers_about_targets_stay_api_errors() {
    type Call = fn(Client) -> futures_util::future::BoxFuture<'static, logto_api::Result<()>>;
    let cases: [(&str, Call); 3] = [
        ("delete-missing-mfa-factor.json", |c| {
            Box::pin(async move {
                c.my_account()
                    .delete_mfa_verification("no-such-factor")
                    .send()
                    .await
                    .map(drop)
            })
        }),
        ("get-backup-codes-none.json", |c| {
            Box::pin(async move { c.my_account().get_backup_codes().send().await.map(drop) })
        }),
        ("update-mfa-name-on-totp.json", |c| {
            Box::pin(async move {
                let body = logto_api::account::types::UpdateMfaVerificationNameBody {
                    name: "h3 phone".into(),
                };
                c.my_account()
                    .update_mfa_verification_name("<totp factor id>", body)
                    .send()
                    .await
                    .map(drop)
            })
        }),
    ];
    for (name, call) in cases {
        let Some(exchange) = live_exchange(name) else {
            logto_api_tests::notice(&format!(
                "../shared/cases/logto-live/{name} not found; skipping it"
            ));
            continue;
        };
        let server = server().await;
        // The recorded path, encoded the way the client sends it.
        let sent_path = exchange
            .path
            .replace('<', "%3C")
            .replace('>', "%3E")
            .replace(' ', "%20");
        Mock::given(method(exchange.method.as_str()))
            .and(path(sent_path.as_str()))
            .and(header("logto-verification-id", RECORD))
            .respond_with(
                ResponseTemplate::new(exchange.status)
                    .insert_header("content-type", "application/json; charset=utf-8")
                    .set_body_string(exchange.body.clone()),
            )
            .expect(1)
            .mount(&server)
            .await;
        let record = VerificationRecord::new(RECORD, None);
        let err = client(&server)
            .with_verification(&record, call)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Api(_)), "{name}: {err:?}");
        assert!(
            err.is_code(codes::VERIFICATION_RECORD_NOT_FOUND),
            "{name}: {err:?}"
        );
        assert_eq!(
            err.status().map(|s| s.as_u16()),
            Some(exchange.status),
            "{name}"
        );
    }
}

#[tokio::test]
async fn other_errors_pass_through_unchanged() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/password"))
        .respond_with(ResponseTemplate::new(422).set_body_json(
            json!({ "code": codes::INVALID_CREDENTIALS, "message": "wrong password" }),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/my-account/password"))
        .respond_with(
            ResponseTemplate::new(422)
                .set_body_json(json!({ "code": codes::PASSWORD_REJECTED, "message": "too short" })),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client.verify_by_password("wrong").await.unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert!(err.is_code(codes::INVALID_CREDENTIALS));
    let record = VerificationRecord::new(RECORD, None);
    let err = update_password(&client, &record).await.unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert!(err.is_code(codes::PASSWORD_REJECTED));
}

#[tokio::test]
async fn unreadable_expiry_is_a_decode_error() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/password"))
        .respond_with(created(RECORD, "next tuesday"))
        .mount(&server)
        .await;
    let err = client(&server)
        .verify_by_password("current-password")
        .await
        .unwrap_err();
    match &err {
        Error::Decode {
            operation, excerpt, ..
        } => {
            assert_eq!(*operation, "CreateVerificationByPassword");
            assert_eq!(excerpt, "next tuesday");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn debug_output_hides_the_record_id() {
    let record = VerificationRecord::new(RECORD, None);
    let shown = format!("{record:?}");
    assert!(!shown.contains(RECORD), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
}

#[tokio::test]
async fn an_expired_code_record_asks_for_a_new_verification() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/verification-code"))
        .respond_with(created(RECORD, LATER))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/verifications/verification-code/verify"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({ "code": codes::VERIFICATION_RECORD_NOT_FOUND, "message": "gone" }),
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let target = CodeTarget::Phone("15550002222".into());
    let pending = client.send_verification_code(target).await.unwrap();
    let err = client.verify_code(&pending, "654321").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Verification {
                operation: "VerifyVerificationByVerificationCode",
                problem: VerificationProblem::Rejected,
                ..
            }
        ),
        "{err:?}"
    );
}
