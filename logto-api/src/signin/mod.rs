//! A user's sign-in from start to tokens, for an app that runs its own sign-in UI with the
//! Experience API.
//!
//! 1. [`Client::start_sign_in`] sends the OIDC authorization request for an [`OidcApp`] with
//!    PKCE (S256), a `state` and a `nonce`, and keeps the session cookies Logto sets in a cookie
//!    jar of the sign-in's own, so concurrent sign-ins on one client stay apart.
//! 2. The app runs the interaction with `sign_in.client().experience()` (init, verify,
//!    identify, submit).
//! 3. [`SignIn::finish`] takes the `redirectTo` that `submit_interaction` answers, follows
//!    Logto's redirects with the session cookies up to the app's `redirect_uri` (same origin
//!    only, at most [`MAX_REDIRECTS`]), checks `state`, and exchanges the code with the PKCE
//!    verifier for the user's [`UserTokens`].
//! 4. [`Client::with_user_tokens`] gives a client whose Account API calls use the access token
//!    and refresh it with the refresh token, as long as the refresh token lasts.
//!
//! Crates: `oauth2` builds the authorization request (PKCE, `state`) and does the code exchange
//! and refresh grants (see `auth/refresh.rs` for why); `jsonwebtoken` reads the ID token and,
//! when asked ([`UserTokens::verify_id_token`]), checks its signature against Logto's JWKS.
//! `openidconnect` was not used: it wants the discovery document and its own HTTP client, and
//! the pieces it would add over these two are few here.

mod id_token;

pub use id_token::{IdToken, IdTokenClaims};

use crate::auth::refresh::{
    access_token, bearer_only, oauth_client, token_error, transport, RefreshGrant,
};
use crate::auth::{AccessToken, Secret, TokenRequestLimits};
use crate::error::{Error, LogtoError, Result, SignInProblem};
use crate::Client;
use oauth2::{AuthorizationCode, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, TokenResponse};
use reqwest::Url;

/// The most redirects [`SignIn::finish`] follows from `redirectTo` to the `redirect_uri`
/// (Logto needs two or three: the resumed authorization, a consent step, the callback).
pub const MAX_REDIRECTS: usize = 10;

/// How the redirects and the code exchange are named in errors.
const OPERATION: &str = "SignIn";

/// The OIDC application a user signs in to: its `client_id`, `redirect_uri`, the scopes and API
/// resources asked for, and, for a traditional web app, its secret.
///
/// ```
/// let app = logto_api::OidcApp::new("my-app-id", "http://localhost:3000/callback")
///     .scopes(["openid", "offline_access", "profile", "email"])
///     .resource("https://api.example.com");
/// # let _ = app;
/// ```
#[derive(Clone)]
pub struct OidcApp {
    client_id: String,
    redirect_uri: String,
    scopes: Vec<String>,
    resources: Vec<String>,
    client_secret: Option<Secret>,
    prompt: Option<String>,
}

impl std::fmt::Debug for OidcApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcApp")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .field("scopes", &self.scopes)
            .field("resources", &self.resources)
            .field("client_secret", &self.client_secret)
            .field("prompt", &self.prompt)
            .finish()
    }
}

impl OidcApp {
    /// The app `client_id` (its app id in Logto's console), sending the user back to
    /// `redirect_uri` (one of the app's registered redirect URIs). Scopes default to
    /// `openid offline_access profile` (`offline_access` gets a refresh token), and `prompt` to
    /// `consent`, which Logto requires before it issues a refresh token.
    pub fn new(client_id: impl Into<String>, redirect_uri: impl Into<String>) -> OidcApp {
        OidcApp {
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            scopes: ["openid", "offline_access", "profile"]
                .map(String::from)
                .to_vec(),
            resources: Vec::new(),
            client_secret: None,
            prompt: Some("consent".to_owned()),
        }
    }

    /// The scopes to ask for, replacing the default ones.
    #[must_use]
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> OidcApp {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Also asks for access to the API resource `indicator` (RFC 8707 `resource`).
    #[must_use]
    pub fn resource(mut self, indicator: impl Into<String>) -> OidcApp {
        self.resources.push(indicator.into());
        self
    }

    /// The app's secret, for a traditional web app (sent by HTTP Basic to the token endpoint).
    #[must_use]
    pub fn client_secret(mut self, secret: impl Into<Secret>) -> OidcApp {
        self.client_secret = Some(secret.into());
        self
    }

    /// The OIDC `prompt` (`consent` unless set; `None` sends none).
    #[must_use]
    pub fn prompt(mut self, prompt: Option<&str>) -> OidcApp {
        self.prompt = prompt.map(str::to_owned);
        self
    }

    /// The app's `client_id`.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The app's `redirect_uri`.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }
}

/// A sign-in in progress: the authorization request has been sent and Logto's session cookies
/// are in the sign-in's own client (its own cookie jar). Run the interaction with
/// [`client()`](Self::client)`.experience()`, not with the client it was started from, then
/// [`finish`](Self::finish) with `submit_interaction`'s `redirectTo`. The PKCE verifier, `state`
/// and `nonce` never show in `Debug`.
pub struct SignIn {
    client: Client,
    app: OidcApp,
    verifier: Secret,
    state: Secret,
    nonce: Secret,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn")
            .field("app", &self.app)
            .field("verifier", &self.verifier)
            .field("state", &self.state)
            .field("nonce", &self.nonce)
            .finish()
    }
}

impl Client {
    /// Starts a user's sign-in to `app`: sends the OIDC authorization request (`GET /oidc/auth`,
    /// with PKCE S256, a random `state` and `nonce`) and keeps the session cookies Logto answers
    /// with in a cookie jar of the sign-in's own (this client's are left alone, so several
    /// sign-ins can run at once). Then run the Experience API interaction with
    /// [`SignIn::client`] and call [`SignIn::finish`].
    ///
    /// ```no_run
    /// # async fn demo(client: logto_api::Client) -> logto_api::Result<()> {
    /// let app = logto_api::OidcApp::new("my-app-id", "http://localhost:3000/callback");
    /// let sign_in = client.start_sign_in(&app).await?;
    /// let session = sign_in.client();
    /// // ... session.experience(): init_interaction, verification, identify_user, then:
    /// let done = session.experience().submit_interaction().send().await?.into_body();
    /// let redirect_to = done.map(|d| d.redirect_to).unwrap_or_default();
    /// let tokens = sign_in.finish(&redirect_to).await?;
    /// let me = client.with_user_tokens(&tokens)?;
    /// # let _ = me;
    /// # Ok(()) }
    /// ```
    pub async fn start_sign_in(&self, app: &OidcApp) -> Result<SignIn> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let nonce = CsrfToken::new_random();
        let oauth = oauth_client(
            &app.client_id,
            app.client_secret.as_ref(),
            &self.token_url()?,
        )
        .set_auth_uri(oauth2::AuthUrl::from_url(self.oidc_url("auth")?))
        .set_redirect_uri(redirect_url(&app.redirect_uri)?);
        let mut request = oauth
            .authorize_url(CsrfToken::new_random)
            .add_scopes(app.scopes.iter().cloned().map(oauth2::Scope::new))
            .set_pkce_challenge(challenge)
            .add_extra_param("nonce", nonce.secret().clone());
        if let Some(prompt) = &app.prompt {
            request = request.add_extra_param("prompt", prompt.clone());
        }
        for resource in &app.resources {
            request = request.add_extra_param("resource", resource.clone());
        }
        let (url, state) = request.url();
        let params: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let params: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let client = self.with_own_cookies();
        // Its URL carries `state`, `nonce` and the PKCE challenge: errors must not name it.
        client
            .authorize(&params)
            .await
            .map_err(Error::without_url)?;
        Ok(SignIn {
            client,
            app: app.clone(),
            verifier: Secret::new(verifier.into_secret()),
            state: Secret::new(state.into_secret()),
            nonce: Secret::new(nonce.into_secret()),
        })
    }

    /// The same client (sharing connections and cookies) authenticated as the signed-in user of
    /// `tokens`: calls send the access token, and when it is about to expire or gets a 401,
    /// one refresh (for all concurrent calls) gets a new one with the refresh token. Without a
    /// refresh token (no `offline_access`), the access token is used until it is refused.
    ///
    /// Each call starts a grant of its own from `tokens`' refresh token: once one client has
    /// refreshed and Logto rotated the refresh token, `tokens`' refresh token is used up (Logto
    /// may revoke the grant if it is sent again), so make one client and clone it rather than
    /// calling this again. To keep the user signed in, store
    /// [`Client::refresh_token`] (the current one) rather than `tokens.refresh_token()`, and
    /// later use [`Client::with_refresh_token`].
    ///
    /// ```no_run
    /// # #[cfg(feature = "account")]
    /// # async fn demo(client: logto_api::Client, tokens: logto_api::UserTokens) -> logto_api::Result<()> {
    /// let me = client.with_user_tokens(&tokens)?;
    /// let profile = me.my_account().get_profile().send().await?;
    /// let to_store = me.refresh_token(); // the newest, after any rotation
    /// # let _ = (profile, to_store);
    /// # Ok(()) }
    /// ```
    pub fn with_user_tokens(&self, tokens: &UserTokens) -> Result<Client> {
        match &tokens.refresh_token {
            Some(refresh_token) => {
                let grant = RefreshGrant::new(
                    tokens.client_id.clone(),
                    tokens.client_secret.clone(),
                    refresh_token.clone(),
                    None,
                );
                self.with_refresh_grant(grant, Some(tokens.access_token.clone()))
            }
            None => Ok(self.with_bearer_token(tokens.access_token.secret().expose_secret())),
        }
    }
}

/// `redirect_uri` as `oauth2` wants it.
fn redirect_url(redirect_uri: &str) -> Result<oauth2::RedirectUrl> {
    oauth2::RedirectUrl::new(redirect_uri.to_owned()).map_err(|e| Error::InvalidRequest {
        operation: OPERATION,
        message: format!("redirect URI `{redirect_uri}`: {e}"),
    })
}

impl SignIn {
    /// The client the sign-in runs in: the one it was started from, with a cookie jar of its
    /// own that holds this sign-in's Logto session. Run the interaction with its
    /// `experience()`.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The app signed in to.
    pub fn app(&self) -> &OidcApp {
        &self.app
    }

    /// Finishes the sign-in: follows `redirect_to` (the `redirectTo` of `submit_interaction`)
    /// and Logto's redirects after it with the session cookies until the app's `redirect_uri`,
    /// which is not requested. Each hop must stay on Logto's origin, and there are at most
    /// [`MAX_REDIRECTS`]. Then checks `state` and exchanges the code, with the PKCE verifier,
    /// at `/oidc/token`.
    ///
    /// Errors are [`Error::SignIn`]: [`SignInProblem::ErrorPage`] when Logto answers with a
    /// page (e.g. `session.not_found`), [`SignInProblem::ForeignRedirect`],
    /// [`SignInProblem::TooManyRedirects`], [`SignInProblem::StateMismatch`],
    /// [`SignInProblem::Denied`] for an `error=` on the redirect URI, and
    /// [`SignInProblem::Refused`] when the token endpoint refuses the code.
    pub async fn finish(self, redirect_to: &str) -> Result<UserTokens> {
        let callback = self.follow(redirect_to).await?;
        let code = self.code_from(&callback)?;
        let oauth = oauth_client(
            &self.app.client_id,
            self.app.client_secret.as_ref(),
            &self.client.token_url()?,
        )
        .set_redirect_uri(redirect_url(&self.app.redirect_uri)?);
        let http = transport(self.client.http(), self.limits(), OPERATION);
        let answer = oauth
            .exchange_code(AuthorizationCode::new(code.expose_secret().to_owned()))
            .set_pkce_verifier(PkceCodeVerifier::new(
                self.verifier.expose_secret().to_owned(),
            ))
            .request_async(&http)
            .await
            .map_err(|e| token_error(OPERATION, e))?;
        bearer_only(OPERATION, &answer)?;
        // The code is used up: a malformed ID token must not cost the access and refresh
        // tokens. Its problem shows when its claims are read or verified.
        let id_token = answer
            .extra_fields()
            .id_token
            .as_deref()
            .map(IdToken::parse);
        Ok(UserTokens {
            access_token: access_token(&answer),
            refresh_token: answer
                .refresh_token()
                .map(|t| Secret::new(t.secret().as_str())),
            id_token,
            scope: answer
                .scopes()
                .map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")),
            client_id: self.app.client_id.clone(),
            client_secret: self.app.client_secret.clone(),
            nonce: self.nonce.clone(),
        })
    }

    fn limits(&self) -> TokenRequestLimits {
        TokenRequestLimits {
            attempt_timeout: self.client.attempt_timeout(),
            max_response_size: self.client.max_response_size(),
        }
    }

    /// Follows the redirects from `redirect_to` to the redirect URI, which it returns.
    async fn follow(&self, redirect_to: &str) -> Result<Url> {
        let invalid = |message: String| Error::InvalidRequest {
            operation: OPERATION,
            message,
        };
        let logto =
            Url::parse(self.client.base_url()).map_err(|e| invalid(format!("base URL: {e}")))?;
        let target = Url::parse(&self.app.redirect_uri)
            .map_err(|e| invalid(format!("redirect URI: {e}")))?;
        let mut url = logto
            .join(redirect_to)
            .map_err(|e| invalid(format!("redirectTo: {e}")))?;
        for hop in 0..=MAX_REDIRECTS {
            if is_redirect_uri(&url, &target) {
                return Ok(url);
            }
            if url.origin() != logto.origin() {
                return Err(problem(SignInProblem::ForeignRedirect {
                    origin: url.origin().ascii_serialization(),
                }));
            }
            if hop == MAX_REDIRECTS {
                break;
            }
            url = self.hop(url).await?;
        }
        Err(problem(SignInProblem::TooManyRedirects {
            hops: MAX_REDIRECTS,
        }))
    }

    /// One `GET` with the session cookies; the `Location` it redirects to.
    async fn hop(&self, url: Url) -> Result<Url> {
        let mut request = self
            .client
            .http()
            .get(url.clone())
            .timeout(self.client.attempt_timeout());
        if let Some(cookies) = self.client.cookies().header(&url) {
            request = request.header(http::header::COOKIE, cookies);
        }
        let response = request
            .send()
            .await
            .map_err(|e| Error::transport(OPERATION, e.without_url()))?;
        for value in response.headers().get_all(http::header::SET_COOKIE) {
            if let Ok(value) = value.to_str() {
                self.client.cookies().store(value, &url);
            }
        }
        let status = response.status();
        // The path only: the query of a redirect may carry a code.
        tracing::debug!(
            status = status.as_u16(),
            path = url.path(),
            "sign-in redirect hop"
        );
        let location = response
            .headers()
            .get(http::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        if let (true, Some(location)) = (status.is_redirection(), location) {
            return url.join(&location).map_err(|e| Error::InvalidRequest {
                operation: OPERATION,
                message: format!("a redirect's Location does not parse: {e}"),
            });
        }
        let body = crate::body::read_limited(OPERATION, response, self.client.max_response_size())
            .await
            .map_err(Error::without_url)?;
        Err(problem(SignInProblem::ErrorPage {
            status,
            path: url.path().to_owned(),
            logto: LogtoError::parse(&body).map(Box::new),
        }))
    }

    /// The code on the redirect URI, once `state` and `error` are checked.
    fn code_from(&self, callback: &Url) -> Result<Secret> {
        let mut state = None;
        let mut code = None;
        let mut error = None;
        let mut description = None;
        for (name, value) in callback.query_pairs() {
            let slot = match &*name {
                "state" => &mut state,
                "code" => &mut code,
                "error" => &mut error,
                "error_description" => &mut description,
                _ => continue,
            };
            // RFC 6749 §3.1: parameters must not be included more than once.
            if slot.replace(value.into_owned()).is_some() {
                return Err(problem(SignInProblem::RepeatedParameter {
                    name: name.into_owned(),
                }));
            }
        }
        if state.as_deref() != Some(self.state.expose_secret()) {
            // An error redirect may come without the state (Logto could not read the request);
            // its error is more telling than the missing state.
            if let (Some(error), None) = (&error, &state) {
                return Err(problem(SignInProblem::Denied {
                    error: error.clone(),
                    description,
                }));
            }
            return Err(problem(SignInProblem::StateMismatch));
        }
        if let Some(error) = error {
            return Err(problem(SignInProblem::Denied { error, description }));
        }
        match code {
            Some(code) if !code.is_empty() => Ok(Secret::new(code)),
            _ => Err(problem(SignInProblem::MissingCode)),
        }
    }
}

fn problem(problem: SignInProblem) -> Error {
    Error::SignIn {
        operation: OPERATION,
        problem: Box::new(problem),
    }
}

/// Whether `url` is the redirect URI: same scheme, host, port and path (its query is the
/// answer).
fn is_redirect_uri(url: &Url, target: &Url) -> bool {
    url.origin() == target.origin() && url.path() == target.path()
}

/// A signed-in user's tokens. None of them shows in `Debug`; the ID token's claims do.
#[derive(Clone)]
pub struct UserTokens {
    access_token: AccessToken,
    refresh_token: Option<Secret>,
    id_token: Option<IdToken>,
    scope: Option<String>,
    client_id: String,
    client_secret: Option<Secret>,
    nonce: Secret,
}

impl std::fmt::Debug for UserTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserTokens")
            .field("access_token", &self.access_token)
            .field("refresh_token", &self.refresh_token)
            .field("id_token", &self.id_token)
            .field("scope", &self.scope)
            .field("client_id", &self.client_id)
            .finish()
    }
}

impl UserTokens {
    /// The access token, with its expiry (from `expires_in`) and scopes.
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// The refresh token, when `offline_access` was granted.
    pub fn refresh_token(&self) -> Option<&Secret> {
        self.refresh_token.as_ref()
    }

    /// The ID token, when `openid` was asked for. Its claims are read but not yet verified;
    /// see [`verify_id_token`](Self::verify_id_token). One that does not decode is kept too:
    /// [`IdToken::claims`] and verification report its problem.
    pub fn id_token(&self) -> Option<&IdToken> {
        self.id_token.as_ref()
    }

    /// The granted scopes (space-separated), when the answer listed them.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// When the access token expires, if the answer said.
    pub fn expires_at(&self) -> Option<std::time::Instant> {
        self.access_token.expires_at()
    }

    /// Verifies the ID token: its signature against Logto's JWKS (`GET /oidc/jwks` on
    /// `client`'s endpoint), issuer `{endpoint}/oidc`, audience this app, expiry, and the nonce
    /// this sign-in sent. Returns its claims.
    pub async fn verify_id_token(&self, client: &Client) -> Result<IdTokenClaims> {
        let id_token = self.id_token.as_ref().ok_or_else(|| Error::SignIn {
            operation: id_token::OPERATION,
            problem: Box::new(SignInProblem::IdToken(
                "the token answer had no ID token".to_owned(),
            )),
        })?;
        id_token
            .verify(client, &self.client_id, self.nonce.expose_secret())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in() -> SignIn {
        SignIn {
            client: Client::new("http://127.0.0.1:9").expect("client"),
            app: OidcApp::new("app", "http://127.0.0.1:1/cb"),
            verifier: Secret::new("verifier"),
            state: Secret::new("s1"),
            nonce: Secret::new("n1"),
        }
    }

    fn url(text: &str) -> Url {
        Url::parse(text).expect("URL")
    }

    #[test]
    fn the_redirect_uri_is_known_by_origin_and_path() {
        let target = url("http://127.0.0.1:1/cb");
        assert!(is_redirect_uri(
            &url("http://127.0.0.1:1/cb?code=x"),
            &target
        ));
        assert!(!is_redirect_uri(
            &url("http://127.0.0.1:2/cb?code=x"),
            &target
        ));
        assert!(!is_redirect_uri(&url("https://127.0.0.1:1/cb"), &target));
        assert!(!is_redirect_uri(
            &url("http://127.0.0.1:1/cb/more"),
            &target
        ));
    }

    #[test]
    fn state_is_checked_before_error_and_code() {
        let flow = sign_in();
        let problem = |query: &str| {
            let error = flow
                .code_from(&url(&format!("http://127.0.0.1:1/cb?{query}")))
                .expect_err("refused");
            error.sign_in_problem().expect("a sign-in problem").clone()
        };
        let code = flow
            .code_from(&url("http://127.0.0.1:1/cb?code=c1&state=s1"))
            .expect("code");
        assert_eq!(code.expose_secret(), "c1");
        assert_eq!(problem("code=c1&state=s2"), SignInProblem::StateMismatch);
        assert_eq!(problem("code=c1"), SignInProblem::StateMismatch);
        assert_eq!(problem("state=s1"), SignInProblem::MissingCode);
        assert_eq!(problem("code=&state=s1"), SignInProblem::MissingCode);
        let repeated = |name: &str| SignInProblem::RepeatedParameter { name: name.into() };
        assert_eq!(problem("code=c1&state=s1&state=s1"), repeated("state"));
        assert_eq!(problem("state=s1&code=c1&code=c2"), repeated("code"));
        assert_eq!(problem("state=s2&state=s1&code=c1"), repeated("state"));
        let denied = SignInProblem::Denied {
            error: "access_denied".into(),
            description: None,
        };
        assert_eq!(problem("error=access_denied&state=s1"), denied);
        // Without any state, the error is the more telling answer.
        assert_eq!(problem("error=access_denied"), denied);
        assert_eq!(
            problem("error=access_denied&state=forged"),
            SignInProblem::StateMismatch
        );
    }
}
