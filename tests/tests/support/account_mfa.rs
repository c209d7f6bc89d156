//! The Account API's MFA, session and grant calls and `/api/verifications/*` (see `account.rs`).

use super::account::{case, object, sensitive};
use super::experience::PASSWORD;
use super::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::account::types as t;
use serde_json::json;

// WebAuthn registration from account-mfa.json#38.
const CRED_ID: &str = "VBUa7P75jOZf8Bm6YzoVAA";
const CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoidnZMbFgydWMzVTN1aUVKcXR6WUExaTFWUndRWEt1c2JHOVNzSjZwc3lJdyIsIm9yaWdpbiI6Imh0dHA6Ly8xMjcuMC4wLjE6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const ATTESTATION: &str = "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViUEsoXtJryKJQ28wPgFmAwoh5SXSZuIJJnQzgBqP1AcaBFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEFQVGuz--YzmX_AZumM6FQClAQIDJiABIVggRacaTSoPfnDa8y1jr6Z6KLrabLrEY-4AZvIMHNXy4qoiWCDKcmHW1pEg0wNfzeGQ7C2k_DScxM6EkfXs3Ly8iPaXPA";

const AUTH_DATA: &str = "EsoXtJryKJQ28wPgFmAwoh5SXSZuIJJnQzgBqP1AcaBFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEFQVGuz--YzmX_AZumM6FQClAQIDJiABIVggRacaTSoPfnDa8y1jr6Z6KLrabLrEY-4AZvIMHNXy4qoiWCDKcmHW1pEg0wNfzeGQ7C2k_DScxM6EkfXs3Ly8iPaXPA";
const PUBLIC_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAERacaTSoPfnDa8y1jr6Z6KLrabLrEY-4AZvIMHNXy4qrKcmHW1pEg0wNfzeGQ7C2k_DScxM6EkfXs3Ly8iPaXPA";

pub fn cases() -> Vec<Case> {
    let mut cases = mfa_cases();
    cases.extend(session_cases());
    cases.extend(verification_cases());
    cases
}

/// MFA factors.
fn mfa_cases() -> Vec<Case> {
    vec![
        // account-mfa.json#9
        case(
            "GetMfaVerifications",
            invoke!(|c| c.my_account().get_mfa_verifications()),
            Req::new("GET", "/api/my-account/mfa-verifications"),
            Reply::Json(
                200,
                json!([
                    { "id": "2ikw3t0jxeowtrlf6otwn", "createdAt": "2026-11-22T07:31:05.253Z", "type": "Totp" },
                    { "id": "5jbah8ofqa98bluyvdw3d", "createdAt": "2026-11-22T07:31:05.253Z", "type": "BackupCode", "remainCodes": 9 },
                    { "id": "sjjrdjg9as8o5ipz6nmxv", "createdAt": "2026-11-22T07:32:00.742Z", "lastUsedAt": "2026-11-22T07:32:01.277Z", "type": "WebAuthn", "agent": "", "name": "Recorder soft key" }
                ]),
            ),
        ),
        // account-mfa.json#39
        sensitive(
            "AddMfaVerification",
            invoke!(|c| {
                let body = t::AddMfaVerificationBody::TypeWebAuthn(
                    t::AddMfaVerificationBodyTypeWebAuthn {
                        r#type: t::AddMfaVerificationBodyTypeWebAuthnType::WebAuthn,
                        new_identifier_verification_record_id: "9ky79w67nglerwzon4dce".into(),
                        name: Some("Recorder soft key".into()),
                    },
                );
                c.my_account().add_mfa_verification(body)
            }),
            Req::new("POST", "/api/my-account/mfa-verifications").json(json!({
                "type": "WebAuthn",
                "newIdentifierVerificationRecordId": "9ky79w67nglerwzon4dce",
                "name": "Recorder soft key"
            })),
            Reply::Empty(204),
        ),
        // account-mfa.json#33
        sensitive(
            "AddMfaVerification",
            invoke!(|c| {
                let body = t::AddMfaVerificationBody::TypeTotp(t::AddMfaVerificationBodyTypeTotp {
                    r#type: t::AddMfaVerificationBodyTypeTotpType::Totp,
                    secret: "JBSWY3DPEHPK3PXP".into(),
                    code: Some("065946".into()),
                });
                c.my_account().add_mfa_verification(body)
            }),
            Req::new("POST", "/api/my-account/mfa-verifications")
                .json(json!({ "type": "Totp", "secret": "JBSWY3DPEHPK3PXP", "code": "065946" })),
            Reply::Empty(204),
        )
        .variant("Totp"),
        // account-mfa.json#24
        sensitive(
            "AddMfaVerification",
            invoke!(|c| {
                let body = t::AddMfaVerificationBody::TypeBackupCode(
                    t::AddMfaVerificationBodyTypeBackupCode {
                        r#type: t::AddMfaVerificationBodyTypeBackupCodeType::BackupCode,
                        codes: vec!["a1b2c3d4e5".into(), "f6g7h8i9j0".into()],
                    },
                );
                c.my_account().add_mfa_verification(body)
            }),
            Req::new("POST", "/api/my-account/mfa-verifications")
                .json(json!({ "type": "BackupCode", "codes": ["a1b2c3d4e5", "f6g7h8i9j0"] })),
            Reply::Empty(204),
        )
        .variant("BackupCode"),
        // account-mfa.json#18
        sensitive(
            "CreateOrReplaceTotpMfaVerification",
            invoke!(|c| {
                let body = t::CreateOrReplaceTotpMfaVerificationBody {
                    secret: "JBSWY3DPEHPK3PXP".into(),
                    code: "369940".into(),
                };
                let call = c.my_account().create_or_replace_totp_mfa_verification(body);
                call
            }),
            Req::new("PUT", "/api/my-account/mfa-verifications/totp")
                .json(json!({ "secret": "JBSWY3DPEHPK3PXP", "code": "369940" })),
            Reply::Empty(204),
        ),
        // account-mfa.json#11
        case(
            "GenerateTotpSecret",
            invoke!(|c| c.my_account().generate_totp_secret()),
            Req::new(
                "POST",
                "/api/my-account/mfa-verifications/totp-secret/generate",
            ),
            Reply::Json(200, json!({ "secret": "JBSWY3DPEHPK3PXP" })),
        ),
        // account-mfa.json#20
        case(
            "GenerateMyAccountBackupCodes",
            invoke!(|c| c.my_account().generate_my_account_backup_codes()),
            Req::new(
                "POST",
                "/api/my-account/mfa-verifications/backup-codes/generate",
            ),
            Reply::Json(
                200,
                json!({ "codes": ["a1b2c3d4e5", "f6g7h8i9j0", "k1l2m3n4o5"] }),
            ),
        ),
        // account-mfa.json#14
        sensitive(
            "GetBackupCodes",
            invoke!(|c| c.my_account().get_backup_codes()),
            Req::new("GET", "/api/my-account/mfa-verifications/backup-codes"),
            Reply::Json(
                200,
                json!({ "codes": [{ "code": "a1b2c3d4e5", "usedAt": "2026-11-22T07:31:30.812Z" }, { "code": "f6g7h8i9j0" }] }),
            ),
        ),
        // account-mfa.json#41: answers 200 with the text `OK`.
        sensitive(
            "UpdateMfaVerificationName",
            invoke!(|c| {
                let body = t::UpdateMfaVerificationNameBody {
                    name: "Recorder soft key (renamed)".into(),
                };
                let call = c.my_account().update_mfa_verification_name(HOSTILE, body);
                call
            }),
            Req::new(
                "PATCH",
                "/api/my-account/mfa-verifications/a%2Fb%3Fc%23d%20e%2F%C3%BC/name",
            )
            .json(json!({ "name": "Recorder soft key (renamed)" })),
            Reply::Text(200, "OK"),
        ),
        // account-mfa.json#22
        sensitive(
            "DeleteMfaVerification",
            invoke!(|c| c.my_account().delete_mfa_verification(HOSTILE)),
            Req::new(
                "DELETE",
                "/api/my-account/mfa-verifications/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
    ]
}

/// Sessions and grants.
fn session_cases() -> Vec<Case> {
    vec![
        // account-profile.json#65 (first session of 41), and one with its nullable fields null.
        sensitive(
            "GetSessions",
            invoke!(|c| c.my_account().get_sessions()),
            Req::new("GET", "/api/my-account/sessions"),
            Reply::Json(
                200,
                json!({ "sessions": [{
                    "payload": {
                        "exp": 1796541244_u64, "iat": 1795331644_u64,
                        "jti": "damDx8KSpcmEg2tFJ40s834bTEwV58MJcB7FSs31RgE",
                        "uid": "3ZdUiYJZzYyTUAoqBX2g5usdrJm1eGk4duUpkNQJvHg",
                        "kind": "Session", "loginTs": 1795331644_u64, "accountId": "adbne013m7e7",
                        "authorizations": { "dgkgpp65vxqyc2dmu7l4a": {
                            "sid": "aHPR-Ys_Fpls01rJLpwE6zciaGpLJKvg18V9pIKJJnI",
                            "grantId": "mwHGFwCUvIQ79wpvjI8Hm06HHDDkOXnkH-5wf_aca7G",
                            "persistsLogout": true
                        } }
                    },
                    "lastSubmission": {
                        "interactionEvent": "SignIn",
                        "userId": "adbne013m7e7",
                        "verificationRecords": [{
                            "id": "km9s0tvc4qbf2unek7jg1", "type": "Password",
                            "identifier": { "type": "username", "value": "testuser" }, "verified": true
                        }],
                        "signInContext": { "ip": "127.0.0.1" }
                    },
                    "clientId": "dgkgpp65vxqyc2dmu7l4a",
                    "accountId": "adbne013m7e7",
                    "expiresAt": 1796541244517_u64,
                    "isCurrent": true
                }, {
                    // Required but nullable fields, as null.
                    "payload": {
                        "exp": 1796542325_u64, "iat": 1795332725_u64,
                        "jti": "kNH6Wvca8V4MJ8RAvK2XxBIHxEAFX_pQsz_hZdWeIYd",
                        "uid": "ySy0RCQRNaHrax0FQEpnRN5B4tRNEeqgAaR0dw3K4Ha",
                        "kind": "Session", "loginTs": 1795332725_u64, "accountId": "adbne013m7e7"
                    },
                    "lastSubmission": null,
                    "clientId": null,
                    "accountId": null,
                    "expiresAt": 1796542325867_u64,
                    "isCurrent": false
                }] }),
            ),
        ),
        // account-profile.json#69
        sensitive(
            "DeleteSessionById",
            invoke!(|c| c
                .my_account()
                .delete_session_by_id(HOSTILE)
                .revoke_grants_target(t::RevokeGrantsTarget::FirstParty)),
            Req::new(
                "DELETE",
                "/api/my-account/sessions/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            )
            .query(&[("revokeGrantsTarget", "firstParty")]),
            Reply::Empty(204),
        ),
        // account-profile.json#66 (first grant of 30), with the optional `appType`.
        sensitive(
            "GetGrants",
            invoke!(|c| c.my_account().get_grants().app_type(t::AppType::FirstParty)),
            Req::new("GET", "/api/my-account/grants").query(&[("appType", "firstParty")]),
            Reply::Json(
                200,
                json!({ "grants": [{
                    "id": "mwHGFwCUvIQ79wpvjI8Hm06HHDDkOXnkH-5wf_aca7G",
                    "payload": {
                        "exp": 1810883644_u64, "iat": 1795331644_u64,
                        "jti": "mwHGFwCUvIQ79wpvjI8Hm06HHDDkOXnkH-5wf_aca7G",
                        "kind": "Grant", "clientId": "dgkgpp65vxqyc2dmu7l4a", "accountId": "adbne013m7e7",
                        "openid": { "scope": "openid offline_access profile" }
                    },
                    "expiresAt": 1810883644505_u64,
                    "application": { "id": "dgkgpp65vxqyc2dmu7l4a", "name": "Rust client tests (SPA)" }
                }] }),
            ),
        ),
        sensitive(
            "GetGrants",
            invoke!(|c| c.my_account().get_grants()),
            Req::new("GET", "/api/my-account/grants"),
            Reply::Json(200, json!({ "grants": [] })),
        )
        .variant("no appType"),
        // account-profile.json#72
        sensitive(
            "DeleteGrantById",
            invoke!(|c| c.my_account().delete_grant_by_id(HOSTILE)),
            Req::new(
                "DELETE",
                "/api/my-account/grants/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
    ]
}

/// `/api/verifications/*`.
fn verification_cases() -> Vec<Case> {
    vec![
        // account-mfa.json#13
        case(
            "CreateVerificationByPassword",
            invoke!(|c| {
                let body = t::PasswordBody {
                    password: PASSWORD.into(),
                };
                c.verifications().create_verification_by_password(body)
            }),
            Req::new("POST", "/api/verifications/password").json(json!({ "password": PASSWORD })),
            Reply::Json(
                201,
                json!({ "verificationRecordId": "1gakztv2rgp9uqkxtacqz", "expiresAt": "2026-11-22T07:42:30.709Z" }),
            ),
        ),
        // account-profile.json#38 (501 there: no SMS connector).
        case(
            "CreateVerificationByVerificationCode",
            invoke!(|c| {
                let body = t::CreateVerificationByVerificationCodeBody {
                                    identifier: t::CreateVerificationByVerificationCodeBodyIdentifier::Phone(
                                        t::PhoneCreateVerificationByVerificationCodeBodyIdentifier {
                                            value: "15550002222".into(),
                                        },
                                    ),
                                    template_type: Some(
                                        t::CreateVerificationByVerificationCodeBodyTemplateType::UserPermissionValidation,
                                    ),
                                };
                let call = c
                    .verifications()
                    .create_verification_by_verification_code(body);
                call
            }),
            Req::new("POST", "/api/verifications/verification-code").json(json!({
                "identifier": { "type": "phone", "value": "15550002222" },
                "templateType": "UserPermissionValidation"
            })),
            Reply::Json(
                201,
                json!({ "verificationRecordId": "c0d3rec0rd0073048bbbb", "expiresAt": "2026-11-22T07:41:58.000Z" }),
            ),
        ),
        // account-profile.json#39
        case(
            "VerifyVerificationByVerificationCode",
            invoke!(|c| {
                let body = t::VerifyVerificationByVerificationCodeBody {
                    identifier: t::CreateVerificationByVerificationCodeBodyIdentifier::Email(
                        t::EmailCreateVerificationByVerificationCodeBodyIdentifier {
                            value: "new.testuser@example.com".into(),
                        },
                    ),
                    verification_id: "c0d3rec0rd0073048bbbb".into(),
                    code: "123456".into(),
                };
                let call = c
                    .verifications()
                    .verify_verification_by_verification_code(body);
                call
            }),
            Req::new("POST", "/api/verifications/verification-code/verify").json(json!({
                "identifier": { "type": "email", "value": "new.testuser@example.com" },
                "verificationId": "c0d3rec0rd0073048bbbb",
                "code": "123456"
            })),
            Reply::Json(
                200,
                json!({ "verificationRecordId": "c0d3rec0rd0073048bbbb" }),
            ),
        ),
        // account-profile.json#48 (422 there: no social connector); `scope` set as optional.
        case(
            "CreateVerificationBySocial",
            invoke!(|c| {
                let body = t::CreateVerificationBySocialBody {
                    state: "st".into(),
                    redirect_uri: "http://127.0.0.1:3000/social-cb".into(),
                    scope: Some("read:user".into()),
                    connector_id: "github-universal".into(),
                };
                c.verifications().create_verification_by_social(body)
            }),
            Req::new("POST", "/api/verifications/social").json(json!({
                "state": "st",
                "redirectUri": "http://127.0.0.1:3000/social-cb",
                "scope": "read:user",
                "connectorId": "github-universal"
            })),
            Reply::Json(
                201,
                json!({
                    "verificationRecordId": "s0c1alrec0rd0073048aa",
                    "authorizationUri": "https://github.com/login/oauth/authorize?client_id=rec&state=st&scope=read%3Auser",
                    "expiresAt": "2026-11-22T07:42:10.000Z"
                }),
            ),
        ),
        // account-profile.json#49
        case(
            "VerifyVerificationBySocial",
            invoke!(|c| {
                let body = t::VerifyVerificationBySocialBody {
                    connector_data: object(json!({ "code": "x", "state": "st" })),
                    verification_record_id: "s0c1alrec0rd0073048aa".into(),
                    verification_id: Some(json!("s0c1alrec0rd0073048aa")),
                };
                c.verifications().verify_verification_by_social(body)
            }),
            Req::new("POST", "/api/verifications/social/verify").json(json!({
                "connectorData": { "code": "x", "state": "st" },
                "verificationRecordId": "s0c1alrec0rd0073048aa",
                "verificationId": "s0c1alrec0rd0073048aa"
            })),
            Reply::Json(
                200,
                json!({ "verificationRecordId": "s0c1alrec0rd0073048aa" }),
            ),
        ),
        // account-mfa.json#36
        sensitive(
            "GenerateWebAuthnRegistrationOptions",
            invoke!(|c| c.verifications().generate_web_authn_registration_options()),
            Req::new("POST", "/api/verifications/web-authn/registration"),
            Reply::Json(
                200,
                json!({
                    "verificationRecordId": "9ky79w67nglerwzon4dce",
                    "registrationOptions": {
                        "rp": { "name": "127.0.0.1", "id": "127.0.0.1" },
                        "user": { "id": "YnppN2Jjbmd2ZnBw", "name": "mfa_073048", "displayName": "mfa_073048" },
                        "challenge": "vvLlX2uc3U3uiEJqtzYA1i1VRwQXKusbG9SsJ6psyIw",
                        "pubKeyCredParams": [{ "type": "public-key", "alg": -7 }, { "type": "public-key", "alg": -257 }],
                        "timeout": 60000,
                        "excludeCredentials": [{ "type": "public-key", "id": "0WhMOuIocW1gN2vscrQ9JQ", "transports": ["internal"] }],
                        "authenticatorSelection": { "requireResidentKey": true, "residentKey": "required", "userVerification": "required" },
                        "attestation": "none",
                        "extensions": { "credProps": true }
                    },
                    "expiresAt": "2026-11-22T07:42:30.965Z"
                }),
            ),
        ),
        // account-mfa.json#38
        case(
            "VerifyWebAuthnRegistration",
            invoke!(|c| {
                let body = t::VerifyWebAuthnRegistrationBody {
                                    verification_record_id: "9ky79w67nglerwzon4dce".into(),
                                    payload: t::VerifyWebAuthnRegistrationBodyPayload {
                                        r#type: t::AddMfaVerificationBodyTypeWebAuthnType::WebAuthn,
                                        id: CRED_ID.into(),
                                        raw_id: CRED_ID.into(),
                                        // What a browser's `toJSON()` adds (the recorder's soft key did not).
                                        response: t::VerifyWebAuthnRegistrationBodyPayloadResponse {
                                            client_data_json: CLIENT_DATA.into(),
                                            attestation_object: ATTESTATION.into(),
                                            authenticator_data: Some(AUTH_DATA.into()),
                                            transports: Some(vec![t::Transport::Internal, t::Transport::Hybrid]),
                                            public_key_algorithm: Some(-7.0),
                                            public_key: Some(PUBLIC_KEY.into()),
                                        },
                                        authenticator_attachment: Some(
                                            t::VerifyWebAuthnRegistrationBodyPayloadAuthenticatorAttachment::Platform,
                                        ),
                                        client_extension_results: t::ClientExtensionResults::default(),
                                    },
                                };
                c.verifications().verify_web_authn_registration(body)
            }),
            Req::new("POST", "/api/verifications/web-authn/registration/verify").json(json!({
                "verificationRecordId": "9ky79w67nglerwzon4dce",
                "payload": {
                    "type": "WebAuthn",
                    "id": CRED_ID,
                    "rawId": CRED_ID,
                    "authenticatorAttachment": "platform",
                    "clientExtensionResults": {},
                    "response": {
                        "clientDataJSON": CLIENT_DATA,
                        "attestationObject": ATTESTATION,
                        "authenticatorData": AUTH_DATA,
                        "transports": ["internal", "hybrid"],
                        "publicKeyAlgorithm": -7,
                        "publicKey": PUBLIC_KEY
                    }
                }
            })),
            Reply::Json(
                200,
                json!({ "verificationRecordId": "9ky79w67nglerwzon4dce" }),
            ),
        ),
    ]
}
