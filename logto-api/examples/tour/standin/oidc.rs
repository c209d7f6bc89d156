//! The stand-in's OIDC side after the Experience API: the resumed authorization
//! (`GET /oidc/auth/{uid}`) that sends the user back to the app's redirect URI with a code, the
//! token endpoint's `authorization_code` and `refresh_token` grants, and the JWKS.
//!
//! As in Logto (whose OIDC provider is `oidc-provider`): the resume needs the interaction's
//! `_interaction_resume` cookie, else `400 session.not_found`; a code works once, within ten
//! minutes, for the client and redirect URI it was issued to, and only with the PKCE verifier
//! of its S256 challenge; a refresh token is rotated on use; every refusal is
//! `400 {"error": "invalid_grant", ...}`. ID tokens are ES384 JWTs, as Logto signs them by
//! default, with the key `GET /oidc/jwks` lists.

use super::support::*;
use super::*;
use base64::Engine;
use sha2::Digest;

/// Lifetime of an authorization code (oidc-provider's default, ten minutes).
const CODE_TTL_MS: u64 = 600_000;

/// What an authorization code was issued for.
#[derive(Clone, Debug)]
pub(super) struct CodeGrant {
    expires_at: u64,
    client_id: String,
    redirect_uri: String,
    challenge: String,
    nonce: Option<String>,
    scopes: Vec<String>,
}

/// What a refresh token can be exchanged for.
#[derive(Clone, Debug)]
pub(super) struct RefreshGrant {
    client_id: String,
    scopes: Vec<String>,
}

/// The ES384 key ID tokens are signed with: PKCS#8 for signing, its public JWK for `/oidc/jwks`.
#[derive(Debug, Default)]
pub(super) struct SigningKey {
    pkcs8: Vec<u8>,
    jwk: Value,
}

impl SigningKey {
    pub(super) fn generate() -> SigningKey {
        use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P384_SHA384_FIXED_SIGNING as ALG};
        let rng = ring::rand::SystemRandom::new();
        let keys = EcdsaKeyPair::generate_pkcs8(&ALG, &rng).and_then(|pkcs8| {
            let pair = EcdsaKeyPair::from_pkcs8(&ALG, pkcs8.as_ref(), &rng)
                .map_err(|_| ring::error::Unspecified)?;
            Ok((pkcs8.as_ref().to_vec(), pair.public_key().as_ref().to_vec()))
        });
        // Without a key the stand-in serves an empty JWKS and issues no ID token.
        let Ok((pkcs8, public)) = keys else {
            return SigningKey::default();
        };
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let jwk = json!({
            "kty": "EC", "use": "sig", "kid": "standin-key", "alg": "ES384", "crv": "P-384",
            "x": b64(&public[1..49]), "y": b64(&public[49..97]),
        });
        SigningKey { pkcs8, jwk }
    }
}

fn invalid_grant(description: &str) -> ApiError {
    let body = json!({ "error": "invalid_grant", "error_description": description });
    ApiError(StatusCode::BAD_REQUEST, body)
}

/// The `error`/`error_description` body of a resume without its session
/// (cases/logto-live/follow-redirectTo-without-cookies.json).
fn session_expired() -> ApiError {
    let extra = json!({ "error": "invalid_request" });
    let mut error = error(400, "session.not_found", extra);
    error.1["error_description"] = "authorization request has expired".into();
    error
}

impl Inner {
    /// `GET /oidc/auth/{uid}`: resumes a submitted interaction, `303` to the redirect URI with
    /// `code`, `state` and `iss`. Without the `_interaction_resume` cookie (or an unfinished or
    /// unknown interaction): `400 session.not_found`.
    pub(super) fn resume(&mut self, request: &Request, uid: &str) -> Reply {
        let resume = cookie(&request.headers, "_interaction_resume");
        let sig = cookie(&request.headers, "_interaction_resume.sig");
        if resume != Some(uid) || sig != Some(&self.ids.sign("_interaction_resume", uid)) {
            return Err(session_expired());
        }
        let Some(interaction) = self.interactions.get(uid).filter(|i| i.submitted) else {
            return Err(session_expired());
        };
        let interaction = interaction.clone();
        self.interactions.remove(uid);
        let code = self.ids.string(43, URL_SAFE);
        let auth = &interaction.authorization;
        let grant = CodeGrant {
            expires_at: now_ms() + CODE_TTL_MS,
            client_id: interaction.client_id.clone(),
            redirect_uri: auth.redirect_uri.clone(),
            challenge: auth.code_challenge.clone(),
            nonce: auth.nonce.clone(),
            scopes: interaction.scopes.clone(),
        };
        self.codes.insert(code.clone(), grant);
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("code", &code);
        if let Some(state) = &auth.state {
            query.append_pair("state", state);
        }
        query.append_pair("iss", &format!("{}/oidc", self.endpoint));
        let location = format!("{}?{}", auth.redirect_uri, query.finish());
        let headers = [(header::LOCATION, location)];
        Ok((StatusCode::SEE_OTHER, headers).into_response())
    }

    /// `POST /oidc/token`, by `grant_type`.
    pub(super) fn token(&mut self, request: &Request) -> Reply {
        let form: HashMap<String, String> =
            form_urlencoded::parse(&request.body).into_owned().collect();
        match form.get("grant_type").map(String::as_str) {
            Some("authorization_code") => self.exchange_code(&form),
            Some("refresh_token") => self.refresh(&form),
            _ => self.issue_m2m_token(request),
        }
    }

    /// The `authorization_code` grant (experience-sign-in.json#25): the code is spent whatever
    /// the outcome, then client, redirect URI, expiry and PKCE (S256) are checked.
    fn exchange_code(&mut self, form: &HashMap<String, String>) -> Reply {
        let field = |name: &str| form.get(name).map_or("", String::as_str);
        let grant = self.codes.remove(field("code"));
        let grant = grant.ok_or_else(|| invalid_grant("grant request is invalid"))?;
        if grant.expires_at <= now_ms() || grant.client_id != field("client_id") {
            return Err(invalid_grant("grant request is invalid"));
        }
        if grant.redirect_uri != field("redirect_uri") {
            return Err(invalid_grant("authorization code redirect_uri mismatch"));
        }
        let digest = sha2::Sha256::digest(field("code_verifier").as_bytes());
        let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
        if grant.challenge.is_empty() || computed != grant.challenge {
            return Err(invalid_grant("PKCE verification failed"));
        }
        self.issue(&grant.client_id, grant.scopes, grant.nonce)
    }

    /// The `refresh_token` grant: the token is rotated (the old one stops working).
    fn refresh(&mut self, form: &HashMap<String, String>) -> Reply {
        let field = |name: &str| form.get(name).map_or("", String::as_str);
        let grant = self.refresh_tokens.remove(field("refresh_token"));
        let grant = grant.ok_or_else(|| invalid_grant("grant request is invalid"))?;
        if grant.client_id != field("client_id") {
            return Err(invalid_grant("grant request is invalid"));
        }
        self.issue(&grant.client_id, grant.scopes, None)
    }

    /// An opaque access token (the Account API's), a refresh token with `offline_access`, and
    /// an ID token when the grant carries a nonce (the code exchange).
    fn issue(&mut self, client_id: &str, scopes: Vec<String>, nonce: Option<String>) -> Reply {
        let access = self.ids.string(43, URL_SAFE);
        let expires_at = now_ms() + ACCESS_TOKEN_TTL_MS;
        self.tokens
            .insert(access.clone(), (expires_at, scopes.clone()));
        let scope = scopes.join(" ");
        let mut body = json!({
            "access_token": access, "expires_in": ACCESS_TOKEN_TTL_MS / 1000,
            "scope": scope, "token_type": "Bearer",
        });
        if scopes.iter().any(|s| s == "offline_access") {
            let refresh = self.ids.string(43, URL_SAFE);
            let grant = RefreshGrant {
                client_id: client_id.to_owned(),
                scopes: scopes.clone(),
            };
            self.refresh_tokens.insert(refresh.clone(), grant);
            body["refresh_token"] = refresh.into();
        }
        if let Some(id_token) = nonce.and_then(|nonce| self.id_token(client_id, &nonce)) {
            body["id_token"] = id_token.into();
        }
        self.profile["lastSignInAt"] = now_ms().into();
        ok(body)
    }

    /// An ES384 ID token for the user.
    fn id_token(&self, client_id: &str, nonce: &str) -> Option<String> {
        let now = now_ms() / 1000;
        let claims = json!({
            "iss": format!("{}/oidc", self.endpoint), "aud": client_id,
            "sub": self.profile["id"], "name": self.profile["name"],
            "username": self.profile["username"], "picture": self.profile["avatar"],
            "iat": now, "exp": now + ACCESS_TOKEN_TTL_MS / 1000, "nonce": nonce,
        });
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES384);
        header.kid = Some("standin-key".to_owned());
        let key = jsonwebtoken::EncodingKey::from_ec_der(&self.signing.pkcs8);
        jsonwebtoken::encode(&header, &claims, &key).ok()
    }

    /// `GET /oidc/jwks`: the ID token's signing key.
    pub(super) fn jwks(&self) -> Reply {
        let keys: Vec<&Value> = Some(&self.signing.jwk)
            .filter(|k| !k.is_null())
            .into_iter()
            .collect();
        ok(json!({ "keys": keys }))
    }
}
