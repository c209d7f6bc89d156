//! The operation-level walk: match operations across the documents, then compare ids, groups,
//! deprecation, security and (through `exchange.rs` and `schema.rs`) everything they send and
//! receive.

use super::ir::{output_shape, Ir, Slot};
use super::json::{child, resolve, str_of};
use super::model::{Change, Direction, Impact};
use super::rules::{self, Rule};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Both documents, their IR when they lower, and the changes found so far.
#[derive(Debug)]
pub struct Differ<'a> {
    /// OLD document.
    pub old: &'a Value,
    /// NEW document.
    pub new: &'a Value,
    /// OLD lowered by the generator.
    pub old_ir: Option<Ir<'a>>,
    /// NEW lowered by the generator.
    pub new_ir: Option<Ir<'a>>,
    /// Changes found so far.
    pub changes: Vec<Change>,
}

/// The operation being compared: identifies its changes and holds per-operation state.
#[derive(Debug)]
pub struct Scope<'a> {
    operation: String,
    method: String,
    path: String,
    /// Renames already reported here, so a type used twice in one operation is reported once.
    renamed: BTreeSet<(&'a str, &'a str)>,
    /// `$ref` pairs being walked, to stop at recursive schemas.
    pub stack: Vec<(Option<&'a str>, Option<&'a str>)>,
    /// The generated output type changed (status and media type changes then carry `compile`).
    pub output_changed: bool,
    /// A status or media type change already carries the output change.
    pub output_explained: bool,
    /// The IR operations, when both documents lower.
    pub ir_ops: Option<(
        &'a logto_api_codegen::ir::Operation,
        &'a logto_api_codegen::ir::Operation,
    )>,
}

/// An operation in one document.
#[derive(Debug, Clone)]
pub struct OpRef<'a> {
    /// Path template as written.
    pub path: &'a str,
    /// Lower-case method key.
    pub method: &'static str,
    /// The operation object.
    pub node: &'a Value,
    /// The path item holding it (for path-level parameters).
    pub item: &'a Value,
    /// Pointer of the operation.
    pub ptr: String,
    /// Pointer of the path item.
    pub item_ptr: String,
}

impl OpRef<'_> {
    /// `operationId`, or the name the generator makes up without one.
    pub fn id(&self) -> String {
        match str_of(self.node, "operationId") {
            Some(id) => id.to_owned(),
            None => logto_api_codegen::naming::pascal(&format!("{} {}", self.method, self.path)),
        }
    }
}

/// Path templates with parameter names erased: `/users/{id}` and `/users/{userId}` match.
pub fn normalized(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if inside => {}
            _ => out.push(c),
        }
    }
    out
}

/// `{name}`s of a path template, in order.
pub fn template_names(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n))
        .collect()
}

/// Every operation of `doc`, keyed by normalized path and method.
fn operations(doc: &Value) -> BTreeMap<(String, &'static str), OpRef<'_>> {
    let mut out = BTreeMap::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let (item, item_ptr, _) = resolve(doc, item, &child("/paths", path));
        for method in METHODS {
            let Some(node) = item.get(*method).filter(|n| n.is_object()) else {
                continue;
            };
            let op = OpRef {
                path,
                method,
                node,
                item,
                ptr: child(&item_ptr, method),
                item_ptr: item_ptr.clone(),
            };
            out.insert((normalized(path), *method), op);
        }
    }
    out
}

impl<'a> Differ<'a> {
    /// Compares every operation of both documents.
    pub fn run(&mut self) {
        let old_ops = operations(self.old);
        let new_ops = operations(self.new);
        for (key, old) in &old_ops {
            match new_ops.get(key) {
                Some(new) => self.operation(old, new),
                None => {
                    let mut s = Scope::new(old, None);
                    let msg = format!("operation `{}` was removed", old.id());
                    self.emit_rule(&mut s, "operation-removed", old.ptr.clone(), msg);
                }
            }
        }
        for (key, new) in &new_ops {
            if !old_ops.contains_key(key) {
                let mut s = Scope::new(new, None);
                let msg = format!("operation `{}` was added", new.id());
                self.emit_rule(&mut s, "operation-added", new.ptr.clone(), msg);
            }
        }
    }

    /// Records a change. `impact` refines the rule's default; `direction` is only read for
    /// rules whose direction depends on the location (`type-renamed`).
    pub fn emit(
        &mut self,
        s: &mut Scope<'a>,
        rule: &'static Rule,
        dir: Direction,
        impact: Impact,
        pointer: String,
        message: String,
    ) {
        self.changes.push(Change {
            rule: rule.id,
            level: rule.level,
            direction: rule.direction.unwrap_or(dir),
            impact,
            operation: s.operation.clone(),
            method: s.method.clone(),
            path: s.path.clone(),
            pointer,
            message,
        });
    }

    /// Records a change of `id` with the rule's default impact.
    pub fn emit_rule(&mut self, s: &mut Scope<'a>, id: &str, pointer: String, message: String) {
        let rule = rules::find(id);
        self.emit(s, rule, Direction::None, rule.impact, pointer, message);
    }

    fn operation(&mut self, old: &OpRef<'a>, new: &OpRef<'a>) {
        let ir_ops = match (&self.old_ir, &self.new_ir) {
            (Some(o), Some(n)) => o
                .op(old.method, old.path)
                .zip(n.op(new.method, new.path))
                .map(|((o_op, o_group), (n_op, n_group))| ((o_op, n_op), (o_group, n_group))),
            _ => None,
        };
        let mut s = Scope::new(new, ir_ops.map(|(ops, _)| ops));
        self.identity(&mut s, old, new, ir_ops.map(|(_, groups)| groups));
        if let (Some((o_op, n_op)), Some(o_ir), Some(n_ir)) = (s.ir_ops, &self.old_ir, &self.new_ir)
        {
            s.output_changed = output_shape(o_ir, o_op) != output_shape(n_ir, n_op);
        }
        self.security(&mut s, old, new);
        self.parameters(&mut s, old, new);
        self.request_body(&mut s, old, new);
        self.responses(&mut s, old, new);
        if s.output_changed && !s.output_explained {
            if let (Some((o_op, n_op)), Some(o_ir), Some(n_ir)) =
                (s.ir_ops, &self.old_ir, &self.new_ir)
            {
                let msg = format!(
                    "the generated `send()` output changed from `{}` to `{}`",
                    output_shape(o_ir, o_op),
                    output_shape(n_ir, n_op)
                );
                self.emit_rule(
                    &mut s,
                    "response-output-changed",
                    child(&new.ptr, "responses"),
                    msg,
                );
            }
        }
    }

    /// operationId, group (first tag), deprecation and path parameter names.
    fn identity(
        &mut self,
        s: &mut Scope<'a>,
        old: &OpRef<'a>,
        new: &OpRef<'a>,
        groups: Option<(&str, &str)>,
    ) {
        let (old_id, new_id) = (old.id(), new.id());
        if old_id != new_id {
            let impact = match s.ir_ops {
                Some((o, n)) if o.method_name == n.method_name => Impact::None,
                _ => Impact::Compile,
            };
            let rule = rules::find("operation-id-changed");
            let msg = format!(
                "operationId `{old_id}` is now `{new_id}` (generated method `{}`)",
                logto_api_codegen::naming::snake(&new_id)
            );
            self.emit(
                s,
                rule,
                Direction::None,
                impact,
                child(&new.ptr, "operationId"),
                msg,
            );
        }
        let first_tag = |op: &OpRef<'_>| {
            let tag = op
                .node
                .get("tags")
                .and_then(|t| t.get(0))
                .and_then(Value::as_str);
            tag.unwrap_or("Default").to_owned()
        };
        let (old_group, new_group) = match groups {
            Some((o, n)) => (o.to_owned(), n.to_owned()),
            None => (first_tag(old), first_tag(new)),
        };
        if old_group != new_group {
            let msg = format!("the operation moved from group `{old_group}()` to `{new_group}()` (its first tag changed)");
            self.emit_rule(s, "operation-group-changed", child(&new.ptr, "tags"), msg);
        }
        match (
            super::json::flag(old.node, "deprecated"),
            super::json::flag(new.node, "deprecated"),
        ) {
            (false, true) => {
                let msg = "the operation is now deprecated".to_owned();
                self.emit_rule(
                    s,
                    "operation-deprecated",
                    child(&new.ptr, "deprecated"),
                    msg,
                );
            }
            (true, false) => {
                let msg = "the operation is no longer deprecated".to_owned();
                self.emit_rule(s, "operation-undeprecated", new.ptr.clone(), msg);
            }
            _ => {}
        }
        let (old_names, new_names) = (template_names(old.path), template_names(new.path));
        for (o, n) in old_names.iter().zip(&new_names) {
            if o != n {
                // Path arguments are positional in the generated method, so only the name moved.
                let msg =
                    format!("path parameter `{{{o}}}` was renamed to `{{{n}}}` (same position)");
                self.emit_rule(s, "path-parameter-renamed", new.ptr.clone(), msg);
            }
        }
    }

    /// The effective security requirement: the operation's own, else the document's.
    fn security(&mut self, s: &mut Scope<'a>, old: &OpRef<'a>, new: &OpRef<'a>) {
        let effective = |doc: &Value, op: &OpRef<'_>| -> BTreeSet<String> {
            let list = op.node.get("security").or_else(|| doc.get("security"));
            let alternatives = list
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            alternatives.iter().map(requirement).collect()
        };
        let (o, n) = (effective(self.old, old), effective(self.new, new));
        if o == n {
            return;
        }
        // No requirement, or an empty one among the alternatives, lets anonymous calls through.
        let anonymous = |set: &BTreeSet<String>| set.is_empty() || set.contains("anonymous");
        let id = match (anonymous(&o), anonymous(&n)) {
            (true, false) => "security-added",
            (false, true) => "security-removed",
            _ => "security-changed",
        };
        let show = |set: &BTreeSet<String>| match set.is_empty() {
            true => "none".to_owned(),
            false => set.iter().cloned().collect::<Vec<_>>().join(" | "),
        };
        let msg = format!("security requirement `{}` is now `{}`", show(&o), show(&n));
        self.emit_rule(s, id, child(&new.ptr, "security"), msg);
    }

    /// Reports `type-renamed` when the generated type at a location got another name.
    pub fn renamed(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        pointer: &str,
        old: Slot<'a>,
        new: Slot<'a>,
    ) {
        let (Some(o_ir), Some(n_ir)) = (&self.old_ir, &self.new_ir) else {
            return;
        };
        let (Some(o_name), Some(n_name)) = (o_ir.name(old), n_ir.name(new)) else {
            return;
        };
        if o_name == n_name
            || o_ir.shape(Slot::Type(old.ty().unwrap_or(&ANY)))
                != n_ir.shape(Slot::Type(new.ty().unwrap_or(&ANY)))
        {
            return;
        }
        if s.renamed.insert((o_name, n_name)) {
            let msg = format!("generated type `types::{o_name}` is now `types::{n_name}`");
            let rule = rules::find("type-renamed");
            self.emit(s, rule, dir, Impact::Compile, pointer.to_owned(), msg);
        }
    }
}

static ANY: logto_api_codegen::ir::TypeRef = logto_api_codegen::ir::TypeRef::Any;

/// One security requirement object as `scheme[scope, ...] + ...`, or `anonymous` when empty.
fn requirement(alternative: &Value) -> String {
    let Some(map) = alternative.as_object().filter(|m| !m.is_empty()) else {
        return "anonymous".to_owned();
    };
    let mut parts: Vec<String> = map
        .iter()
        .map(|(scheme, scopes)| {
            let mut scopes: Vec<&str> = scopes
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            scopes.sort_unstable();
            format!("{scheme}[{}]", scopes.join(", "))
        })
        .collect();
    parts.sort();
    parts.join(" + ")
}

impl<'a> Scope<'a> {
    fn new(
        op: &OpRef<'_>,
        ir_ops: Option<(
            &'a logto_api_codegen::ir::Operation,
            &'a logto_api_codegen::ir::Operation,
        )>,
    ) -> Self {
        Scope {
            operation: op.id(),
            method: op.method.to_ascii_uppercase(),
            path: op.path.to_owned(),
            renamed: BTreeSet::new(),
            stack: Vec::new(),
            output_changed: false,
            output_explained: false,
            ir_ops,
        }
    }
}
