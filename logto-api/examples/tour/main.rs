//! A tour of the generated client: an Experience API sign-in, Account API profile calls with a
//! verification record, then Management API calls with client credentials (create a user and a
//! role, assign the role, stream every user page by page, clean up).
//!
//! `cargo run --example tour` talks to an embedded stand-in for Logto on 127.0.0.1 (it serves the
//! calls below the way Logto 1.42 does: session cookies, password checks, 4xx bodies, tokens,
//! `Total-Number`). To talk to a real Logto instead, set:
//! - `LOGTO_ENDPOINT` (e.g. `http://localhost:3001`), `LOGTO_APP_ID` and `LOGTO_REDIRECT_URI` of
//!   an application (single-page or native; add `LOGTO_APP_SECRET` for a traditional web app)
//!   whose sign-in experience is password sign-in by username, with the Account API enabled;
//!   the redirect URI is never requested, so nothing needs to listen there;
//! - `LOGTO_USERNAME` and `LOGTO_PASSWORD`;
//! - optionally `LOGTO_M2M_APP_ID` and `LOGTO_M2M_APP_SECRET` of a machine-to-machine application
//!   with the Management API access role, for the Management API part (it creates a user and a
//!   role named `tour_*` and deletes them again).

mod standin;

use logto_api::account::types::{PasswordBody, UpdateProfileBody};
use logto_api::experience::types::{
    CreatePasswordVerificationBody, IdentifyUserBody, InitInteractionBody, InteractionEvent,
    PasswordIdentifier, SignInIdentifierType,
};
use logto_api::management::types::{CreateRoleBody, CreateUserBody, RoleIdsBody};
use logto_api::{Client, Logto, OidcApp, Patch, UserTokens};
use standin::{StandIn, StandInUser};
use std::time::{SystemTime, UNIX_EPOCH};

type BoxError = Box<dyn std::error::Error>;

struct Setup {
    endpoint: String,
    client: Client,
    username: String,
    password: String,
    app_id: String,
    app_secret: Option<String>,
    redirect_uri: String,
    /// Keeps the embedded server alive for the whole tour.
    standin: Option<StandIn>,
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let setup = setup().await?;
    let tokens = sign_in(&setup).await?;
    account(&setup, &tokens).await?;
    match m2m_credentials(&setup) {
        Some((id, secret)) => management(&setup.endpoint, id, secret).await?,
        None => println!(
            "(set LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET to also run the Management API part)"
        ),
    }
    println!("tour finished");
    Ok(())
}

async fn setup() -> Result<Setup, BoxError> {
    let env = |name: &str| {
        std::env::var(name).map_err(|_| format!("{name} must be set when LOGTO_ENDPOINT is"))
    };
    if let Ok(endpoint) = std::env::var("LOGTO_ENDPOINT") {
        println!("using Logto at {endpoint}");
        return Ok(Setup {
            client: Client::new(&endpoint)?,
            endpoint,
            username: env("LOGTO_USERNAME")?,
            password: env("LOGTO_PASSWORD")?,
            app_id: env("LOGTO_APP_ID")?,
            app_secret: std::env::var("LOGTO_APP_SECRET").ok(),
            redirect_uri: env("LOGTO_REDIRECT_URI")?,
            standin: None,
        });
    }
    let user = StandInUser {
        username: "tour-user".to_owned(),
        password: "Tour-Passw0rd!".to_owned(),
        name: Some("Tour User".to_owned()),
    };
    let (username, password) = (user.username.clone(), user.password.clone());
    let standin = StandIn::start(user).await?;
    println!(
        "LOGTO_ENDPOINT not set: started an embedded Logto stand-in at {}",
        standin.endpoint()
    );
    Ok(Setup {
        endpoint: standin.endpoint(),
        client: Client::new(standin.endpoint())?,
        username,
        password,
        app_id: "standin-app".to_owned(),
        app_secret: None,
        redirect_uri: "http://127.0.0.1/callback".to_owned(),
        standin: Some(standin),
    })
}

/// Walks a password sign-in through the Experience API, from the OIDC authorization request to
/// the user's tokens.
async fn sign_in(setup: &Setup) -> Result<UserTokens, BoxError> {
    let client = &setup.client;
    let mut app = OidcApp::new(&setup.app_id, &setup.redirect_uri);
    if let Some(secret) = &setup.app_secret {
        app = app.client_secret(secret.as_str());
    }
    let sign_in = client.start_sign_in(&app).await?;
    println!("1. start_sign_in: GET /oidc/auth with PKCE (S256), state and nonce; the sign-in's own cookie jar keeps the interaction cookies");
    // The interaction runs in the sign-in's client: its cookie jar holds this sign-in's session.
    let session = sign_in.client().clone();

    let init = InitInteractionBody {
        interaction_event: InteractionEvent::SignIn,
        captcha_token: None,
    };
    let started = session.experience().init_interaction(init).send().await?;
    println!("2. init_interaction(SignIn) -> {}", started.status);

    let wrong = password_body(&setup.username, "not-the-password");
    match session
        .experience()
        .create_password_verification(wrong)
        .send()
        .await
    {
        Err(e) => println!("3. a wrong password is refused: {e} (code {:?})", e.code()),
        Ok(r) => println!("3. unexpectedly accepted a wrong password: {}", r.status),
    }

    let right = password_body(&setup.username, &setup.password);
    let verification = session
        .experience()
        .create_password_verification(right)
        .send()
        .await?;
    println!(
        "4. create_password_verification -> verificationId {}",
        verification.verification_id
    );

    let identify = IdentifyUserBody {
        verification_id: Some(verification.body.verification_id),
        ..Default::default()
    };
    let identified = session.experience().identify_user(identify).send().await?;
    println!("5. identify_user -> {}", identified.status);

    let submitted = session.experience().submit_interaction().send().await?;
    let redirect_to = submitted
        .into_body()
        .ok_or("submit_interaction gave no redirectTo")?;
    println!(
        "6. submit_interaction -> redirectTo {}",
        redirect_to.redirect_to
    );

    let tokens = sign_in.finish(&redirect_to.redirect_to).await?;
    println!(
        "7. finish: redirects followed with the session cookies, state checked, code exchanged -> access token ({:?}), refresh token: {}",
        tokens.scope(),
        tokens.refresh_token().is_some(),
    );
    if tokens.id_token().is_some() {
        let claims = tokens.verify_id_token(client).await?;
        println!(
            "8. verify_id_token (signature checked with Logto's JWKS) -> sub {}, username {:?}",
            claims.sub, claims.username
        );
    }
    Ok(tokens)
}

fn password_body(username: &str, password: &str) -> CreatePasswordVerificationBody {
    CreatePasswordVerificationBody {
        identifier: PasswordIdentifier {
            r#type: SignInIdentifierType::Username,
            value: username.to_owned(),
        },
        password: password.to_owned(),
    }
}

/// Reads and updates the signed-in user's profile with the sign-in's tokens, refreshes them,
/// then changes the password with a verification record.
async fn account(setup: &Setup, tokens: &UserTokens) -> Result<(), BoxError> {
    // Sends the access token; refreshes it with the refresh token when it is about to expire.
    let client = setup.client.with_user_tokens(tokens)?;
    let profile = client.my_account().get_profile().send().await?;
    // Logto's timestamps are `logto_api::Timestamp` (epoch milliseconds); `Display` is RFC 3339.
    let created = profile.created_at.map(|t| t.to_string());
    println!(
        "9. get_profile -> {:?} (name {:?}, created {:?})",
        profile.username, profile.name, created
    );

    let update = UpdateProfileBody {
        // Sets the name; `Patch::Null` would clear it, and fields left `Unchanged` are not sent.
        name: Patch::Set("Renamed by the tour".to_owned()),
        ..Default::default()
    };
    let updated = client.my_account().update_profile(update).send().await?;
    println!("10. update_profile -> name {:?}", updated.name);

    // What an app that stored the refresh token does later: the first call refreshes. The one
    // to store is the client's current one (Logto may have rotated the sign-in's on use).
    let refresh_token = client
        .refresh_token()
        .or_else(|| tokens.refresh_token().cloned())
        .ok_or("no refresh token (offline_access)")?;
    let client = setup.client.with_refresh_token(
        &setup.app_id,
        setup.app_secret.clone().map(Into::into),
        refresh_token,
    )?;
    let profile = client.my_account().get_profile().send().await?;
    println!(
        "11. with_refresh_token: one refresh_token grant, then get_profile -> {:?}",
        profile.username
    );

    let new_password = PasswordBody {
        password: "An0ther-Passw0rd!".to_owned(),
    };
    match client
        .my_account()
        .update_password(new_password.clone())
        .send()
        .await
    {
        Err(e) => println!("12. update_password without a verification record: {e}"),
        Ok(r) => println!(
            "12. unexpectedly changed the password without verification: {}",
            r.status
        ),
    }

    let record = client.verify_by_password(&setup.password).await?;
    println!("13. verify_by_password -> {record:?}");

    let changed = client
        .with_verification(&record, |verified| async move {
            verified
                .my_account()
                .update_password(new_password)
                .send()
                .await
        })
        .await?;
    println!(
        "14. update_password with the verification record -> {}",
        changed.status
    );
    Ok(())
}

/// The machine-to-machine application's id and secret: the stand-in's own, or the environment's.
fn m2m_credentials(setup: &Setup) -> Option<(String, String)> {
    if setup.standin.is_some() {
        let (id, secret) = (standin::M2M_APP_ID, standin::M2M_APP_SECRET);
        return Some((id.to_owned(), secret.to_owned()));
    }
    let id = std::env::var("LOGTO_M2M_APP_ID").ok()?;
    Some((id, std::env::var("LOGTO_M2M_APP_SECRET").ok()?))
}

/// Creates a user and a role, assigns the role, streams every user page by page, and deletes
/// what it created.
async fn management(endpoint: &str, app_id: String, secret: String) -> Result<(), BoxError> {
    use futures_util::StreamExt;

    // The client fetches a token from `/oidc/token` on the first call and caches it.
    let admin = Logto::builder(endpoint)
        .client_credentials(app_id, secret)
        .build()?;
    let suffix = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis();
    let new_user = CreateUserBody {
        username: Some(format!("tour_user_{suffix}")),
        name: Some("Created by the tour".to_owned()),
        ..Default::default()
    };
    let user = admin
        .users()
        .create_user(new_user)
        .send()
        .await?
        .into_body();
    println!("15. create_user (client-credentials token) -> {}", user.id);

    let new_role = CreateRoleBody {
        name: format!("tour_role_{suffix}"),
        description: "Assigned by the tour".to_owned(),
        ..Default::default()
    };
    let role = admin
        .roles()
        .create_role(new_role)
        .send()
        .await?
        .into_body();
    let role_ids = vec![role.id.clone()];
    let assigned = admin
        .users()
        .assign_user_roles(&user.id, RoleIdsBody { role_ids })
        .send()
        .await?;
    println!(
        "16. create_role, assign_user_roles -> added {:?}",
        assigned.body.added_role_ids
    );

    // One user per page, to show the stream following `Total-Number` across pages.
    let mut users = admin.users().list_users().page_size(1).stream();
    let mut count = 0;
    while let Some(listed) = users.next().await {
        let listed = listed?;
        count += 1;
        println!("    {} {:?}", listed.id, listed.username);
    }
    println!("17. list_users().page_size(1).stream() -> {count} users");

    admin.users().delete_user(&user.id).send().await?;
    admin.roles().delete_role(&role.id).send().await?;
    println!("18. delete_user, delete_role -> cleaned up");
    Ok(())
}
