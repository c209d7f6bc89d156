//! OAuth 2.0 plumbing shared by the user sign-in and the refresh-token source.
//!
//! The protocol is the `oauth2` crate's (PKCE S256, `state`, the authorization-code and
//! refresh-token grants, the standard error body): it is widely used, keeps its secrets out of
//! `Debug`, and is HTTP-agnostic, so its requests go through this client's own reqwest client
//! (no redirects, answers read up to `max_response_size`, one attempt's timeout) instead of
//! one of its own.

use super::{AccessToken, BoxFuture, Secret, TokenRequestLimits};
use crate::error::{Error, Result, SignInProblem};
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    EndpointNotSet, EndpointSet, ExtraTokenFields, RequestTokenError, StandardRevocableToken,
    StandardTokenResponse, TokenResponse,
};
use std::sync::{Mutex, PoisonError};

/// The fields of a token answer beyond OAuth 2.0's: OIDC's `id_token`.
#[derive(Clone, serde::Deserialize, serde::Serialize)]
pub(crate) struct IdTokenField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id_token: Option<String>,
}

impl std::fmt::Debug for IdTokenField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdTokenField(<redacted>)")
    }
}

impl ExtraTokenFields for IdTokenField {}

/// A token endpoint's success answer.
pub(crate) type TokenAnswer = StandardTokenResponse<IdTokenField, BasicTokenType>;

/// An `oauth2` client with the given authorization endpoint state and a token endpoint.
pub(crate) type OAuthClient<Auth = EndpointNotSet> = oauth2::Client<
    BasicErrorResponse,
    TokenAnswer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    Auth,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// `oauth2`'s HTTP, done by `http` within `limits`; errors are this crate's.
pub(crate) fn transport(
    http: &reqwest::Client,
    limits: TokenRequestLimits,
    operation: &'static str,
) -> impl Fn(oauth2::HttpRequest) -> BoxFuture<'static, Result<oauth2::HttpResponse>> {
    let http = http.clone();
    move |request: oauth2::HttpRequest| {
        let http = http.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let url =
                reqwest::Url::parse(&parts.uri.to_string()).map_err(|e| Error::InvalidRequest {
                    operation,
                    message: format!("token URL: {e}"),
                })?;
            let response = http
                .request(parts.method, url)
                .headers(parts.headers)
                .timeout(limits.attempt_timeout)
                .body(body)
                .send()
                .await
                .map_err(|e| Error::transport(operation, e.without_url()))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = crate::body::read_limited(operation, response, limits.max_response_size)
                .await
                .map_err(Error::without_url)?;
            let mut answer = http::Response::new(body.to_vec());
            *answer.status_mut() = status;
            *answer.headers_mut() = headers;
            Ok(answer)
        })
    }
}

/// A failed token request as this crate's error; never quotes the answer (it may hold tokens).
pub(crate) fn token_error(
    operation: &'static str,
    error: RequestTokenError<Error, BasicErrorResponse>,
) -> Error {
    let problem = match error {
        RequestTokenError::Request(error) => return error,
        RequestTokenError::ServerResponse(answer) => SignInProblem::Refused {
            error: answer.error().as_ref().to_owned(),
            description: answer.error_description().cloned(),
        },
        RequestTokenError::Parse(error, _) => {
            SignInProblem::BadTokenAnswer(format!("at `{}`", error.path()))
        }
        RequestTokenError::Other(message) => SignInProblem::BadTokenAnswer(message),
    };
    Error::SignIn {
        operation,
        problem: Box::new(problem),
    }
}

/// Refuses a token answer whose `token_type` is not `Bearer` (case-insensitive): this client
/// only sends bearer tokens, and e.g. a DPoP-bound token would be refused on every call.
pub(crate) fn bearer_only(operation: &'static str, answer: &TokenAnswer) -> Result<()> {
    let kind = answer.token_type().as_ref();
    if kind.eq_ignore_ascii_case("bearer") {
        return Ok(());
    }
    Err(Error::SignIn {
        operation,
        problem: Box::new(SignInProblem::BadTokenAnswer(format!(
            "token_type `{kind}` is not `Bearer`"
        ))),
    })
}

/// The access token of a token answer, with its expiry and scopes.
pub(crate) fn access_token(answer: &TokenAnswer) -> AccessToken {
    let mut token = AccessToken::new(answer.access_token().secret().as_str());
    if let Some(lifetime) = answer.expires_in() {
        token = token.with_expires_in(lifetime);
    }
    if let Some(scopes) = answer.scopes() {
        let scopes: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
        token = token.with_scope(scopes.join(" "));
    }
    token
}

/// A signed-in user's refresh token and the app it was issued to. Logto may rotate the refresh
/// token on each use; the newest one is kept.
pub(crate) struct RefreshGrant {
    client_id: String,
    client_secret: Option<Secret>,
    refresh_token: Mutex<Secret>,
    resource: Option<String>,
}

impl std::fmt::Debug for RefreshGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshGrant")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("refresh_token", &self.current())
            .field("resource", &self.resource)
            .finish()
    }
}

/// How refresh requests are named in errors.
const OPERATION: &str = "RefreshToken";

impl RefreshGrant {
    pub(crate) fn new(
        client_id: String,
        client_secret: Option<Secret>,
        refresh_token: Secret,
        resource: Option<String>,
    ) -> RefreshGrant {
        RefreshGrant {
            client_id,
            client_secret,
            refresh_token: Mutex::new(refresh_token),
            resource,
        }
    }

    /// The refresh token to use next.
    pub(crate) fn current(&self) -> Secret {
        self.refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// One `POST /oidc/token` with `grant_type=refresh_token`.
    pub(crate) async fn refresh(
        &self,
        token_url: &reqwest::Url,
        http: &reqwest::Client,
        limits: TokenRequestLimits,
    ) -> Result<AccessToken> {
        let oauth = oauth_client(&self.client_id, self.client_secret.as_ref(), token_url);
        let refresh_token = oauth2::RefreshToken::new(self.current().expose_secret().to_owned());
        let mut request = oauth.exchange_refresh_token(&refresh_token);
        if let Some(resource) = &self.resource {
            request = request.add_extra_param("resource", resource.clone());
        }
        let http = transport(http, limits, OPERATION);
        let answer = request
            .request_async(&http)
            .await
            .map_err(|e| token_error(OPERATION, e))?;
        if let Some(rotated) = answer.refresh_token() {
            *self
                .refresh_token
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Secret::new(rotated.secret().as_str());
        }
        // After the rotated refresh token is kept: the old one is used up either way.
        bearer_only(OPERATION, &answer)?;
        Ok(access_token(&answer))
    }
}

/// An `oauth2` client for the app `client_id` at Logto's token endpoint.
pub(crate) fn oauth_client(
    client_id: &str,
    client_secret: Option<&Secret>,
    token_url: &reqwest::Url,
) -> OAuthClient {
    let oauth = oauth2::Client::new(oauth2::ClientId::new(client_id.to_owned()))
        .set_token_uri(oauth2::TokenUrl::from_url(token_url.clone()));
    match client_secret {
        Some(secret) => {
            oauth.set_client_secret(oauth2::ClientSecret::new(secret.expose_secret().to_owned()))
        }
        None => oauth,
    }
}
