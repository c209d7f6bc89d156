//! `Organization roles` and `Organization scopes`: the organization template's roles, the
//! organization scopes and the API resource scopes a role grants.

use super::super::case;
use super::{ids, org_role, org_scope, RESOURCE, RES_SCOPE};
use super::{ROLE_ADMIN, ROLE_BOT, SCOPE_READ, SCOPE_WRITE};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::json;

pub fn cases() -> Vec<Case> {
    let mut cases = role_cases();
    cases.extend(role_scope_cases());
    cases.extend(scope_cases());
    cases
}

fn admin() -> serde_json::Value {
    org_role(
        ROLE_ADMIN,
        "admin",
        Some("Manages members and billing"),
        "User",
    )
}

/// The roles themselves.
fn role_cases() -> Vec<Case> {
    vec![
        case(
            "GetOrganizationRole",
            invoke!(|c| c.organization_roles().get_organization_role(HOSTILE)),
            Req::new("GET", concat!("/api/organization-roles/", enc!())),
            Reply::Json(200, admin()),
        ),
        case(
            "UpdateOrganizationRole",
            invoke!(|c| {
                let body = t::UpdateOrganizationRoleBody {
                    name: Some("admin".into()),
                    description: Patch::Set("Manages members and billing".into()),
                    ..Default::default()
                };
                c.organization_roles()
                    .update_organization_role(HOSTILE, body)
            }),
            Req::new("PATCH", concat!("/api/organization-roles/", enc!()))
                .json(json!({ "name": "admin", "description": "Manages members and billing" })),
            Reply::Json(200, admin()),
        ),
        // A present `description: null` clears it; the type can change too.
        case(
            "UpdateOrganizationRole",
            invoke!(|c| {
                let body = t::UpdateOrganizationRoleBody {
                    description: Patch::Null,
                    r#type: Some(t::RoleType::MachineToMachine),
                    ..Default::default()
                };
                c.organization_roles()
                    .update_organization_role(HOSTILE, body)
            }),
            Req::new("PATCH", concat!("/api/organization-roles/", enc!()))
                .json(json!({ "description": null, "type": "MachineToMachine" })),
            Reply::Json(
                200,
                org_role(ROLE_BOT, "sync-agent", None, "MachineToMachine"),
            ),
        )
        .variant("clear description"),
        case(
            "DeleteOrganizationRole",
            invoke!(|c| c.organization_roles().delete_organization_role(HOSTILE)),
            Req::new("DELETE", concat!("/api/organization-roles/", enc!())),
            Reply::Empty(204),
        ),
        case(
            "ListOrganizationRoles",
            invoke!(|c| c.organization_roles().list_organization_roles()),
            Req::new("GET", "/api/organization-roles"),
            Reply::Json(
                200,
                json!([
                    {
                        "tenantId": "default",
                        "id": ROLE_ADMIN,
                        "name": "admin",
                        "description": "Manages members and billing",
                        "type": "User",
                        "scopes": [
                            { "id": SCOPE_READ, "name": "read:projects" },
                            { "id": SCOPE_WRITE, "name": "write:projects" }
                        ],
                        "resourceScopes": [{
                            "id": RES_SCOPE,
                            "name": "read:invoices",
                            "resource": { "id": RESOURCE, "name": "Billing API" }
                        }]
                    },
                    {
                        "tenantId": "default",
                        "id": ROLE_BOT,
                        "name": "sync-agent",
                        "description": null,
                        "type": "MachineToMachine",
                        "scopes": [],
                        "resourceScopes": []
                    }
                ]),
            ),
        ),
        case(
            "ListOrganizationRoles",
            invoke!(|c| c
                .organization_roles()
                .list_organization_roles()
                .q("adm")
                .page(1)
                .page_size(2)),
            Req::new("GET", "/api/organization-roles").query(&[
                ("q", "adm"),
                ("page", "1"),
                ("page_size", "2"),
            ]),
            Reply::Json(200, json!([])),
        )
        .variant("search, paged"),
        case(
            "CreateOrganizationRole",
            invoke!(|c| {
                let body = t::CreateOrganizationRoleBody {
                    name: "admin".into(),
                    description: Some("Manages members and billing".into()),
                    organization_scope_ids: ids(&[SCOPE_READ, SCOPE_WRITE]),
                    resource_scope_ids: ids(&[RES_SCOPE]),
                    ..Default::default()
                };
                c.organization_roles().create_organization_role(body)
            }),
            Req::new("POST", "/api/organization-roles").json(json!({
                "name": "admin",
                "description": "Manages members and billing",
                "organizationScopeIds": [SCOPE_READ, SCOPE_WRITE],
                "resourceScopeIds": [RES_SCOPE]
            })),
            Reply::Json(201, admin()),
        ),
        // A machine-to-machine role without a description (left out) and no scopes.
        case(
            "CreateOrganizationRole",
            invoke!(|c| {
                let body = t::CreateOrganizationRoleBody {
                    name: "sync-agent".into(),
                    description: None,
                    r#type: Some(t::RoleType::MachineToMachine),
                    organization_scope_ids: Vec::new(),
                    resource_scope_ids: Vec::new(),
                    ..Default::default()
                };
                c.organization_roles().create_organization_role(body)
            }),
            Req::new("POST", "/api/organization-roles").json(json!({
                "name": "sync-agent",
                "type": "MachineToMachine",
                "organizationScopeIds": [],
                "resourceScopeIds": []
            })),
            Reply::Json(
                201,
                org_role(ROLE_BOT, "sync-agent", None, "MachineToMachine"),
            ),
        )
        .variant("machine-to-machine"),
    ]
}

/// Organization scopes and resource scopes granted by a role.
fn role_scope_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationRoleScopes",
            invoke!(|c| c
                .organization_roles()
                .list_organization_role_scopes(HOSTILE)),
            Req::new(
                "GET",
                concat!("/api/organization-roles/", enc!(), "/scopes"),
            ),
            Reply::Json(
                200,
                json!([
                    org_scope(
                        SCOPE_READ,
                        "read:projects",
                        Some("See the organization's projects")
                    ),
                    org_scope(SCOPE_WRITE, "write:projects", None)
                ]),
            ),
        ),
        case(
            "ListOrganizationRoleScopes",
            invoke!(|c| c
                .organization_roles()
                .list_organization_role_scopes(HOSTILE)
                .page(2)
                .page_size(1)),
            Req::new(
                "GET",
                concat!("/api/organization-roles/", enc!(), "/scopes"),
            )
            .query(&[("page", "2"), ("page_size", "1")]),
            Reply::Json(200, json!([org_scope(SCOPE_WRITE, "write:projects", None)])),
        )
        .variant("paged"),
        case(
            "CreateOrganizationRoleScope",
            invoke!(|c| {
                let body = t::OrganizationScopeIdsBody {
                    organization_scope_ids: ids(&[SCOPE_WRITE]),
                };
                c.organization_roles()
                    .create_organization_role_scope(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organization-roles/", enc!(), "/scopes"),
            )
            .json(json!({ "organizationScopeIds": [SCOPE_WRITE] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "ReplaceOrganizationRoleScopes",
            invoke!(|c| {
                let body = t::OrganizationScopeIdsBody {
                    organization_scope_ids: ids(&[SCOPE_READ, SCOPE_WRITE]),
                };
                c.organization_roles()
                    .replace_organization_role_scopes(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organization-roles/", enc!(), "/scopes"),
            )
            .json(json!({ "organizationScopeIds": [SCOPE_READ, SCOPE_WRITE] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationRoleScope",
            invoke!(|c| c
                .organization_roles()
                .delete_organization_role_scope(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!("/api/organization-roles/", enc!(), "/scopes/", enc!()),
            ),
            Reply::Empty(204),
        ),
        case(
            "ListOrganizationRoleResourceScopes",
            invoke!(|c| c
                .organization_roles()
                .list_organization_role_resource_scopes(HOSTILE)),
            Req::new(
                "GET",
                concat!("/api/organization-roles/", enc!(), "/resource-scopes"),
            ),
            Reply::Json(
                200,
                json!([
                    {
                        "tenantId": "default",
                        "id": RES_SCOPE,
                        "resourceId": RESOURCE,
                        "name": "read:invoices",
                        "description": "Read the organization's invoices",
                        "createdAt": 1767225650000_u64
                    },
                    {
                        "tenantId": "default",
                        "id": "r3ssc0pepay0ut5000002",
                        "resourceId": RESOURCE,
                        "name": "write:payouts",
                        "description": null,
                        "createdAt": 1767225651000_u64
                    }
                ]),
            ),
        ),
        case(
            "ListOrganizationRoleResourceScopes",
            invoke!(|c| c
                .organization_roles()
                .list_organization_role_resource_scopes(HOSTILE)
                .page(3)
                .page_size(25)),
            Req::new(
                "GET",
                concat!("/api/organization-roles/", enc!(), "/resource-scopes"),
            )
            .query(&[("page", "3"), ("page_size", "25")]),
            Reply::Json(200, json!([])),
        )
        .variant("paged"),
        case(
            "CreateOrganizationRoleResourceScope",
            invoke!(|c| {
                let body = t::ScopeIdsBody {
                    scope_ids: ids(&[RES_SCOPE]),
                };
                c.organization_roles()
                    .create_organization_role_resource_scope(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organization-roles/", enc!(), "/resource-scopes"),
            )
            .json(json!({ "scopeIds": [RES_SCOPE] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "ReplaceOrganizationRoleResourceScopes",
            invoke!(|c| {
                let body = t::ScopeIdsBody {
                    scope_ids: ids(&[RES_SCOPE, "r3ssc0pepay0ut5000002"]),
                };
                c.organization_roles()
                    .replace_organization_role_resource_scopes(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organization-roles/", enc!(), "/resource-scopes"),
            )
            .json(json!({ "scopeIds": [RES_SCOPE, "r3ssc0pepay0ut5000002"] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationRoleResourceScope",
            invoke!(|c| c
                .organization_roles()
                .delete_organization_role_resource_scope(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!(
                    "/api/organization-roles/",
                    enc!(),
                    "/resource-scopes/",
                    enc!()
                ),
            ),
            Reply::Empty(204),
        ),
    ]
}

/// The organization scopes.
fn scope_cases() -> Vec<Case> {
    let read = || {
        org_scope(
            SCOPE_READ,
            "read:projects",
            Some("See the organization's projects"),
        )
    };
    vec![
        case(
            "ListOrganizationScopes",
            invoke!(|c| c.organization_scopes().list_organization_scopes()),
            Req::new("GET", "/api/organization-scopes"),
            Reply::Json(
                200,
                json!([read(), org_scope(SCOPE_WRITE, "write:projects", None)]),
            ),
        ),
        case(
            "ListOrganizationScopes",
            invoke!(|c| c
                .organization_scopes()
                .list_organization_scopes()
                .q("projects")
                .page(1)
                .page_size(50)),
            Req::new("GET", "/api/organization-scopes").query(&[
                ("q", "projects"),
                ("page", "1"),
                ("page_size", "50"),
            ]),
            Reply::Json(200, json!([read()])),
        )
        .variant("search, paged"),
        case(
            "CreateOrganizationScope",
            invoke!(|c| {
                let body = t::CreateOrganizationScopeBody {
                    name: "read:projects".into(),
                    description: Some("See the organization's projects".into()),
                    ..Default::default()
                };
                c.organization_scopes().create_organization_scope(body)
            }),
            Req::new("POST", "/api/organization-scopes").json(json!({
                "name": "read:projects",
                "description": "See the organization's projects"
            })),
            Reply::Json(201, read()),
        ),
        // Without a description the scope is stored with `description: null`.
        case(
            "CreateOrganizationScope",
            invoke!(|c| {
                let body = t::CreateOrganizationScopeBody {
                    name: "write:projects".into(),
                    ..Default::default()
                };
                c.organization_scopes().create_organization_scope(body)
            }),
            Req::new("POST", "/api/organization-scopes").json(json!({ "name": "write:projects" })),
            Reply::Json(201, org_scope(SCOPE_WRITE, "write:projects", None)),
        )
        .variant("no description"),
        case(
            "GetOrganizationScope",
            invoke!(|c| c.organization_scopes().get_organization_scope(HOSTILE)),
            Req::new("GET", concat!("/api/organization-scopes/", enc!())),
            Reply::Json(200, read()),
        ),
        case(
            "UpdateOrganizationScope",
            invoke!(|c| {
                let body = t::UpdateOrganizationScopeBody {
                    name: Some("edit:projects".into()),
                    description: Patch::Null,
                    ..Default::default()
                };
                c.organization_scopes()
                    .update_organization_scope(HOSTILE, body)
            }),
            Req::new("PATCH", concat!("/api/organization-scopes/", enc!()))
                .json(json!({ "name": "edit:projects", "description": null })),
            Reply::Json(200, org_scope(SCOPE_WRITE, "edit:projects", None)),
        ),
        case(
            "DeleteOrganizationScope",
            invoke!(|c| c.organization_scopes().delete_organization_scope(HOSTILE)),
            Req::new("DELETE", concat!("/api/organization-scopes/", enc!())),
            Reply::Empty(204),
        ),
    ]
}
