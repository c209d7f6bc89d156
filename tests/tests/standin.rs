//! The tour's embedded stand-in for Logto (`logto-api/examples/tour/standin`) answers the OIDC
//! side of a sign-in as Logto does: the resumed authorization needs the session cookies, codes
//! work once and only with their PKCE verifier, refresh tokens rotate, refusals are
//! `invalid_grant`. Driven by hand with reqwest (so the test holds the code and the verifier),
//! and then through `logto_api`'s own sign-in.

#[allow(dead_code, unused_imports)]
#[path = "../../logto-api/examples/tour/standin/mod.rs"]
mod standin;

use base64::Engine as _;
use logto_api::experience::types::{
    CreatePasswordVerificationBody, IdentifyUserBody, InitInteractionBody, InteractionEvent,
    PasswordIdentifier, SignInIdentifierType,
};
use logto_api::{Client, OidcApp};
use serde_json::{json, Value};
use sha2::Digest as _;
use standin::{StandIn, StandInUser};

const APP_ID: &str = "standin-app";
const REDIRECT_URI: &str = "http://127.0.0.1:1/callback";
const USERNAME: &str = "ada";
const PASSWORD: &str = "Anal-Engine-1843!";
const VERIFIER: &str = "a-verifier-of-forty-three-characters-or-more-0123";

async fn start() -> StandIn {
    let user = StandInUser {
        username: USERNAME.to_owned(),
        password: PASSWORD.to_owned(),
        name: Some("Ada Lovelace".to_owned()),
    };
    StandIn::start(user).await.expect("stand-in")
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A browser's worth of session handling: every cookie ever set, sent with every request.
#[derive(Default)]
struct Session(Vec<String>);

impl Session {
    fn keep(&mut self, answer: &reqwest::Response) {
        for value in answer.headers().get_all("set-cookie") {
            let pair = value
                .to_str()
                .expect("ascii")
                .split(';')
                .next()
                .unwrap_or("");
            let name = pair.split('=').next().unwrap_or("").to_owned();
            self.0.retain(|kept| !kept.starts_with(&format!("{name}=")));
            self.0.push(pair.to_owned());
        }
    }

    fn header(&self) -> String {
        self.0.join("; ")
    }
}

fn location(answer: &reqwest::Response) -> String {
    let value = answer.headers().get("location").expect("a Location");
    value.to_str().expect("ascii").to_owned()
}

/// Authorization request (with `VERIFIER`'s challenge), password sign-in and submit; the
/// session and the `redirectTo`.
async fn interact(base: &str) -> (Session, String) {
    let http = http();
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(VERIFIER.as_bytes()));
    let query = [
        ("client_id", APP_ID),
        ("redirect_uri", REDIRECT_URI),
        ("response_type", "code"),
        ("scope", "openid offline_access profile"),
        ("state", "state-1"),
        ("nonce", "nonce-1"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    let mut session = Session::default();
    let answer = http
        .get(format!("{base}/oidc/auth"))
        .query(&query)
        .send()
        .await
        .expect("auth");
    assert_eq!(answer.status(), 303);
    session.keep(&answer);
    let call = |method: reqwest::Method, path: &str, body: Value| {
        http.request(method, format!("{base}{path}"))
            .header("cookie", session.header())
            .json(&body)
            .send()
    };
    let started = call(
        reqwest::Method::PUT,
        "/api/experience",
        json!({ "interactionEvent": "SignIn" }),
    );
    assert_eq!(started.await.expect("init").status(), 204);
    let password = json!({
        "identifier": { "type": "username", "value": USERNAME },
        "password": PASSWORD,
    });
    let verified = call(
        reqwest::Method::POST,
        "/api/experience/verification/password",
        password,
    );
    let verified: Value = verified.await.expect("verify").json().await.expect("json");
    let identify = json!({ "verificationId": verified["verificationId"] });
    let identified = call(
        reqwest::Method::POST,
        "/api/experience/identification",
        identify,
    );
    assert_eq!(identified.await.expect("identify").status(), 204);
    let submitted = call(reqwest::Method::POST, "/api/experience/submit", json!({}));
    let submitted: Value = submitted.await.expect("submit").json().await.expect("json");
    let redirect_to = submitted["redirectTo"]
        .as_str()
        .expect("redirectTo")
        .to_owned();
    (session, redirect_to)
}

/// Follows `redirect_to` with the session; the code on the redirect URI.
async fn code_for(session: &Session, redirect_to: &str) -> String {
    let answer = http()
        .get(redirect_to)
        .header("cookie", session.header())
        .send()
        .await
        .expect("resume");
    assert_eq!(answer.status(), 303);
    let callback = reqwest::Url::parse(&location(&answer)).expect("URL");
    assert!(callback.as_str().starts_with(REDIRECT_URI), "{callback}");
    let query: std::collections::HashMap<_, _> = callback.query_pairs().into_owned().collect();
    assert_eq!(query["state"], "state-1");
    query["code"].clone()
}

async fn token(base: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let answer = http()
        .post(format!("{base}/oidc/token"))
        .form(form)
        .send()
        .await
        .expect("token");
    let status = answer.status().as_u16();
    (status, answer.json().await.expect("json"))
}

async fn exchange(base: &str, code: &str, verifier: &str) -> (u16, Value) {
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", APP_ID),
        ("code", code),
        ("code_verifier", verifier),
        ("redirect_uri", REDIRECT_URI),
    ];
    token(base, &form).await
}

#[tokio::test]
async fn codes_work_once_and_only_with_their_verifier() {
    let standin = start().await;
    let base = standin.endpoint();

    let (session, redirect_to) = interact(&base).await;
    let code = code_for(&session, &redirect_to).await;
    let (status, body) = exchange(
        &base,
        &code,
        "a-tampered-verifier-of-forty-three-characters",
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    // The failed attempt spent the code.
    let (status, body) = exchange(&base, &code, VERIFIER).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    let (session, redirect_to) = interact(&base).await;
    let code = code_for(&session, &redirect_to).await;
    let (status, tokens) = exchange(&base, &code, VERIFIER).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["scope"], "openid offline_access profile");
    for name in ["access_token", "refresh_token", "id_token"] {
        assert!(tokens[name].is_string(), "{name} in {tokens}");
    }
    let (status, body) = exchange(&base, &code, VERIFIER).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn refresh_tokens_rotate() {
    let standin = start().await;
    let base = standin.endpoint();
    let (session, redirect_to) = interact(&base).await;
    let code = code_for(&session, &redirect_to).await;
    let (_, tokens) = exchange(&base, &code, VERIFIER).await;
    let first = tokens["refresh_token"]
        .as_str()
        .expect("refresh token")
        .to_owned();
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", APP_ID),
        ("refresh_token", first.as_str()),
    ];
    let (status, refreshed) = token(&base, &form).await;
    assert_eq!(status, 200, "{refreshed}");
    assert_ne!(refreshed["refresh_token"].as_str(), Some(first.as_str()));
    assert!(refreshed["access_token"].is_string());
    let (status, body) = token(&base, &form).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn resuming_without_the_session_cookies_is_session_not_found() {
    let standin = start().await;
    let base = standin.endpoint();
    let (_session, redirect_to) = interact(&base).await;
    let answer = http().get(&redirect_to).send().await.expect("resume");
    assert_eq!(answer.status(), 400);
    let body: Value = answer.json().await.expect("json");
    assert_eq!(body["code"], "session.not_found");
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn the_client_signs_in_verifies_the_id_token_and_refreshes() {
    let standin = start().await;
    let client = Client::new(standin.endpoint()).expect("client");
    let sign_in = client
        .start_sign_in(&OidcApp::new(APP_ID, REDIRECT_URI))
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
    let password = CreatePasswordVerificationBody {
        identifier: PasswordIdentifier {
            r#type: SignInIdentifierType::Username,
            value: USERNAME.into(),
        },
        password: PASSWORD.into(),
    };
    let verified = session
        .experience()
        .create_password_verification(password)
        .send()
        .await
        .expect("password");
    let identify = IdentifyUserBody {
        verification_id: Some(verified.into_body().verification_id),
        ..Default::default()
    };
    session
        .experience()
        .identify_user(identify)
        .send()
        .await
        .expect("identify");
    let done = session
        .experience()
        .submit_interaction()
        .send()
        .await
        .expect("submit");
    let redirect_to = done.into_body().expect("redirectTo").redirect_to;
    let tokens = sign_in.finish(&redirect_to).await.expect("tokens");

    let claims = tokens
        .verify_id_token(&client)
        .await
        .expect("valid ID token");
    assert_eq!(claims.username.as_deref(), Some(USERNAME));
    assert_eq!(claims.name.as_deref(), Some("Ada Lovelace"));

    let me = client.with_user_tokens(&tokens).expect("client");
    let profile = me.my_account().get_profile().send().await.expect("profile");
    assert_eq!(profile.body.username, Some(USERNAME.to_owned()));
    // The current refresh token (the sign-in's, unless a refresh rotated it) is the one to store.
    let refresh_token = me.refresh_token().expect("refresh token");
    let later = client
        .with_refresh_token(APP_ID, None, refresh_token)
        .expect("client");
    later
        .my_account()
        .get_profile()
        .send()
        .await
        .expect("refreshed, then profile");
}
