//! Management API cases for the tags `Hooks`, `Organization roles`, `Organization scopes`,
//! `Organization invitations` and `Organizations` (68 operations). The shapes follow
//! `spec/management.json` and the traffic recorded against Logto 1.42; every id, name and value
//! here is made up for the table.

/// `HOSTILE_ENCODED` as a literal, so that expected paths can be built with `concat!`.
macro_rules! enc {
    () => {
        "a%2Fb%3Fc%23d%20e%2F%C3%BC"
    };
}

mod hooks;
mod invitations;
mod members;
mod organizations;
mod roles;

use serde_json::{json, Value};

use super::super::Case;
use crate::support::values::{ids, object};

pub fn cases() -> Vec<Case> {
    let mut all = hooks::cases();
    all.extend(roles::cases());
    all.extend(invitations::cases());
    all.extend(organizations::cases());
    all.extend(members::cases());
    all
}

// Made-up ids of the same shapes Logto uses: 12 characters for organizations and users,
// 21 for everything else.
const ORG: &str = "0rgf1e1d0a01";
const USER_A: &str = "u5erm4r1na01";
const USER_B: &str = "u5er7h3o0b02";
const ROLE_ADMIN: &str = "or9r0le4dm1n0000000a1";
const ROLE_MEMBER: &str = "or9r0lem3mb3r000000b2";
const ROLE_BOT: &str = "or9r0leb0t000000000c3";
const SCOPE_READ: &str = "or9sc0pe4ead00000000a";
const SCOPE_WRITE: &str = "or9sc0pewr1te0000000b";
const RES_SCOPE: &str = "r3ssc0pe1nv01ces0000r";
const RESOURCE: &str = "r3s0urce1nv01ce5a9100";
const APP: &str = "app4ut0m4t10n0000m2m1";
const SSO: &str = "ss0c0nn3ct01";

/// An organization role as the role endpoints return it.
fn org_role(id: &str, name: &str, description: Option<&str>, kind: &str) -> Value {
    json!({
        "tenantId": "default",
        "id": id,
        "name": name,
        "description": description,
        "type": kind
    })
}

/// An organization scope (also what the user-scopes and role-scopes lists hold).
fn org_scope(id: &str, name: &str, description: Option<&str>) -> Value {
    json!({ "tenantId": "default", "id": id, "name": name, "description": description })
}

/// An organization with branding and custom data filled in.
fn organization() -> Value {
    json!({
        "tenantId": "default",
        "id": ORG,
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
        "customCss": ".logo { height: 40px; }",
        "createdAt": 1767225600123_u64
    })
}

/// A freshly created organization with every optional part left empty.
fn bare_organization(id: &str, name: &str) -> Value {
    json!({
        "tenantId": "default",
        "id": id,
        "name": name,
        "description": null,
        "customData": {},
        "isMfaRequired": false,
        "color": {},
        "branding": {},
        "customCss": null,
        "createdAt": 1767225700456_u64
    })
}
