//! What the OpenAPI documents in `spec/` declare, read at test time so the table cannot drift
//! from them unnoticed.

use super::Doc;
use serde_json::Value;

/// One operation as the document declares it.
#[derive(Debug, Clone)]
pub struct SpecOp {
    pub doc: Doc,
    pub op: String,
    pub method: String,
    pub template: String,
    /// `(name, required)` of each `in: path` parameter.
    pub path_params: Vec<(String, bool)>,
    /// `(name, required)` of each `in: query` parameter.
    pub query_params: Vec<(String, bool)>,
    /// Query parameters that are exploded objects (`style: form`, `explode: true`): on the wire
    /// each of their entries is its own key, so their name never appears in the query.
    pub exploded_objects: Vec<String>,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every operation of `doc`, in document order.
pub fn operations(doc: Doc) -> Vec<SpecOp> {
    let path = doc.spec_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let spec: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let paths = spec["paths"].as_object().expect("`paths` is an object");
    let mut ops = Vec::new();
    for (template, item) in paths {
        let shared = params(&spec, &item["parameters"]);
        for method in METHODS {
            let Some(operation) = item.get(*method) else {
                continue;
            };
            let mut all = shared.clone();
            for param in params(&spec, &operation["parameters"]) {
                // An operation-level parameter overrides a path-level one of the same name.
                all.retain(|p| !(p.name == param.name && p.location == param.location));
                all.push(param);
            }
            let pick = |wanted: &str| -> Vec<(String, bool)> {
                all.iter()
                    .filter(|p| p.location == wanted)
                    .map(|p| (p.name.clone(), p.required))
                    .collect()
            };
            ops.push(SpecOp {
                doc,
                op: operation["operationId"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{method} {template} has no operationId"))
                    .to_owned(),
                method: method.to_ascii_uppercase(),
                template: template.clone(),
                path_params: pick("path"),
                query_params: pick("query"),
                exploded_objects: all
                    .iter()
                    .filter(|p| p.location == "query" && p.exploded_object)
                    .map(|p| p.name.clone())
                    .collect(),
            });
        }
    }
    ops
}

/// One declared parameter.
#[derive(Debug, Clone)]
struct Param {
    name: String,
    location: String,
    required: bool,
    exploded_object: bool,
}

/// The parameters of a list, following local `$ref`s.
fn params(spec: &Value, list: &Value) -> Vec<Param> {
    let Some(list) = list.as_array() else {
        return Vec::new();
    };
    list.iter()
        .map(|p| {
            let p = match p.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    let pointer = reference
                        .strip_prefix('#')
                        .unwrap_or_else(|| panic!("non-local $ref {reference}"));
                    spec.pointer(pointer)
                        .unwrap_or_else(|| panic!("dangling $ref {reference}"))
                }
                None => p,
            };
            let form = p["style"].as_str().unwrap_or("form") == "form";
            Param {
                name: p["name"].as_str().expect("parameter name").to_owned(),
                location: p["in"].as_str().expect("parameter location").to_owned(),
                required: p["required"].as_bool().unwrap_or(false),
                // `explode` defaults to true for the form style.
                exploded_object: form
                    && p["explode"].as_bool().unwrap_or(true)
                    && p["schema"]["type"] == "object",
            }
        })
        .collect()
}
