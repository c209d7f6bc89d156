//! Building, sending and decoding one call.

use super::serde_support::scalar_text;
use super::IntoMultipart;
use crate::auth::AccessToken;
use crate::error::{excerpt, ApiError, Error, LogtoError, Result};
use crate::retry::{idempotent, retry_after, retryable_error, retryable_status};
use crate::{ApiResponse, Client};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::Value;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// Everything but RFC 3986 unreserved characters is escaped, so a value always stays one path
/// segment (`/`, `?`, `#`, `%`, spaces and non-ASCII included).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a path parameter as a single segment.
pub fn encode_segment<T: Serialize + ?Sized>(value: &T) -> String {
    let text = super::text_value(value);
    match text.as_str() {
        // URL parsers collapse these; escaping the dots keeps them literal for the server.
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(&text, SEGMENT).to_string(),
    }
}

enum Payload {
    None,
    Bytes {
        content_type: &'static str,
        bytes: Vec<u8>,
    },
    Multipart(reqwest::multipart::Form),
}

/// One call being assembled by generated code.
pub struct Request<'a> {
    client: &'a Client,
    method: reqwest::Method,
    operation: &'static str,
    /// The path as the API description writes it, for messages (the real path may be long).
    template: &'static str,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    cookies: Vec<String>,
    payload: Payload,
    /// Inclusive status ranges the operation documents as success.
    success: &'static [(u16, u16)],
}

impl std::fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("template", &self.template)
            .field("path", &self.path)
            .finish()
    }
}

impl<'a> Request<'a> {
    /// Starts a call of `operation` to `path` (already encoded; `template` is for diagnostics).
    pub fn new(
        client: &'a Client,
        method: reqwest::Method,
        operation: &'static str,
        template: &'static str,
        path: String,
    ) -> Self {
        Request {
            client,
            method,
            operation,
            template,
            path,
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            payload: Payload::None,
            success: &[(200, 299)],
        }
    }

    /// The statuses the operation documents as success, as inclusive ranges; any other
    /// non-error status (a redirect, a 2xx it does not list) becomes
    /// [`Error::UnexpectedStatus`]. Any 2xx unless set.
    pub fn success_statuses(&mut self, ranges: &'static [(u16, u16)]) {
        self.success = ranges;
    }

    fn invalid(&self, message: String) -> Error {
        Error::InvalidRequest {
            operation: self.operation,
            message: format!("{message} (calling `{}`)", self.template),
        }
    }

    /// Adds a query parameter, following OpenAPI's `form` style: arrays repeat the name when
    /// `explode` (else join with commas), objects become one pair per property when `explode`.
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
        explode: bool,
    ) -> Result<()> {
        let Some(value) = value else { return Ok(()) };
        let value = serde_json::to_value(value)
            .map_err(|e| self.invalid(format!("query `{name}`: {e}")))?;
        match value {
            Value::Null => {}
            Value::Array(items) if explode => {
                self.query
                    .extend(items.iter().map(|v| (name.to_owned(), scalar_text(v))));
            }
            Value::Array(items) => {
                let joined: Vec<String> = items.iter().map(scalar_text).collect();
                self.query.push((name.to_owned(), joined.join(",")));
            }
            Value::Object(map) if explode => {
                self.query
                    .extend(map.iter().map(|(k, v)| (k.clone(), scalar_text(v))));
            }
            Value::Object(map) => {
                let joined: Vec<String> = map
                    .iter()
                    .flat_map(|(k, v)| [k.clone(), scalar_text(v)])
                    .collect();
                self.query.push((name.to_owned(), joined.join(",")));
            }
            scalar => self.query.push((name.to_owned(), scalar_text(&scalar))),
        }
        Ok(())
    }

    /// Adds a header parameter.
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &str, value: Option<&T>) -> Result<()> {
        let Some(value) = value else { return Ok(()) };
        let text = super::text_value(value);
        let name = HeaderName::try_from(name)
            .map_err(|e| self.invalid(format!("header name `{name}`: {e}")))?;
        let value = HeaderValue::try_from(text)
            .map_err(|e| self.invalid(format!("header `{name}`: {e}")))?;
        self.headers.insert(name, value);
        Ok(())
    }

    /// Adds a cookie parameter.
    pub fn cookie<T: Serialize + ?Sized>(&mut self, name: &str, value: Option<&T>) -> Result<()> {
        if let Some(value) = value {
            self.cookies
                .push(format!("{name}={}", super::text_value(value)));
        }
        Ok(())
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize>(&mut self, body: Option<&T>) -> Result<()> {
        if let Some(body) = body {
            let bytes =
                crate::body::to_json_vec(body).map_err(|e| self.invalid(format!("body: {e}")))?;
            self.payload = Payload::Bytes {
                content_type: "application/json",
                bytes,
            };
        }
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body.
    pub fn form<T: Serialize>(&mut self, body: Option<&T>) -> Result<()> {
        if let Some(body) = body {
            let text = serde_urlencoded::to_string(body)
                .map_err(|e| self.invalid(format!("form body: {e}")))?;
            self.payload = Payload::Bytes {
                content_type: "application/x-www-form-urlencoded",
                bytes: text.into_bytes(),
            };
        }
        Ok(())
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart<T: IntoMultipart>(&mut self, body: Option<T>) {
        if let Some(body) = body {
            self.payload = Payload::Multipart(body.into_form());
        }
    }

    fn url(&self) -> Result<reqwest::Url> {
        self.check_path_parameters()?;
        let joined = format!("{}{}", self.client.base_url(), self.path);
        let mut url = reqwest::Url::parse(&joined)
            .map_err(|e| self.invalid(format!("URL `{joined}`: {e}")))?;
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(self.query.iter());
        }
        Ok(url)
    }

    /// Refuses a path parameter that cannot be sent as the segment it fills: an empty value
    /// (`/api/users/{id}` with `""` would call `GET /api/users/`, another operation) and `.` or
    /// `..`, which URL parsers resolve (escaped or not) to another endpoint.
    fn check_path_parameters(&self) -> Result<()> {
        // Values are encoded as single segments, so the path has the template's segments.
        let filled = self.template.split('/').zip(self.path.split('/'));
        for (template, sent) in filled.filter(|(template, _)| template.contains('{')) {
            if matches!(sent, "" | "%2E" | "%2E%2E") {
                let shown = match sent {
                    "" => "an empty value",
                    "%2E" => "`.`",
                    _ => "`..`",
                };
                return Err(self.invalid(format!(
                    "path parameter `{template}` is {shown}, which cannot be sent as one path segment"
                )));
            }
        }
        Ok(())
    }

    /// Sends the call. 4xx/5xx answers become [`Error::Api`]; anything else is returned for the
    /// generated code to decode.
    ///
    /// When the client's token comes from client credentials or a token provider, a 401 drops
    /// that token and the call is sent once more with a fresh one. Transient failures are
    /// retried per the client's [`RetryPolicy`](crate::RetryPolicy), and the whole call is
    /// bounded by the client's overall timeout. A multipart body is consumed by sending it, so
    /// multipart calls are never sent twice.
    ///
    /// The call runs in a `logto_api.call` span holding the operation, method, path template,
    /// attempt number, last status and latency: never headers, the query or bodies, which may
    /// carry secrets.
    pub async fn send(self) -> Result<RawResponse> {
        let url = self.url()?;
        let operation = self.operation;
        let timeout = self.client.timeout();
        let span = tracing::info_span!(
            "logto_api.call",
            operation,
            method = %self.method,
            path = self.template,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let attempts = self.attempts(url, span.clone(), started + timeout);
        let outcome = tokio::time::timeout(timeout, attempts)
            .instrument(span.clone())
            .await;
        let latency = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        span.record("latency_ms", latency);
        outcome.unwrap_or(Err(Error::Timeout { operation }))
    }

    /// Sends attempts until one gives a final answer, the 401 refresh and retries included. A
    /// retry whose wait would end after `deadline` (the overall timeout) is not made: the last
    /// answer is returned at once, so a `Retry-After` longer than the time left reaches the
    /// caller (see [`Error::retry_after`]) instead of a [`Error::Timeout`].
    async fn attempts(
        self,
        url: reqwest::Url,
        span: tracing::Span,
        deadline: Instant,
    ) -> Result<RawResponse> {
        let client = self.client;
        let operation = self.operation;
        let auth = client.auth();
        let success = self.success;
        let mut parts = Parts::new(self, url);
        let mut may_refresh = auth.refreshable() && parts.form.is_none();
        let policy = *client.retry_policy();
        let limit = client.max_response_size();
        let replayable =
            parts.form.is_none() && (idempotent(&parts.method) || client.retries_non_idempotent());
        let max_tries = if replayable { policy.attempts() } else { 1 };
        // `attempt` counts every send for the span; `tries` only those the policy limits, so
        // the 401 refresh does not use up a retry.
        let (mut attempt, mut tries) = (0u32, 0u32);
        loop {
            attempt += 1;
            tries += 1;
            span.record("attempt", attempt);
            let token = auth.token().await?;
            let builder = parts.builder(client, token.as_ref())?;
            // Jittered, so drawn once for both the deadline check and the wait.
            let backoff = policy.backoff(tries);
            let response = match builder.send().await {
                Ok(response) => response,
                Err(e)
                    if tries < max_tries
                        && retryable_error(&e)
                        && ends_before(deadline, backoff) =>
                {
                    // The error's text names the URL and its query, so only its kind is logged.
                    let reason = if e.is_timeout() {
                        "attempt timeout"
                    } else {
                        "connection error"
                    };
                    pause(attempt, reason, backoff).await;
                    continue;
                }
                Err(e) => return Err(Error::transport(operation, e)),
            };
            let status = response.status();
            span.record("status", status.as_u16());
            for set_cookie in response.headers().get_all(http::header::SET_COOKIE) {
                if let Ok(text) = set_cookie.to_str() {
                    client.cookies().store(text, response.url());
                }
            }
            if status == StatusCode::UNAUTHORIZED && may_refresh {
                let answer = read(operation, response, limit).await;
                // Logto also answers 401 when a sensitive Account API call lacks a valid
                // verification record; another token would get the same answer.
                if is_verification_refusal(&answer) {
                    return answer;
                }
                if let Some(token) = &token {
                    auth.invalidate(token);
                }
                may_refresh = false;
                tries -= 1;
                continue;
            }
            if tries < max_tries && retryable_status(status) {
                // A server's `Retry-After` wins over the backoff.
                let delay = retry_after(response.headers()).unwrap_or(backoff);
                if ends_before(deadline, delay) {
                    drop(response);
                    pause(attempt, status.as_str(), delay).await;
                    continue;
                }
            }
            return read(operation, response, limit)
                .await
                .and_then(|raw| raw.documented(success));
        }
    }
}

/// True for Logto's `verification_record.*` errors, which no token refresh can cure.
fn is_verification_refusal(answer: &Result<RawResponse>) -> bool {
    let code = answer.as_ref().err().and_then(Error::code);
    code.is_some_and(|code| code.starts_with("verification_record."))
}

/// True when waiting `delay` from now still leaves time before `deadline`.
fn ends_before(deadline: Instant, delay: Duration) -> bool {
    Instant::now()
        .checked_add(delay)
        .is_some_and(|end| end < deadline)
}

/// Waits before the next attempt, saying why in a debug event.
async fn pause(attempt: u32, reason: &str, delay: Duration) {
    let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
    tracing::debug!(attempt, reason, delay_ms, "logto_api: retrying the call");
    tokio::time::sleep(delay).await;
}

/// A call taken apart for sending, possibly more than once.
struct Parts {
    method: reqwest::Method,
    url: reqwest::Url,
    operation: &'static str,
    headers: HeaderMap,
    cookies: Vec<String>,
    /// `Bytes` clones share the buffer, so a retry re-sends the body without copying it.
    body: Option<(&'static str, Bytes)>,
    /// Taken by the first attempt: a multipart body cannot be sent twice.
    form: Option<reqwest::multipart::Form>,
}

impl Parts {
    fn new(request: Request<'_>, url: reqwest::Url) -> Parts {
        let (body, form) = match request.payload {
            Payload::None => (None, None),
            Payload::Bytes {
                content_type,
                bytes,
            } => (Some((content_type, Bytes::from(bytes))), None),
            Payload::Multipart(form) => (None, Some(form)),
        };
        Parts {
            method: request.method,
            url,
            operation: request.operation,
            headers: request.headers,
            cookies: request.cookies,
            body,
            form,
        }
    }

    /// One attempt's request, with the current token and session cookie.
    fn builder(
        &mut self,
        client: &Client,
        token: Option<&AccessToken>,
    ) -> Result<reqwest::RequestBuilder> {
        let mut builder = client
            .http()
            .request(self.method.clone(), self.url.clone())
            .timeout(client.attempt_timeout());
        if let Some(token) = token {
            builder = builder.header(http::header::AUTHORIZATION, bearer(token, self.operation)?);
        }
        let mut all_cookies = self.cookies.clone();
        all_cookies.extend(client.cookies().header(&self.url));
        if !all_cookies.is_empty() {
            builder = builder.header(http::header::COOKIE, all_cookies.join("; "));
        }
        for (name, value) in client.extra_headers() {
            builder = builder.header(name, value);
        }
        builder = builder.headers(self.headers.clone());
        if let Some((content_type, bytes)) = &self.body {
            builder = builder
                .header(http::header::CONTENT_TYPE, *content_type)
                .body(bytes.clone());
        }
        if let Some(form) = self.form.take() {
            builder = builder.multipart(form);
        }
        Ok(builder)
    }
}

/// `Authorization: Bearer {token}`, marked sensitive so the token stays out of `Debug` output.
fn bearer(token: &AccessToken, operation: &'static str) -> Result<HeaderValue> {
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.secret().expose_secret()))
        .map_err(|_| Error::InvalidRequest {
            operation,
            // The value itself stays out of the message: it is the token.
            message: "the access token is not a valid header value".to_owned(),
        })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Reads the answer, at most `limit` bytes of it: 4xx/5xx become [`Error::Api`].
async fn read(
    operation: &'static str,
    response: reqwest::Response,
    limit: u64,
) -> Result<RawResponse> {
    let status = response.status();
    let headers = crate::error::with_secrets_hidden(response.headers());
    let body = crate::body::read_limited(operation, response, limit).await?;
    if status.is_client_error() || status.is_server_error() {
        let logto = LogtoError::parse(&body);
        return Err(Error::Api(Box::new(ApiError {
            operation,
            status,
            headers,
            body: logto,
            raw: body,
        })));
    }
    Ok(RawResponse {
        operation,
        status,
        headers,
        body,
    })
}

/// A non-error answer, before decoding.
#[derive(Debug)]
pub struct RawResponse {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    fn wrap<T>(self, body: T) -> ApiResponse<T> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            body,
        }
    }

    /// Ignores the body (the operation documents none, or only a courtesy text).
    pub fn unit(self) -> Result<ApiResponse<()>> {
        Ok(self.wrap(()))
    }

    /// The body as text.
    pub fn text(self) -> Result<ApiResponse<String>> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Ok(self.wrap(text))
    }

    /// The body as JSON of type `T` (an empty body reads as `null`).
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<ApiResponse<T>> {
        let bytes: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        match crate::body::from_json_slice(bytes) {
            Ok(body) => Ok(self.wrap(body)),
            Err(source) => Err(Error::decode(
                self.operation,
                self.status,
                source,
                excerpt(&self.body),
            )),
        }
    }

    /// `None` for the statuses documented without a body, otherwise the JSON body.
    pub fn optional_json<T: serde::de::DeserializeOwned>(
        self,
        empty: &[u16],
    ) -> Result<ApiResponse<Option<T>>> {
        if empty.contains(&self.status.as_u16()) {
            Ok(self.wrap(None))
        } else {
            self.json::<T>().map(|r| r.map(Some))
        }
    }

    /// The error for a success status the operation does not document.
    pub fn unexpected_status(self) -> Error {
        Error::UnexpectedStatus {
            operation: self.operation,
            status: self.status,
            headers: Box::new(self.headers),
            excerpt: excerpt(&self.body),
        }
    }

    /// The answer when its status is one of `success` (inclusive ranges), else
    /// [`Error::UnexpectedStatus`]: a redirect or a 2xx the operation does not document is
    /// never taken for its documented answer.
    fn documented(self, success: &[(u16, u16)]) -> Result<RawResponse> {
        let status = self.status.as_u16();
        if success
            .iter()
            .any(|&(low, high)| (low..=high).contains(&status))
        {
            Ok(self)
        } else {
            Err(self.unexpected_status())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encode_segment;

    #[test]
    fn segments_stay_one_segment() {
        assert_eq!(encode_segment("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
        assert_eq!(encode_segment("ünï"), "%C3%BCn%C3%AF");
        assert_eq!(encode_segment(".."), "%2E%2E");
        assert_eq!(encode_segment("safe-._~"), "safe-._~");
        assert_eq!(encode_segment(&5.0_f64), "5");
    }
}
