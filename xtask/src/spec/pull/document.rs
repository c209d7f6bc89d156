//! Checking a pulled document and writing it in the normal form (see the parent module).

use serde_json::Value;

/// A document that parsed as JSON, declares OpenAPI 3.0 and loads with the generator.
#[derive(Debug)]
pub struct Pulled {
    /// The document as served, in served key order.
    pub value: Value,
    version: String,
    paths: usize,
    operations: usize,
}

impl Pulled {
    /// `OpenAPI 3.0.1, 12 paths, 40 operations`, to confirm what was read.
    pub fn describe(&self) -> String {
        format!(
            "OpenAPI {}, {} paths, {} operations",
            self.version, self.paths, self.operations
        )
    }
}

/// Checks `text` (named `display` in messages) in the order that gives the most useful message
/// first: JSON syntax, then the version, then the generator's own loader.
pub fn check(display: &str, text: &str) -> Result<Pulled, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "{display}:{}:{}: invalid JSON: {}",
            e.line(),
            e.column(),
            without_location(&e.to_string())
        )
    })?;
    let version = check_version(display, &value)?;
    // The loader repeats the JSON and version checks; what it adds is the full OpenAPI 3.0 shape,
    // reported with JSON pointers, so a document that passes here will also reach the generator.
    let doc = logto_api_codegen::load::load_str(display, text)
        .map_err(|d| format!("{display} is not a valid OpenAPI 3.0 document:\n{d}"))?;
    Ok(Pulled {
        version,
        paths: doc.api.paths.paths.len(),
        operations: doc.api.operations().count(),
        value,
    })
}

/// Accepts `openapi: 3.0.x` only, naming what was found otherwise.
fn check_version(display: &str, value: &Value) -> Result<String, String> {
    let Some(object) = value.as_object() else {
        return Err(format!(
            "{display}: the document is a JSON {}, not an object; not an OpenAPI document",
            kind(value)
        ));
    };
    if let Some(swagger) = object.get("swagger") {
        return Err(format!(
            "{display}: this is a Swagger {} document; only OpenAPI 3.0.x is supported, convert it to OpenAPI 3.0 first",
            swagger.as_str().unwrap_or("2.0")
        ));
    }
    match object.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0") => Ok(v.clone()),
        Some(Value::String(v)) if v.starts_with("3.1") => Err(format!(
            "{display}: this is an OpenAPI {v} document; only OpenAPI 3.0.x is supported (3.1 changed the schema dialect)"
        )),
        Some(Value::String(v)) => Err(format!(
            "{display}: `openapi` is {v:?}; only OpenAPI 3.0.x documents are supported"
        )),
        Some(other) => Err(format!(
            "{display}: `openapi` is a JSON {}, expected a version string such as \"3.0.1\"",
            kind(other)
        )),
        None => Err(format!(
            "{display}: no `openapi` version field; is this an OpenAPI 3.0 document?"
        )),
    }
}

/// The normal form: keys sorted when `sort`, 2-space indent, trailing newline.
pub fn render(mut value: Value, sort: bool) -> Result<String, String> {
    if sort {
        value.sort_all_objects();
    }
    let mut text = serde_json::to_string_pretty(&value)
        .map_err(|e| format!("cannot serialise the document: {e}"))?;
    text.push('\n');
    Ok(text)
}

/// serde_json appends ` at line L column C`; the location is already in front of the message.
fn without_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_sorts_recursively_and_keeps_array_order() {
        let value: Value = serde_json::from_str(r#"{"b":{"z":1,"a":[3,1]},"a":true}"#).unwrap();
        let text = render(value, true).unwrap();
        assert_eq!(
            text,
            "{\n  \"a\": true,\n  \"b\": {\n    \"a\": [\n      3,\n      1\n    ],\n    \"z\": 1\n  }\n}\n"
        );
    }

    #[test]
    fn render_can_keep_served_order() {
        let value: Value = serde_json::from_str(r#"{"b":1,"a":2}"#).unwrap();
        assert_eq!(
            render(value, false).unwrap(),
            "{\n  \"b\": 1,\n  \"a\": 2\n}\n"
        );
    }

    #[test]
    fn refuses_other_versions_and_shapes() {
        for (text, expected) in [
            (r#"{"openapi":"3.1.0"}"#, "OpenAPI 3.1.0"),
            (r#"{"swagger":"2.0"}"#, "Swagger 2.0"),
            (r#"{"openapi":3}"#, "JSON number"),
            (r#"{"info":{}}"#, "no `openapi`"),
            ("[]", "JSON array"),
            ("{\n  \"openapi\": \"3.0.0\",\n}", "x:3:1: invalid JSON"),
        ] {
            let message = check("x", text).unwrap_err();
            assert!(message.contains(expected), "{message}");
        }
    }
}
