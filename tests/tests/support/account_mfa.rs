//! The Account API's MFA, session and grant calls and `/api/verifications/*` (see `account.rs`).

use super::account::{case, object, sensitive};
use super::experience::PASSWORD;
use super::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::account::types as t;
use serde_json::json;

// A WebAuthn registration shaped like account-mfa.json#38, all values invented (a P-256 key made
// for these tests, rpId `localhost`; clientDataJSON carries the registration options' challenge).
const CRED_ID: &str = "Q4oc2-J5Bc0NIvAuVIjd_A";
const CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoibXM2U1BYV3pibHQyckVJZU95Uks1UVpSanUyS0tqdEh6dklNTWQ3STFFOCIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const ATTESTATION: &str = "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViUSZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEEOKHNvieQXNDSLwLlSI3fylAQIDJiABIVggaA_VHTlzvxAuz07i1vtMYAaU5N2djeGTjxS0NgTzA9MiWCCiloyUaDmgrjyDumvnB1CpcK8BfbrcHEvVeOa7dF4Hnw";

const AUTH_DATA: &str = "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEEOKHNvieQXNDSLwLlSI3fylAQIDJiABIVggaA_VHTlzvxAuz07i1vtMYAaU5N2djeGTjxS0NgTzA9MiWCCiloyUaDmgrjyDumvnB1CpcK8BfbrcHEvVeOa7dF4Hnw";
const PUBLIC_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEaA_VHTlzvxAuz07i1vtMYAaU5N2djeGTjxS0NgTzA9OiloyUaDmgrjyDumvnB1CpcK8BfbrcHEvVeOa7dF4Hnw";

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
                    { "id": "j4hlafbt2mc7ojlihenkz", "createdAt": "2025-05-06T14:08:22.372Z", "type": "Totp" },
                    { "id": "lqr4nde2m8bu9n67l1jr3", "createdAt": "2025-05-06T14:08:22.372Z", "type": "BackupCode", "remainCodes": 9 },
                    { "id": "i89eeszsjqdfbcwxugd95", "createdAt": "2025-05-06T14:09:17.861Z", "lastUsedAt": "2025-05-06T14:09:18.396Z", "type": "WebAuthn", "agent": "", "name": "Desk security key" }
                ]),
            ),
        ),
        // account-mfa.json#39
        sensitive(
            "AddMfaVerification",
            invoke!(|c| {
                let body = t::AddMfaVerificationBody::WebAuthn(t::AddMfaVerificationBodyWebAuthn {
                    new_identifier_verification_record_id: "sqk24ibftl895vwsq4b0h".into(),
                    name: Some("Desk security key".into()),
                });
                c.my_account().add_mfa_verification(body)
            }),
            Req::new("POST", "/api/my-account/mfa-verifications").json(json!({
                "type": "WebAuthn",
                "newIdentifierVerificationRecordId": "sqk24ibftl895vwsq4b0h",
                "name": "Desk security key"
            })),
            Reply::Empty(204),
        ),
        // account-mfa.json#33
        sensitive(
            "AddMfaVerification",
            invoke!(|c| {
                let body = t::AddMfaVerificationBody::Totp(t::AddMfaVerificationBodyTotp {
                    secret: "JBSWY3DPEHPK3PXP".into(),
                    code: Some("730615".into()),
                });
                c.my_account().add_mfa_verification(body)
            }),
            Req::new("POST", "/api/my-account/mfa-verifications")
                .json(json!({ "type": "Totp", "secret": "JBSWY3DPEHPK3PXP", "code": "730615" })),
            Reply::Empty(204),
        )
        .variant("Totp"),
        // account-mfa.json#24
        sensitive(
            "AddMfaVerification",
            invoke!(|c| {
                let body =
                    t::AddMfaVerificationBody::BackupCode(t::AddMfaVerificationBodyBackupCode {
                        codes: vec!["a1b2c3d4e5".into(), "f6g7h8i9j0".into()],
                    });
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
                    code: "284067".into(),
                };
                let call = c.my_account().create_or_replace_totp_mfa_verification(body);
                call
            }),
            Req::new("PUT", "/api/my-account/mfa-verifications/totp")
                .json(json!({ "secret": "JBSWY3DPEHPK3PXP", "code": "284067" })),
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
                json!({ "codes": [{ "code": "a1b2c3d4e5", "usedAt": "2025-05-06T14:08:47.931Z" }, { "code": "f6g7h8i9j0" }] }),
            ),
        ),
        // account-mfa.json#41: answers 200 with the text `OK`.
        sensitive(
            "UpdateMfaVerificationName",
            invoke!(|c| {
                let body = t::UpdateMfaVerificationNameBody {
                    name: "Desk security key (spare)".into(),
                };
                let call = c.my_account().update_mfa_verification_name(HOSTILE, body);
                call
            }),
            Req::new(
                "PATCH",
                "/api/my-account/mfa-verifications/a%2Fb%3Fc%23d%20e%2F%C3%BC/name",
            )
            .json(json!({ "name": "Desk security key (spare)" })),
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
                        "exp": 1747749081_u64, "iat": 1746539481_u64,
                        "jti": "AXl_L0bkXmCCqrsvG1utdWt2kLkW8ymfi34Dcntk7Om",
                        "uid": "AODTJZwDY3FhoM4d9bvWTcEMqDWJ9wBztdiD8XXfDgu",
                        "kind": "Session", "loginTs": 1746539481_u64, "accountId": "qe62t5togfpp",
                        "authorizations": { "2c2hh4xz8p8ftcasvmzxe": {
                            "sid": "lkDl6WKkrnwGOl9guXCYJmdQFTvffexLPuWmLPP-JkO",
                            "grantId": "TRGUrSIR5WZ8FOI5pGe-Vz3GlX2dCQaCMRY_hV5tcJM",
                            "persistsLogout": true
                        } }
                    },
                    "lastSubmission": {
                        "interactionEvent": "SignIn",
                        "userId": "qe62t5togfpp",
                        "verificationRecords": [{
                            "id": "iaxqk6ps6pfx3xpl2mrk3", "type": "Password",
                            "identifier": { "type": "username", "value": "lena_park" }, "verified": true
                        }],
                        "signInContext": { "ip": "127.0.0.1" }
                    },
                    "clientId": "2c2hh4xz8p8ftcasvmzxe",
                    "accountId": "qe62t5togfpp",
                    "expiresAt": 1747749081636_u64,
                    "isCurrent": true
                }, {
                    // Required but nullable fields, as null.
                    "payload": {
                        "exp": 1747750162_u64, "iat": 1746540562_u64,
                        "jti": "l11bxefDClL-AUByzYS1U-vcq17cNyuZw2XGPcATMTA",
                        "uid": "VnTmZrrkg2wUUPv18_5Q9CwuT5q5OQDaNROHavp6K5i",
                        "kind": "Session", "loginTs": 1746540562_u64, "accountId": "qe62t5togfpp"
                    },
                    "lastSubmission": null,
                    "clientId": null,
                    "accountId": null,
                    "expiresAt": 1747750162986_u64,
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
                .revoke_grants_target(t::DeleteSessionByIdRevokeGrantsTarget::FirstParty)),
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
            invoke!(|c| c
                .my_account()
                .get_grants()
                .app_type(t::GetGrantsAppType::FirstParty)),
            Req::new("GET", "/api/my-account/grants").query(&[("appType", "firstParty")]),
            Reply::Json(
                200,
                json!({ "grants": [{
                    "id": "TRGUrSIR5WZ8FOI5pGe-Vz3GlX2dCQaCMRY_hV5tcJM",
                    "payload": {
                        "exp": 1762091481_u64, "iat": 1746539481_u64,
                        "jti": "TRGUrSIR5WZ8FOI5pGe-Vz3GlX2dCQaCMRY_hV5tcJM",
                        "kind": "Grant", "clientId": "2c2hh4xz8p8ftcasvmzxe", "accountId": "qe62t5togfpp",
                        "openid": { "scope": "openid offline_access profile" }
                    },
                    "expiresAt": 1762091481624_u64,
                    "application": { "id": "2c2hh4xz8p8ftcasvmzxe", "name": "Notes web app (SPA)" }
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
                json!({ "verificationRecordId": "tioy2v4xeb32chu3ukixz", "expiresAt": "2025-05-06T14:19:47.828Z" }),
            ),
        ),
        // account-profile.json#38 (501 there: no SMS connector).
        case(
            "CreateVerificationByVerificationCode",
            invoke!(|c| {
                let body = t::CreateVerificationByVerificationCodeBody {
                                    identifier: t::VerificationCodeTarget::Phone(
                                        t::VerificationCodeTargetPhone {
                                            value: "15550198347".into(),
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
                "identifier": { "type": "phone", "value": "15550198347" },
                "templateType": "UserPermissionValidation"
            })),
            Reply::Json(
                201,
                json!({ "verificationRecordId": "fweceptafbvpjfc3uzhn5", "expiresAt": "2025-05-06T14:19:15.119Z" }),
            ),
        ),
        // account-profile.json#39
        case(
            "VerifyVerificationByVerificationCode",
            invoke!(|c| {
                let body = t::VerifyVerificationByVerificationCodeBody {
                    identifier: t::VerificationCodeTarget::Email(t::VerificationCodeTargetEmail {
                        value: "lena.park.new@example.com".into(),
                    }),
                    verification_id: "fweceptafbvpjfc3uzhn5".into(),
                    code: "482913".into(),
                };
                let call = c
                    .verifications()
                    .verify_verification_by_verification_code(body);
                call
            }),
            Req::new("POST", "/api/verifications/verification-code/verify").json(json!({
                "identifier": { "type": "email", "value": "lena.park.new@example.com" },
                "verificationId": "fweceptafbvpjfc3uzhn5",
                "code": "482913"
            })),
            Reply::Json(
                200,
                json!({ "verificationRecordId": "fweceptafbvpjfc3uzhn5" }),
            ),
        ),
        // account-profile.json#48 (422 there: no social connector); `scope` set as optional.
        case(
            "CreateVerificationBySocial",
            invoke!(|c| {
                let body = t::CreateVerificationBySocialBody {
                    state: "st".into(),
                    redirect_uri: "https://app.example.com/callback/social".into(),
                    scope: Some("read:user".into()),
                    connector_id: "github-universal".into(),
                };
                c.verifications().create_verification_by_social(body)
            }),
            Req::new("POST", "/api/verifications/social").json(json!({
                "state": "st",
                "redirectUri": "https://app.example.com/callback/social",
                "scope": "read:user",
                "connectorId": "github-universal"
            })),
            Reply::Json(
                201,
                json!({
                    "verificationRecordId": "tzirokkzpav7nb6ig7ij4",
                    "authorizationUri": "https://github.com/login/oauth/authorize?client_id=gh-app-77&state=st&scope=read%3Auser",
                    "expiresAt": "2025-05-06T14:19:27.119Z"
                }),
            ),
        ),
        // account-profile.json#49
        case(
            "VerifyVerificationBySocial",
            invoke!(|c| {
                let body = t::VerifyVerificationBySocialBody {
                    connector_data: object(json!({ "code": "x", "state": "st" })),
                    verification_record_id: "tzirokkzpav7nb6ig7ij4".into(),
                    verification_id: Some(json!("tzirokkzpav7nb6ig7ij4")),
                };
                c.verifications().verify_verification_by_social(body)
            }),
            Req::new("POST", "/api/verifications/social/verify").json(json!({
                "connectorData": { "code": "x", "state": "st" },
                "verificationRecordId": "tzirokkzpav7nb6ig7ij4",
                "verificationId": "tzirokkzpav7nb6ig7ij4"
            })),
            Reply::Json(
                200,
                json!({ "verificationRecordId": "tzirokkzpav7nb6ig7ij4" }),
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
                    "verificationRecordId": "sqk24ibftl895vwsq4b0h",
                    "registrationOptions": {
                        "rp": { "name": "localhost", "id": "localhost" },
                        "user": { "id": "aHlkaXhqcWFvZnBz", "name": "noor_hadid", "displayName": "noor_hadid" },
                        "challenge": "ms6SPXWzblt2rEIeOyRK5QZRju2KKjtHzvIMMd7I1E8",
                        "pubKeyCredParams": [{ "type": "public-key", "alg": -7 }, { "type": "public-key", "alg": -257 }],
                        "timeout": 60000,
                        "excludeCredentials": [{ "type": "public-key", "id": "pkwwQOEGY4UlKeftRACgDw", "transports": ["internal"] }],
                        "authenticatorSelection": { "requireResidentKey": true, "residentKey": "required", "userVerification": "required" },
                        "attestation": "none",
                        "extensions": { "credProps": true }
                    },
                    "expiresAt": "2025-05-06T14:19:48.084Z"
                }),
            ),
        ),
        // account-mfa.json#38
        case(
            "VerifyWebAuthnRegistration",
            invoke!(|c| {
                let body = t::VerifyWebAuthnRegistrationBody {
                    verification_record_id: "sqk24ibftl895vwsq4b0h".into(),
                    payload: t::WebAuthnRegistrationPayload {
                        r#type: t::WebAuthnRegistrationPayloadType::WebAuthn,
                        id: CRED_ID.into(),
                        raw_id: CRED_ID.into(),
                        // What a browser's `toJSON()` adds (the recorder's soft key did not).
                        response: t::WebAuthnRegistrationPayloadResponse {
                            client_data_json: CLIENT_DATA.into(),
                            attestation_object: ATTESTATION.into(),
                            authenticator_data: Some(AUTH_DATA.into()),
                            transports: Some(vec![
                                t::WebAuthnTransport::Internal,
                                t::WebAuthnTransport::Hybrid,
                            ]),
                            public_key_algorithm: Some(-7.0),
                            public_key: Some(PUBLIC_KEY.into()),
                        },
                        authenticator_attachment: Some(
                            t::WebAuthnRegistrationPayloadAuthenticatorAttachment::Platform,
                        ),
                        client_extension_results:
                            t::WebAuthnRegistrationPayloadClientExtensionResults::default(),
                    },
                };
                c.verifications().verify_web_authn_registration(body)
            }),
            Req::new("POST", "/api/verifications/web-authn/registration/verify").json(json!({
                "verificationRecordId": "sqk24ibftl895vwsq4b0h",
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
                json!({ "verificationRecordId": "sqk24ibftl895vwsq4b0h" }),
            ),
        ),
    ]
}
