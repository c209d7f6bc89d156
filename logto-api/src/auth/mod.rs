//! How calls are authenticated: a fixed bearer token, a [`TokenProvider`] the application
//! brings, or OAuth2 client credentials (machine-to-machine apps) with a cached token.

mod credentials;
#[cfg(any(feature = "experience", feature = "account"))]
pub(crate) mod refresh;

pub(crate) use credentials::ClientCredentials;

use crate::error::{Error, Result};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A boxed, sendable future, as [`TokenProvider::token`] returns. The same type as
/// `futures::future::BoxFuture`, so either name works in an implementation.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A secret text (an app secret, an access token) that never shows in `Debug` output, and has
/// no `Display`, so it cannot end up in a log line or an error message by accident.
#[derive(Clone)]
pub struct Secret(Arc<str>);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(Arc::from(value.into()))
    }

    /// The secret text itself; the name makes every use visible in review.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Whether both are the very same secret (not merely equal text): identifies a cached token
    /// without comparing secret bytes.
    pub(crate) fn same(&self, other: &Secret) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret::new(value)
    }
}

/// An OAuth2 access token, sent as `Authorization: Bearer`, with when it stops being valid.
#[derive(Clone)]
pub struct AccessToken {
    secret: Secret,
    expires_at: Option<Instant>,
    scope: Option<String>,
}

impl AccessToken {
    /// A token without a known expiry: used until the server rejects it with 401.
    pub fn new(token: impl Into<Secret>) -> AccessToken {
        AccessToken {
            secret: token.into(),
            expires_at: None,
            scope: None,
        }
    }

    /// The same token, expiring `lifetime` from now (an OAuth2 `expires_in`). A lifetime too
    /// long for the clock to represent counts as no expiry rather than a panic.
    #[must_use]
    pub fn with_expires_in(self, lifetime: Duration) -> AccessToken {
        AccessToken {
            expires_at: Instant::now().checked_add(lifetime),
            ..self
        }
    }

    /// The same token, expiring at `at`.
    #[must_use]
    pub fn with_expires_at(self, at: Instant) -> AccessToken {
        AccessToken {
            expires_at: Some(at),
            ..self
        }
    }

    /// The same token, recording the scopes it was granted.
    #[must_use]
    pub fn with_scope(self, scope: impl Into<String>) -> AccessToken {
        AccessToken {
            scope: Some(scope.into()),
            ..self
        }
    }

    /// The token text, for the `Authorization` header.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<Instant> {
        self.expires_at
    }

    /// The granted scopes (space-separated), if known.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &self.secret)
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .finish()
    }
}

/// A source of access tokens the application already has (from its own OAuth flow, a vault,
/// another service). The client asks for a token before every call, so a provider should keep
/// its token and answer quickly while it is valid.
///
/// ```
/// use logto_api::{AccessToken, BoxFuture, TokenProvider};
///
/// #[derive(Debug)]
/// struct FromEnv;
///
/// impl TokenProvider for FromEnv {
///     fn token(&self) -> BoxFuture<'_, logto_api::Result<AccessToken>> {
///         Box::pin(async { Ok(AccessToken::new(std::env::var("LOGTO_TOKEN").unwrap_or_default())) })
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send with the next call.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken>>;

    /// The server rejected the last token with 401: forget it, so the next
    /// [`token`](TokenProvider::token) gets a fresh one. The call is then retried once.
    /// The default does nothing (and the retry reuses the same token).
    fn invalidate(&self) {}
}

/// Lets the application keep a handle on the provider it gives the client.
impl<P: TokenProvider + ?Sized> TokenProvider for Arc<P> {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken>> {
        (**self).token()
    }

    fn invalidate(&self) {
        (**self).invalidate();
    }
}

/// How a [`crate::Client`] authenticates its calls. Cheap to clone.
#[derive(Clone, Default)]
pub(crate) enum Auth {
    /// No `Authorization` header.
    #[default]
    None,
    /// The same token on every call; a 401 is the caller's to handle.
    Bearer(Secret),
    /// Tokens from the application's provider.
    Provider(Arc<dyn TokenProvider>),
    /// Tokens from Logto's token endpoint, cached.
    Credentials(Arc<ClientCredentials>),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Bearer(secret) => f.debug_tuple("Bearer").field(secret).finish(),
            Auth::Provider(_) => f.write_str("TokenProvider"),
            Auth::Credentials(credentials) => credentials.fmt(f),
        }
    }
}

impl Auth {
    /// The token for the next call, `None` when calls go unauthenticated.
    pub(crate) async fn token(&self) -> Result<Option<AccessToken>> {
        match self {
            Auth::None => Ok(None),
            Auth::Bearer(secret) => Ok(Some(AccessToken::new(secret.clone()))),
            Auth::Provider(provider) => provider.token().await.map(Some),
            Auth::Credentials(credentials) => credentials.token().await.map(Some),
        }
    }

    /// Whether a 401 is worth one retry: only when a fresh token can be had.
    pub(crate) fn refreshable(&self) -> bool {
        matches!(self, Auth::Provider(_) | Auth::Credentials(_))
    }

    /// `rejected` earned a 401: drop it so the retry fetches another.
    pub(crate) fn invalidate(&self, rejected: &AccessToken) {
        match self {
            Auth::None | Auth::Bearer(_) => {}
            Auth::Provider(provider) => provider.invalidate(),
            Auth::Credentials(credentials) => credentials.invalidate(rejected),
        }
    }
}

/// The authentication a [`crate::ClientBuilder`] was asked for, before the client exists.
#[derive(Default)]
pub(crate) enum AuthConfig {
    #[default]
    None,
    Bearer(Secret),
    Provider(Arc<dyn TokenProvider>),
    Credentials {
        app_id: String,
        secret: Secret,
    },
}

impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthConfig::None => f.write_str("None"),
            AuthConfig::Bearer(secret) => f.debug_tuple("Bearer").field(secret).finish(),
            AuthConfig::Provider(_) => f.write_str("TokenProvider"),
            AuthConfig::Credentials { app_id, secret } => f
                .debug_struct("ClientCredentials")
                .field("app_id", app_id)
                .field("secret", secret)
                .finish(),
        }
    }
}

/// Logto OSS's Management API resource indicator; Cloud tenants use their own.
/// The client's bounds that apply to the token request as much as to calls.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenRequestLimits {
    /// The longest one token request may take.
    pub(crate) attempt_timeout: Duration,
    /// The largest token answer read, in bytes.
    pub(crate) max_response_size: u64,
}

pub(crate) const DEFAULT_RESOURCE: &str = "https://default.logto.app/api";
/// The scope that grants a machine-to-machine app all Management API permissions it has.
pub(crate) const DEFAULT_SCOPE: &str = "all";

impl AuthConfig {
    /// The client's authentication; `resource` and `scope` only make sense with client
    /// credentials, so setting them for anything else is refused rather than silently ignored.
    pub(crate) fn build(
        self,
        base_url: &str,
        http: &reqwest::Client,
        resource: Option<String>,
        scope: Option<String>,
        limits: TokenRequestLimits,
    ) -> Result<Auth> {
        if let AuthConfig::Credentials { app_id, secret } = self {
            let credentials = ClientCredentials::new(
                base_url,
                http.clone(),
                app_id,
                secret,
                resource.unwrap_or_else(|| DEFAULT_RESOURCE.to_owned()),
                scope.unwrap_or_else(|| DEFAULT_SCOPE.to_owned()),
                limits,
            )?;
            return Ok(Auth::Credentials(Arc::new(credentials)));
        }
        if resource.is_some() || scope.is_some() {
            return Err(Error::InvalidRequest {
                operation: "client",
                message:
                    "`resource`, `scope` and `cloud_tenant` apply only to `client_credentials`"
                        .to_owned(),
            });
        }
        Ok(match self {
            AuthConfig::None | AuthConfig::Credentials { .. } => Auth::None,
            AuthConfig::Bearer(secret) => Auth::Bearer(secret),
            AuthConfig::Provider(provider) => Auth::Provider(provider),
        })
    }
}
