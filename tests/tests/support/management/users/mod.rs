//! Management API cases for the tags Users, User assets, Verification codes, One-time tokens,
//! Subject tokens, Account center, Custom profile fields, Secrets, Audit logs and Dashboard
//! (66 operations). Split by subject:
//! - `accounts.rs`: the user record itself (create, read, update, password, suspension);
//! - `links.rs`: roles, social and SSO identities, organizations and grants;
//! - `access.rs`: MFA factors, personal access tokens and sessions;
//! - `tenant.rs`: audit logs, dashboard, verification codes, user assets, subject tokens, account
//!   center and one-time tokens;
//! - `fields.rs`: custom profile fields and secrets.
//!
//! Every id, name and value here is made up; only the shapes follow the recorded traffic.

mod access;
mod accounts;
mod fields;
mod links;
mod tenant;

use super::super::Case;
pub(super) use crate::support::values::{object, strings};
use serde_json::{json, Value};

pub(super) use super::case;

/// The user most cases are about (in answers; requests use `HOSTILE` as the path id).
pub(super) const USER_ID: &str = "u5er1d0000001";
/// An application id, as it appears in grants, sessions and logs.
pub(super) const APP_ID: &str = "app1d0000000000000001";

pub fn cases() -> Vec<Case> {
    let mut all = accounts::cases();
    all.extend(links::cases());
    all.extend(tenant::cases());
    all.extend(fields::cases());
    all
}

/// `base` with the keys of `extra` added or replaced (both JSON objects).
pub(super) fn with(mut base: Value, extra: Value) -> Value {
    let (Value::Object(target), Value::Object(more)) = (&mut base, extra) else {
        panic!("`with` merges two JSON objects");
    };
    target.extend(more);
    base
}

/// A complete user: every nullable field filled, a social identity, custom data and a profile
/// with an address.
pub(super) fn user() -> Value {
    json!({
        "id": USER_ID,
        "username": "marie_sklodowska",
        "primaryEmail": "marie@lab.example.org",
        "primaryPhone": "15550100123",
        "name": "Marie Sklodowska",
        "avatar": "https://cdn.example.org/avatars/marie.png",
        "customData": {
            "department": "physics",
            "badges": ["nobel", "radium"],
            "quota": { "max": 3 }
        },
        "identities": {
            "github": {
                "userId": "gh-481516",
                "details": { "name": "msklodowska", "email": "m@gh.example" }
            }
        },
        "lastSignInAt": 1795000456789_u64,
        "createdAt": 1794000000000_u64,
        "updatedAt": 1795000456790_u64,
        "profile": {
            "givenName": "Marie",
            "familyName": "Sklodowska",
            "nickname": "mania",
            "locale": "pl-PL",
            "birthdate": "1867-11-07",
            "address": { "locality": "Warsaw", "country": "PL", "postalCode": "00-001" }
        },
        "applicationId": APP_ID,
        "cimdClientId": null,
        "isSuspended": false,
        "hasPassword": true
    })
}

/// A user created with a username only: every nullable field is null.
pub(super) fn bare_user() -> Value {
    json!({
        "id": "u5er1d0000002",
        "username": "pierre",
        "primaryEmail": null,
        "primaryPhone": null,
        "name": null,
        "avatar": null,
        "customData": {},
        "identities": {},
        "lastSignInAt": null,
        "createdAt": 1794000000100_u64,
        "updatedAt": 1794000000100_u64,
        "profile": {},
        "applicationId": null,
        "cimdClientId": null,
        "isSuspended": false,
        "hasPassword": false
    })
}

/// An enterprise SSO identity record (as in `ssoIdentities` and `sso-identities/{id}`).
pub(super) fn sso_identity() -> Value {
    json!({
        "tenantId": "default",
        "id": "ss0identity000000001",
        "userId": USER_ID,
        "issuer": "https://idp.lab.example.org/oidc",
        "identityId": "idp-subject-7731",
        "detail": { "email": "marie@lab.example.org", "name": "Marie Sklodowska" },
        "createdAt": 1795000400000_u64,
        "updatedAt": 1795000400000_u64,
        "ssoConnectorId": "ss0c0nn000001"
    })
}
