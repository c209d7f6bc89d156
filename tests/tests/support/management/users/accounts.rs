//! The user record: create, list, read, update (whole, custom data, profile, Logto configs),
//! password, suspension and deletion.

use super::{bare_user, case, object, sso_identity, strings, user, with};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::json;

pub(super) fn cases() -> Vec<Case> {
    let mut all = read_cases();
    all.extend(write_cases());
    all.extend(settings_cases());
    all
}

const USER_PATH: &str = "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC";

/// Listing and reading users.
fn read_cases() -> Vec<Case> {
    vec![
        case(
            "ListUsers",
            invoke!(|c| c.users().list_users().page(2).page_size(20)),
            Req::new("GET", "/api/users").query(&[("page", "2"), ("page_size", "20")]),
            Reply::Json(200, json!([user(), bare_user()])),
        ),
        // Search filters go out as their own keys (`search.<field>`, `mode.<field>`, `joint`),
        // one pair per map entry, in key order.
        case(
            "ListUsers",
            invoke!(|c| {
                let search = strings(&[
                    ("search.primaryEmail", "%@lab.example.org"),
                    ("mode.primaryEmail", "like"),
                    ("search.name", "Marie"),
                    ("joint", "or"),
                ]);
                c.users().list_users().page_size(5).search_params(search)
            }),
            Req::new("GET", "/api/users").query(&[
                ("page_size", "5"),
                ("joint", "or"),
                ("mode.primaryEmail", "like"),
                ("search.name", "Marie"),
                ("search.primaryEmail", "%@lab.example.org"),
            ]),
            Reply::Json(200, json!([user()])),
        )
        .variant("search"),
        case(
            "GetUser",
            invoke!(|c| c.users().get_user(HOSTILE).include_sso_identities("true")),
            Req::new("GET", USER_PATH).query(&[("includeSsoIdentities", "true")]),
            Reply::Json(
                200,
                with(user(), json!({ "ssoIdentities": [sso_identity()] })),
            ),
        ),
        case(
            "GetUser",
            invoke!(|c| c.users().get_user(HOSTILE).include_password_hash("1")),
            Req::new("GET", USER_PATH).query(&[("includePasswordHash", "1")]),
            Reply::Json(
                200,
                with(
                    user(),
                    json!({
                        "hasSecurityVerificationMethod": true,
                        "passwordDigest": "$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
                        "passwordAlgorithm": "Argon2i"
                    }),
                ),
            ),
        )
        .variant("password hash"),
        // A user without a password: the hash fields are present but null.
        case(
            "GetUser",
            invoke!(|c| {
                c.users()
                    .get_user(HOSTILE)
                    .include_sso_identities("yes")
                    .include_password_hash("yes")
            }),
            Req::new("GET", USER_PATH).query(&[
                ("includeSsoIdentities", "yes"),
                ("includePasswordHash", "yes"),
            ]),
            Reply::Json(
                200,
                with(
                    bare_user(),
                    json!({
                        "ssoIdentities": [],
                        "passwordDigest": null,
                        "passwordAlgorithm": null
                    }),
                ),
            ),
        )
        .variant("no password"),
        case(
            "GetUserHasPassword",
            invoke!(|c| c.users().get_user_has_password(HOSTILE)),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/has-password"),
            Reply::Json(200, json!({ "hasPassword": false })),
        ),
        case(
            "ListUserCustomData",
            invoke!(|c| c.users().list_user_custom_data(HOSTILE)),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/custom-data"),
            Reply::Json(
                200,
                json!({ "department": "physics", "quota": { "max": 3 }, "beta": true }),
            ),
        ),
    ]
}

/// Creating, updating, suspending and deleting users.
fn write_cases() -> Vec<Case> {
    vec![
        case(
            "CreateUser",
            invoke!(|c| {
                let body = t::CreateUserBody {
                    username: Some("marie_sklodowska".into()),
                    password: Some("Polonium-84-Radium-88".into()),
                    primary_email: Some("marie@lab.example.org".into()),
                    primary_phone: Some("15550100123".into()),
                    name: Some("Marie Sklodowska".into()),
                    avatar: Some("https://cdn.example.org/avatars/marie.png".into()),
                    custom_data: Some(object(json!({ "department": "physics" }))),
                    profile: Some(t::UserProfile {
                        given_name: Some("Marie".into()),
                        locale: Some("pl-PL".into()),
                        address: Some(t::UserProfileAddress {
                            locality: Some("Warsaw".into()),
                            country: Some("PL".into()),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                c.users().create_user(body)
            }),
            Req::new("POST", "/api/users").json(json!({
                "username": "marie_sklodowska",
                "password": "Polonium-84-Radium-88",
                "primaryEmail": "marie@lab.example.org",
                "primaryPhone": "15550100123",
                "name": "Marie Sklodowska",
                "avatar": "https://cdn.example.org/avatars/marie.png",
                "customData": { "department": "physics" },
                "profile": {
                    "givenName": "Marie",
                    "locale": "pl-PL",
                    "address": { "locality": "Warsaw", "country": "PL" }
                }
            })),
            Reply::Json(200, user()),
        ),
        // Importing a user with an existing hash instead of a password.
        case(
            "CreateUser",
            invoke!(|c| {
                let body = t::CreateUserBody {
                    username: Some("pierre".into()),
                    password_digest: Some(
                        "$2b$10$abcdefghijklmnopqrstuu9lXkR3bYp0aC4vXw1c2d3e4f5g6h7i".into(),
                    ),
                    password_algorithm: Some(t::CreateUserBodyPasswordAlgorithm::Bcrypt),
                    ..Default::default()
                };
                c.users().create_user(body)
            }),
            Req::new("POST", "/api/users").json(json!({
                "username": "pierre",
                "passwordDigest": "$2b$10$abcdefghijklmnopqrstuu9lXkR3bYp0aC4vXw1c2d3e4f5g6h7i",
                "passwordAlgorithm": "Bcrypt"
            })),
            Reply::Json(200, with(bare_user(), json!({ "hasPassword": true }))),
        )
        .variant("password digest"),
        // `avatar: null` clears the avatar (a present null, not an absent field).
        case(
            "UpdateUser",
            invoke!(|c| {
                let body = t::UpdateUserBody {
                    name: Patch::Set("Marie S. Curie".into()),
                    avatar: Patch::Null,
                    custom_data: Some(object(json!({ "department": "chemistry" }))),
                    profile: Some(t::UserProfile {
                        nickname: Some("mania".into()),
                        website: Some("https://lab.example.org/~marie".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                c.users().update_user(HOSTILE, body)
            }),
            Req::new("PATCH", USER_PATH).json(json!({
                "name": "Marie S. Curie",
                "avatar": null,
                "customData": { "department": "chemistry" },
                "profile": { "nickname": "mania", "website": "https://lab.example.org/~marie" }
            })),
            Reply::Json(
                200,
                with(user(), json!({ "name": "Marie S. Curie", "avatar": null })),
            ),
        ),
        case(
            "UpdateUser",
            invoke!(|c| {
                let body = t::UpdateUserBody {
                    username: Patch::Set("pierre_c".into()),
                    primary_email: Patch::Set("pierre@lab.example.org".into()),
                    primary_phone: Patch::Null,
                    ..Default::default()
                };
                c.users().update_user(HOSTILE, body)
            }),
            Req::new("PATCH", USER_PATH).json(json!({
                "username": "pierre_c",
                "primaryEmail": "pierre@lab.example.org",
                "primaryPhone": null
            })),
            Reply::Json(
                200,
                with(
                    bare_user(),
                    json!({ "username": "pierre_c", "primaryEmail": "pierre@lab.example.org" }),
                ),
            ),
        )
        .variant("identifiers"),
        case(
            "UpdateUserPassword",
            invoke!(|c| {
                let body = t::PasswordBody {
                    password: "Curie-Nobel-1903-1911".into(),
                };
                c.users().update_user_password(HOSTILE, body)
            }),
            Req::new("PATCH", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/password")
                .json(json!({ "password": "Curie-Nobel-1903-1911" })),
            Reply::Json(200, user()),
        ),
        case(
            "UpdateUserPasswordExpiration",
            invoke!(|c| {
                let body = t::UpdateUserPasswordExpirationBody { is_expired: true };
                c.users().update_user_password_expiration(HOSTILE, body)
            }),
            Req::new(
                "PATCH",
                "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/password/expiration",
            )
            .json(json!({ "isExpired": true })),
            Reply::Json(200, user()),
        ),
        case(
            "VerifyUserPassword",
            invoke!(|c| {
                let body = t::PasswordBody {
                    password: "Curie-Nobel-1903-1911".into(),
                };
                c.users().verify_user_password(HOSTILE, body)
            }),
            Req::new(
                "POST",
                "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/password/verify",
            )
            .json(json!({ "password": "Curie-Nobel-1903-1911" })),
            Reply::Empty(204),
        ),
        case(
            "UpdateUserIsSuspended",
            invoke!(|c| {
                let body = t::UpdateUserIsSuspendedBody { is_suspended: true };
                c.users().update_user_is_suspended(HOSTILE, body)
            }),
            Req::new(
                "PATCH",
                "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/is-suspended",
            )
            .json(json!({ "isSuspended": true })),
            Reply::Json(200, with(user(), json!({ "isSuspended": true }))),
        ),
        case(
            "DeleteUser",
            invoke!(|c| c.users().delete_user(HOSTILE)),
            Req::new("DELETE", USER_PATH),
            Reply::Empty(204),
        ),
    ]
}

/// Custom data, profile and per-user Logto settings.
fn settings_cases() -> Vec<Case> {
    vec![
        case(
            "UpdateUserCustomData",
            invoke!(|c| {
                let body = t::UpdateUserCustomDataBody {
                    custom_data: object(json!({ "beta": true, "quota": { "max": 5 }, "tags": [] })),
                };
                c.users().update_user_custom_data(HOSTILE, body)
            }),
            Req::new("PATCH", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/custom-data")
                .json(json!({ "customData": { "beta": true, "quota": { "max": 5 }, "tags": [] } })),
            Reply::Json(
                200,
                json!({ "department": "physics", "beta": true, "quota": { "max": 5 }, "tags": [] }),
            ),
        ),
        // The answer is the whole merged profile, not only the fields sent.
        case(
            "UpdateUserProfile",
            invoke!(|c| {
                let body = t::UpdateUserProfileBody {
                    profile: t::UserProfile {
                        middle_name: Some("Salomea".into()),
                        gender: Some("female".into()),
                        zoneinfo: Some("Europe/Warsaw".into()),
                        address: Some(t::UserProfileAddress {
                            formatted: Some("ul. Freta 16, Warsaw".into()),
                            street_address: Some("ul. Freta 16".into()),
                            region: Some("Mazovia".into()),
                            ..Default::default()
                        }),
                        ..Default::default()
                    },
                };
                c.users().update_user_profile(HOSTILE, body)
            }),
            Req::new("PATCH", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/profile").json(json!({
                "profile": {
                    "middleName": "Salomea",
                    "gender": "female",
                    "zoneinfo": "Europe/Warsaw",
                    "address": {
                        "formatted": "ul. Freta 16, Warsaw",
                        "streetAddress": "ul. Freta 16",
                        "region": "Mazovia"
                    }
                }
            })),
            Reply::Json(
                200,
                json!({
                    "givenName": "Marie",
                    "middleName": "Salomea",
                    "familyName": "Sklodowska",
                    "preferredUsername": "mania",
                    "profile": "https://lab.example.org/people/marie",
                    "gender": "female",
                    "zoneinfo": "Europe/Warsaw",
                    "address": {
                        "formatted": "ul. Freta 16, Warsaw",
                        "streetAddress": "ul. Freta 16",
                        "region": "Mazovia"
                    }
                }),
            ),
        ),
        case(
            "ListUserLogtoConfigs",
            invoke!(|c| c.users().list_user_logto_configs(HOSTILE)),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/logto-configs"),
            Reply::Json(
                200,
                json!({
                    "mfa": { "enabled": true, "skipped": false, "skipMfaOnSignIn": true },
                    "passkeySignIn": { "skipped": false }
                }),
            ),
        ),
        case(
            "UpdateUserLogtoConfigs",
            invoke!(|c| {
                let body = t::UpdateUserLogtoConfigsBody {
                    mfa: Some(t::UpdateUserLogtoConfigsBodyMfa {
                        enabled: Some(false),
                        skipped: Some(true),
                        additional_binding_suggestion_skipped: Some(true),
                        skip_mfa_on_sign_in: Some(false),
                    }),
                    passkey_sign_in: Some(t::UpdateUserLogtoConfigsBodyPasskeySignIn {
                        skipped: Some(true),
                    }),
                };
                c.users().update_user_logto_configs(HOSTILE, body)
            }),
            Req::new(
                "PATCH",
                "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/logto-configs",
            )
            .json(json!({
                "mfa": {
                    "enabled": false,
                    "skipped": true,
                    "additionalBindingSuggestionSkipped": true,
                    "skipMfaOnSignIn": false
                },
                "passkeySignIn": { "skipped": true }
            })),
            Reply::Json(
                200,
                json!({
                    "mfa": { "enabled": false, "skipped": true, "skipMfaOnSignIn": false },
                    "passkeySignIn": { "skipped": true }
                }),
            ),
        ),
    ]
}
