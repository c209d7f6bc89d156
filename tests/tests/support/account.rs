//! The 38 Account API operations (`spec/account.json`): `client.my_account()` and
//! `client.verifications()`. Profile and identity calls are here, MFA, sessions and
//! `/api/verifications/*` in `account_mfa.rs`. Each body and answer has the shape of the recorded
//! exchange noted as file#index, but every value in it is invented for these tests. Sensitive
//! calls carry the verification id, as they did on the wire.

use super::experience::{PASSWORD, SVG};
pub(super) use super::values::object;
use super::{Auth, Case, Doc, ExpectedRequest as Req, Part, Reply, HOSTILE};
use logto_api::account::types as t;
use logto_api::FilePart;
use logto_api::Patch;
use serde_json::{json, Value};

pub(super) fn case(op: &'static str, call: super::Invoke, request: Req, reply: Reply) -> Case {
    Case::new(Doc::Account, op, call, request, reply)
}

/// A sensitive call: bearer token plus `logto-verification-id`.
pub(super) fn sensitive(op: &'static str, call: super::Invoke, request: Req, reply: Reply) -> Case {
    case(op, call, request, reply).auth(Auth::BearerAndVerification)
}

/// A profile with a social identity and custom data, shaped like account-profile.json#53 (values
/// invented).
pub(super) fn profile() -> Value {
    json!({
        "id": "qe62t5togfpp",
        "username": "lena_park",
        "primaryEmail": "lena.park@example.org",
        "primaryPhone": null,
        "name": "Lena Park",
        "avatar": "https://avatars.example.org/u/lena.png",
        "customData": { "theme": "dark", "onboarded": true },
        "identities": { "github": { "userId": "58213907", "details": { "name": "lpark-dev" } } },
        "lastSignInAt": 1746540561624_u64,
        "createdAt": 1746537403162_u64,
        "updatedAt": 1746540562768_u64,
        "profile": {
            "familyName": "Park",
            "givenName": "Lena",
            "nickname": "lenny",
            "website": "https://lena.example.org",
            "locale": "en-US"
        },
        "applicationId": "2c2hh4xz8p8ftcasvmzxe",
        "cimdClientId": null,
        "isSuspended": false,
        "hasPassword": true,
        "hasSecurityVerificationMethod": true
    })
}

pub(super) const NEW_RECORD: &str = "ks7d7fqhm385sgtinlkpj";
pub fn cases() -> Vec<Case> {
    let mut cases = profile_cases();
    cases.extend(identity_cases());
    cases.extend(super::account_mfa::cases());
    cases
}

/// Profile, password and settings.
fn profile_cases() -> Vec<Case> {
    vec![
        case(
            "GetProfile",
            invoke!(|c| c.my_account().get_profile()),
            Req::new("GET", "/api/my-account"),
            Reply::Json(200, profile()),
        ),
        // account-profile.json#74: `avatar: null` clears the avatar (a present null).
        case(
            "UpdateProfile",
            invoke!(|c| {
                let body = t::UpdateProfileBody {
                    name: Patch::Set("Lena Park".into()),
                    avatar: Patch::Null,
                    custom_data: Some(object(json!({ "theme": "dark", "onboarded": true }))),
                    ..Default::default()
                };
                c.my_account().update_profile(body)
            }),
            Req::new("PATCH", "/api/my-account").json(json!({
                "name": "Lena Park",
                "avatar": null,
                "customData": { "theme": "dark", "onboarded": true }
            })),
            Reply::Json(200, profile()),
        ),
        // account-profile.json#28: changing the username needs a verification record.
        sensitive(
            "UpdateProfile",
            invoke!(|c| {
                let body = t::UpdateProfileBody {
                    username: Patch::Set("lena_park_2".into()),
                    ..Default::default()
                };
                c.my_account().update_profile(body)
            }),
            Req::new("PATCH", "/api/my-account").json(json!({ "username": "lena_park_2" })),
            Reply::Json(200, profile()),
        )
        .variant("username, verified"),
        // account-profile.json#14 and #15, plus an address to cover the nested object.
        case(
            "UpdateOtherProfile",
            invoke!(|c| {
                let body = t::UserProfile {
                    family_name: Some("Park".into()),
                    given_name: Some("Lena".into()),
                    nickname: Some("lenny".into()),
                    website: Some("https://lena.example.org".into()),
                    locale: Some("en-US".into()),
                    address: Some(t::UserProfileAddress {
                        street_address: Some("12 Harbour Lane".into()),
                        locality: Some("Springfield".into()),
                        country: Some("US".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                c.my_account().update_other_profile(body)
            }),
            Req::new("PATCH", "/api/my-account/profile").json(json!({
                "familyName": "Park",
                "givenName": "Lena",
                "nickname": "lenny",
                "website": "https://lena.example.org",
                "locale": "en-US",
                "address": { "streetAddress": "12 Harbour Lane", "locality": "Springfield", "country": "US" }
            })),
            Reply::Json(
                200,
                json!({
                    "familyName": "Park",
                    "givenName": "Lena",
                    "nickname": "lenny",
                    "website": "https://lena.example.org",
                    "locale": "en-US",
                    "address": { "streetAddress": "12 Harbour Lane", "locality": "Springfield", "country": "US" }
                }),
            ),
        ),
        // account-profile.json#34
        sensitive(
            "UpdatePassword",
            invoke!(|c| {
                let body = t::PasswordBody { password: PASSWORD.into() };
                c.my_account().update_password(body)
            }),
            Req::new("POST", "/api/my-account/password").json(json!({ "password": PASSWORD })),
            Reply::Empty(204),
        ),
        // account-mfa.json#10
        case(
            "GetMfaSettings",
            invoke!(|c| c.my_account().get_mfa_settings()),
            Req::new("GET", "/api/my-account/mfa-settings"),
            Reply::Json(200, json!({ "skipMfaOnSignIn": false })),
        ),
        // account-profile.json#24
        sensitive(
            "UpdateMfaSettings",
            invoke!(|c| {
                let body = t::MfaSettings { skip_mfa_on_sign_in: true };
                c.my_account().update_mfa_settings(body)
            }),
            Req::new("PATCH", "/api/my-account/mfa-settings").json(json!({ "skipMfaOnSignIn": true })),
            Reply::Json(200, json!({ "skipMfaOnSignIn": true })),
        ),
        // account-mfa.json#45
        case(
            "GetLogtoConfig",
            invoke!(|c| c.my_account().get_logto_config()),
            Req::new("GET", "/api/my-account/logto-configs"),
            Reply::Json(
                200,
                json!({ "mfa": { "enabled": true, "skipped": true, "skipMfaOnSignIn": false }, "passkeySignIn": { "skipped": true } }),
            ),
        ),
        // account-profile.json#26
        sensitive(
            "UpdateLogtoConfig",
            invoke!(|c| {
                let body = t::UpdateLogtoConfigBody {
                    mfa: Some(t::UpdateLogtoConfigBodyMfa {
                        skipped: Some(true),
                        additional_binding_suggestion_skipped: Some(true),
                        ..Default::default()
                    }),
                    passkey_sign_in: Some(t::UpdateLogtoConfigBodyPasskeySignIn {
                        skipped: Some(true),
                    }),
                };
                c.my_account().update_logto_config(body)
            }),
            Req::new("PATCH", "/api/my-account/logto-configs").json(json!({
                "mfa": { "skipped": true, "additionalBindingSuggestionSkipped": true },
                "passkeySignIn": { "skipped": true }
            })),
            Reply::Json(
                200,
                json!({ "mfa": { "skipped": true, "skipMfaOnSignIn": false }, "passkeySignIn": { "skipped": true } }),
            ),
        ),
        // account-profile.json#62 (400 there: no storage provider).
        case(
            "UploadAccountAvatar",
            invoke!(|c| {
                let body = t::UploadAccountAvatarBody {
                    file: Some(FilePart::new(SVG, "avatar.svg", "image/svg+xml")),
                };
                c.my_account().upload_account_avatar().body(body)
            }),
            Req::new("POST", "/api/my-account/user-assets/avatar").multipart(vec![Part {
                name: "file",
                file_name: Some("avatar.svg"),
                content_type: Some("image/svg+xml"),
                data: SVG,
            }]),
            Reply::Json(200, json!({ "url": "https://assets.example.com/avatars/lena.svg" })),
        ),
    ]
}

/// Primary e-mail and phone, social and enterprise identities.
fn identity_cases() -> Vec<Case> {
    vec![
        // account-profile.json#54 (404 there: no token vault).
        case(
            "GetSocialIdentityAccessToken",
            invoke!(|c| c.my_account().get_social_identity_access_token(HOSTILE)),
            Req::new(
                "GET",
                "/api/my-account/identities/a%2Fb%3Fc%23d%20e%2F%C3%BC/access-token",
            ),
            Reply::Json(
                200,
                json!({ "access_token": "gho_k3Jq8vT2mX9pL4wR", "scope": "read:user", "token_type": "bearer", "expires_in": 28800 }),
            ),
        ),
        // account-profile.json#55; `expires_in` as a string covers the other oneOf branch.
        case(
            "UpdateSocialIdentityAccessTokenByVerificationId",
            invoke!(|c| {
                let body = t::UpdateSocialIdentityAccessTokenByVerificationIdBody {
                    verification_record_id: "tzirokkzpav7nb6ig7ij4".into(),
                };
                let call = c
                    .my_account()
                    .update_social_identity_access_token_by_verification_id(HOSTILE, body);
                call
            }),
            Req::new(
                "PUT",
                "/api/my-account/identities/a%2Fb%3Fc%23d%20e%2F%C3%BC/access-token",
            )
            .json(json!({ "verificationRecordId": "tzirokkzpav7nb6ig7ij4" })),
            Reply::Json(
                200,
                json!({ "access_token": "gho_Z7nB5cY1sD6fH0gE", "token_type": "bearer", "expires_in": "28800" }),
            ),
        ),
        // account-profile.json#56
        case(
            "GetEnterpriseSsoIdentityAccessToken",
            invoke!(|c| c
                .my_account()
                .get_enterprise_sso_identity_access_token(HOSTILE)),
            Req::new(
                "GET",
                "/api/my-account/sso-identities/a%2Fb%3Fc%23d%20e%2F%C3%BC/access-token",
            ),
            Reply::Json(
                200,
                json!({ "access_token": "sso-at-4f7a2c", "scope": "openid profile email" }),
            ),
        ),
        // account-profile.json#41
        sensitive(
            "UpdatePrimaryEmail",
            invoke!(|c| {
                let body = t::UpdatePrimaryEmailBody {
                    email: "lena.park.new@example.com".into(),
                    new_identifier_verification_record_id: NEW_RECORD.into(),
                };
                c.my_account().update_primary_email(body)
            }),
            Req::new("POST", "/api/my-account/primary-email").json(json!({
                "email": "lena.park.new@example.com",
                "newIdentifierVerificationRecordId": NEW_RECORD
            })),
            Reply::Empty(204),
        ),
        // account-profile.json#45
        sensitive(
            "DeletePrimaryEmail",
            invoke!(|c| c.my_account().delete_primary_email()),
            Req::new("DELETE", "/api/my-account/primary-email"),
            Reply::Empty(204),
        ),
        // account-profile.json#43
        sensitive(
            "UpdatePrimaryPhone",
            invoke!(|c| {
                let body = t::UpdatePrimaryPhoneBody {
                    phone: "15550198347".into(),
                    new_identifier_verification_record_id: NEW_RECORD.into(),
                };
                c.my_account().update_primary_phone(body)
            }),
            Req::new("POST", "/api/my-account/primary-phone").json(
                json!({ "phone": "15550198347", "newIdentifierVerificationRecordId": NEW_RECORD }),
            ),
            Reply::Empty(204),
        ),
        // account-profile.json#46
        sensitive(
            "DeletePrimaryPhone",
            invoke!(|c| c.my_account().delete_primary_phone()),
            Req::new("DELETE", "/api/my-account/primary-phone"),
            Reply::Empty(204),
        ),
        // account-profile.json#50
        sensitive(
            "AddUserIdentities",
            invoke!(|c| {
                let body = t::IdentityBody {
                    new_identifier_verification_record_id: NEW_RECORD.into(),
                };
                c.my_account().add_user_identities(body)
            }),
            Req::new("POST", "/api/my-account/identities")
                .json(json!({ "newIdentifierVerificationRecordId": NEW_RECORD })),
            Reply::Empty(204),
        ),
        // account-profile.json#51
        sensitive(
            "ReplaceMyAccountIdentity",
            invoke!(|c| {
                let body = t::IdentityBody {
                    new_identifier_verification_record_id: NEW_RECORD.into(),
                };
                c.my_account().replace_my_account_identity(body)
            }),
            Req::new("PUT", "/api/my-account/identities")
                .json(json!({ "newIdentifierVerificationRecordId": NEW_RECORD })),
            Reply::Empty(204),
        ),
        // account-profile.json#58
        sensitive(
            "DeleteIdentity",
            invoke!(|c| c.my_account().delete_identity(HOSTILE)),
            Req::new(
                "DELETE",
                "/api/my-account/identities/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
    ]
}
