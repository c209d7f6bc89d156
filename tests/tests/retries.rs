//! Retries, timeouts and tracing against a loopback mock that fails in each retryable way.

use logto_api::{Client, Error, RetryPolicy};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Small delays keep the suite fast; the attempt count stays the default 3.
fn client(server: &MockServer) -> Client {
    builder(&server.uri()).build().expect("client")
}

fn builder(uri: &str) -> logto_api::ClientBuilder {
    Client::builder(uri).retry_policy(
        RetryPolicy::default()
            .base_delay(Duration::from_millis(10))
            .max_delay(Duration::from_millis(50)),
    )
}

/// `GET /oidc/auth` answers `status` for the first `times` requests.
async fn fail_get(server: &MockServer, status: u16, times: u64) {
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .respond_with(ResponseTemplate::new(status))
        .up_to_n_times(times)
        .mount(server)
        .await;
}

async fn ok_get(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .respond_with(ResponseTemplate::new(302))
        .mount(server)
        .await;
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.expect("recorded").len()
}

fn api_status(error: &Error) -> Option<u16> {
    error.as_api().map(|e| e.status.as_u16())
}

#[tokio::test]
async fn get_503_then_success_takes_two_attempts() {
    let server = MockServer::start().await;
    fail_get(&server, 503, 1).await;
    ok_get(&server).await;
    client(&server).authorize(&[]).await.expect("retried");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    ok_get(&server).await;
    let started = Instant::now();
    client(&server).authorize(&[]).await.expect("retried");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn bad_gateway_and_gateway_timeout_are_retried() {
    for status in [502, 504] {
        let server = MockServer::start().await;
        fail_get(&server, status, 1).await;
        ok_get(&server).await;
        client(&server).authorize(&[]).await.expect("retried");
        assert_eq!(requests(&server).await, 2, "status {status}");
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = MockServer::start().await;
    fail_get(&server, 500, 1).await;
    ok_get(&server).await;
    let error = client(&server).authorize(&[]).await.expect_err("500");
    assert_eq!(api_status(&error), Some(500));
    assert_eq!(requests(&server).await, 1);
}

async fn post_503_then_ok(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/api/experience/submit"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/experience/submit"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"redirectTo": "x"})),
        )
        .mount(server)
        .await;
}

#[tokio::test]
async fn post_is_retried_only_on_opt_in() {
    let server = MockServer::start().await;
    post_503_then_ok(&server).await;
    let client = client(&server);
    let error = client
        .experience()
        .submit_interaction()
        .send()
        .await
        .expect_err("not retried");
    assert_eq!(api_status(&error), Some(503));
    assert_eq!(requests(&server).await, 1);

    server.reset().await;
    post_503_then_ok(&server).await;
    client
        .with_retry_non_idempotent()
        .experience()
        .submit_interaction()
        .send()
        .await
        .expect("retried");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn exhausted_attempts_return_the_last_answer() {
    let server = MockServer::start().await;
    fail_get(&server, 503, 10).await;
    let error = client(&server).authorize(&[]).await.expect_err("503");
    assert_eq!(api_status(&error), Some(503));
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn no_retries_means_one_attempt() {
    let server = MockServer::start().await;
    fail_get(&server, 503, 10).await;
    let client = Client::builder(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let error = client.authorize(&[]).await.expect_err("503");
    assert_eq!(api_status(&error), Some(503));
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test(flavor = "current_thread")]
async fn connection_errors_are_retried_then_reported() {
    // A port that was just free: nothing listens there any more.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let uri = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let client = builder(&uri).build().expect("client");
    // Nothing reaches a server to count, so the span's attempt number shows the retries.
    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(capture.clone());
    let error = client.authorize(&[]).await.expect_err("refused");
    drop(guard);
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    let out = capture.0.lock().expect("lock").clone();
    assert!(out.contains("attempt=3"), "{out}");
    assert!(out.contains("reason=\"connection error\""), "{out}");
}

#[tokio::test]
async fn attempt_timeouts_are_retried_then_reported() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/auth"))
        .respond_with(ResponseTemplate::new(302).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = builder(&server.uri())
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let error = client.authorize(&[]).await.expect_err("slow");
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(requests(&server).await, 3);
}

/// A `Retry-After` longer than the time the call has left is not slept into a timeout: the
/// answer comes back at once, with the wait the server asked for. If the client slept, this
/// call would end as `Error::Timeout` after 5 s instead.
#[tokio::test]
async fn a_wait_longer_than_the_time_left_returns_the_answer_at_once() {
    for (status, retry_after, wait) in [
        (429, "999999", Some(Duration::from_secs(999_999))),
        (503, "30", Some(Duration::from_secs(30))),
        (429, "Wed, 21 Oct 2099 07:28:00 GMT", None),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/oidc/auth"))
            .respond_with(ResponseTemplate::new(status).insert_header("retry-after", retry_after))
            .mount(&server)
            .await;
        let client = builder(&server.uri())
            .timeout(Duration::from_secs(5))
            .build()
            .expect("client");
        let error = client.authorize(&[]).await.expect_err("refused");
        assert_eq!(api_status(&error), Some(status), "{error:?}");
        let asked = error.retry_after().expect("the wait is exposed");
        match wait {
            Some(wait) => assert_eq!(asked, wait),
            // An HTTP date decades ahead.
            None => assert!(asked > Duration::from_secs(60 * 60 * 24 * 365), "{asked:?}"),
        }
        assert_eq!(requests(&server).await, 1);
    }
}

/// Writes every span's and event's fields into one string, to look for fields and secrets.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut out = self.0.lock().expect("lock");
        let _ = write!(out, "\nspan {}:", span.metadata().name());
        span.record(&mut Fields(&mut out));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut out = self.0.lock().expect("lock");
        out.push_str("\nrecord:");
        values.record(&mut Fields(&mut out));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut out = self.0.lock().expect("lock");
        out.push_str("\nevent:");
        event.record(&mut Fields(&mut out));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn calls_are_traced_without_secrets() {
    const TOKEN: &str = "super-secret-bearer-token";
    let server = MockServer::start().await;
    fail_get(&server, 503, 1).await;
    ok_get(&server).await;
    let client = client(&server).with_bearer_token(TOKEN);
    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(capture.clone());
    client
        .authorize(&[("state", "query-secret")])
        .await
        .expect("retried");
    drop(guard);
    let out = capture.0.lock().expect("lock").clone();
    for field in [
        "span logto_api.call:",
        "operation=\"Authorize\"",
        "method=GET",
        "path=\"/oidc/auth\"",
        "attempt=2",
        "status=302",
        "latency_ms=",
        "reason=\"503\"",
    ] {
        assert!(out.contains(field), "missing {field} in {out}");
    }
    assert!(!out.contains(TOKEN), "{out}");
    assert!(!out.contains("query-secret"), "{out}");
}
