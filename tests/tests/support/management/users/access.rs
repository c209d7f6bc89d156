//! A user's MFA factors, personal access tokens and sessions.

use super::{case, APP_ID, USER_ID};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Timestamp;
use serde_json::{json, Value};

pub(super) fn cases() -> Vec<Case> {
    let mut all = mfa_cases();
    all.extend(token_cases());
    all.extend(session_cases());
    all
}

const MFA_PATH: &str = "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/mfa-verifications";
const MFA_ID_PATH: &str =
    "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/mfa-verifications/a%2Fb%3Fc%23d%20e%2F%C3%BC";
const PAT_PATH: &str = "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/personal-access-tokens";
const PAT_NAME_PATH: &str =
    "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/personal-access-tokens/a%2Fb%3Fc%23d%20e%2F%C3%BC";
const SESSION_PATH: &str =
    "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/sessions/a%2Fb%3Fc%23d%20e%2F%C3%BC";

/// A data URL standing in for the QR code image of the TOTP secret.
const QR_CODE: &str =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg";

/// Ten made-up backup codes.
const CODES: [&str; 10] = [
    "a1b2c3d4e5",
    "f6a7b8c9d0",
    "1a2b3c4d5e",
    "6f7a8b9c0d",
    "0a9b8c7d6e",
    "5f4a3b2c1d",
    "e1d2c3b4a5",
    "d6c7b8a9f0",
    "c1b2a3f4e5",
    "b6a7f8e9d0",
];

fn mfa_cases() -> Vec<Case> {
    vec![
        case(
            "ListUserMfaVerifications",
            invoke!(|c| c.users().list_user_mfa_verifications(HOSTILE)),
            Req::new("GET", MFA_PATH),
            Reply::Json(
                200,
                json!([
                    {
                        "id": "mfa0000000000000000a1",
                        "createdAt": "2026-10-01T08:00:00.000Z",
                        "type": "Totp"
                    },
                    {
                        "id": "mfa0000000000000000a2",
                        "createdAt": "2026-10-01T08:01:00.000Z",
                        "type": "BackupCode",
                        "remainCodes": 7
                    },
                    {
                        "id": "mfa0000000000000000a3",
                        "createdAt": "2026-10-02T09:30:00.000Z",
                        "lastUsedAt": "2026-11-20T17:45:12.345Z",
                        "type": "WebAuthn",
                        "agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                        "name": "Lab security key"
                    }
                ]),
            ),
        ),
        // A TOTP factor with a secret chosen by the caller; the answer adds a QR code.
        case(
            "CreateUserMfaVerification",
            invoke!(|c| {
                let body =
                    t::CreateUserMfaVerificationBody::Totp(t::CreateUserMfaVerificationBodyTotp {
                        r#type: t::CreateUserMfaVerificationBodyTotpType::Totp,
                        secret: Some("JBSWY3DPEHPK3PXPJBSWY3DP".into()),
                    });
                c.users().create_user_mfa_verification(HOSTILE, body)
            }),
            Req::new("POST", MFA_PATH)
                .json(json!({ "type": "Totp", "secret": "JBSWY3DPEHPK3PXPJBSWY3DP" })),
            Reply::Json(
                200,
                json!({
                    "type": "Totp",
                    "secret": "JBSWY3DPEHPK3PXPJBSWY3DP",
                    "secretQrCode": QR_CODE
                }),
            ),
        ),
        case(
            "CreateUserMfaVerification",
            invoke!(|c| {
                let body = t::CreateUserMfaVerificationBody::BackupCode(
                    t::CreateUserMfaVerificationBodyBackupCode {
                        r#type: t::CreateUserMfaVerificationBodyBackupCodeType::BackupCode,
                        codes: Some(CODES.iter().map(|c| (*c).to_owned()).collect()),
                    },
                );
                c.users().create_user_mfa_verification(HOSTILE, body)
            }),
            Req::new("POST", MFA_PATH).json(json!({ "type": "BackupCode", "codes": CODES })),
            Reply::Json(200, json!({ "type": "BackupCode", "codes": CODES })),
        )
        .variant("backup codes"),
        case(
            "DeleteUserMfaVerification",
            invoke!(|c| c.users().delete_user_mfa_verification(HOSTILE, HOSTILE)),
            Req::new("DELETE", MFA_ID_PATH),
            Reply::Empty(204),
        ),
    ]
}

fn token(name: &str, expires_at: Option<u64>) -> Value {
    json!({
        "tenantId": "default",
        "userId": USER_ID,
        "name": name,
        "value": "pat_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "createdAt": 1795000500000_u64,
        "expiresAt": expires_at
    })
}

fn token_cases() -> Vec<Case> {
    vec![
        case(
            "ListUserPersonalAccessTokens",
            invoke!(|c| c.users().list_user_personal_access_tokens(HOSTILE)),
            Req::new("GET", PAT_PATH),
            Reply::Json(
                200,
                json!([
                    token("ci-deploy", None),
                    token("nightly-export", Some(4102444800000))
                ]),
            ),
        ),
        case(
            "CreateUserPersonalAccessToken",
            invoke!(|c| {
                let body = t::SecretBody {
                    name: "nightly-export".into(),
                    expires_at: Some(Timestamp::from_millis(4102444800000)),
                };
                c.users().create_user_personal_access_token(HOSTILE, body)
            }),
            Req::new("POST", PAT_PATH)
                .json(json!({ "name": "nightly-export", "expiresAt": 4102444800000_u64 })),
            Reply::Json(201, token("nightly-export", Some(4102444800000))),
        ),
        // Without `expiresAt` (absent and `null` alike) the token never expires.
        case(
            "CreateUserPersonalAccessToken",
            invoke!(|c| {
                let body = t::SecretBody {
                    name: "ci-deploy".into(),
                    expires_at: None,
                };
                c.users().create_user_personal_access_token(HOSTILE, body)
            }),
            Req::new("POST", PAT_PATH).json(json!({ "name": "ci-deploy" })),
            Reply::Json(201, token("ci-deploy", None)),
        )
        .variant("never expires"),
        case(
            "UpdatePersonalAccessTokenName",
            invoke!(|c| {
                let body = t::UpdatePersonalAccessTokenNameBody {
                    name: "ci-deploy-prod".into(),
                    current_name: Some("ci-deploy".into()),
                };
                c.users().update_personal_access_token_name(HOSTILE, body)
            }),
            Req::new("PATCH", PAT_PATH)
                .json(json!({ "name": "ci-deploy-prod", "currentName": "ci-deploy" })),
            Reply::Json(200, token("ci-deploy-prod", None)),
        ),
        case(
            "UpdateUserPersonalAccessToken",
            invoke!(|c| {
                let body = t::SecretNameBody {
                    name: "nightly-export-v2".into(),
                };
                c.users()
                    .update_user_personal_access_token(HOSTILE, HOSTILE, body)
            }),
            Req::new("PATCH", PAT_NAME_PATH).json(json!({ "name": "nightly-export-v2" })),
            Reply::Json(200, token("nightly-export-v2", Some(4102444800000))),
        ),
        case(
            "DeleteUserPersonalAccessToken",
            invoke!(|c| c
                .users()
                .delete_user_personal_access_token(HOSTILE, HOSTILE)),
            Req::new("DELETE", PAT_NAME_PATH),
            Reply::Empty(204),
        ),
        // The POST form takes the name in the body, for names that do not fit in a path.
        case(
            "DeletePersonalAccessTokenPost",
            invoke!(|c| {
                let body = t::SignUpProfileField {
                    name: "nightly/export #2".into(),
                };
                c.users().delete_personal_access_token_post(HOSTILE, body)
            }),
            Req::new(
                "POST",
                "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/personal-access-tokens/delete",
            )
            .json(json!({ "name": "nightly/export #2" })),
            Reply::Empty(204),
        ),
    ]
}

/// A session of the user signed in with a password, with one authorized app.
fn session() -> Value {
    json!({
        "payload": {
            "exp": 1796200000_u64,
            "iat": 1795000000_u64,
            "jti": "Se55ionJti00000000000000000000000000000001",
            "uid": "Se55ionUid00000000000000000000000000000001",
            "kind": "Session",
            "loginTs": 1795000000_u64,
            "accountId": USER_ID,
            "authorizations": {
                APP_ID: {
                    "sid": "Se55ionSid00000000000000000000000000000001",
                    "grantId": "Gr4ntId0000000000000000000000000000000001",
                    "persistsLogout": true
                }
            }
        },
        "lastSubmission": {
            "interactionEvent": "SignIn",
            "userId": USER_ID,
            "verificationRecords": [{
                "id": "verif1cat10nrec0rd001",
                "type": "Password",
                "identifier": { "type": "email", "value": "marie@lab.example.org" },
                "verified": true
            }],
            "signInContext": { "ip": "203.0.113.7", "userAgent": "Mozilla/5.0 Firefox/140.0" }
        },
        "clientId": APP_ID,
        "accountId": USER_ID,
        "expiresAt": 1796200000123_u64
    })
}

/// A session with no interaction record and no client (e.g. created by an older server).
fn bare_session() -> Value {
    json!({
        "payload": {
            "exp": 1796200500_u64,
            "iat": 1795000500_u64,
            "jti": "Se55ionJti00000000000000000000000000000002",
            "uid": "Se55ionUid00000000000000000000000000000002",
            "kind": "Session",
            "loginTs": 1795000500_u64,
            "accountId": USER_ID
        },
        "lastSubmission": null,
        "clientId": null,
        "accountId": null,
        "expiresAt": 1796200500456_u64
    })
}

fn session_cases() -> Vec<Case> {
    vec![
        case(
            "ListUserSessions",
            invoke!(|c| c.users().list_user_sessions(HOSTILE)),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/sessions"),
            Reply::Json(200, json!({ "sessions": [session(), bare_session()] })),
        ),
        case(
            "GetUserSession",
            invoke!(|c| c.users().get_user_session(HOSTILE, HOSTILE)),
            Req::new("GET", SESSION_PATH),
            Reply::Json(200, session()),
        ),
        case(
            "DeleteUserSession",
            invoke!(|c| {
                c.users()
                    .delete_user_session(HOSTILE, HOSTILE)
                    .revoke_grants_target(t::DeleteUserSessionRevokeGrantsTarget::FirstParty)
            }),
            Req::new("DELETE", SESSION_PATH).query(&[("revokeGrantsTarget", "firstParty")]),
            Reply::Empty(204),
        ),
        case(
            "DeleteUserSession",
            invoke!(|c| c.users().delete_user_session(HOSTILE, HOSTILE)),
            Req::new("DELETE", SESSION_PATH),
            Reply::Empty(204),
        )
        .variant("keep grants"),
    ]
}
