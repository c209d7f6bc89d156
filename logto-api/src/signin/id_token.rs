//! The OIDC ID token: its claims read at once, its signature checked against Logto's JWKS on
//! request, with `jsonwebtoken` (ES384, Logto's default, as well as RS256 and EdDSA keys).

use crate::auth::Secret;
use crate::error::{Error, Result, SignInProblem};
use crate::Client;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet, PublicKeyUse};
use jsonwebtoken::{DecodingKey, Validation};

/// How the ID token's checks are named in errors.
pub(super) const OPERATION: &str = "IdToken";

/// Leeway for `exp`, `iat` and `nbf` against the server's clock, in seconds.
const CLOCK_LEEWAY: u64 = 60;

/// The ID token of a sign-in: the raw JWT (never in `Debug`) and its claims, or why they do not
/// read (a malformed ID token does not cost the sign-in its access and refresh tokens).
#[derive(Clone)]
pub struct IdToken {
    raw: Secret,
    claims: std::result::Result<IdTokenClaims, String>,
}

impl std::fmt::Debug for IdToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdToken")
            .field("raw", &self.raw)
            .field("claims", &self.claims)
            .finish()
    }
}

/// The claims of an ID token: the standard ones Logto sends, and the others as JSON.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[non_exhaustive]
pub struct IdTokenClaims {
    /// The user's id.
    pub sub: String,
    /// The issuer, `{endpoint}/oidc`.
    pub iss: String,
    /// The audience: the app's `client_id` (a string or a list).
    pub aud: serde_json::Value,
    /// Expiry, seconds since the Unix epoch.
    pub exp: i64,
    /// Issued at, seconds since the Unix epoch (OIDC requires it; `None` when missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// The nonce of the authorization request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// The user's full name (scope `profile`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The user's username (scope `profile`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The user's avatar URL (scope `profile`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// The user's primary email (scope `email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the email is verified (scope `email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// The user's primary phone number (scope `phone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Every other claim (`at_hash`, `roles`, `organizations`, ...).
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::SignIn {
        operation: OPERATION,
        problem: Box::new(SignInProblem::IdToken(message.into())),
    }
}

impl IdToken {
    /// Reads `raw`'s claims without checking its signature; a token that does not read is kept
    /// with its problem, reported by [`claims`](Self::claims) and verification.
    pub(super) fn parse(raw: &str) -> IdToken {
        let mut unchecked = Validation::default();
        unchecked.insecure_disable_signature_validation();
        unchecked.validate_exp = false;
        unchecked.validate_aud = false;
        unchecked.required_spec_claims.clear();
        let claims =
            jsonwebtoken::decode::<IdTokenClaims>(raw, &DecodingKey::from_secret(&[]), &unchecked)
                .map(|token| token.claims)
                .map_err(|e| format!("does not decode: {e}"));
        IdToken {
            raw: Secret::new(raw),
            claims,
        }
    }

    /// The claims, as the token says (not verified: see `UserTokens::verify_id_token`).
    /// [`Error::SignIn`] with [`SignInProblem::IdToken`] when the token does not decode or
    /// lacks a required claim.
    pub fn claims(&self) -> Result<&IdTokenClaims> {
        self.claims
            .as_ref()
            .map_err(|problem| invalid(problem.clone()))
    }

    /// The JWT itself, e.g. for `id_token_hint` at sign-out.
    pub fn raw(&self) -> &Secret {
        &self.raw
    }

    /// Checks the signature with the JWKS key the token names (skipping keys whose `use` is
    /// not `sig` or whose `alg` is not the token's), the issuer, the audience (and `azp`),
    /// the expiry, `nbf` and the nonce.
    pub(super) async fn verify(
        &self,
        client: &Client,
        client_id: &str,
        nonce: &str,
    ) -> Result<IdTokenClaims> {
        self.claims()?;
        let raw = self.raw.expose_secret();
        let header =
            jsonwebtoken::decode_header(raw).map_err(|e| invalid(format!("header: {e}")))?;
        let keys = jwks(client).await?;
        // A key for signatures (`use`, when given, is `sig`) with the token's algorithm (`alg`,
        // when given) and `kid`.
        let jwk = keys
            .keys
            .iter()
            .filter(|k| {
                k.common
                    .public_key_use
                    .as_ref()
                    .is_none_or(|u| *u == PublicKeyUse::Signature)
            })
            .filter(|k| {
                k.common
                    .key_algorithm
                    .is_none_or(|alg| format!("{alg:?}") == format!("{:?}", header.alg))
            })
            .find(|k| header.kid.is_none() || k.common.key_id == header.kid)
            .ok_or_else(|| {
                invalid("no signing key in Logto's JWKS has the token's `kid` and `alg`")
            })?;
        // A symmetric key in a JWKS would let anyone who read it sign tokens.
        if matches!(jwk.algorithm, AlgorithmParameters::OctetKey(_)) {
            return Err(invalid("the JWKS key is symmetric"));
        }
        let key = DecodingKey::from_jwk(jwk).map_err(|e| invalid(format!("JWKS key: {e}")))?;
        let mut validation = Validation::new(header.alg);
        validation.leeway = CLOCK_LEEWAY;
        validation.set_issuer(&[format!("{}/oidc", client.base_url())]);
        validation.set_audience(&[client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        let claims = jsonwebtoken::decode::<IdTokenClaims>(raw, &key, &validation)
            .map_err(|e| invalid(e.to_string()))?
            .claims;
        // OIDC Core 3.1.3.7: with several audiences the token must name this app as `azp`,
        // and an `azp` present must be this app.
        let several = claims.aud.as_array().is_some_and(|a| a.len() > 1);
        match claims.other.get("azp") {
            Some(azp) if azp.as_str() != Some(client_id) => {
                return Err(invalid("its `azp` is not this app"));
            }
            None if several => {
                return Err(invalid("it has several audiences and no `azp`"));
            }
            _ => {}
        }
        if claims.nonce.as_deref() != Some(nonce) {
            return Err(invalid("its nonce is not this sign-in's"));
        }
        Ok(claims)
    }
}

/// Logto's signing keys, `GET {endpoint}/oidc/jwks`.
async fn jwks(client: &Client) -> Result<JwkSet> {
    let url = client.oidc_url("jwks")?;
    let response = client
        .http()
        .get(url)
        .timeout(client.attempt_timeout())
        .send()
        .await
        .map_err(|e| Error::transport(OPERATION, e))?;
    let status = response.status();
    let body = crate::body::read_limited(OPERATION, response, client.max_response_size()).await?;
    if !status.is_success() {
        return Err(invalid(format!("Logto's JWKS answered {status}")));
    }
    serde_json::from_slice(&body).map_err(|e| invalid(format!("Logto's JWKS: {e}")))
}
