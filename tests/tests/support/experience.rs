//! The 37 Experience API operations (`spec/experience.json`): the interaction flow and the
//! profile calls here, the `/verification/*` calls in `experience_verify.rs`. Each body and answer
//! has the shape of the recorded exchange noted as file#index, but every value in it (ids, names,
//! addresses, codes, tokens, times, WebAuthn data) is invented for these tests.

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

pub const PASSWORD: &str = "Lantern-Qu1ll-88!";
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
                    captcha_token: Some("captcha-token-5b81fe".into()),
                };
                c.experience().init_interaction(body)
            }),
            Req::new("PUT", "/api/experience").json(
                json!({ "interactionEvent": "SignIn", "captchaToken": "captcha-token-5b81fe" }),
            ),
            Reply::Empty(204),
        ),
        // experience-sign-in.json#30
        case(
            "UpdateInteractionEvent",
            invoke!(|c| {
                let body = t::UpdateInteractionEventBody {
                    interaction_event: t::InteractionEvent::SignIn,
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
                    verification_id: Some("6pycdybk155oxtz7q74sv".into()),
                    ..Default::default()
                };
                c.experience().identify_user(body)
            }),
            Req::new("POST", "/api/experience/identification")
                .json(json!({ "verificationId": "6pycdybk155oxtz7q74sv" })),
            Reply::Text(201, "Created"),
        ),
        // experience-sign-in.json#21: a SignIn identification answers 204.
        case(
            "IdentifyUser",
            invoke!(|c| {
                let body = t::IdentifyUserBody {
                    verification_id: Some("iz7x1o9ro5nzqdg2w3ll9".into()),
                    link_social_identity: Some(true),
                };
                c.experience().identify_user(body)
            }),
            Req::new("POST", "/api/experience/identification").json(
                json!({ "verificationId": "iz7x1o9ro5nzqdg2w3ll9", "linkSocialIdentity": true }),
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
                json!({ "redirectTo": "https://auth.example.org/oidc/auth/L3RwoFLbfTFoLiMQCxukSW08H6FB5D2MQT9XzW_T-oJ" }),
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
                        "id": "tzql8i1n2fvu0i3xx0bzn",
                        "connectorId": "lzi8usml37mj",
                        "type": "EnterpriseSso",
                        "enterpriseSsoUserInfo": {
                            "id": "ry8w69nj322g",
                            "email": "ines.vidal@sso.example.org",
                            "name": "Ines Vidal",
                            "username": "ines_vidal",
                            "createdAt": 1746540559864_u64,
                            "updatedAt": 1746540560059_u64,
                            "preferredUsername": "ines_vidal"
                        },
                        "issuer": "https://auth.example.org/oidc"
                    }, {
                        "id": "1kir0gshyl5sn3pkzjli4",
                        "type": "Totp",
                        "userId": "hydixjqaofps",
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
                let email = "ines+sso@sso.example.org";
                c.experience()
                .get_enabled_sso_connectors(email)
            }),
            Req::new("GET", "/api/experience/sso-connectors")
                .query(&[("email", "ines+sso@sso.example.org")]),
            Reply::Json(200, json!({ "connectorIds": ["lzi8usml37mj"] })),
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
                    "userId": "hydixjqaofps",
                    "profile": { "username": null, "primaryEmail": "noor.hadid@example.org" },
                    "verificationRecords": [
                        { "id": "f8k2m4p6r8t0v2x4z6b8d", "type": "FutureFactor", "verified": true, "extra": { "n": 1 } }
                    ],
                    "mfa": {
                        "mfaSkipped": false,
                        "webAuthn": [{
                            "type": "WebAuthn",
                            "rpId": "localhost",
                            "credentialId": CRED_ID,
                            "publicKey": "pQECAyYgASFYIO2FMkwA572IyCeXsOn3j7Fq4urzDHJV77jhA9DHGGlTIlggg6jbWH_H9Vk3pHRaZlPhN_gajZTcy35lME8CtIyty6Y",
                            "transports": ["internal", "hybrid"],
                            "counter": 3,
                            "agent": "Mozilla/5.0 (X11; Linux x86_64)",
                            "name": "Desk security key"
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
                json!({ "authenticationOptions": authentication_options("xSJa4eahW-Kt0fTiWlz-Pij80RJj1V0FxeGtggq8WPE", false) }),
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
                let body = t::AddUserProfileBody::ExtraProfile(t::AddUserProfileBodyExtraProfile {
                    values: object(json!({ "name": "Orla Brennan" })),
                });
                c.experience().add_user_profile(body)
            }),
            Req::new("POST", "/api/experience/profile")
                .json(json!({ "type": "extraProfile", "values": { "name": "Orla Brennan" } })),
            Reply::Empty(204),
        ),
        // experience-other-flows.json#14
        case(
            "AddUserProfile",
            invoke!(|c| {
                let body = t::AddUserProfileBody::Username(t::NewIdentityIdentifier {
                    r#type: t::NewIdentityIdentifierType::Username,
                    value: "orla_b".into(),
                });
                c.experience().add_user_profile(body)
            }),
            Req::new("POST", "/api/experience/profile")
                .json(json!({ "type": "username", "value": "orla_b" })),
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
                let body = t::VerificationIdResponse {
                    verification_id: "ufh1reosfhypn3nwk0do4".into(),
                };
                c.experience().bind_passkey(body)
            }),
            Req::new("POST", "/api/experience/profile/mfa/passkey")
                .json(json!({ "verificationId": "ufh1reosfhypn3nwk0do4" })),
            Reply::Empty(204),
        ),
        // experience-mfa.json#50
        case(
            "BindMfaVerification",
            invoke!(|c| {
                let body = t::BindMfaVerificationBody {
                    r#type: t::BindMfaVerificationBodyType::WebAuthn,
                    verification_id: "ue11rb4pvp3bn880pzcy7".into(),
                };
                c.experience().bind_mfa_verification(body)
            }),
            Req::new("POST", "/api/experience/profile/mfa")
                .json(json!({ "type": "WebAuthn", "verificationId": "ue11rb4pvp3bn880pzcy7" })),
            Reply::Empty(204),
        ),
    ]
}
