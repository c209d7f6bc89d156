//! Fetching a document over HTTP, with every failure turned into a sentence that names the URL.

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::Url;
use std::error::Error as _;
use std::time::Duration;

/// How long to wait for the TCP (and TLS) connection; a Logto on the same network answers in
/// milliseconds, so waiting longer only delays the "is it running?" message.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How much of an unexpected body to quote in an error.
const EXCERPT_BYTES: usize = 200;

/// GETs `url` and returns its body, which must be JSON (checked loosely here: see [`not_json`]).
pub fn fetch(url: &str, timeout: Duration) -> Result<String, String> {
    let parsed = Url::parse(url).map_err(|e| format!("invalid URL {url:?}: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "invalid URL {url:?}: only http and https are supported"
        ));
    }
    // One request does not need worker threads; a current-thread runtime keeps the workspace's
    // async reqwest without turning on its `blocking` feature for every crate.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(get(parsed, timeout))
}

async fn get(url: Url, timeout: Duration) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .timeout(timeout)
        .user_agent(concat!("logto-api-xtask/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {}", chain(&e)))?;
    let failed = |e: reqwest::Error| describe(&e, &url, timeout);
    let response = client
        .get(url.clone())
        .header(ACCEPT, "application/json")
        .send()
        .await
        .map_err(failed)?;
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    // The total timeout also covers the body, so a server that stalls mid-answer is caught too.
    let body = response.bytes().await.map_err(failed)?;
    if !status.is_success() {
        return Err(format!("{url} answered {status}: {}", excerpt(&body)));
    }
    if let Some(message) = not_json(&url, content_type.as_deref(), &body) {
        return Err(message);
    }
    String::from_utf8(body.to_vec()).map_err(|e| {
        format!(
            "{url} answered with a body that is not UTF-8 (invalid byte at offset {}), so not JSON",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A message when the body is clearly not JSON: it does not parse *and* the server did not claim
/// JSON. A body labelled JSON that fails to parse goes on to the document check instead, which
/// reports line:column; a JSON body with a sloppy content-type (text/plain) is accepted.
fn not_json(url: &Url, content_type: Option<&str>, body: &[u8]) -> Option<String> {
    let labelled_json = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("json"));
    if labelled_json || serde_json::from_slice::<serde_json::Value>(body).is_ok() {
        return None;
    }
    Some(format!(
        "{url} answered with something that is not JSON (content-type: {}); it starts with: {}\nIs the URL the document's (for Logto: {{endpoint}}/api/.well-known/management.openapi.json)?",
        content_type.unwrap_or("none"),
        excerpt(body)
    ))
}

/// Names the failure in the user's terms: unreachable, timed out, or the underlying cause.
fn describe(error: &reqwest::Error, url: &Url, timeout: Duration) -> String {
    let cause = chain(error);
    if error.is_timeout() {
        if error.is_connect() {
            return format!(
                "timed out after {}s connecting to {url} ({cause})",
                CONNECT_TIMEOUT.min(timeout).as_secs_f64()
            );
        }
        return format!(
            "timed out after {}s waiting for {url} to answer; raise the limit with --timeout SECS",
            timeout.as_secs_f64()
        );
    }
    if error.is_connect() {
        if is_refused(error) {
            return format!(
                "cannot reach {url}: connection refused (is Logto running and listening there?)"
            );
        }
        return format!("cannot reach {url}: {}", causes(error).unwrap_or(cause));
    }
    format!("request to {url} failed: {cause}")
}

/// True when the OS refused the connection: nothing listens on that port.
fn is_refused(error: &reqwest::Error) -> bool {
    let mut source = error.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return true;
            }
        }
        source = e.source();
    }
    false
}

/// Only the causes below reqwest's "error sending request for url (...)", without hyper's
/// "client error (Connect)" wrapper: for a connect failure the URL is already in the message
/// and the useful part is the innermost one (`dns error: failed to lookup address ...`).
fn causes(error: &reqwest::Error) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut source = error.source();
    while let Some(e) = source {
        let text = e.to_string();
        if !text.starts_with("client error") && !parts.iter().any(|p| p.ends_with(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    (!parts.is_empty()).then(|| parts.join(": "))
}

/// The error and its causes joined with `: `, because reqwest's own message ("error sending
/// request") hides the useful part in the source chain.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let next = e.to_string();
        // hyper and reqwest sometimes repeat the inner message verbatim; say it once.
        if !text.ends_with(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = e.source();
    }
    text
}

/// The first bytes of a body, on one line, quoted so control characters stay visible.
fn excerpt(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".to_owned();
    }
    let head = &body[..body.len().min(EXCERPT_BYTES)];
    let text = String::from_utf8_lossy(head);
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let more = if body.len() > EXCERPT_BYTES {
        "…"
    } else {
        ""
    };
    format!("{line:?}{more}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_one_line_and_bounded() {
        assert_eq!(excerpt(b""), "(empty body)");
        assert_eq!(excerpt(b"<html>\n  <body>"), "\"<html> <body>\"");
        let long = vec![b'a'; 500];
        assert!(excerpt(&long).ends_with('…'));
        assert!(excerpt(&long).len() < 220);
    }

    #[test]
    fn invalid_urls_are_refused_before_any_request() {
        assert!(fetch("not a url", Duration::from_secs(1))
            .unwrap_err()
            .contains("invalid URL"));
        assert!(fetch("ftp://127.0.0.1/x", Duration::from_secs(1))
            .unwrap_err()
            .contains("only http and https"));
    }
}
