//! What an operation sends and receives: parameters, request bodies, statuses and media types.
//! Schemas found here are handed to `schema.rs`.

use super::ir::{self, Slot};
use super::json::{child, flag, resolve, str_of};
use super::model::{Direction, Impact};
use super::rules;
use super::schema::{Loc, Pair};
use super::walk::{template_names, Differ, OpRef, Scope};
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// An empty JSON object, for a missing `responses` or `content`.
static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

/// A parameter after `$ref` resolution and path-level/operation-level merging.
#[derive(Debug, Clone)]
struct Param<'a> {
    /// `(in, name)`, or `("path", "#index")` so renamed path parameters still match.
    key: (String, String),
    name: &'a str,
    location: &'a str,
    node: &'a Value,
    /// Where the operation lists it.
    site: String,
    /// Where its definition is (the component for a `$ref`).
    ptr: String,
}

fn parameters<'a>(doc: &'a Value, op: &OpRef<'a>) -> Vec<Param<'a>> {
    let mut out: Vec<Param<'a>> = Vec::new();
    let names = template_names(op.path);
    let lists = [(op.item, &op.item_ptr), (op.node, &op.ptr)];
    for (holder, holder_ptr) in lists {
        let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
            continue;
        };
        for (i, p) in list.iter().enumerate() {
            let site = child(&child(holder_ptr, "parameters"), &i.to_string());
            let (node, ptr, _) = resolve(doc, p, &site);
            let (Some(name), Some(location)) = (str_of(node, "name"), str_of(node, "in")) else {
                continue;
            };
            let key = match names.iter().position(|n| *n == name) {
                Some(index) if location == "path" => ("path".to_owned(), format!("#{index}")),
                _ => (location.to_owned(), name.to_owned()),
            };
            // An operation-level parameter overrides a path-level one with the same key.
            out.retain(|o| o.key != key);
            out.push(Param {
                key,
                name,
                location,
                node,
                site,
                ptr,
            });
        }
    }
    out
}

/// `style`, defaulted per location as OpenAPI says.
fn style(p: &Param<'_>) -> String {
    let default = match p.location {
        "query" | "cookie" => "form",
        _ => "simple",
    };
    str_of(p.node, "style").unwrap_or(default).to_owned()
}

/// `explode`, defaulting to true for `form` style only.
fn explode(p: &Param<'_>) -> bool {
    p.node
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style(p) == "form")
}

fn required(p: &Param<'_>) -> bool {
    p.location == "path" || flag(p.node, "required")
}

impl<'a> Differ<'a> {
    /// Parameters added, removed, or changed in requiredness, style, deprecation or schema.
    pub fn parameters(&mut self, s: &mut Scope<'a>, old: &OpRef<'a>, new: &OpRef<'a>) {
        let (olds, news) = (parameters(self.old, old), parameters(self.new, new));
        for o in &olds {
            if !news.iter().any(|n| n.key == o.key) {
                let msg = format!("{} parameter `{}` was removed", o.location, o.name);
                self.emit_rule(s, "parameter-removed", o.site.clone(), msg);
            }
        }
        for n in &news {
            match olds.iter().find(|o| o.key == n.key) {
                Some(o) => self.parameter(s, o, n),
                None if required(n) => {
                    let msg = format!(
                        "required {} parameter `{}` was added (a new positional argument)",
                        n.location, n.name
                    );
                    self.emit_rule(s, "required-parameter-added", n.site.clone(), msg);
                }
                None => {
                    let msg = format!(
                        "optional {} parameter `{}` was added (a new builder setter)",
                        n.location, n.name
                    );
                    self.emit_rule(s, "optional-parameter-added", n.site.clone(), msg);
                }
            }
        }
    }

    fn parameter(&mut self, s: &mut Scope<'a>, o: &Param<'a>, n: &Param<'a>) {
        let what = format!("{} parameter `{}`", n.location, n.name);
        match (required(o), required(n)) {
            (false, true) => {
                let msg = format!(
                    "{what} became required (moves from a setter to a positional argument)"
                );
                self.emit_rule(
                    s,
                    "parameter-became-required",
                    child(&n.ptr, "required"),
                    msg,
                );
            }
            (true, false) => {
                let msg = format!(
                    "{what} became optional (moves from a positional argument to a setter)"
                );
                self.emit_rule(
                    s,
                    "parameter-became-optional",
                    child(&n.ptr, "required"),
                    msg,
                );
            }
            _ => {}
        }
        let (o_style, n_style) = (style(o), style(n));
        if o_style != n_style {
            // The generated client writes every style OpenAPI 3.0 defines, so regenerating
            // follows the change.
            let msg = format!("{what}: style `{o_style}` is now `{n_style}`");
            self.emit_rule(s, "parameter-style-changed", child(&n.ptr, "style"), msg);
        }
        if explode(o) != explode(n) {
            let msg = format!("{what}: explode `{}` is now `{}`", explode(o), explode(n));
            self.emit_rule(
                s,
                "parameter-explode-changed",
                child(&n.ptr, "explode"),
                msg,
            );
        }
        if !flag(o.node, "deprecated") && flag(n.node, "deprecated") {
            let msg = format!("{what} is now deprecated");
            self.emit_rule(s, "parameter-deprecated", child(&n.ptr, "deprecated"), msg);
        }
        let (Some(o_schema), Some(n_schema)) = (o.node.get("schema"), n.node.get("schema")) else {
            return;
        };
        let slot = |ops: Option<&'a logto_api_codegen::ir::Operation>, p: &Param<'_>| {
            ops.and_then(|op| ir::param(op, p.name, p.location))
                .map_or(Slot::Unknown, Slot::Type)
        };
        let slots = Pair {
            old: slot(s.ir_ops.map(|(o, _)| o), o),
            new: slot(s.ir_ops.map(|(_, n)| n), n),
        };
        let loc = Loc::new(
            o_schema,
            child(&o.ptr, "schema"),
            n_schema,
            child(&n.ptr, "schema"),
        );
        self.schema(s, Direction::Request, loc, slots, 0);
    }

    /// The request body: presence, requiredness, media types and schema.
    pub fn request_body(&mut self, s: &mut Scope<'a>, old: &OpRef<'a>, new: &OpRef<'a>) {
        let body = |doc: &'a Value, op: &OpRef<'a>| {
            op.node
                .get("requestBody")
                .map(|b| resolve(doc, b, &child(&op.ptr, "requestBody")))
        };
        let (o, n) = match (body(self.old, old), body(self.new, new)) {
            (None, None) => return,
            (Some((_, ptr, _)), None) => {
                let msg = "the request body was removed".to_owned();
                return self.emit_rule(s, "request-body-removed", ptr, msg);
            }
            (None, Some((node, ptr, _))) => {
                let (id, msg) = if flag(node, "required") {
                    (
                        "required-request-body-added",
                        "a required request body was added (a new positional argument)",
                    )
                } else {
                    (
                        "optional-request-body-added",
                        "an optional request body was added (a new `body` setter)",
                    )
                };
                return self.emit_rule(s, id, ptr, msg.to_owned());
            }
            (Some(o), Some(n)) => (o, n),
        };
        match (flag(o.0, "required"), flag(n.0, "required")) {
            (false, true) => {
                let msg = "the request body became required (moves from `.body()` to a positional argument)".to_owned();
                self.emit_rule(
                    s,
                    "request-body-became-required",
                    child(&n.1, "required"),
                    msg,
                );
            }
            (true, false) => {
                let msg = "the request body became optional (moves from a positional argument to `.body()`)".to_owned();
                self.emit_rule(
                    s,
                    "request-body-became-optional",
                    child(&n.1, "required"),
                    msg,
                );
            }
            _ => {}
        }
        let slots = |ops: Option<&'a logto_api_codegen::ir::Operation>| {
            ops.and_then(|op| op.body.as_ref())
                .map_or(Slot::Unknown, |b| Slot::Type(&b.ty))
        };
        let slots = Pair {
            old: slots(s.ir_ops.map(|(o, _)| o)),
            new: slots(s.ir_ops.map(|(_, n)| n)),
        };
        let body_changed = self.shape_changed(slots);
        self.contents(
            s,
            Direction::Request,
            (o.0, &o.1),
            (n.0, &n.1),
            slots,
            body_changed,
        );
    }

    /// Statuses added and removed, and the content of statuses in both.
    pub fn responses(&mut self, s: &mut Scope<'a>, old: &OpRef<'a>, new: &OpRef<'a>) {
        let map = |op: &OpRef<'a>| op.node.get("responses").and_then(Value::as_object);
        let (o_map, n_map) = (map(old).unwrap_or(&EMPTY), map(new).unwrap_or(&EMPTY));
        let (o_ptr, n_ptr) = (child(&old.ptr, "responses"), child(&new.ptr, "responses"));
        for status in o_map.keys().filter(|k| !n_map.contains_key(*k)) {
            let (id, impact) = match is_success(status) {
                true => ("response-success-status-removed", self.output_impact(s)),
                false => ("response-error-status-removed", Impact::None),
            };
            let msg = format!("status {status} was removed");
            self.emit(
                s,
                rules::find(id),
                Direction::Response,
                impact,
                child(&o_ptr, status),
                msg,
            );
        }
        for (status, n_resp) in n_map {
            let Some(o_resp) = o_map.get(status) else {
                let (id, impact) = match is_success(status) {
                    true => ("response-success-status-added", self.output_impact(s)),
                    false => ("response-error-status-added", Impact::None),
                };
                let msg = format!("status {status} was added");
                self.emit(
                    s,
                    rules::find(id),
                    Direction::Response,
                    impact,
                    child(&n_ptr, status),
                    msg,
                );
                continue;
            };
            let o = resolve(self.old, o_resp, &child(&o_ptr, status));
            let n = resolve(self.new, n_resp, &child(&n_ptr, status));
            let slot = |ops: Option<&'a logto_api_codegen::ir::Operation>| {
                ops.and_then(|op| ir::payload(op, status))
                    .map_or(Slot::Unknown, Slot::Type)
            };
            let slots = Pair {
                old: slot(s.ir_ops.map(|(o, _)| o)),
                new: slot(s.ir_ops.map(|(_, n)| n)),
            };
            if is_success(status) {
                let changed = s.output_changed || self.shape_changed(slots) == Some(true);
                self.contents(
                    s,
                    Direction::Response,
                    (o.0, &o.1),
                    (n.0, &n.1),
                    slots,
                    Some(changed),
                );
            } else {
                // Calls never decode error bodies (only `{Op}ErrorBody::from_error` does, on
                // request): report media types, not schemas.
                self.media_types(
                    s,
                    Direction::Response,
                    (o.0, &o.1),
                    (n.0, &n.1),
                    Some(false),
                );
            }
        }
    }

    /// The impact of a success status change: `compile` when the `send()` output changed.
    fn output_impact(&self, s: &mut Scope<'a>) -> Impact {
        if s.output_changed {
            s.output_explained = true;
            Impact::Compile
        } else if s.ir_ops.is_some() {
            Impact::None
        } else {
            Impact::Compile
        }
    }

    /// `Some(true)` when the generated type at the slots differs (names erased).
    pub fn shape_changed(&self, slots: Pair<'a>) -> Option<bool> {
        let (o, n) = (self.old_ir.as_ref()?, self.new_ir.as_ref()?);
        Some(o.shape(slots.old)? != n.shape(slots.new)?)
    }

    /// Media types of a body or response, then the schema of the media type the generator uses.
    fn contents(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        o: (&'a Value, &str),
        n: (&'a Value, &str),
        slots: Pair<'a>,
        changed: Option<bool>,
    ) {
        self.media_types(s, dir, o, n, changed);
        let content = |node: &'a Value| node.get("content").and_then(Value::as_object);
        let (Some(o_map), Some(n_map)) = (content(o.0), content(n.0)) else {
            return;
        };
        let common: Vec<&String> = n_map.keys().filter(|k| o_map.contains_key(*k)).collect();
        // The media type the generator picks (JSON, then form, multipart, text, bytes; the first
        // listed of a kind), among those both documents have.
        let pick = common
            .iter()
            .min_by_key(|m| media_rank(m, dir == Direction::Request));
        let Some(media) = pick else {
            return;
        };
        let (Some(o_schema), Some(n_schema)) =
            (o_map[*media].get("schema"), n_map[*media].get("schema"))
        else {
            return;
        };
        let o_ptr = child(&child(&child(o.1, "content"), media), "schema");
        let n_ptr = child(&child(&child(n.1, "content"), media), "schema");
        self.schema(s, dir, Loc::new(o_schema, o_ptr, n_schema, n_ptr), slots, 0);
    }

    /// Media types added and removed; `changed` says whether the generated type changed.
    fn media_types(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        o: (&'a Value, &str),
        n: (&'a Value, &str),
        changed: Option<bool>,
    ) {
        let content = |node: &'a Value| node.get("content").and_then(Value::as_object);
        let (o_map, n_map) = (
            content(o.0).unwrap_or(&EMPTY),
            content(n.0).unwrap_or(&EMPTY),
        );
        let prefix = if dir == Direction::Request {
            "request"
        } else {
            "response"
        };
        let impact = match changed {
            Some(true) => Impact::Compile,
            Some(false) => Impact::None,
            None => Impact::Compile,
        };
        let mut emitted = false;
        for media in o_map.keys().filter(|k| !n_map.contains_key(*k)) {
            emitted = true;
            let rule = rules::find(&format!("{prefix}-media-type-removed"));
            let msg = format!("media type `{media}` was removed");
            self.emit(
                s,
                rule,
                dir,
                impact,
                child(&child(o.1, "content"), media),
                msg,
            );
        }
        for media in n_map.keys().filter(|k| !o_map.contains_key(*k)) {
            emitted = true;
            let rule = rules::find(&format!("{prefix}-media-type-added"));
            let msg = format!("media type `{media}` was added");
            let impact = if changed == Some(true) {
                Impact::Compile
            } else {
                Impact::None
            };
            self.emit(
                s,
                rule,
                dir,
                impact,
                child(&child(n.1, "content"), media),
                msg,
            );
        }
        if emitted && changed == Some(true) && dir == Direction::Response {
            s.output_explained |= s.output_changed;
        }
    }
}

/// 2xx and 3xx codes and the `2XX`/`3XX` ranges: what the generator turns into output.
fn is_success(status: &str) -> bool {
    status.starts_with('2') || status.starts_with('3')
}

/// The generator's preference among media types (`lower::wire` in the codegen crate): JSON,
/// then form and multipart (request bodies only), then text, then bytes.
fn media_rank(media: &str, request: bool) -> u8 {
    use logto_api_codegen::ir::BodyEncoding;
    match logto_api_codegen::lower::media_encoding(media) {
        BodyEncoding::Json => 0,
        BodyEncoding::Form if request => 1,
        BodyEncoding::Multipart if request => 2,
        BodyEncoding::Text => 3,
        _ => 4,
    }
}
