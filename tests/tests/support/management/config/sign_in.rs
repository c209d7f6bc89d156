//! Tags `Sign-in experience`, `Custom phrases`, `Well-known` and `Swagger.json`.

use crate::support::management::case;
use crate::support::{Case, ExpectedRequest as Req, Part, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::FilePart;
use logto_api::Patch;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Some bytes standing in for a zipped custom UI bundle.
const ZIP: &[u8] = b"PK\x03\x04fake-ui-bundle";

pub fn cases() -> Vec<Case> {
    let mut cases = sign_in_experience();
    cases.extend(custom_phrases());
    cases.extend(well_known());
    cases
}

/// Adds `extra` to the object `base`.
fn merged(base: Value, extra: Value) -> Value {
    let mut map: Map<String, Value> = match base {
        Value::Object(m) => m,
        _ => unreachable!("an object"),
    };
    if let Value::Object(more) = extra {
        map.extend(more);
    }
    Value::Object(map)
}

fn color() -> Value {
    json!({ "primaryColor": "#1F6FEB", "isDarkModeEnabled": true, "darkPrimaryColor": "#58A6FF" })
}

fn mfa() -> Value {
    json!({ "factors": ["Totp", "WebAuthn", "BackupCode"], "policy": "PromptAtSignInAndSignUp" })
}

/// The fields shared by the Management and the public views of the sign-in experience.
fn experience_core() -> Value {
    merged(
        json!({
            "tenantId": "default",
            "id": "default",
            "color": color(),
            "branding": {
                "logoUrl": "https://cdn.example.org/brand/logo.svg",
                "darkLogoUrl": "https://cdn.example.org/brand/logo-dark.svg",
                "favicon": "https://cdn.example.org/brand/favicon.ico"
            },
            "hideLogtoBranding": true,
            "languageInfo": { "autoDetect": false, "fallbackLanguage": "de" },
            "termsOfUseUrl": "https://example.org/terms",
            "privacyPolicyUrl": null,
            "agreeToTermsPolicy": "ManualRegistrationOnly",
            "signIn": {
                "methods": [
                    { "identifier": "email", "password": true, "verificationCode": true, "isPasswordPrimary": false },
                    { "identifier": "username", "password": true, "verificationCode": false, "isPasswordPrimary": true }
                ]
            },
            "signUp": {
                "identifiers": ["email"],
                "password": true,
                "verify": true,
                "secondaryIdentifiers": [{ "identifier": "username" }]
            },
            "socialSignIn": { "automaticAccountLinking": true },
            "socialSignInConnectorTargets": ["github"],
            "signInMode": "SignInAndRegister",
            "customCss": ".logto_main-content { gap: 12px; }",
            "customContent": { "/sign-in": "<p>Hello</p>" },
            "customUiAssets": { "id": "cu1a55et0001", "createdAt": 1795350000000_u64 }
        }),
        json!({
            "customUiCsp": { "scriptSrc": ["https://cdn.example.org"] },
            "passwordPolicy": {
                "length": { "min": 10, "max": 128 },
                "characterTypes": { "min": 2 },
                "rejects": { "pwned": true, "repetitionAndSequence": true, "userInfo": true, "words": ["acme"] }
            },
            "mfa": mfa(),
            "adaptiveMfa": { "enabled": false },
            "singleSignOnEnabled": true,
            "supportEmail": "help@example.org",
            "supportWebsiteUrl": null,
            "unknownSessionRedirectUrl": null,
            "captchaPolicy": { "enabled": false },
            "sentinelPolicy": { "maxAttempts": 50, "lockoutDuration": 30 },
            "verificationCodePolicy": { "expirationDuration": 600, "maxRetryAttempts": 5 },
            "passkeySignIn": { "enabled": true, "showPasskeyButton": true, "allowAutofill": false },
            "signUpProfileFields": [{ "name": "givenName" }],
            "passwordExpiration": { "enabled": true, "validPeriodDays": 180, "enabledAt": 1795350000000_u64 },
            "usernamePolicy": { "caseSensitive": false, "minLength": 3, "maxLength": 64 }
        }),
    )
}

/// The Management view: the core plus the email blocklist and forgot-password methods.
fn sign_in_exp() -> Value {
    merged(
        experience_core(),
        json!({
            "emailBlocklistPolicy": { "blockDisposableAddresses": true, "customBlocklist": ["spam.example"] },
            "forgotPasswordMethods": ["EmailVerificationCode"]
        }),
    )
}

/// The public view: the core plus the enabled connectors and tenant facts.
fn public_experience() -> Value {
    merged(
        experience_core(),
        json!({
            "trustedDevice": { "enabled": true, "durationDays": 30 },
            "socialConnectors": [{
                "id": "c0nn3ct0r0002",
                "target": "github",
                "name": { "en": "GitHub" },
                "logo": "https://cdn.example.net/connectors/gh.svg",
                "logoDark": null,
                "platform": "Universal",
                "isStandard": false
            }],
            "ssoConnectors": [{
                "id": "ss0c0nn00001",
                "connectorName": "Partner SSO",
                "logo": "https://partner.example/logo.png"
            }],
            "forgotPassword": { "phone": false, "email": true },
            "isDevelopmentTenant": false,
            "customProfileFields": [],
            "customProfileFieldCatalog": []
        }),
    )
}

fn sign_in_experience() -> Vec<Case> {
    vec![
        case(
            "GetSignInExp",
            invoke!(|c| c.sign_in_experience().get_sign_in_exp()),
            Req::new("GET", "/api/sign-in-exp"),
            Reply::Json(200, sign_in_exp()),
        ),
        case(
            "UpdateSignInExp",
            invoke!(|c| {
                let body = t::UpdateSignInExpBody {
                    color: Some(t::SignInColor {
                        primary_color: "#1F6FEB".into(),
                        is_dark_mode_enabled: true,
                        dark_primary_color: "#58A6FF".into(),
                    }),
                    sign_in_mode: Some(t::SignInMode::SignInAndRegister),
                    custom_css: Patch::Null,
                    terms_of_use_url: Patch::Set("https://example.org/terms".into()),
                    mfa: Some(t::MfaPolicy {
                        factors: vec![
                            t::MfaVerificationFactor::Totp,
                            t::MfaVerificationFactor::WebAuthn,
                            t::MfaVerificationFactor::BackupCode,
                        ],
                        policy: t::MfaPolicyPolicy::PromptAtSignInAndSignUp,
                        organization_required_mfa_policy: None,
                    }),
                    passkey_sign_in: Some(t::PasskeySignIn {
                        enabled: Some(true),
                        show_passkey_button: Some(true),
                        allow_autofill: None,
                    }),
                    ..Default::default()
                };
                c.sign_in_experience().update_sign_in_exp(body)
            }),
            Req::new("PATCH", "/api/sign-in-exp").json(json!({
                "color": color(),
                "signInMode": "SignInAndRegister",
                "customCss": null,
                "mfa": mfa(),
                "passkeySignIn": { "enabled": true, "showPasskeyButton": true },
                "termsOfUseUrl": "https://example.org/terms"
            })),
            Reply::Json(200, sign_in_exp()),
        ),
        case(
            "UpdateSignInExp",
            invoke!(|c| {
                let body = t::UpdateSignInExpBody {
                    social_sign_in: Some(t::SocialSignIn {
                        automatic_account_linking: Some(true),
                        skip_required_identifiers: None,
                    }),
                    forgot_password_methods: Patch::Null,
                    ..Default::default()
                };
                c.sign_in_experience()
                    .update_sign_in_exp(body)
                    .remove_unused_demo_social_connector("true")
            }),
            Req::new("PATCH", "/api/sign-in-exp")
                .query(&[("removeUnusedDemoSocialConnector", "true")])
                .json(json!({
                    "socialSignIn": { "automaticAccountLinking": true },
                    "forgotPasswordMethods": null
                })),
            Reply::Json(
                200,
                merged(
                    sign_in_exp(),
                    json!({
                        "forgotPasswordMethods": null,
                        "passwordExpiration": { "enabled": false }
                    }),
                ),
            ),
        )
        .variant("drop demo connector"),
        case(
            "CheckPasswordWithDefaultSignInExperience",
            invoke!(|c| {
                let body = t::CheckPasswordWithDefaultSignInExperienceBody {
                    password: "Correct-Horse-42".into(),
                    user_id: Some("u5er1d0000001".into()),
                };
                c.sign_in_experience()
                    .check_password_with_default_sign_in_experience(body)
            }),
            Req::new("POST", "/api/sign-in-exp/default/check-password")
                .json(json!({ "password": "Correct-Horse-42", "userId": "u5er1d0000001" })),
            Reply::Json(200, json!({ "result": true })),
        ),
        case(
            "CheckPasswordWithDefaultSignInExperience",
            invoke!(|c| {
                let body = t::CheckPasswordWithDefaultSignInExperienceBody {
                    password: "short".into(),
                    user_id: None,
                };
                c.sign_in_experience()
                    .check_password_with_default_sign_in_experience(body)
            }),
            Req::new("POST", "/api/sign-in-exp/default/check-password")
                .json(json!({ "password": "short" })),
            Reply::Json(
                200,
                json!({
                    "result": false,
                    "issues": [
                        { "code": "password_rejected.too_short", "interpolation": { "min": 10 } },
                        { "code": "password_rejected.character_types" }
                    ]
                }),
            ),
        )
        .variant("rejected"),
        case(
            "UploadCustomUiAssets",
            invoke!(|c| {
                let body = t::UploadCustomUiAssetsBody {
                    file: Some(FilePart::new(ZIP, "bundle.zip", "application/zip")),
                };
                c.sign_in_experience().upload_custom_ui_assets().body(body)
            }),
            Req::new("POST", "/api/sign-in-exp/default/custom-ui-assets").multipart(vec![Part {
                name: "file",
                file_name: Some("bundle.zip"),
                content_type: Some("application/zip"),
                data: ZIP,
            }]),
            Reply::Json(200, json!({ "customUiAssetId": "cu1a55et0002" })),
        ),
        case(
            "GetUsernameCaseSensitivityConflicts",
            invoke!(|c| c
                .sign_in_experience()
                .get_username_case_sensitivity_conflicts()
                .limit(5.0)),
            Req::new(
                "GET",
                "/api/sign-in-exp/username-policy/case-sensitivity-conflicts",
            )
            .query(&[("limit", "5")]),
            Reply::Json(
                200,
                json!({
                    "totalConflicts": 2,
                    "samples": [
                        { "usernameLower": "alice", "userIds": ["u5er1d0000001", "u5er1d0000002"] },
                        { "usernameLower": "bob", "userIds": ["u5er1d0000003", "u5er1d0000004"] }
                    ]
                }),
            ),
        ),
        case(
            "GetUsernameCaseSensitivityConflicts",
            invoke!(|c| c
                .sign_in_experience()
                .get_username_case_sensitivity_conflicts()),
            Req::new(
                "GET",
                "/api/sign-in-exp/username-policy/case-sensitivity-conflicts",
            ),
            Reply::Json(200, json!({ "totalConflicts": 0, "samples": [] })),
        )
        .variant("no limit"),
    ]
}

fn phrase() -> Value {
    json!({
        "tenantId": "default",
        "id": "phr4se000001",
        "languageTag": "de",
        "translation": {
            "input": { "username": "Benutzerkennung", "email": "E-Mail-Adresse" },
            "action": { "sign_in": "Anmelden" }
        }
    })
}

fn custom_phrases() -> Vec<Case> {
    vec![
        case(
            "ListCustomPhrases",
            invoke!(|c| c.custom_phrases().list_custom_phrases()),
            Req::new("GET", "/api/custom-phrases"),
            Reply::Json(200, json!([phrase()])),
        ),
        case(
            "GetCustomPhrase",
            invoke!(|c| c
                .custom_phrases()
                .get_custom_phrase(t::LanguageTag::Unknown(HOSTILE.into()))),
            Req::new("GET", "/api/custom-phrases/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, phrase()),
        ),
        case(
            "ReplaceCustomPhrase",
            invoke!(|c| {
                let input = BTreeMap::from([
                    (
                        "username".to_owned(),
                        t::Translation::String("Benutzerkennung".into()),
                    ),
                    (
                        "email".to_owned(),
                        t::Translation::String("E-Mail-Adresse".into()),
                    ),
                ]);
                let action = BTreeMap::from([(
                    "sign_in".to_owned(),
                    t::Translation::String("Anmelden".into()),
                )]);
                let body = BTreeMap::from([
                    ("input".to_owned(), t::Translation::Map(input)),
                    ("action".to_owned(), t::Translation::Map(action)),
                ]);
                c.custom_phrases()
                    .replace_custom_phrase(t::LanguageTag::Unknown(HOSTILE.into()), body)
            }),
            Req::new("PUT", "/api/custom-phrases/a%2Fb%3Fc%23d%20e%2F%C3%BC").json(json!({
                "input": { "username": "Benutzerkennung", "email": "E-Mail-Adresse" },
                "action": { "sign_in": "Anmelden" }
            })),
            Reply::Json(201, phrase()),
        ),
        case(
            "DeleteCustomPhrase",
            invoke!(|c| c
                .custom_phrases()
                .delete_custom_phrase(t::LanguageTag::Unknown(HOSTILE.into()))),
            Req::new("DELETE", "/api/custom-phrases/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Empty(204),
        ),
    ]
}

/// A small OpenAPI document, as the description endpoints answer.
fn openapi(title: &str) -> Value {
    json!({
        "openapi": "3.0.1",
        "servers": [{ "url": "https://auth.example.org", "description": "Where this tenant answers." }],
        "info": { "title": title, "version": "Cloud" },
        "paths": {
            "/api/status": { "get": { "operationId": "GetStatus", "responses": { "204": { "description": "OK" } } } }
        },
        "components": { "schemas": {} }
    })
}

// The sign-in experience endpoint is deprecated in favour of `/.well-known/experience`, but
// still served, so it stays in the table.
#[allow(deprecated)]
fn well_known() -> Vec<Case> {
    vec![
        case(
            "GetSignInExperienceConfig",
            invoke!(|c| c.well_known().get_sign_in_experience_config()),
            Req::new("GET", "/api/.well-known/sign-in-exp"),
            Reply::Json(200, public_experience()),
        ),
        case(
            "GetSignInExperienceConfig",
            invoke!(|c| c
                .well_known()
                .get_sign_in_experience_config()
                .organization_id("0rg000000001")
                .app_id("app000000001")),
            Req::new("GET", "/api/.well-known/sign-in-exp").query(&[
                ("organizationId", "0rg000000001"),
                ("appId", "app000000001"),
            ]),
            Reply::Json(200, public_experience()),
        )
        .variant("for an app and organization"),
        case(
            "GetSignInExperiencePhrases",
            invoke!(|c| c.well_known().get_sign_in_experience_phrases()),
            Req::new("GET", "/api/.well-known/phrases"),
            Reply::Json(
                200,
                json!({
                    "translation": {
                        "input": { "username": "Username", "email": "Email" },
                        "action": { "sign_in": "Sign in", "continue": "Continue" }
                    }
                }),
            ),
        ),
        case(
            "GetSignInExperiencePhrases",
            invoke!(|c| c.well_known().get_sign_in_experience_phrases().lng("de")),
            Req::new("GET", "/api/.well-known/phrases").query(&[("lng", "de")]),
            Reply::Json(
                200,
                json!({ "translation": { "action": { "sign_in": "Anmelden" } }, "note": "flat" }),
            ),
        )
        .variant("language"),
        case(
            "GetWellKnownExperience",
            invoke!(|c| c.well_known().get_well_known_experience()),
            Req::new("GET", "/api/.well-known/experience"),
            Reply::Json(200, public_experience()),
        ),
        case(
            "GetWellKnownExperience",
            invoke!(|c| c
                .well_known()
                .get_well_known_experience()
                .organization_id("0rg000000001")
                .app_id("app000000001")),
            Req::new("GET", "/api/.well-known/experience").query(&[
                ("organizationId", "0rg000000001"),
                ("appId", "app000000001"),
            ]),
            Reply::Json(200, public_experience()),
        )
        .variant("for an app and organization"),
        case(
            "GetWellKnownAccountCenter",
            invoke!(|c| c.well_known().get_well_known_account_center()),
            Req::new("GET", "/api/.well-known/account-center"),
            Reply::Json(
                200,
                json!({
                    "tenantId": "default",
                    "id": "default",
                    "enabled": true,
                    "fields": { "name": "Edit", "email": "ReadOnly", "password": "Edit", "mfa": "Off" },
                    "webauthnRelatedOrigins": ["https://app.example.org"],
                    "deleteAccountUrl": "https://example.org/delete-account",
                    "customCss": null,
                    "profileFields": [{ "name": "nickname" }]
                }),
            ),
        ),
        case(
            "GetWellKnownManagementOpenapiJson",
            invoke!(|c| c.well_known().get_well_known_management_openapi_json()),
            Req::new("GET", "/api/.well-known/management.openapi.json"),
            Reply::Json(200, openapi("Tenant management API")),
        ),
        case(
            "GetWellKnownExperienceOpenapiJson",
            invoke!(|c| c.well_known().get_well_known_experience_openapi_json()),
            Req::new("GET", "/api/.well-known/experience.openapi.json"),
            Reply::Json(200, openapi("Tenant experience API")),
        ),
        case(
            "GetWellKnownUserOpenapiJson",
            invoke!(|c| c.well_known().get_well_known_user_openapi_json()),
            Req::new("GET", "/api/.well-known/user.openapi.json"),
            Reply::Json(200, openapi("Tenant account API")),
        ),
        case(
            "GetSwaggerJson",
            invoke!(|c| c.swagger_json().get_swagger_json()),
            Req::new("GET", "/api/swagger.json"),
            Reply::Json(200, openapi("Tenant management API")),
        ),
    ]
}
