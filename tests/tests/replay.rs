//! Replays the real traffic recorded against Logto 1.42 (`../shared/recordings/logto-1.42`, read
//! at test time, never copied): each recorded answer of an Experience, Account or Management
//! operation is served from a loopback mock and fetched through the table's typed call. A 2xx/3xx
//! answer must decode, and a JSON one must re-encode to an equal value (numbers compared by value,
//! and a `null` member may come back left out: outside PATCH bodies `null` reads as `None`); a
//! 4xx/5xx answer must become `Error::Api` with the recorded status and Logto error code.

// Panicking on a broken fixture is the point of a test.
#![allow(clippy::unwrap_used)]

mod support;

use logto_api::Error;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{json as sjson, Case, Doc};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Exchanges (`file#index`) whose replay is known to fail because of a generator or runtime
/// bug, with the reason. They still run and are printed; the test fails if one starts passing.
const KNOWN_BUGS: &[(&str, &str)] = &[];

fn recordings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/recordings/logto-1.42")
}

/// Per-document counts for the summary line.
#[derive(Default)]
struct Tally {
    operations: std::collections::BTreeSet<&'static str>,
    replayed: usize,
    success_decoded: usize,
    json_equal: usize,
    errors_decoded: usize,
}

/// The recorded answer as a mock response: status, content type and body as sent.
fn template(response: &Value) -> ResponseTemplate {
    let status = response["status"].as_u64().expect("a recorded status") as u16;
    let template = ResponseTemplate::new(status);
    let content_type = response["headers"]["content-type"].as_str();
    match (&response["body"], content_type) {
        (Value::Null, None) => template,
        (body, Some(ct)) if ct.contains("json") => {
            template.set_body_raw(serde_json::to_vec(body).unwrap(), ct)
        }
        (Value::String(text), Some(ct)) => template.set_body_raw(text.clone().into_bytes(), ct),
        (Value::String(text), None) => template.set_body_bytes(text.clone().into_bytes()),
        (other, ct) => panic!("unexpected recorded body {other} with content type {ct:?}"),
    }
}

/// Checks one replayed answer; `Err` says what is wrong.
fn check(exchange: &Value, result: support::CallResult, tally: &mut Tally) -> Result<(), String> {
    let response = &exchange["response"];
    let status = response["status"].as_u64().expect("a recorded status") as u16;
    let body = &response["body"];
    let is_json = response["headers"]["content-type"]
        .as_str()
        .is_some_and(|ct| ct.contains("json"));
    if status < 400 {
        let out = result.map_err(|e| format!("recorded {status} answer does not decode: {e}"))?;
        if out.status != status {
            return Err(format!("status {status} decoded as {}", out.status));
        }
        if is_json {
            if let Some(d) = sjson::diff_answer(body, &out.body) {
                return Err(format!(
                    "decoded {status} answer re-encodes differently: {d}"
                ));
            }
            tally.json_equal += 1;
        } else if let (Value::String(text), Value::String(decoded)) = (body, &out.body) {
            // A text answer decoded as text must be kept verbatim.
            if text != decoded {
                return Err(format!("text answer {text:?} decoded as {decoded:?}"));
            }
        }
        tally.success_decoded += 1;
        return Ok(());
    }
    let err = match result {
        Ok(out) => {
            return Err(format!(
                "recorded {status} error decoded as success: {}",
                sjson::short(&out.body)
            ))
        }
        Err(e) => e,
    };
    let Error::Api(api) = &err else {
        return Err(format!(
            "recorded {status} error became {err:?}, not Error::Api"
        ));
    };
    if api.status.as_u16() != status {
        return Err(format!(
            "recorded status {status}, Error::Api has {}",
            api.status
        ));
    }
    if let Some(code) = body.get("code").and_then(Value::as_str) {
        if err.code() != Some(code) {
            return Err(format!(
                "recorded code {code:?}, Error::Api has {:?}",
                err.code()
            ));
        }
    }
    if let Some(message) = body.get("message").and_then(Value::as_str) {
        if api.message() != Some(message) {
            return Err(format!(
                "recorded message {message:?}, Error::Api has {:?}",
                api.message()
            ));
        }
    }
    tally.errors_decoded += 1;
    Ok(())
}

#[tokio::test]
async fn recorded_traffic_decodes() {
    let dir = recordings_dir();
    if !dir.is_dir() {
        logto_api_tests::notice(
            "../shared/recordings/logto-1.42 not found; skipping the replay of recorded traffic",
        );
        return;
    }
    let cases = support::primary_cases();
    let by_op: BTreeMap<&str, &Case> = cases.iter().map(|c| (c.op, c)).collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let server = MockServer::builder().listener(listener).start().await;
    let mut tallies: BTreeMap<Doc, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let mut fixed = Vec::new();
    let mut without_operation = 0;
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        let exchanges: Vec<Value> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{name} is not a JSON array of exchanges: {e}"));
        for (index, exchange) in exchanges.iter().enumerate() {
            let at = format!("{name}#{index}");
            // OIDC endpoints (`/oidc/auth`, `/oidc/token`, ...) are not API operations.
            let Some(op) = exchange["operationId"].as_str() else {
                without_operation += 1;
                continue;
            };
            let Some(case) = by_op.get(op) else {
                failures.push(format!("{at} {op}: no case in the table replays it"));
                continue;
            };
            server.reset().await;
            Mock::given(any())
                .respond_with(template(&exchange["response"]))
                .mount(&server)
                .await;
            let result = (case.call)(case.auth.client(&server.uri())).await;
            let tally = tallies.entry(case.doc).or_default();
            tally.replayed += 1;
            tally.operations.insert(case.op);
            let outcome = check(exchange, result, tally);
            match (KNOWN_BUGS.iter().find(|(k, _)| *k == at), outcome) {
                (Some((_, why)), Err(e)) => known.push(format!("{at} {}: {why}: {e}", case.op)),
                (Some(_), Ok(())) => fixed.push(at),
                (None, Err(e)) => failures.push(format!("{at} {}: {e}", case.op)),
                (None, Ok(())) => {}
            }
        }
    }

    let empty = Tally::default();
    let line = |doc: Doc| {
        let t = tallies.get(&doc).unwrap_or(&empty);
        format!(
            "{}: {} exchanges of {} operations replayed, {} 2xx/3xx decoded ({} JSON re-encoded equal), {} errors decoded",
            doc.name(),
            t.replayed,
            t.operations.len(),
            t.success_decoded,
            t.json_equal,
            t.errors_decoded
        )
    };
    println!(
        "replay: {}; {}; {}; {without_operation} exchanges without an operationId skipped",
        line(Doc::Experience),
        line(Doc::Account),
        line(Doc::Management)
    );
    for entry in &known {
        println!("KNOWN_BUG {entry}");
    }
    assert!(
        failures.is_empty(),
        "{} replayed exchanges failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "KNOWN_BUGS entries that now pass (remove them): {fixed:?}"
    );
}
