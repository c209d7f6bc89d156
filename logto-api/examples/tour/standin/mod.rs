//! An embedded stand-in for a Logto 1.42 server, for the tour when no real Logto is configured.
//!
//! It keeps one user in memory and serves, on `127.0.0.1`, the part of the Experience API and
//! the Account API that the tour uses. Status codes, headers and JSON bodies follow exchanges
//! recorded from a real Logto 1.42 (`shared/recordings/logto-1.42`); each handler names the
//! recordings it follows as `file#index` (0-based).
//!
//! The session works as in Logto: `GET /oidc/auth` starts an interaction and sets the
//! `_interaction` cookie (with `_interaction.sig`, `_logto`, `_interaction_resume` and their
//! `.sig`s); `PUT /api/experience` without that cookie fails with `400 session.not_found`, as on
//! the real server. After `POST /api/experience/submit`, `GET /oidc/auth/{uid}` (with the
//! `_interaction_resume` cookie) sends the user back to the redirect URI with a one-time code,
//! and `POST /oidc/token` exchanges it (PKCE checked) for an opaque access token, a refresh
//! token and an ES384 ID token, and refreshes tokens (see `oidc.rs`).
//!
//! This is a test double, not a security boundary: the password is kept in plain text, and ids,
//! tokens and cookie signatures come from std's randomly keyed SipHash.

mod handlers;
mod management;
mod oidc;
mod support;

pub use management::{M2M_APP_ID, M2M_APP_SECRET};

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};
use support::*;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{AppendHeaders, Html, IntoResponse, Response};
use axum::Router;
use serde_json::{json, Map, Value};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Lifetime of an interaction (oidc-provider's default, one hour).
const INTERACTION_TTL_MS: u64 = 3_600_000;
/// Lifetime of an access token (`expires_in: 3600`, experience-sign-in.json#25).
const ACCESS_TOKEN_TTL_MS: u64 = 3_600_000;
/// Lifetime of an Account API verification record (ten minutes, account-profile.json#23).
const VERIFICATION_TTL_MS: u64 = 600_000;
/// `client_id` and scopes assumed when `GET /oidc/auth` names none (account-profile.json#0).
const DEFAULT_CLIENT_ID: &str = "standin-app";
const DEFAULT_SCOPES: &str = "openid offline_access profile email phone custom_data identities";
const EVENTS: [&str; 3] = ["SignIn", "Register", "ForgotPassword"];
const IDENTIFIER_TYPES: [&str; 3] = ["username", "email", "phone"];
/// The recorded server's password policy (experience-sign-in.json#0) rejects these words, and
/// (like every Logto) runs of three or more characters from these rows.
const REJECTED_WORDS: [&str; 2] = ["logto", "recorder"];
const SEQUENCES: &str = "0123456789 abcdefghijklmnopqrstuvwxyz qwertyuiop asdfghjkl zxcvbnm \
                         1qaz 2wsx 3edc 4rfv 5tgb 6yhn 7ujm 8ik 9ol";
const SYMBOLS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const LOWER_ALNUM: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The one user the stand-in knows; sign in with `username` and `password`.
#[derive(Clone, Debug)]
pub struct StandInUser {
    pub username: String,
    pub password: String,
    pub name: Option<String>,
}

/// A running stand-in; dropping it (or calling [`StandIn::shutdown`]) stops the server.
#[derive(Debug)]
pub struct StandIn {
    endpoint: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl StandIn {
    /// Starts on 127.0.0.1 with an OS-assigned port, with one user.
    pub async fn start(user: StandInUser) -> std::io::Result<StandIn> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let endpoint = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(Inner::new(user, endpoint.clone())));
        let router = Router::new().fallback(dispatch).with_state(state);
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = axum::serve(listener, service).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        let task = tokio::spawn(async {
            let _ = server.await;
        });
        let (stop, task) = (Some(stop), Some(task));
        Ok(StandIn {
            endpoint,
            stop,
            task,
        })
    }

    /// Base URL, e.g. `"http://127.0.0.1:43123"` (no trailing slash).
    pub fn endpoint(&self) -> String {
        self.endpoint.clone()
    }

    /// Stops the server and waits until it has closed its connections.
    #[allow(dead_code, reason = "an embedder may only ever drop the stand-in")]
    pub async fn shutdown(mut self) {
        self.stop();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Tells the server to stop accepting connections and to close the open ones.
    fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.stop();
    }
}

fn lock(state: &Mutex<Inner>) -> MutexGuard<'_, Inner> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The server's state, behind one mutex.
#[derive(Debug, Default)]
struct Inner {
    endpoint: String,
    /// The user's Account API profile, with every field that some scope reveals.
    profile: Value,
    password: String,
    /// Interactions by uid (the `_interaction` cookie's value).
    interactions: HashMap<String, Interaction>,
    /// Access tokens: expiry (epoch ms) and scopes.
    tokens: HashMap<String, (u64, Vec<String>)>,
    /// Account API verification records: expiry (epoch ms) by id.
    verifications: HashMap<String, u64>,
    /// Authorization codes not yet exchanged.
    codes: HashMap<String, oidc::CodeGrant>,
    /// Refresh tokens not yet used (each is rotated on use).
    refresh_tokens: HashMap<String, oidc::RefreshGrant>,
    /// The ID tokens' signing key.
    signing: oidc::SigningKey,
    /// Users created through the Management API (the Account API user is `profile`).
    users: Vec<Value>,
    /// Roles created through the Management API.
    roles: Vec<Value>,
    /// Role ids assigned to each user id.
    user_roles: HashMap<String, Vec<String>>,
    ids: Ids,
}

/// One experience interaction, started by `GET /oidc/auth`.
#[derive(Clone, Debug, Default)]
struct Interaction {
    expires_at: u64,
    client_id: String,
    scopes: Vec<String>,
    ip: String,
    event: Option<&'static str>,
    user_id: Option<String>,
    /// The latest successful password verification: id, identifier type and value. Logto keeps
    /// one record per verification type, so a new one replaces the old.
    password: Option<(String, &'static str, String)>,
    /// The authorization request's parameters, for the code it ends with.
    authorization: Authorization,
    /// Submitted: the Experience API is done with it, and `/oidc/auth/{uid}` may resume it.
    submitted: bool,
}

/// What `GET /oidc/auth` asked for, beyond the client and scopes.
#[derive(Clone, Debug, Default)]
struct Authorization {
    redirect_uri: String,
    state: Option<String>,
    nonce: Option<String>,
    /// The S256 PKCE challenge (empty without one: the code then cannot be exchanged).
    code_challenge: String,
}

/// Ids, tokens and cookie signatures from a randomly keyed SipHash and a counter.
#[derive(Debug, Default)]
struct Ids(RandomState, u64);

impl Ids {
    fn string(&mut self, len: usize, alphabet: &[u8]) -> String {
        let mut next = || {
            self.1 += 1;
            let hash = self.0.hash_one((self.1, SystemTime::now()));
            char::from(alphabet[(hash % alphabet.len() as u64) as usize])
        };
        (0..len).map(|_| next()).collect()
    }

    /// A stable signature for a cookie value, like the keygrip `.sig` cookies of Logto.
    fn sign(&self, name: &str, value: &str) -> String {
        let char_at = |i: u8| URL_SAFE[(self.0.hash_one((name, value, i)) % 64) as usize];
        (0..27).map(|i| char::from(char_at(i))).collect()
    }
}

/// The parts of a request the handlers read.
#[derive(Debug)]
struct Request {
    peer: SocketAddr,
    query: HashMap<String, String>,
    headers: HeaderMap,
    body: Bytes,
}

type Reply = Result<Response, ApiError>;

/// Routes every request by method and path to the handler that serves it.
async fn dispatch(
    State(state): State<Arc<Mutex<Inner>>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let query = Query::try_from_uri(&uri).map(|Query(query)| query);
    let query = query.unwrap_or_default();
    let request = Request {
        peer,
        query,
        headers,
        body,
    };
    let mut inner = lock(&state);
    let reply = match (method.as_str(), uri.path()) {
        ("GET", "/oidc/auth") => inner.start_interaction(&request),
        // Where `/oidc/auth` redirects to: Logto's sign-in page, here a placeholder.
        ("GET", "/sign-in") => {
            Ok(Html("<p>Logto stand-in: use the Experience API.").into_response())
        }
        ("PUT", "/api/experience") => inner.init_interaction(&request),
        ("GET", "/api/experience/interaction") => inner.get_interaction(&request),
        ("POST", "/api/experience/verification/password") => inner.verify_password(&request),
        ("POST", "/api/experience/identification") => inner.identify_user(&request),
        ("POST", "/api/experience/submit") => inner.submit_interaction(&request),
        ("GET", "/api/my-account") => inner.get_profile(&request),
        ("PATCH", "/api/my-account") => inner.update_profile(&request),
        ("POST", "/api/my-account/password") => inner.update_password(&request),
        ("POST", "/api/verifications/password") => inner.verify_account_password(&request),
        ("POST", "/oidc/token") => inner.token(&request),
        ("GET", "/oidc/jwks") => inner.jwks(),
        ("GET", path) if path.starts_with("/oidc/auth/") => {
            let uid = path.trim_start_matches("/oidc/auth/").to_owned();
            inner.resume(&request, &uid)
        }
        ("POST", "/api/users") => inner.create_user(&request),
        ("GET", "/api/users") => inner.list_users(&request),
        ("POST", "/api/roles") => inner.create_role(&request),
        (method, path) => match (method, entity_path(path)) {
            ("POST", Some(("users", id, "/roles"))) => inner.assign_user_roles(&request, &id),
            ("DELETE", Some(("users", id, ""))) => inner.delete_user(&request, &id),
            ("DELETE", Some(("roles", id, ""))) => inner.delete_role(&request, &id),
            // No recording shows an unknown route, so the code says this is the stand-in talking.
            _ => {
                let message = format!("The Logto stand-in does not serve {method} {path}.");
                let body = json!({ "code": "standin.route_not_served", "message": message });
                Err(ApiError(StatusCode::NOT_FOUND, body))
            }
        },
    };
    reply.unwrap_or_else(IntoResponse::into_response)
}

/// `/api/{collection}/{id}{rest}` as `(collection, decoded id, rest)`.
fn entity_path(path: &str) -> Option<(&str, String, &str)> {
    let (collection, tail) = path.strip_prefix("/api/")?.split_once('/')?;
    let (id, rest) = tail.find('/').map_or((tail, ""), |at| tail.split_at(at));
    let id = percent_encoding::percent_decode_str(id)
        .decode_utf8()
        .ok()?;
    Some((collection, id.into_owned(), rest))
}
