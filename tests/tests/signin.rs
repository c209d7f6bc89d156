//! A user's sign-in from the authorization request to tokens (`Client::start_sign_in`,
//! `SignIn::finish`), and the Account API with those tokens (`Client::with_user_tokens`),
//! against a loopback fake of Logto's OIDC side written with axum: session cookies required on
//! the resumed authorization, a consent hop, PKCE checked, one-time codes, `invalid_grant`,
//! rotating refresh tokens and an ES384-signed ID token with its JWKS.

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine as _;
use logto_api::experience::types::{InitInteractionBody, InteractionEvent};
use logto_api::{Client, Error, OidcApp, SignInProblem, UserTokens};
use ring::signature::KeyPair as _;
use serde_json::json;
use sha2::Digest as _;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CLIENT_ID: &str = "spa-app-7k2";
const REDIRECT_URI: &str = "http://127.0.0.1:1/callback";
const USER_ID: &str = "u-4s8dk2";

/// What the fake does when the session resumes at `/oidc/auth/uid-2`.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    /// Back to the redirect URI with a fresh code.
    Normal,
    /// With a `state` the client did not send.
    WrongState,
    /// With `error=access_denied`.
    Denied,
    /// On to another origin.
    Foreign,
    /// Around in a circle.
    Loop,
    /// With a code that was already exchanged.
    ReusedCode,
    /// With `state` twice (RFC 6749 §3.1 forbids repeats).
    RepeatedState,
    /// With `code` twice.
    RepeatedCode,
    /// With `code=` empty.
    EmptyCode,
    /// With a code whose recorded PKCE challenge was altered (as if the verifier had been
    /// tampered with on the way).
    TamperedChallenge,
}

/// One authorization request, as the fake recorded it.
#[derive(Clone, Debug, Default)]
struct AuthRequest {
    params: HashMap<String, String>,
}

impl AuthRequest {
    fn get(&self, name: &str) -> &str {
        self.params.get(name).map_or("", String::as_str)
    }
}

/// A code and what it was issued for.
struct CodeGrant {
    challenge: String,
    nonce: String,
}

struct Fake {
    base: String,
    mode: Mutex<Mode>,
    first_expires_in: u64,
    auth: Mutex<AuthRequest>,
    /// Each authorization request by the `_session` cookie it set.
    sessions: Mutex<HashMap<String, AuthRequest>>,
    codes: Mutex<HashMap<String, CodeGrant>>,
    used_codes: Mutex<Vec<String>>,
    refresh_tokens: Mutex<HashSet<String>>,
    /// Access tokens the Account API accepts (those issued with a lifetime).
    live_tokens: Mutex<HashSet<String>>,
    /// Every secret the fake handed out or received, to look for in output.
    secrets: Mutex<Vec<String>>,
    counter: AtomicUsize,
    code_exchanges: AtomicUsize,
    refreshes: AtomicUsize,
    profile_calls: AtomicUsize,
    signing_key: jsonwebtoken::EncodingKey,
    /// The JWKS's key (or, as an array, keys).
    jwk: Mutex<serde_json::Value>,
    /// Claims added to (or replacing, or with `null` removing) the ID token's.
    id_token_extra: Mutex<serde_json::Map<String, serde_json::Value>>,
    /// An ID token sent instead of a signed one.
    raw_id_token: Mutex<Option<String>>,
    /// The `token_type` of token answers.
    token_type: Mutex<String>,
}

type Shared = Arc<Fake>;

impl Fake {
    fn next(&self, prefix: &str) -> String {
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        let value = format!("{prefix}-{n}-q8v3xz");
        self.secrets.lock().expect("lock").push(value.clone());
        value
    }

    fn mode(&self) -> Mode {
        *self.mode.lock().expect("lock")
    }
}

fn oauth_error(error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

fn redirect(location: &str, cookie: Option<&str>) -> Response {
    let mut answer = (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response();
    if let Some(cookie) = cookie {
        let value = HeaderValue::from_str(cookie).expect("cookie");
        answer.headers_mut().append(header::SET_COOKIE, value);
    }
    answer
}

fn has_cookie(headers: &HeaderMap, pair: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split("; ").any(|c| c == pair))
}

fn session_not_found() -> Response {
    let body = json!({
        "code": "session.not_found",
        "message": "Session not found. Please go back and sign in again.",
        "error": "invalid_request",
        "error_description": "authorization request has expired",
    });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

async fn authorize(
    State(fake): State<Shared>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    // The nonce is no secret: the ID token, whose claims are shown, carries it.
    for name in ["state", "code_challenge"] {
        if let Some(value) = params.get(name) {
            fake.secrets.lock().expect("lock").push(value.clone());
        }
    }
    let session = format!("s{}", fake.counter.fetch_add(1, Ordering::SeqCst));
    let request = AuthRequest { params };
    fake.sessions
        .lock()
        .expect("lock")
        .insert(session.clone(), request.clone());
    *fake.auth.lock().expect("lock") = request;
    let mut answer = redirect(
        &format!("/sign-in?app_id={CLIENT_ID}"),
        Some("_interaction=uid-1; path=/; httponly"),
    );
    let cookie =
        HeaderValue::from_str(&format!("_session={session}; path=/; httponly")).expect("cookie");
    answer.headers_mut().append(header::SET_COOKIE, cookie);
    answer
}

/// The value of the cookie `name`, if sent.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split("; "))
        .find_map(|c| c.strip_prefix(name)?.strip_prefix('='))
}

async fn init_interaction(headers: HeaderMap) -> Response {
    if !has_cookie(&headers, "_interaction=uid-1") {
        return session_not_found();
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn submit(State(fake): State<Shared>, headers: HeaderMap) -> Response {
    if !has_cookie(&headers, "_interaction=uid-1") {
        return session_not_found();
    }
    Json(json!({ "redirectTo": format!("{}/oidc/auth/uid-1", fake.base) })).into_response()
}

async fn consent(headers: HeaderMap) -> Response {
    if !has_cookie(&headers, "_interaction=uid-1") {
        return session_not_found();
    }
    redirect("/oidc/auth/uid-2", Some("_consent=granted; path=/"))
}

async fn resume(
    State(fake): State<Shared>,
    Path(uid): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !has_cookie(&headers, "_interaction=uid-1") {
        return session_not_found();
    }
    if uid == "uid-1" {
        return redirect("/consent", None);
    }
    if uid != "uid-2" || !has_cookie(&headers, "_consent=granted") {
        return session_not_found();
    }
    // The authorization request of the session whose cookie came.
    let Some(auth) = cookie(&headers, "_session")
        .and_then(|s| fake.sessions.lock().expect("lock").get(s).cloned())
    else {
        return session_not_found();
    };
    let state = auth.get("state");
    let back = |query: String| redirect(&format!("{}?{query}", auth.get("redirect_uri")), None);
    let mode = fake.mode();
    match mode {
        Mode::Foreign => redirect("http://evil.example.test/steal", None),
        Mode::Loop => redirect("/consent", None),
        Mode::Denied => back(format!(
            "error=access_denied&error_description=the+user+said+no&state={state}"
        )),
        Mode::ReusedCode => {
            let code = fake
                .used_codes
                .lock()
                .expect("lock")
                .first()
                .cloned()
                .unwrap_or_default();
            back(format!("code={code}&state={state}"))
        }
        Mode::Normal
        | Mode::WrongState
        | Mode::TamperedChallenge
        | Mode::RepeatedState
        | Mode::RepeatedCode
        | Mode::EmptyCode => {
            let code = fake.next("code");
            let mut challenge = auth.get("code_challenge").to_owned();
            if mode == Mode::TamperedChallenge {
                challenge.insert(0, 'X');
            }
            let grant = CodeGrant {
                challenge,
                nonce: auth.get("nonce").to_owned(),
            };
            fake.codes.lock().expect("lock").insert(code.clone(), grant);
            let state = if mode == Mode::WrongState {
                "forged-state"
            } else {
                state
            };
            match mode {
                Mode::RepeatedState => back(format!("code={code}&state={state}&state={state}")),
                Mode::RepeatedCode => back(format!("code={code}&state={state}&code={code}")),
                Mode::EmptyCode => back(format!("code=&state={state}")),
                _ => back(format!("code={code}&state={state}&iss=x")),
            }
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn token(State(fake): State<Shared>, Form(form): Form<HashMap<String, String>>) -> Response {
    let field = |name: &str| form.get(name).map_or("", String::as_str);
    if field("client_id") != CLIENT_ID {
        return oauth_error("invalid_client", "client authentication failed");
    }
    let nonce = match field("grant_type") {
        "authorization_code" => {
            fake.code_exchanges.fetch_add(1, Ordering::SeqCst);
            fake.secrets
                .lock()
                .expect("lock")
                .push(field("code_verifier").to_owned());
            // A code works once, whatever the outcome.
            let Some(grant) = fake.codes.lock().expect("lock").remove(field("code")) else {
                return oauth_error("invalid_grant", "grant request is invalid");
            };
            fake.used_codes
                .lock()
                .expect("lock")
                .push(field("code").to_owned());
            let digest = sha2::Sha256::digest(field("code_verifier").as_bytes());
            if b64(&digest) != grant.challenge {
                return oauth_error("invalid_grant", "PKCE verification failed");
            }
            if field("redirect_uri") != REDIRECT_URI {
                return oauth_error("invalid_grant", "redirect_uri mismatch");
            }
            Some(grant.nonce)
        }
        "refresh_token" => {
            fake.refreshes.fetch_add(1, Ordering::SeqCst);
            // Used up on arrival, as Logto does when it rotates refresh tokens.
            let known = fake
                .refresh_tokens
                .lock()
                .expect("lock")
                .remove(field("refresh_token"));
            // Keeps the refresh in flight while the other calls ask for a token.
            tokio::time::sleep(Duration::from_millis(200)).await;
            if !known {
                return oauth_error("invalid_grant", "grant request is invalid");
            }
            None
        }
        _ => return oauth_error("unsupported_grant_type", "unsupported grant_type"),
    };
    let expires_in = if nonce.is_some() {
        fake.first_expires_in
    } else {
        3600
    };
    let access = fake.next("access");
    if expires_in > 0 {
        fake.live_tokens
            .lock()
            .expect("lock")
            .insert(access.clone());
    }
    let refresh = fake.next("refresh");
    fake.refresh_tokens
        .lock()
        .expect("lock")
        .insert(refresh.clone());
    let mut body = json!({
        "access_token": access,
        "expires_in": expires_in,
        "refresh_token": refresh,
        "scope": "openid offline_access profile",
        "token_type": *fake.token_type.lock().expect("lock"),
    });
    if let Some(nonce) = nonce {
        body["id_token"] = json!(id_token(&fake, &nonce));
    }
    Json(body).into_response()
}

fn id_token(fake: &Fake, nonce: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let mut claims = json!({
        "iss": format!("{}/oidc", fake.base),
        "aud": CLIENT_ID,
        "sub": USER_ID,
        "exp": now + 3600,
        "iat": now,
        "nonce": nonce,
        "name": "Ada Lovelace",
        "username": "ada",
        "at_hash": "x1y2",
    });
    if let Some(raw) = fake.raw_id_token.lock().expect("lock").clone() {
        return raw;
    }
    for (name, value) in fake.id_token_extra.lock().expect("lock").iter() {
        if value.is_null() {
            claims.as_object_mut().expect("claims").remove(name);
        } else {
            claims[name] = value.clone();
        }
    }
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES384);
    header.kid = Some("key-1".to_owned());
    let token = jsonwebtoken::encode(&header, &claims, &fake.signing_key).expect("signs");
    fake.secrets.lock().expect("lock").push(token.clone());
    token
}

async fn jwks(State(fake): State<Shared>) -> Response {
    let keys = match fake.jwk.lock().expect("lock").clone() {
        serde_json::Value::Array(keys) => keys,
        key => vec![key],
    };
    Json(json!({ "keys": keys })).into_response()
}

async fn my_account(State(fake): State<Shared>, headers: HeaderMap) -> Response {
    fake.profile_calls.fetch_add(1, Ordering::SeqCst);
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !fake.live_tokens.lock().expect("lock").contains(bearer) {
        let body = json!({ "code": "auth.unauthorized", "message": "Unauthorized." });
        return (StatusCode::UNAUTHORIZED, Json(body)).into_response();
    }
    Json(json!({ "id": USER_ID, "username": "ada", "name": "Ada Lovelace" })).into_response()
}

/// An ES384 key pair: the signing key and its public JWK.
fn key_pair() -> (jsonwebtoken::EncodingKey, serde_json::Value) {
    use ring::signature::{EcdsaKeyPair, ECDSA_P384_SHA384_FIXED_SIGNING as ALG};
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ALG, &rng).expect("key");
    let pair = EcdsaKeyPair::from_pkcs8(&ALG, pkcs8.as_ref(), &rng).expect("key");
    let public = pair.public_key().as_ref();
    let jwk = json!({
        "kty": "EC", "crv": "P-384", "kid": "key-1", "alg": "ES384", "use": "sig",
        "x": b64(&public[1..49]), "y": b64(&public[49..97]),
    });
    (jsonwebtoken::EncodingKey::from_ec_der(pkcs8.as_ref()), jwk)
}

/// Starts the fake; the first access token lives `first_expires_in` seconds.
async fn start(first_expires_in: u64) -> (Shared, Client) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (signing_key, jwk) = key_pair();
    let fake = Arc::new(Fake {
        base: base.clone(),
        mode: Mutex::new(Mode::Normal),
        first_expires_in,
        auth: Mutex::default(),
        sessions: Mutex::default(),
        codes: Mutex::default(),
        used_codes: Mutex::default(),
        refresh_tokens: Mutex::default(),
        live_tokens: Mutex::default(),
        secrets: Mutex::default(),
        counter: AtomicUsize::new(0),
        code_exchanges: AtomicUsize::new(0),
        refreshes: AtomicUsize::new(0),
        profile_calls: AtomicUsize::new(0),
        signing_key,
        jwk: Mutex::new(jwk),
        id_token_extra: Mutex::default(),
        raw_id_token: Mutex::default(),
        token_type: Mutex::new("Bearer".to_owned()),
    });
    let app = Router::new()
        .route("/oidc/auth", get(authorize))
        .route("/oidc/auth/{uid}", get(resume))
        .route("/consent", get(consent))
        .route("/oidc/token", post(token))
        .route("/oidc/jwks", get(jwks))
        .route("/api/experience", put(init_interaction))
        .route("/api/experience/submit", post(submit))
        .route("/api/my-account", get(my_account))
        .with_state(fake.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (fake, Client::new(base).expect("client"))
}

fn app() -> OidcApp {
    OidcApp::new(CLIENT_ID, REDIRECT_URI)
}

/// Authorization request, interaction and submit; the `redirectTo`.
async fn interact(client: &Client) -> (logto_api::SignIn, String) {
    let sign_in = client
        .start_sign_in(&app())
        .await
        .expect("authorization request");
    let session = sign_in.client().clone();
    let start = InitInteractionBody {
        interaction_event: InteractionEvent::SignIn,
        captcha_token: None,
    };
    session
        .experience()
        .init_interaction(start)
        .send()
        .await
        .expect("init");
    let done = session
        .experience()
        .submit_interaction()
        .send()
        .await
        .expect("submit");
    let redirect_to = done.into_body().expect("a redirectTo").redirect_to;
    (sign_in, redirect_to)
}

async fn sign_in(client: &Client) -> UserTokens {
    let (sign_in, redirect_to) = interact(client).await;
    sign_in.finish(&redirect_to).await.expect("tokens")
}

fn sign_in_problem(error: &Error) -> &SignInProblem {
    error
        .sign_in_problem()
        .unwrap_or_else(|| panic!("not a sign-in error: {error:?}"))
}

#[tokio::test]
async fn the_full_flow_ends_with_tokens_that_the_account_api_uses() {
    let (fake, client) = start(3600).await;
    let tokens = sign_in(&client).await;

    let auth = fake.auth.lock().expect("lock").clone();
    assert_eq!(auth.get("client_id"), CLIENT_ID);
    assert_eq!(auth.get("redirect_uri"), REDIRECT_URI);
    assert_eq!(auth.get("response_type"), "code");
    assert_eq!(auth.get("code_challenge_method"), "S256");
    assert_eq!(auth.get("scope"), "openid offline_access profile");
    assert_eq!(auth.get("prompt"), "consent");
    assert!(auth.get("state").len() >= 16 && auth.get("nonce").len() >= 16);
    assert_ne!(auth.get("state"), auth.get("nonce"));

    assert!(tokens
        .access_token()
        .secret()
        .expose_secret()
        .starts_with("access-"));
    assert!(tokens.refresh_token().is_some());
    assert!(tokens.expires_at().is_some());
    assert_eq!(tokens.scope(), Some("openid offline_access profile"));
    let claims = tokens
        .id_token()
        .expect("an ID token")
        .claims()
        .expect("claims");
    assert_eq!(claims.sub, USER_ID);
    assert_eq!(claims.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(claims.username.as_deref(), Some("ada"));
    assert_eq!(claims.other["at_hash"], "x1y2");
    let verified = tokens
        .verify_id_token(&client)
        .await
        .expect("valid ID token");
    assert_eq!(verified.sub, USER_ID);

    let me = client.with_user_tokens(&tokens).expect("client");
    let profile = me.my_account().get_profile().send().await.expect("profile");
    assert_eq!(profile.body.username, Some("ada".to_owned()));
    assert_eq!(fake.code_exchanges.load(Ordering::SeqCst), 1);
    assert_eq!(fake.refreshes.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_state_mismatch_is_refused_before_the_code_is_exchanged() {
    let (fake, client) = start(3600).await;
    *fake.mode.lock().expect("lock") = Mode::WrongState;
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("refused");
    assert_eq!(sign_in_problem(&error), &SignInProblem::StateMismatch);
    assert_eq!(fake.code_exchanges.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_verifier_that_does_not_match_the_challenge_is_refused() {
    let (fake, client) = start(3600).await;
    *fake.mode.lock().expect("lock") = Mode::TamperedChallenge;
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("refused");
    match sign_in_problem(&error) {
        SignInProblem::Refused { error, description } => {
            assert_eq!(error, "invalid_grant");
            assert_eq!(description.as_deref(), Some("PKCE verification failed"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_code_works_once() {
    let (fake, client) = start(3600).await;
    sign_in(&client).await;
    *fake.mode.lock().expect("lock") = Mode::ReusedCode;
    client.clear_session();
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("refused");
    assert!(
        matches!(sign_in_problem(&error), SignInProblem::Refused { error, .. } if error == "invalid_grant"),
        "{error:?}"
    );
    assert_eq!(fake.code_exchanges.load(Ordering::SeqCst), 2);
    // The client they were started from holds neither session.
    assert!(!format!("{client:?}").contains("_session"));
}

#[tokio::test]
async fn an_error_on_the_redirect_uri_is_reported() {
    let (fake, client) = start(3600).await;
    *fake.mode.lock().expect("lock") = Mode::Denied;
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("denied");
    assert_eq!(
        sign_in_problem(&error),
        &SignInProblem::Denied {
            error: "access_denied".into(),
            description: Some("the user said no".into()),
        }
    );
    assert_eq!(fake.code_exchanges.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn redirects_to_another_origin_are_not_followed() {
    let (fake, client) = start(3600).await;
    *fake.mode.lock().expect("lock") = Mode::Foreign;
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("refused");
    assert_eq!(
        sign_in_problem(&error),
        &SignInProblem::ForeignRedirect {
            origin: "http://evil.example.test".into()
        }
    );
    // Nor a `redirectTo` that points elsewhere in the first place.
    let (sign_in, _) = interact(&client).await;
    let error = sign_in
        .finish("http://evil.example.test/oidc/auth/uid-1")
        .await
        .expect_err("refused");
    assert!(matches!(
        sign_in_problem(&error),
        SignInProblem::ForeignRedirect { .. }
    ));
}

#[tokio::test]
async fn redirects_are_bounded() {
    let (fake, client) = start(3600).await;
    *fake.mode.lock().expect("lock") = Mode::Loop;
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("refused");
    assert_eq!(
        sign_in_problem(&error),
        &SignInProblem::TooManyRedirects {
            hops: logto_api::MAX_REDIRECTS
        }
    );
}

#[tokio::test]
async fn without_the_session_cookies_logto_error_page_is_reported() {
    let (_fake, client) = start(3600).await;
    let (sign_in, redirect_to) = interact(&client).await;
    sign_in.client().clear_session();
    let error = sign_in.finish(&redirect_to).await.expect_err("no session");
    match sign_in_problem(&error) {
        SignInProblem::ErrorPage {
            status,
            path,
            logto,
        } => {
            assert_eq!(status.as_u16(), 400);
            assert_eq!(path, "/oidc/auth/uid-1");
            let code = logto.as_ref().and_then(|l| l.code.as_deref());
            assert_eq!(code, Some("session.not_found"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
}

#[tokio::test]
async fn interleaved_sign_ins_on_one_client_each_keep_their_own_session() {
    let (fake, client) = start(3600).await;
    let (first, first_to) = interact(&client).await;
    let (second, second_to) = interact(&client).await;
    let first = first
        .finish(&first_to)
        .await
        .expect("the first user's tokens");
    let second = second
        .finish(&second_to)
        .await
        .expect("the second user's tokens");
    assert_ne!(
        first.access_token().secret().expose_secret(),
        second.access_token().secret().expose_secret()
    );
    assert_eq!(fake.code_exchanges.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn transport_errors_do_not_show_the_authorization_request() {
    // Nothing listens there: the authorization request is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let client = Client::new(&base).expect("client");
    let error = tokio::time::timeout(Duration::from_secs(10), client.start_sign_in(&app()))
        .await
        .expect("bounded")
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    let shown = format!("{error} {error:?}");
    for name in ["state=", "nonce=", "code_challenge", "/oidc/auth?"] {
        assert!(!shown.contains(name), "{name} in {shown}");
    }
    // The token request's errors too (the refresh token is in the body, not the URL; the
    // URL is left out all the same).
    let me = client
        .with_refresh_token(CLIENT_ID, None, "rt-q8v3xz")
        .expect("client");
    let error = me
        .my_account()
        .get_profile()
        .send()
        .await
        .expect_err("refused");
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains("rt-q8v3xz") && !shown.contains("/oidc/token"),
        "{shown}"
    );
}

#[tokio::test]
async fn repeated_callback_parameters_and_an_empty_code_are_refused() {
    for (mode, expected) in [
        (
            Mode::RepeatedState,
            SignInProblem::RepeatedParameter {
                name: "state".into(),
            },
        ),
        (
            Mode::RepeatedCode,
            SignInProblem::RepeatedParameter {
                name: "code".into(),
            },
        ),
        (Mode::EmptyCode, SignInProblem::MissingCode),
    ] {
        let (fake, client) = start(3600).await;
        *fake.mode.lock().expect("lock") = mode;
        let (sign_in, redirect_to) = interact(&client).await;
        let error = sign_in.finish(&redirect_to).await.expect_err("refused");
        assert_eq!(sign_in_problem(&error), &expected, "{mode:?}");
        assert_eq!(fake.code_exchanges.load(Ordering::SeqCst), 0, "{mode:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_account_calls_with_an_expired_token_refresh_once() {
    // The sign-in's access token has expired by the time it arrives.
    let (fake, client) = start(0).await;
    let tokens = sign_in(&client).await;
    let me = client.with_user_tokens(&tokens).expect("client");
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let me = me.clone();
        calls.spawn(async move { me.my_account().get_profile().send().await.map(|_| ()) });
    }
    while let Some(result) = calls.join_next().await {
        result.expect("task").expect("call");
    }
    assert_eq!(fake.refreshes.load(Ordering::SeqCst), 1);
    // Every call went out once, with the refreshed token (none was refused).
    assert_eq!(fake.profile_calls.load(Ordering::SeqCst), 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_cancelled_mid_refresh_does_not_lose_the_rotated_token() {
    let (fake, client) = start(0).await;
    let tokens = sign_in(&client).await;
    let me = client.with_user_tokens(&tokens).expect("client");
    let first = {
        let me = me.clone();
        tokio::spawn(async move { me.my_account().get_profile().send().await.map(|_| ()) })
    };
    // The fake has the refresh request (and has used up the refresh token): stop waiting.
    tokio::time::timeout(Duration::from_secs(5), async {
        while fake.refreshes.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    })
    .await
    .expect("the refresh arrives");
    first.abort();
    assert!(first.await.expect_err("aborted").is_cancelled());
    let mut later = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let me = me.clone();
        later.spawn(async move { me.my_account().get_profile().send().await.map(|_| ()) });
    }
    while let Some(result) = later.join_next().await {
        result.expect("task").expect("the rotated token was kept");
    }
    me.my_account()
        .get_profile()
        .send()
        .await
        .expect("a later call");
    assert_eq!(fake.refreshes.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn the_rotated_refresh_token_can_be_read_back_and_stored() {
    let (fake, client) = start(0).await;
    let tokens = sign_in(&client).await;
    let first = tokens.refresh_token().expect("refresh token").clone();
    let me = client.with_user_tokens(&tokens).expect("client");
    assert_eq!(
        me.refresh_token().map(|t| t.expose_secret().to_owned()),
        Some(first.expose_secret().to_owned())
    );
    me.my_account()
        .get_profile()
        .send()
        .await
        .expect("refreshed");
    let stored = me.refresh_token().expect("the current refresh token");
    assert_ne!(stored.expose_secret(), first.expose_secret(), "rotated");
    assert!(!format!("{stored:?}").contains(stored.expose_secret()));
    let access = me.access_token().expect("the current access token");
    assert!(fake
        .live_tokens
        .lock()
        .expect("lock")
        .contains(access.secret().expose_secret()));
    // A later process, from the stored token: it works (the first one is used up).
    let later = client
        .with_refresh_token(CLIENT_ID, None, stored)
        .expect("client");
    later
        .my_account()
        .get_profile()
        .send()
        .await
        .expect("the stored token works");
    let spent = client
        .with_refresh_token(CLIENT_ID, None, first)
        .expect("client");
    let error = spent
        .my_account()
        .get_profile()
        .send()
        .await
        .expect_err("used up");
    assert!(
        matches!(sign_in_problem(&error), SignInProblem::Refused { error, .. } if error == "invalid_grant")
    );
    assert!(client.refresh_token().is_none() && client.access_token().is_none());
}

#[tokio::test]
async fn a_refused_refresh_means_signing_in_again() {
    let (fake, client) = start(0).await;
    let tokens = sign_in(&client).await;
    fake.refresh_tokens.lock().expect("lock").clear();
    let me = client.with_user_tokens(&tokens).expect("client");
    let error = me
        .my_account()
        .get_profile()
        .send()
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, Error::SignIn { operation: "RefreshToken", problem } if matches!(&**problem, SignInProblem::Refused { error, .. } if error == "invalid_grant")),
        "{error:?}"
    );
}

#[tokio::test]
async fn refresh_tokens_rotate_and_the_newest_is_used() {
    let (fake, client) = start(3600).await;
    let tokens = sign_in(&client).await;
    let refresh = tokens
        .refresh_token()
        .expect("refresh token")
        .expose_secret()
        .to_owned();
    let me = client
        .with_refresh_token(CLIENT_ID, None, refresh)
        .expect("client");
    me.my_account()
        .get_profile()
        .send()
        .await
        .expect("first refresh");
    // The first refresh token is spent: after a 401, the refresh must use the rotated one.
    fake.live_tokens.lock().expect("lock").clear();
    me.my_account()
        .get_profile()
        .send()
        .await
        .expect("401, refresh with the rotated token, retry");
    assert_eq!(fake.refreshes.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_id_token_not_signed_by_a_jwks_key_fails_verification() {
    let (fake, client) = start(3600).await;
    let tokens = sign_in(&client).await;
    // Logto's JWKS now lists another key under the token's `kid`.
    let (_, mut other) = key_pair();
    other["kid"] = json!("key-1");
    *fake.jwk.lock().expect("lock") = other;
    let error = tokens
        .verify_id_token(&client)
        .await
        .expect_err("bad signature");
    assert!(
        matches!(sign_in_problem(&error), SignInProblem::IdToken(_)),
        "{error:?}"
    );
    // The claims are still readable, unverified.
    let claims = tokens
        .id_token()
        .expect("ID token")
        .claims()
        .expect("claims");
    assert_eq!(claims.sub, USER_ID);
}

#[tokio::test]
async fn id_token_checks_nbf_azp_and_the_keys_use_and_alg() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    // Verifies the ID token of a sign-in whose ID token has `extra` claims.
    async fn verify(extra: serde_json::Value) -> logto_api::Result<logto_api::IdTokenClaims> {
        let (fake, client) = start(3600).await;
        let extra = extra.as_object().expect("claims").clone();
        *fake.id_token_extra.lock().expect("lock") = extra;
        sign_in(&client).await.verify_id_token(&client).await
    }
    let refused = |result: logto_api::Result<logto_api::IdTokenClaims>| {
        let error = result.expect_err("refused");
        assert!(
            matches!(sign_in_problem(&error), SignInProblem::IdToken(_)),
            "{error:?}"
        );
    };
    refused(verify(json!({ "nbf": now + 3600 })).await);
    verify(json!({ "nbf": now - 10 }))
        .await
        .expect("nbf passed");
    refused(verify(json!({ "aud": [CLIENT_ID, "another-app"] })).await);
    refused(verify(json!({ "aud": [CLIENT_ID, "another-app"], "azp": "another-app" })).await);
    refused(verify(json!({ "azp": "another-app" })).await);
    verify(json!({ "aud": [CLIENT_ID, "another-app"], "azp": CLIENT_ID }))
        .await
        .expect("azp is this app");

    // Keys under the token's `kid` that are not for signing with its algorithm are skipped.
    let (fake, client) = start(3600).await;
    let tokens = sign_in(&client).await;
    let good = fake.jwk.lock().expect("lock").clone();
    let (_, mut encryption) = key_pair();
    encryption["kid"] = json!("key-1");
    encryption["use"] = json!("enc");
    let (_, mut other_alg) = key_pair();
    other_alg["kid"] = json!("key-1");
    other_alg["alg"] = json!("ES256");
    *fake.jwk.lock().expect("lock") = json!([encryption, other_alg, good]);
    tokens
        .verify_id_token(&client)
        .await
        .expect("the signing key is found");
    *fake.jwk.lock().expect("lock") = json!([encryption, other_alg]);
    refused(tokens.verify_id_token(&client).await);
}

#[tokio::test]
async fn a_malformed_id_token_does_not_cost_the_other_tokens() {
    // Without `iat`: the claims read (`iat` is `None`) and verify.
    let (fake, client) = start(3600).await;
    fake.id_token_extra
        .lock()
        .expect("lock")
        .insert("iat".into(), serde_json::Value::Null);
    let tokens = sign_in(&client).await;
    let claims = tokens
        .id_token()
        .expect("ID token")
        .claims()
        .expect("claims");
    assert_eq!(claims.iat, None);
    tokens.verify_id_token(&client).await.expect("verifies");

    // Without `sub`, or not a JWT at all: the tokens are kept, the problem shows on reading.
    for broken in ["sub", "garbage"] {
        let (fake, client) = start(3600).await;
        if broken == "garbage" {
            *fake.raw_id_token.lock().expect("lock") = Some("not.a-jwt".into());
        } else {
            fake.id_token_extra
                .lock()
                .expect("lock")
                .insert(broken.into(), serde_json::Value::Null);
        }
        let tokens = sign_in(&client).await;
        assert!(tokens.refresh_token().is_some(), "{broken}");
        let id_token = tokens.id_token().expect("kept");
        let error = id_token.claims().expect_err("does not read");
        assert!(
            matches!(sign_in_problem(&error), SignInProblem::IdToken(_)),
            "{broken}: {error:?}"
        );
        let error = tokens.verify_id_token(&client).await.expect_err("refused");
        assert!(
            matches!(sign_in_problem(&error), SignInProblem::IdToken(_)),
            "{broken}: {error:?}"
        );
        // The access token works.
        let me = client.with_user_tokens(&tokens).expect("client");
        me.my_account().get_profile().send().await.expect("profile");
    }
}

#[tokio::test]
async fn only_bearer_tokens_are_accepted() {
    let (fake, client) = start(0).await;
    *fake.token_type.lock().expect("lock") = "bearer".into();
    let tokens = sign_in(&client).await;
    *fake.token_type.lock().expect("lock") = "DPoP".into();
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("not bearer");
    assert!(
        matches!(sign_in_problem(&error), SignInProblem::BadTokenAnswer(m) if m.to_ascii_lowercase().contains("dpop")),
        "{error:?}"
    );
    // The refresh too (its access token expired at once).
    let me = client.with_user_tokens(&tokens).expect("client");
    let error = me
        .my_account()
        .get_profile()
        .send()
        .await
        .expect_err("not bearer");
    assert!(
        matches!(sign_in_problem(&error), SignInProblem::BadTokenAnswer(m) if m.to_ascii_lowercase().contains("dpop")),
        "{error:?}"
    );
    // The rotated refresh token was kept all the same.
    let rotated = me.refresh_token().expect("refresh token");
    assert_ne!(
        rotated.expose_secret(),
        tokens
            .refresh_token()
            .expect("refresh token")
            .expose_secret()
    );
}

#[tokio::test]
async fn no_token_code_or_verifier_shows_in_debug_errors_or_logs() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let (fake, client) = start(0).await;
    let (sign_in, redirect_to) = interact(&client).await;
    let mut shown = format!("{sign_in:?}");
    let tokens = sign_in.finish(&redirect_to).await.expect("tokens");
    let me = client.with_user_tokens(&tokens).expect("client");
    me.my_account().get_profile().send().await.expect("profile");
    shown += &format!("{tokens:?} {me:?} {client:?}");
    // Errors on each path that handles a secret.
    *fake.mode.lock().expect("lock") = Mode::TamperedChallenge;
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("refused");
    shown += &format!("{error} {error:?}");
    *fake.mode.lock().expect("lock") = Mode::WrongState;
    let (sign_in, redirect_to) = interact(&client).await;
    let error = sign_in.finish(&redirect_to).await.expect_err("refused");
    shown += &format!("{error} {error:?}");
    fake.refresh_tokens.lock().expect("lock").clear();
    fake.live_tokens.lock().expect("lock").clear();
    let error = me
        .my_account()
        .get_profile()
        .send()
        .await
        .expect_err("refused");
    shown += &format!("{error} {error:?} {me:?}");
    shown += &capture.0.lock().expect("lock").join("\n");

    let secrets = fake.secrets.lock().expect("lock").clone();
    assert!(secrets.len() > 10, "{secrets:?}");
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        assert!(
            !shown.contains(secret.as_str()),
            "`{secret}` shows in:\n{shown}"
        );
    }
}

/// Records every event and span field the client emits.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut line = String::from(span.metadata().name());
        span.record(&mut Fields(&mut line));
        self.0.lock().expect("lock").push(line);
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut line = String::new();
        values.record(&mut Fields(&mut line));
        self.0.lock().expect("lock").push(line);
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = String::from(event.metadata().name());
        event.record(&mut Fields(&mut line));
        self.0.lock().expect("lock").push(line);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}
