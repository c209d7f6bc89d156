//! `SAML applications` and `SAML applications auth flow`: SAML service providers, their signing
//! certificates and metadata, and the IdP endpoints a service provider sends users to.

use super::{case, object, SAML_APP};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Patch;
use serde_json::{json, Value};

const ONE: &str = "/api/saml-applications/a%2Fb%3Fc%23d%20e%2F%C3%BC";
const SECRETS: &str = "/api/saml-applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/secrets";
const ONE_SECRET: &str =
    "/api/saml-applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/secrets/a%2Fb%3Fc%23d%20e%2F%C3%BC";
const AUTHN: &str = "/api/saml/a%2Fb%3Fc%23d%20e%2F%C3%BC/authn";
const POST_BINDING: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
/// A made-up, deflated and base64-encoded `AuthnRequest` (only its shape matters here).
const SAML_REQUEST: &str =
    "fZFNa8MwDIb/ivE9sZ0m7WqSQFgZFDooLey+m6FG4mAcyyPbWfrvZ+dj0EOP0uv30SNe0/vQ6QE=";

pub fn cases() -> Vec<Case> {
    let mut cases = app_cases();
    cases.extend(secret_cases());
    cases.extend(flow_cases());
    cases
}

/// A configured SAML application.
fn saml_app() -> Value {
    json!({
        "tenantId": "default",
        "id": SAML_APP,
        "name": "Expense tracker",
        "description": "SAML service provider for expenses",
        "type": "SAML",
        "customData": { "vendor": "expenses-inc" },
        "isThirdParty": false,
        "appLevelAccessControlEnabled": false,
        "createdAt": 1795400600001_u64,
        "attributeMapping": { "sub": "nameid", "email": "mail", "name": "displayName" },
        "entityId": "https://expenses.example.org/sp",
        "acsUrl": { "binding": POST_BINDING, "url": "https://expenses.example.org/acs" },
        "encryption": { "encryptAssertion": false },
        "nameIdFormat": EMAIL_FORMAT
    })
}

/// A SAML application created with a name only: the nullable settings are null.
fn bare_saml_app() -> Value {
    json!({
        "tenantId": "default",
        "id": SAML_APP,
        "name": "Expense tracker",
        "description": null,
        "type": "SAML",
        "customData": {},
        "isThirdParty": false,
        "appLevelAccessControlEnabled": false,
        "createdAt": 1795400600001_u64,
        "attributeMapping": {},
        "entityId": null,
        "acsUrl": null,
        "encryption": null,
        "nameIdFormat": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    })
}

fn app_cases() -> Vec<Case> {
    vec![
        case(
            "CreateSamlApplication",
            invoke!(|c| {
                let body = t::CreateSamlApplicationBody {
                    name: "Expense tracker".into(),
                    description: Some("SAML service provider for expenses".into()),
                    custom_data: Some(object(json!({ "vendor": "expenses-inc" }))),
                    attribute_mapping: Some(t::SamlAttributeMapping {
                        sub: Some("nameid".into()),
                        email: Some("mail".into()),
                        name: Some("displayName".into()),
                        ..Default::default()
                    }),
                    entity_id: Some("https://expenses.example.org/sp".into()),
                    acs_url: Some(t::SamlAcsUrl {
                        binding: t::SamlAcsUrlBinding::UrnOasisNamesTcSaml20BindingsHttpPost,
                        url: "https://expenses.example.org/acs".into(),
                    }),
                    encryption: Some(object(json!({ "encryptAssertion": false }))),
                    name_id_format: Some(
                        t::CreateSamlApplicationBodyNameIdFormat::UrnOasisNamesTcSaml11NameidFormatEmailAddress,
                    ),
                };
                c.saml_applications().create_saml_application(body)
            }),
            Req::new("POST", "/api/saml-applications").json(json!({
                "name": "Expense tracker",
                "description": "SAML service provider for expenses",
                "customData": { "vendor": "expenses-inc" },
                "attributeMapping": { "sub": "nameid", "email": "mail", "name": "displayName" },
                "entityId": "https://expenses.example.org/sp",
                "acsUrl": { "binding": POST_BINDING, "url": "https://expenses.example.org/acs" },
                "encryption": { "encryptAssertion": false },
                "nameIdFormat": EMAIL_FORMAT
            })),
            Reply::Json(201, saml_app()),
        ),
        case(
            "CreateSamlApplication",
            invoke!(|c| {
                let body = t::CreateSamlApplicationBody {
                    name: "Expense tracker".into(),
                    ..Default::default()
                };
                c.saml_applications().create_saml_application(body)
            }),
            Req::new("POST", "/api/saml-applications").json(json!({ "name": "Expense tracker" })),
            Reply::Json(201, bare_saml_app()),
        )
        .variant("name only"),
        case(
            "GetSamlApplication",
            invoke!(|c| c.saml_applications().get_saml_application(HOSTILE)),
            Req::new("GET", ONE),
            Reply::Json(200, saml_app()),
        ),
        case(
            "UpdateSamlApplication",
            invoke!(|c| {
                let body = t::UpdateSamlApplicationBody {
                    name: Some("Expense tracker".into()),
                    description: Patch::Null,
                    app_level_access_control_enabled: Some(false),
                    attribute_mapping: Some(t::SamlAttributeMapping {
                        sub: Some("nameid".into()),
                        email: Some("mail".into()),
                        ..Default::default()
                    }),
                    acs_url: Patch::Null,
                    encryption: Patch::Null,
                    name_id_format: Some(
                        t::SamlNameIdFormat::UrnOasisNamesTcSaml20NameidFormatTransient,
                    ),
                    ..Default::default()
                };
                c.saml_applications().update_saml_application(HOSTILE, body)
            }),
            Req::new("PATCH", ONE).json(json!({
                "name": "Expense tracker",
                "description": null,
                "appLevelAccessControlEnabled": false,
                "attributeMapping": { "sub": "nameid", "email": "mail" },
                "acsUrl": null,
                "encryption": null,
                "nameIdFormat": "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
            })),
            Reply::Json(200, {
                let mut updated = bare_saml_app();
                updated["customData"] = json!({ "vendor": "expenses-inc" });
                updated["attributeMapping"] = json!({ "sub": "nameid", "email": "mail" });
                updated["entityId"] = json!("https://expenses.example.org/sp");
                updated["nameIdFormat"] =
                    json!("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
                updated
            }),
        ),
        case(
            "DeleteSamlApplication",
            invoke!(|c| c.saml_applications().delete_saml_application(HOSTILE)),
            Req::new("DELETE", ONE),
            Reply::Empty(204),
        ),
    ]
}

/// A PEM certificate, shortened (the client keeps it as text).
const CERTIFICATE: &str = concat!(
    "-----BEGIN CERTIFICATE-----\r\n",
    "MIIBszCCAVmgAwIBAgIUdGVzdC1vbmx5LWNlcnQ=\r\n",
    "-----END CERTIFICATE-----\r\n"
);

/// A signing certificate of the SAML application (PEM shortened; any text decodes).
fn certificate(id: &str, active: bool) -> Value {
    json!({
        "id": id,
        "certificate": CERTIFICATE,
        "createdAt": 1795400700001_u64,
        "expiresAt": 1858472700001_u64,
        "active": active,
        "fingerprints": {
            "sha256": {
                "formatted": "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9",
                "unformatted": "0A1B2C3D4E5F60718293A4B5C6D7E8F9"
            }
        }
    })
}

fn secret_cases() -> Vec<Case> {
    vec![
        case(
            "CreateSamlApplicationSecret",
            invoke!(|c| {
                let body = t::CreateSamlApplicationSecretBody {
                    life_span_in_years: 3,
                };
                c.saml_applications()
                    .create_saml_application_secret(HOSTILE, body)
            }),
            Req::new("POST", SECRETS).json(json!({ "lifeSpanInYears": 3 })),
            Reply::Json(201, certificate("53cr3t1d00000000000c2", false)),
        ),
        case(
            "ListSamlApplicationSecrets",
            invoke!(|c| c.saml_applications().list_saml_application_secrets(HOSTILE)),
            Req::new("GET", SECRETS),
            Reply::Json(
                200,
                json!([
                    certificate("53cr3t1d00000000000c1", true),
                    certificate("53cr3t1d00000000000c2", false)
                ]),
            ),
        ),
        // The older field names `fingerprint` and `isActive` are declared too; decode them.
        case(
            "ListSamlApplicationSecrets",
            invoke!(|c| c.saml_applications().list_saml_application_secrets(HOSTILE)),
            Req::new("GET", SECRETS),
            Reply::Json(200, {
                let mut old = certificate("53cr3t1d00000000000c1", true);
                old["fingerprint"] = json!("0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9");
                old["isActive"] = json!(true);
                json!([old])
            }),
        )
        .variant("legacy fields"),
        case(
            "DeleteSamlApplicationSecret",
            invoke!(|c| c
                .saml_applications()
                .delete_saml_application_secret(HOSTILE, HOSTILE)),
            Req::new("DELETE", ONE_SECRET),
            Reply::Empty(204),
        ),
        case(
            "UpdateSamlApplicationSecret",
            invoke!(|c| {
                let body = t::ActiveBody { active: true };
                c.saml_applications()
                    .update_saml_application_secret(HOSTILE, HOSTILE, body)
            }),
            Req::new("PATCH", ONE_SECRET).json(json!({ "active": true })),
            Reply::Json(200, certificate("53cr3t1d00000000000c2", true)),
        ),
    ]
}

/// IdP metadata as served (`text/xml`), shortened.
const METADATA: &str = concat!(
    r#"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" "#,
    r#"entityID="https://auth.example.org/saml/5am14pp000000000000k5">"#,
    r#"<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">"#,
    r#"<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" "#,
    r#"Location="https://auth.example.org/api/saml/5am14pp000000000000k5/authn"/>"#,
    r#"</IDPSSODescriptor></EntityDescriptor>"#
);

/// The page the callback answers: it posts the SAML response to the service provider.
const CALLBACK_PAGE: &str = concat!(
    "<html><body>",
    r#"<form id="redirectForm" action="https://expenses.example.org/acs" method="POST">"#,
    r#"<input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlLz4=" />"#,
    r#"<input type="hidden" name="RelayState" value="expenses-relay-1" />"#,
    "</form>",
    "<script>document.getElementById('redirectForm').submit();</script>",
    "</body></html>"
);

fn flow_cases() -> Vec<Case> {
    let callback = "/api/saml-applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/callback";
    vec![
        case(
            "ListSamlApplicationMetadata",
            invoke!(|c| c
                .saml_applications()
                .list_saml_application_metadata(HOSTILE)),
            Req::new(
                "GET",
                "/api/saml-applications/a%2Fb%3Fc%23d%20e%2F%C3%BC/metadata",
            ),
            Reply::TextAs(200, "text/xml;charset=utf-8", METADATA),
        ),
        // Logto's OIDC provider comes back here with the authorization code.
        case(
            "GetSamlApplicationCallback",
            invoke!(|c| {
                c.saml_applications()
                    .get_saml_application_callback(HOSTILE)
                    .code("c0de-Abc123_xyz")
                    .state("st4te0000001")
            }),
            Req::new("GET", callback)
                .query(&[("code", "c0de-Abc123_xyz"), ("state", "st4te0000001")]),
            Reply::TextAs(200, "text/html; charset=utf-8", CALLBACK_PAGE),
        ),
        case(
            "GetSamlApplicationCallback",
            invoke!(|c| {
                c.saml_applications()
                    .get_saml_application_callback(HOSTILE)
                    .state("st4te0000001")
                    .redirect_uri("https://expenses.example.org/acs")
                    .error("access_denied")
                    .error_description("The user cancelled & left")
            }),
            Req::new("GET", callback).query(&[
                ("state", "st4te0000001"),
                ("redirectUri", "https://expenses.example.org/acs"),
                ("error", "access_denied"),
                ("error_description", "The user cancelled & left"),
            ]),
            Reply::TextAs(200, "text/html; charset=utf-8", CALLBACK_PAGE),
        )
        .variant("error from the provider"),
        // The IdP answers the redirect binding with a redirect to the sign-in page: no body to
        // decode.
        case(
            "GetSamlAuthn",
            invoke!(|c| {
                c.saml_applications_auth_flow()
                    .get_saml_authn(HOSTILE, SAML_REQUEST)
                    .relay_state("expenses-relay-1")
            }),
            Req::new("GET", AUTHN).query(&[
                ("SAMLRequest", SAML_REQUEST),
                ("RelayState", "expenses-relay-1"),
            ]),
            Reply::Empty(302),
        ),
        case(
            "GetSamlAuthn",
            invoke!(|c| {
                c.saml_applications_auth_flow()
                    .get_saml_authn(HOSTILE, SAML_REQUEST)
                    .signature("c2lnbmF0dXJlLWJ5dGVz+/==")
                    .sig_alg("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
                    .relay_state("expenses-relay-2")
            }),
            Req::new("GET", AUTHN).query(&[
                ("SAMLRequest", SAML_REQUEST),
                ("Signature", "c2lnbmF0dXJlLWJ5dGVz+/=="),
                (
                    "SigAlg",
                    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                ),
                ("RelayState", "expenses-relay-2"),
            ]),
            Reply::Empty(302),
        )
        .variant("signed request"),
        // The client sends the JSON form of the request body (the form-encoded one is also
        // accepted by the server).
        case(
            "CreateSamlAuthn",
            invoke!(|c| {
                let body = t::CreateSamlAuthnBody {
                    saml_request: SAML_REQUEST.into(),
                    relay_state: Some("expenses-relay-3".into()),
                };
                c.saml_applications_auth_flow()
                    .create_saml_authn(HOSTILE, body)
            }),
            Req::new("POST", AUTHN)
                .json(json!({ "SAMLRequest": SAML_REQUEST, "RelayState": "expenses-relay-3" })),
            Reply::Empty(302),
        ),
    ]
}
