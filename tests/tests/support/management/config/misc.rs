//! Tags `Domains`, `Systems`, `Email templates`, `Captcha provider`, `Sentinel activities`,
//! `CIMD`, `Status` and `Authn`.

use super::object;
use crate::support::management::case;
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use serde_json::{json, Value};

pub fn cases() -> Vec<Case> {
    let mut cases = domains();
    cases.extend(email_templates());
    cases.extend(captcha_and_cimd());
    cases.extend(public_endpoints());
    cases
}

fn domain(status: &str, error: Value) -> Value {
    json!({
        "id": "d0ma1n000001",
        "domain": "login.example.org",
        "status": status,
        "errorMessage": error,
        "dnsRecords": [
            { "name": "login", "type": "CNAME", "value": "domains.example-cdn.net" },
            { "name": "_cf-custom-hostname.login", "type": "TXT", "value": "5e8c1a2b-0000-4000-8000-000000000001" }
        ],
        "createdAt": 1795360000000_u64
    })
}

fn verification_files() -> Value {
    json!({
        "verificationFiles": [
            {
                "path": "/.well-known/assetlinks.json",
                "content": "[]",
                "contentType": "application/json"
            }
        ]
    })
}

fn domains() -> Vec<Case> {
    vec![
        case(
            "ListDomains",
            invoke!(|c| c.domains().list_domains()),
            Req::new("GET", "/api/domains"),
            Reply::Json(200, json!([domain("Active", Value::Null)])),
        ),
        case(
            "CreateDomain",
            invoke!(|c| {
                let body = t::CreateDomainBody {
                    domain: "login.example.org".into(),
                };
                c.domains().create_domain(body)
            }),
            Req::new("POST", "/api/domains").json(json!({ "domain": "login.example.org" })),
            Reply::Json(201, domain("PendingVerification", Value::Null)),
        ),
        case(
            "GetDomain",
            invoke!(|c| c.domains().get_domain(HOSTILE)),
            Req::new("GET", "/api/domains/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(
                200,
                domain(
                    "Error",
                    json!("The CNAME record does not point to the expected target."),
                ),
            ),
        ),
        case(
            "DeleteDomain",
            invoke!(|c| c.domains().delete_domain(HOSTILE)),
            Req::new("DELETE", "/api/domains/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Empty(204),
        ),
        case(
            "ListDomainVerificationFiles",
            invoke!(|c| c.domains().list_domain_verification_files(HOSTILE)),
            Req::new(
                "GET",
                "/api/domains/a%2Fb%3Fc%23d%20e%2F%C3%BC/verification-files",
            ),
            Reply::Json(200, verification_files()),
        ),
        case(
            "ReplaceDomainVerificationFiles",
            invoke!(|c| {
                let body = t::ReplaceDomainVerificationFilesBody {
                    verification_files: vec![
                        t::ReplaceDomainVerificationFilesBodyVerificationFile {
                            path: Some("/.well-known/assetlinks.json".into()),
                            content: Some("[]".into()),
                            content_type: Some("application/json".into()),
                        },
                    ],
                };
                c.domains().replace_domain_verification_files(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                "/api/domains/a%2Fb%3Fc%23d%20e%2F%C3%BC/verification-files",
            )
            .json(verification_files()),
            Reply::Json(200, verification_files()),
        ),
        case(
            "CleanupDomains",
            invoke!(|c| {
                let body = t::CleanupDomainsBody { stale_days: 14.0 };
                c.domains().cleanup_domains(body)
            }),
            Req::new("POST", "/api/domains/cleanup").json(json!({ "staleDays": 14 })),
            Reply::Json(
                200,
                json!({ "scannedCount": 6, "deletedCount": 2, "skippedActiveCount": 3, "failedCount": 1 }),
            ),
        ),
        case(
            "GetSystemApplicationConfig",
            invoke!(|c| c.systems().get_system_application_config()),
            Req::new("GET", "/api/systems/application"),
            Reply::Json(
                200,
                json!({ "protectedApps": { "defaultDomain": "apps.example-edge.net" } }),
            ),
        ),
    ]
}

fn sign_in_template() -> Value {
    json!({
        "tenantId": "default",
        "id": "ema1lt3mpl0001",
        "languageTag": "en",
        "templateType": "SignIn",
        "details": {
            "subject": "Your one-time code",
            "content": "<p>Use {{code}} to sign in.</p>",
            "contentType": "text/html",
            "replyTo": "support@example.org",
            "sendFrom": "Example Team"
        },
        "createdAt": 1795370000000_u64
    })
}

fn generic_template() -> Value {
    json!({
        "tenantId": "default",
        "id": "ema1lt3mpl0002",
        "languageTag": "pt-BR",
        "templateType": "Generic",
        "details": { "subject": "Código", "content": "Seu código: {{code}}" },
        "createdAt": 1795370000001_u64
    })
}

fn email_templates() -> Vec<Case> {
    vec![
        case(
            "ReplaceEmailTemplates",
            invoke!(|c| {
                let body = t::ReplaceEmailTemplatesBody {
                    templates: vec![
                        t::ReplaceEmailTemplatesBodyTemplate {
                            language_tag: "en".into(),
                            template_type: t::TemplateType::SignIn,
                            details: t::EmailTemplateDetails {
                                subject: "Your one-time code".into(),
                                content: "<p>Use {{code}} to sign in.</p>".into(),
                                content_type: Some(t::EmailContentType::TextHtml),
                                reply_to: Some("support@example.org".into()),
                                send_from: Some("Example Team".into()),
                            },
                        },
                        t::ReplaceEmailTemplatesBodyTemplate {
                            language_tag: "pt-BR".into(),
                            template_type: t::TemplateType::Generic,
                            details: t::EmailTemplateDetails {
                                subject: "Código".into(),
                                content: "Seu código: {{code}}".into(),
                                content_type: None,
                                reply_to: None,
                                send_from: None,
                            },
                        },
                    ],
                };
                c.email_templates().replace_email_templates(body)
            }),
            Req::new("PUT", "/api/email-templates").json(json!({
                "templates": [
                    {
                        "languageTag": "en",
                        "templateType": "SignIn",
                        "details": {
                            "subject": "Your one-time code",
                            "content": "<p>Use {{code}} to sign in.</p>",
                            "contentType": "text/html",
                            "replyTo": "support@example.org",
                            "sendFrom": "Example Team"
                        }
                    },
                    {
                        "languageTag": "pt-BR",
                        "templateType": "Generic",
                        "details": { "subject": "Código", "content": "Seu código: {{code}}" }
                    }
                ]
            })),
            Reply::Json(200, json!([sign_in_template(), generic_template()])),
        ),
        case(
            "ListEmailTemplates",
            invoke!(|c| c.email_templates().list_email_templates()),
            Req::new("GET", "/api/email-templates"),
            Reply::Json(200, json!([sign_in_template(), generic_template()])),
        ),
        case(
            "ListEmailTemplates",
            invoke!(|c| c
                .email_templates()
                .list_email_templates()
                .language_tag("pt-BR")
                .template_type(t::TemplateType::Generic)),
            Req::new("GET", "/api/email-templates")
                .query(&[("languageTag", "pt-BR"), ("templateType", "Generic")]),
            Reply::Json(200, json!([generic_template()])),
        )
        .variant("filtered"),
        case(
            "DeleteEmailTemplates",
            invoke!(|c| c
                .email_templates()
                .delete_email_templates()
                .language_tag("pt-BR")),
            Req::new("DELETE", "/api/email-templates").query(&[("languageTag", "pt-BR")]),
            Reply::Json(200, json!({ "rowCount": 1 })),
        ),
        case(
            "DeleteEmailTemplates",
            invoke!(|c| c
                .email_templates()
                .delete_email_templates()
                .language_tag("en")
                .template_type(t::TemplateType::BindMfa)),
            Req::new("DELETE", "/api/email-templates")
                .query(&[("languageTag", "en"), ("templateType", "BindMfa")]),
            Reply::Json(200, json!({ "rowCount": 0 })),
        )
        .variant("both filters"),
        case(
            "GetEmailTemplate",
            invoke!(|c| c.email_templates().get_email_template(HOSTILE)),
            Req::new("GET", "/api/email-templates/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, sign_in_template()),
        ),
        case(
            "DeleteEmailTemplate",
            invoke!(|c| c.email_templates().delete_email_template(HOSTILE)),
            Req::new("DELETE", "/api/email-templates/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Empty(204),
        ),
        case(
            "UpdateEmailTemplateDetails",
            invoke!(|c| {
                let body = t::UpdateEmailTemplateDetailsBody {
                    subject: Some("Your one-time code".into()),
                    content_type: Some(t::EmailContentType::TextHtml),
                    ..Default::default()
                };
                c.email_templates()
                    .update_email_template_details(HOSTILE, body)
            }),
            Req::new(
                "PATCH",
                "/api/email-templates/a%2Fb%3Fc%23d%20e%2F%C3%BC/details",
            )
            .json(json!({ "subject": "Your one-time code", "contentType": "text/html" })),
            Reply::Json(200, sign_in_template()),
        ),
    ]
}

/// `HOSTILE` as both the scope type and the scope id.
const SCOPE_PATH: &str =
    "/api/cimd/user-consent-scopes/a%2Fb%3Fc%23d%20e%2F%C3%BC/a%2Fb%3Fc%23d%20e%2F%C3%BC";

fn turnstile() -> Value {
    json!({
        "tenantId": "default",
        "id": "capt0000001",
        "config": { "type": "Turnstile", "siteKey": "0x4AAAAAAAexample", "secretKey": "0x4AAAAAAAsecret" },
        "createdAt": 1795380000000_u64,
        "updatedAt": 1795380000000_u64
    })
}

fn captcha_and_cimd() -> Vec<Case> {
    vec![
        case(
            "GetCaptchaProvider",
            invoke!(|c| c.captcha_provider().get_captcha_provider()),
            Req::new("GET", "/api/captcha-provider"),
            Reply::Json(200, turnstile()),
        ),
        case(
            "UpdateCaptchaProvider",
            invoke!(|c| {
                let body = t::UpdateCaptchaProviderBody {
                    config: t::CaptchaProviderConfig::RecaptchaEnterprise(
                        t::CaptchaProviderConfigRecaptchaEnterprise {
                            site_key: "6Lc-site-key".into(),
                            secret_key: "6Lc-secret-key".into(),
                            project_id: "acme-auth".into(),
                            domain: Some("www.google.com".into()),
                            mode: Some(t::CaptchaMode::Invisible),
                        },
                    ),
                };
                c.captcha_provider().update_captcha_provider(body)
            }),
            Req::new("PUT", "/api/captcha-provider").json(json!({
                "config": {
                    "type": "RecaptchaEnterprise",
                    "siteKey": "6Lc-site-key",
                    "secretKey": "6Lc-secret-key",
                    "projectId": "acme-auth",
                    "domain": "www.google.com",
                    "mode": "invisible"
                }
            })),
            Reply::Json(
                200,
                json!({
                    "tenantId": "default",
                    "id": "capt0000001",
                    "config": {
                        "type": "RecaptchaEnterprise",
                        "siteKey": "6Lc-site-key",
                        "secretKey": "6Lc-secret-key",
                        "projectId": "acme-auth",
                        "domain": "www.google.com",
                        "mode": "invisible"
                    },
                    "createdAt": 1795380000000_u64,
                    "updatedAt": 1795380500000_u64
                }),
            ),
        ),
        case(
            "UpdateCaptchaProvider",
            invoke!(|c| {
                let body = t::UpdateCaptchaProviderBody {
                    config: t::CaptchaProviderConfig::Turnstile(
                        t::CaptchaProviderConfigTurnstile {
                            site_key: "0x4AAAAAAAexample".into(),
                            secret_key: "0x4AAAAAAAsecret".into(),
                        },
                    ),
                };
                c.captcha_provider().update_captcha_provider(body)
            }),
            Req::new("PUT", "/api/captcha-provider").json(json!({
                "config": {
                    "type": "Turnstile",
                    "siteKey": "0x4AAAAAAAexample",
                    "secretKey": "0x4AAAAAAAsecret"
                }
            })),
            Reply::Json(200, turnstile()),
        )
        .variant("turnstile"),
        case(
            "DeleteCaptchaProvider",
            invoke!(|c| c.captcha_provider().delete_captcha_provider()),
            Req::new("DELETE", "/api/captcha-provider"),
            Reply::Empty(204),
        ),
        case(
            "DeleteSentinelActivities",
            invoke!(|c| {
                let body = t::DeleteSentinelActivitiesBody {
                    target_type: t::DeleteSentinelActivitiesBodyTargetType::User,
                    targets: vec!["u5er1d0000001".into(), "alice".into()],
                };
                c.sentinel_activities().delete_sentinel_activities(body)
            }),
            Req::new("POST", "/api/sentinel-activities/delete")
                .json(json!({ "targetType": "User", "targets": ["u5er1d0000001", "alice"] })),
            Reply::Empty(204),
        ),
        case(
            "ListCimdUserConsentScopes",
            invoke!(|c| c.cimd().list_cimd_user_consent_scopes()),
            Req::new("GET", "/api/cimd/user-consent-scopes"),
            Reply::Json(
                200,
                json!({
                    "organizationScopes": [
                        { "id": "0rgsc0pe0001", "name": "read:projects", "description": null }
                    ],
                    "resourceScopes": [{
                        "resource": {
                            "id": "res0urce0001",
                            "name": "Files API",
                            "indicator": "https://files.example.org"
                        },
                        "scopes": [
                            { "id": "sc0pe0000001", "name": "files:read", "description": "Read files" }
                        ]
                    }],
                    "organizationResourceScopes": [],
                    "userScopes": ["profile", "email", "urn:logto:scope:organizations"]
                }),
            ),
        ),
        case(
            "AssignCimdUserConsentScopes",
            invoke!(|c| {
                let body = t::UserConsentScopesBody {
                    organization_scopes: Some(vec!["0rgsc0pe0001".into()]),
                    resource_scopes: Some(vec!["sc0pe0000001".into()]),
                    organization_resource_scopes: None,
                    user_scopes: Some(vec![t::UserScope::Profile, t::UserScope::Email]),
                };
                c.cimd().assign_cimd_user_consent_scopes(body)
            }),
            Req::new("POST", "/api/cimd/user-consent-scopes").json(json!({
                "organizationScopes": ["0rgsc0pe0001"],
                "resourceScopes": ["sc0pe0000001"],
                "userScopes": ["profile", "email"]
            })),
            Reply::Text(201, "Created"),
        ),
        case(
            "DeleteCimdUserConsentScope",
            invoke!(|c| c.cimd().delete_cimd_user_consent_scope(
                t::ConsentScopeType::Unknown(HOSTILE.into()),
                HOSTILE
            )),
            Req::new("DELETE", SCOPE_PATH),
            Reply::Empty(204),
        ),
    ]
}

// The SAML social connector callback is deprecated but still served.
#[allow(deprecated)]
fn public_endpoints() -> Vec<Case> {
    vec![
        case(
            "GetStatus",
            invoke!(|c| c.status().get_status()),
            Req::new("GET", "/api/status"),
            Reply::Empty(204),
        ),
        case(
            "GetHasuraAuth",
            invoke!(|c| c
                .authn()
                .get_hasura_auth("https://graphql.example.org")
                .unauthorized_role("guest")),
            Req::new("GET", "/api/authn/hasura").query(&[
                ("resource", "https://graphql.example.org"),
                ("unauthorizedRole", "guest"),
            ]),
            Reply::Json(
                200,
                json!({ "X-Hasura-User-Id": "u5er1d0000001", "X-Hasura-Role": "editor" }),
            ),
        ),
        // Without a matching role and without a fallback, the answer is an empty object.
        case(
            "GetHasuraAuth",
            invoke!(|c| c.authn().get_hasura_auth("https://graphql.example.org")),
            Req::new("GET", "/api/authn/hasura")
                .query(&[("resource", "https://graphql.example.org")]),
            Reply::Json(200, json!({})),
        )
        .variant("no role"),
        // The identity provider posts the assertion; Logto redirects the browser onwards.
        case(
            "AssertSaml",
            invoke!(|c| c.authn().assert_saml(
                HOSTILE,
                object(
                    json!({ "SAMLResponse": "PHNhbWxwOlJlc3BvbnNlLz4=", "RelayState": "r3lay0001" })
                )
            )),
            Req::new("POST", "/api/authn/saml/a%2Fb%3Fc%23d%20e%2F%C3%BC").json(
                json!({ "SAMLResponse": "PHNhbWxwOlJlc3BvbnNlLz4=", "RelayState": "r3lay0001" }),
            ),
            Reply::Empty(302),
        ),
        case(
            "AssertSingleSignOnSaml",
            invoke!(|c| {
                let body = t::AssertSingleSignOnSamlBody {
                    relay_state: Some("r3lay0002".into()),
                    saml_response: "PHNhbWxwOlJlc3BvbnNlLz4=".into(),
                };
                c.authn().assert_single_sign_on_saml(HOSTILE, body)
            }),
            Req::new(
                "POST",
                "/api/authn/single-sign-on/saml/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            )
            .json(json!({ "RelayState": "r3lay0002", "SAMLResponse": "PHNhbWxwOlJlc3BvbnNlLz4=" })),
            Reply::Empty(302),
        ),
    ]
}
