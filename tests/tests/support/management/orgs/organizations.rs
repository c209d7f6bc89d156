//! `Organizations`, part one: the organizations themselves, their members and the members'
//! organization roles and scopes.

use super::super::case;
use super::{bare_organization, ids, object, org_role, org_scope, organization};
use super::{ROLE_ADMIN, ROLE_MEMBER, SCOPE_READ, SCOPE_WRITE, USER_A, USER_B};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::{json, Value};

pub fn cases() -> Vec<Case> {
    let mut cases = organization_cases();
    cases.extend(user_cases());
    cases.extend(user_role_cases());
    cases
}

/// A member with a social identity, a filled-in profile and both roles.
fn member_a() -> Value {
    json!({
        "id": USER_A,
        "username": "marina",
        "primaryEmail": "marina@fieldfare.example",
        "primaryPhone": "4915112345678",
        "name": "Marina Okafor",
        "avatar": "https://cdn.fieldfare.example/avatars/marina.png",
        "customData": { "department": "research", "flags": { "pilot": true } },
        "identities": {
            "google": {
                "userId": "g-110457719",
                "details": { "email": "marina@fieldfare.example", "verified": true }
            }
        },
        "lastSignInAt": 1767226400000_u64,
        "createdAt": 1767139200000_u64,
        "updatedAt": 1767226400000_u64,
        "profile": {
            "givenName": "Marina",
            "familyName": "Okafor",
            "locale": "en-GB",
            "address": { "locality": "Leeds", "country": "GB" }
        },
        "applicationId": "app5pa0w3b0000000c011",
        "cimdClientId": null,
        "isSuspended": false,
        "organizationRoles": [
            { "id": ROLE_ADMIN, "name": "admin" },
            { "id": ROLE_MEMBER, "name": "member" }
        ]
    })
}

/// A member who never signed in and has nothing but a username.
fn member_b() -> Value {
    json!({
        "id": USER_B,
        "username": "theo",
        "primaryEmail": null,
        "primaryPhone": null,
        "name": null,
        "avatar": null,
        "customData": {},
        "identities": {},
        "lastSignInAt": null,
        "createdAt": 1767139300000_u64,
        "updatedAt": 1767139300000_u64,
        "profile": {},
        "applicationId": null,
        "cimdClientId": null,
        "isSuspended": true,
        "organizationRoles": []
    })
}

/// Creating, listing, reading, changing and deleting organizations.
fn organization_cases() -> Vec<Case> {
    vec![
        case(
            "CreateOrganization",
            invoke!(|c| {
                let body = t::CreateOrganizationBody {
                    name: "Fieldfare Labs".into(),
                    description: Some("Design partners in the north region".into()),
                    custom_data: Some(object(
                        json!({ "tier": "gold", "seats": 25, "tags": ["beta", "eu"] }),
                    )),
                    is_mfa_required: Some(true),
                    color: Some(t::BrandColor {
                        primary_color: Some("#1b6ef3".into()),
                        is_dark_mode_enabled: Some(true),
                        dark_primary_color: Some("#7fb0ff".into()),
                    }),
                    branding: Some(t::Branding {
                        logo_url: Some("https://cdn.fieldfare.example/logo.svg".into()),
                        dark_logo_url: Some("https://cdn.fieldfare.example/logo-dark.svg".into()),
                        favicon: Some("https://cdn.fieldfare.example/favicon.ico".into()),
                        dark_favicon: None,
                    }),
                    custom_css: Some(".logo { height: 40px; }".into()),
                    ..Default::default()
                };
                c.organizations().create_organization(body)
            }),
            Req::new("POST", "/api/organizations").json(json!({
                "name": "Fieldfare Labs",
                "description": "Design partners in the north region",
                "customData": { "tier": "gold", "seats": 25, "tags": ["beta", "eu"] },
                "isMfaRequired": true,
                "color": {
                    "primaryColor": "#1b6ef3",
                    "isDarkModeEnabled": true,
                    "darkPrimaryColor": "#7fb0ff"
                },
                "branding": {
                    "logoUrl": "https://cdn.fieldfare.example/logo.svg",
                    "darkLogoUrl": "https://cdn.fieldfare.example/logo-dark.svg",
                    "favicon": "https://cdn.fieldfare.example/favicon.ico"
                },
                "customCss": ".logo { height: 40px; }"
            })),
            Reply::Json(201, organization()),
        ),
        // Only the name: everything else comes back empty or null.
        case(
            "CreateOrganization",
            invoke!(|c| {
                let body = t::CreateOrganizationBody {
                    name: "Harrier Freight".into(),
                    ..Default::default()
                };
                c.organizations().create_organization(body)
            }),
            Req::new("POST", "/api/organizations").json(json!({ "name": "Harrier Freight" })),
            Reply::Json(201, bare_organization("0rgh4rr13r02", "Harrier Freight")),
        )
        .variant("name only"),
        case(
            "ListOrganizations",
            invoke!(|c| c.organizations().list_organizations()),
            Req::new("GET", "/api/organizations"),
            Reply::Json(
                200,
                json!([
                    organization(),
                    bare_organization("0rgh4rr13r02", "Harrier Freight")
                ]),
            ),
        ),
        // `showFeatured` adds the member count and a few members to each entry.
        case(
            "ListOrganizations",
            invoke!(|c| c
                .organizations()
                .list_organizations()
                .q("field")
                .show_featured("true")
                .page(1)
                .page_size(5)),
            Req::new("GET", "/api/organizations").query(&[
                ("q", "field"),
                ("showFeatured", "true"),
                ("page", "1"),
                ("page_size", "5"),
            ]),
            Reply::Json(200, {
                let mut org = organization();
                org["usersCount"] = json!(2);
                org["featuredUsers"] = json!([
                    {
                        "id": USER_A,
                        "avatar": "https://cdn.fieldfare.example/avatars/marina.png",
                        "name": "Marina Okafor"
                    },
                    { "id": USER_B, "avatar": null, "name": null }
                ]);
                json!([org])
            }),
        )
        .variant("featured, search, paged"),
        case(
            "GetOrganization",
            invoke!(|c| c.organizations().get_organization(HOSTILE)),
            Req::new("GET", concat!("/api/organizations/", enc!())),
            Reply::Json(200, organization()),
        ),
        case(
            "UpdateOrganization",
            invoke!(|c| {
                let body = t::UpdateOrganizationBody {
                    description: Patch::Set("Design partners, all regions".into()),
                    custom_data: Some(object(json!({ "tier": "platinum" }))),
                    is_mfa_required: Some(false),
                    color: Some(t::BrandColor {
                        primary_color: Some("#0f9d58".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                c.organizations().update_organization(HOSTILE, body)
            }),
            Req::new("PATCH", concat!("/api/organizations/", enc!())).json(json!({
                "description": "Design partners, all regions",
                "customData": { "tier": "platinum" },
                "isMfaRequired": false,
                "color": { "primaryColor": "#0f9d58" }
            })),
            Reply::Json(200, {
                let mut org = organization();
                org["description"] = json!("Design partners, all regions");
                org["customData"] = json!({ "tier": "platinum" });
                org["isMfaRequired"] = json!(false);
                org["color"] = json!({ "primaryColor": "#0f9d58" });
                org
            }),
        ),
        // Present nulls clear the description and the custom CSS.
        case(
            "UpdateOrganization",
            invoke!(|c| {
                let body = t::UpdateOrganizationBody {
                    name: Some("Fieldfare".into()),
                    description: Patch::Null,
                    custom_css: Patch::Null,
                    ..Default::default()
                };
                c.organizations().update_organization(HOSTILE, body)
            }),
            Req::new("PATCH", concat!("/api/organizations/", enc!())).json(json!({
                "name": "Fieldfare",
                "description": null,
                "customCss": null
            })),
            Reply::Json(200, {
                let mut org = organization();
                org["name"] = json!("Fieldfare");
                org["description"] = Value::Null;
                org["customCss"] = Value::Null;
                org
            }),
        )
        .variant("clear fields"),
        case(
            "DeleteOrganization",
            invoke!(|c| c.organizations().delete_organization(HOSTILE)),
            Req::new("DELETE", concat!("/api/organizations/", enc!())),
            Reply::Empty(204),
        ),
    ]
}

/// Membership.
fn user_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationUsers",
            invoke!(|c| c.organizations().list_organization_users(HOSTILE)),
            Req::new("GET", concat!("/api/organizations/", enc!(), "/users")),
            Reply::Json(200, json!([member_a(), member_b()])),
        ),
        case(
            "ListOrganizationUsers",
            invoke!(|c| c
                .organizations()
                .list_organization_users(HOSTILE)
                .q("marina")
                .organization_role_id(ROLE_ADMIN)
                .page(1)
                .page_size(20)),
            Req::new("GET", concat!("/api/organizations/", enc!(), "/users")).query(&[
                ("q", "marina"),
                ("organizationRoleId", ROLE_ADMIN),
                ("page", "1"),
                ("page_size", "20"),
            ]),
            Reply::Json(200, json!([member_a()])),
        )
        .variant("search, role, paged"),
        // The ids added are echoed back.
        case(
            "AddOrganizationUsers",
            invoke!(|c| {
                let body = t::UserIdsBody {
                    user_ids: ids(&[USER_A, USER_B]),
                };
                c.organizations().add_organization_users(HOSTILE, body)
            }),
            Req::new("POST", concat!("/api/organizations/", enc!(), "/users"))
                .json(json!({ "userIds": [USER_A, USER_B] })),
            Reply::Json(201, json!({ "userIds": [USER_A, USER_B] })),
        ),
        case(
            "ReplaceOrganizationUsers",
            invoke!(|c| {
                let body = t::UserIdsBody {
                    user_ids: ids(&[USER_B]),
                };
                c.organizations().replace_organization_users(HOSTILE, body)
            }),
            Req::new("PUT", concat!("/api/organizations/", enc!(), "/users"))
                .json(json!({ "userIds": [USER_B] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationUser",
            invoke!(|c| c.organizations().delete_organization_user(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!("/api/organizations/", enc!(), "/users/", enc!()),
            ),
            Reply::Empty(204),
        ),
        case(
            "AssignOrganizationRolesToUsers",
            invoke!(|c| {
                let body = t::AssignOrganizationRolesToUsersBody {
                    user_ids: ids(&[USER_A, USER_B]),
                    organization_role_ids: ids(&[ROLE_MEMBER]),
                };
                c.organizations()
                    .assign_organization_roles_to_users(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organizations/", enc!(), "/users/roles"),
            )
            .json(json!({ "userIds": [USER_A, USER_B], "organizationRoleIds": [ROLE_MEMBER] })),
            Reply::Text(201, "Created"),
        ),
    ]
}

/// A member's organization roles and the scopes they add up to.
fn user_role_cases() -> Vec<Case> {
    vec![
        case(
            "ListOrganizationUserRoles",
            invoke!(|c| c
                .organizations()
                .list_organization_user_roles(HOSTILE, HOSTILE)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/users/", enc!(), "/roles"),
            ),
            Reply::Json(
                200,
                json!([
                    org_role(
                        ROLE_ADMIN,
                        "admin",
                        Some("Manages members and billing"),
                        "User"
                    ),
                    org_role(ROLE_MEMBER, "member", None, "User")
                ]),
            ),
        ),
        case(
            "ListOrganizationUserRoles",
            invoke!(|c| c
                .organizations()
                .list_organization_user_roles(HOSTILE, HOSTILE)
                .page(2)
                .page_size(1)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/users/", enc!(), "/roles"),
            )
            .query(&[("page", "2"), ("page_size", "1")]),
            Reply::Json(200, json!([org_role(ROLE_MEMBER, "member", None, "User")])),
        )
        .variant("paged"),
        // The answer lists the role ids now assigned.
        case(
            "AssignOrganizationRolesToUser",
            invoke!(|c| {
                let body = t::OrganizationRoleIdsWithNamesBody {
                    organization_role_ids: Some(ids(&[ROLE_ADMIN])),
                    organization_role_names: None,
                };
                c.organizations()
                    .assign_organization_roles_to_user(HOSTILE, HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organizations/", enc!(), "/users/", enc!(), "/roles"),
            )
            .json(json!({ "organizationRoleIds": [ROLE_ADMIN] })),
            Reply::Json(201, json!({ "organizationRoleIds": [ROLE_ADMIN] })),
        ),
        // Roles can also be named; the answer still gives ids.
        case(
            "AssignOrganizationRolesToUser",
            invoke!(|c| {
                let body = t::OrganizationRoleIdsWithNamesBody {
                    organization_role_ids: None,
                    organization_role_names: Some(ids(&["admin", "member"])),
                };
                c.organizations()
                    .assign_organization_roles_to_user(HOSTILE, HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organizations/", enc!(), "/users/", enc!(), "/roles"),
            )
            .json(json!({ "organizationRoleNames": ["admin", "member"] })),
            Reply::Json(
                201,
                json!({ "organizationRoleIds": [ROLE_ADMIN, ROLE_MEMBER] }),
            ),
        )
        .variant("by name"),
        case(
            "ReplaceOrganizationUserRoles",
            invoke!(|c| {
                let body = t::OrganizationRoleIdsWithNamesBody {
                    organization_role_ids: Some(ids(&[ROLE_MEMBER])),
                    organization_role_names: None,
                };
                c.organizations()
                    .replace_organization_user_roles(HOSTILE, HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organizations/", enc!(), "/users/", enc!(), "/roles"),
            )
            .json(json!({ "organizationRoleIds": [ROLE_MEMBER] })),
            Reply::Empty(204),
        ),
        case(
            "DeleteOrganizationUserRole",
            invoke!(|c| c
                .organizations()
                .delete_organization_user_role(HOSTILE, HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                concat!(
                    "/api/organizations/",
                    enc!(),
                    "/users/",
                    enc!(),
                    "/roles/",
                    enc!()
                ),
            ),
            Reply::Empty(204),
        ),
        case(
            "ListOrganizationUserScopes",
            invoke!(|c| c
                .organizations()
                .list_organization_user_scopes(HOSTILE, HOSTILE)),
            Req::new(
                "GET",
                concat!("/api/organizations/", enc!(), "/users/", enc!(), "/scopes"),
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
    ]
}
