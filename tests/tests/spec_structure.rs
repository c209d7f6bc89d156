//! Structure check for the OpenAPI documents in `spec/`.
//!
//! `spec/` restates the documents a live Logto server serves (kept read-only in
//! `../shared/specs/logto`) with two kinds of change only:
//!
//! * prose: every `summary`, `description` and `title` keyword is written in our own words;
//! * deviations: structural fixes where the server contradicts its own document, each listed in
//!   `spec/deviations.json` (and in the table of `spec/README.md`).
//!
//! `spec/` names the shapes that stand for Logto's resources (`components/schemas/User`, ...)
//! where the served documents repeat them inline, so both sides are compared with every
//! `#/components/schemas/...` reference replaced by what it refers to, and the components only
//! `spec/` has left out: a reference states the same structure as the inline schema it replaces.
//!
//! This test strips prose from both sides, diffs what is left and requires the set of differing
//! JSON pointers to be exactly the set listed in `spec/deviations.json`. It is skipped (passes with
//! a notice) when the served documents are not present next to the repository.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// `(document in spec/, served document in ../shared/specs/logto)`. Add a row per new document.
const PAIRS: &[(&str, &str)] = &[
    ("experience.json", "experience.openapi.json"),
    ("account.json", "user.openapi.json"),
    ("management.json", "management.openapi.json"),
];

/// Keywords holding prose; dropped only where they are keywords, not names in a map.
const PROSE_KEYS: &[&str] = &["summary", "description", "title"];
/// Keywords whose value maps arbitrary names (property names, status codes, media types, ...)
/// to OpenAPI objects. A key *inside* such a map is a name, never a keyword.
const MAP_KEYS: &[&str] = &[
    "properties",
    "schemas",
    "parameters",
    "responses",
    "content",
    "securitySchemes",
    "paths",
    "headers",
    "encoding",
    "scopes",
    "requestBodies",
    "examples",
    "links",
    "callbacks",
    "variables",
    "mapping",
];
/// Keywords whose value is plain data (kept verbatim, never searched for prose).
const DATA_KEYS: &[&str] = &["example", "default", "enum", "value"];

/// One structural difference: the highest JSON pointer that differs and how.
type Diff = (String, &'static str);

/// Returns `value` without prose. `in_map` is true when `value` is a map of names (see `MAP_KEYS`).
fn strip_prose(value: &Value, in_map: bool) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(|v| strip_prose(v, false)).collect()),
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (key, v) in map {
                let stripped = if in_map {
                    strip_prose(v, false)
                } else if PROSE_KEYS.contains(&key.as_str()) && v.is_string() {
                    continue;
                } else if DATA_KEYS.contains(&key.as_str()) || key.starts_with("x-") {
                    v.clone()
                } else {
                    strip_prose(v, MAP_KEYS.contains(&key.as_str()))
                };
                out.insert(key.clone(), stripped);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// `doc` with every reference to a component schema that `served` does not have replaced by
/// its target (keys beside `$ref` are kept on top), and without those components. References
/// to the served document's own components stay references on both sides, so a deviation inside
/// one is reported once, where it is. A reference back into a schema being expanded (a
/// recursive type) stays a reference.
fn resolve_schema_refs(doc: &Value, served: &Value) -> Value {
    let theirs = served
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    let served_has = |name: &str| theirs.is_some_and(|t| t.contains_key(name));
    let mut ours = doc
        .pointer("/components/schemas")
        .cloned()
        .unwrap_or_default();
    if let Value::Object(ours) = &mut ours {
        ours.retain(|name, _| !served_has(name));
    }
    let mut out = expand(doc, &ours, &mut Vec::new());
    if let Some(Value::Object(schemas)) = out.pointer_mut("/components/schemas") {
        schemas.retain(|name, _| served_has(name));
    }
    out
}

fn expand(value: &Value, components: &Value, open: &mut Vec<String>) -> Value {
    match value {
        Value::Object(map) => {
            let target = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .filter(|name| !open.iter().any(|o| o == name))
                .and_then(|name| Some((name.to_owned(), components.get(name)?)));
            if let Some((name, target)) = target {
                open.push(name);
                let mut resolved = expand(target, components, open);
                open.pop();
                if let Value::Object(resolved) = &mut resolved {
                    for (k, v) in map.iter().filter(|(k, _)| *k != "$ref") {
                        resolved.insert(k.clone(), expand(v, components, open));
                    }
                }
                return resolved;
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), expand(v, components, open)))
                    .collect(),
            )
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| expand(v, components, open)).collect())
        }
        other => other.clone(),
    }
}

/// Escapes one reference token for a JSON pointer (RFC 6901).
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Collects the highest differing nodes between `served` and `ours` (both prose-stripped).
fn diff(served: &Value, ours: &Value, pointer: &str, out: &mut Vec<Diff>) {
    match (served, ours) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, va) in a {
                let p = format!("{pointer}/{}", escape(key));
                match b.get(key) {
                    Some(vb) => diff(va, vb, &p, out),
                    None => out.push((p, "removed")),
                }
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push((format!("{pointer}/{}", escape(key)), "added"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                diff(va, vb, &format!("{pointer}/{i}"), out);
            }
            out.extend((b.len()..a.len()).map(|i| (format!("{pointer}/{i}"), "removed")));
            out.extend((a.len()..b.len()).map(|i| (format!("{pointer}/{i}"), "added")));
        }
        _ if served != ours => out.push((pointer.to_owned(), "changed")),
        _ => {}
    }
}

/// Structural differences between a served document and ours, prose ignored.
fn structural_diff(served: &Value, ours: &Value) -> BTreeSet<Diff> {
    let mut out = Vec::new();
    diff(
        &strip_prose(served, false),
        &strip_prose(ours, false),
        "",
        &mut out,
    );
    out.into_iter().collect()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&read(path))
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn field<'a>(entry: &'a Value, name: &str) -> &'a str {
    entry[name]
        .as_str()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| panic!("deviations.json entry lacks a non-empty {name:?}: {entry}"))
}

/// Checks an entry's `evidence` (`file.json#index`) against the recordings, when they are present.
fn check_evidence(entry: &Value, recordings: &Path) {
    let evidence = field(entry, "evidence");
    let (file, index) = evidence
        .split_once('#')
        .unwrap_or_else(|| panic!("evidence {evidence:?} is not `file.json#index`"));
    let index: usize = index
        .parse()
        .unwrap_or_else(|_| panic!("evidence {evidence:?} has no numeric index"));
    if recordings.is_dir() {
        let exchanges = load(&recordings.join(file));
        let len = exchanges.as_array().map_or(0, Vec::len);
        assert!(
            index < len,
            "evidence {evidence:?}: {file} has only {len} exchanges"
        );
    }
}

#[test]
fn spec_matches_served_documents_except_listed_deviations() {
    let root = repo_root();
    let served_dir = root.join("../shared/specs/logto");
    if !served_dir.is_dir() {
        logto_api_tests::notice(
            "../shared/specs/logto not found; skipping the comparison with the served documents",
        );
        return;
    }
    let recordings = root.join("../shared/recordings/logto-1.42");
    let deviations = load(&root.join("spec/deviations.json"));
    let deviations = deviations
        .as_array()
        .expect("spec/deviations.json must be an array");
    let readme = read(&root.join("spec/README.md"));

    let known: BTreeSet<&str> = PAIRS.iter().map(|(ours, _)| *ours).collect();
    let mut failures = Vec::new();
    for entry in deviations {
        let document = field(entry, "document");
        let pointer = field(entry, "pointer");
        field(entry, "what");
        check_evidence(entry, &recordings);
        assert!(
            known.contains(document),
            "deviations.json names unknown document {document:?}"
        );
        assert!(
            ["added", "removed", "changed"].contains(&field(entry, "change")),
            "bad change kind in {entry}"
        );
        if !readme.contains(pointer) {
            failures.push(format!(
                "spec/README.md does not mention {document} {pointer}"
            ));
        }
    }

    for (ours, served) in PAIRS {
        let served = load(&served_dir.join(served));
        let actual = structural_diff(
            &resolve_schema_refs(&served, &served),
            &resolve_schema_refs(&load(&root.join("spec").join(ours)), &served),
        );
        let listed: BTreeSet<(String, &str)> = deviations
            .iter()
            .filter(|e| field(e, "document") == *ours)
            .map(|e| (field(e, "pointer").to_owned(), field(e, "change")))
            .collect();
        for (pointer, change) in actual.difference(&listed) {
            failures.push(format!(
                "{ours}: unlisted difference ({change}) at {pointer}"
            ));
        }
        for (pointer, change) in listed.difference(&actual) {
            failures.push(format!(
                "{ours}: listed deviation ({change}) not found at {pointer}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "spec/ and spec/deviations.json disagree ({} problems):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

#[test]
fn diff_sees_structure_and_ignores_prose() {
    let served = serde_json::json!({
        "info": {"title": "Served title", "version": "1"},
        "paths": {"/a": {"get": {
            "summary": "served words",
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "object",
                "description": "served schema words",
                "properties": {
                    "description": {"type": "string", "description": "a property named description"},
                    "count": {"type": "number"}
                }
            }}}}}
        }}},
        "components": {"schemas": {"title": {"type": "string", "example": {"description": "data"}}}}
    });
    // Only prose changed: no structural difference.
    let mut ours = served.clone();
    ours["info"]["title"] = "Our title".into();
    ours["paths"]["/a"]["get"]["summary"] = "our words".into();
    ours["paths"]["/a"]["get"]["responses"]["200"]["description"] = "fine".into();
    assert!(structural_diff(&served, &ours).is_empty());

    // One changed type, one added response, one removed property named `description`,
    // and data inside `example` that merely looks like prose.
    let schema = "/paths/~1a/get/responses/200/content/application~1json/schema";
    let mut ours = served.clone();
    let props = &mut ours["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["properties"];
    props["count"]["type"] = "integer".into();
    props.as_object_mut().expect("object").remove("description");
    ours["paths"]["/a"]["get"]["responses"]["204"] = serde_json::json!({"description": "empty"});
    ours["components"]["schemas"]["title"]["example"]["description"] = "other data".into();
    let expected: BTreeSet<Diff> = [
        (format!("{schema}/properties/count/type"), "changed"),
        (format!("{schema}/properties/description"), "removed"),
        ("/paths/~1a/get/responses/204".to_owned(), "added"),
        (
            "/components/schemas/title/example/description".to_owned(),
            "changed",
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(structural_diff(&served, &ours), expected);
}

#[test]
fn references_compare_as_the_schemas_they_name() {
    let served = serde_json::json!({
        "paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {"schema":
            {"type": "object", "properties": {"id": {"type": "string"}}}
        }}}}}}},
        "components": {"schemas": {"Tree": {"type": "object", "properties": {
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}
        }}}}
    });
    let mut ours = served.clone();
    ours["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] =
        serde_json::json!({"$ref": "#/components/schemas/Thing", "description": "ours"});
    ours["components"]["schemas"]["Thing"] =
        serde_json::json!({"type": "object", "properties": {"id": {"type": "string"}}});
    let resolved = |doc: &Value| resolve_schema_refs(doc, &served);
    assert!(structural_diff(&resolved(&served), &resolved(&ours)).is_empty());

    // A named shape that differs from what it replaced is a difference at the place of use.
    ours["components"]["schemas"]["Thing"]["properties"]["id"]["type"] = "integer".into();
    let expected: BTreeSet<Diff> = [(
        "/paths/~1a/get/responses/200/content/application~1json/schema/properties/id/type"
            .to_owned(),
        "changed",
    )]
    .into_iter()
    .collect();
    assert_eq!(
        structural_diff(&resolved(&served), &resolved(&ours)),
        expected
    );
}

#[test]
fn pointer_tokens_are_escaped() {
    assert_eq!(escape("/api/x~y"), "~1api~1x~0y");
}
