//! The raw document side: JSON pointers, `$ref` resolution and a flat [`View`] of a schema that
//! folds the spellings Logto uses (literal `format`s, `oneOf` of literals, `allOf`) into one form.

use serde_json::Value;
use std::collections::BTreeSet;

/// Appends `token` to `pointer`, escaped per RFC 6901.
pub fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// Follows `$ref` chains (bounded, so a cycle cannot hang us). Returns the target, its pointer
/// and the last reference followed (its identity, for cycle guards).
pub fn resolve<'a>(
    doc: &'a Value,
    node: &'a Value,
    ptr: &str,
) -> (&'a Value, String, Option<&'a str>) {
    let (mut node, mut ptr, mut via) = (node, ptr.to_owned(), None);
    for _ in 0..32 {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(target) = reference.strip_prefix('#').and_then(|p| doc.pointer(p)) else {
            break;
        };
        via = Some(reference);
        ptr = reference.trim_start_matches('#').to_owned();
        node = target;
    }
    (node, ptr, via)
}

/// What a schema pointer designates, for messages: `property \`name\``, `array items`...
pub fn what(pointer: &str) -> String {
    let tokens: Vec<String> = pointer
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    match tokens.as_slice() {
        [.., "properties", name] => format!("property `{name}`"),
        [.., "components", "schemas", name] => format!("schema `{name}`"),
        [.., "oneOf" | "anyOf", index] => format!("branch #{index}"),
        [.., "items"] => "array items".to_owned(),
        [.., "additionalProperties"] => "map values".to_owned(),
        _ if pointer.contains("/requestBody/") => "the request body".to_owned(),
        _ if pointer.contains("/responses/") => "the response body".to_owned(),
        _ if pointer.contains("/parameters/") => "the parameter".to_owned(),
        _ => "the schema".to_owned(),
    }
}

/// A string field of `node`.
pub fn str_of<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Value::as_str)
}

/// A boolean field of `node` (absent is false).
pub fn flag(node: &Value, key: &str) -> bool {
    node.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Logto writes a zod string literal as a JSON-quoted `format`: `"\"Password\""` -> `Password`.
pub fn literal(format: &str) -> Option<String> {
    logto_api_codegen::lower::literal(format)
}

/// What `additionalProperties` says.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional<'a> {
    /// Not written.
    Absent,
    /// `true` or `false`.
    Bool(bool),
    /// A schema for the extra values, and its pointer.
    Schema(&'a Value, String),
}

impl Additional<'_> {
    /// A short description for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Additional::Absent => "absent",
            Additional::Bool(true) => "`true`",
            Additional::Bool(false) => "`false`",
            Additional::Schema(..) => "a schema",
        }
    }
}

/// A schema, flattened.
#[derive(Debug)]
pub struct View<'a> {
    /// Pointer of the (resolved) schema.
    pub ptr: String,
    /// The `$ref` followed to reach it.
    pub via: Option<&'a str>,
    /// `object`, `array`, `string`, `integer`, `number`, `boolean`, `union` or `any`.
    pub kind: &'static str,
    /// Properties (merged over `allOf` parts) with their pointers.
    pub props: Vec<(&'a str, &'a Value, String)>,
    /// Required property names.
    pub required: BTreeSet<&'a str>,
    /// `nullable: true` (for unions: on the union or any branch).
    pub nullable: bool,
    /// A `format` that is not a Logto literal.
    pub format: Option<&'a str>,
    /// Enum values, literal formats included; `None` when unconstrained.
    pub values: Option<BTreeSet<String>>,
    /// `items` and its pointer.
    pub items: Option<(&'a Value, String)>,
    /// `additionalProperties`.
    pub additional: Additional<'a>,
    /// `oneOf`/`anyOf` branches and their pointers (kind `union` only).
    pub branches: Vec<(&'a Value, String)>,
}

impl<'a> View<'a> {
    /// Flattens the schema `node` found at `ptr` in `doc`.
    pub fn of(doc: &'a Value, node: &'a Value, ptr: &str) -> View<'a> {
        let (node, ptr, via) = resolve(doc, node, ptr);
        let mut view = View {
            ptr,
            via,
            kind: "any",
            props: Vec::new(),
            required: BTreeSet::new(),
            nullable: flag(node, "nullable"),
            format: None,
            values: None,
            items: None,
            additional: Additional::Absent,
            branches: Vec::new(),
        };
        let union = ["oneOf", "anyOf"].into_iter().find_map(|k| {
            let list = node.get(k)?.as_array().filter(|l| !l.is_empty())?;
            Some((k, list))
        });
        if let Some((key, list)) = union {
            view.union(doc, key, list);
        } else if let Some(parts) = node.get("allOf").and_then(Value::as_array) {
            view.kind = "object";
            for (i, part) in parts.iter().enumerate() {
                let part_ptr = child(&child(&view.ptr, "allOf"), &i.to_string());
                let (part, part_ptr, _) = resolve(doc, part, &part_ptr);
                view.object(part, &part_ptr);
            }
        } else {
            view.plain(node);
        }
        view
    }

    /// A schema that is neither a union nor an `allOf`.
    fn plain(&mut self, node: &'a Value) {
        let typ = str_of(node, "type");
        let has_props = node
            .get("properties")
            .is_some_and(|p| p.as_object().is_some_and(|m| !m.is_empty()));
        // As in the generator: properties win over a conflicting `type`.
        self.kind = if has_props || node.get("additionalProperties").is_some() {
            "object"
        } else {
            match typ {
                Some("object") => "object",
                Some("array") => "array",
                Some("string") => "string",
                Some("integer") => "integer",
                Some("number") => "number",
                Some("boolean") => "boolean",
                _ => "any",
            }
        };
        let ptr = self.ptr.clone();
        match self.kind {
            "object" => self.object(node, &ptr),
            "array" => self.items = node.get("items").map(|i| (i, child(&ptr, "items"))),
            _ => {}
        }
        if let Some(list) = node.get("enum").and_then(Value::as_array) {
            let values = list.iter().map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            self.values = Some(values.collect());
        }
        if let Some(f) = str_of(node, "format") {
            match literal(f) {
                Some(value) => {
                    self.values.get_or_insert_with(BTreeSet::new).insert(value);
                }
                None => self.format = Some(f),
            }
        }
    }

    /// Adds the properties of an object schema (or one `allOf` part).
    fn object(&mut self, node: &'a Value, ptr: &str) {
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            let props_ptr = child(ptr, "properties");
            for (name, schema) in props {
                if self.props.iter().all(|(n, ..)| n != name) {
                    self.props
                        .push((name.as_str(), schema, child(&props_ptr, name)));
                }
            }
        }
        if let Some(required) = node.get("required").and_then(Value::as_array) {
            self.required
                .extend(required.iter().filter_map(Value::as_str));
        }
        match node.get("additionalProperties") {
            Some(Value::Bool(b)) => self.additional = Additional::Bool(*b),
            Some(schema @ Value::Object(_)) => {
                self.additional = Additional::Schema(schema, child(ptr, "additionalProperties"))
            }
            _ => {}
        }
    }

    /// `oneOf`/`anyOf`: one branch is that branch; only string literals make an enum (as the
    /// generator's `Plan::StringEnum`); anything else stays a union.
    fn union(&mut self, doc: &'a Value, key: &str, list: &'a [Value]) {
        let branches: Vec<(&'a Value, String)> = list
            .iter()
            .enumerate()
            .map(|(i, b)| (b, child(&child(&self.ptr, key), &i.to_string())))
            .collect();
        if let [(only, only_ptr)] = branches.as_slice() {
            let inner = View::of(doc, only, only_ptr);
            let nullable = self.nullable || inner.nullable;
            *self = View { nullable, ..inner };
            return;
        }
        let views: Vec<View<'a>> = branches.iter().map(|(b, p)| View::of(doc, b, p)).collect();
        self.nullable |= views.iter().any(|v| v.nullable);
        if views.iter().all(|v| v.kind == "string") {
            self.kind = "string";
            let mut all = BTreeSet::new();
            for v in &views {
                match &v.values {
                    Some(values) if !values.is_empty() => all.extend(values.iter().cloned()),
                    // A plain string branch: the generator makes the union a `String`.
                    _ => return,
                }
            }
            self.values = Some(all);
            return;
        }
        self.kind = "union";
        self.branches = branches;
    }

    /// A description of the type for messages: `string`, `string enum`, `object`...
    pub fn describe(&self) -> String {
        match (&self.values, self.kind) {
            (Some(_), "string") => "string enum".to_owned(),
            _ => self.kind.to_owned(),
        }
    }
}

/// The literal a branch pins for `property`, if it pins exactly one string.
pub fn pinned<'a>(doc: &'a Value, branch: &'a Value, property: &str) -> Option<String> {
    let (branch, ..) = resolve(doc, branch, "");
    let prop = branch.get("properties")?.get(property)?;
    let view = View::of(doc, prop, "");
    match view.values {
        Some(values) if values.len() == 1 && view.kind == "string" => values.into_iter().next(),
        _ => None,
    }
}

/// A key that identifies a `oneOf` branch across two documents (and names it in messages): its
/// `$ref` target, else the literal it pins (preferring `type`), else its kind and position among
/// the branches of that kind.
pub fn branch_key(doc: &Value, branch: &Value, kind_index: usize) -> String {
    if let Some(reference) = str_of(branch, "$ref") {
        return format!("`{reference}`");
    }
    let (resolved, ..) = resolve(doc, branch, "");
    if let Some(props) = resolved.get("properties").and_then(Value::as_object) {
        let mut names: Vec<&String> = props.keys().collect();
        names.sort_by_key(|k| k.as_str() != "type");
        for name in names {
            if let Some(value) = pinned(doc, resolved, name) {
                return format!("`{name}: {value:?}`");
            }
        }
    }
    format!(
        "`{}` #{}",
        View::of(doc, branch, "").describe(),
        kind_index + 1
    )
}

/// The properties of a branch, for messages: `` (with `email`, `phone`)``.
pub fn branch_detail(doc: &Value, branch: &Value) -> String {
    let view = View::of(doc, branch, "");
    if view.props.is_empty() {
        return String::new();
    }
    let names: Vec<String> = view.props.iter().map(|(n, ..)| format!("`{n}`")).collect();
    format!(" (with {})", names.join(", "))
}
