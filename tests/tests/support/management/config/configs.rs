//! Tag `Configs`: Console settings, OIDC session and keys, JWT customizers, ID token claims,
//! actions and the CIMD switch.

use super::{object, strings};
use crate::support::management::case;
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::{json, Value};

const ACCESS_SCRIPT: &str =
    "const getCustomJwtClaims = async ({ token, context }) => ({ tier: context.user.customData?.tier ?? 'free' });";
const M2M_SCRIPT: &str = "const getCustomJwtClaims = async () => ({ service: 'billing' });";
const ACTION_SCRIPT: &str =
    "const runAction = async ({ event }) => ({ action: 'updateUser', user: { customData: { seen: true } } });";

pub fn cases() -> Vec<Case> {
    let mut cases = console_and_keys();
    cases.extend(jwt_customizers());
    cases.extend(actions());
    cases
}

fn console_config() -> Value {
    json!({
        "signInExperienceCustomized": true,
        "organizationCreated": false,
        "developmentTenantMigrationNotification": {
            "isPaidTenant": false,
            "tag": "dev-tenant-notice-2",
            "readAt": 1795400123456_u64
        },
        "checkedChargeNotification": { "token": true, "apiResource": false }
    })
}

fn private_keys() -> Value {
    json!([
        {
            "id": "pk9n3xtk0ey2next7q1ab",
            "createdAt": 1795410000,
            "signingKeyAlgorithm": "RSA",
            "status": "Next",
            "effectiveAt": 1795496400123_u64
        },
        { "id": "pk4c0rr3ntk3y00000001", "createdAt": 1795300000, "signingKeyAlgorithm": "EC", "status": "Current" },
        { "id": "pk7pr3v10usk3y0000002", "createdAt": 1795200000, "signingKeyAlgorithm": "EC", "status": "Previous" }
    ])
}

/// Console settings, OIDC session, keys, ID token claims and CIMD.
fn console_and_keys() -> Vec<Case> {
    vec![
        case(
            "GetAdminConsoleConfig",
            invoke!(|c| c.configs().get_admin_console_config()),
            Req::new("GET", "/api/configs/admin-console"),
            Reply::Json(200, console_config()),
        ),
        case(
            "GetAdminConsoleConfig",
            invoke!(|c| c.configs().get_admin_console_config()),
            Req::new("GET", "/api/configs/admin-console"),
            Reply::Json(
                200,
                json!({ "signInExperienceCustomized": false, "organizationCreated": false }),
            ),
        )
        .variant("fresh tenant"),
        case(
            "UpdateAdminConsoleConfig",
            invoke!(|c| {
                let body = t::UpdateAdminConsoleConfigBody {
                    organization_created: Some(false),
                    development_tenant_migration_notification: Some(
                        t::TenantMigrationNotification {
                            is_paid_tenant: false,
                            tag: "dev-tenant-notice-2".into(),
                            read_at: Some(1795400123456.0),
                        },
                    ),
                    checked_charge_notification: Some(t::ChargeNotification {
                        token: Some(true),
                        api_resource: Some(false),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                c.configs().update_admin_console_config(body)
            }),
            Req::new("PATCH", "/api/configs/admin-console").json(json!({
                "organizationCreated": false,
                "developmentTenantMigrationNotification": {
                    "isPaidTenant": false,
                    "tag": "dev-tenant-notice-2",
                    "readAt": 1795400123456_u64
                },
                "checkedChargeNotification": { "token": true, "apiResource": false }
            })),
            Reply::Json(200, console_config()),
        ),
        case(
            "GetOidcSessionConfig",
            invoke!(|c| c.configs().get_oidc_session_config()),
            Req::new("GET", "/api/configs/oidc/session"),
            Reply::Json(200, json!({ "ttl": 604800 })),
        ),
        case(
            "UpdateOidcSessionConfig",
            invoke!(|c| {
                let body = t::UpdateOidcSessionConfigBody { ttl: Some(86400.0) };
                c.configs().update_oidc_session_config(body)
            }),
            Req::new("PATCH", "/api/configs/oidc/session").json(json!({ "ttl": 86400 })),
            Reply::Json(200, json!({ "ttl": 86400 })),
        ),
        case(
            "GetOidcKeys",
            invoke!(|c| c
                .configs()
                .get_oidc_keys(t::OidcKeyType::Unknown(HOSTILE.into()))),
            Req::new("GET", "/api/configs/oidc/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, private_keys()),
        ),
        // Cookie keys carry neither an algorithm nor a status.
        case(
            "GetOidcKeys",
            invoke!(|c| c
                .configs()
                .get_oidc_keys(t::OidcKeyType::Unknown(HOSTILE.into()))),
            Req::new("GET", "/api/configs/oidc/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(
                200,
                json!([{ "id": "ck1e8mq2w0cookie00001", "createdAt": 1795333000 }]),
            ),
        )
        .variant("cookie keys"),
        case(
            "DeleteOidcKey",
            invoke!(|c| c
                .configs()
                .delete_oidc_key(t::OidcKeyType::Unknown(HOSTILE.into()), HOSTILE)),
            Req::new(
                "DELETE",
                "/api/configs/oidc/a%2Fb%3Fc%23d%20e%2F%C3%BC/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
        case(
            "RotateOidcKeys",
            invoke!(|c| {
                let body = t::RotateOidcKeysBody {
                    signing_key_algorithm: Some(t::SigningKeyAlgorithm::Rsa),
                    rotation_grace_period: Some(3600.0),
                };
                c.configs()
                    .rotate_oidc_keys(t::OidcKeyType::Unknown(HOSTILE.into()), body)
            }),
            Req::new(
                "POST",
                "/api/configs/oidc/a%2Fb%3Fc%23d%20e%2F%C3%BC/rotate",
            )
            .json(json!({ "signingKeyAlgorithm": "RSA", "rotationGracePeriod": 3600 })),
            Reply::Json(200, private_keys()),
        ),
        // Cookie keys are rotated with an empty object.
        case(
            "RotateOidcKeys",
            invoke!(|c| c.configs().rotate_oidc_keys(
                t::OidcKeyType::Unknown(HOSTILE.into()),
                t::RotateOidcKeysBody::default()
            )),
            Req::new(
                "POST",
                "/api/configs/oidc/a%2Fb%3Fc%23d%20e%2F%C3%BC/rotate",
            )
            .json(json!({})),
            Reply::Json(
                200,
                json!([
                    { "id": "ck2n3wc00k1e00000002", "createdAt": 1795410500 },
                    { "id": "ck1e8mq2w0cookie00001", "createdAt": 1795333000 }
                ]),
            ),
        )
        .variant("empty body"),
        case(
            "GetIdTokenConfig",
            invoke!(|c| c.configs().get_id_token_config()),
            Req::new("GET", "/api/configs/id-token"),
            Reply::Json(
                200,
                json!({ "enabledExtendedClaims": ["roles", "organization_data", "sso_identities"] }),
            ),
        ),
        case(
            "GetIdTokenConfig",
            invoke!(|c| c.configs().get_id_token_config()),
            Req::new("GET", "/api/configs/id-token"),
            Reply::Json(200, json!({})),
        )
        .variant("nothing set"),
        case(
            "UpsertIdTokenConfig",
            invoke!(|c| {
                let body = t::IdTokenConfig {
                    enabled_extended_claims: Some(vec![
                        t::IdTokenConfigEnabledExtendedClaim::CustomData,
                        t::IdTokenConfigEnabledExtendedClaim::OrganizationRoles,
                    ]),
                };
                c.configs().upsert_id_token_config(body)
            }),
            Req::new("PUT", "/api/configs/id-token")
                .json(json!({ "enabledExtendedClaims": ["custom_data", "organization_roles"] })),
            Reply::Json(
                200,
                json!({ "enabledExtendedClaims": ["custom_data", "organization_roles"] }),
            ),
        ),
        case(
            "GetCimdConfig",
            invoke!(|c| c.configs().get_cimd_config()),
            Req::new("GET", "/api/configs/cimd"),
            Reply::Json(200, json!({ "enabled": true })),
        ),
        case(
            "UpdateCimdConfig",
            invoke!(|c| {
                let body = t::EnabledSetting {
                    enabled: Some(false),
                };
                c.configs().update_cimd_config(body)
            }),
            Req::new("PATCH", "/api/configs/cimd").json(json!({ "enabled": false })),
            Reply::Json(200, json!({ "enabled": false })),
        ),
    ]
}

fn access_token_sample() -> Value {
    json!({
        "jti": "jt1sample0001",
        "aud": ["https://billing.example.org", "https://files.example.org"],
        "scope": "read:invoices",
        "accountId": "u5er1d0000001",
        "kind": "AccessToken"
    })
}

fn sample_context() -> Value {
    json!({
        "user": { "id": "u5er1d0000001", "username": "sample", "primaryEmail": null }
    })
}

fn access_customizer() -> Value {
    json!({
        "script": ACCESS_SCRIPT,
        "environmentVariables": { "TIER_DEFAULT": "free" },
        "contextSample": sample_context(),
        "tokenSample": access_token_sample(),
        "blockIssuanceOnError": true
    })
}

fn m2m_customizer() -> Value {
    json!({
        "script": M2M_SCRIPT,
        "tokenSample": {
            "jti": "jt1sample0002",
            "aud": "https://billing.example.org",
            "scope": "all",
            "clientId": "m2mc11ent0001",
            "kind": "ClientCredentials"
        }
    })
}

fn jwt_customizers() -> Vec<Case> {
    vec![
        case(
            "UpsertJwtCustomizer",
            invoke!(|c| {
                let body = t::UpsertJwtCustomizerBody {
                    script: Some(json!(ACCESS_SCRIPT)),
                    environment_variables: Some(json!({ "TIER_DEFAULT": "free" })),
                    context_sample: Some(sample_context()),
                    token_sample: Some(access_token_sample()),
                    block_issuance_on_error: Some(json!(true)),
                };
                c.configs()
                    .upsert_jwt_customizer(t::JwtTokenType::Unknown(HOSTILE.into()), body)
            }),
            Req::new(
                "PUT",
                "/api/configs/jwt-customizer/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            )
            .json(access_customizer()),
            Reply::Json(201, access_customizer()),
        ),
        // Replacing an existing customizer answers 200.
        case(
            "UpsertJwtCustomizer",
            invoke!(|c| {
                let body = t::UpsertJwtCustomizerBody {
                    script: Some(json!(M2M_SCRIPT)),
                    ..Default::default()
                };
                c.configs()
                    .upsert_jwt_customizer(t::JwtTokenType::Unknown(HOSTILE.into()), body)
            }),
            Req::new(
                "PUT",
                "/api/configs/jwt-customizer/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            )
            .json(json!({ "script": M2M_SCRIPT })),
            Reply::Json(200, json!({ "script": M2M_SCRIPT })),
        )
        .variant("replaced"),
        case(
            "UpdateJwtCustomizer",
            invoke!(|c| {
                let body = t::UpdateJwtCustomizerBody {
                    script: json!(M2M_SCRIPT),
                    environment_variables: Some(json!({ "REGION": "eu" })),
                    ..Default::default()
                };
                c.configs()
                    .update_jwt_customizer(t::JwtTokenType::Unknown(HOSTILE.into()), body)
            }),
            Req::new(
                "PATCH",
                "/api/configs/jwt-customizer/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            )
            .json(json!({ "script": M2M_SCRIPT, "environmentVariables": { "REGION": "eu" } })),
            Reply::Json(200, m2m_customizer()),
        ),
        case(
            "GetJwtCustomizer",
            invoke!(|c| c
                .configs()
                .get_jwt_customizer(t::JwtTokenType::Unknown(HOSTILE.into()))),
            Req::new(
                "GET",
                "/api/configs/jwt-customizer/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Json(200, access_customizer()),
        ),
        case(
            "GetJwtCustomizer",
            invoke!(|c| c
                .configs()
                .get_jwt_customizer(t::JwtTokenType::Unknown(HOSTILE.into()))),
            Req::new(
                "GET",
                "/api/configs/jwt-customizer/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Json(200, m2m_customizer()),
        )
        .variant("client credentials"),
        case(
            "DeleteJwtCustomizer",
            invoke!(|c| c
                .configs()
                .delete_jwt_customizer(t::JwtTokenType::Unknown(HOSTILE.into()))),
            Req::new(
                "DELETE",
                "/api/configs/jwt-customizer/a%2Fb%3Fc%23d%20e%2F%C3%BC",
            ),
            Reply::Empty(204),
        ),
        case(
            "ListJwtCustomizers",
            invoke!(|c| c.configs().list_jwt_customizers()),
            Req::new("GET", "/api/configs/jwt-customizer"),
            Reply::Json(
                200,
                json!([
                    { "key": "jwt.accessToken", "value": access_customizer() },
                    { "key": "jwt.clientCredentials", "value": m2m_customizer() }
                ]),
            ),
        ),
        case(
            "TestJwtCustomizer",
            invoke!(|c| {
                let body =
                    t::TestJwtCustomizerBody::AccessToken(t::TestJwtCustomizerBodyAccessToken {
                        environment_variables: Some(strings(&[("TIER_DEFAULT", "free")])),
                        script: ACCESS_SCRIPT.into(),
                        token: t::AccessTokenSample {
                            jti: Some("jt1sample0001".into()),
                            account_id: Some("u5er1d0000001".into()),
                            kind: Some(t::AccessTokenSampleKind::AccessToken),
                            ..Default::default()
                        },
                        context: t::AccessTokenContextSample {
                            user: t::AccessTokenContextSampleUser {
                                id: Some("u5er1d0000001".into()),
                                username: None,
                                custom_data: Some(object(json!({ "tier": "pro" }))),
                                ..Default::default()
                            },
                            grant: None,
                            interaction: None,
                            application: None,
                            organization: None,
                        },
                    });
                c.configs().test_jwt_customizer(body)
            }),
            Req::new("POST", "/api/configs/jwt-customizer/test").json(json!({
                "tokenType": "access-token",
                "environmentVariables": { "TIER_DEFAULT": "free" },
                "script": ACCESS_SCRIPT,
                "token": {
                    "jti": "jt1sample0001",
                    "accountId": "u5er1d0000001",
                    "kind": "AccessToken"
                },
                "context": {
                    "user": {
                        "id": "u5er1d0000001",
                        "customData": { "tier": "pro" }
                    }
                }
            })),
            Reply::Json(200, json!({ "tier": "pro" })),
        ),
        case(
            "TestJwtCustomizer",
            invoke!(|c| {
                let body = t::TestJwtCustomizerBody::ClientCredentials(
                    t::TestJwtCustomizerBodyClientCredentials {
                        environment_variables: None,
                        script: M2M_SCRIPT.into(),
                        token: t::ClientCredentialsTokenSample {
                            client_id: Some("m2mc11ent0001".into()),
                            kind: Some(t::ClientCredentialsTokenSampleKind::ClientCredentials),
                            ..Default::default()
                        },
                        context: t::ClientCredentialsContextSample {
                            application: Some(t::JwtContextApplication {
                                id: Some("m2mc11ent0001".into()),
                                name: Some("Billing worker".into()),
                                ..Default::default()
                            }),
                        },
                    },
                );
                c.configs().test_jwt_customizer(body)
            }),
            Req::new("POST", "/api/configs/jwt-customizer/test").json(json!({
                "tokenType": "client-credentials",
                "script": M2M_SCRIPT,
                "token": { "clientId": "m2mc11ent0001", "kind": "ClientCredentials" },
                "context": { "application": { "id": "m2mc11ent0001", "name": "Billing worker" } }
            })),
            Reply::Json(200, json!({ "service": "billing", "weight": 2 })),
        )
        .variant("client credentials"),
    ]
}

fn action_value() -> Value {
    json!({
        "script": ACTION_SCRIPT,
        "environmentVariables": { "STAGE": "beta" },
        "contextSample": { "user": { "id": "u5er1d0000001" } },
        "enabled": true,
        "onExecutionError": "allow"
    })
}

fn sign_in_event() -> Value {
    json!({ "interactionEvent": "SignIn", "user": { "id": "u5er1d0000001" } })
}

fn actions() -> Vec<Case> {
    vec![
        case(
            "ListActions",
            invoke!(|c| c.configs().list_actions()),
            Req::new("GET", "/api/configs/actions"),
            Reply::Json(
                200,
                json!([{ "key": "action.postSignIn", "value": action_value() }]),
            ),
        ),
        case(
            "TestAction",
            invoke!(|c| {
                let body = t::TestActionBody {
                    script: ACTION_SCRIPT.into(),
                    action_type: t::ActionType::ActionPostSignIn,
                    event: Some(sign_in_event()),
                    environment_variables: Some(strings(&[("STAGE", "beta")])),
                };
                c.configs().test_action(body)
            }),
            Req::new("POST", "/api/configs/actions/test").json(json!({
                "script": ACTION_SCRIPT,
                "actionType": "action.postSignIn",
                "event": sign_in_event(),
                "environmentVariables": { "STAGE": "beta" }
            })),
            Reply::Json(
                200,
                json!({ "action": "updateUser", "user": { "customData": { "seen": true } } }),
            ),
        ),
        // A script that returns nothing answers 204; `event` is required but nullable.
        case(
            "TestAction",
            invoke!(|c| {
                let body = t::TestActionBody {
                    script: "const runAction = async () => ({ note: 'noop' });".into(),
                    action_type: t::ActionType::ActionPostFirstFactorVerification,
                    event: None,
                    environment_variables: None,
                };
                c.configs().test_action(body)
            }),
            Req::new("POST", "/api/configs/actions/test").json(json!({
                "script": "const runAction = async () => ({ note: 'noop' });",
                "actionType": "action.postFirstFactorVerification",
                "event": null
            })),
            Reply::Empty(204),
        )
        .variant("no result"),
        case(
            "GetAction",
            invoke!(|c| c
                .configs()
                .get_action(t::ActionType::Unknown(HOSTILE.into()))),
            Req::new("GET", "/api/configs/actions/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, action_value()),
        ),
        case(
            "GetAction",
            invoke!(|c| c
                .configs()
                .get_action(t::ActionType::Unknown(HOSTILE.into()))),
            Req::new("GET", "/api/configs/actions/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(
                200,
                json!({
                    "script": ACTION_SCRIPT,
                    "contextSample": null,
                    "onExecutionError": "block"
                }),
            ),
        )
        .variant("null sample"),
        case(
            "UpsertAction",
            invoke!(|c| {
                let body = t::Action {
                    script: ACTION_SCRIPT.into(),
                    environment_variables: Some(strings(&[("STAGE", "beta")])),
                    context_sample: Some(json!({ "user": { "id": "u5er1d0000001" } })),
                    enabled: Some(true),
                    on_execution_error: Some(t::ActionExecutionErrorPolicy::Allow),
                };
                c.configs()
                    .upsert_action(t::ActionType::Unknown(HOSTILE.into()), body)
            }),
            Req::new("PUT", "/api/configs/actions/a%2Fb%3Fc%23d%20e%2F%C3%BC").json(action_value()),
            Reply::Json(201, action_value()),
        ),
        // Replacing an existing action answers 200.
        case(
            "UpsertAction",
            invoke!(|c| {
                let body = t::Action {
                    script: ACTION_SCRIPT.into(),
                    environment_variables: None,
                    context_sample: None,
                    enabled: Some(false),
                    on_execution_error: None,
                };
                c.configs()
                    .upsert_action(t::ActionType::Unknown(HOSTILE.into()), body)
            }),
            Req::new("PUT", "/api/configs/actions/a%2Fb%3Fc%23d%20e%2F%C3%BC")
                .json(json!({ "script": ACTION_SCRIPT, "enabled": false })),
            Reply::Json(200, json!({ "script": ACTION_SCRIPT, "enabled": false })),
        )
        .variant("replaced"),
        case(
            "UpdateAction",
            invoke!(|c| {
                let body = t::UpdateActionBody {
                    environment_variables: Some(strings(&[("STAGE", "ga")])),
                    context_sample: Patch::Null,
                    on_execution_error: Some(t::ActionExecutionErrorPolicy::Block),
                    ..Default::default()
                };
                c.configs()
                    .update_action(t::ActionType::Unknown(HOSTILE.into()), body)
            }),
            Req::new("PATCH", "/api/configs/actions/a%2Fb%3Fc%23d%20e%2F%C3%BC").json(json!({
                "environmentVariables": { "STAGE": "ga" },
                "contextSample": null,
                "onExecutionError": "block"
            })),
            Reply::Json(
                200,
                json!({
                    "script": ACTION_SCRIPT,
                    "environmentVariables": { "STAGE": "ga" },
                    "contextSample": null,
                    "enabled": true,
                    "onExecutionError": "block"
                }),
            ),
        ),
        case(
            "DeleteAction",
            invoke!(|c| c
                .configs()
                .delete_action(t::ActionType::Unknown(HOSTILE.into()))),
            Req::new("DELETE", "/api/configs/actions/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Empty(204),
        ),
    ]
}
