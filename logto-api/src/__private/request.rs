//! Building, sending and decoding one call.

use super::style::{self, Style};
use super::IntoMultipart;
use crate::auth::AccessToken;
use crate::error::{excerpt, ApiError, Error, LogtoError, Result};
use crate::retry::{idempotent, retry_after, retryable_error, retryable_status};
use crate::{ApiResponse, Client};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde_json::Value;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// Percent-encodes a path parameter as a single segment, `simple` style without `explode`
/// (the default): arrays as `a,b`, objects as `k,v,k,v`. Everything but RFC 3986 unreserved
/// characters is escaped in the values, so a value always stays one path segment (`/`, `?`,
/// `#`, `%`, spaces and non-ASCII included).
pub fn encode_segment<T: Serialize + ?Sized>(value: &T) -> String {
    let text = style::path_value("", &to_json(value), Style::Simple, false);
    match text.as_str() {
        // URL parsers collapse these; escaping the dots keeps them literal for the server.
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => text,
    }
}

/// A path parameter named `name` in `style` (`simple`, `label` or `matrix`), still one segment:
/// the style's own `.`, `;`, `=` and `,` are added to percent-encoded values.
pub fn encode_path<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> String {
    if style == Style::Simple && !explode {
        return encode_segment(value);
    }
    let text = style::path_value(name, &to_json(value), style, explode);
    match text.as_str() {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => text,
    }
}

/// A value as JSON; `null` for what cannot be one (only maps with non-string keys, which no
/// generated type has).
fn to_json<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

enum Payload {
    None,
    Bytes {
        content_type: &'static str,
        bytes: Bytes,
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
    /// `name=value` pairs, already percent-encoded.
    query: Vec<String>,
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

    /// Adds a query parameter in `form` style (the default): arrays repeat the name when
    /// `explode` (else join with commas), objects become one pair per property when `explode`.
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
        explode: bool,
    ) -> Result<()> {
        self.query_style(name, value, Style::Form, explode)
    }

    /// Adds a query parameter in `style` (`form`, `spaceDelimited`, `pipeDelimited` or
    /// `deepObject`), per OpenAPI 3.0.3's style tables.
    pub fn query_style<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
        style: Style,
        explode: bool,
    ) -> Result<()> {
        if let Some(value) = value {
            let value = to_json(value);
            self.query
                .extend(style::query_pairs(name, &value, style, explode));
        }
        Ok(())
    }

    /// Adds a header parameter (`simple` style, not exploded).
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &str, value: Option<&T>) -> Result<()> {
        self.header_style(name, value, false)
    }

    /// Adds a header parameter in `simple` style: arrays as `a,b`, objects as `k,v,k,v` or, when
    /// `explode`, `k=v,k=v`.
    pub fn header_style<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
        explode: bool,
    ) -> Result<()> {
        let Some(value) = value else { return Ok(()) };
        let text = style::header_value(&to_json(value), explode);
        let name = HeaderName::try_from(name)
            .map_err(|e| self.invalid(format!("header name `{name}`: {e}")))?;
        let value = HeaderValue::try_from(text)
            .map_err(|e| self.invalid(format!("header `{name}`: {e}")))?;
        self.headers.insert(name, value);
        Ok(())
    }

    /// Adds a cookie parameter (`form` style, exploded: the default).
    pub fn cookie<T: Serialize + ?Sized>(&mut self, name: &str, value: Option<&T>) -> Result<()> {
        self.cookie_style(name, value, true)
    }

    /// Adds a cookie parameter in `form` style: exploded arrays and objects become one cookie per
    /// item or property, otherwise items are joined with commas.
    pub fn cookie_style<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
        explode: bool,
    ) -> Result<()> {
        if let Some(value) = value {
            let pairs = style::cookie_pairs(name, &to_json(value), explode);
            self.cookies.extend(pairs);
        }
        Ok(())
    }

    /// Sets a JSON body (`application/json`).
    pub fn json<T: Serialize>(&mut self, body: Option<&T>) -> Result<()> {
        self.json_as(body, "application/json")
    }

    /// Sets a JSON body sent as `content_type` (such as `application/merge-patch+json`).
    pub fn json_as<T: Serialize>(
        &mut self,
        body: Option<&T>,
        content_type: &'static str,
    ) -> Result<()> {
        if let Some(body) = body {
            let bytes =
                crate::body::to_json_vec(body).map_err(|e| self.invalid(format!("body: {e}")))?;
            self.payload = Payload::Bytes {
                content_type,
                bytes: Bytes::from(bytes),
            };
        }
        Ok(())
    }

    /// Sets a text body, sent as it is with `content_type` (such as `text/plain`).
    pub fn text(&mut self, body: Option<String>, content_type: &'static str) {
        if let Some(body) = body {
            self.payload = Payload::Bytes {
                content_type,
                bytes: Bytes::from(body),
            };
        }
    }

    /// Sets a body of raw bytes, sent unchanged with `content_type` (such as
    /// `application/octet-stream`).
    pub fn bytes(&mut self, body: Option<Bytes>, content_type: &'static str) {
        if let Some(bytes) = body {
            self.payload = Payload::Bytes {
                content_type,
                bytes,
            };
        }
    }

    /// Sets an `application/x-www-form-urlencoded` body whose properties all take the default
    /// encoding: `form` style, exploded (arrays repeat their name).
    pub fn form<T: Serialize>(&mut self, body: Option<&T>) -> Result<()> {
        self.form_style(body, &[])
    }

    /// Sets an `application/x-www-form-urlencoded` body. Each property is written like a query
    /// parameter: with the style and `explode` listed for it in `encodings` (from the media
    /// type's `encoding` map), else `form` style, exploded.
    pub fn form_style<T: Serialize>(
        &mut self,
        body: Option<&T>,
        encodings: &[(&str, Style, bool)],
    ) -> Result<()> {
        let Some(body) = body else { return Ok(()) };
        let Value::Object(properties) = to_json(body) else {
            return Err(self.invalid("a form body must be an object".to_owned()));
        };
        let mut pairs = Vec::new();
        for (name, value) in &properties {
            let (style, explode) = encodings
                .iter()
                .find(|(n, _, _)| n == name)
                .map_or((Style::Form, true), |&(_, s, e)| (s, e));
            pairs.extend(style::query_pairs(name, value, style, explode));
        }
        self.payload = Payload::Bytes {
            content_type: "application/x-www-form-urlencoded",
            bytes: Bytes::from(pairs.join("&")),
        };
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
            let ours = self.query.join("&");
            let query = match url.query().filter(|q| !q.is_empty()) {
                Some(base) => format!("{base}&{ours}"),
                None => ours,
            };
            url.set_query(Some(&query));
        }
        Ok(url)
    }

    /// Refuses a path parameter that cannot be sent as the segment it fills: an empty value
    /// (`/api/users/{id}` with `""` would call `GET /api/users/`, another operation) and a
    /// segment that reads `.` or `..` once decoded (`..`, `%2E%2E`, a label-style `.%2E`), which
    /// URL parsers resolve to another endpoint.
    fn check_path_parameters(&self) -> Result<()> {
        // Values are encoded as single segments, so the path has the template's segments.
        let filled = self.template.split('/').zip(self.path.split('/'));
        for (template, sent) in filled.filter(|(template, _)| template.contains('{')) {
            let decoded = percent_decode_str(sent).decode_utf8_lossy();
            if matches!(&*decoded, "" | "." | "..") {
                let shown = match &*decoded {
                    "" => "an empty value",
                    "." => "`.`",
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
            } => (Some((content_type, bytes)), None),
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

    /// The body as text: UTF-8 (or ISO-8859-1 when the `Content-Type` says so), never decoded
    /// lossily; bytes that are not valid text are a [`Error::Decode`].
    pub fn text(self) -> Result<ApiResponse<String>> {
        let latin1 = self
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("charset=iso-8859-1") || v.contains("charset=latin1")
            });
        if latin1 {
            let text = self.body.iter().map(|&b| char::from(b)).collect();
            return Ok(self.wrap(text));
        }
        match std::str::from_utf8(&self.body) {
            Ok(text) => {
                let text = text.to_owned();
                Ok(self.wrap(text))
            }
            Err(e) => {
                use serde::de::Error as _;
                let source = serde_json::Error::custom(format!("the text is not UTF-8: {e}"));
                Err(Error::decode(
                    self.operation,
                    self.status,
                    source,
                    excerpt(&self.body),
                ))
            }
        }
    }

    /// The body as the exact bytes received.
    pub fn bytes(self) -> Result<ApiResponse<Bytes>> {
        let body = self.body.clone();
        Ok(self.wrap(body))
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
