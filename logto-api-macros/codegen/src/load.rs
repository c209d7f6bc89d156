//! Stage 1: bytes -> `openapiv3::OpenAPI`, with precise locations for every failure.

use crate::diag::{escape_token, Diagnostic, Diagnostics};
use openapiv3::OpenAPI;
use std::path::Path;

/// A parsed OpenAPI 3.0 document and the name used in diagnostics.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name shown in diagnostics.
    pub file: String,
    /// The parsed document.
    pub api: OpenAPI,
    /// The document as JSON, for the few things `openapiv3` does not keep (such as whether an
    /// `encoding`'s `explode` was written at all).
    pub raw: serde_json::Value,
}

/// Reads and parses `path`; `display` is the name diagnostics use for it.
pub fn load_file(path: &Path, display: &str) -> Result<Document, Diagnostics> {
    match std::fs::read_to_string(path) {
        Ok(text) => load_str(display, &text),
        Err(e) => Err(problem(
            display,
            "",
            None,
            format!("cannot read {}: {e}", path.display()),
        )),
    }
}

/// Parses `text` as an OpenAPI 3.0.x document named `file`.
pub fn load_str(file: &str, text: &str) -> Result<Document, Diagnostics> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let message = format!("invalid JSON: {}", strip_location(&e.to_string()));
        problem(file, "", Some((e.line(), e.column())), message)
    })?;
    check_version(file, &value)?;
    check_styles(file, &value)?;
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, OpenAPI>(&mut de) {
        Ok(api) => Ok(Document {
            file: file.to_owned(),
            api,
            raw: value,
        }),
        Err(e) => {
            let outer = pointer_of(e.path());
            let pointer = narrow(&value, &outer).unwrap_or(outer);
            let inner = e.into_inner();
            let location = Some((inner.line(), inner.column()));
            let message = format!(
                "not a valid OpenAPI 3.0 document: {}",
                strip_location(&inner.to_string())
            );
            Err(problem(file, &pointer, location, message))
        }
    }
}

/// Finds the failing operation of a path item and, inside it, the failing response.
fn narrow_operation(item: &serde_json::Value, base: &str) -> Option<String> {
    use openapiv3::{Operation, ReferenceOr, Response};
    item.as_object()?.iter().find_map(|(method, op)| {
        let err = serde_path_to_error::deserialize::<_, Operation>(op.clone()).err()?;
        let inner = pointer_of(err.path());
        let op_base = format!("{base}/{}", escape_token(method));
        if inner == "/responses" {
            let responses = op.get("responses")?.as_object()?;
            let precise = responses.iter().find_map(|(status, r)| {
                let e = serde_path_to_error::deserialize::<_, ReferenceOr<Response>>(r.clone())
                    .err()?;
                Some(format!(
                    "{op_base}/responses/{}{}",
                    escape_token(status),
                    pointer_of(e.path())
                ))
            });
            return precise.or(Some(format!("{op_base}{inner}")));
        }
        Some(format!("{op_base}{inner}"))
    })
}

/// openapiv3 flattens `paths` and `components` maps, which hides the failing entry from
/// serde_path_to_error; re-parsing each entry on its own finds the precise pointer.
fn narrow(doc: &serde_json::Value, outer: &str) -> Option<String> {
    use openapiv3::{Parameter, PathItem, ReferenceOr, Schema};
    fn first_bad<T: serde::de::DeserializeOwned>(
        base: &str,
        map: &serde_json::Value,
    ) -> Option<String> {
        map.as_object()?.iter().find_map(|(key, entry)| {
            let err = serde_path_to_error::deserialize::<_, T>(entry.clone()).err()?;
            Some(format!(
                "{base}/{}{}",
                escape_token(key),
                pointer_of(err.path())
            ))
        })
    }
    match outer {
        "/paths" => {
            let found = first_bad::<ReferenceOr<PathItem>>("/paths", doc.get("paths")?)?;
            let (path_key, _) = found
                .trim_start_matches("/paths/")
                .split_once('/')
                .unwrap_or((found.trim_start_matches("/paths/"), ""));
            let raw_key = path_key.replace("~1", "/").replace("~0", "~");
            let item = doc.get("paths")?.get(&raw_key)?;
            Some(narrow_operation(item, &format!("/paths/{path_key}")).unwrap_or(found))
        }
        "/components" => {
            let components = doc.get("components")?;
            components
                .get("schemas")
                .and_then(|m| first_bad::<ReferenceOr<Schema>>("/components/schemas", m))
                .or_else(|| {
                    let params = components.get("parameters")?;
                    first_bad::<ReferenceOr<Parameter>>("/components/parameters", params)
                })
        }
        _ => None,
    }
}

/// Refuses parameter styles that do not exist for the parameter's location (such as `deepObject`
/// on a path parameter), all at once and each at its `style`, before `openapiv3` would stop at
/// the first with a bare "unknown variant".
fn check_styles(file: &str, doc: &serde_json::Value) -> Result<(), Diagnostics> {
    let mut lists: Vec<(String, &serde_json::Value)> = Vec::new();
    for (path, item) in doc
        .get("paths")
        .and_then(|p| p.as_object())
        .into_iter()
        .flatten()
    {
        let base = format!("/paths/{}", escape_token(path));
        for (key, value) in item.as_object().into_iter().flatten() {
            if key == "parameters" {
                lists.push((format!("{base}/parameters"), value));
            } else if let Some(params) = value.get("parameters") {
                lists.push((format!("{base}/{}/parameters", escape_token(key)), params));
            }
        }
    }
    let mut params: Vec<(String, &serde_json::Value)> = Vec::new();
    for (base, list) in lists {
        for (i, p) in list.as_array().into_iter().flatten().enumerate() {
            params.push((format!("{base}/{i}"), p));
        }
    }
    let components = doc
        .pointer("/components/parameters")
        .and_then(|p| p.as_object());
    for (key, p) in components.into_iter().flatten() {
        params.push((format!("/components/parameters/{}", escape_token(key)), p));
    }
    let mut diags = Diagnostics::default();
    for (pointer, p) in params {
        let (Some(place), Some(style)) = (
            p.get("in").and_then(|v| v.as_str()),
            p.get("style").and_then(|v| v.as_str()),
        ) else {
            continue;
        };
        let allowed: &[&str] = match place {
            "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
            "path" => &["simple", "label", "matrix"],
            "header" => &["simple"],
            "cookie" => &["form"],
            _ => continue,
        };
        if !allowed.contains(&style) {
            let allowed: Vec<String> = allowed.iter().map(|s| format!("`{s}`")).collect();
            diags.push(
                file,
                &format!("{pointer}/style"),
                format!(
                    "`style: {style}` is not defined for {place} parameters (OpenAPI 3.0 allows {})",
                    allowed.join(", ")
                ),
            );
        }
    }
    diags.into_result(())
}

/// Refuses Swagger 2.0 and OpenAPI 3.1+ up front: their shapes differ enough that parsing them as
/// 3.0 would produce misleading errors far from the real cause.
fn check_version(file: &str, value: &serde_json::Value) -> Result<(), Diagnostics> {
    if value.get("swagger").is_some() {
        let message = "Swagger 2.0 documents are not supported; convert it to OpenAPI 3.0 first";
        return Err(problem(file, "/swagger", None, message));
    }
    match value.get("openapi").and_then(|v| v.as_str()) {
        Some(v) if v.starts_with("3.0") => Ok(()),
        Some(v) => Err(problem(
            file,
            "/openapi",
            None,
            format!("OpenAPI {v} is not supported; only OpenAPI 3.0.x documents are"),
        )),
        None => Err(problem(
            file,
            "/openapi",
            None,
            "missing the `openapi` version field; is this an OpenAPI 3.0 document?",
        )),
    }
}

fn problem(
    file: &str,
    pointer: &str,
    location: Option<(usize, usize)>,
    message: impl Into<String>,
) -> Diagnostics {
    Diagnostic {
        file: file.to_owned(),
        pointer: pointer.to_owned(),
        location,
        message: message.into(),
    }
    .into()
}

/// serde_json appends " at line L column C"; we report the location separately.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", escape_token(key))),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = load_str("a.json", "{\n  \"openapi\": \"3.0.1\",\n  oops\n}").unwrap_err();
        assert_eq!(err.0[0].location, Some((3, 3)));
        assert!(
            err.to_string()
                .starts_with("a.json:3:3: at /: invalid JSON"),
            "{err}"
        );
    }

    #[test]
    fn other_versions_are_refused() {
        let swagger = load_str("s.json", r#"{"swagger":"2.0"}"#).unwrap_err();
        assert!(swagger.to_string().contains("Swagger 2.0"));
        let v31 = load_str("t.json", r#"{"openapi":"3.1.0"}"#).unwrap_err();
        assert!(v31.to_string().contains("OpenAPI 3.1.0 is not supported"));
    }

    #[test]
    fn structural_errors_name_the_pointer() {
        let text = r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":5}}}}}}"#;
        let err = load_str("x.json", text).unwrap_err();
        assert_eq!(err.0[0].pointer, "/paths/~1a/get/responses/200");
        assert!(err.0[0].message.contains("expected a string"), "{err}");
        assert!(err.0[0].location.is_some());
    }
}
