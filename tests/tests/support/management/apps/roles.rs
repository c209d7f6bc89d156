//! `Roles`: user and machine-to-machine roles, their users, applications and scopes.

use super::{
    case, m2m_app, resource, role, scope, M2M_APP, ROLE_ID, ROLE_ID_2, SCOPE_ID, SCOPE_ID_2,
    USER_ID,
};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use serde_json::{json, Value};

const ONE: &str = "/api/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC";
const USERS: &str = "/api/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC/users";
const APPS: &str = "/api/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC/applications";
const SCOPES: &str = "/api/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC/scopes";

pub fn cases() -> Vec<Case> {
    let mut cases = role_cases();
    cases.extend(member_cases());
    cases.extend(scope_cases());
    cases
}

/// A role as listed, with its counts and a preview of users and applications.
fn listed_role() -> Value {
    let mut listed = role(ROLE_ID, "stock-editor", "User");
    listed["usersCount"] = json!(2);
    listed["featuredUsers"] = json!([
        { "id": USER_ID, "avatar": "https://cdn.example.org/u/1.png", "name": "Ada" },
        { "id": "u5er1d000002", "avatar": null, "name": null }
    ]);
    listed["applicationsCount"] = json!(0);
    listed["featuredApplications"] = json!([]);
    listed
}

fn listed_m2m_role() -> Value {
    let mut listed = role(ROLE_ID_2, "billing-writer", "MachineToMachine");
    listed["usersCount"] = json!(0);
    listed["featuredUsers"] = json!([]);
    listed["applicationsCount"] = json!(1);
    listed["featuredApplications"] =
        json!([{ "id": M2M_APP, "name": "Nightly billing job", "type": "MachineToMachine" }]);
    listed
}

fn role_cases() -> Vec<Case> {
    vec![
        case(
            "ListRoles",
            invoke!(|c| c.roles().list_roles()),
            Req::new("GET", "/api/roles"),
            Reply::Json(200, json!([listed_role(), listed_m2m_role()])),
        ),
        case(
            "ListRoles",
            invoke!(|c| {
                let search = [("search", "%billing%")].map(|(k, v)| (k.to_owned(), v.to_owned()));
                c.roles()
                    .list_roles()
                    .exclude_user_id(USER_ID)
                    .exclude_application_id(M2M_APP)
                    .r#type(t::RoleType::MachineToMachine)
                    .page(1)
                    .page_size(20)
                    .search_params(search.into_iter().collect())
            }),
            Req::new("GET", "/api/roles").query(&[
                ("excludeUserId", USER_ID),
                ("excludeApplicationId", M2M_APP),
                ("type", "MachineToMachine"),
                ("page", "1"),
                ("page_size", "20"),
                ("search", "%billing%"),
            ]),
            Reply::Json(200, json!([listed_m2m_role()])),
        )
        .variant("filters"),
        case(
            "CreateRole",
            invoke!(|c| {
                let body = t::CreateRoleBody {
                    name: "stock-editor".into(),
                    description: "Role stock-editor".into(),
                    r#type: Some(t::RoleType::User),
                    is_default: Some(false),
                    scope_ids: Some(vec![SCOPE_ID.into(), SCOPE_ID_2.into()]),
                    ..Default::default()
                };
                c.roles().create_role(body)
            }),
            Req::new("POST", "/api/roles").json(json!({
                "name": "stock-editor",
                "description": "Role stock-editor",
                "type": "User",
                "isDefault": false,
                "scopeIds": [SCOPE_ID, SCOPE_ID_2]
            })),
            Reply::Json(200, role(ROLE_ID, "stock-editor", "User")),
        ),
        case(
            "CreateRole",
            invoke!(|c| {
                let body = t::CreateRoleBody {
                    name: "billing-writer".into(),
                    description: "Role billing-writer".into(),
                    r#type: Some(t::RoleType::MachineToMachine),
                    ..Default::default()
                };
                c.roles().create_role(body)
            }),
            Req::new("POST", "/api/roles").json(json!({
                "name": "billing-writer",
                "description": "Role billing-writer",
                "type": "MachineToMachine"
            })),
            Reply::Json(200, role(ROLE_ID_2, "billing-writer", "MachineToMachine")),
        )
        .variant("machine-to-machine"),
        case(
            "GetRole",
            invoke!(|c| c.roles().get_role(HOSTILE)),
            Req::new("GET", ONE),
            Reply::Json(200, role(ROLE_ID, "stock-editor", "User")),
        ),
        case(
            "UpdateRole",
            invoke!(|c| {
                let body = t::UpdateRoleBody {
                    name: Some("stock-admin".into()),
                    description: Some("Role stock-admin".into()),
                    is_default: Some(true),
                };
                c.roles().update_role(HOSTILE, body)
            }),
            Req::new("PATCH", ONE).json(json!({
                "name": "stock-admin",
                "description": "Role stock-admin",
                "isDefault": true
            })),
            Reply::Json(200, {
                let mut updated = role(ROLE_ID, "stock-admin", "User");
                updated["isDefault"] = json!(true);
                updated
            }),
        ),
        case(
            "DeleteRole",
            invoke!(|c| c.roles().delete_role(HOSTILE)),
            Req::new("DELETE", ONE),
            Reply::Empty(204),
        ),
    ]
}

/// A user holding the role, with the optional fields a full user record carries.
fn role_user() -> Value {
    json!({
        "id": USER_ID,
        "username": "ada",
        "primaryEmail": "ada@example.org",
        "primaryPhone": null,
        "name": "Ada",
        "avatar": null,
        "customData": { "department": "stock" },
        "identities": {
            "github": { "userId": "gh-100001", "details": { "login": "ada-gh" } }
        },
        "lastSignInAt": null,
        "createdAt": 1795400500001_u64,
        "updatedAt": 1795400500002_u64,
        "profile": {
            "givenName": "Ada",
            "locale": "en-GB",
            "address": { "locality": "London", "country": "GB" }
        },
        "applicationId": null,
        "cimdClientId": null,
        "isSuspended": false,
        "hasPassword": true,
        "hasSecurityVerificationMethod": false,
        "ssoIdentities": [{
            "tenantId": "default",
            "id": "550id3nt1ty000000000i1",
            "userId": USER_ID,
            "issuer": "https://idp.example.org",
            "identityId": "ada@idp",
            "detail": { "email": "ada@example.org" },
            "createdAt": 1795400500003_u64,
            "updatedAt": 1795400500004_u64,
            "ssoConnectorId": "550c0nn3ct0r1"
        }]
    })
}

fn member_cases() -> Vec<Case> {
    vec![
        case(
            "ListRoleUsers",
            invoke!(|c| c.roles().list_role_users(HOSTILE)),
            Req::new("GET", USERS),
            Reply::Json(200, json!([role_user()])),
        ),
        case(
            "ListRoleUsers",
            invoke!(|c| {
                let search = [("search", "ada")].map(|(k, v)| (k.to_owned(), v.to_owned()));
                c.roles()
                    .list_role_users(HOSTILE)
                    .page(1)
                    .page_size(5)
                    .search_params(search.into_iter().collect())
            }),
            Req::new("GET", USERS).query(&[("page", "1"), ("page_size", "5"), ("search", "ada")]),
            Reply::Json(200, json!([])),
        )
        .variant("paged search"),
        case(
            "CreateRoleUser",
            invoke!(|c| {
                let body = t::UserIdsBody {
                    user_ids: vec![USER_ID.into(), "u5er1d000002".into()],
                };
                c.roles().create_role_user(HOSTILE, body)
            }),
            Req::new("POST", USERS).json(json!({ "userIds": [USER_ID, "u5er1d000002"] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "DeleteRoleUser",
            invoke!(|c| c.roles().delete_role_user(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                "/api/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC/users/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
        case(
            "ListRoleApplications",
            invoke!(|c| c.roles().list_role_applications(HOSTILE)),
            Req::new("GET", APPS),
            Reply::Json(200, json!([m2m_app()])),
        ),
        case(
            "ListRoleApplications",
            invoke!(|c| {
                let search = [("search", "billing")].map(|(k, v)| (k.to_owned(), v.to_owned()));
                c.roles()
                    .list_role_applications(HOSTILE)
                    .page(2)
                    .page_size(5)
                    .search_params(search.into_iter().collect())
            }),
            Req::new("GET", APPS).query(&[
                ("page", "2"),
                ("page_size", "5"),
                ("search", "billing"),
            ]),
            Reply::Json(200, json!([])),
        )
        .variant("paged search"),
        // The operation also documents a 204 without a body.
        case(
            "ListRoleApplications",
            invoke!(|c| c.roles().list_role_applications(HOSTILE)),
            Req::new("GET", APPS),
            Reply::Empty(204),
        )
        .variant("204"),
        case(
            "CreateRoleApplication",
            invoke!(|c| {
                let body = t::ApplicationIdsBody {
                    application_ids: vec![M2M_APP.into()],
                };
                c.roles().create_role_application(HOSTILE, body)
            }),
            Req::new("POST", APPS).json(json!({ "applicationIds": [M2M_APP] })),
            Reply::Text(201, "Created"),
        ),
        case(
            "DeleteRoleApplication",
            invoke!(|c| c.roles().delete_role_application(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                "/api/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC/applications/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
    ]
}

/// A scope of the role, with the resource it belongs to.
fn role_scope(id: &str, name: &str, description: Option<&str>) -> Value {
    let mut with_resource = scope(id, name, description);
    with_resource["resource"] = resource();
    with_resource
}

fn scope_cases() -> Vec<Case> {
    vec![
        case(
            "ListRoleScopes",
            invoke!(|c| c.roles().list_role_scopes(HOSTILE)),
            Req::new("GET", SCOPES),
            Reply::Json(
                200,
                json!([
                    role_scope(SCOPE_ID, "read:stock", Some("Read stock levels")),
                    role_scope(SCOPE_ID_2, "write:stock", None)
                ]),
            ),
        ),
        case(
            "ListRoleScopes",
            invoke!(|c| {
                let search =
                    [("search.name", "write:%")].map(|(k, v)| (k.to_owned(), v.to_owned()));
                c.roles()
                    .list_role_scopes(HOSTILE)
                    .page(1)
                    .page_size(1)
                    .search_params(search.into_iter().collect())
            }),
            Req::new("GET", SCOPES).query(&[
                ("page", "1"),
                ("page_size", "1"),
                ("search.name", "write:%"),
            ]),
            Reply::Json(200, json!([role_scope(SCOPE_ID_2, "write:stock", None)])),
        )
        .variant("paged search"),
        // The answer lists every scope the role now has.
        case(
            "CreateRoleScope",
            invoke!(|c| {
                let body = t::ScopeIdsBody {
                    scope_ids: vec![SCOPE_ID_2.into()],
                };
                c.roles().create_role_scope(HOSTILE, body)
            }),
            Req::new("POST", SCOPES).json(json!({ "scopeIds": [SCOPE_ID_2] })),
            Reply::Json(
                201,
                json!([
                    scope(SCOPE_ID, "read:stock", Some("Read stock levels")),
                    scope(SCOPE_ID_2, "write:stock", None)
                ]),
            ),
        ),
        // The operation also documents a 200 without a body.
        case(
            "CreateRoleScope",
            invoke!(|c| {
                let body = t::ScopeIdsBody {
                    scope_ids: vec![SCOPE_ID.into()],
                };
                c.roles().create_role_scope(HOSTILE, body)
            }),
            Req::new("POST", SCOPES).json(json!({ "scopeIds": [SCOPE_ID] })),
            Reply::Empty(200),
        )
        .variant("200 without body"),
        case(
            "DeleteRoleScope",
            invoke!(|c| c.roles().delete_role_scope(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                "/api/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC/scopes/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
    ]
}
