//! Machine-to-machine authentication against a loopback mock of Logto: the client-credentials
//! token request, the token cache and its single-flight refresh, the 401 retry, token providers,
//! and that secrets and tokens stay out of `Debug` output and errors.

use logto_api::experience::types::{InitInteractionBody, InteractionEvent};
use logto_api::{AccessToken, BoxFuture, Client, Error, FilePart, Logto, TokenProvider};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;
use wiremock::matchers::{body_json, body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const APP_ID: &str = "m2m:app";
const SECRET: &str = "s3cr3t pa/ss+";
/// `base64("m2m%3Aapp:s3cr3t+pa%2Fss%2B")`: id and secret form-encoded first (RFC 6749 §2.3.1).
const BASIC: &str = "Basic bTJtJTNBYXBwOnMzY3IzdCtwYSUyRnNzJTJC";
const TOKEN: &str = "eyJ.m2m-access-token.sig";

fn token_body(token: &str, expires_in: u64) -> serde_json::Value {
    serde_json::json!({
        "access_token": token,
        "expires_in": expires_in,
        "token_type": "Bearer",
        "scope": "all",
    })
}

fn token_mock(token: &str, expires_in: u64) -> Mock {
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(token, expires_in)))
}

/// `GET /oidc/auth` answered 302, required to carry `Bearer {token}`.
fn api_mock(token: &str) -> Mock {
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(302))
}

fn m2m(server: &MockServer) -> Client {
    Logto::builder(server.uri())
        .client_credentials(APP_ID, SECRET)
        .build()
        .expect("client")
}

/// Hands out `token-1`, `token-2`, ... one per token request.
struct Numbered(AtomicUsize);

impl Respond for Numbered {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(token_body(&format!("token-{n}"), 3600))
    }
}

#[tokio::test]
async fn token_request_is_client_credentials_with_basic_auth() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .and(header("authorization", BASIC))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "grant_type=client_credentials&resource=https%3A%2F%2Fdefault.logto.app%2Fapi&scope=all",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 3600)))
        .expect(1)
        .mount(&server)
        .await;
    api_mock(TOKEN).expect(2).mount(&server).await;
    let client = m2m(&server);
    client.authorize(&[]).await.expect("first call");
    // The cached token serves the second call.
    client.authorize(&[]).await.expect("second call");
    server.verify().await;
}

#[tokio::test]
async fn cloud_tenant_resource_and_scope_can_be_chosen() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .and(body_string(
            "grant_type=client_credentials&resource=https%3A%2F%2Fabc123.logto.app%2Fapi&scope=read+write",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 3600)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .and(body_string(
            "grant_type=client_credentials&resource=https%3A%2F%2Fapi.example.com&scope=all",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("other", 3600)))
        .expect(1)
        .mount(&server)
        .await;
    api_mock(TOKEN).expect(1).mount(&server).await;
    api_mock("other").expect(1).mount(&server).await;
    let cloud = Logto::builder(server.uri())
        .client_credentials(APP_ID, SECRET)
        .cloud_tenant("abc123")
        .scope("read write")
        .build()
        .expect("client");
    cloud.authorize(&[]).await.expect("cloud call");
    let custom = Logto::builder(server.uri())
        .cloud_tenant("ignored")
        .resource("https://api.example.com")
        .client_credentials(APP_ID, SECRET)
        .build()
        .expect("client");
    custom.authorize(&[]).await.expect("custom resource call");
    server.verify().await;
}

#[test]
fn resource_and_scope_need_client_credentials() {
    let err = Client::builder("http://127.0.0.1:9")
        .bearer("fixed")
        .scope("all")
        .build()
        .expect_err("refused");
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
}

/// A password in the base URL would show in `Debug` output and transport errors, and reqwest
/// would send it as HTTP Basic credentials that Logto ignores: the client refuses it, and says
/// so without repeating it.
#[test]
fn credentials_in_the_base_url_are_refused_without_being_shown() {
    for url in [
        "http://admin:PASS@127.0.0.1:9",
        "http://PASS@127.0.0.1:9/",
        "http:admin:PASS@127.0.0.1:9",
        "http://admin:1#PASS@127.0.0.1:9",
        "http://admin:PASS#x@127.0.0.1:9",
        "http://admin:PASS@[bad",
    ] {
        let builder = Client::builder(url);
        let shown = format!("{builder:?}");
        assert!(!shown.contains("PASS"), "{shown}");
        let err = builder.build().expect_err("refused");
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
        let message = format!("{err} {err:?}");
        assert!(!message.contains("PASS"), "{url}: {message}");
        assert!(message.contains("***@"), "{url}: {message}");
    }
}

/// Sends 100 calls at once and waits for all of them.
async fn hundred_calls(client: &Client) {
    let mut calls = JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { client.authorize(&[]).await.map(|_| ()) });
    }
    while let Some(result) = calls.join_next().await {
        result.expect("task").expect("call");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_calls_without_a_token_cause_one_token_request() {
    let server = MockServer::start().await;
    // The delay keeps the token request in flight while all the calls ask for a token.
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body(TOKEN, 3600))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&server)
        .await;
    api_mock(TOKEN).expect(100).mount(&server).await;
    hundred_calls(&m2m(&server)).await;
    server.verify().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_calls_with_an_expired_token_cause_one_token_request() {
    let server = MockServer::start().await;
    // The first token is expired the moment it arrives; the second one lasts.
    token_mock("expired", 0)
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body(TOKEN, 3600))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&server)
        .await;
    api_mock("expired").expect(1).mount(&server).await;
    api_mock(TOKEN).expect(100).mount(&server).await;
    let client = m2m(&server);
    client
        .authorize(&[])
        .await
        .expect("call with the short-lived token");
    hundred_calls(&client).await;
    server.verify().await;
}

/// 200 calls at once against a token endpoint that fails (slowly): the failure of the one token
/// request in flight is the answer for every call that waited on it, instead of each waiter
/// sending its own request in turn (200 × 300 ms).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_token_request_answers_every_waiting_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_delay(Duration::from_millis(300))
                .set_body_json(serde_json::json!({ "error": "server_error" })),
        )
        .mount(&server)
        .await;
    let client = m2m(&server);
    let started = std::time::Instant::now();
    let mut calls = JoinSet::new();
    for _ in 0..200 {
        let client = client.clone();
        calls.spawn(async move { client.authorize(&[]).await });
    }
    let mut failures = 0;
    while let Some(result) = calls.join_next().await {
        let err = result.expect("task").expect_err("the token endpoint fails");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err:?}");
        failures += 1;
    }
    let elapsed = started.elapsed();
    let token_requests = server.received_requests().await.expect("recorded").len();
    println!("200 callers, failing token endpoint: {token_requests} token requests, {elapsed:?}");
    assert_eq!(failures, 200);
    assert!(token_requests <= 2, "{token_requests} token requests");
    // One request's time plus scheduling; a request per caller would take a minute.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

/// A short-lived token first, failures after that.
struct ExpiringThenFailing(AtomicUsize);

impl Respond for ExpiringThenFailing {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        match self.0.fetch_add(1, Ordering::SeqCst) {
            0 => ResponseTemplate::new(200).set_body_json(token_body("short-lived", 1)),
            _ => ResponseTemplate::new(500)
                .set_delay(Duration::from_millis(100))
                .set_body_json(serde_json::json!({ "error": "server_error" })),
        }
    }
}

/// When the refresh of an expired token fails, the calls waiting on it get the failure, not the
/// expired token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_refresh_never_hands_out_the_expired_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(ExpiringThenFailing(AtomicUsize::new(0)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .respond_with(ResponseTemplate::new(302))
        .mount(&server)
        .await;
    let client = m2m(&server);
    client.authorize(&[]).await.expect("the first token works");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let mut calls = JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        calls.spawn(async move { client.authorize(&[]).await });
    }
    while let Some(result) = calls.join_next().await {
        let err = result.expect("task").expect_err("the refresh failed");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err:?}");
    }
    let api_calls = server
        .received_requests()
        .await
        .expect("recorded")
        .iter()
        .filter(|r| r.url.path() == "/oidc/auth")
        .count();
    assert_eq!(api_calls, 1, "only the first call may reach the API");
}

/// After a failed token request, the next call tries again (after a short pause) and gets the
/// token once the endpoint has recovered.
#[tokio::test]
async fn the_next_call_after_a_token_failure_tries_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    token_mock(TOKEN, 3600).mount(&server).await;
    api_mock(TOKEN).mount(&server).await;
    let client = Logto::builder(server.uri())
        .client_credentials(APP_ID, SECRET)
        .retry_policy(logto_api::RetryPolicy::none())
        .build()
        .expect("client");
    let err = client
        .authorize(&[])
        .await
        .expect_err("first token request fails");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    client
        .authorize(&[])
        .await
        .expect("the second call fetches a token");
}

/// A token endpoint that accepts the connection and never answers is cut off by the
/// per-attempt timeout, not left to the call's overall timeout.
#[tokio::test]
async fn the_token_request_obeys_the_attempt_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(token_response_after(Duration::from_secs(600)))
        .mount(&server)
        .await;
    let client = Logto::builder(server.uri())
        .client_credentials(APP_ID, SECRET)
        .attempt_timeout(Duration::from_millis(300))
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client");
    let err = client.authorize(&[]).await.expect_err("times out");
    // Had the overall timeout applied, the operation would be `Authorize`, after 120 s.
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "ClientCredentials"
            }
        ),
        "{err:?}"
    );
}

fn token_response_after(delay: Duration) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_delay(delay)
        .set_body_json(token_body(TOKEN, 3600))
}

#[tokio::test]
async fn unauthorized_drops_the_token_and_retries_once_with_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(Numbered(AtomicUsize::new(0)))
        .expect(2)
        .mount(&server)
        .await;
    let body = serde_json::json!({ "interactionEvent": "SignIn" });
    Mock::given(method("PUT"))
        .and(path("/api/experience"))
        .and(header("authorization", "Bearer token-1"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/experience"))
        .and(header("authorization", "Bearer token-2"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = m2m(&server);
    let answer = client
        .experience()
        .init_interaction(InitInteractionBody {
            interaction_event: InteractionEvent::SignIn,
            captcha_token: None,
        })
        .send()
        .await
        .expect("the retry succeeds");
    assert_eq!(answer.status.as_u16(), 204);
    server.verify().await;
}

#[tokio::test]
async fn a_second_unauthorized_is_returned_without_another_retry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(Numbered(AtomicUsize::new(0)))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .respond_with(ResponseTemplate::new(401))
        .expect(2)
        .mount(&server)
        .await;
    let err = m2m(&server).authorize(&[]).await.expect_err("401");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("token-1") && !shown.contains("token-2"),
        "{shown}"
    );
    server.verify().await;
}

#[tokio::test]
async fn a_fixed_bearer_token_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .and(header("authorization", "Bearer fixed-token"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let client = Logto::builder(server.uri())
        .bearer("fixed-token")
        .build()
        .expect("client");
    let err = client.authorize(&[]).await.expect_err("401");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    server.verify().await;
}

#[tokio::test]
async fn a_multipart_upload_is_not_retried() {
    let server = MockServer::start().await;
    token_mock(TOKEN, 3600).expect(1).mount(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/my-account/user-assets/avatar"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let body = logto_api::account::types::UploadAccountAvatarBody {
        file: Some(FilePart::new(
            b"<svg/>".to_vec(),
            "avatar.svg",
            "image/svg+xml",
        )),
    };
    let err = m2m(&server)
        .my_account()
        .upload_account_avatar()
        .body(body)
        .send()
        .await
        .expect_err("401");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    server.verify().await;
}

/// The application's own tokens: `old` until invalidated, then `new`.
#[derive(Default)]
struct AppTokens {
    invalidated: AtomicUsize,
    asked: AtomicUsize,
}

impl TokenProvider for AppTokens {
    fn token(&self) -> BoxFuture<'_, logto_api::Result<AccessToken>> {
        Box::pin(async move {
            self.asked.fetch_add(1, Ordering::SeqCst);
            let token = if self.invalidated.load(Ordering::SeqCst) == 0 {
                "old"
            } else {
                "new"
            };
            Ok(AccessToken::new(token))
        })
    }

    fn invalidate(&self) {
        self.invalidated.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_token_provider_is_invalidated_and_asked_again_on_unauthorized() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .and(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    api_mock("new").expect(1).mount(&server).await;
    let tokens = Arc::new(AppTokens::default());
    let client = Logto::builder(server.uri())
        .token_provider(tokens.clone())
        .build()
        .expect("client");
    client.authorize(&[]).await.expect("the retry succeeds");
    assert_eq!(tokens.invalidated.load(Ordering::SeqCst), 1);
    assert_eq!(tokens.asked.load(Ordering::SeqCst), 2);
    server.verify().await;
}

#[tokio::test]
async fn secrets_and_tokens_stay_out_of_debug_output_and_errors() {
    let server = MockServer::start().await;
    token_mock(TOKEN, 3600).expect(1).mount(&server).await;
    api_mock(TOKEN).expect(1).mount(&server).await;
    let builder = Logto::builder(server.uri()).client_credentials(APP_ID, SECRET);
    let shown = format!("{builder:?}");
    assert!(shown.contains(APP_ID) && !shown.contains(SECRET), "{shown}");
    let client = builder.build().expect("client");
    client.authorize(&[]).await.expect("call");
    // The token is cached now: neither it nor the secret may show.
    let shown = format!("{client:?} {client:#?}");
    assert!(!shown.contains(SECRET) && !shown.contains(TOKEN), "{shown}");
    let bearer = client.with_bearer_token(TOKEN);
    assert!(!format!("{bearer:?}").contains(TOKEN));
    let fixed = Logto::builder(server.uri()).bearer(TOKEN);
    assert!(!format!("{fixed:?}").contains(TOKEN));
    assert!(!format!("{:?}", AccessToken::new(TOKEN)).contains(TOKEN));
    server.verify().await;
}

#[tokio::test]
async fn a_rejected_token_request_is_a_clear_error_without_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": "invalid_client",
            "error_description": "client authentication failed",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let err = m2m(&server).authorize(&[]).await.expect_err("no token");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.code(), Some("invalid_client"));
    assert_eq!(err.as_api().map(|e| e.operation), Some("ClientCredentials"));
    let shown = format!("{err} | {err:?} | {err:#?}");
    assert!(shown.contains("client authentication failed"), "{shown}");
    assert!(!shown.contains(SECRET) && !shown.contains(BASIC), "{shown}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
    server.verify().await;
}

#[tokio::test]
async fn a_refused_verification_record_keeps_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .and(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "code": "verification_record.permission_denied",
            "message": "verify again"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let tokens = Arc::new(AppTokens::default());
    let client = Logto::builder(server.uri())
        .token_provider(tokens.clone())
        .build()
        .expect("client");
    let err = client.authorize(&[]).await.expect_err("401");
    assert!(
        err.is_code("verification_record.permission_denied"),
        "{err:?}"
    );
    // The token was fine: not dropped, and the call not repeated.
    assert_eq!(tokens.invalidated.load(Ordering::SeqCst), 0);
    assert_eq!(tokens.asked.load(Ordering::SeqCst), 1);
    server.verify().await;
}
