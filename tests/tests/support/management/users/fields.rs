//! Custom profile fields (collected at sign-up and in the account center) and secrets.

use super::case;
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use serde_json::{json, Value};

pub(super) fn cases() -> Vec<Case> {
    let mut all = field_cases();
    all.extend(batch_cases());
    all.push(case(
        "DeleteSecret",
        invoke!(|c| c.secrets().delete_secret(HOSTILE)),
        Req::new("DELETE", "/api/secrets/a%2Fb%3Fc%23d%20e%2F%C3%BC"),
        Reply::Empty(204),
    ));
    all
}

const FIELD_PATH: &str = "/api/custom-profile-fields/a%2Fb%3Fc%23d%20e%2F%C3%BC";

/// A text field with a description and length limits.
fn department(label: &str, required: bool, sie_order: u32) -> Value {
    json!({
        "tenantId": "default",
        "id": "cpf1d000000000000001",
        "name": "department",
        "type": "Text",
        "label": label,
        "description": "The lab you work in",
        "required": required,
        "config": { "placeholder": "e.g. Physics", "minLength": 2, "maxLength": 60 },
        "createdAt": 1795001000000_u64,
        "sieOrder": sie_order
    })
}

fn seniority(sie_order: u32) -> Value {
    json!({
        "tenantId": "default",
        "id": "cpf1d000000000000002",
        "name": "seniority",
        "type": "Number",
        "label": "Years of service",
        "description": null,
        "required": false,
        "config": { "minValue": 0, "maxValue": 60 },
        "createdAt": 1795001000100_u64,
        "sieOrder": sie_order
    })
}

fn start_date() -> Value {
    json!({
        "tenantId": "default",
        "id": "cpf1d000000000000003",
        "name": "startDate",
        "type": "Date",
        "label": "Start date",
        "description": null,
        "required": true,
        "config": { "format": "custom", "customFormat": "dd.MM.yyyy", "placeholder": "01.10.2026" },
        "createdAt": 1795001000100_u64,
        "sieOrder": 3
    })
}

fn safety_training() -> Value {
    json!({
        "tenantId": "default",
        "id": "cpf1d000000000000004",
        "name": "safetyTraining",
        "type": "Checkbox",
        "label": "I completed the radiation safety training",
        "description": null,
        "required": true,
        "config": { "defaultValue": "false" },
        "createdAt": 1795001000100_u64,
        "sieOrder": 4
    })
}

/// The built-in address field, configured part by part.
fn address() -> Value {
    json!({
        "tenantId": "default",
        "id": "cpf1d000000000000005",
        "name": "address",
        "type": "Address",
        "label": "",
        "description": null,
        "required": false,
        "config": {
            "parts": [
                { "enabled": true, "name": "streetAddress", "type": "Text", "required": true },
                {
                    "enabled": true,
                    "name": "country",
                    "type": "Select",
                    "label": "Country",
                    "description": "Where you live",
                    "required": true,
                    "config": {
                        "placeholder": "Choose",
                        "options": [{ "label": "Poland", "value": "PL" }, { "value": "FR" }],
                        "defaultValue": "PL"
                    }
                },
                { "enabled": false, "name": "postalCode", "type": "Text", "required": false }
            ]
        },
        "createdAt": 1795001000200_u64,
        "sieOrder": 5
    })
}

fn field_cases() -> Vec<Case> {
    vec![
        case(
            "ListCustomProfileFields",
            invoke!(|c| c.custom_profile_fields().list_custom_profile_fields()),
            Req::new("GET", "/api/custom-profile-fields"),
            Reply::Json(
                200,
                json!([department("Department", false, 1), seniority(2), address()]),
            ),
        ),
        case(
            "CreateCustomProfileField",
            invoke!(|c| {
                let text = t::CustomProfileFieldBodyText {
                    name: "department".into(),
                    label: Some("Department".into()),
                    description: Some("The lab you work in".into()),
                    required: false,
                    config: Some(t::TextProfileFieldConfig {
                        placeholder: Some("e.g. Physics".into()),
                        min_length: Some(2.0),
                        max_length: Some(60.0),
                    }),
                };
                let body = t::CustomProfileFieldBody::Text(text);
                c.custom_profile_fields().create_custom_profile_field(body)
            }),
            Req::new("POST", "/api/custom-profile-fields").json(json!({
                "type": "Text",
                "name": "department",
                "label": "Department",
                "description": "The lab you work in",
                "required": false,
                "config": { "placeholder": "e.g. Physics", "minLength": 2, "maxLength": 60 }
            })),
            Reply::Json(201, department("Department", false, 1)),
        ),
        case(
            "CreateCustomProfileField",
            invoke!(|c| {
                let body = t::CustomProfileFieldBody::Select(t::CustomProfileFieldBodySelect {
                    name: "building".into(),
                    label: None,
                    description: None,
                    required: true,
                    config: t::SelectProfileFieldConfig {
                        placeholder: None,
                        options: vec![
                            t::ProfileFieldOption {
                                label: Some("Main hall".into()),
                                value: "main".into(),
                            },
                            t::ProfileFieldOption {
                                label: None,
                                value: "annex".into(),
                            },
                        ],
                    },
                });
                c.custom_profile_fields().create_custom_profile_field(body)
            }),
            Req::new("POST", "/api/custom-profile-fields").json(json!({
                "type": "Select",
                "name": "building",
                "required": true,
                "config": {
                    "options": [{ "label": "Main hall", "value": "main" }, { "value": "annex" }]
                }
            })),
            Reply::Json(
                201,
                json!({
                    "tenantId": "default",
                    "id": "cpf1d000000000000006",
                    "name": "building",
                    "type": "Select",
                    "label": "",
                    "description": null,
                    "required": true,
                    "config": {
                        "options": [{ "label": "Main hall", "value": "main" }, { "value": "annex" }]
                    },
                    "createdAt": 1795001000300_u64,
                    "sieOrder": 6
                }),
            ),
        )
        .variant("select"),
        case(
            "GetCustomProfileFieldByName",
            invoke!(|c| c
                .custom_profile_fields()
                .get_custom_profile_field_by_name(HOSTILE)),
            Req::new("GET", FIELD_PATH),
            Reply::Json(200, address()),
        ),
        // The type is repeated in the body; the name comes from the path.
        case(
            "UpdateCustomProfileFieldByName",
            invoke!(|c| {
                let body = t::UpdateCustomProfileFieldByNameBody::Text(
                    t::UpdateCustomProfileFieldByNameBodyText {
                        label: Some("Department or group".into()),
                        description: None,
                        required: true,
                        config: Some(t::TextProfileFieldConfig {
                            max_length: Some(80.0),
                            ..Default::default()
                        }),
                    },
                );
                c.custom_profile_fields()
                    .update_custom_profile_field_by_name(HOSTILE, body)
            }),
            Req::new("PUT", FIELD_PATH).json(json!({
                "type": "Text",
                "label": "Department or group",
                "required": true,
                "config": { "maxLength": 80 }
            })),
            Reply::Json(
                200,
                with_config(
                    department("Department or group", true, 1),
                    json!({ "maxLength": 80 }),
                ),
            ),
        ),
        case(
            "DeleteCustomProfileFieldByName",
            invoke!(|c| c
                .custom_profile_fields()
                .delete_custom_profile_field_by_name(HOSTILE)),
            Req::new("DELETE", FIELD_PATH),
            Reply::Empty(204),
        ),
    ]
}

/// `field` with its `config` replaced.
fn with_config(mut field: Value, config: Value) -> Value {
    field["config"] = config;
    field
}

fn batch_cases() -> Vec<Case> {
    vec![
        case(
            "CreateCustomProfileFieldsBatch",
            invoke!(|c| {
                let body = vec![
                    t::CustomProfileFieldBody::Number(t::CustomProfileFieldBodyNumber {
                        name: "seniority".into(),
                        label: Some("Years of service".into()),
                        description: None,
                        required: false,
                        config: Some(t::NumberProfileFieldConfig {
                            placeholder: None,
                            min_value: Some(0.0),
                            max_value: Some(60.0),
                        }),
                    }),
                    t::CustomProfileFieldBody::Date(t::CustomProfileFieldBodyDate {
                        name: "startDate".into(),
                        label: Some("Start date".into()),
                        description: None,
                        required: true,
                        config: Some(t::DateProfileFieldConfig {
                            placeholder: Some("01.10.2026".into()),
                            format: "custom".into(),
                            custom_format: Some("dd.MM.yyyy".into()),
                        }),
                    }),
                    t::CustomProfileFieldBody::Checkbox(t::CustomProfileFieldBodyCheckbox {
                        name: "safetyTraining".into(),
                        label: Some("I completed the radiation safety training".into()),
                        required: true,
                        config: Some(t::CheckboxProfileFieldConfig {
                            default_value: t::BooleanString::False,
                        }),
                    }),
                ];
                c.custom_profile_fields()
                    .create_custom_profile_fields_batch(body)
            }),
            Req::new("POST", "/api/custom-profile-fields/batch").json(json!([
                {
                    "type": "Number",
                    "name": "seniority",
                    "label": "Years of service",
                    "required": false,
                    "config": { "minValue": 0, "maxValue": 60 }
                },
                {
                    "type": "Date",
                    "name": "startDate",
                    "label": "Start date",
                    "required": true,
                    "config": {
                        "placeholder": "01.10.2026",
                        "format": "custom",
                        "customFormat": "dd.MM.yyyy"
                    }
                },
                {
                    "type": "Checkbox",
                    "name": "safetyTraining",
                    "label": "I completed the radiation safety training",
                    "required": true,
                    "config": { "defaultValue": "false" }
                }
            ])),
            Reply::Json(201, json!([seniority(2), start_date(), safety_training()])),
        ),
        case(
            "UpdateCustomProfileFieldsSieOrder",
            invoke!(|c| {
                let body = t::UpdateCustomProfileFieldsSieOrderBody {
                    order: vec![
                        t::UpdateCustomProfileFieldsSieOrderBodyOrderItem {
                            name: "seniority".into(),
                            sie_order: 1.0,
                        },
                        t::UpdateCustomProfileFieldsSieOrderBodyOrderItem {
                            name: "department".into(),
                            sie_order: 2.0,
                        },
                    ],
                };
                c.custom_profile_fields()
                    .update_custom_profile_fields_sie_order(body)
            }),
            Req::new("POST", "/api/custom-profile-fields/properties/sie-order").json(json!({
                "order": [
                    { "name": "seniority", "sieOrder": 1 },
                    { "name": "department", "sieOrder": 2 }
                ]
            })),
            Reply::Json(
                200,
                json!([seniority(1), department("Department", false, 2)]),
            ),
        ),
    ]
}
