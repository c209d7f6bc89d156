//! The one error type every call returns.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a call. `Clone`, so that one failed token request can be
/// the answer of every call that waited for it.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the answer not read (DNS, TCP, TLS, ...).
    #[error("{operation}: transport error: {source}")]
    Transport {
        /// The operationId of the call.
        operation: &'static str,
        /// The underlying error.
        #[source]
        source: Arc<reqwest::Error>,
    },
    /// The request or the whole call took longer than allowed.
    #[error("{operation}: timed out")]
    Timeout {
        /// The operationId of the call.
        operation: &'static str,
    },
    /// The server answered with a 4xx or 5xx status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// A success answer whose body does not match the expected type.
    #[error(
        "{operation}: cannot decode the {status} answer: {source}; body starts with: {excerpt}"
    )]
    Decode {
        /// The operationId of the call.
        operation: &'static str,
        /// The HTTP status of the answer.
        status: StatusCode,
        /// What serde_json reported.
        #[source]
        source: Arc<serde_json::Error>,
        /// The first bytes of the body, lossily decoded.
        excerpt: String,
    },
    /// The answer's body is larger than the client allows
    /// ([`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)); it was
    /// not read further and its connection was closed.
    #[error("{operation}: the {status} answer is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The operationId of the call.
        operation: &'static str,
        /// The HTTP status of the answer.
        status: StatusCode,
        /// The limit in bytes.
        limit: u64,
    },
    /// A status below 400 that the API description does not list as a success of this
    /// operation: a redirect it does not document, or another 2xx.
    #[error("{operation}: unexpected status {status}; body starts with: {excerpt}")]
    UnexpectedStatus {
        /// The operationId of the call.
        operation: &'static str,
        /// The HTTP status of the answer.
        status: StatusCode,
        /// The response headers (a redirect's `Location`, for example); boxed to keep every
        /// `Result` of this crate small.
        headers: Box<HeaderMap>,
        /// The first bytes of the body, lossily decoded.
        excerpt: String,
    },
    #[cfg(feature = "account")]
    /// A sensitive Account API call could not use its verification record: it has expired, or
    /// the server refused it. Verify the user again (see [`crate::verification`]).
    #[error("{operation}: {problem}; verify the user again and retry with the new record")]
    Verification {
        /// The operationId of the call (or `"client"` when the record was refused before
        /// sending).
        operation: &'static str,
        /// What is wrong with the record.
        problem: VerificationProblem,
        /// The server's answer, when it refused the record.
        api: Option<Box<ApiError>>,
    },
    /// A user sign-in could not be finished, or a user's token could not be refreshed (see
    /// [`SignInProblem`]). Never carries a token, a code, a verifier or a `state`.
    #[error("{operation}: {problem}")]
    SignIn {
        /// `"SignIn"` for the redirects and the code exchange, `"RefreshToken"` for a refresh,
        /// `"IdToken"` for the ID token's checks.
        operation: &'static str,
        /// What went wrong (boxed to keep every `Result` of this crate small).
        problem: Box<SignInProblem>,
    },
    /// The request could not be built from the given values (bad header value, a path segment
    /// of `..`, a body that does not serialize, an invalid base URL).
    #[error("{operation}: invalid request: {message}")]
    InvalidRequest {
        /// The operationId of the call (or `"client"` while building the client).
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// A failure to send or read, as [`Error::Timeout`] when reqwest's own timer ran out.
    pub(crate) fn transport(operation: &'static str, source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout { operation }
        } else {
            Error::Transport {
                operation,
                source: Arc::new(source),
            }
        }
    }

    /// The same error without the URL a transport error names: the URLs of a sign-in's
    /// requests carry `state`, `nonce`, the PKCE challenge or a code in their query.
    #[cfg(any(feature = "experience", feature = "account"))]
    pub(crate) fn without_url(self) -> Error {
        match self {
            Error::Transport { operation, source } => {
                let source = match Arc::try_unwrap(source) {
                    Ok(source) => Arc::new(source.without_url()),
                    // Shared already (not the case for a fresh error): left as it is.
                    Err(shared) => shared,
                };
                Error::Transport { operation, source }
            }
            other => other,
        }
    }

    /// A body that does not decode as the operation's type.
    pub(crate) fn decode(
        operation: &'static str,
        status: StatusCode,
        source: serde_json::Error,
        excerpt: String,
    ) -> Error {
        Error::Decode {
            operation,
            status,
            source: Arc::new(source),
            excerpt,
        }
    }

    /// The HTTP status, for errors that have one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            #[cfg(feature = "account")]
            Error::Verification { api, .. } => api.as_ref().map(|e| e.status),
            Error::Decode { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status(),
            Error::SignIn { problem, .. } => match **problem {
                SignInProblem::ErrorPage { status, .. } => Some(status),
                _ => None,
            },
            Error::Timeout { .. } | Error::InvalidRequest { .. } => None,
        }
    }

    /// The API error, when the server answered 4xx/5xx.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            #[cfg(feature = "account")]
            Error::Verification { api: Some(e), .. } => Some(e),
            _ => None,
        }
    }

    /// How long the server asked to wait before trying again (its `Retry-After` header, in
    /// seconds or as an HTTP date), for errors that carry one: typically a 429 or 503 that the
    /// client did not retry because the wait would outlast the call's overall timeout.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.as_api()
            .and_then(|api| crate::retry::retry_after(&api.headers))
    }

    /// Logto's error code (e.g. `session.invalid_credentials`), when the server sent one.
    pub fn code(&self) -> Option<&str> {
        self.as_api().and_then(ApiError::code)
    }

    /// The body of a 4xx/5xx answer decoded as JSON of type `T` (see [`ApiError::body_json`]).
    /// A generated `{Op}ErrorBody::from_error` picks `T` by status from what the API
    /// description documents.
    pub fn body_json<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.as_api().and_then(ApiError::body_json)
    }

    /// True when the server answered with Logto error code `code` (see [`crate::codes`]).
    pub fn is_code(&self, code: &str) -> bool {
        self.code() == Some(code)
    }

    /// True when trying the same call again later may succeed: connection failures, timeouts,
    /// and the statuses that say "not now" (429, 502, 503, 504). Validation, auth and
    /// not-found errors are not retryable; neither is a response that could not be decoded.
    pub fn is_retryable(&self) -> bool {
        // The same rules the client's own retries follow.
        match self {
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => crate::retry::retryable_error(source),
            Error::Api(e) => crate::retry::retryable_status(e.status),
            Error::Decode { .. }
            | Error::UnexpectedStatus { .. }
            | Error::ResponseTooLarge { .. }
            | Error::InvalidRequest { .. }
            | Error::SignIn { .. } => false,
            #[cfg(feature = "account")]
            Error::Verification { .. } => false,
        }
    }
}

/// Why a user sign-in or a token refresh failed ([`Error::SignIn`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SignInProblem {
    /// On the way from Logto's `redirectTo` to the app's `redirect_uri`, Logto answered with a
    /// page instead of a redirect (e.g. `400 session.not_found` when the session cookies are
    /// missing or the interaction has expired).
    ErrorPage {
        /// The answer's status.
        status: http::StatusCode,
        /// The path of the page (without its query, which may hold a code).
        path: String,
        /// Logto's error body, when it sent one.
        logto: Option<Box<LogtoError>>,
    },
    /// A redirect led away from Logto's origin before reaching the app's `redirect_uri`;
    /// it was not followed.
    ForeignRedirect {
        /// The origin it pointed to (scheme, host, port).
        origin: String,
    },
    /// More redirects than allowed before reaching the `redirect_uri`.
    TooManyRedirects {
        /// How many were followed.
        hops: usize,
    },
    /// The `state` on the `redirect_uri` is not the one this sign-in sent (a forged or
    /// crossed-over redirect); the code was not exchanged.
    StateMismatch,
    /// Logto sent the user back with `error=` (e.g. `access_denied`).
    Denied {
        /// The OAuth error code.
        error: String,
        /// Its description, if any.
        description: Option<String>,
    },
    /// The `redirect_uri` was reached without a `code` (or with an empty one).
    MissingCode,
    /// The `redirect_uri`'s query has a parameter (`state`, `code`, `error`) more than once,
    /// which RFC 6749 §3.1 forbids; the code was not exchanged.
    RepeatedParameter {
        /// The parameter's name.
        name: String,
    },
    /// The token endpoint refused the request (`invalid_grant` for a used, expired or
    /// tampered code or verifier, or a revoked refresh token: sign the user in again).
    Refused {
        /// The OAuth error code, e.g. `invalid_grant`.
        error: String,
        /// Its description, if any.
        description: Option<String>,
    },
    /// The token endpoint's answer is not a token answer (the body is not quoted: it may
    /// hold tokens).
    BadTokenAnswer(String),
    /// The ID token does not decode, or fails a check the caller asked for (signature,
    /// issuer, audience, expiry, nonce).
    IdToken(String),
}

impl Error {
    /// What went wrong with a sign-in or a token refresh, for [`Error::SignIn`].
    pub fn sign_in_problem(&self) -> Option<&SignInProblem> {
        match self {
            Error::SignIn { problem, .. } => Some(problem),
            _ => None,
        }
    }
}

impl std::fmt::Display for SignInProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let or_empty =
            |d: &Option<String>| d.as_deref().map(|d| format!(": {d}")).unwrap_or_default();
        match self {
            SignInProblem::ErrorPage {
                status,
                path,
                logto,
            } => {
                write!(
                    f,
                    "Logto answered {status} at `{path}` instead of redirecting"
                )?;
                if let Some(body) = logto {
                    let code = body.code.as_deref().or(body.error.as_deref()).unwrap_or("");
                    let message = body
                        .message
                        .as_deref()
                        .or(body.error_description.as_deref());
                    write!(f, " ({code}{})", or_empty(&message.map(str::to_owned)))?;
                }
                Ok(())
            }
            SignInProblem::ForeignRedirect { origin } => {
                write!(
                    f,
                    "refused to follow a redirect to another origin, {origin}"
                )
            }
            SignInProblem::TooManyRedirects { hops } => {
                write!(
                    f,
                    "gave up after {hops} redirects without reaching the redirect URI"
                )
            }
            SignInProblem::StateMismatch => {
                f.write_str("the redirect's `state` is not this sign-in's")
            }
            SignInProblem::Denied { error, description } => {
                write!(
                    f,
                    "the sign-in ended with `{error}`{}",
                    or_empty(description)
                )
            }
            SignInProblem::MissingCode => f.write_str("the redirect URI carries no code"),
            SignInProblem::RepeatedParameter { name } => {
                write!(f, "the redirect URI carries `{name}` more than once")
            }
            SignInProblem::Refused { error, description } => {
                write!(
                    f,
                    "the token endpoint refused: `{error}`{}",
                    or_empty(description)
                )
            }
            SignInProblem::BadTokenAnswer(what) => {
                write!(
                    f,
                    "the token endpoint's answer is not a token answer: {what}"
                )
            }
            SignInProblem::IdToken(what) => write!(f, "the ID token is not valid: {what}"),
        }
    }
}

/// Why a verification record could not be used.
#[cfg(feature = "account")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerificationProblem {
    /// The record's expiry has passed; nothing was sent.
    Expired {
        /// When it expired.
        at: std::time::SystemTime,
    },
    /// The server does not accept the record: it never existed, has expired on the server's
    /// clock, was made for another user, or is not verified.
    Rejected,
}

#[cfg(feature = "account")]
impl std::fmt::Display for VerificationProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerificationProblem::Expired { at } => write!(
                f,
                "the verification record expired at {}",
                humantime::format_rfc3339_seconds(*at)
            ),
            VerificationProblem::Rejected => {
                f.write_str("the server does not accept the verification record")
            }
        }
    }
}

/// A 4xx/5xx answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The operationId of the call.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// Logto's `{code, message, data}` body, when the body is JSON of that shape.
    pub body: Option<LogtoError>,
    /// The body as received, kept whatever its shape.
    pub raw: Bytes,
}

impl ApiError {
    /// Logto's error code, e.g. `user.username_already_in_use`.
    pub fn code(&self) -> Option<&str> {
        self.body.as_ref().and_then(|b| b.code.as_deref())
    }

    /// Logto's human-readable message.
    pub fn message(&self) -> Option<&str> {
        self.body.as_ref().and_then(|b| b.message.as_deref())
    }

    /// The body decoded as JSON of type `T`: `None` when it is not JSON of that shape. For an
    /// error answer whose body the API description documents (Logto's own documents declare
    /// none; [`body`](Self::body) reads Logto's).
    pub fn body_json<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        crate::body::from_json_slice(&self.raw).ok()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, self.status)?;
        match (&self.body, self.code()) {
            (Some(body), Some(code)) => {
                write!(f, " {code}: {}", body.message.as_deref().unwrap_or(""))
            }
            (Some(body), None) => write!(f, ": {}", body.message.as_deref().unwrap_or("")),
            (None, _) => write!(f, "; body starts with: {}", excerpt(&self.raw)),
        }
    }
}

/// The error body Logto sends with 4xx/5xx answers (not declared in its OpenAPI documents).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LogtoError {
    /// Machine-readable code such as `session.not_found`; absent on a few generic errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human-readable message, in the request's `Accept-Language` where Logto has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Extra data: an object or an array (e.g. the rejected rules of `password.rejected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
    /// Validation details for `guard.invalid_input` and similar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
    /// OAuth-style error name, on OIDC-derived errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// OAuth-style error description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

impl LogtoError {
    /// Parses an error body; `None` unless it is a JSON object with at least a code or message.
    pub fn parse(body: &[u8]) -> Option<LogtoError> {
        // `data` may nest as deeply as a success body; the code must not be lost to that.
        let parsed: LogtoError = crate::body::from_json_slice(body).ok()?;
        (parsed.code.is_some() || parsed.message.is_some() || parsed.error.is_some())
            .then_some(parsed)
    }
}

/// `headers` with the values that carry secrets (a `Set-Cookie` holds Logto's session) marked
/// sensitive, so that `Debug` of an answer or an error shows `Sensitive` in their place.
pub(crate) fn with_secrets_hidden(headers: &HeaderMap) -> HeaderMap {
    let mut headers = headers.clone();
    for (name, value) in headers.iter_mut() {
        if name == http::header::SET_COOKIE || name == http::header::AUTHORIZATION {
            value.set_sensitive(true);
        }
    }
    headers
}

/// The start of a body for error messages: at most 200 characters, lossily decoded.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 200;
    let text = String::from_utf8_lossy(body);
    if text.chars().count() <= MAX {
        text.into_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, body: &str) -> Error {
        let raw = Bytes::copy_from_slice(body.as_bytes());
        Error::Api(Box::new(ApiError {
            operation: "Test",
            status: StatusCode::from_u16(status).expect("valid status"),
            headers: HeaderMap::new(),
            body: LogtoError::parse(&raw),
            raw,
        }))
    }

    #[test]
    fn retryable_statuses_and_codes() {
        for status in [429, 502, 503, 504] {
            assert!(api(status, "").is_retryable(), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 422, 500, 501] {
            assert!(!api(status, "").is_retryable(), "{status}");
        }
        assert!(Error::Timeout { operation: "Test" }.is_retryable());
        let taken = api(
            422,
            r#"{"code":"user.username_already_in_use","message":"taken"}"#,
        );
        assert!(taken.is_code(crate::codes::USERNAME_ALREADY_IN_USE));
        assert!(!taken.is_code(crate::codes::EMAIL_ALREADY_IN_USE));
        assert!(!api(500, "<html>").is_code(crate::codes::USERNAME_ALREADY_IN_USE));
    }

    #[test]
    fn error_bodies_decode_as_any_type() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Problem {
            title: String,
        }
        let documented = api(404, r#"{"title":"gone"}"#);
        assert_eq!(
            documented.body_json::<Problem>(),
            Some(Problem {
                title: "gone".into()
            })
        );
        assert_eq!(documented.code(), None);
        assert_eq!(api(500, "<html>").body_json::<Problem>(), None);
        assert_eq!(api(404, "").body_json::<serde_json::Value>(), None);
        assert_eq!(
            Error::Timeout { operation: "Test" }.body_json::<serde_json::Value>(),
            None
        );
    }
}
