//! The 37 Experience API operations (`spec/experience.json`): the interaction flow and the
//! profile calls here, the `/verification/*` calls in `experience_verify.rs`. Bodies and answers
//! come from the recordings (file#index noted); secrets the recorder redacted are replaced by
//! plausible values.

use super::experience_verify::{authentication_options, CRED_ID};
use super::{Case, Doc, ExpectedRequest as Req, Part, Reply};
use logto_api::experience::types as t;
use logto_api::FilePart;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub(super) fn case(op: &'static str, call: super::Invoke, request: Req, reply: Reply) -> Case {
    Case::new(Doc::Experience, op, call, request, reply)
}

/// A free-form JSON object (`connectorData`, `values`) as the generated map type.
pub(super) fn object(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).expect("a JSON object")
}

/// `{"verificationId": id}`, the answer of most verification calls.
pub(super) fn verification(id: &str) -> Reply {
    Reply::Json(200, json!({ "verificationId": id }))
}

pub const PASSWORD: &str = "Rec0rder-Passw0rd!";
pub const SVG: &[u8] =
    br#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>"#;

pub fn cases() -> Vec<Case> {
    let mut cases = flow_cases();
    cases.extend(super::experience_verify::cases());
    cases.extend(profile_cases());
    cases
}

/// Interaction lifecycle: start, switch event, identify, submit, inspect.
fn flow_cases() -> Vec<Case> {
    vec![
        // experience-sign-in.json#10; captchaToken set to cover the optional field.
        case(
            "InitInteraction",
            invoke!(|c| {
                let body = t::InitInteractionBody {
                    interaction_event: t::InteractionEvent::SignIn,
                    captcha_token: Some("captcha-token-073048".into()),
                };
                c.experience().init_interaction(body)
            }),
            Req::new("PUT", "/api/experience").json(
                json!({ "interactionEvent": "SignIn", "captchaToken": "captcha-token-073048" }),
            ),
            Reply::Empty(204),
        ),
        // experience-sign-in.json#30
        case(
            "UpdateInteractionEvent",
            invoke!(|c| {
                let body = t::UpdateInteractionEventBody {
                    interaction_event: t::UpdateInteractionEventBodyInteractionEvent::SignIn,
                };
                c.experience().update_interaction_event(body)
            }),
            Req::new("PUT", "/api/experience/interaction-event")
                .json(json!({ "interactionEvent": "SignIn" })),
            Reply::Empty(204),
        ),
        // experience-mfa.json#5: a Register identification answers 201 `Created` as text.
        case(
            "IdentifyUser",
            invoke!(|c| {
                let body = t::IdentifyUserBody {
                    verification_id: Some("e1r9xqg0lak26mdz9sm3x".into()),
                    ..Default::default()
                };
                c.experience().identify_user(body)
            }),
            Req::new("POST", "/api/experience/identification")
                .json(json!({ "verificationId": "e1r9xqg0lak26mdz9sm3x" })),
            Reply::Text(201, "Created"),
        ),
        // experience-sign-in.json#21: a SignIn identification answers 204.
        case(
            "IdentifyUser",
            invoke!(|c| {
                let body = t::IdentifyUserBody {
                    verification_id: Some("bz1410me5591uoovzf83l".into()),
                    link_social_identity: Some(true),
                };
                c.experience().identify_user(body)
            }),
            Req::new("POST", "/api/experience/identification").json(
                json!({ "verificationId": "bz1410me5591uoovzf83l", "linkSocialIdentity": true }),
            ),
            Reply::EmptyText(204),
        )
        .variant("204, linkSocialIdentity"),
        // experience-sign-in.json#24
        case(
            "SubmitInteraction",
            invoke!(|c| c.experience().submit_interaction()),
            Req::new("POST", "/api/experience/submit"),
            Reply::Json(
                200,
                json!({ "redirectTo": "http://127.0.0.1:3001/oidc/auth/mekCqSqN-PeIVxaOPJsF-K8EORP71Dc2B_zMgXMbj3k" }),
            ),
        ),
        // experience-other-flows.json#29: ForgotPassword submits answer 204.
        case(
            "SubmitInteraction",
            invoke!(|c| c.experience().submit_interaction()),
            Req::new("POST", "/api/experience/submit"),
            Reply::Empty(204),
        )
        .variant("204"),
        // experience-enterprise-sso.json#13
        case(
            "GetInteraction",
            invoke!(|c| c.experience().get_interaction()),
            Req::new("GET", "/api/experience/interaction"),
            Reply::Json(
                200,
                json!({
                    "interactionEvent": "SignIn",
                    "profile": {},
                    "verificationRecords": [{
                        "id": "aur2iffnjzei9v4ngbm2q",
                        "connectorId": "javu1gqj9vf9",
                        "type": "EnterpriseSso",
                        "enterpriseSsoUserInfo": {
                            "id": "apr6f7q3ig6j",
                            "email": "idp.073048@sso073048.example.com",
                            "name": "IdP Person",
                            "username": "rec_idp_073048",
                            "createdAt": 1795332722745_u64,
                            "updatedAt": 1795332722940_u64,
                            "preferredUsername": "rec_idp_073048"
                        },
                        "issuer": "http://127.0.0.1:3001/oidc"
                    }, {
                        "id": "dfdsmvdmoehva4a6k6k10",
                        "type": "Totp",
                        "userId": "bzi7bcngvfpp",
                        "verified": true
                    }],
                    "mfa": { "mfaEnabled": true, "totp": { "type": "Totp" } },
                    "signInContext": { "ip": "127.0.0.1" },
                    "captcha": { "verified": false, "skipped": true }
                }),
            ),
        ),
        // experience-enterprise-sso.json#3; a `+` in the address checks query encoding.
        case(
            "GetEnabledSsoConnectors",
            invoke!(|c| {
                let email = "idp+073048@sso073048.example.com";
                c.experience()
                .get_enabled_sso_connectors(email)
            }),
            Req::new("GET", "/api/experience/sso-connectors")
                .query(&[("email", "idp+073048@sso073048.example.com")]),
            Reply::Json(200, json!({ "connectorIds": ["javu1gqj9vf9"] })),
        ),
        // Reserved characters in a query value must survive as data.
        case(
            "GetEnabledSsoConnectors",
            invoke!(|c| {
                let email = "a&b=c#d e+ü@example.com";
                c.experience().get_enabled_sso_connectors(email)
            }),
            Req::new("GET", "/api/experience/sso-connectors")
                .query(&[("email", "a&b=c#d e+ü@example.com")]),
            Reply::Json(200, json!({ "connectorIds": [] })),
        )
        .variant("hostile query value"),
        // A record type newer than the spec must be kept as sent (the union's Unknown branch),
        // next to a bound WebAuthn factor (experience-mfa.json#49's credential).
        case(
            "GetInteraction",
            invoke!(|c| c.experience().get_interaction()),
            Req::new("GET", "/api/experience/interaction"),
            Reply::Json(
                200,
                json!({
                    "interactionEvent": "SignIn",
                    "userId": "bzi7bcngvfpp",
                    "profile": { "username": null, "primaryEmail": "mfa@example.com" },
                    "verificationRecords": [
                        { "id": "f8k2m4p6r8t0v2x4z6b8d", "type": "FutureFactor", "verified": true, "extra": { "n": 1 } }
                    ],
                    "mfa": {
                        "mfaSkipped": false,
                        "webAuthn": [{
                            "type": "WebAuthn",
                            "rpId": "127.0.0.1",
                            "credentialId": CRED_ID,
                            "publicKey": "pQECAyYgASFYIGDJXY4R1rHEAtowrDCvZXGnv4WarbbwOvVbgw0bNC07Ilgg",
                            "transports": ["internal", "hybrid"],
                            "counter": 3,
                            "agent": "Mozilla/5.0 (X11; Linux x86_64)",
                            "name": "Recorder soft key"
                        }]
                    },
                    "signInContext": { "ip": "127.0.0.1" },
                    "captcha": { "verified": true, "skipped": false }
                }),
            ),
        )
        .variant("unknown record type, WebAuthn factor"),
        // experience-mfa.json#70
        case(
            "CreateSignInPasskeyAuthentication",
            invoke!(|c| c.experience()
                            .create_sign_in_passkey_authentication()),
            Req::new(
                "POST",
                "/api/experience/preflight/sign-in-passkey/authentication",
            ),
            Reply::Json(
                200,
                json!({ "authenticationOptions": authentication_options("Sae7uqitOHGuiw-RSj0O0HB92ON1GShibwBTifboBjc", false) }),
            ),
        ),
    ]
}

/// Profile and MFA binding (`/api/experience/profile*`, avatar upload).
fn profile_cases() -> Vec<Case> {
    vec![
        // experience-register.json#10
        case(
            "AddUserProfile",
            invoke!(|c| {
                let body = t::AddUserProfileBody::ExtraProfile(t::ExtraProfileAddUserProfileBody {
                    values: object(json!({ "name": "Registered Via Recorder" })),
                });
                c.experience().add_user_profile(body)
            }),
            Req::new("POST", "/api/experience/profile").json(
                json!({ "type": "extraProfile", "values": { "name": "Registered Via Recorder" } }),
            ),
            Reply::Empty(204),
        ),
        // experience-other-flows.json#14
        case(
            "AddUserProfile",
            invoke!(|c| {
                let body = t::AddUserProfileBody::Username(t::UsernameAddUserProfileBody {
                    value: "rec_carol_073048".into(),
                });
                c.experience().add_user_profile(body)
            }),
            Req::new("POST", "/api/experience/profile")
                .json(json!({ "type": "username", "value": "rec_carol_073048" })),
            Reply::Empty(204),
        )
        .variant("username"),
        // experience-other-flows.json#47 (400 there: no storage provider).
        case(
            "UploadExperienceAvatar",
            invoke!(|c| {
                let body = t::UploadExperienceAvatarBody {
                    file: Some(FilePart::new(SVG, "avatar.svg", "image/svg+xml")),
                };
                c.experience().upload_experience_avatar().body(body)
            }),
            Req::new("POST", "/api/experience/user-assets/avatar").multipart(vec![Part {
                name: "file",
                file_name: Some("avatar.svg"),
                content_type: Some("image/svg+xml"),
                data: SVG,
            }]),
            Reply::Json(
                200,
                json!({ "url": "https://assets.example.com/avatars/avatar.svg" }),
            ),
        ),
        // experience-other-flows.json#28
        case(
            "ResetUserPassword",
            invoke!(|c| {
                let body = t::ResetUserPasswordBody {
                    password: PASSWORD.into(),
                };
                c.experience().reset_user_password(body)
            }),
            Req::new("PUT", "/api/experience/profile/password")
                .json(json!({ "password": PASSWORD })),
            Reply::Empty(204),
        ),
        // experience-mfa.json#51
        case(
            "MarkMfaEnabled",
            invoke!(|c| c.experience().mark_mfa_enabled()),
            Req::new("POST", "/api/experience/profile/mfa/mfa-enabled"),
            Reply::Empty(204),
        ),
        // experience-enterprise-sso.json#10
        case(
            "SkipMfaBindingFlow",
            invoke!(|c| c.experience().skip_mfa_binding_flow()),
            Req::new("POST", "/api/experience/profile/mfa/mfa-skipped"),
            Reply::Empty(204),
        ),
        // experience-mfa.json#52
        case(
            "SkipMfaSuggestion",
            invoke!(|c| c.experience().skip_mfa_suggestion()),
            Req::new("POST", "/api/experience/profile/mfa/mfa-suggestion-skipped"),
            Reply::Empty(204),
        ),
        // experience-mfa.json#53
        case(
            "SkipPasskeyBinding",
            invoke!(|c| c.experience().skip_passkey_binding()),
            Req::new("POST", "/api/experience/profile/mfa/passkey-skipped"),
            Reply::Empty(204),
        ),
        // experience-mfa.json#82
        case(
            "BindPasskey",
            invoke!(|c| {
                let body = t::PasswordVerification {
                    verification_id: "sh8emp5xcm3e6asucdwhb".into(),
                };
                c.experience().bind_passkey(body)
            }),
            Req::new("POST", "/api/experience/profile/mfa/passkey")
                .json(json!({ "verificationId": "sh8emp5xcm3e6asucdwhb" })),
            Reply::Empty(204),
        ),
        // experience-mfa.json#50
        case(
            "BindMfaVerification",
            invoke!(|c| {
                let body = t::BindMfaVerificationBody {
                    r#type: t::BindMfaVerificationBodyType::WebAuthn,
                    verification_id: "i662m8wdmgqcgqib81ebt".into(),
                };
                c.experience().bind_mfa_verification(body)
            }),
            Req::new("POST", "/api/experience/profile/mfa")
                .json(json!({ "type": "WebAuthn", "verificationId": "i662m8wdmgqcgqib81ebt" })),
            Reply::Empty(204),
        ),
    ]
}
