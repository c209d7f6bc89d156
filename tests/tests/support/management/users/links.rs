//! What hangs off a user: roles, social and SSO identities, organizations and grants. MFA
//! factors, personal access tokens and sessions are in `access.rs`.

use super::{case, object, sso_identity, strings, user, APP_ID, USER_ID};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use serde_json::{json, Value};

pub(super) fn cases() -> Vec<Case> {
    let mut all = role_cases();
    all.extend(identity_cases());
    all.extend(sso_cases());
    all.extend(grant_cases());
    all.extend(super::access::cases());
    all
}

const ROLE_A: &str = "r0le1d00000000000000a";
const ROLE_B: &str = "r0le1d00000000000000b";

fn role(id: &str, name: &str, description: &str) -> Value {
    json!({
        "tenantId": "default",
        "id": id,
        "name": name,
        "description": description,
        "type": "User",
        "isDefault": false
    })
}

fn role_cases() -> Vec<Case> {
    vec![
        case(
            "ListUserRoles",
            invoke!(|c| c.users().list_user_roles(HOSTILE).page(1).page_size(2)),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/roles")
                .query(&[("page", "1"), ("page_size", "2")]),
            Reply::Json(
                200,
                json!([
                    role(ROLE_A, "lab-editor", "Edits lab notebooks"),
                    role(ROLE_B, "lab-viewer", "Reads lab notebooks")
                ]),
            ),
        ),
        case(
            "ListUserRoles",
            invoke!(|c| {
                let search = strings(&[("search", "%viewer%")]);
                c.users().list_user_roles(HOSTILE).search_params(search)
            }),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/roles")
                .query(&[("search", "%viewer%")]),
            Reply::Json(
                200,
                json!([role(ROLE_B, "lab-viewer", "Reads lab notebooks")]),
            ),
        )
        .variant("search"),
        // Assigning a role the user already has is not an error: it is just not "added".
        case(
            "AssignUserRoles",
            invoke!(|c| {
                let body = t::RoleIdsBody {
                    role_ids: vec![ROLE_A.into(), ROLE_B.into()],
                };
                c.users().assign_user_roles(HOSTILE, body)
            }),
            Req::new("POST", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/roles")
                .json(json!({ "roleIds": [ROLE_A, ROLE_B] })),
            Reply::Json(
                201,
                json!({ "roleIds": [ROLE_A, ROLE_B], "addedRoleIds": [ROLE_B] }),
            ),
        ),
        case(
            "ReplaceUserRoles",
            invoke!(|c| {
                let body = t::RoleIdsBody {
                    role_ids: vec![ROLE_B.into()],
                };
                c.users().replace_user_roles(HOSTILE, body)
            }),
            Req::new("PUT", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/roles")
                .json(json!({ "roleIds": [ROLE_B] })),
            Reply::Json(200, json!({ "roleIds": [ROLE_B] })),
        ),
        case(
            "DeleteUserRole",
            invoke!(|c| c.users().delete_user_role(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/roles/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
        case(
            "ListUserOrganizations",
            invoke!(|c| c.users().list_user_organizations(HOSTILE)),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/organizations"),
            Reply::Json(200, json!([organization_full(), organization_plain()])),
        ),
    ]
}

fn organization_full() -> Value {
    json!({
        "tenantId": "default",
        "id": "0rg1d0000001",
        "name": "Radium Institute",
        "description": "Research on radioactivity",
        "customData": { "campus": "Paris" },
        "isMfaRequired": true,
        "color": {
            "primaryColor": "#3355aa",
            "isDarkModeEnabled": true,
            "darkPrimaryColor": "#88aaff"
        },
        "branding": {
            "logoUrl": "https://cdn.example.org/radium/logo.png",
            "darkLogoUrl": "https://cdn.example.org/radium/logo-dark.png",
            "favicon": "https://cdn.example.org/radium/favicon.ico",
            "darkFavicon": "https://cdn.example.org/radium/favicon-dark.ico"
        },
        "customCss": ".logo { height: 40px; }",
        "createdAt": 1794100000000_u64,
        "organizationRoles": [
            { "id": "0rgr0le00000000000001", "name": "researcher" },
            { "id": "0rgr0le00000000000002", "name": "admin" }
        ]
    })
}

fn organization_plain() -> Value {
    json!({
        "tenantId": "default",
        "id": "0rg1d0000002",
        "name": "Sorbonne",
        "description": null,
        "customData": {},
        "isMfaRequired": false,
        "color": {},
        "branding": {},
        "customCss": null,
        "createdAt": 1794100000500_u64,
        "organizationRoles": []
    })
}

fn github_identity() -> Value {
    json!({ "userId": "gh-481516", "details": { "name": "msklodowska", "email": "m@gh.example" } })
}

/// A stored federated token set of a social or SSO identity (`includeTokenSecret`).
fn token_metadata() -> Value {
    json!({
        "scope": "read:user user:email",
        "expiresAt": 1795003600_u64,
        "tokenType": "bearer",
        "hasRefreshToken": true
    })
}

fn social_token_secret() -> Value {
    json!({
        "tenantId": "default",
        "id": "t0kensecret0000000001",
        "userId": USER_ID,
        "type": "federated_token_set",
        "metadata": token_metadata(),
        "createdAt": 1795000300000_u64,
        "updatedAt": 1795000300000_u64,
        "connectorId": "github-universal",
        "identityId": "gh-481516",
        "target": "github"
    })
}

fn sso_token_secret() -> Value {
    json!({
        "tenantId": "default",
        "id": "t0kensecret0000000002",
        "userId": USER_ID,
        "type": "federated_token_set",
        "metadata": { "hasRefreshToken": false },
        "createdAt": 1795000400000_u64,
        "updatedAt": 1795000400000_u64,
        "ssoConnectorId": "ss0c0nn000001",
        "issuer": "https://idp.lab.example.org/oidc",
        "identityId": "idp-subject-7731"
    })
}

/// Social identities, keyed by connector target.
fn identity_cases() -> Vec<Case> {
    const TARGET_PATH: &str =
        "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/identities/a%2Fb%3Fc%23d%20e%2F%C3%BC";
    vec![
        // A new identity answers 201 with every identity of the user.
        case(
            "ReplaceUserIdentity",
            invoke!(|c| {
                let body = t::SocialIdentities {
                    user_id: "g-2718281828".into(),
                    details: Some(object(
                        json!({ "email": "marie@gmail.example", "verified": true }),
                    )),
                };
                c.users().replace_user_identity(HOSTILE, HOSTILE, body)
            }),
            Req::new("PUT", TARGET_PATH).json(json!({
                "userId": "g-2718281828",
                "details": { "email": "marie@gmail.example", "verified": true }
            })),
            Reply::Json(
                201,
                json!({
                    "github": github_identity(),
                    "google": {
                        "userId": "g-2718281828",
                        "details": { "email": "marie@gmail.example", "verified": true }
                    }
                }),
            ),
        ),
        // Replacing an existing one answers 200.
        case(
            "ReplaceUserIdentity",
            invoke!(|c| {
                let body = t::SocialIdentities {
                    user_id: "gh-481516".into(),
                    details: None,
                };
                c.users().replace_user_identity(HOSTILE, HOSTILE, body)
            }),
            Req::new("PUT", TARGET_PATH).json(json!({ "userId": "gh-481516" })),
            Reply::Json(200, json!({ "github": { "userId": "gh-481516" } })),
        )
        .variant("existing, no details"),
        case(
            "DeleteUserIdentity",
            invoke!(|c| c.users().delete_user_identity(HOSTILE, HOSTILE)),
            Req::new("DELETE", TARGET_PATH),
            Reply::Json(200, user()),
        ),
        case(
            "GetUserIdentity",
            invoke!(|c| c
                .users()
                .get_user_identity(HOSTILE, HOSTILE)
                .include_token_secret("true")),
            Req::new("GET", TARGET_PATH).query(&[("includeTokenSecret", "true")]),
            Reply::Json(
                200,
                json!({ "identity": github_identity(), "tokenSecret": social_token_secret() }),
            ),
        ),
        case(
            "GetUserIdentity",
            invoke!(|c| c.users().get_user_identity(HOSTILE, HOSTILE)),
            Req::new("GET", TARGET_PATH),
            Reply::Json(200, json!({ "identity": github_identity() })),
        )
        .variant("no token secret"),
        // Links a social account from an authorization result the app collected itself.
        case(
            "CreateUserIdentity",
            invoke!(|c| {
                let body = t::CreateUserIdentityBody {
                    connector_id: "github-universal".into(),
                    connector_data: object(json!({
                        "code": "gh-auth-code-5a7c",
                        "state": "st-91b2",
                        "redirectUri": "https://app.example.org/link/callback"
                    })),
                };
                c.users().create_user_identity(HOSTILE, body)
            }),
            Req::new("POST", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/identities").json(json!({
                "connectorId": "github-universal",
                "connectorData": {
                    "code": "gh-auth-code-5a7c",
                    "state": "st-91b2",
                    "redirectUri": "https://app.example.org/link/callback"
                }
            })),
            Reply::Json(200, json!({ "github": github_identity() })),
        ),
    ]
}

/// Enterprise SSO identities and the combined identity listing.
fn sso_cases() -> Vec<Case> {
    const SSO_PATH: &str =
        "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/sso-identities/a%2Fb%3Fc%23d%20e%2F%C3%BC";
    const ALL_PATH: &str = "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/all-identities";
    vec![
        case(
            "GetUserSsoIdentity",
            invoke!(|c| {
                c.users()
                    .get_user_sso_identity(HOSTILE, HOSTILE)
                    .include_token_secret("true")
            }),
            Req::new("GET", SSO_PATH).query(&[("includeTokenSecret", "true")]),
            Reply::Json(
                200,
                json!({ "ssoIdentity": sso_identity(), "tokenSecret": sso_token_secret() }),
            ),
        ),
        case(
            "GetUserSsoIdentity",
            invoke!(|c| c.users().get_user_sso_identity(HOSTILE, HOSTILE)),
            Req::new("GET", SSO_PATH),
            Reply::Json(200, json!({ "ssoIdentity": sso_identity() })),
        )
        .variant("no token secret"),
        case(
            "ListUserAllIdentities",
            invoke!(|c| c
                .users()
                .list_user_all_identities(HOSTILE)
                .include_token_secret("true")),
            Req::new("GET", ALL_PATH).query(&[("includeTokenSecret", "true")]),
            Reply::Json(
                200,
                json!({
                    "socialIdentities": [
                        {
                            "identity": github_identity(),
                            "tokenSecret": social_token_secret(),
                            "target": "github"
                        },
                        { "identity": { "userId": "g-2718281828" }, "target": "google" }
                    ],
                    "ssoIdentities": [{
                        "ssoIdentity": sso_identity(),
                        "tokenSecret": sso_token_secret(),
                        "ssoConnectorId": "ss0c0nn000001"
                    }]
                }),
            ),
        ),
        case(
            "ListUserAllIdentities",
            invoke!(|c| c.users().list_user_all_identities(HOSTILE)),
            Req::new("GET", ALL_PATH),
            Reply::Json(200, json!({ "socialIdentities": [], "ssoIdentities": [] })),
        )
        .variant("none"),
    ]
}

fn grant(id: &str, scope: &str) -> Value {
    json!({
        "id": id,
        "payload": {
            "exp": 1810000000_u64,
            "iat": 1795000000_u64,
            "jti": id,
            "kind": "Grant",
            "clientId": APP_ID,
            "accountId": USER_ID,
            "openid": { "scope": scope }
        },
        "expiresAt": 1810000000123_u64,
        "application": { "id": APP_ID, "name": "Lab notebook (SPA)" }
    })
}

fn grant_cases() -> Vec<Case> {
    vec![
        case(
            "ListUserGrants",
            invoke!(|c| {
                c.users()
                    .list_user_grants(HOSTILE)
                    .app_type(t::ListUserGrantsAppType::FirstParty)
            }),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/grants")
                .query(&[("appType", "firstParty")]),
            Reply::Json(
                200,
                json!({
                    "grants": [
                        grant("Gr4ntId0000000000000000000000000000000001", "openid profile"),
                        grant("Gr4ntId0000000000000000000000000000000002", "openid offline_access")
                    ]
                }),
            ),
        ),
        // A grant without an `openid` block (no OpenID scope was granted).
        case(
            "ListUserGrants",
            invoke!(|c| c.users().list_user_grants(HOSTILE)),
            Req::new("GET", "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/grants"),
            Reply::Json(
                200,
                json!({
                    "grants": [{
                        "id": "Gr4ntId0000000000000000000000000000000003",
                        "payload": {
                            "exp": 1810000500_u64,
                            "iat": 1795000500_u64,
                            "jti": "Gr4ntId0000000000000000000000000000000003",
                            "kind": "Grant",
                            "clientId": "thirdpartyapp00000001",
                            "accountId": USER_ID
                        },
                        "expiresAt": 1810000500456_u64,
                        "application": { "id": "thirdpartyapp00000001", "name": "Partner portal" }
                    }]
                }),
            ),
        )
        .variant("all apps"),
        case(
            "DeleteUserGrant",
            invoke!(|c| c.users().delete_user_grant(HOSTILE, HOSTILE)),
            Req::new(
                "DELETE",
                "/api/users/a%2Fb%3Fc%23d%20e%2F%C3%BC/grants/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
    ]
}
