//! Tenant-wide user services: audit logs, dashboard counts, verification codes, user assets,
//! subject tokens, account center settings and one-time tokens.

use super::{case, object, APP_ID, USER_ID};
use crate::support::{Case, ExpectedRequest as Req, Part, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::FilePart;
use logto_api::Patch;
use serde_json::{json, Value};

pub(super) fn cases() -> Vec<Case> {
    let mut all = log_cases();
    all.extend(dashboard_cases());
    all.extend(service_cases());
    all.extend(account_center_cases());
    all.extend(one_time_token_cases());
    all
}

/// A tiny PNG (1×1, transparent) for the upload.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0x60,
    0x00, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A successful token exchange, with the parsed user agent.
fn token_log() -> Value {
    json!({
        "tenantId": "default",
        "id": "l0g1d000000000000001",
        "key": "ExchangeTokenBy.RefreshToken",
        "payload": {
            "key": "ExchangeTokenBy.RefreshToken",
            "result": "Success",
            "ip": "203.0.113.7",
            "userAgent": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "userAgentParsed": {
                "ua": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
                "browser": { "name": "Firefox", "version": "140.0", "major": "140" },
                "device": {},
                "engine": { "name": "Gecko", "version": "140.0" },
                "os": { "name": "Linux", "version": "x86_64" },
                "cpu": { "architecture": "amd64" }
            },
            "userId": USER_ID,
            "applicationId": APP_ID,
            "params": { "grant_type": "refresh_token", "client_id": APP_ID },
            "scope": "openid offline_access",
            "tokenTypes": ["AccessToken", "RefreshToken"]
        },
        "createdAt": 1795000600000_u64
    })
}

/// A failed interaction step: the error is an object here, a string in other logs.
fn failed_log() -> Value {
    json!({
        "tenantId": "default",
        "id": "l0g1d000000000000002",
        "key": "Interaction.SignIn.Verification.Password.Submit",
        "payload": {
            "key": "Interaction.SignIn.Verification.Password.Submit",
            "result": "Error",
            "error": { "code": "session.invalid_credentials", "status": 422 },
            "ip": "198.51.100.23",
            "applicationId": APP_ID,
            "sessionId": "Se55ionUid00000000000000000000000000000003",
            "interactionId": "Intera0000000000000000000000000000000001",
            "payload": { "identifier": { "type": "username", "value": "marie_sklodowska" } },
            "interaction": { "interactionEvent": "SignIn", "profile": {} },
            "verification": { "type": "Password", "verified": false }
        },
        "createdAt": 1795000500000_u64
    })
}

fn log_cases() -> Vec<Case> {
    vec![
        case(
            "ListLogs",
            invoke!(|c| {
                c.audit_logs()
                    .list_logs()
                    .user_id(USER_ID)
                    .application_id(APP_ID)
                    .log_key("ExchangeTokenBy.RefreshToken")
                    .page(1)
                    .page_size(10)
            }),
            Req::new("GET", "/api/logs").query(&[
                ("userId", USER_ID),
                ("applicationId", APP_ID),
                ("logKey", "ExchangeTokenBy.RefreshToken"),
                ("page", "1"),
                ("page_size", "10"),
            ]),
            Reply::Json(200, json!([token_log()])),
        ),
        // A time window (epoch milliseconds, as text) with the result count capped.
        case(
            "ListLogs",
            invoke!(|c| {
                c.audit_logs()
                    .list_logs()
                    .enable_cap("true")
                    .start_time("1795000000000")
                    .end_time("1795003600000")
            }),
            Req::new("GET", "/api/logs").query(&[
                ("enableCap", "true"),
                ("start_time", "1795000000000"),
                ("end_time", "1795003600000"),
            ]),
            Reply::Json(200, json!([token_log(), failed_log()])),
        )
        .variant("time window"),
        case(
            "GetLog",
            invoke!(|c| c.audit_logs().get_log(HOSTILE)),
            Req::new("GET", "/api/logs/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, failed_log()),
        ),
        case(
            "GetLog",
            invoke!(|c| c.audit_logs().get_log(HOSTILE)),
            Req::new("GET", "/api/logs/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(
                200,
                json!({
                    "tenantId": "default",
                    "id": "l0g1d000000000000003",
                    "key": "ExchangeTokenBy.ClientCredentials",
                    "payload": {
                        "key": "ExchangeTokenBy.ClientCredentials",
                        "result": "Error",
                        "error": "invalid_client: client authentication failed",
                        "cimdClientId": "https://client.example.org/metadata.json",
                        "prompt": { "name": "login" },
                        "applicationSecret": { "name": "rotated-secret" }
                    },
                    "createdAt": 1795000700000_u64
                }),
            ),
        )
        .variant("error text"),
    ]
}

fn dashboard_cases() -> Vec<Case> {
    vec![
        case(
            "GetTotalUserCount",
            invoke!(|c| c.dashboard().get_total_user_count()),
            Req::new("GET", "/api/dashboard/users/total"),
            Reply::Json(200, json!({ "totalUserCount": 1234 })),
        ),
        case(
            "GetNewUserCounts",
            invoke!(|c| c.dashboard().get_new_user_counts()),
            Req::new("GET", "/api/dashboard/users/new"),
            Reply::Json(
                200,
                json!({
                    "today": { "count": 12, "delta": -3 },
                    "last7Days": { "count": 85, "delta": 20 }
                }),
            ),
        ),
        case(
            "GetActiveUserCounts",
            invoke!(|c| c.dashboard().get_active_user_counts().date("2026-11-20")),
            Req::new("GET", "/api/dashboard/users/active").query(&[("date", "2026-11-20")]),
            Reply::Json(
                200,
                json!({
                    "dauCurve": [
                        { "date": "2026-11-18", "count": 40 },
                        { "date": "2026-11-19", "count": 0 },
                        { "date": "2026-11-20", "count": 57 }
                    ],
                    "dau": { "count": 57, "delta": 17 },
                    "wau": { "count": 210, "delta": -8 },
                    "mau": { "count": 640, "delta": 0 }
                }),
            ),
        ),
    ]
}

/// Verification codes, user assets and subject tokens.
fn service_cases() -> Vec<Case> {
    vec![
        case(
            "CreateVerificationCode",
            invoke!(|c| {
                let body =
                    t::CreateVerificationCodeBody::Email(t::CreateVerificationCodeBodyEmail {
                        email: "marie@lab.example.org".into(),
                    });
                c.verification_codes().create_verification_code(body)
            }),
            Req::new("POST", "/api/verification-codes")
                .json(json!({ "email": "marie@lab.example.org" })),
            Reply::Empty(204),
        ),
        case(
            "CreateVerificationCode",
            invoke!(|c| {
                let body =
                    t::CreateVerificationCodeBody::Phone(t::CreateVerificationCodeBodyPhone {
                        phone: "15550100123".into(),
                    });
                c.verification_codes().create_verification_code(body)
            }),
            Req::new("POST", "/api/verification-codes").json(json!({ "phone": "15550100123" })),
            Reply::Empty(204),
        )
        .variant("phone"),
        case(
            "VerifyVerificationCode",
            invoke!(|c| {
                let body =
                    t::VerifyVerificationCodeBody::Email(t::VerifyVerificationCodeBodyEmail {
                        email: "marie@lab.example.org".into(),
                        verification_code: "482913".into(),
                    });
                c.verification_codes().verify_verification_code(body)
            }),
            Req::new("POST", "/api/verification-codes/verify")
                .json(json!({ "email": "marie@lab.example.org", "verificationCode": "482913" })),
            Reply::Empty(204),
        ),
        case(
            "VerifyVerificationCode",
            invoke!(|c| {
                let body =
                    t::VerifyVerificationCodeBody::Phone(t::VerifyVerificationCodeBodyPhone {
                        phone: "15550100123".into(),
                        verification_code: "007311".into(),
                    });
                c.verification_codes().verify_verification_code(body)
            }),
            Req::new("POST", "/api/verification-codes/verify")
                .json(json!({ "phone": "15550100123", "verificationCode": "007311" })),
            Reply::Empty(204),
        )
        .variant("phone"),
        case(
            "GetUserAssetServiceStatus",
            invoke!(|c| c.user_assets().get_user_asset_service_status()),
            Req::new("GET", "/api/user-assets/service-status"),
            Reply::Json(
                200,
                json!({
                    "status": "ready",
                    "allowUploadMimeTypes": [
                        "image/jpeg",
                        "image/png",
                        "image/svg+xml",
                        "application/zip"
                    ],
                    "maxUploadFileSize": 8388608,
                    "isExperienceAvatarUploadEnabled": false
                }),
            ),
        ),
        case(
            "GetUserAssetServiceStatus",
            invoke!(|c| c.user_assets().get_user_asset_service_status()),
            Req::new("GET", "/api/user-assets/service-status"),
            Reply::Json(200, json!({ "status": "not_configured" })),
        )
        .variant("no storage"),
        case(
            "CreateUserAsset",
            invoke!(|c| {
                let body = t::CreateUserAssetBody {
                    file: Some(FilePart::new(PNG, "badge.png", "image/png")),
                };
                c.user_assets().create_user_asset().body(body)
            }),
            Req::new("POST", "/api/user-assets").multipart(vec![Part {
                name: "file",
                file_name: Some("badge.png"),
                content_type: Some("image/png"),
                data: PNG,
            }]),
            Reply::Json(
                200,
                json!({ "url": "https://assets.example.org/default/2026/11/badge.png" }),
            ),
        ),
        case(
            "CreateSubjectToken",
            invoke!(|c| {
                let body = t::CreateSubjectTokenBody {
                    user_id: USER_ID.into(),
                    context: Some(object(json!({ "reason": "support", "ticket": 4711 }))),
                };
                c.subject_tokens().create_subject_token(body)
            }),
            Req::new("POST", "/api/subject-tokens").json(json!({
                "userId": USER_ID,
                "context": { "reason": "support", "ticket": 4711 }
            })),
            Reply::Json(
                201,
                json!({ "subjectToken": "sub_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", "expiresIn": 600 }),
            ),
        ),
    ]
}

/// Every account center field set to one of its three modes.
fn fields() -> Value {
    json!({
        "name": "Edit",
        "avatar": "Edit",
        "profile": "ReadOnly",
        "email": "Edit",
        "phone": "Off",
        "password": "Edit",
        "username": "ReadOnly",
        "social": "Edit",
        "customData": "Off",
        "mfa": "Edit",
        "passkey": "Edit",
        "session": "ReadOnly"
    })
}

fn account_center_cases() -> Vec<Case> {
    vec![
        case(
            "GetAccountCenterSettings",
            invoke!(|c| c.account_center().get_account_center_settings()),
            Req::new("GET", "/api/account-center"),
            Reply::Json(
                200,
                json!({
                    "tenantId": "default",
                    "id": "default",
                    "enabled": true,
                    "fields": fields(),
                    "webauthnRelatedOrigins": ["https://app.example.org"],
                    "deleteAccountUrl": "https://app.example.org/account/delete",
                    "customCss": ".account { max-width: 40rem; }",
                    "profileFields": [{ "name": "department" }, { "name": "givenName" }]
                }),
            ),
        ),
        // Nulls clear the optional settings.
        case(
            "UpdateAccountCenterSettings",
            invoke!(|c| {
                let body = t::UpdateAccountCenterSettingsBody {
                    enabled: Some(true),
                    fields: Some(t::AccountCenterFields {
                        phone: Some(t::AccountCenterFieldAccess::Off),
                        session: Some(t::AccountCenterFieldAccess::ReadOnly),
                        ..Default::default()
                    }),
                    webauthn_related_origins: Some(vec![]),
                    delete_account_url: Patch::Null,
                    custom_css: Patch::Null,
                    profile_fields: Patch::Null,
                };
                c.account_center().update_account_center_settings(body)
            }),
            Req::new("PATCH", "/api/account-center").json(json!({
                "enabled": true,
                "fields": { "phone": "Off", "session": "ReadOnly" },
                "webauthnRelatedOrigins": [],
                "deleteAccountUrl": null,
                "customCss": null,
                "profileFields": null
            })),
            Reply::Json(
                200,
                json!({
                    "tenantId": "default",
                    "id": "default",
                    "enabled": true,
                    "fields": { "phone": "Off", "session": "ReadOnly" },
                    "webauthnRelatedOrigins": [],
                    "deleteAccountUrl": null,
                    "customCss": null,
                    "profileFields": null
                }),
            ),
        ),
        case(
            "UpdateAccountCenterSettings",
            invoke!(|c| {
                let body = t::UpdateAccountCenterSettingsBody {
                    delete_account_url: Patch::Set("https://app.example.org/bye".into()),
                    profile_fields: Patch::Set(vec![t::SignUpProfileField {
                        name: "department".into(),
                    }]),
                    ..Default::default()
                };
                c.account_center().update_account_center_settings(body)
            }),
            Req::new("PATCH", "/api/account-center").json(json!({
                "deleteAccountUrl": "https://app.example.org/bye",
                "profileFields": [{ "name": "department" }]
            })),
            Reply::Json(
                200,
                json!({
                    "tenantId": "default",
                    "id": "default",
                    "enabled": false,
                    "fields": {},
                    "webauthnRelatedOrigins": [],
                    "deleteAccountUrl": "https://app.example.org/bye",
                    "customCss": null,
                    "profileFields": [{ "name": "department" }]
                }),
            ),
        )
        .variant("set values"),
    ]
}

fn one_time_token(status: &str) -> Value {
    json!({
        "tenantId": "default",
        "id": "0tt1d000000000000001",
        "email": "new.hire@lab.example.org",
        "token": "ott_5e6f7a8b9c0d1e2f",
        "context": { "jitOrganizationIds": ["0rg1d0000001"], "interactionEvent": "Register" },
        "status": status,
        "createdAt": 1795000800000_u64,
        "expiresAt": 1795004400000_u64
    })
}

fn one_time_token_cases() -> Vec<Case> {
    const OTT_PATH: &str = "/api/one-time-tokens/a%2Fb%3Fc%23d%20e%2F%C3%BC";
    vec![
        case(
            "ListOneTimeTokens",
            invoke!(|c| {
                c.one_time_tokens()
                    .list_one_time_tokens()
                    .email("new.hire@lab.example.org")
                    .status(t::OneTimeTokenStatus::Active)
                    .page(1)
                    .page_size(5)
            }),
            Req::new("GET", "/api/one-time-tokens").query(&[
                ("email", "new.hire@lab.example.org"),
                ("status", "active"),
                ("page", "1"),
                ("page_size", "5"),
            ]),
            Reply::Json(
                200,
                json!([
                    one_time_token("active"),
                    {
                        "tenantId": "default",
                        "id": "0tt1d000000000000002",
                        "email": "new.hire@lab.example.org",
                        "token": "ott_0a1b2c3d4e5f6a7b",
                        "context": {},
                        "status": "active",
                        "createdAt": 1795000900000_u64,
                        "expiresAt": 1795001500000_u64
                    }
                ]),
            ),
        ),
        case(
            "AddOneTimeTokens",
            invoke!(|c| {
                let body = t::AddOneTimeTokensBody {
                    email: "new.hire@lab.example.org".into(),
                    context: Some(t::OneTimeTokenContext {
                        jit_organization_ids: Some(vec!["0rg1d0000001".into()]),
                        interaction_event: Some(t::InteractionEvent::Register),
                    }),
                    expires_in: Some(3600.0),
                };
                c.one_time_tokens().add_one_time_tokens(body)
            }),
            Req::new("POST", "/api/one-time-tokens").json(json!({
                "email": "new.hire@lab.example.org",
                "context": {
                    "jitOrganizationIds": ["0rg1d0000001"],
                    "interactionEvent": "Register"
                },
                "expiresIn": 3600
            })),
            Reply::Json(201, one_time_token("active")),
        ),
        case(
            "GetOneTimeToken",
            invoke!(|c| c.one_time_tokens().get_one_time_token(HOSTILE)),
            Req::new("GET", OTT_PATH),
            Reply::Json(200, one_time_token("expired")),
        ),
        case(
            "DeleteOneTimeToken",
            invoke!(|c| c.one_time_tokens().delete_one_time_token(HOSTILE)),
            Req::new("DELETE", OTT_PATH),
            Reply::Empty(204),
        ),
        case(
            "VerifyOneTimeToken",
            invoke!(|c| {
                let body = t::VerifyOneTimeTokenBody {
                    token: "ott_5e6f7a8b9c0d1e2f".into(),
                    email: "new.hire@lab.example.org".into(),
                };
                c.one_time_tokens().verify_one_time_token(body)
            }),
            Req::new("POST", "/api/one-time-tokens/verify").json(json!({
                "token": "ott_5e6f7a8b9c0d1e2f",
                "email": "new.hire@lab.example.org"
            })),
            Reply::Json(200, one_time_token("consumed")),
        ),
        case(
            "ReplaceOneTimeTokenStatus",
            invoke!(|c| {
                let body = t::ReplaceOneTimeTokenStatusBody {
                    status: t::OneTimeTokenStatus::Revoked,
                };
                c.one_time_tokens()
                    .replace_one_time_token_status(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                "/api/one-time-tokens/a%2Fb%3Fc%23d%20e%2F%C3%BC/status",
            )
            .json(json!({ "status": "revoked" })),
            Reply::Json(200, one_time_token("revoked")),
        ),
    ]
}
