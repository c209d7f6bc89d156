//! OAuth2 client credentials (and, through `refresh.rs`, a user's refresh token) against
//! Logto's token endpoint, with a token cache that lets one refresh serve every concurrent
//! caller.

use super::{AccessToken, Secret, TokenRequestLimits};
use crate::error::{ApiError, Error, LogtoError, Result};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// How the calls in [`Error`]s about the token request are named.
const OPERATION: &str = "ClientCredentials";

/// Tokens are refreshed this long before they expire at most, so a call never leaves with a
/// token that expires in flight...
const MAX_MARGIN: Duration = Duration::from_secs(30);
/// ...but never earlier than this fraction of the lifetime, so short-lived tokens stay usable.
const MARGIN_DIVISOR: u32 = 10;

/// A machine-to-machine app's credentials, or a signed-in user's refresh token (see `Grant`),
/// and its current token.
pub(crate) struct ClientCredentials {
    fetcher: Arc<Fetcher>,
    cached: Arc<Mutex<Cached>>,
    /// Held while a token request is in flight: whoever needs a token meanwhile waits for it
    /// instead of sending a request of its own. The request runs in a task of its own that
    /// holds this until its answer is stored, so a caller that stops waiting (its future is
    /// dropped) neither loses the answer (e.g. a rotated refresh token) nor lets another
    /// request start meanwhile.
    flight: Arc<tokio::sync::Mutex<()>>,
}

/// What a token request needs, shared with the task that sends it.
struct Fetcher {
    token_url: reqwest::Url,
    http: reqwest::Client,
    grant: Grant,
    limits: TokenRequestLimits,
}

/// How a new token is had: the machine-to-machine app's credentials, or a signed-in user's
/// refresh token.
enum Grant {
    ClientCredentials {
        app_id: String,
        secret: Secret,
        resource: String,
        scope: String,
    },
    #[cfg(any(feature = "experience", feature = "account"))]
    Refresh(super::refresh::RefreshGrant),
}

/// After a failed token request, the next one waits this long since the failure...
const FIRST_RETRY_GAP: Duration = Duration::from_millis(100);
/// ...doubling with each failure in a row, up to this.
const MAX_RETRY_GAP: Duration = Duration::from_secs(5);

#[derive(Default)]
struct Cached {
    token: Option<AccessToken>,
    refresh_at: Option<Instant>,
    /// Counts finished token requests, so a waiter can tell that one ended while it waited.
    generation: u64,
    /// The last token request's failure, while no token has been fetched since.
    failure: Option<Failure>,
}

/// A failed token request: its error answers every call that waited for it.
struct Failure {
    error: Error,
    at: Instant,
    /// Failures in a row, for the gap before the next request.
    in_a_row: u32,
}

impl Failure {
    /// When the next token request may start.
    fn retry_at(&self) -> Instant {
        let doublings = self.in_a_row.saturating_sub(1).min(16);
        let gap = FIRST_RETRY_GAP
            .saturating_mul(1 << doublings)
            .min(MAX_RETRY_GAP);
        self.at + gap
    }
}

impl Cached {
    fn fresh(&self) -> Option<AccessToken> {
        let token = self.token.as_ref()?;
        match self.refresh_at {
            Some(at) if Instant::now() >= at => None,
            _ => Some(token.clone()),
        }
    }

    fn store(&mut self, token: AccessToken) {
        let now = Instant::now();
        self.refresh_at = token.expires_at().map(|at| {
            let lifetime = at.saturating_duration_since(now);
            at.checked_sub(MAX_MARGIN.min(lifetime / MARGIN_DIVISOR))
                .unwrap_or(now)
        });
        self.token = Some(token);
        self.failure = None;
        self.generation = self.generation.wrapping_add(1);
    }

    fn fail(&mut self, error: Error) {
        // The request was made because this token was due for refresh (or rejected); it must
        // not serve anyone now.
        self.token = None;
        self.refresh_at = None;
        let in_a_row = self.failure.as_ref().map_or(0, |f| f.in_a_row) + 1;
        self.failure = Some(Failure {
            error,
            at: Instant::now(),
            in_a_row,
        });
        self.generation = self.generation.wrapping_add(1);
    }
}

impl std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = match &self.fetcher.grant {
            Grant::ClientCredentials {
                app_id,
                secret,
                resource,
                scope,
            } => {
                let mut out = f.debug_struct("ClientCredentials");
                out.field("app_id", app_id)
                    .field("secret", secret)
                    .field("resource", resource)
                    .field("scope", scope);
                out
            }
            #[cfg(any(feature = "experience", feature = "account"))]
            Grant::Refresh(grant) => {
                let mut out = f.debug_struct("RefreshToken");
                out.field("grant", grant);
                out
            }
        };
        out.field("token_url", &self.fetcher.token_url.as_str())
            .field("has_token", &self.lock().token.is_some())
            .finish()
    }
}

/// RFC 6749 §2.3.1: the client id and secret are form-urlencoded before they are joined for
/// HTTP Basic, so a `:` in either cannot shift the split.
fn form_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

impl ClientCredentials {
    pub(crate) fn new(
        base_url: &str,
        http: reqwest::Client,
        app_id: String,
        secret: Secret,
        resource: String,
        scope: String,
        limits: TokenRequestLimits,
    ) -> Result<ClientCredentials> {
        let joined = format!("{base_url}/oidc/token");
        let token_url = reqwest::Url::parse(&joined).map_err(|e| Error::InvalidRequest {
            operation: "client",
            message: format!("token URL `{joined}`: {e}"),
        })?;
        Ok(ClientCredentials {
            fetcher: Arc::new(Fetcher {
                token_url,
                http,
                grant: Grant::ClientCredentials {
                    app_id,
                    secret,
                    resource,
                    scope,
                },
                limits,
            }),
            cached: Arc::default(),
            flight: Arc::default(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Cached> {
        lock(&self.cached)
    }

    /// The cached token while it is fresh, else a new one; concurrent callers share one request.
    pub(crate) async fn token(&self) -> Result<AccessToken> {
        let seen = {
            let cached = self.lock();
            if let Some(token) = cached.fresh() {
                return Ok(token);
            }
            cached.generation
        };
        let flight = self.flight.clone().lock_owned().await;
        let retry_at = {
            let cached = self.lock();
            // A token request ended while this call waited: its answer serves this call too.
            // A token even when it is already inside the refresh margin (a very short
            // lifetime), a failure because another request now would most likely fail the
            // same way; otherwise each waiter would send its own request in turn.
            if cached.generation != seen {
                if let Some(failure) = &cached.failure {
                    return Err(failure.error.clone());
                }
                if let Some(token) = &cached.token {
                    return Ok(token.clone());
                }
            }
            if let Some(token) = cached.fresh() {
                return Ok(token);
            }
            cached.failure.as_ref().map(Failure::retry_at)
        };
        // A call that comes after a failure tries again, but not at once: calls arriving
        // meanwhile queue on `flight` and share this attempt.
        if let Some(at) = retry_at {
            tokio::time::sleep_until(at.into()).await;
        }
        let fetcher = self.fetcher.clone();
        let cached = self.cached.clone();
        let request = tokio::spawn(async move {
            let answer = fetcher.fetch().await;
            match &answer {
                Ok(token) => lock(&cached).store(token.clone()),
                Err(error) => lock(&cached).fail(error.clone()),
            }
            drop(flight);
            answer
        });
        request.await.unwrap_or_else(|e| {
            Err(Error::InvalidRequest {
                operation: OPERATION,
                message: format!("the token request's task ended without an answer: {e}"),
            })
        })
    }

    /// Drops `rejected` if it is still the cached token; a token cached since then (another
    /// call already refreshed) is kept, so a burst of 401s does not cause a burst of refreshes.
    pub(crate) fn invalidate(&self, rejected: &AccessToken) {
        let mut cached = self.lock();
        if cached
            .token
            .as_ref()
            .is_some_and(|t| t.secret().same(rejected.secret()))
        {
            cached.token = None;
            cached.refresh_at = None;
        }
    }

    /// The cached access token, fresh or not.
    pub(crate) fn current_token(&self) -> Option<AccessToken> {
        self.lock().token.clone()
    }

    /// The refresh token the next refresh will send (the newest one Logto rotated to), when
    /// tokens come from a refresh token.
    #[cfg(any(feature = "experience", feature = "account"))]
    pub(crate) fn refresh_token(&self) -> Option<Secret> {
        match &self.fetcher.grant {
            Grant::Refresh(grant) => Some(grant.current()),
            Grant::ClientCredentials { .. } => None,
        }
    }

    /// A cache whose tokens come from a signed-in user's refresh token, starting with
    /// `current` (the access token the sign-in gave, if any).
    #[cfg(any(feature = "experience", feature = "account"))]
    pub(crate) fn refreshing(
        token_url: reqwest::Url,
        http: reqwest::Client,
        grant: super::refresh::RefreshGrant,
        limits: TokenRequestLimits,
        current: Option<AccessToken>,
    ) -> ClientCredentials {
        let mut cached = Cached::default();
        if let Some(token) = current {
            cached.store(token);
        }
        ClientCredentials {
            fetcher: Arc::new(Fetcher {
                token_url,
                http,
                grant: Grant::Refresh(grant),
                limits,
            }),
            cached: Arc::new(Mutex::new(cached)),
            flight: Arc::default(),
        }
    }
}

fn lock(cached: &Mutex<Cached>) -> MutexGuard<'_, Cached> {
    // The cache holds plain data that a panic cannot leave half-written.
    cached.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Fetcher {
    /// One token request with the cache's grant.
    async fn fetch(&self) -> Result<AccessToken> {
        match &self.grant {
            Grant::ClientCredentials {
                app_id,
                secret,
                resource,
                scope,
            } => {
                self.fetch_client_credentials(app_id, secret, resource, scope)
                    .await
            }
            #[cfg(any(feature = "experience", feature = "account"))]
            Grant::Refresh(grant) => {
                grant
                    .refresh(&self.token_url, &self.http, self.limits)
                    .await
            }
        }
    }

    /// One `POST /oidc/token` with `grant_type=client_credentials`.
    async fn fetch_client_credentials(
        &self,
        app_id: &str,
        secret: &Secret,
        resource: &str,
        scope: &str,
    ) -> Result<AccessToken> {
        let form = serde_urlencoded::to_string([
            ("grant_type", "client_credentials"),
            ("resource", resource),
            ("scope", scope),
        ])
        .map_err(|e| Error::InvalidRequest {
            operation: OPERATION,
            message: format!("token request body: {e}"),
        })?;
        let response = self
            .http
            .post(self.token_url.clone())
            // The same bound as one attempt of a call, so a token endpoint that never answers
            // fails this request rather than waiting out the call's overall timeout.
            .timeout(self.limits.attempt_timeout)
            // reqwest marks this header sensitive, so it stays out of its own Debug output.
            .basic_auth(
                form_encode(app_id),
                Some(form_encode(secret.expose_secret())),
            )
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(http::header::ACCEPT, "application/json")
            .body(form)
            .send()
            .await
            .map_err(|e| Error::transport(OPERATION, e))?;
        let status = response.status();
        let headers = crate::error::with_secrets_hidden(response.headers());
        let body =
            crate::body::read_limited(OPERATION, response, self.limits.max_response_size).await?;
        if status.is_redirection() {
            // The client follows no redirect (credentials stay with their origin), and a token
            // endpoint that answers with one has not answered.
            return Err(Error::UnexpectedStatus {
                operation: OPERATION,
                status,
                headers: Box::new(headers),
                excerpt: crate::error::excerpt(&body),
            });
        }
        if !status.is_success() {
            return Err(Error::Api(Box::new(ApiError {
                operation: OPERATION,
                status,
                headers,
                body: oauth_error(&body),
                raw: body,
            })));
        }
        parse_token(status, &body)
    }
}

/// The OAuth error body (`{error, error_description}`) in Logto's shape, so `Error::code()` is
/// e.g. `invalid_client` and the error's `Display` carries the description.
fn oauth_error(body: &[u8]) -> Option<LogtoError> {
    let parsed = LogtoError::parse(body)?;
    Some(LogtoError {
        code: parsed.code.clone().or_else(|| parsed.error.clone()),
        message: parsed
            .message
            .clone()
            .or_else(|| parsed.error_description.clone()),
        ..parsed
    })
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    // A `String`, so serde's messages never quote it: they quote only values of the wrong type.
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    scope: Option<String>,
}

/// The token from a success answer. Errors never quote the body: it holds the token.
fn parse_token(status: http::StatusCode, body: &[u8]) -> Result<AccessToken> {
    let decode = |source: serde_json::Error| {
        Error::decode(
            OPERATION,
            status,
            source,
            "<redacted: a token response>".to_owned(),
        )
    };
    let custom = |message: String| decode(<serde_json::Error as serde::de::Error>::custom(message));
    let parsed: TokenResponse = serde_json::from_slice(body).map_err(decode)?;
    if let Some(kind) = parsed.token_type.as_deref() {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err(custom(format!("token_type `{kind}` is not `Bearer`")));
        }
    }
    // Some servers send `expires_in` as a string; both mean seconds.
    let seconds = match &parsed.expires_in {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(_) => None,
    };
    if parsed.expires_in.as_ref().is_some_and(|v| !v.is_null()) && seconds.is_none() {
        return Err(custom(
            "expires_in is not a whole number of seconds".to_owned(),
        ));
    }
    let mut token = AccessToken::new(parsed.access_token);
    if let Some(seconds) = seconds {
        token = token.with_expires_in(Duration::from_secs(seconds));
    }
    if let Some(scope) = parsed.scope {
        token = token.with_scope(scope);
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_encoded() {
        assert_eq!(form_encode("a:b c/+é"), "a%3Ab+c%2F%2B%C3%A9");
        assert_eq!(form_encode("plain-id_1.x*"), "plain-id_1.x*");
    }

    #[test]
    fn refresh_margin_is_the_smaller_of_30s_and_a_tenth() {
        let mut cached = Cached::default();
        cached.store(AccessToken::new("t").with_expires_in(Duration::from_secs(3600)));
        let left = cached
            .refresh_at
            .expect("has a deadline")
            .saturating_duration_since(Instant::now());
        assert!(left > Duration::from_secs(3560) && left <= Duration::from_secs(3570));
        cached.store(AccessToken::new("t").with_expires_in(Duration::from_secs(60)));
        let left = cached
            .refresh_at
            .expect("has a deadline")
            .saturating_duration_since(Instant::now());
        assert!(left > Duration::from_secs(50) && left <= Duration::from_secs(54));
        assert!(cached.fresh().is_some());
        // A lifetime beyond the clock's range is no expiry, not a panic.
        cached.store(AccessToken::new("t").with_expires_in(Duration::MAX));
        assert!(cached.refresh_at.is_none() && cached.fresh().is_some());
    }

    #[test]
    fn token_responses_parse_without_quoting_the_body() {
        let ok = parse_token(
            http::StatusCode::OK,
            br#"{"access_token":"tok","expires_in":"3600","token_type":"Bearer","scope":"all"}"#,
        )
        .expect("parses");
        assert_eq!(ok.secret().expose_secret(), "tok");
        assert_eq!(ok.scope(), Some("all"));
        assert!(ok.expires_at().is_some());
        let bad = parse_token(
            http::StatusCode::OK,
            br#"{"access_token":"tok-secret","expires_in":[1]}"#,
        )
        .expect_err("refused");
        assert!(!format!("{bad} {bad:?}").contains("tok-secret"));
        let kind = parse_token(
            http::StatusCode::OK,
            br#"{"access_token":"tok-secret","token_type":"DPoP"}"#,
        )
        .expect_err("refused");
        assert!(!format!("{kind} {kind:?}").contains("tok-secret"));
    }
}
