//! The Experience API's `/api/experience/verification/*` calls (see `experience.rs`).

use super::experience::{case, object, verification, PASSWORD};
use super::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::experience::types as t;
use serde_json::{json, Value};

// WebAuthn ceremony values from experience-mfa.json#49 (registration), #64 and #71 (assertions).
pub(super) const CRED_ID: &str = "0WhMOuIocW1gN2vscrQ9JQ";
const REG_CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiTElaWDB5aHZqTzNHMXpUbkhqYmx5aV9vRDk3UkY3UHA0V1c3R2NaSm9qRSIsIm9yaWdpbiI6Imh0dHA6Ly8xMjcuMC4wLjE6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const REG_ATTESTATION: &str = "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViUEsoXtJryKJQ28wPgFmAwoh5SXSZuIJJnQzgBqP1AcaBFAAAAAAAAAAAAAAAAAAAAAAAAAAAAENFoTDriKHFtYDdr7HK0PSWlAQIDJiABIVggYMldjhHWscQC2jCsMK9lcae_hZqttvA69VuDDRs0LTsiWCAApyPvZTvzM6XoaUluwT9yL8pGJCOtA1jKR22REpaQZA";
const AUTH_CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiNjBUdnBEX2Q1OGRXaV9IcVYxVi1FZHJaSDAtb2RyM0ZyZzVZSTFlOG5JVSIsIm9yaWdpbiI6Imh0dHA6Ly8xMjcuMC4wLjE6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const AUTH_DATA: &str = "EsoXtJryKJQ28wPgFmAwoh5SXSZuIJJnQzgBqP1AcaAFAAAAAQ";
const AUTH_SIGNATURE: &str = "MEQCIBTh25ZlRKXEkztIhZ7PWVyWkwi76BETI0ia7SPnvK0rAiAunXrRRGKDhUTjqEO8S4xMzI6ufCpcLOJ3am8YPbEStw";
const PASSKEY_CLIENT_DATA: &str = "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiU2FlN3VxaXRPSEd1aXctUlNqME8wSEI5Mk9OMUdTaGlid0JUaWZib0JqYyIsIm9yaWdpbiI6Imh0dHA6Ly8xMjcuMC4wLjE6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0";
const PASSKEY_AUTH_DATA: &str = "EsoXtJryKJQ28wPgFmAwoh5SXSZuIJJnQzgBqP1AcaAFAAAAAg";
const PASSKEY_SIGNATURE: &str = "MEQCIF4djZcFJX_SYsv8rfPIbF69NvojNfqFPGPo72kAxvsBAiBKWdrRFkX0Fl0X-6ITHLQ3zR63fbC-kfeuwFTZ5_3IpQ";
const USER_HANDLE: &str = "YnppN2Jjbmd2ZnBw";

/// An authentication assertion payload (typed), shared by the WebAuthn and passkey verifies.
fn assertion(
    client_data: &str,
    authenticator_data: &str,
    signature: &str,
    user_handle: Option<&str>,
) -> t::VerifyWebAuthnAuthenticationVerificationBodyPayload {
    t::VerifyWebAuthnAuthenticationVerificationBodyPayload {
        r#type: t::WebAuthnType::WebAuthn,
        id: CRED_ID.into(),
        raw_id: CRED_ID.into(),
        authenticator_attachment: Some(
            t::VerifyWebAuthnRegistrationVerificationBodyPayloadAuthenticatorAttachment::Platform,
        ),
        client_extension_results: t::ClientExtensionResults::default(),
        response: t::VerifyWebAuthnAuthenticationVerificationBodyPayloadResponse {
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

/// WebAuthn authentication options as served (experience-mfa.json#63).
pub(super) fn authentication_options(challenge: &str, allow: bool) -> Value {
    let allowed = if allow {
        json!([{ "type": "public-key", "id": CRED_ID, "transports": ["internal"] }])
    } else {
        json!([])
    };
    json!({
        "challenge": challenge,
        "timeout": 60000,
        "rpId": "127.0.0.1",
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
                    identifier: t::CreatePasswordVerificationBodyIdentifier {
                        r#type: t::NewPasswordIdentityVerificationRecordIdentifierType::Email,
                        value: "testuser@example.com".into(),
                    },
                    password: PASSWORD.into(),
                };
                c.experience().create_password_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/password").json(json!({
                "identifier": { "type": "email", "value": "testuser@example.com" },
                "password": PASSWORD
            })),
            verification("ie5c2ehw3mtb71z4oxojw"),
        ),
        // experience-other-flows.json#32 (501 there: no e-mail connector; the answer is made up).
        case(
            "CreateAndSendVerificationCode",
            invoke!(|c| {
                let body = t::CreateAndSendVerificationCodeBody {
                    identifier: t::CreateAndSendVerificationCodeBodyIdentifier::Email(
                        t::EmailCreateAndSendVerificationCodeBodyIdentifier {
                            value: "testuser@example.com".into(),
                        },
                    ),
                    interaction_event:
                        t::UpdateInteractionEventBodyInteractionEvent::ForgotPassword,
                };
                c.experience().create_and_send_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/verification-code").json(json!({
                "identifier": { "type": "email", "value": "testuser@example.com" },
                "interactionEvent": "ForgotPassword"
            })),
            verification("k3v9b0cd2wq1sx7ya5ef4"),
        ),
        case(
            "CreateAndSendVerificationCode",
            invoke!(|c| {
                let body = t::CreateAndSendVerificationCodeBody {
                    identifier: t::CreateAndSendVerificationCodeBodyIdentifier::Phone(
                        t::PhoneCreateAndSendVerificationCodeBodyIdentifier {
                            value: "15550002222".into(),
                        },
                    ),
                    interaction_event: t::UpdateInteractionEventBodyInteractionEvent::SignIn,
                };
                c.experience().create_and_send_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/verification-code").json(json!({
                "identifier": { "type": "phone", "value": "15550002222" },
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
                    identifier: t::CreateAndSendVerificationCodeBodyIdentifier::Email(
                        t::EmailCreateAndSendVerificationCodeBodyIdentifier {
                            value: "testuser@example.com".into(),
                        },
                    ),
                    verification_id: "k3v9b0cd2wq1sx7ya5ef4".into(),
                    code: "123456".into(),
                };
                c.experience().verify_verification_code_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/verification-code/verify").json(json!({
                "identifier": { "type": "email", "value": "testuser@example.com" },
                "verificationId": "k3v9b0cd2wq1sx7ya5ef4",
                "code": "123456"
            })),
            verification("k3v9b0cd2wq1sx7ya5ef4"),
        ),
        // experience-other-flows.json#35
        case(
            "CreateAndSendMfaVerificationCode",
            invoke!(|c| {
                let body = t::CreateAndSendMfaVerificationCodeBody {
                    identifier_type: t::CreateAndSendMfaVerificationCodeBodyIdentifierType::Email,
                };
                c.experience().create_and_send_mfa_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/mfa-verification-code")
                .json(json!({ "identifierType": "email" })),
            verification("m2fa8code4email6rec07"),
        ),
        // experience-other-flows.json#36
        case(
            "VerifyMfaVerificationCode",
            invoke!(|c| {
                let body = t::VerifyMfaVerificationCodeBody {
                    verification_id: "m2fa8code4email6rec07".into(),
                    code: "123456".into(),
                    identifier_type: t::CreateAndSendMfaVerificationCodeBodyIdentifierType::Email,
                };
                c.experience().verify_mfa_verification_code(body)
            }),
            Req::new("POST", "/api/experience/verification/mfa-verification-code/verify").json(
                json!({ "verificationId": "m2fa8code4email6rec07", "code": "123456", "identifierType": "email" }),
            ),
            verification("m2fa8code4email6rec07"),
        ),
        // experience-other-flows.json#39 (404 there: no social connector).
        case(
            "CreateSocialVerification",
            invoke!(|c| {
                let body = t::VerificationBody {
                    state: "st".into(),
                    redirect_uri: "http://127.0.0.1:3000/social-cb".into(),
                };
                c.experience().create_social_verification(HOSTILE, body)
            }),
            Req::new(
                "POST",
                "/api/experience/verification/social/a%2Fb%3Fc%23d%20e%2F%C3%BC/authorization-uri",
            )
            .json(json!({ "state": "st", "redirectUri": "http://127.0.0.1:3000/social-cb" })),
            Reply::Json(
                200,
                json!({
                    "authorizationUri": "https://github.com/login/oauth/authorize?client_id=rec&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fsocial-cb&state=st",
                    "verificationId": "s0c1alv3r1f1cat10n0id"
                }),
            ),
        ),
        // experience-other-flows.json#40
        case(
            "VerifySocialVerification",
            invoke!(|c| {
                let body = t::VerifySocialVerificationBody {
                    connector_data: object(json!({ "code": "x", "state": "st" })),
                    verification_id: Some("s0c1alv3r1f1cat10n0id".into()),
                };
                c.experience().verify_social_verification(HOSTILE, body)
            }),
            Req::new("POST", "/api/experience/verification/social/a%2Fb%3Fc%23d%20e%2F%C3%BC/verify")
                .json(json!({
                    "connectorData": { "code": "x", "state": "st" },
                    "verificationId": "s0c1alv3r1f1cat10n0id"
                })),
            verification("s0c1alv3r1f1cat10n0id"),
        ),
        // experience-enterprise-sso.json#4
        case(
            "CreateEnterpriseSsoVerification",
            invoke!(|c| {
                let body = t::VerificationBody {
                    state: "sso-state-073048".into(),
                    redirect_uri: "http://127.0.0.1:3000/sso-callback".into(),
                };
                let call = c.experience().create_enterprise_sso_verification(HOSTILE, body);
                call
            }),
            Req::new(
                "POST",
                "/api/experience/verification/sso/a%2Fb%3Fc%23d%20e%2F%C3%BC/authorization-uri",
            )
            .json(json!({ "state": "sso-state-073048", "redirectUri": "http://127.0.0.1:3000/sso-callback" })),
            Reply::Json(
                200,
                json!({
                    "authorizationUri": "http://127.0.0.1:3001/oidc/auth?state=sso-state-073048&nonce=5w0u2vrnul16qm5vpw7du&client_id=l4mudumacf6hn4amf538s&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fsso-callback&scope=openid+profile+email",
                    "verificationId": "aur2iffnjzei9v4ngbm2q"
                }),
            ),
        ),
        // experience-enterprise-sso.json#12
        case(
            "VerifyEnterpriseSsoVerification",
            invoke!(|c| {
                let body = t::VerifyEnterpriseSsoVerificationBody {
                    connector_data: object(json!({
                        "code": "Cg8yjqE5-HK8kgnX-RyrN-PQQHbj8qQIlQ34IibbZp7",
                        "state": "sso-state-073048",
                        "iss": "http://127.0.0.1:3001/oidc"
                    })),
                    verification_id: "aur2iffnjzei9v4ngbm2q".into(),
                };
                let call = c.experience().verify_enterprise_sso_verification(HOSTILE, body);
                call
            }),
            Req::new("POST", "/api/experience/verification/sso/a%2Fb%3Fc%23d%20e%2F%C3%BC/verify")
                .json(json!({
                    "connectorData": {
                        "code": "Cg8yjqE5-HK8kgnX-RyrN-PQQHbj8qQIlQ34IibbZp7",
                        "state": "sso-state-073048",
                        "iss": "http://127.0.0.1:3001/oidc"
                    },
                    "verificationId": "aur2iffnjzei9v4ngbm2q"
                })),
            verification("aur2iffnjzei9v4ngbm2q"),
        ),
        // experience-mfa.json#7 (secret and QR code redacted there).
        case(
            "CreateTotpSecret",
            invoke!(|c| c.experience().create_totp_secret()),
            Req::new("POST", "/api/experience/verification/totp/secret"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "dfdsmvdmoehva4a6k6k10",
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
                    code: "680540".into(),
                    verification_id: Some("dfdsmvdmoehva4a6k6k10".into()),
                };
                c.experience().verify_totp_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/totp/verify")
                .json(json!({ "code": "680540", "verificationId": "dfdsmvdmoehva4a6k6k10" })),
            verification("dfdsmvdmoehva4a6k6k10"),
        ),
        // experience-mfa.json#43
        case(
            "CreateWebAuthnRegistrationVerification",
            invoke!(|c| c.experience().create_web_authn_registration_verification()),
            Req::new("POST", "/api/experience/verification/web-authn/registration"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "qgqspe6mual4j8bxss8ln",
                    "registrationOptions": {
                        "rp": { "name": "127.0.0.1", "id": "127.0.0.1" },
                        "user": { "id": USER_HANDLE, "name": "mfa_073048", "displayName": "mfa_073048" },
                        "challenge": "PBtJ9mihUkAP3knX-U0pkld2RlisLpJwoKh3dhBg2pc",
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
                    verification_id: "i662m8wdmgqcgqib81ebt".into(),
                    payload: t::VerifyWebAuthnRegistrationVerificationBodyPayload {
                        r#type: t::WebAuthnType::WebAuthn,
                        id: CRED_ID.into(),
                        raw_id: CRED_ID.into(),
                        response: t::VerifyWebAuthnRegistrationVerificationBodyPayloadResponse {
                            client_data_json: REG_CLIENT_DATA.into(),
                            attestation_object: REG_ATTESTATION.into(),
                            transports: Some(vec![t::Transport::Internal]),
                            ..Default::default()
                        },
                        authenticator_attachment: Some(
                            t::VerifyWebAuthnRegistrationVerificationBodyPayloadAuthenticatorAttachment::Platform,
                        ),
                        client_extension_results: t::ClientExtensionResults::default(),
                    },
                };
                let call = c.experience().verify_web_authn_registration_verification(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/web-authn/registration/verify").json(
                json!({
                    "verificationId": "i662m8wdmgqcgqib81ebt",
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
            verification("i662m8wdmgqcgqib81ebt"),
        ),
        // experience-mfa.json#63
        case(
            "CreateWebAuthnAuthenticationVerification",
            invoke!(|c| c.experience().create_web_authn_authentication_verification()),
            Req::new("POST", "/api/experience/verification/web-authn/authentication"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "vbn34xjsre0e28vpgz3ld",
                    "authenticationOptions": authentication_options("60TvpD_d58dWi_HqV1V-EdrZH0-odr3Frg5YI1e8nIU", true)
                }),
            ),
        ),
        // experience-mfa.json#64
        case(
            "VerifyWebAuthnAuthenticationVerification",
            invoke!(|c| {
                let body = t::VerifyWebAuthnAuthenticationVerificationBody {
                    verification_id: "vbn34xjsre0e28vpgz3ld".into(),
                    payload: assertion(AUTH_CLIENT_DATA, AUTH_DATA, AUTH_SIGNATURE, None),
                };
                let call = c.experience().verify_web_authn_authentication_verification(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/web-authn/authentication/verify").json(
                json!({
                    "verificationId": "vbn34xjsre0e28vpgz3ld",
                    "payload": assertion_json(AUTH_CLIENT_DATA, AUTH_DATA, AUTH_SIGNATURE)
                }),
            ),
            verification("vbn34xjsre0e28vpgz3ld"),
        ),
        // experience-mfa.json#77
        case(
            "CreateSignInPasskeyAuthenticationWithIdentifier",
            invoke!(|c| {
                let body = t::CreateSignInPasskeyAuthenticationWithIdentifierBody {
                    identifier: t::CreatePasswordVerificationBodyIdentifier {
                        r#type: t::NewPasswordIdentityVerificationRecordIdentifierType::Username,
                        value: "mfa_073048".into(),
                    },
                };
                let call = c.experience().create_sign_in_passkey_authentication_with_identifier(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/sign-in-passkey/authentication")
                .json(json!({ "identifier": { "type": "username", "value": "mfa_073048" } })),
            Reply::Json(
                200,
                json!({
                    "verificationId": "lzlrt64s0k3vxj60vecyf",
                    "authenticationOptions": authentication_options("GPnvi4g2B8hLZNj_Wi7d4eUfzxAwysTuCtw0bNrXiwU", true)
                }),
            ),
        ),
        // experience-mfa.json#71 (assertion with userHandle) plus #78's verificationId.
        case(
            "VerifySignInPasskeyAuthentication",
            invoke!(|c| {
                let body = t::VerifySignInPasskeyAuthenticationBody {
                    verification_id: Some("lzlrt64s0k3vxj60vecyf".into()),
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
                    json!({ "verificationId": "lzlrt64s0k3vxj60vecyf", "payload": payload })
                }),
            verification("eht6g1pmo6rj2bk0g25qo"),
        ),
        // experience-mfa.json#13 (codes redacted there).
        case(
            "GenerateBackupCodes",
            invoke!(|c| c.experience().generate_backup_codes()),
            Req::new("POST", "/api/experience/verification/backup-code/generate"),
            Reply::Json(
                200,
                json!({
                    "verificationId": "9g6pxtql6sj9uydm9ed71",
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
            verification("4vbku8faealud99c1xdus"),
        ),
        // experience-register.json#6
        case(
            "CreateNewPasswordIdentityVerification",
            invoke!(|c| {
                let body = t::CreateNewPasswordIdentityVerificationBody {
                    identifier: t::CreateNewPasswordIdentityVerificationBodyIdentifier {
                        r#type: t::CreateNewPasswordIdentityVerificationBodyIdentifierType::Username,
                        value: "reg_073048".into(),
                    },
                    password: PASSWORD.into(),
                };
                let call = c.experience().create_new_password_identity_verification(body);
                call
            }),
            Req::new("POST", "/api/experience/verification/new-password-identity").json(json!({
                "identifier": { "type": "username", "value": "reg_073048" },
                "password": PASSWORD
            })),
            verification("2lq5b8py1l3jntgtzhc82"),
        ),
        // experience-other-flows.json#11 (token redacted there).
        case(
            "VerifyOneTimeTokenVerification",
            invoke!(|c| {
                let body = t::VerifyOneTimeTokenVerificationBody {
                    identifier: t::VerifyOneTimeTokenVerificationBodyIdentifier {
                        r#type: t::EmailVerificationCodeVerificationRecordIdentifierType::Email,
                        value: "carol.073048@example.com".into(),
                    },
                    token: "ott-7Hc2kQ9xLm4".into(),
                };
                c.experience().verify_one_time_token_verification(body)
            }),
            Req::new("POST", "/api/experience/verification/one-time-token/verify").json(json!({
                "identifier": { "type": "email", "value": "carol.073048@example.com" },
                "token": "ott-7Hc2kQ9xLm4"
            })),
            verification("5djqvpjutvehcootsshtd"),
        ),
    ]
}
