//! Management API cases for the tags `Applications`, `SAML applications`, `SAML applications auth
//! flow`, `Resources` and `Roles` (66 operations), split by tag: `applications.rs` and
//! `app_settings.rs` (Applications), `resources.rs`, `roles.rs` and `saml.rs`.
//!
//! Every ID, name and value here is invented; the shapes follow `spec/management.json` and what
//! Logto 1.42 answers. Path parameters are always `HOSTILE`.

mod app_settings;
mod applications;
mod resources;
mod roles;
mod saml;

pub(super) use crate::support::values::object;
use crate::support::Case;
use serde_json::{json, Value};

pub(super) use super::case;

/// Application IDs (21 characters, like Logto's).
pub(super) const SPA_APP: &str = "5pa4pp0000000000000k1";
pub(super) const M2M_APP: &str = "m2m4pp0000000000000k2";
pub(super) const WEB_APP: &str = "w3b4pp0000000000000k3";
pub(super) const PROTECTED_APP: &str = "pr0t4pp000000000000k4";
pub(super) const SAML_APP: &str = "5am14pp000000000000k5";
/// Role, resource and scope IDs.
pub(super) const ROLE_ID: &str = "r01e1d0000000000000r1";
pub(super) const ROLE_ID_2: &str = "r01e1d0000000000000r2";
pub(super) const RESOURCE_ID: &str = "r35rc1d000000000000s1";
pub(super) const SCOPE_ID: &str = "5c0pe1d000000000000p1";
pub(super) const SCOPE_ID_2: &str = "5c0pe1d000000000000p2";
/// User and organization IDs (12 characters).
pub(super) const USER_ID: &str = "u5er1d000001";
pub(super) const ORG_ID: &str = "0rg1d0000001";

pub fn cases() -> Vec<Case> {
    let mut all = applications::cases();
    all.extend(app_settings::cases());
    all.extend(resources::cases());
    all.extend(roles::cases());
    all.extend(saml::cases());
    all
}

/// A single-page application with custom client metadata.
pub(super) fn spa_app() -> Value {
    json!({
        "tenantId": "default",
        "id": SPA_APP,
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
        "protectedAppMetadata": null,
        "customData": {},
        "isThirdParty": false,
        "appLevelAccessControlEnabled": false,
        "createdAt": 1795400100001_u64
    })
}

/// A machine-to-machine application without a description.
pub(super) fn m2m_app() -> Value {
    json!({
        "tenantId": "default",
        "id": M2M_APP,
        "name": "Nightly billing job",
        "description": null,
        "type": "MachineToMachine",
        "oidcClientMetadata": { "redirectUris": [], "postLogoutRedirectUris": [] },
        "customClientMetadata": {},
        "protectedAppMetadata": null,
        "customData": {},
        "isThirdParty": false,
        "appLevelAccessControlEnabled": false,
        "createdAt": 1795400100002_u64
    })
}

/// A traditional web application using every OIDC client field, with custom data.
pub(super) fn web_app() -> Value {
    json!({
        "tenantId": "default",
        "id": WEB_APP,
        "name": "Partner portal",
        "description": null,
        "type": "Traditional",
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
        "protectedAppMetadata": null,
        "customData": { "team": "partners", "tier": 2 },
        "isThirdParty": true,
        "appLevelAccessControlEnabled": true,
        "createdAt": 1795400100003_u64
    })
}

/// A Protected App whose metadata lists custom domains (one still pending, one active).
pub(super) fn protected_app() -> Value {
    json!({
        "tenantId": "default",
        "id": PROTECTED_APP,
        "name": "Legacy intranet",
        "description": "Old intranet behind Logto",
        "type": "Protected",
        "oidcClientMetadata": {
            "redirectUris": ["https://intranet-x1.example.app/callback"],
            "postLogoutRedirectUris": []
        },
        "customClientMetadata": {},
        "protectedAppMetadata": {
            "host": "intranet-x1.example.app",
            "origin": "https://intranet.example.org",
            "sessionDuration": 1209600,
            "pageRules": [{ "path": "^/admin" }],
            "additionalScopes": ["custom_data", "roles"],
            "customDomains": [pending_domain(), active_domain()]
        },
        "customData": {},
        "isThirdParty": false,
        "appLevelAccessControlEnabled": false,
        "createdAt": 1795400100004_u64
    })
}

/// A custom domain still waiting for DNS, with every optional Cloudflare detail.
pub(super) fn pending_domain() -> Value {
    json!({
        "domain": "intranet.example.net",
        "status": "PendingVerification",
        "errorMessage": null,
        "dnsRecords": [
            { "name": "intranet", "type": "CNAME", "value": "intranet-x1.example.app" }
        ],
        "cloudflareData": {
            "id": "cf-hostname-0001",
            "status": "pending",
            "ssl": {
                "status": "pending_validation",
                "validation_errors": [{ "message": "TXT record not found yet" }]
            },
            "verification_errors": ["custom hostname does not CNAME to this zone"]
        }
    })
}

/// An active custom domain without Cloudflare data.
pub(super) fn active_domain() -> Value {
    json!({
        "domain": "intranet.example.com",
        "status": "Active",
        "errorMessage": null,
        "dnsRecords": [],
        "cloudflareData": null
    })
}

/// A user role as the role endpoints return it.
pub(super) fn role(id: &str, name: &str, kind: &str) -> Value {
    json!({
        "tenantId": "default",
        "id": id,
        "name": name,
        "description": format!("Role {name}"),
        "type": kind,
        "isDefault": false
    })
}

/// A resource (API) without its scopes.
pub(super) fn resource() -> Value {
    json!({
        "tenantId": "default",
        "id": RESOURCE_ID,
        "name": "Inventory API",
        "indicator": "https://inventory.example.org/api",
        "isDefault": false,
        "accessTokenTtl": 3600
    })
}

/// A resource scope; `description` is nullable.
pub(super) fn scope(id: &str, name: &str, description: Option<&str>) -> Value {
    json!({
        "tenantId": "default",
        "id": id,
        "resourceId": RESOURCE_ID,
        "name": name,
        "description": description,
        "createdAt": 1795400200001_u64
    })
}
