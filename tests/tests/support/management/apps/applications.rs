//! `Applications`: the application records, their custom data, access control, roles,
//! organizations and client secrets.

use super::{
    case, m2m_app, object, protected_app, role, spa_app, web_app, ORG_ID, ROLE_ID, ROLE_ID_2,
    USER_ID, WEB_APP,
};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use logto_api::Timestamp;
use serde_json::{json, Value};

pub fn cases() -> Vec<Case> {
    let mut cases = record_cases();
    cases.extend(access_cases());
    cases.extend(secret_cases());
    cases
}

/// `/api/applications/{id}` with `HOSTILE` as the ID.
const APP: &str = "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC";

/// A legacy application that still carries its old single secret.
fn legacy_app() -> Value {
    let mut app = web_app();
    app["id"] = json!("l3gacy0000000000000k6");
    app["name"] = json!("Old reporting tool");
    app["secret"] = json!("internal-legacy-secret-0001");
    app
}

fn record_cases() -> Vec<Case> {
    vec![
        case(
            "ListApplications",
            invoke!(|c| c.applications().list_applications().page(1).page_size(3)),
            Req::new("GET", "/api/applications").query(&[("page", "1"), ("page_size", "3")]),
            Reply::Json(200, json!([spa_app(), m2m_app(), web_app()])),
        ),
        // Every filter: several types repeat the name, the search map becomes one pair per key.
        case(
            "ListApplications",
            invoke!(|c| {
                let types = t::ListApplicationsTypes::List(vec![
                    t::ApplicationType::Traditional,
                    t::ApplicationType::Protected,
                ]);
                let search = [("search.name", "%portal%"), ("mode.name", "like")]
                    .map(|(k, v)| (k.to_owned(), v.to_owned()));
                c.applications()
                    .list_applications()
                    .types(types)
                    .exclude_role_id(ROLE_ID)
                    .exclude_organization_id(ORG_ID)
                    .is_third_party(t::BooleanString::True)
                    .search_params(search.into_iter().collect())
            }),
            Req::new("GET", "/api/applications").query(&[
                ("types", "Traditional"),
                ("types", "Protected"),
                ("excludeRoleId", ROLE_ID),
                ("excludeOrganizationId", ORG_ID),
                ("isThirdParty", "true"),
                ("mode.name", "like"),
                ("search.name", "%portal%"),
            ]),
            Reply::Json(200, json!([web_app(), protected_app(), legacy_app()])),
        )
        .variant("filters"),
        case(
            "ListApplications",
            invoke!(|c| {
                c.applications()
                    .list_applications()
                    .types(t::ListApplicationsTypes::List(vec![
                        t::ApplicationType::MachineToMachine,
                    ]))
                    .is_third_party(t::BooleanString::False)
            }),
            Req::new("GET", "/api/applications")
                .query(&[("types", "MachineToMachine"), ("isThirdParty", "false")]),
            Reply::Json(200, json!([])),
        )
        .variant("one type, empty page"),
        case(
            "CreateApplication",
            invoke!(|c| {
                let body = t::CreateApplicationBody {
                    name: "Storefront SPA".into(),
                    description: Some("Browser client of the storefront".into()),
                    r#type: t::ApplicationType::Spa,
                    oidc_client_metadata: Some(t::OidcClientMetadata {
                        redirect_uris: vec!["https://shop.example.org/callback".into()],
                        post_logout_redirect_uris: vec!["https://shop.example.org/".into()],
                        ..Default::default()
                    }),
                    custom_client_metadata: Some(t::CustomClientMetadata {
                        cors_allowed_origins: Some(vec!["https://shop.example.org".into()]),
                        id_token_ttl: Some(3600.0),
                        refresh_token_ttl_in_days: Some(14.0),
                        always_issue_refresh_token: Some(true),
                        rotate_refresh_token: Some(true),
                        ..Default::default()
                    }),
                    custom_data: None,
                    is_third_party: Some(false),
                    protected_app_metadata: None,
                };
                c.applications().create_application(body)
            }),
            Req::new("POST", "/api/applications").json(json!({
                "name": "Storefront SPA",
                "description": "Browser client of the storefront",
                "type": "SPA",
                "oidcClientMetadata": {
                    "redirectUris": ["https://shop.example.org/callback"],
                    "postLogoutRedirectUris": ["https://shop.example.org/"]
                },
                "customClientMetadata": {
                    "corsAllowedOrigins": ["https://shop.example.org"],
                    "idTokenTtl": 3600,
                    "refreshTokenTtlInDays": 14,
                    "alwaysIssueRefreshToken": true,
                    "rotateRefreshToken": true
                },
                "isThirdParty": false
            })),
            Reply::Json(200, spa_app()),
        ),
        // A Protected App names its sub-domain and origin; outside a PATCH body, a `None`
        // description is left out (`null` and absent mean the same to Logto there).
        case(
            "CreateApplication",
            invoke!(|c| {
                let body = t::CreateApplicationBody {
                    name: "Legacy intranet".into(),
                    description: None,
                    r#type: t::ApplicationType::Protected,
                    oidc_client_metadata: None,
                    custom_client_metadata: None,
                    custom_data: Some(object(json!({ "owner": "it-ops" }))),
                    is_third_party: None,
                    protected_app_metadata: Some(t::CreateApplicationBodyProtectedAppMetadata {
                        sub_domain: "intranet-x1".into(),
                        origin: "https://intranet.example.org".into(),
                    }),
                };
                c.applications().create_application(body)
            }),
            Req::new("POST", "/api/applications").json(json!({
                "name": "Legacy intranet",
                "type": "Protected",
                "customData": { "owner": "it-ops" },
                "protectedAppMetadata": {
                    "subDomain": "intranet-x1",
                    "origin": "https://intranet.example.org"
                }
            })),
            Reply::Json(200, protected_app()),
        )
        .variant("protected app"),
        case(
            "GetApplication",
            invoke!(|c| c.applications().get_application(HOSTILE)),
            Req::new("GET", APP),
            Reply::Json(200, with_admin(web_app(), false)),
        ),
        case(
            "GetApplication",
            invoke!(|c| c.applications().get_application(HOSTILE)),
            Req::new("GET", APP),
            Reply::Json(200, with_admin(legacy_app(), true)),
        )
        .variant("legacy secret, admin"),
        case(
            "UpdateApplication",
            invoke!(|c| {
                let body = t::UpdateApplicationBody {
                    name: Some("Partner portal".into()),
                    description: Patch::Null,
                    oidc_client_metadata: Some(t::OidcClientMetadata {
                        redirect_uris: vec!["https://portal.example.org/auth/callback".into()],
                        post_logout_redirect_uris: vec!["https://portal.example.org/".into()],
                        backchannel_logout_uri: Some(
                            "https://portal.example.org/auth/backchannel".into(),
                        ),
                        backchannel_logout_session_required: Some(true),
                        logo_uri: Some("https://cdn.example.org/portal.png".into()),
                    }),
                    custom_client_metadata: Some(t::CustomClientMetadata {
                        id_token_ttl: Some(600.0),
                        refresh_token_ttl: Some(86400.0),
                        tenant_id: Some("default".into()),
                        allow_token_exchange: Some(true),
                        is_device_flow: Some(false),
                        max_allowed_grants: Some(3.0),
                        ..Default::default()
                    }),
                    custom_data: Some(object(json!({ "team": "partners", "tier": 2 }))),
                    app_level_access_control_enabled: Some(true),
                    is_admin: Some(false),
                    ..Default::default()
                };
                c.applications().update_application(HOSTILE, body)
            }),
            Req::new("PATCH", APP).json(json!({
                "name": "Partner portal",
                "description": null,
                "oidcClientMetadata": {
                    "redirectUris": ["https://portal.example.org/auth/callback"],
                    "postLogoutRedirectUris": ["https://portal.example.org/"],
                    "backchannelLogoutUri": "https://portal.example.org/auth/backchannel",
                    "backchannelLogoutSessionRequired": true,
                    "logoUri": "https://cdn.example.org/portal.png"
                },
                "customClientMetadata": {
                    "idTokenTtl": 600,
                    "refreshTokenTtl": 86400,
                    "tenantId": "default",
                    "allowTokenExchange": true,
                    "isDeviceFlow": false,
                    "maxAllowedGrants": 3
                },
                "customData": { "team": "partners", "tier": 2 },
                "appLevelAccessControlEnabled": true,
                "isAdmin": false
            })),
            Reply::Json(200, web_app()),
        ),
        // Protected App settings; each field of the nested object is optional.
        case(
            "UpdateApplication",
            invoke!(|c| {
                let metadata = t::UpdateApplicationBodyProtectedAppMetadata {
                    session_duration: Some(1209600.0),
                    page_rules: Some(vec![t::ProtectedAppPageRule {
                        path: "^/admin".into(),
                    }]),
                    additional_scopes: Some(vec![
                        t::ProtectedAppAdditionalScope::CustomData,
                        t::ProtectedAppAdditionalScope::Roles,
                    ]),
                    ..Default::default()
                };
                let body = t::UpdateApplicationBody {
                    protected_app_metadata: Patch::Set(metadata),
                    ..Default::default()
                };
                c.applications().update_application(HOSTILE, body)
            }),
            Req::new("PATCH", APP).json(json!({
                "protectedAppMetadata": {
                    "sessionDuration": 1209600,
                    "pageRules": [{ "path": "^/admin" }],
                    "additionalScopes": ["custom_data", "roles"]
                }
            })),
            Reply::Json(200, protected_app()),
        )
        .variant("protected app metadata"),
        case(
            "DeleteApplication",
            invoke!(|c| c.applications().delete_application(HOSTILE)),
            Req::new("DELETE", APP),
            Reply::Empty(204),
        ),
        // The body is merged into the stored custom data; the answer is the merged object.
        case(
            "UpdateApplicationCustomData",
            invoke!(|c| {
                let data = object(json!({ "owner": "it-ops", "limits": { "rps": 25 } }));
                c.applications()
                    .update_application_custom_data(HOSTILE, data)
            }),
            Req::new(
                "PATCH",
                "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/custom-data",
            )
            .json(json!({ "owner": "it-ops", "limits": { "rps": 25 } })),
            Reply::Json(
                200,
                json!({ "team": "partners", "owner": "it-ops", "limits": { "rps": 25 } }),
            ),
        ),
        case(
            "DeleteApplicationLegacySecret",
            invoke!(|c| c.applications().delete_application_legacy_secret(HOSTILE)),
            Req::new(
                "DELETE",
                "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/legacy-secret",
            ),
            Reply::Json(200, {
                let mut app = legacy_app();
                app.as_object_mut().map(|o| o.remove("secret"));
                app
            }),
        ),
    ]
}

/// `GetApplication` adds `isAdmin` to the record.
fn with_admin(mut app: Value, is_admin: bool) -> Value {
    app["isAdmin"] = json!(is_admin);
    app
}

fn access_control() -> Value {
    json!({
        "userIds": [USER_ID],
        "userRoleIds": [ROLE_ID],
        "organizationIds": [ORG_ID],
        "organizationRoleRules": [
            { "organizationId": ORG_ID, "organizationRoleIds": ["0rgr01e000000000000o1"] }
        ]
    })
}

fn access_cases() -> Vec<Case> {
    let access = "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/access-control";
    let roles = "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/roles";
    vec![
        case(
            "GetApplicationAccessControl",
            invoke!(|c| c.applications().get_application_access_control(HOSTILE)),
            Req::new("GET", access),
            Reply::Json(200, access_control()),
        ),
        case(
            "ReplaceApplicationAccessControl",
            invoke!(|c| {
                let body = t::ReplaceApplicationAccessControlBody {
                    user_ids: vec![USER_ID.into()],
                    user_role_ids: vec![ROLE_ID.into()],
                    organization_ids: vec![ORG_ID.into()],
                    organization_role_rules: vec![
                        t::ReplaceApplicationAccessControlBodyOrganizationRoleRule {
                            organization_id: ORG_ID.into(),
                            organization_role_ids: vec!["0rgr01e000000000000o1".into()],
                        },
                    ],
                };
                c.applications()
                    .replace_application_access_control(HOSTILE, body)
            }),
            Req::new("PUT", access).json(access_control()),
            Reply::Json(200, access_control()),
        ),
        // Clearing every list turns the restriction off.
        case(
            "ReplaceApplicationAccessControl",
            invoke!(|c| {
                let body = t::ReplaceApplicationAccessControlBody::default();
                c.applications()
                    .replace_application_access_control(HOSTILE, body)
            }),
            Req::new("PUT", access).json(json!({
                "userIds": [],
                "userRoleIds": [],
                "organizationIds": [],
                "organizationRoleRules": []
            })),
            Reply::Json(
                200,
                json!({
                    "userIds": [],
                    "userRoleIds": [],
                    "organizationIds": [],
                    "organizationRoleRules": []
                }),
            ),
        )
        .variant("empty"),
        case(
            "ListApplicationRoles",
            invoke!(|c| c.applications().list_application_roles(HOSTILE)),
            Req::new("GET", roles),
            Reply::Json(
                200,
                json!([role(ROLE_ID, "billing-writer", "MachineToMachine")]),
            ),
        ),
        case(
            "ListApplicationRoles",
            invoke!(|c| {
                let search = [("search", "billing")].map(|(k, v)| (k.to_owned(), v.to_owned()));
                c.applications()
                    .list_application_roles(HOSTILE)
                    .page(2)
                    .page_size(5)
                    .search_params(search.into_iter().collect())
            }),
            Req::new("GET", roles).query(&[
                ("page", "2"),
                ("page_size", "5"),
                ("search", "billing"),
            ]),
            Reply::Json(200, json!([])),
        )
        .variant("paged search"),
        case(
            "AssignApplicationRoles",
            invoke!(|c| {
                let body = t::RoleIdsBody {
                    role_ids: vec![ROLE_ID.into(), ROLE_ID_2.into()],
                };
                c.applications().assign_application_roles(HOSTILE, body)
            }),
            Req::new("POST", roles).json(json!({ "roleIds": [ROLE_ID, ROLE_ID_2] })),
            Reply::Json(
                201,
                json!({ "roleIds": [ROLE_ID, ROLE_ID_2], "addedRoleIds": [ROLE_ID_2] }),
            ),
        ),
        case(
            "ReplaceApplicationRoles",
            invoke!(|c| {
                let body = t::RoleIdsBody {
                    role_ids: vec![ROLE_ID_2.into()],
                };
                c.applications().replace_application_roles(HOSTILE, body)
            }),
            Req::new("PUT", roles).json(json!({ "roleIds": [ROLE_ID_2] })),
            Reply::Text(200, "OK"),
        ),
        case(
            "DeleteApplicationRole",
            invoke!(|c| c.applications().delete_application_role(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
        case(
            "ListApplicationOrganizations",
            invoke!(|c| c.applications().list_application_organizations(HOSTILE)),
            Req::new(
                "GET",
                "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/organizations",
            ),
            Reply::Json(200, json!([app_organization()])),
        ),
        case(
            "ListApplicationOrganizations",
            invoke!(|c| {
                c.applications()
                    .list_application_organizations(HOSTILE)
                    .page(3)
                    .page_size(10)
            }),
            Req::new(
                "GET",
                "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/organizations",
            )
            .query(&[("page", "3"), ("page_size", "10")]),
            Reply::Json(200, json!([])),
        )
        .variant("paged"),
    ]
}

/// An organization the application belongs to, with its roles there.
fn app_organization() -> Value {
    json!({
        "tenantId": "default",
        "id": ORG_ID,
        "name": "Northwind",
        "description": null,
        "customData": { "plan": "team" },
        "isMfaRequired": true,
        "color": {
            "primaryColor": "#1a73e8",
            "isDarkModeEnabled": true,
            "darkPrimaryColor": "#8ab4f8"
        },
        "branding": {
            "logoUrl": "https://cdn.example.org/northwind.png",
            "darkLogoUrl": "https://cdn.example.org/northwind-dark.png",
            "favicon": "https://cdn.example.org/northwind.ico",
            "darkFavicon": "https://cdn.example.org/northwind-dark.ico"
        },
        "customCss": ".logo { height: 32px; }",
        "createdAt": 1795400300001_u64,
        "organizationRoles": [{ "id": "0rgr01e000000000000o1", "name": "member" }]
    })
}

/// A client secret; `value` is the secret itself, `expiresAt` is nullable.
fn secret(name: &str, expires_at: Option<u64>) -> Value {
    json!({
        "tenantId": "default",
        "applicationId": WEB_APP,
        "name": name,
        "value": "s3cr3t-v4lue-for-tests-0000000000000001",
        "createdAt": 1795400400001_u64,
        "expiresAt": expires_at
    })
}

fn secret_cases() -> Vec<Case> {
    let secrets = "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/secrets";
    let one = "/api/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/secrets/a%2Fb%3Fc%23d%20e%2F%C3%BC";
    vec![
        case(
            "ListApplicationSecrets",
            invoke!(|c| c.applications().list_application_secrets(HOSTILE)),
            Req::new("GET", secrets),
            Reply::Json(
                200,
                json!([
                    secret("Default secret", None),
                    secret("rotation-q3", Some(4102444800000))
                ]),
            ),
        ),
        case(
            "CreateApplicationSecret",
            invoke!(|c| {
                let body = t::SecretBody {
                    name: "rotation-q3".into(),
                    expires_at: Some(Timestamp::from_millis(4102444800000)),
                };
                c.applications().create_application_secret(HOSTILE, body)
            }),
            Req::new("POST", secrets)
                .json(json!({ "name": "rotation-q3", "expiresAt": 4102444800000_u64 })),
            Reply::Json(201, secret("rotation-q3", Some(4102444800000))),
        ),
        // A secret that never expires: `expiresAt` is left out.
        case(
            "CreateApplicationSecret",
            invoke!(|c| {
                let body = t::SecretBody {
                    name: "ci".into(),
                    expires_at: None,
                };
                c.applications().create_application_secret(HOSTILE, body)
            }),
            Req::new("POST", secrets).json(json!({ "name": "ci" })),
            Reply::Json(201, secret("ci", None)),
        )
        .variant("no expiry"),
        case(
            "DeleteApplicationSecret",
            invoke!(|c| c.applications().delete_application_secret(HOSTILE, HOSTILE)),
            Req::new("DELETE", one),
            Reply::Empty(204),
        ),
        case(
            "UpdateApplicationSecret",
            invoke!(|c| {
                let body = t::SecretNameBody {
                    name: "rotation-q4".into(),
                };
                c.applications()
                    .update_application_secret(HOSTILE, HOSTILE, body)
            }),
            Req::new("PATCH", one).json(json!({ "name": "rotation-q4" })),
            Reply::Json(200, secret("rotation-q4", None)),
        ),
        // The operation also documents a 204 without a body.
        case(
            "UpdateApplicationSecret",
            invoke!(|c| {
                let body = t::SecretNameBody {
                    name: "rotation-q4".into(),
                };
                c.applications()
                    .update_application_secret(HOSTILE, HOSTILE, body)
            }),
            Req::new("PATCH", one).json(json!({ "name": "rotation-q4" })),
            Reply::Empty(204),
        )
        .variant("204"),
    ]
}
