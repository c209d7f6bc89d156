//! The Experience API's `/api/experience/verification/*` calls (see `experience.rs`).

use super::experience::{case, object, verification, PASSWORD};
use super::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::experience::types as t;
use serde_json::{json, Value};

// WebAuthn ceremony values shaped like experience-mfa.json#49 (registration), #64 and #71
// (assertions), all invented: a P-256 key made for these tests, rpId `localhost`, origin
// `http://localhost:3001`; each clientDataJSON carries the challenge of the matching options and
// the signatures verify against that key.
pub(super) const CRED_ID: &str = "pkwwQOEGY4UlKeftRACgDw";
const REG_CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoidXZuNE92NVFuX3NhT0R6bG5BT2FReTdGNUxRd0ZjTTdJMkxCRFJtX3NFTSIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const REG_ATTESTATION: &str = "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViUSZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEKZMMEDhBmOFJSnn7UQAoA-lAQIDJiABIVgg7YUyTADnvYjIJ5ew6fePsWri6vMMclXvuOED0McYaVMiWCCDqNtYf8f1WTekdFpmU-E3-BqNlNzLfmUwTwK0jK3Lpg";
const AUTH_CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiaEhNU0h6VWZLSTAxZy15ZVVTc3lsRFlCUGw1cHRTVzVSRldvNWZSdXhXbyIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const AUTH_DATA: &str = "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ";
const AUTH_SIGNATURE: &str = "MEQCIAHw7qqPX_dL7oI9aau42-fDjFaN2hCcY86LMYskbeLIAiA0vBXxs7UY0qP1Td9RyFfnPhE6kuEZFLn3z6_kraU4Vg";
const PASSKEY_CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoieFNKYTRlYWhXLUt0MGZUaVdsei1QaWo4MFJKajFWMEZ4ZUd0Z2dxOFdQRSIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const PASSKEY_AUTH_DATA: &str = "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAg";
const PASSKEY_SIGNATURE: &str = "MEUCIGPySjzysAFQ0haB_DIX9ruaJ83Lg-jBGHgk7wPjHBMVAiEAs9721STTueewlsP-mrYlh41W0lQWu-7Hn1lsKsLN73c";
const USER_HANDLE: &str = "aHlkaXhqcWFvZnBz";

/// An authentication assertion payload (typed), shared by the WebAuthn and passkey verifies.
fn assertion(
    client_data: &str,
    authenticator_data: &str,
    signature: &str,
    user_handle: Option<&str>,
) -> t::WebAuthnAuthenticationPayload {
    t::WebAuthnAuthenticationPayload {
        r#type: t::WebAuthnAuthenticationPayloadType::WebAuthn,
        id: CRED_ID.into(),
        raw_id: CRED_ID.into(),
        authenticator_attachment: Some(t::AuthenticatorAttachment::Platform),
        client_extension_results: t::ClientExtensionResults::default(),
        response: t::WebAuthnAuthenticationPayloadResponse {
            client_data_json: client_data.into(),
            authenticator_data: authenticator_data.into(),
            signature: signature.into(),
            user_handle: user_handle.map(Into::into),
        },
    }
}

/// The wire form of `assertion(..)`.
fn assertion_json(client_data: &str, authenticator_data: &str, signature: &str) -> Value {
    json!({
        "type": "WebAuthn",
        "id": CRED_ID,
        "rawId": CRED_ID,
        "authenticatorAttachment": "platform",
        "clientExtensionResults": {},
        "response": {
            "clientDataJSON": client_data,
            "authenticatorData": authenticator_data,
            "signature": signature
        }
    })
}

/// WebAuthn authentication options shaped as served (experience-mfa.json#63).
pub(super) fn authentication_options(challenge: &str, allow: bool) -> Value {
    let allowed = if allow {
        json!([{ "type": "public-key", "id": CRED_ID, "transports": ["internal"] }])
    } else {
        json!([])
    };
    json!({
        "challenge": challenge,
        "timeout": 60000,
        "rpId": "localhost",
        "allowCredentials": allowed,
        "userVerification": "required"
    })
}

/// The `/api/experience/verification/*` calls.
pub fn cases() -> Vec<Case> {
    vec![
        // experience-sign-in.json#17
        case(
            "CreatePasswordVerification",
            invoke!(|c| {
                let body = t::CreatePasswordVerificationBody {
                    identifier: t::PasswordIdentifier {
                        r#type: t::SignInIdentifierType::Email,
                        value: "lena.park@example.org".into(),
                    },
                    password: PASSWORD.into(),
                };
                c.experience().create_password_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/password").json(json!({
                "identifier": { "type": "email", "value": "lena.park@example.org" },
                "password": PASSWORD
            })),
            verification("ibbtdd0gdmsaur44nam73"),
        ),
        // experience-other-flows.json#32 (501 there: no e-mail connector; the answer is made up).
        case(
            "CreateAndSendVerificationCode",
            invoke!(|c| {
                let body = t::CreateAndSendVerificationCodeBody {
                    identifier: t::VerificationCodeTarget::Email(
                        t::VerificationCodeTargetEmail {
                            value: "lena.park@example.org".into(),
                        },
                    ),
                    interaction_event:
                        t::InteractionEvent::ForgotPassword,
                };
                c.experience().create_and_send_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/verification-code").json(json!({
                "identifier": { "type": "email", "value": "lena.park@example.org" },
                "interactionEvent": "ForgotPassword"
            })),
            verification("k3v9b0cd2wq1sx7ya5ef4"),
        ),
        case(
            "CreateAndSendVerificationCode",
            invoke!(|c| {
                let body = t::CreateAndSendVerificationCodeBody {
                    identifier: t::VerificationCodeTarget::Phone(
                        t::VerificationCodeTargetPhone {
                            value: "15550198347".into(),
                        },
                    ),
                    interaction_event: t::InteractionEvent::SignIn,
                };
                c.experience().create_and_send_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/verification-code").json(json!({
                "identifier": { "type": "phone", "value": "15550198347" },
                "interactionEvent": "SignIn"
            })),
            verification("p0hx2m5ne8rt4qz6uw1ya"),
        )
        .variant("phone"),
        // experience-other-flows.json#33
        case(
            "VerifyVerificationCodeVerification",
            invoke!(|c| {
                let body = t::VerifyVerificationCodeVerificationBody {
                    identifier: t::VerificationCodeTarget::Email(
                        t::VerificationCodeTargetEmail {
                            value: "lena.park@example.org".into(),
                        },
                    ),
                    verification_id: "k3v9b0cd2wq1sx7ya5ef4".into(),
                    code: "482913".into(),
                };
                c.experience().verify_verification_code_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/verification-code/verify").json(json!({
                "identifier": { "type": "email", "value": "lena.park@example.org" },
                "verificationId": "k3v9b0cd2wq1sx7ya5ef4",
                "code": "482913"
            })),
            verification("k3v9b0cd2wq1sx7ya5ef4"),
        ),
        // experience-other-flows.json#35
        case(
            "CreateAndSendMfaVerificationCode",
            invoke!(|c| {
                let body = t::CreateAndSendMfaVerificationCodeBody {
                    identifier_type: t::MfaIdentifierType::Email,
                };
                c.experience().create_and_send_mfa_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/mfa-verification-code")
                .json(json!({ "identifierType": "email" })),
            verification("curm8djhts4vbx44lx76m"),
        ),
        // experience-other-flows.json#36
        case(
            "VerifyMfaVerificationCode",
            invoke!(|c| {
                let body = t::VerifyMfaVerificationCodeBody {
                    verification_id: "curm8djhts4vbx44lx76m".into(),
                    code: "482913".into(),
                    identifier_type: t::MfaIdentifierType::Email,
                };
                c.experience().verify_mfa_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/mfa-verification-code/verify").json(
                json!({ "verificationId": "curm8djhts4vbx44lx76m", "code": "482913", "identifierType": "email" }),
            ),
            verification("curm8djhts4vbx44lx76m"),
        ),
        // experience-other-flows.json#39 (404 there: no social connector).
        case(
            "CreateSocialVerification",
            invoke!(|c| {
                let body = t::SocialAuthorizationBody {
                    state: "st".into(),
                    redirect_uri: "https://app.example.com/callback/social".into(),
                };
                c.experience().create_social_verification(HOSTILE, body)
            }),
            Req::new(
                "POST",
                "/api/experience/verification/social/a%2Fb%3Fc%23d%20e%2F%C3%BC/authorization-uri",
            )
            .json(json!({ "state": "st", "redirectUri": "https://app.example.com/callback/social" })),
            Reply::Json(
                200,
                json!({
                    "authorizationUri": "https://github.com/login/oauth/authorize?client_id=gh-app-77&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2Fsocial&state=st",
                    "verificationId": "o871jfunk6k6u1s9dfwx4"
                }),
            ),
        ),
        // experience-other-flows.json#40
        case(
            "VerifySocialVerification",
            invoke!(|c| {
                let body = t::VerifySocialVerificationBody {
                    connector_data: object(json!({ "code": "x", "state": "st" })),
                    verification_id: Some("o871jfunk6k6u1s9dfwx4".into()),
                };
                c.experience().verify_social_verification(HOSTILE, body)
            }),
            Req::new("POST", "/api/experience/verification/social/a%2Fb%3Fc%23d%20e%2F%C3%BC/verify")
                .json(json!({
                    "connectorData": { "code": "x", "state": "st" },
                    "verificationId": "o871jfunk6k6u1s9dfwx4"
                })),
            verification("o871jfunk6k6u1s9dfwx4"),
        ),
        // experience-enterprise-sso.json#4
        case(
            "CreateEnterpriseSsoVerification",
            invoke!(|c| {
                let body = t::SocialAuthorizationBody {
                    state: "sso-state-9d2c41".into(),
                    redirect_uri: "https://app.example.com/callback/sso".into(),
                };
                let call = c.experience().create_enterprise_sso_verification(HOSTILE, body);
                call
            }),
            Req::new(
                "POST",
                "/api/experience/verification/sso/a%2Fb%3Fc%23d%20e%2F%C3%BC/authorization-uri",
            )
            .json(json!({ "state": "sso-state-9d2c41", "redirectUri": "https://app.example.com/callback/sso" })),
            Reply::Json(
                200,
                json!({
                    "authorizationUri": "https://auth.example.org/oidc/auth?state=sso-state-9d2c41&nonce=1ekwmwkz64xe1t8roq9og&client_id=ag3ba4gwfc3v7j755bp49&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2Fsso&scope=openid+profile+email",
                    "verificationId": "tzql8i1n2fvu0i3xx0bzn"
                }),
            ),
        ),
        // experience-enterprise-sso.json#12
        case(
            "VerifyEnterpriseSsoVerification",
            invoke!(|c| {
                let body = t::VerifyEnterpriseSsoVerificationBody {
                    connector_data: object(json!({
                        "code": "6PmPSQpSEIlcnoEmx_gwsmr_mYVJ_6WSpC9GYXDcg4B",
                        "state": "sso-state-9d2c41",
                        "iss": "https://auth.example.org/oidc"
                    })),
                    verification_id: "tzql8i1n2fvu0i3xx0bzn".into(),
                };
                let call = c.experience().verify_enterprise_sso_verification(HOSTILE, body);
                call
            }),
            Req::new("POST", "/api/experience/verification/sso/a%2Fb%3Fc%23d%20e%2F%C3%BC/verify")
                .json(json!({
                    "connectorData": {
                        "code": "6PmPSQpSEIlcnoEmx_gwsmr_mYVJ_6WSpC9GYXDcg4B",
                        "state": "sso-state-9d2c41",
                        "iss": "https://auth.example.org/oidc"
                    },
                    "verificationId": "tzql8i1n2fvu0i3xx0bzn"
                })),
            verification("tzql8i1n2fvu0i3xx0bzn"),
        ),
        // experience-mfa.json#7 (secret and QR code redacted there).
        case(
            "CreateTotpSecret",
            invoke!(|c| c.experience().create_totp_secret()),
            Req::new("POST", "/api/experience/verification/totp/secret"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "1kir0gshyl5sn3pkzjli4",
                    "secret": "JBSWY3DPEHPK3PXP",
                    "secretQrCode": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
                }),
            ),
        ),
        // experience-mfa.json#9
        case(
            "VerifyTotpVerification",
            invoke!(|c| {
                let body = t::VerifyTotpVerificationBody {
                    code: "517204".into(),
                    verification_id: Some("1kir0gshyl5sn3pkzjli4".into()),
                };
                c.experience().verify_totp_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/totp/verify")
                .json(json!({ "code": "517204", "verificationId": "1kir0gshyl5sn3pkzjli4" })),
            verification("1kir0gshyl5sn3pkzjli4"),
        ),
        // experience-mfa.json#43
        case(
            "CreateWebAuthnRegistrationVerification",
            invoke!(|c| c.experience().create_web_authn_registration_verification()),
            Req::new("POST", "/api/experience/verification/web-authn/registration"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "8tsjkinjo13q6s287ram6",
                    "registrationOptions": {
                        "rp": { "name": "localhost", "id": "localhost" },
                        "user": { "id": USER_HANDLE, "name": "noor_hadid", "displayName": "noor_hadid" },
                        "challenge": "uvn4Ov5Qn_saODzlnAOaQy7F5LQwFcM7I2LBDRm_sEM",
                        "pubKeyCredParams": [
                            { "type": "public-key", "alg": -7 },
                            { "type": "public-key", "alg": -257 }
                        ],
                        "timeout": 60000,
                        "excludeCredentials": [],
                        "authenticatorSelection": {
                            "requireResidentKey": true,
                            "residentKey": "required",
                            "userVerification": "required"
                        },
                        "attestation": "none",
                        "extensions": { "credProps": true }
                    }
                }),
            ),
        ),
        // experience-mfa.json#49
        case(
            "VerifyWebAuthnRegistrationVerification",
            invoke!(|c| {
                let body = t::VerifyWebAuthnRegistrationVerificationBody {
                    verification_id: "ue11rb4pvp3bn880pzcy7".into(),
                    payload: t::WebAuthnRegistrationPayload {
                        r#type: t::WebAuthnRegistrationPayloadType::WebAuthn,
                        id: CRED_ID.into(),
                        raw_id: CRED_ID.into(),
                        response: t::WebAuthnRegistrationPayloadResponse {
                            client_data_json: REG_CLIENT_DATA.into(),
                            attestation_object: REG_ATTESTATION.into(),
                            transports: Some(vec![t::WebAuthnTransport::Internal]),
                            ..Default::default()
                        },
                        authenticator_attachment: Some(
                            t::AuthenticatorAttachment::Platform,
                        ),
                        client_extension_results: t::ClientExtensionResults::default(),
                    },
                };
                let call = c.experience().verify_web_authn_registration_verification(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/web-authn/registration/verify").json(
                json!({
                    "verificationId": "ue11rb4pvp3bn880pzcy7",
                    "payload": {
                        "type": "WebAuthn",
                        "id": CRED_ID,
                        "rawId": CRED_ID,
                        "authenticatorAttachment": "platform",
                        "clientExtensionResults": {},
                        "response": {
                            "clientDataJSON": REG_CLIENT_DATA,
                            "attestationObject": REG_ATTESTATION,
                            "transports": ["internal"]
                        }
                    }
                }),
            ),
            verification("ue11rb4pvp3bn880pzcy7"),
        ),
        // experience-mfa.json#63
        case(
            "CreateWebAuthnAuthenticationVerification",
            invoke!(|c| c.experience().create_web_authn_authentication_verification()),
            Req::new("POST", "/api/experience/verification/web-authn/authentication"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "wzlfrie5s5180oefi2l3w",
                    "authenticationOptions": authentication_options("hHMSHzUfKI01g-yeUSsylDYBPl5ptSW5RFWo5fRuxWo", true)
                }),
            ),
        ),
        // experience-mfa.json#64
        case(
            "VerifyWebAuthnAuthenticationVerification",
            invoke!(|c| {
                let body = t::VerifyWebAuthnAuthenticationVerificationBody {
                    verification_id: "wzlfrie5s5180oefi2l3w".into(),
                    payload: assertion(AUTH_CLIENT_DATA, AUTH_DATA, AUTH_SIGNATURE, None),
                };
                let call = c.experience().verify_web_authn_authentication_verification(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/web-authn/authentication/verify").json(
                json!({
                    "verificationId": "wzlfrie5s5180oefi2l3w",
                    "payload": assertion_json(AUTH_CLIENT_DATA, AUTH_DATA, AUTH_SIGNATURE)
                }),
            ),
            verification("wzlfrie5s5180oefi2l3w"),
        ),
        // experience-mfa.json#77
        case(
            "CreateSignInPasskeyAuthenticationWithIdentifier",
            invoke!(|c| {
                let body = t::CreateSignInPasskeyAuthenticationWithIdentifierBody {
                    identifier: t::PasswordIdentifier {
                        r#type: t::SignInIdentifierType::Username,
                        value: "noor_hadid".into(),
                    },
                };
                let call = c.experience().create_sign_in_passkey_authentication_with_identifier(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/sign-in-passkey/authentication")
                .json(json!({ "identifier": { "type": "username", "value": "noor_hadid" } })),
            Reply::Json(
                200,
                json!({
                    "verificationId": "5clph32ur7ln53pd9varw",
                    "authenticationOptions": authentication_options("eE5YpswmKabE2b0ptuULjonDeGABviloemvYdMo6JF4", true)
                }),
            ),
        ),
        // experience-mfa.json#71 (assertion with userHandle) plus #78's verificationId.
        case(
            "VerifySignInPasskeyAuthentication",
            invoke!(|c| {
                let body = t::VerifySignInPasskeyAuthenticationBody {
                    verification_id: Some("5clph32ur7ln53pd9varw".into()),
                    payload: assertion(
                        PASSKEY_CLIENT_DATA,
                        PASSKEY_AUTH_DATA,
                        PASSKEY_SIGNATURE,
                        Some(USER_HANDLE),
                    ),
                };
                let call = c.experience().verify_sign_in_passkey_authentication(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/sign-in-passkey/authentication/verify")
                .json({
                    let mut payload =
                        assertion_json(PASSKEY_CLIENT_DATA, PASSKEY_AUTH_DATA, PASSKEY_SIGNATURE);
                    payload["response"]["userHandle"] = json!(USER_HANDLE);
                    json!({ "verificationId": "5clph32ur7ln53pd9varw", "payload": payload })
                }),
            verification("zew3b6oa0ii87698ytzrb"),
        ),
        // experience-mfa.json#13 (codes redacted there).
        case(
            "GenerateBackupCodes",
            invoke!(|c| c.experience().generate_backup_codes()),
            Req::new("POST", "/api/experience/verification/backup-code/generate"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "3cbhhhpwdmnu4q28jslmb",
                    "codes": ["a1b2c3d4e5", "f6g7h8i9j0", "k1l2m3n4o5", "p6q7r8s9t0", "u1v2w3x4y5",
                              "z6a7b8c9d0", "e1f2g3h4i5", "j6k7l8m9n0", "o1p2q3r4s5", "t6u7v8w9x0"]
                }),
            ),
        ),
        // experience-mfa.json#32
        case(
            "VerifyBackupCode",
            invoke!(|c| {
                let body = t::VerifyBackupCodeBody { code: "a1b2c3d4e5".into() };
                c.experience().verify_backup_code(body)
            }),
            Req::new("POST", "/api/experience/verification/backup-code/verify")
                .json(json!({ "code": "a1b2c3d4e5" })),
            verification("5vngcngsuu2stuzu6r5hx"),
        ),
        // experience-register.json#6
        case(
            "CreateNewPasswordIdentityVerification",
            invoke!(|c| {
                let body = t::CreateNewPasswordIdentityVerificationBody {
                    identifier: t::NewIdentityIdentifier {
                        r#type: t::NewIdentityIdentifierType::Username,
                        value: "tomas_k".into(),
                    },
                    password: PASSWORD.into(),
                };
                let call = c.experience().create_new_password_identity_verification(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/new-password-identity").json(json!({
                "identifier": { "type": "username", "value": "tomas_k" },
                "password": PASSWORD
            })),
            verification("wa3yy8dx3s4kc4o499oya"),
        ),
        // experience-other-flows.json#11 (token redacted there).
        case(
            "VerifyOneTimeTokenVerification",
            invoke!(|c| {
                let body = t::VerifyOneTimeTokenVerificationBody {
                    identifier: t::VerifyOneTimeTokenVerificationBodyIdentifier {
                        r#type: t::VerifyOneTimeTokenVerificationBodyIdentifierType::Email,
                        value: "orla.brennan@example.com".into(),
                    },
                    token: "ott-7Hc2kQ9xLm4".into(),
                };
                c.experience().verify_one_time_token_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/one-time-token/verify").json(json!({
                "identifier": { "type": "email", "value": "orla.brennan@example.com" },
                "token": "ott-7Hc2kQ9xLm4"
            })),
            verification("hav1oo8e9fj60n8o26qbh"),
        ),
    ]
}
