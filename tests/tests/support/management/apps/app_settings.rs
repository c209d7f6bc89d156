//! `Applications`, continued: Protected App custom domains, user consent scopes and
//! organizations (third-party apps) and the per-application sign-in experience.

use super::{active_domain, case, pending_domain, ORG_ID, RESOURCE_ID, SCOPE_ID, SCOPE_ID_2};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use serde_json::{json, Value};

pub fn cases() -> Vec<Case> {
    let mut cases = domain_cases();
    cases.extend(consent_scope_cases());
    cases.extend(sign_in_cases());
    cases.extend(consent_organization_cases());
    cases
}

const ORG_SCOPE: &str = "0rg5c0pe00000000000o1";
/// Paths with `HOSTILE` in every parameter.
const DOMAINS: &str = concat!(
    "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC",
    "/protected-app-metadata/custom-domains"
);
const ONE_DOMAIN: &str = concat!(
    "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC",
    "/protected-app-metadata/custom-domains/a%2Fb%3Fc%23d%20e%2F%C3%BC"
);
const ONE_CONSENT_SCOPE: &str = concat!(
    "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC",
    "/user-consent-scopes/a%2Fb%3Fc%23d%20e%2F%C3%BC/a%2Fb%3Fc%23d%20e%2F%C3%BC"
);
const CONSENT_ORGS: &str = concat!(
    "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC",
    "/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/consent-organizations"
);
const ONE_CONSENT_ORG: &str = concat!(
    "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC",
    "/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/consent-organizations/a%2Fb%3Fc%23d%20e%2F%C3%BC"
);

fn domain_cases() -> Vec<Case> {
    vec![
        case(
            "ListApplicationProtectedAppMetadataCustomDomains",
            invoke!(|c| {
                c.applications()
                    .list_application_protected_app_metadata_custom_domains(HOSTILE)
            }),
            Req::new("GET", DOMAINS),
            Reply::Json(200, json!([pending_domain(), active_domain()])),
        ),
        // The domain is registered asynchronously: 201 without a body.
        case(
            "CreateApplicationProtectedAppMetadataCustomDomain",
            invoke!(|c| {
                let body = t::CreateApplicationProtectedAppMetadataCustomDomainBody {
                    domain: "intranet.example.net".into(),
                };
                c.applications()
                    .create_application_protected_app_metadata_custom_domain(HOSTILE, body)
            }),
            Req::new("POST", DOMAINS).json(json!({ "domain": "intranet.example.net" })),
            Reply::Empty(201),
        ),
        case(
            "DeleteApplicationProtectedAppMetadataCustomDomain",
            invoke!(|c| {
                c.applications()
                    .delete_application_protected_app_metadata_custom_domain(HOSTILE, HOSTILE)
            }),
            Req::new("DELETE", ONE_DOMAIN),
            Reply::Empty(204),
        ),
    ]
}

/// The consent scopes of a third-party application, grouped by kind.
fn consent_scopes() -> Value {
    let resource = json!({
        "id": RESOURCE_ID,
        "name": "Inventory API",
        "indicator": "https://inventory.example.org/api"
    });
    json!({
        "organizationScopes": [
            { "id": ORG_SCOPE, "name": "read:reports", "description": "Read team reports" }
        ],
        "resourceScopes": [{
            "resource": resource,
            "scopes": [
                { "id": SCOPE_ID, "name": "read:stock", "description": "Read stock levels" },
                { "id": SCOPE_ID_2, "name": "write:stock", "description": null }
            ]
        }],
        "organizationResourceScopes": [{
            "resource": resource,
            "scopes": [{ "id": SCOPE_ID, "name": "read:stock", "description": "Read stock levels" }]
        }],
        "userScopes": ["profile", "email", "urn:logto:scope:organizations"]
    })
}

fn consent_scope_cases() -> Vec<Case> {
    let scopes = "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/user-consent-scopes";
    vec![
        case(
            "CreateApplicationUserConsentScope",
            invoke!(|c| {
                let body = t::UserConsentScopesBody {
                    organization_scopes: Some(vec![ORG_SCOPE.into()]),
                    resource_scopes: Some(vec![SCOPE_ID.into(), SCOPE_ID_2.into()]),
                    organization_resource_scopes: Some(vec![SCOPE_ID.into()]),
                    user_scopes: Some(vec![
                        t::UserScope::Profile,
                        t::UserScope::Email,
                        t::UserScope::UrnLogtoScopeOrganizations,
                    ]),
                };
                c.applications()
                    .create_application_user_consent_scope(HOSTILE, body)
            }),
            Req::new("POST", scopes).json(json!({
                "organizationScopes": [ORG_SCOPE],
                "resourceScopes": [SCOPE_ID, SCOPE_ID_2],
                "organizationResourceScopes": [SCOPE_ID],
                "userScopes": ["profile", "email", "urn:logto:scope:organizations"]
            })),
            Reply::Text(201, "Created"),
        ),
        // Only user scopes: the other lists are left out.
        case(
            "CreateApplicationUserConsentScope",
            invoke!(|c| {
                let body = t::UserConsentScopesBody {
                    user_scopes: Some(vec![
                        t::UserScope::CustomData,
                        t::UserScope::UrnLogtoScopeSessions,
                    ]),
                    ..Default::default()
                };
                c.applications()
                    .create_application_user_consent_scope(HOSTILE, body)
            }),
            Req::new("POST", scopes)
                .json(json!({ "userScopes": ["custom_data", "urn:logto:scope:sessions"] })),
            Reply::Text(201, "Created"),
        )
        .variant("user scopes only"),
        case(
            "ListApplicationUserConsentScopes",
            invoke!(|c| c
                .applications()
                .list_application_user_consent_scopes(HOSTILE)),
            Req::new("GET", scopes),
            Reply::Json(200, consent_scopes()),
        ),
        // The scope type is an enum in the spec; an unknown value still goes out as one segment.
        case(
            "DeleteApplicationUserConsentScope",
            invoke!(|c| {
                c.applications().delete_application_user_consent_scope(
                    HOSTILE,
                    t::ConsentScopeType::from(HOSTILE),
                    HOSTILE,
                )
            }),
            Req::new("DELETE", ONE_CONSENT_SCOPE),
            Reply::Empty(204),
        ),
    ]
}

fn sign_in_experience(display_name: &str, css: Option<&str>, privacy: Option<&str>) -> Value {
    json!({
        "tenantId": "default",
        "applicationId": "w3b4pp0000000000000k3",
        "color": {
            "primaryColor": "#0b8043",
            "isDarkModeEnabled": true,
            "darkPrimaryColor": "#81c995"
        },
        "branding": {
            "logoUrl": "https://cdn.example.org/portal.png",
            "favicon": "https://cdn.example.org/portal.ico"
        },
        "customCss": css,
        "termsOfUseUrl": "https://portal.example.org/terms",
        "privacyPolicyUrl": privacy,
        "displayName": display_name
    })
}

fn sign_in_cases() -> Vec<Case> {
    let path = "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/sign-in-experience";
    vec![
        case(
            "ReplaceApplicationSignInExperience",
            invoke!(|c| {
                let body = t::ReplaceApplicationSignInExperienceBody {
                    color: Some(t::BrandColor {
                        primary_color: Some("#0b8043".into()),
                        is_dark_mode_enabled: Some(true),
                        dark_primary_color: Some("#81c995".into()),
                    }),
                    branding: Some(t::Branding {
                        logo_url: Some("https://cdn.example.org/portal.png".into()),
                        favicon: Some("https://cdn.example.org/portal.ico".into()),
                        ..Default::default()
                    }),
                    custom_css: None,
                    display_name: Some("Partner Portal".into()),
                    terms_of_use_url: Some("https://portal.example.org/terms".into()),
                    privacy_policy_url: None,
                };
                c.applications()
                    .replace_application_sign_in_experience(HOSTILE, body)
            }),
            Req::new("PUT", path).json(json!({
                "color": {
                    "primaryColor": "#0b8043",
                    "isDarkModeEnabled": true,
                    "darkPrimaryColor": "#81c995"
                },
                "branding": {
                    "logoUrl": "https://cdn.example.org/portal.png",
                    "favicon": "https://cdn.example.org/portal.ico"
                },
                "displayName": "Partner Portal",
                "termsOfUseUrl": "https://portal.example.org/terms",
                "privacyPolicyUrl": null
            })),
            Reply::Json(201, sign_in_experience("Partner Portal", None, None)),
        ),
        // Replacing an existing one answers 200; an empty string is allowed for the URLs.
        case(
            "ReplaceApplicationSignInExperience",
            invoke!(|c| {
                let body = t::ReplaceApplicationSignInExperienceBody {
                    custom_css: Some(".logo { height: 40px; }".into()),
                    terms_of_use_url: Some("https://portal.example.org/terms".into()),
                    privacy_policy_url: Some(String::new()),
                    ..Default::default()
                };
                c.applications()
                    .replace_application_sign_in_experience(HOSTILE, body)
            }),
            Req::new("PUT", path).json(json!({
                "customCss": ".logo { height: 40px; }",
                "termsOfUseUrl": "https://portal.example.org/terms",
                "privacyPolicyUrl": ""
            })),
            Reply::Json(
                200,
                sign_in_experience("Partner Portal", Some(".logo { height: 40px; }"), None),
            ),
        )
        .variant("update, 200"),
        case(
            "GetApplicationSignInExperience",
            invoke!(|c| c.applications().get_application_sign_in_experience(HOSTILE)),
            Req::new("GET", path),
            Reply::Json(
                200,
                sign_in_experience(
                    "Partner Portal",
                    Some(".logo { height: 40px; }"),
                    Some("https://portal.example.org/privacy"),
                ),
            ),
        ),
    ]
}

fn consent_organization() -> Value {
    json!({
        "tenantId": "default",
        "id": ORG_ID,
        "name": "Northwind",
        "description": "Northwind Traders",
        "customData": {},
        "isMfaRequired": false,
        "color": {},
        "branding": {},
        "customCss": null,
        "createdAt": 1795400300001_u64
    })
}

fn consent_organization_cases() -> Vec<Case> {
    vec![
        case(
            "ListApplicationUserConsentOrganizations",
            invoke!(|c| {
                c.applications()
                    .list_application_user_consent_organizations(HOSTILE, HOSTILE)
            }),
            Req::new("GET", CONSENT_ORGS),
            Reply::Json(200, json!({ "organizations": [consent_organization()] })),
        ),
        case(
            "ListApplicationUserConsentOrganizations",
            invoke!(|c| {
                c.applications()
                    .list_application_user_consent_organizations(HOSTILE, HOSTILE)
                    .page(1)
                    .page_size(50)
            }),
            Req::new("GET", CONSENT_ORGS).query(&[("page", "1"), ("page_size", "50")]),
            Reply::Json(200, json!({ "organizations": [] })),
        )
        .variant("paged"),
        case(
            "ReplaceApplicationUserConsentOrganizations",
            invoke!(|c| {
                let body = t::OrganizationIdsBody {
                    organization_ids: vec![ORG_ID.into()],
                };
                c.applications()
                    .replace_application_user_consent_organizations(HOSTILE, HOSTILE, body)
            }),
            Req::new("PUT", CONSENT_ORGS).json(json!({ "organizationIds": [ORG_ID] })),
            Reply::Empty(204),
        ),
        case(
            "CreateApplicationUserConsentOrganization",
            invoke!(|c| {
                let body = t::OrganizationIdsBody {
                    organization_ids: vec![ORG_ID.into(), "0rg1d0000002".into()],
                };
                c.applications()
                    .create_application_user_consent_organization(HOSTILE, HOSTILE, body)
            }),
            Req::new("POST", CONSENT_ORGS)
                .json(json!({ "organizationIds": [ORG_ID, "0rg1d0000002"] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "DeleteApplicationUserConsentOrganization",
            invoke!(|c| {
                c.applications()
                    .delete_application_user_consent_organization(HOSTILE, HOSTILE, HOSTILE)
            }),
            Req::new("DELETE", ONE_CONSENT_ORG),
            Reply::Empty(204),
        ),
    ]
}
