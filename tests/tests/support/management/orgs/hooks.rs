//! `Hooks`: webhooks, their signing keys, test deliveries and recent delivery logs.

use super::super::case;
use super::object;
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::{json, Value};

const HOOK: &str = "h00kdel1v3ry00000abc1";
const LEGACY_HOOK: &str = "h00kle9acy0000000abc2";
const ENDPOINT: &str = "https://hooks.fieldfare.example/logto";

/// A hook subscribed with the `events` list, optionally with execution statistics.
fn hook(stats: bool) -> Value {
    let mut hook = json!({
        "tenantId": "default",
        "id": HOOK,
        "name": "Provisioning relay",
        "event": null,
        "events": ["PostRegister", "User.Created", "Organization.Membership.Updated"],
        "config": {
            "url": ENDPOINT,
            "headers": { "x-relay-token": "relay-7c1e" },
            "retries": 3
        },
        "signingKey": "whsk_9f3c2a7b5d1e4f60a8b2",
        "enabled": true,
        "createdAt": 1767225800000_u64
    });
    if stats {
        hook["executionStats"] = json!({ "successCount": 41, "requestCount": 44 });
    }
    hook
}

/// A hook created with the deprecated single `event` (its `events` list stays empty).
fn legacy_hook() -> Value {
    json!({
        "tenantId": "default",
        "id": LEGACY_HOOK,
        "name": "Sign-in audit",
        "event": "PostSignIn",
        "events": [],
        "config": { "url": "https://audit.fieldfare.example/in" },
        "signingKey": "whsk_0d4e6a2c8b1f3e5a7c9d",
        "enabled": false,
        "createdAt": 1767225900000_u64
    })
}

fn relay_config() -> t::HookConfig {
    t::HookConfig {
        url: ENDPOINT.into(),
        headers: Some(object(json!({ "x-relay-token": "relay-7c1e" }))),
        retries: Some(3.0),
    }
}

pub fn cases() -> Vec<Case> {
    let mut cases = hook_cases();
    cases.extend(delivery_cases());
    cases
}

/// Listing, creating, reading, changing and removing hooks.
fn hook_cases() -> Vec<Case> {
    vec![
        case(
            "ListHooks",
            invoke!(|c| c.hooks().list_hooks()),
            Req::new("GET", "/api/hooks"),
            Reply::Json(200, json!([hook(false), legacy_hook()])),
        ),
        // With statistics every hook carries `executionStats`.
        case(
            "ListHooks",
            invoke!(|c| c
                .hooks()
                .list_hooks()
                .include_execution_stats("true")
                .page(2)
                .page_size(10)),
            Req::new("GET", "/api/hooks").query(&[
                ("includeExecutionStats", "true"),
                ("page", "2"),
                ("page_size", "10"),
            ]),
            Reply::Json(200, json!([hook(true)])),
        )
        .variant("stats, paged"),
        case(
            "CreateHook",
            invoke!(|c| {
                let body = t::CreateHookBody {
                    tenant_id: None,
                    name: Some("Provisioning relay".into()),
                    event: None,
                    events: Some(vec![
                        t::HookEvent::PostRegister,
                        t::HookEvent::UserCreated,
                        t::HookEvent::OrganizationMembershipUpdated,
                    ]),
                    config: relay_config(),
                    enabled: Some(true),
                    created_at: None,
                };
                c.hooks().create_hook(body)
            }),
            Req::new("POST", "/api/hooks").json(json!({
                "name": "Provisioning relay",
                "events": ["PostRegister", "User.Created", "Organization.Membership.Updated"],
                "config": {
                    "url": ENDPOINT,
                    "headers": { "x-relay-token": "relay-7c1e" },
                    "retries": 3
                },
                "enabled": true
            })),
            Reply::Json(201, hook(false)),
        ),
        // The deprecated single `event` form, still accepted.
        case(
            "CreateHook",
            invoke!(|c| {
                let body = t::CreateHookBody {
                    tenant_id: None,
                    name: Some("Sign-in audit".into()),
                    event: Some(t::CreateHookBodyEvent::PostSignIn),
                    events: None,
                    config: t::HookConfig {
                        url: "https://audit.fieldfare.example/in".into(),
                        ..Default::default()
                    },
                    enabled: Some(false),
                    created_at: None,
                };
                c.hooks().create_hook(body)
            }),
            Req::new("POST", "/api/hooks").json(json!({
                "name": "Sign-in audit",
                "event": "PostSignIn",
                "config": { "url": "https://audit.fieldfare.example/in" },
                "enabled": false
            })),
            Reply::Json(201, legacy_hook()),
        )
        .variant("legacy event"),
        case(
            "GetHook",
            invoke!(|c| c.hooks().get_hook(HOSTILE)),
            Req::new("GET", concat!("/api/hooks/", enc!())),
            Reply::Json(200, legacy_hook()),
        ),
        case(
            "GetHook",
            invoke!(|c| c.hooks().get_hook(HOSTILE).include_execution_stats("true")),
            Req::new("GET", concat!("/api/hooks/", enc!()))
                .query(&[("includeExecutionStats", "true")]),
            Reply::Json(200, hook(true)),
        )
        .variant("stats"),
        case(
            "UpdateHook",
            invoke!(|c| {
                let body = t::UpdateHookBody {
                    name: Some("Provisioning relay".into()),
                    events: Some(vec![
                        t::HookEvent::PostRegister,
                        t::HookEvent::UserCreated,
                        t::HookEvent::OrganizationMembershipUpdated,
                    ]),
                    config: Some(relay_config()),
                    ..Default::default()
                };
                c.hooks().update_hook(HOSTILE, body)
            }),
            Req::new("PATCH", concat!("/api/hooks/", enc!())).json(json!({
                "name": "Provisioning relay",
                "events": ["PostRegister", "User.Created", "Organization.Membership.Updated"],
                "config": {
                    "url": ENDPOINT,
                    "headers": { "x-relay-token": "relay-7c1e" },
                    "retries": 3
                }
            })),
            Reply::Json(200, hook(false)),
        ),
        // A present `event: null` drops the legacy event; `enabled` pauses the hook.
        case(
            "UpdateHook",
            invoke!(|c| {
                let body = t::UpdateHookBody {
                    event: Patch::Null,
                    events: Some(vec![t::HookEvent::PostSignIn]),
                    enabled: Some(false),
                    ..Default::default()
                };
                c.hooks().update_hook(HOSTILE, body)
            }),
            Req::new("PATCH", concat!("/api/hooks/", enc!())).json(json!({
                "event": null,
                "events": ["PostSignIn"],
                "enabled": false
            })),
            Reply::Json(200, {
                let mut hook = legacy_hook();
                hook["event"] = Value::Null;
                hook["events"] = json!(["PostSignIn"]);
                hook
            }),
        )
        .variant("clear legacy event"),
        case(
            "DeleteHook",
            invoke!(|c| c.hooks().delete_hook(HOSTILE)),
            Req::new("DELETE", concat!("/api/hooks/", enc!())),
            Reply::Empty(204),
        ),
    ]
}

/// Delivery logs, test deliveries and the signing key.
fn delivery_cases() -> Vec<Case> {
    vec![
        case(
            "ListHookRecentLogs",
            invoke!(|c| c.hooks().list_hook_recent_logs(HOSTILE)),
            Req::new("GET", concat!("/api/hooks/", enc!(), "/recent-logs")),
            Reply::Json(
                200,
                json!([
                    {
                        "id": "l0gtr1993r0000000e001",
                        "key": "TriggerHook.User.Created",
                        "payload": {
                            "key": "TriggerHook.User.Created",
                            "result": "Success",
                            "ip": "203.0.113.24",
                            "userAgent": "node-fetch",
                            "userId": "u5erm4r1na01",
                            "applicationId": "app4ut0m4t10n0000m2m1",
                            "params": { "status": 200 }
                        },
                        "createdAt": 1767226000000_u64
                    },
                    {
                        "id": "l0gtr1993r0000000e002",
                        "key": "TriggerHook.PostRegister",
                        "payload": {
                            "key": "TriggerHook.PostRegister",
                            "result": "Error",
                            "error": { "message": "connect ECONNREFUSED", "retries": 3 },
                            "sessionId": "s3ss10n0000000000x01"
                        },
                        "createdAt": 1767226001000_u64
                    }
                ]),
            ),
        ),
        // Every filter at once; `error` as a plain string is the other `oneOf` branch.
        case(
            "ListHookRecentLogs",
            invoke!(|c| c
                .hooks()
                .list_hook_recent_logs(HOSTILE)
                .log_key("TriggerHook.PostRegister")
                .enable_cap("true")
                .start_time("1767225600000")
                .end_time("1767312000000")
                .page(1)
                .page_size(5)),
            Req::new("GET", concat!("/api/hooks/", enc!(), "/recent-logs")).query(&[
                ("logKey", "TriggerHook.PostRegister"),
                ("enableCap", "true"),
                ("start_time", "1767225600000"),
                ("end_time", "1767312000000"),
                ("page", "1"),
                ("page_size", "5"),
            ]),
            Reply::Json(
                200,
                json!([{
                    "id": "l0gtr1993r0000000e003",
                    "key": "TriggerHook.PostRegister",
                    "payload": {
                        "key": "TriggerHook.PostRegister",
                        "result": "Error",
                        "error": "Request timed out after 10000 ms",
                        "userAgentParsed": {
                            "ua": "node",
                            "browser": { "name": "Node" },
                            "os": { "name": "Linux", "version": "6.8" },
                            "cpu": { "architecture": "amd64" }
                        }
                    },
                    "createdAt": 1767226002000_u64
                }]),
            ),
        )
        .variant("filtered"),
        case(
            "CreateHookTest",
            invoke!(|c| {
                let body = t::CreateHookTestBody {
                    events: vec![t::HookEvent::UserCreated, t::HookEvent::PostSignIn],
                    config: relay_config(),
                    event: None,
                };
                c.hooks().create_hook_test(HOSTILE, body)
            }),
            Req::new("POST", concat!("/api/hooks/", enc!(), "/test")).json(json!({
                "events": ["User.Created", "PostSignIn"],
                "config": {
                    "url": ENDPOINT,
                    "headers": { "x-relay-token": "relay-7c1e" },
                    "retries": 3
                }
            })),
            Reply::Empty(204),
        ),
        // The signing key is regenerated; the hook comes back with the new one.
        case(
            "UpdateHookSigningKey",
            invoke!(|c| c.hooks().update_hook_signing_key(HOSTILE)),
            Req::new("PATCH", concat!("/api/hooks/", enc!(), "/signing-key")),
            Reply::Json(200, {
                let mut hook = hook(false);
                hook["signingKey"] = json!("whsk_5b8e1c3a9d7f2e4b6a0c");
                hook
            }),
        ),
    ]
}
