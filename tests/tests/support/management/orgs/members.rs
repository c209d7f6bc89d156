//! `Organizations`, part two: machine-to-machine applications in an organization with their
//! roles, and just-in-time provisioning (e-mail domains, default roles, SSO connectors).

use super::super::case;
use super::{ids, org_role, APP, ORG, ROLE_BOT, ROLE_MEMBER, SSO};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use serde_json::{json, Value};

pub fn cases() -> Vec<Case> {
    let mut cases = application_cases();
    cases.extend(application_role_cases());
    cases.extend(jit_domain_cases());
    cases.extend(jit_role_cases());
    cases.extend(jit_sso_cases());
    cases
}

fn bot_role() -> Value {
    org_role(
        ROLE_BOT,
        "sync-agent",
        Some("Nightly directory sync"),
        "MachineToMachine",
    )
}

/// A machine-to-machine application holding the bot role.
fn application() -> Value {
    json!({
        "tenantId": "default",
        "id": APP,
        "name": "Directory sync",
        "description": "Pulls members from the HR system",
        "type": "MachineToMachine",
        "oidcClientMetadata": { "redirectUris": [], "postLogoutRedirectUris": [] },
        "customClientMetadata": { "corsAllowedOrigins": [], "refreshTokenTtlInDays": 14 },
        "protectedAppMetadata": null,
        "customData": { "owner": "it-ops" },
        "isThirdParty": false,
        "appLevelAccessControlEnabled": false,
        "createdAt": 1767226100000_u64,
        "organizationRoles": [{ "id": ROLE_BOT, "name": "sync-agent" }]
    })
}

/// Applications that belong to the organization.
fn application_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationApplications",
            invoke!(|c| c.organizations().list_organization_applications(HOSTILE)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/applications"),
            ),
            Reply::Json(200, json!([application()])),
        ),
        // No role yet and no description: the other nullable branches.
        case(
            "ListOrganizationApplications",
            invoke!(|c| c
                .organizations()
                .list_organization_applications(HOSTILE)
                .q("sync")
                .page(1)
                .page_size(10)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/applications"),
            )
            .query(&[("q", "sync"), ("page", "1"), ("page_size", "10")]),
            Reply::Json(200, {
                let mut app = application();
                app["description"] = Value::Null;
                app["organizationRoles"] = json!([]);
                json!([app])
            }),
        )
        .variant("search, paged"),
        case(
            "AddOrganizationApplications",
            invoke!(|c| {
                let body = t::ApplicationIdsBody {
                    application_ids: ids(&[APP]),
                };
                c.organizations()
                    .add_organization_applications(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organizations/", enc!(), "/applications"),
            )
            .json(json!({ "applicationIds": [APP] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "ReplaceOrganizationApplications",
            invoke!(|c| {
                let body = t::ApplicationIdsBody {
                    application_ids: ids(&[APP, "app5ch3dul3r00000m2m2"]),
                };
                c.organizations()
                    .replace_organization_applications(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organizations/", enc!(), "/applications"),
            )
            .json(json!({ "applicationIds": [APP, "app5ch3dul3r00000m2m2"] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationApplication",
            invoke!(|c| c
                .organizations()
                .delete_organization_application(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!("/api/organizations/", enc!(), "/applications/", enc!()),
            ),
            Reply::Empty(204),
        ),
        case(
            "AssignOrganizationRolesToApplications",
            invoke!(|c| {
                let body = t::AssignOrganizationRolesToApplicationsBody {
                    application_ids: ids(&[APP]),
                    organization_role_ids: ids(&[ROLE_BOT]),
                };
                c.organizations()
                    .assign_organization_roles_to_applications(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organizations/", enc!(), "/applications/roles"),
            )
            .json(json!({ "applicationIds": [APP], "organizationRoleIds": [ROLE_BOT] })),
            Reply::Text(201, "Created"),
        ),
    ]
}

/// One application's organization roles.
fn application_role_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationApplicationRoles",
            invoke!(|c| c
                .organizations()
                .list_organization_application_roles(HOSTILE, HOSTILE)),
            Req::new(
                "GET",
                concat!(
                    "/api/organizations/",
                    enc!(),
                    "/applications/",
                    enc!(),
                    "/roles"
                ),
            ),
            Reply::Json(200, json!([bot_role()])),
        ),
        case(
            "ListOrganizationApplicationRoles",
            invoke!(|c| c
                .organizations()
                .list_organization_application_roles(HOSTILE, HOSTILE)
                .page(4)
                .page_size(3)),
            Req::new(
                "GET",
                concat!(
                    "/api/organizations/",
                    enc!(),
                    "/applications/",
                    enc!(),
                    "/roles"
                ),
            )
            .query(&[("page", "4"), ("page_size", "3")]),
            Reply::Json(200, json!([])),
        )
        .variant("paged"),
        case(
            "AssignOrganizationRolesToApplication",
            invoke!(|c| {
                let body = t::OrganizationRoleIdsBody {
                    organization_role_ids: ids(&[ROLE_BOT]),
                };
                c.organizations()
                    .assign_organization_roles_to_application(HOSTILE, HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!(
                    "/api/organizations/",
                    enc!(),
                    "/applications/",
                    enc!(),
                    "/roles"
                ),
            )
            .json(json!({ "organizationRoleIds": [ROLE_BOT] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "ReplaceOrganizationApplicationRoles",
            invoke!(|c| {
                let body = t::OrganizationRoleIdsBody {
                    organization_role_ids: Vec::new(),
                };
                c.organizations()
                    .replace_organization_application_roles(HOSTILE, HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!(
                    "/api/organizations/",
                    enc!(),
                    "/applications/",
                    enc!(),
                    "/roles"
                ),
            )
            .json(json!({ "organizationRoleIds": [] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationApplicationRole",
            invoke!(|c| c
                .organizations()
                .delete_organization_application_role(HOSTILE, HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!(
                    "/api/organizations/",
                    enc!(),
                    "/applications/",
                    enc!(),
                    "/roles/",
                    enc!()
                ),
            ),
            Reply::Empty(204),
        ),
    ]
}

fn domain(name: &str) -> Value {
    json!({ "tenantId": "default", "organizationId": ORG, "emailDomain": name })
}

/// Just-in-time provisioning by verified e-mail domain.
fn jit_domain_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationJitEmailDomains",
            invoke!(|c| c
                .organizations()
                .list_organization_jit_email_domains(HOSTILE)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/jit/email-domains"),
            ),
            Reply::Json(
                200,
                json!([
                    domain("fieldfare.example"),
                    domain("fieldfare-labs.example")
                ]),
            ),
        ),
        case(
            "ListOrganizationJitEmailDomains",
            invoke!(|c| c
                .organizations()
                .list_organization_jit_email_domains(HOSTILE)
                .page(2)
                .page_size(1)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/jit/email-domains"),
            )
            .query(&[("page", "2"), ("page_size", "1")]),
            Reply::Json(200, json!([domain("fieldfare-labs.example")])),
        )
        .variant("paged"),
        case(
            "CreateOrganizationJitEmailDomain",
            invoke!(|c| {
                let body = t::CreateOrganizationJitEmailDomainBody {
                    email_domain: "fieldfare.example".into(),
                };
                c.organizations()
                    .create_organization_jit_email_domain(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organizations/", enc!(), "/jit/email-domains"),
            )
            .json(json!({ "emailDomain": "fieldfare.example" })),
            Reply::Json(201, domain("fieldfare.example")),
        ),
        case(
            "ReplaceOrganizationJitEmailDomains",
            invoke!(|c| {
                let body = t::ReplaceOrganizationJitEmailDomainsBody {
                    email_domains: ids(&["fieldfare.example", "fieldfare-labs.example"]),
                };
                c.organizations()
                    .replace_organization_jit_email_domains(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organizations/", enc!(), "/jit/email-domains"),
            )
            .json(json!({ "emailDomains": ["fieldfare.example", "fieldfare-labs.example"] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationJitEmailDomain",
            invoke!(|c| c
                .organizations()
                .delete_organization_jit_email_domain(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!("/api/organizations/", enc!(), "/jit/email-domains/", enc!()),
            ),
            Reply::Empty(204),
        ),
    ]
}

/// Roles given to members who join just in time.
fn jit_role_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationJitRoles",
            invoke!(|c| c.organizations().list_organization_jit_roles(HOSTILE)),
            Req::new("GET", concat!("/api/organizations/", enc!(), "/jit/roles")),
            Reply::Json(200, json!([org_role(ROLE_MEMBER, "member", None, "User")])),
        ),
        case(
            "ListOrganizationJitRoles",
            invoke!(|c| c
                .organizations()
                .list_organization_jit_roles(HOSTILE)
                .page(1)
                .page_size(100)),
            Req::new("GET", concat!("/api/organizations/", enc!(), "/jit/roles"))
                .query(&[("page", "1"), ("page_size", "100")]),
            Reply::Json(200, json!([])),
        )
        .variant("paged"),
        case(
            "CreateOrganizationJitRole",
            invoke!(|c| {
                let body = t::OrganizationRoleIdsBody {
                    organization_role_ids: ids(&[ROLE_MEMBER]),
                };
                c.organizations()
                    .create_organization_jit_role(HOSTILE, body)
            }),
            Req::new("POST", concat!("/api/organizations/", enc!(), "/jit/roles"))
                .json(json!({ "organizationRoleIds": [ROLE_MEMBER] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "ReplaceOrganizationJitRoles",
            invoke!(|c| {
                let body = t::OrganizationRoleIdsBody {
                    organization_role_ids: ids(&[ROLE_MEMBER, ROLE_BOT]),
                };
                c.organizations()
                    .replace_organization_jit_roles(HOSTILE, body)
            }),
            Req::new("PUT", concat!("/api/organizations/", enc!(), "/jit/roles"))
                .json(json!({ "organizationRoleIds": [ROLE_MEMBER, ROLE_BOT] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationJitRole",
            invoke!(|c| c
                .organizations()
                .delete_organization_jit_role(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!("/api/organizations/", enc!(), "/jit/roles/", enc!()),
            ),
            Reply::Empty(204),
        ),
    ]
}

/// An OIDC enterprise connector as the JIT list returns it.
fn sso_connector() -> Value {
    json!({
        "tenantId": "default",
        "id": SSO,
        "providerName": "OIDC",
        "connectorName": "Fieldfare Entra ID",
        "config": {
            "issuer": "https://login.fieldfare.example/v2.0",
            "clientId": "9d2c6e1a-5b7f-4c3e-8a90-1f2e3d4c5b6a",
            "clientSecret": "sso-client-secret-placeholder",
            "scope": "openid profile email"
        },
        "domains": ["fieldfare.example"],
        "branding": {
            "displayName": "Fieldfare SSO",
            "logo": "https://cdn.fieldfare.example/sso.svg"
        },
        "syncProfile": true,
        "enableTokenStorage": false,
        "createdAt": 1767226200000_u64
    })
}

/// Enterprise SSO connectors whose users join just in time.
fn jit_sso_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationJitSsoConnectors",
            invoke!(|c| c
                .organizations()
                .list_organization_jit_sso_connectors(HOSTILE)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/jit/sso-connectors"),
            ),
            Reply::Json(200, json!([sso_connector()])),
        ),
        case(
            "ListOrganizationJitSsoConnectors",
            invoke!(|c| c
                .organizations()
                .list_organization_jit_sso_connectors(HOSTILE)
                .page(1)
                .page_size(5)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/jit/sso-connectors"),
            )
            .query(&[("page", "1"), ("page_size", "5")]),
            Reply::Json(200, json!([])),
        )
        .variant("paged"),
        case(
            "CreateOrganizationJitSsoConnector",
            invoke!(|c| {
                let body = t::SsoConnectorIdsBody {
                    sso_connector_ids: ids(&[SSO]),
                };
                c.organizations()
                    .create_organization_jit_sso_connector(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organizations/", enc!(), "/jit/sso-connectors"),
            )
            .json(json!({ "ssoConnectorIds": [SSO] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "ReplaceOrganizationJitSsoConnectors",
            invoke!(|c| {
                let body = t::SsoConnectorIdsBody {
                    sso_connector_ids: ids(&[SSO, "ss0s4ml0kta2"]),
                };
                c.organizations()
                    .replace_organization_jit_sso_connectors(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organizations/", enc!(), "/jit/sso-connectors"),
            )
            .json(json!({ "ssoConnectorIds": [SSO, "ss0s4ml0kta2"] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationJitSsoConnector",
            invoke!(|c| c
                .organizations()
                .delete_organization_jit_sso_connector(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!(
                    "/api/organizations/",
                    enc!(),
                    "/jit/sso-connectors/",
                    enc!()
                ),
            ),
            Reply::Empty(204),
        ),
    ]
}
