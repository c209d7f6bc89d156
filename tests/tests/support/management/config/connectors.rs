//! Tags `Connectors`, `Connector factories`, `SSO connector providers` and `SSO connectors`.

use super::object;
use crate::support::management::case;
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::{json, Value};

const LOGO: &str = "https://cdn.example.net/connectors/mailer.svg";
/// `HOSTILE` as both the connector id and the key id.
const KEY_PATH: &str =
    "/api/sso-connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC/signing-keys/a%2Fb%3Fc%23d%20e%2F%C3%BC";
const CERT: &str = "-----BEGIN CERTIFICATE-----\r\nMIIBszCCAVmgAwIBAgIUExampleOnlyNotARealCert0001\r\n-----END CERTIFICATE-----";

pub fn cases() -> Vec<Case> {
    let mut cases = connectors();
    cases.extend(sso_connectors());
    cases.extend(signing_keys());
    cases
}

/// A passwordless email connector as `GET /api/connectors/{id}` shows it.
fn email_connector() -> Value {
    json!({
        "id": "c0nn3ct0r0001",
        "syncProfile": false,
        "enableTokenStorage": false,
        "config": { "apiKey": "mk-test-0000", "fromEmail": "noreply@example.org" },
        "metadata": {},
        "connectorId": "acme-mail",
        "target": "acme-mail",
        "name": { "en": "Acme Mail" },
        "description": { "en": "Sends verification codes through Acme Mail." },
        "logo": LOGO,
        "logoDark": null,
        "readme": "# Acme Mail\n\nSet the API key and the sender address.",
        "configTemplate": "{ \"apiKey\": \"<api-key>\" }",
        "formItems": [
            { "type": "Text", "key": "apiKey", "label": "API key", "required": true, "isConfidential": true },
            {
                "type": "Select",
                "key": "region",
                "label": "Region",
                "selectItems": [{ "value": "eu", "title": "Europe" }, { "value": "us", "title": "US" }],
                "defaultValue": "eu"
            }
        ],
        "platform": null,
        "isStandard": false,
        "type": "Email",
        "usage": 12
    })
}

/// A social connector with display overrides in `metadata`.
fn social_connector() -> Value {
    json!({
        "id": "c0nn3ct0r0002",
        "syncProfile": true,
        "enableTokenStorage": true,
        "config": { "clientId": "gh-client-0002", "scope": "read:user" },
        "metadata": {
            "target": "github",
            "name": { "en": "GitHub (staff)" },
            "logo": "https://cdn.example.net/connectors/gh.svg",
            "logoDark": null
        },
        "connectorId": "github-universal",
        "target": "github",
        "name": { "en": "GitHub" },
        "description": { "en": "Sign in with GitHub." },
        "logo": "https://cdn.example.net/connectors/gh.svg",
        "logoDark": "https://cdn.example.net/connectors/gh-dark.svg",
        "readme": "# GitHub",
        "platform": "Universal",
        "isStandard": false,
        "isTokenStorageSupported": true,
        "type": "Social"
    })
}

fn factory() -> Value {
    json!({
        "type": "Social",
        "isDemo": false,
        "id": "github-universal",
        "target": "github",
        "name": { "en": "GitHub", "fr": "GitHub" },
        "description": { "en": "Sign in with GitHub." },
        "logo": "https://cdn.example.net/connectors/gh.svg",
        "logoDark": null,
        "readme": "# GitHub",
        "configTemplate": "{ \"clientId\": \"<client-id>\" }",
        "formItems": [
            { "type": "Text", "key": "clientId", "label": "Client ID", "required": true },
            {
                "type": "MultiSelect",
                "key": "scopes",
                "label": "Scopes",
                "selectItems": [{ "value": "read:user" }, { "value": "user:email" }],
                "showConditions": [{ "targetKey": "clientId" }]
            }
        ],
        "platform": "Universal",
        "isStandard": false,
        "isTokenStorageSupported": true
    })
}

fn connectors() -> Vec<Case> {
    vec![
        case(
            "CreateConnector",
            invoke!(|c| {
                let body = t::CreateConnectorBody {
                    config: Some(object(
                        json!({ "apiKey": "mk-test-0000", "fromEmail": "noreply@example.org" }),
                    )),
                    connector_id: "acme-mail".into(),
                    id: Some("c0nn3ct0r0001".into()),
                    ..Default::default()
                };
                c.connectors().create_connector(body)
            }),
            Req::new("POST", "/api/connectors").json(json!({
                "config": { "apiKey": "mk-test-0000", "fromEmail": "noreply@example.org" },
                "connectorId": "acme-mail",
                "id": "c0nn3ct0r0001"
            })),
            Reply::Json(200, email_connector()),
        ),
        case(
            "CreateConnector",
            invoke!(|c| {
                let body = t::CreateConnectorBody {
                    connector_id: "github-universal".into(),
                    metadata: Some(t::ConnectorMetadata {
                        target: Some("github".into()),
                        name: Some(object(json!({ "en": "GitHub (staff)" }))),
                        logo: Some("https://cdn.example.net/connectors/gh.svg".into()),
                        logo_dark: Patch::Null,
                    }),
                    sync_profile: Some(true),
                    enable_token_storage: Some(true),
                    ..Default::default()
                };
                c.connectors().create_connector(body)
            }),
            Req::new("POST", "/api/connectors").json(json!({
                "connectorId": "github-universal",
                "metadata": {
                    "target": "github",
                    "name": { "en": "GitHub (staff)" },
                    "logo": "https://cdn.example.net/connectors/gh.svg",
                    "logoDark": null
                },
                "syncProfile": true,
                "enableTokenStorage": true
            })),
            Reply::Json(200, social_connector()),
        )
        .variant("social with metadata"),
        case(
            "ListConnectors",
            invoke!(|c| c.connectors().list_connectors()),
            Req::new("GET", "/api/connectors"),
            Reply::Json(200, json!([email_connector(), social_connector()])),
        ),
        case(
            "ListConnectors",
            invoke!(|c| c.connectors().list_connectors().target("github")),
            Req::new("GET", "/api/connectors").query(&[("target", "github")]),
            Reply::Json(200, json!([social_connector()])),
        )
        .variant("by target"),
        case(
            "GetConnector",
            invoke!(|c| c.connectors().get_connector(HOSTILE)),
            Req::new("GET", "/api/connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, email_connector()),
        ),
        case(
            "UpdateConnector",
            invoke!(|c| {
                let body = t::UpdateConnectorBody {
                    config: Some(object(
                        json!({ "clientId": "gh-client-0002", "scope": "read:user" }),
                    )),
                    sync_profile: Some(true),
                    ..Default::default()
                };
                c.connectors().update_connector(HOSTILE, body)
            }),
            Req::new("PATCH", "/api/connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC").json(json!({
                "config": { "clientId": "gh-client-0002", "scope": "read:user" },
                "syncProfile": true
            })),
            Reply::Json(200, social_connector()),
        ),
        case(
            "DeleteConnector",
            invoke!(|c| c.connectors().delete_connector(HOSTILE)),
            Req::new("DELETE", "/api/connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Empty(204),
        ),
        case(
            "CreateConnectorTest",
            invoke!(|c| {
                let body = t::CreateConnectorTestBody {
                    email: Some("qa@example.org".into()),
                    config: object(json!({ "apiKey": "mk-test-0000" })),
                    locale: Some("de".into()),
                    ..Default::default()
                };
                c.connectors().create_connector_test(HOSTILE, body)
            }),
            Req::new("POST", "/api/connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC/test").json(json!({
                "email": "qa@example.org",
                "config": { "apiKey": "mk-test-0000" },
                "locale": "de"
            })),
            Reply::Empty(204),
        ),
        case(
            "CreateConnectorAuthorizationUri",
            invoke!(|c| {
                let body = t::CreateConnectorAuthorizationUriBody {
                    state: "st4te0001".into(),
                    redirect_uri: "https://app.example.org/callback".into(),
                };
                c.connectors()
                    .create_connector_authorization_uri(HOSTILE, body)
            }),
            Req::new(
                "POST",
                "/api/connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC/authorization-uri",
            )
            .json(
                json!({ "state": "st4te0001", "redirectUri": "https://app.example.org/callback" }),
            ),
            Reply::Json(
                200,
                json!({
                    "redirectTo": "https://github.com/login/oauth/authorize?client_id=gh-client-0002&state=st4te0001",
                    "redirectUri": "https://app.example.org/callback"
                }),
            ),
        ),
        case(
            "ListConnectorFactories",
            invoke!(|c| c.connector_factories().list_connector_factories()),
            Req::new("GET", "/api/connector-factories"),
            Reply::Json(200, json!([factory()])),
        ),
        case(
            "GetConnectorFactory",
            invoke!(|c| c.connector_factories().get_connector_factory(HOSTILE)),
            Req::new("GET", "/api/connector-factories/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, factory()),
        ),
    ]
}

fn created_sso() -> Value {
    json!({
        "tenantId": "default",
        "id": "ss0c0nn00001",
        "providerName": "OIDC",
        "connectorName": "Partner OIDC",
        "config": { "issuer": "https://idp.partner.example", "clientId": "partner-client", "scope": "openid email" },
        "domains": ["partner.example"],
        "branding": { "displayName": "Partner SSO", "logo": "https://partner.example/logo.png" },
        "syncProfile": true,
        "enableTokenStorage": false,
        "createdAt": 1795340000123_u64
    })
}

/// An SSO connector as listed, with the provider's details merged in.
fn sso_connector() -> Value {
    json!({
        "tenantId": "default",
        "id": "ss0c0nn00001",
        "providerName": "OIDC",
        "connectorName": "Partner OIDC",
        "config": { "issuer": "https://idp.partner.example", "clientId": "partner-client" },
        "domains": ["partner.example"],
        "branding": { "displayName": "Partner SSO", "darkLogo": "https://partner.example/logo-dark.png" },
        "syncProfile": false,
        "enableTokenStorage": false,
        "createdAt": 1795340000123_u64,
        "name": "OIDC",
        "providerType": "oidc",
        "providerLogo": "data:image/svg+xml;base64,PHN2Zy8+",
        "providerLogoDark": "data:image/svg+xml;base64,PHN2Zy8+",
        "providerConfig": { "tokenEndpoint": "https://idp.partner.example/token" }
    })
}

fn sso_connectors() -> Vec<Case> {
    vec![
        case(
            "ListSsoConnectorProviders",
            invoke!(|c| c.sso_connector_providers().list_sso_connector_providers()),
            Req::new("GET", "/api/sso-connector-providers"),
            Reply::Json(
                200,
                json!([
                    {
                        "providerName": "OIDC",
                        "providerType": "oidc",
                        "logo": "data:image/svg+xml;base64,PHN2Zy8+",
                        "logoDark": "data:image/svg+xml;base64,PHN2Zy8+",
                        "description": "Any OpenID Connect identity provider.",
                        "name": "OIDC"
                    },
                    {
                        "providerName": "GoogleWorkspace",
                        "providerType": "oidc",
                        "logo": "data:image/svg+xml;base64,PGc+",
                        "logoDark": "data:image/svg+xml;base64,PGc+",
                        "description": "Google Workspace accounts.",
                        "name": "Google Workspace"
                    }
                ]),
            ),
        ),
        case(
            "CreateSsoConnector",
            invoke!(|c| {
                let body = t::CreateSsoConnectorBody {
                    config: Some(object(json!({
                        "issuer": "https://idp.partner.example",
                        "clientId": "partner-client",
                        "scope": "openid email"
                    }))),
                    domains: Some(vec!["partner.example".into()]),
                    branding: Some(t::SsoConnectorBranding {
                        display_name: Some("Partner SSO".into()),
                        logo: Some("https://partner.example/logo.png".into()),
                        dark_logo: None,
                    }),
                    sync_profile: Some(true),
                    enable_token_storage: None,
                    provider_name: "OIDC".into(),
                    connector_name: "Partner OIDC".into(),
                };
                c.sso_connectors().create_sso_connector(body)
            }),
            Req::new("POST", "/api/sso-connectors").json(json!({
                "config": {
                    "issuer": "https://idp.partner.example",
                    "clientId": "partner-client",
                    "scope": "openid email"
                },
                "domains": ["partner.example"],
                "branding": {
                    "displayName": "Partner SSO",
                    "logo": "https://partner.example/logo.png"
                },
                "syncProfile": true,
                "providerName": "OIDC",
                "connectorName": "Partner OIDC"
            })),
            Reply::Json(200, created_sso()),
        ),
        case(
            "ListSsoConnectors",
            invoke!(|c| c.sso_connectors().list_sso_connectors()),
            Req::new("GET", "/api/sso-connectors"),
            Reply::Json(200, json!([sso_connector()])),
        ),
        case(
            "ListSsoConnectors",
            invoke!(|c| c
                .sso_connectors()
                .list_sso_connectors()
                .page(2)
                .page_size(5)),
            Req::new("GET", "/api/sso-connectors").query(&[("page", "2"), ("page_size", "5")]),
            Reply::Json(200, json!([])),
        )
        .variant("paged"),
        case(
            "GetSsoConnector",
            invoke!(|c| c.sso_connectors().get_sso_connector(HOSTILE)),
            Req::new("GET", "/api/sso-connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Json(200, sso_connector()),
        ),
        case(
            "DeleteSsoConnector",
            invoke!(|c| c.sso_connectors().delete_sso_connector(HOSTILE)),
            Req::new("DELETE", "/api/sso-connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
            Reply::Empty(204),
        ),
        case(
            "UpdateSsoConnector",
            invoke!(|c| {
                let body = t::UpdateSsoConnectorBody {
                    branding: Some(t::SsoConnectorBranding {
                        display_name: Some("Partner SSO".into()),
                        dark_logo: Some("https://partner.example/logo-dark.png".into()),
                        ..Default::default()
                    }),
                    sync_profile: Some(false),
                    connector_name: Some("Partner OIDC".into()),
                    ..Default::default()
                };
                c.sso_connectors().update_sso_connector(HOSTILE, body)
            }),
            Req::new("PATCH", "/api/sso-connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC").json(json!({
                "branding": {
                    "displayName": "Partner SSO",
                    "darkLogo": "https://partner.example/logo-dark.png"
                },
                "syncProfile": false,
                "connectorName": "Partner OIDC"
            })),
            Reply::Json(200, sso_connector()),
        ),
    ]
}

fn signing_key(id: &str, active: bool) -> Value {
    json!({
        "id": id,
        "certificate": CERT,
        "createdAt": 1795341000000_u64,
        "expiresAt": 1890035400000_u64,
        "active": active,
        "fingerprints": {
            "sha256": {
                "formatted": "AB:CD:EF:01:23:45:67:89",
                "unformatted": "ABCDEF0123456789"
            }
        }
    })
}

fn signing_keys() -> Vec<Case> {
    vec![
        case(
            "ListSsoConnectorSigningKeys",
            invoke!(|c| c.sso_connectors().list_sso_connector_signing_keys(HOSTILE)),
            Req::new(
                "GET",
                "/api/sso-connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC/signing-keys",
            ),
            Reply::Json(
                200,
                json!([
                    signing_key("s1gnk3y0000000000001", true),
                    signing_key("s1gnk3y0000000000002", false)
                ]),
            ),
        ),
        case(
            "CreateSsoConnectorSigningKey",
            invoke!(|c| {
                let body = t::CreateSsoConnectorSigningKeyBody { active: false };
                c.sso_connectors()
                    .create_sso_connector_signing_key(HOSTILE, body)
            }),
            Req::new(
                "POST",
                "/api/sso-connectors/a%2Fb%3Fc%23d%20e%2F%C3%BC/signing-keys",
            )
            .json(json!({ "active": false })),
            Reply::Json(201, signing_key("s1gnk3y0000000000002", false)),
        ),
        case(
            "UpdateSsoConnectorSigningKey",
            invoke!(|c| {
                let body = t::ActiveBody { active: true };
                c.sso_connectors()
                    .update_sso_connector_signing_key(HOSTILE, HOSTILE, body)
            }),
            Req::new("PATCH", KEY_PATH).json(json!({ "active": true })),
            Reply::Json(200, signing_key("s1gnk3y0000000000002", true)),
        ),
        case(
            "DeleteSsoConnectorSigningKey",
            invoke!(|c| c
                .sso_connectors()
                .delete_sso_connector_signing_key(HOSTILE, HOSTILE)),
            Req::new("DELETE", KEY_PATH),
            Reply::Empty(204),
        ),
    ]
}
