//! A typed, async Rust client for [Logto](https://logto.io)'s Management, Experience and
//! Account APIs, generated at build time from the OpenAPI documents in the repository's `spec/` folder.
//!
//! ```no_run
//! # #[cfg(feature = "experience")]
//! # async fn demo() -> logto_api::Result<()> {
//! use logto_api::experience::types::{InteractionEvent, InitInteractionBody};
//!
//! let client = logto_api::Client::new("http://localhost:3001")?;
//! // Starts an interaction; Logto answers with the `_interaction` cookie the client keeps.
//! client.experience()
//!     .init_interaction(InitInteractionBody { interaction_event: InteractionEvent::SignIn, captcha_token: None })
//!     .send()
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! - [`experience`]: build a sign-in or registration UI (`client.experience()`), and finish the
//!   sign-in with the user's tokens (`Client::start_sign_in`, `SignIn::finish`,
//!   `Client::with_user_tokens`).
//! - [`account`]: a signed-in user's own profile (`client.my_account()`, `client.verifications()`),
//!   with the user's access token ([`Client::with_bearer_token`]) and, for sensitive calls, a
//!   verification record ([`verification`], [`Client::with_verification`]).
//! - [`management`]: administer the tenant machine to machine (`client.users()`,
//!   `client.roles()`, ...), with client credentials ([`Logto::builder`]), paging
//!   (`send_page()`, `stream()`) and retries ([`RetryPolicy`]).
//!
//! # Logto's concepts
//!
//! The types follow Logto's own vocabulary; its documentation explains the ideas behind them:
//! - the Management API and the machine-to-machine application that calls it:
//!   <https://docs.logto.io/integrate-logto/interact-with-management-api>;
//! - the Account API, its account center switches and verification records:
//!   <https://docs.logto.io/end-user-flows/account-settings/by-account-api>;
//! - a sign-in UI of your own, which drives the Experience API:
//!   <https://docs.logto.io/customization/bring-your-ui>;
//! - organizations, their roles and permissions (`OrganizationRole`, `OrganizationScope`):
//!   <https://docs.logto.io/authorization/organization-template/configure-organization-template>.
//!
//! Every generated type and field is documented from `spec/`, in this project's words; each
//! operation method shows a `no_run` example of its call.
//!
//! Every call returns [`Result`]`<`[`ApiResponse`]`<T>>`: the decoded body plus status and headers,
//! or one [`Error`] whose [`Error::Api`] case carries Logto's `{code, message, data}` body.
//!
//! In the body of a PATCH call, a field that may be left out or `null` is a [`Patch`]: leave it
//! [`Unchanged`](Patch::Unchanged), clear it with [`Null`](Patch::Null) or [`Set`](Patch::Set) it.
//! Everywhere else such a field is an `Option`, and `null` reads as `None`.

#![deny(missing_docs)]
// docs.rs builds with `--cfg docsrs` (see Cargo.toml): label feature-gated items.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Generated code names this crate `::logto_api`, inside it as much as downstream.
extern crate self as logto_api;

mod auth;
mod body;
mod client;
pub mod codes;
mod cookies;
mod error;
mod file;
mod paging;
mod patch;
mod response;
mod retry;
#[cfg(feature = "experience")]
mod signin;
mod timestamp;
#[cfg(feature = "account")]
pub mod verification;

#[doc(hidden)]
pub mod __private;

pub use auth::{AccessToken, BoxFuture, Secret, TokenProvider};
pub use body::{DEFAULT_MAX_RESPONSE_SIZE, MAX_JSON_DEPTH};
pub use bytes::Bytes;
pub use client::{Client, ClientBuilder, Logto};
#[cfg(feature = "account")]
pub use error::VerificationProblem;
pub use error::{ApiError, Error, LogtoError, Result, SignInProblem};
pub use file::FilePart;
pub use paging::{Page, DEFAULT_PAGE_SIZE};
pub use patch::Patch;
pub use response::ApiResponse;
pub use retry::RetryPolicy;
#[cfg(feature = "experience")]
pub use signin::{IdToken, IdTokenClaims, OidcApp, SignIn, UserTokens, MAX_REDIRECTS};
pub use timestamp::{Timestamp, TimestampRangeError};

/// Generates a typed client for an OpenAPI 3.0 document of your own, at build time; the
/// generated calls go through [`Client`]. See [`logto_api_macros::generate!`] for the arguments,
/// and the README's "Using the generator for your own API" for a complete crate. Depend on this
/// crate with `default-features = false` to compile none of Logto's own APIs.
pub use logto_api_macros::generate;

#[cfg(feature = "experience")]
/// Logto's Experience API (`/api/experience`): sign-in, registration and password reset flows.
/// The session lives in the `_interaction` cookie, which [`Client`] keeps between calls.
pub mod experience {
    logto_api_macros::generate!(
        spec = "spec/experience.json",
        inherent = true,
        examples = "logto_api::experience"
    );
}

#[cfg(feature = "account")]
/// Logto's Account API (`/api/my-account`, `/api/verifications`): a signed-in user's own
/// profile, identities, MFA factors and sessions.
pub mod account {
    logto_api_macros::generate!(
        spec = "spec/account.json",
        inherent = true,
        examples = "logto_api::account"
    );
}

#[cfg(feature = "management")]
/// Logto's Management API (`/api/...`): users, roles, organizations, applications, connectors
/// and every other tenant setting, for machine-to-machine clients (see [`Logto::builder`] for
/// client-credentials authentication).
pub mod management {
    logto_api_macros::generate!(
        spec = "spec/management.json",
        inherent = true,
        examples = "logto_api::management"
    );
}
