//! `Resources`: API resources and their permission scopes.

use super::{case, resource, scope, SCOPE_ID, SCOPE_ID_2};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::{json, Value};

const ONE: &str = "/api/resources/a%2Fb%3Fc%23d%20e%2F%C3%BC";
const SCOPES: &str = "/api/resources/a%2Fb%3Fc%23d%20e%2F%C3%BC/scopes";
const ONE_SCOPE: &str =
    "/api/resources/a%2Fb%3Fc%23d%20e%2F%C3%BC/scopes/a%2Fb%3Fc%23d%20e%2F%C3%BC";

/// The built-in Management API resource, as listed.
fn management_resource() -> Value {
    json!({
        "tenantId": "default",
        "id": "management-api",
        "name": "Logto Management API",
        "indicator": "https://default.logto.app/api",
        "isDefault": false,
        "accessTokenTtl": 3600
    })
}

/// A resource with its scopes attached (`includeScopes`, or a fresh resource with none).
fn with_scopes(mut resource: Value, scopes: Value) -> Value {
    resource["scopes"] = scopes;
    resource
}

pub fn cases() -> Vec<Case> {
    let mut cases = resource_cases();
    cases.extend(scope_cases());
    cases
}

fn resource_cases() -> Vec<Case> {
    vec![
        case(
            "ListResources",
            invoke!(|c| c.resources().list_resources()),
            Req::new("GET", "/api/resources"),
            Reply::Json(200, json!([management_resource(), resource()])),
        ),
        case(
            "ListResources",
            invoke!(|c| {
                c.resources()
                    .list_resources()
                    .include_scopes("true")
                    .page(1)
                    .page_size(2)
            }),
            Req::new("GET", "/api/resources").query(&[
                ("includeScopes", "true"),
                ("page", "1"),
                ("page_size", "2"),
            ]),
            Reply::Json(
                200,
                json!([with_scopes(
                    resource(),
                    json!([
                        scope(SCOPE_ID, "read:stock", Some("Read stock levels")),
                        scope(SCOPE_ID_2, "write:stock", None)
                    ])
                )]),
            ),
        )
        .variant("with scopes, paged"),
        case(
            "CreateResource",
            invoke!(|c| {
                let body = t::CreateResourceBody {
                    name: "Inventory API".into(),
                    indicator: "https://inventory.example.org/api".into(),
                    access_token_ttl: Some(3600.0),
                    ..Default::default()
                };
                c.resources().create_resource(body)
            }),
            Req::new("POST", "/api/resources").json(json!({
                "name": "Inventory API",
                "indicator": "https://inventory.example.org/api",
                "accessTokenTtl": 3600
            })),
            Reply::Json(201, with_scopes(resource(), json!([]))),
        ),
        // Only the required fields; the server applies its default token lifetime.
        case(
            "CreateResource",
            invoke!(|c| {
                let body = t::CreateResourceBody {
                    name: "Inventory API".into(),
                    indicator: "https://inventory.example.org/api".into(),
                    ..Default::default()
                };
                c.resources().create_resource(body)
            }),
            Req::new("POST", "/api/resources").json(json!({
                "name": "Inventory API",
                "indicator": "https://inventory.example.org/api"
            })),
            Reply::Json(201, with_scopes(resource(), json!([]))),
        )
        .variant("required only"),
        case(
            "GetResource",
            invoke!(|c| c.resources().get_resource(HOSTILE)),
            Req::new("GET", ONE),
            Reply::Json(200, resource()),
        ),
        case(
            "UpdateResource",
            invoke!(|c| {
                let body = t::UpdateResourceBody {
                    name: Some("Inventory API v2".into()),
                    access_token_ttl: Some(7200.0),
                    ..Default::default()
                };
                c.resources().update_resource(HOSTILE, body)
            }),
            Req::new("PATCH", ONE)
                .json(json!({ "name": "Inventory API v2", "accessTokenTtl": 7200 })),
            Reply::Json(200, {
                let mut updated = resource();
                updated["name"] = json!("Inventory API v2");
                updated["accessTokenTtl"] = json!(7200);
                updated
            }),
        ),
        case(
            "DeleteResource",
            invoke!(|c| c.resources().delete_resource(HOSTILE)),
            Req::new("DELETE", ONE),
            Reply::Empty(204),
        ),
        case(
            "UpdateResourceIsDefault",
            invoke!(|c| {
                let body = t::UpdateResourceIsDefaultBody { is_default: true };
                c.resources().update_resource_is_default(HOSTILE, body)
            }),
            Req::new(
                "PATCH",
                "/api/resources/a%2Fb%3Fc%23d%20e%2F%C3%BC/is-default",
            )
            .json(json!({ "isDefault": true })),
            Reply::Json(200, {
                let mut updated = resource();
                updated["isDefault"] = json!(true);
                updated
            }),
        ),
    ]
}

fn scope_cases() -> Vec<Case> {
    vec![
        case(
            "ListResourceScopes",
            invoke!(|c| c.resources().list_resource_scopes(HOSTILE)),
            Req::new("GET", SCOPES),
            Reply::Json(
                200,
                json!([
                    scope(SCOPE_ID, "read:stock", Some("Read stock levels")),
                    scope(SCOPE_ID_2, "write:stock", None)
                ]),
            ),
        ),
        case(
            "ListResourceScopes",
            invoke!(|c| {
                let search = [("search.name", "read:%")].map(|(k, v)| (k.to_owned(), v.to_owned()));
                c.resources()
                    .list_resource_scopes(HOSTILE)
                    .page(2)
                    .page_size(1)
                    .search_params(search.into_iter().collect())
            }),
            Req::new("GET", SCOPES).query(&[
                ("page", "2"),
                ("page_size", "1"),
                ("search.name", "read:%"),
            ]),
            Reply::Json(200, json!([])),
        )
        .variant("paged search"),
        case(
            "CreateResourceScope",
            invoke!(|c| {
                let body = t::CreateResourceScopeBody {
                    name: "read:stock".into(),
                    description: Some("Read stock levels".into()),
                };
                c.resources().create_resource_scope(HOSTILE, body)
            }),
            Req::new("POST", SCOPES)
                .json(json!({ "name": "read:stock", "description": "Read stock levels" })),
            Reply::Json(
                201,
                scope(SCOPE_ID, "read:stock", Some("Read stock levels")),
            ),
        ),
        // `description` is optional and nullable; outside a PATCH body `None` is left out.
        case(
            "CreateResourceScope",
            invoke!(|c| {
                let body = t::CreateResourceScopeBody {
                    name: "write:stock".into(),
                    description: None,
                };
                c.resources().create_resource_scope(HOSTILE, body)
            }),
            Req::new("POST", SCOPES).json(json!({ "name": "write:stock" })),
            Reply::Json(201, scope(SCOPE_ID_2, "write:stock", None)),
        )
        .variant("no description"),
        case(
            "UpdateResourceScope",
            invoke!(|c| {
                let body = t::UpdateResourceScopeBody {
                    name: Some("delete:stock".into()),
                    description: Patch::Set("Remove stock entries".into()),
                };
                c.resources().update_resource_scope(HOSTILE, HOSTILE, body)
            }),
            Req::new("PATCH", ONE_SCOPE)
                .json(json!({ "name": "delete:stock", "description": "Remove stock entries" })),
            Reply::Json(
                200,
                scope(SCOPE_ID_2, "delete:stock", Some("Remove stock entries")),
            ),
        ),
        case(
            "DeleteResourceScope",
            invoke!(|c| c.resources().delete_resource_scope(HOSTILE, HOSTILE)),
            Req::new("DELETE", ONE_SCOPE),
            Reply::Empty(204),
        ),
    ]
}
