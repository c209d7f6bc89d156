//! The client against a hostile server on 127.0.0.1: answers too large to hold, bodies nested too
//! deep to decode naively, and JSON nested as deep as Logto stores it. Every server here is
//! bounded in what it sends and stops when the client hangs up.

use logto_api::management::types::UpdateUserCustomDataBody;
use logto_api::{Client, Error, DEFAULT_MAX_RESPONSE_SIZE};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the hostile server answers to every request.
#[derive(Clone, Copy)]
enum Answer {
    /// `200` with `Content-Length: length`, then that many bytes (or until the client leaves).
    Announced { length: u64 },
    /// `200` with a chunked body of `length` bytes, no length announced.
    Streamed { length: u64 },
}

/// Serves `answer` on a loopback port; the counter holds the body bytes written so far.
async fn hostile_server(answer: Answer) -> (String, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let written = Arc::new(AtomicU64::new(0));
    let counter = written.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket, answer, counter.clone()));
        }
    });
    (url, written)
}

async fn serve(mut socket: TcpStream, answer: Answer, written: Arc<AtomicU64>) {
    // The request head; these requests carry no body.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match socket.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let (framing, length, chunked) = match answer {
        Answer::Announced { length } => (format!("content-length: {length}"), length, false),
        Answer::Streamed { length } => ("transfer-encoding: chunked".to_owned(), length, true),
    };
    let response_head =
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{framing}\r\n\r\n");
    if socket.write_all(response_head.as_bytes()).await.is_err() {
        return;
    }
    let block = vec![b' '; 64 * 1024];
    let mut sent = 0u64;
    while sent < length {
        let n = usize::try_from((length - sent).min(block.len() as u64)).expect("fits");
        let result = if chunked {
            let mut chunk = format!("{n:x}\r\n").into_bytes();
            chunk.extend_from_slice(&block[..n]);
            chunk.extend_from_slice(b"\r\n");
            socket.write_all(&chunk).await
        } else {
            socket.write_all(&block[..n]).await
        };
        if result.is_err() {
            return; // The client hung up: what a bounded reader does.
        }
        sent += n as u64;
        written.store(sent, Ordering::Relaxed);
    }
    if chunked {
        let _ = socket.write_all(b"0\r\n\r\n").await;
    }
}

const MIB: u64 = 1024 * 1024;

fn expect_too_large(err: &Error, limit: u64) {
    match err {
        Error::ResponseTooLarge {
            operation,
            status,
            limit: reported,
        } => {
            assert_eq!(*operation, "GetUser");
            assert_eq!(status.as_u16(), 200);
            assert_eq!(*reported, limit);
            assert!(err.to_string().contains(&limit.to_string()), "{err}");
        }
        other => panic!("expected ResponseTooLarge, got {other:?}"),
    }
}

/// A 200 MB answer announced by its `Content-Length` is refused before its body is read.
#[tokio::test]
async fn an_announced_oversized_answer_is_refused_unread() {
    let (url, written) = hostile_server(Answer::Announced { length: 200 * MIB }).await;
    let client = Client::new(url).expect("client").with_bearer_token("t");
    let err = client.users().get_user("u1").send().await.unwrap_err();
    expect_too_large(&err, DEFAULT_MAX_RESPONSE_SIZE);
    // The server may have pushed some bytes into socket buffers, never the answer.
    assert!(written.load(Ordering::Relaxed) < 200 * MIB);
}

/// A streamed answer with no length is cut off once it passes the limit; the client does not
/// read to the end, and the next call on the same client still works.
#[tokio::test]
async fn a_streamed_oversized_answer_is_cut_off_while_reading() {
    let limit = MIB;
    let (url, written) = hostile_server(Answer::Streamed { length: 512 * MIB }).await;
    let client = Client::builder(url)
        .bearer_token("t")
        .max_response_size(limit)
        .build()
        .expect("client");
    for _ in 0..2 {
        let err = client.users().get_user("u1").send().await.unwrap_err();
        expect_too_large(&err, limit);
    }
    let sent = written.load(Ordering::Relaxed);
    assert!(sent < 64 * MIB, "the client read on: {sent} bytes sent");
}

/// A body within the limit is read whole, whatever its framing.
#[tokio::test]
async fn answers_within_the_limit_are_read() {
    for answer in [
        Answer::Announced { length: 4 * 1024 },
        Answer::Streamed { length: 4 * 1024 },
    ] {
        let (url, _) = hostile_server(answer).await;
        let client = Client::builder(url)
            .bearer_token("t")
            .max_response_size(4 * 1024)
            .build()
            .expect("client");
        // All spaces: a complete answer that is not a user, so it fails to decode, not to read.
        let err = client.users().get_user("u1").send().await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    }
}

/// A loopback server answering every request with `template`, and a client with a bearer
/// token pointed at it.
async fn answering(template: wiremock::ResponseTemplate) -> (wiremock::MockServer, Client) {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    let client = Client::new(server.uri())
        .expect("client")
        .with_bearer_token("t");
    (server, client)
}

/// `count` levels of arrays around `inner`.
fn nested(count: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(count), "]".repeat(count))
}

/// A user whose `customData` nests 1,000 levels deep (Logto stores that) decodes, and sending
/// it back sends the same JSON, on the test thread's ordinary stack.
#[tokio::test]
async fn deeply_nested_custom_data_round_trips() {
    use wiremock::matchers::{method, path};
    let server = wiremock::MockServer::start().await;
    let custom = format!("{{\"deep\":{}}}", nested(1000, "1"));
    // A user created with a username only, but for its custom data.
    let user = format!(
        "{{\"id\":\"u1\",\"username\":\"pierre\",\"primaryEmail\":null,\"primaryPhone\":null,\
         \"name\":null,\"avatar\":null,\"customData\":{custom},\"identities\":{{}},\
         \"lastSignInAt\":null,\"createdAt\":1794000000100,\"updatedAt\":1794000000100,\
         \"profile\":{{}},\"applicationId\":null,\"isSuspended\":false,\"hasPassword\":false}}"
    );
    wiremock::Mock::given(method("GET"))
        .and(path("/api/users/u1"))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_raw(user.into_bytes(), "application/json"),
        )
        .mount(&server)
        .await;
    wiremock::Mock::given(method("PATCH"))
        .and(path("/api/users/u1/custom-data"))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_raw(custom.clone().into_bytes(), "application/json"),
        )
        .mount(&server)
        .await;
    let client = Client::new(server.uri())
        .expect("client")
        .with_bearer_token("t");
    let user = client
        .users()
        .get_user("u1")
        .send()
        .await
        .expect("1,000 levels decode")
        .into_body();
    let body = UpdateUserCustomDataBody {
        custom_data: user.custom_data,
    };
    let stored = client
        .users()
        .update_user_custom_data("u1", body)
        .send()
        .await
        .expect("1,000 levels encode and decode again")
        .into_body();
    let requests = server.received_requests().await.expect("recorded");
    let sent = String::from_utf8_lossy(&requests[1].body);
    assert!(
        sent == format!("{{\"customData\":{custom}}}"),
        "the PATCH body differs from what was read"
    );
    assert_eq!(stored.len(), 1);
}

/// A body nested 100,000 levels deep is a typed decode error, not a stack overflow.
#[tokio::test]
async fn a_hostile_deep_body_is_a_decode_error() {
    let (_server, client) = answering(
        wiremock::ResponseTemplate::new(200)
            .set_body_raw(nested(100_000, "").into_bytes(), "application/json"),
    )
    .await;
    let err = client.users().get_user("u1").send().await.unwrap_err();
    match &err {
        Error::Decode { source, .. } => {
            assert!(source.to_string().contains("deeper than"), "{source}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

/// A caller's HTTP client that follows redirects (reqwest's default) still follows none: a
/// `307` to another origin would carry the bearer token, the verification id and the password
/// in the body there. The other origin receives nothing, and the undocumented redirect is an
/// error that shows where it pointed.
#[tokio::test]
async fn credentials_never_follow_a_redirect_to_another_origin() {
    use logto_api::account::types::PasswordBody;
    use wiremock::matchers::any;
    let elsewhere = wiremock::MockServer::start().await;
    wiremock::Mock::given(any())
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&elsewhere)
        .await;
    let origin = wiremock::MockServer::start().await;
    let location = format!("{}/collect", elsewhere.uri());
    for status in [301, 302, 303, 307, 308] {
        origin.reset().await;
        wiremock::Mock::given(any())
            .respond_with(
                wiremock::ResponseTemplate::new(status)
                    .insert_header("location", location.as_str()),
            )
            .mount(&origin)
            .await;
        let client = Client::builder(origin.uri())
            .http_client(reqwest::Client::builder())
            .bearer_token("user-access-token")
            .build()
            .expect("client")
            .with_verification_id("verification-record-id")
            .expect("header");
        let body = PasswordBody {
            password: "a-new-long-password".into(),
        };
        let err = client
            .my_account()
            .update_password(body)
            .send()
            .await
            .unwrap_err();
        match &err {
            Error::UnexpectedStatus {
                status: got,
                headers,
                ..
            } => {
                assert_eq!(got.as_u16(), status);
                assert_eq!(
                    headers.get("location").and_then(|v| v.to_str().ok()),
                    Some(location.as_str())
                );
            }
            other => panic!("{status}: expected UnexpectedStatus, got {other:?}"),
        }
        assert_eq!(origin.received_requests().await.expect("recorded").len(), 1);
    }
    let leaked = elsewhere.received_requests().await.expect("recorded");
    assert!(
        leaked.is_empty(),
        "another origin received {} requests",
        leaked.len()
    );
}

/// A single-status operation answered with a status it does not document (a `302` with a JSON
/// body, a `203`) is an error carrying the status, headers and an excerpt, not a success.
#[tokio::test]
async fn undocumented_success_statuses_are_errors() {
    for status in [203, 302] {
        let (_server, client) = answering(
            wiremock::ResponseTemplate::new(status)
                .insert_header("x-trace", "abc")
                .set_body_raw(&b"{\"id\":\"u1\"}"[..], "application/json"),
        )
        .await;
        let err = client.users().get_user("u1").send().await.unwrap_err();
        match &err {
            Error::UnexpectedStatus {
                operation,
                status: got,
                headers,
                excerpt,
            } => {
                assert_eq!(*operation, "GetUser");
                assert_eq!(got.as_u16(), status);
                assert_eq!(
                    headers.get("x-trace").and_then(|v| v.to_str().ok()),
                    Some("abc")
                );
                assert!(excerpt.contains("u1"), "{excerpt}");
            }
            other => panic!("{status}: expected UnexpectedStatus, got {other:?}"),
        }
    }
}

/// Answers `200 {}` and sets 50 cookies never seen before.
struct CookieFlood(std::sync::atomic::AtomicUsize);

impl wiremock::Respond for CookieFlood {
    fn respond(&self, _: &wiremock::Request) -> wiremock::ResponseTemplate {
        let answer = self.0.fetch_add(1, Ordering::SeqCst);
        let mut template = wiremock::ResponseTemplate::new(302);
        for n in 0..50 {
            template = template.append_header("set-cookie", format!("a{answer}c{n}=value; Path=/"));
        }
        template
    }
}

/// 20 answers that each set 50 new cookies: later requests carry at most 50 cookies (RFC 6265
/// §6.1's per-domain minimum, the oldest dropped first), not all 1,000.
#[tokio::test]
async fn a_cookie_flood_does_not_grow_every_request() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(CookieFlood(std::sync::atomic::AtomicUsize::new(0)))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    for _ in 0..21 {
        client
            .authorize(&[])
            .await
            .expect("a redirect is authorize's answer");
    }
    let requests = server.received_requests().await.expect("recorded");
    let last = requests.last().expect("a request");
    let cookie = last
        .headers
        .get("cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let count = cookie.split("; ").count();
    assert_eq!(count, 50, "{count} cookies in {} bytes", cookie.len());
    // The newest answer's cookies are kept.
    assert!(
        cookie.split("; ").all(|pair| pair.starts_with("a19c")),
        "{cookie}"
    );
}

/// `count` levels of `{"k": ...}` around `inner`.
fn nested_objects(count: usize, inner: &str) -> String {
    format!("{}{inner}{}", "{\"k\":".repeat(count), "}".repeat(count))
}

/// Deep JSON inside generated unions (a tagged union decodes its branch from a `Value`, serde
/// buffers an untagged one and reads it again) on a tokio worker's 2 MiB stack: the answer
/// decodes, and past the limit it is a typed error, never a stack overflow.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_json_inside_unions_decodes_on_a_worker_stack() {
    let depth = logto_api::MAX_JSON_DEPTH - 10;
    let customizers = format!(
        "[{{\"key\":\"jwt.accessToken\",\"value\":{{\"script\":\"s\",\"contextSample\":\
         {{\"user\":{{\"customData\":{{\"d\":{}}}}}}}}}}}]",
        nested(depth, "1")
    );
    let phrases = format!(
        "[{{\"tenantId\":\"default\",\"id\":\"p1\",\"languageTag\":\"en\",\"translation\":{}}}]",
        nested_objects(depth, "\"text\"")
    );
    let (_a, jwt) = answering(
        wiremock::ResponseTemplate::new(200)
            .set_body_raw(customizers.into_bytes(), "application/json"),
    )
    .await;
    let (_b, custom) = answering(
        wiremock::ResponseTemplate::new(200).set_body_raw(phrases.into_bytes(), "application/json"),
    )
    .await;
    let on_worker = tokio::spawn(async move {
        let customizers = jwt.configs().list_jwt_customizers().send().await.map(drop);
        let phrases = custom
            .custom_phrases()
            .list_custom_phrases()
            .send()
            .await
            .map(drop);
        (customizers, phrases)
    });
    let (customizers, phrases) = on_worker.await.expect("no overflow on the worker");
    customizers.expect("a tagged union with deep JSON decodes");
    phrases.expect("an untagged union with deep JSON decodes");
}

/// The session cookie a server sets travels in the headers an error keeps; `Debug` of the
/// error must not show its value.
#[tokio::test]
async fn set_cookie_values_stay_out_of_error_output() {
    for status in [400, 302] {
        let (_server, client) = answering(
            wiremock::ResponseTemplate::new(status)
                .insert_header("set-cookie", "_interaction=SESSION-SECRET; path=/")
                .set_body_raw(
                    &b"{\"code\":\"x.y\",\"message\":\"m\"}"[..],
                    "application/json",
                ),
        )
        .await;
        let err = client.users().get_user("u1").send().await.unwrap_err();
        let shown = format!("{err:?} {err}");
        assert!(!shown.contains("SESSION-SECRET"), "{status}: {shown}");
    }
}

/// An error body whose `data` nests deeply still yields Logto's code.
#[tokio::test]
async fn deep_error_data_keeps_the_code() {
    let body = format!(
        "{{\"code\":\"user.not_found\",\"message\":\"m\",\"data\":{}}}",
        nested(500, "")
    );
    let (_server, client) = answering(
        wiremock::ResponseTemplate::new(404).set_body_raw(body.into_bytes(), "application/json"),
    )
    .await;
    let err = client.users().get_user("u1").send().await.unwrap_err();
    assert_eq!(err.code(), Some("user.not_found"), "{err:?}");
}
