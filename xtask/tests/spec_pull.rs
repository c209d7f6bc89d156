//! `cargo xtask spec pull` end to end: the real binary against servers on 127.0.0.1.
//!
//! Answers come from wiremock; the two cases wiremock cannot play (a server that accepts and then
//! says nothing, and no server at all) use plain std sockets.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const DOC_PATH: &str = "/api/.well-known/management.openapi.json";

/// A small valid OpenAPI 3.0 document whose keys are deliberately out of order.
fn document(extra_operation: bool) -> serde_json::Value {
    let mut doc = serde_json::json!({
        "paths": {
            "/api/users": {
                "get": {
                    "responses": {"200": {"description": "ok"}},
                    "operationId": "ListUsers"
                }
            }
        },
        "openapi": "3.0.1",
        "info": {"version": "Cloud", "title": "Logto API"}
    });
    if extra_operation {
        doc["paths"]["/api/roles"] = serde_json::json!({
            "get": {"operationId": "ListRoles", "responses": {"200": {"description": "ok"}}}
        });
    }
    doc
}

/// A fresh, empty directory for one test under cargo's per-target scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("spec_pull")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch dir");
    dir
}

/// Runs `xtask spec pull ARGS`; TMPDIR points into `dir` so the kept previous version stays there.
fn pull(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["spec", "pull"])
        .args(args)
        .env("TMPDIR", dir)
        .output()
        .expect("run the xtask binary")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts a failed run whose message contains every one of `needles`; returns the message.
fn assert_fails_with(output: &Output, needles: &[&str]) -> String {
    let message = stderr(output);
    assert!(
        !output.status.success(),
        "expected failure, got success: {}",
        stdout(output)
    );
    for needle in needles {
        assert!(message.contains(needle), "{needle:?} not in: {message}");
    }
    message
}

async fn serve(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(DOC_PATH))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

#[tokio::test(flavor = "multi_thread")]
async fn pulls_normalises_and_reports_drift() {
    let dir = scratch("drift");
    let out = dir.join("management.json");
    let out_arg = out.to_str().unwrap();
    let server = serve(ResponseTemplate::new(200).set_body_json(document(false))).await;
    let url = format!("{}{DOC_PATH}", server.uri());

    let first = pull(&dir, &["--url", &url, "--out", out_arg]);
    assert!(first.status.success(), "{}", stderr(&first));
    let text = std::fs::read_to_string(&out).unwrap();
    let expected = "{\n  \"info\": {\n    \"title\": \"Logto API\",\n    \"version\": \"Cloud\"\n  },\n  \"openapi\": \"3.0.1\",\n  \"paths\": {\n    \"/api/users\": {\n      \"get\": {\n        \"operationId\": \"ListUsers\",\n        \"responses\": {\n          \"200\": {\n            \"description\": \"ok\"\n          }\n        }\n      }\n    }\n  }\n}\n";
    assert_eq!(text, expected);
    assert!(
        stdout(&first).contains("OpenAPI 3.0.1, 1 paths, 1 operations"),
        "{}",
        stdout(&first)
    );

    // Same answer again: nothing to write, nothing to report.
    let again = pull(&dir, &["--url", &url, "--out", out_arg]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("unchanged"), "{}", stdout(&again));

    server.reset().await;
    Mock::given(method("GET"))
        .and(path(DOC_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(document(true)))
        .mount(&server)
        .await;
    let second = pull(&dir, &["--url", &url, "--out", out_arg]);
    assert!(second.status.success(), "{}", stderr(&second));
    let printed = stdout(&second);
    assert!(
        printed.lines().any(|l| l.starts_with("drift: ")),
        "{printed}"
    );
    let kept = dir
        .join("logto-api-spec-pull")
        .join("management.previous.json");
    assert!(
        printed.contains(&format!(
            "cargo xtask spec diff {} {out_arg}",
            kept.display()
        )),
        "{printed}"
    );
    assert_eq!(std::fs::read_to_string(kept).unwrap(), expected);
    assert!(std::fs::read_to_string(&out).unwrap().contains("ListRoles"));
}

#[tokio::test(flavor = "multi_thread")]
async fn keep_order_writes_the_served_order() {
    let dir = scratch("keep_order");
    let out = dir.join("x.json");
    let server = serve(ResponseTemplate::new(200).set_body_json(document(false))).await;
    let url = format!("{}{DOC_PATH}", server.uri());
    let output = pull(
        &dir,
        &[
            "--url",
            &url,
            "--out",
            out.to_str().unwrap(),
            "--keep-order",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("{\n  \"paths\": {"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn html_is_not_json() {
    let dir = scratch("html");
    let out = dir.join("x.json");
    let html = "<!DOCTYPE html>\n<html><body>Logto console</body></html>";
    let server =
        serve(ResponseTemplate::new(200).set_body_raw(html, "text/html; charset=utf-8")).await;
    let url = format!("{}{DOC_PATH}", server.uri());
    let output = pull(&dir, &["--url", &url, "--out", out.to_str().unwrap()]);
    assert_fails_with(&output, &["not JSON", "text/html", "<!DOCTYPE html>"]);
    assert!(!out.exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn server_error_shows_status_and_body() {
    let dir = scratch("status");
    let out = dir.join("x.json");
    let body = r#"{"code":"guard.invalid_input","message":"boom"}"#;
    let server = serve(ResponseTemplate::new(500).set_body_raw(body, "application/json")).await;
    let url = format!("{}{DOC_PATH}", server.uri());
    let output = pull(&dir, &["--url", &url, "--out", out.to_str().unwrap()]);
    assert_fails_with(
        &output,
        &["500 Internal Server Error", "guard.invalid_input"],
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn json_that_is_not_openapi_3_0_is_refused() {
    let dir = scratch("loader");
    let out = dir.join("x.json");
    // Valid JSON and the right version, but `paths` must be an object: only the loader sees it.
    let doc = serde_json::json!({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": []});
    let server = serve(ResponseTemplate::new(200).set_body_json(doc)).await;
    let url = format!("{}{DOC_PATH}", server.uri());
    let output = pull(&dir, &["--url", &url, "--out", out.to_str().unwrap()]);
    assert_fails_with(&output, &["not a valid OpenAPI 3.0 document", "/paths"]);
}

#[test]
fn silent_server_times_out() {
    let dir = scratch("timeout");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accept and hold the connection without answering, until the test ends.
    std::thread::spawn(move || {
        let held: Vec<_> = listener.incoming().take(1).collect();
        std::thread::sleep(std::time::Duration::from_secs(10));
        drop(held);
    });
    let url = format!("http://127.0.0.1:{port}{DOC_PATH}");
    let out = dir.join("x.json");
    let started = std::time::Instant::now();
    let output = pull(
        &dir,
        &[
            "--url",
            &url,
            "--out",
            out.to_str().unwrap(),
            "--timeout",
            "1",
        ],
    );
    assert_fails_with(&output, &["timed out", &url]);
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
}

#[test]
fn nothing_listening_is_unreachable() {
    let dir = scratch("refused");
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}{DOC_PATH}");
    let out = dir.join("x.json");
    let output = pull(&dir, &["--url", &url, "--out", out.to_str().unwrap()]);
    assert_fails_with(&output, &["cannot reach", "connection refused", &url]);
}

#[test]
fn file_with_swagger_2_is_refused() {
    let dir = scratch("swagger");
    let input = dir.join("swagger.json");
    std::fs::write(&input, r#"{"swagger": "2.0", "info": {}, "paths": {}}"#).unwrap();
    let out = dir.join("x.json");
    let output = pull(
        &dir,
        &[
            "--file",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_fails_with(&output, &["Swagger 2.0", "only OpenAPI 3.0.x"]);
    assert!(!out.exists());
}

#[test]
fn file_with_openapi_3_1_is_refused() {
    let dir = scratch("openapi31");
    let input = dir.join("v31.json");
    std::fs::write(
        &input,
        r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
    )
    .unwrap();
    let out = dir.join("x.json");
    let output = pull(
        &dir,
        &[
            "--file",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_fails_with(&output, &["OpenAPI 3.1.0", "only OpenAPI 3.0.x"]);
}

#[test]
fn file_with_invalid_json_names_line_and_column() {
    let dir = scratch("invalid_json");
    let input = dir.join("broken.json");
    std::fs::write(
        &input,
        "{\n  \"openapi\": \"3.0.1\",\n  \"paths\": {,}\n}\n",
    )
    .unwrap();
    let out = dir.join("x.json");
    let output = pull(
        &dir,
        &[
            "--file",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let expected = format!("{}:3:13: invalid JSON", input.display());
    assert_fails_with(&output, &[&expected]);
}

#[test]
fn file_pull_writes_normal_form() {
    let dir = scratch("file");
    let input = dir.join("served.json");
    std::fs::write(&input, serde_json::to_string(&document(false)).unwrap()).unwrap();
    let out = dir.join("x.json");
    let output = pull(
        &dir,
        &[
            "--file",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("{\n  \"info\": {\n    \"title\""),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
}

#[test]
fn usage_errors_do_not_panic() {
    let dir = scratch("usage");
    for args in [
        &[][..],
        &["--url"],
        &["--file", "a.json"],
        &["--url", "x", "--out", "o", "--timeout", "soon"],
    ] {
        let output = pull(&dir, args);
        let message = assert_fails_with(&output, &["spec pull"]);
        assert!(!message.contains("panicked"), "{message}");
    }
}
