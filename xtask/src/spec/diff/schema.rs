//! The schema walk: two schemas at the same place of an operation, compared recursively through
//! properties, items, `additionalProperties`, `oneOf` branches and `$ref`s, with the generated
//! type at each place carried alongside (a [`Pair`] of [`Slot`]s) to decide each impact.

use super::ir::{Ir, Slot};
use super::json::{branch_detail, branch_key, flag, pinned, resolve, what, Additional, View};
use super::model::{Direction, Impact, Level};
use super::rules::{self, Rule};
use super::walk::{Differ, Scope};
use logto_api_codegen::ir::TypeRef;
use serde_json::Value;
use std::collections::BTreeMap;

/// Recursion bound: Logto nests a few levels; anything deeper is a cycle the `$ref` guard missed.
const MAX_DEPTH: usize = 64;

/// The generated type at the same place in OLD and NEW.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pair<'a> {
    /// In OLD.
    pub old: Slot<'a>,
    /// In NEW.
    pub new: Slot<'a>,
}

/// The same place in both documents: the schema nodes and their pointers.
#[derive(Debug, Clone)]
pub struct Loc<'a> {
    old: &'a Value,
    old_ptr: String,
    new: &'a Value,
    new_ptr: String,
}

impl<'a> Loc<'a> {
    /// A place: OLD's schema and pointer, then NEW's.
    pub fn new(old: &'a Value, old_ptr: String, new: &'a Value, new_ptr: String) -> Self {
        Loc {
            old,
            old_ptr,
            new,
            new_ptr,
        }
    }
}

fn opaque(slot: Slot<'_>) -> bool {
    matches!(slot.ty(), Some(TypeRef::Any))
}

impl<'a> Differ<'a> {
    /// Compares two schemas found at the same place.
    pub fn schema(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        loc: Loc<'a>,
        slots: Pair<'a>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let ov = View::of(self.old, loc.old, &loc.old_ptr);
        let nv = View::of(self.new, loc.new, &loc.new_ptr);
        let key = (ov.via, nv.via);
        if key != (None, None) && s.stack.contains(&key) {
            return;
        }
        s.stack.push(key);
        self.renamed(s, dir, &nv.ptr, slots.old, slots.new);
        if self.scalars(s, dir, &ov, &nv, slots) {
            match nv.kind {
                "object" => self.object(s, dir, &ov, &nv, slots, depth),
                "array" => {
                    if let (Some((o, o_ptr)), Some((n, n_ptr))) = (&ov.items, &nv.items) {
                        let items = self.nav(slots, |ir, slot| ir.items(slot));
                        let loc = Loc::new(o, o_ptr.clone(), n, n_ptr.clone());
                        self.schema(s, dir, loc, items, depth + 1);
                    }
                }
                "union" => self.branches(s, dir, &ov, &nv, slots, depth),
                _ => {}
            }
        }
        s.stack.pop();
    }

    /// The slots one step down, in both IRs.
    fn nav(&self, slots: Pair<'a>, step: impl Fn(&Ir<'a>, Slot<'a>) -> Slot<'a>) -> Pair<'a> {
        Pair {
            old: self
                .old_ir
                .as_ref()
                .map_or(Slot::Unknown, |ir| step(ir, slots.old)),
            new: self
                .new_ir
                .as_ref()
                .map_or(Slot::Unknown, |ir| step(ir, slots.new)),
        }
    }

    /// The impact of `rule` at `slots`: `compile` when the generated type changed; inside a
    /// `serde_json::Value` (the generator does not model it), `runtime` for breaking rules;
    /// otherwise `unchanged`; and the rule's default when the IR cannot tell.
    fn decide(&self, rule: &Rule, slots: Pair<'a>, unchanged: Impact) -> Impact {
        match self.shape_changed(slots) {
            Some(true) => Impact::Compile,
            Some(false) if opaque(slots.old) && opaque(slots.new) => match rule.level {
                Level::Breaking => Impact::Runtime,
                _ => Impact::None,
            },
            Some(false) => unchanged,
            None => rule.impact,
        }
    }

    /// Type, nullability, format and enum values. Returns false when the type changed (the
    /// two schemas are then too different to compare further).
    fn scalars(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        ov: &View<'a>,
        nv: &View<'a>,
        slots: Pair<'a>,
    ) -> bool {
        let enum_toggled = nv.kind == "string" && ov.values.is_some() != nv.values.is_some();
        if ov.kind != nv.kind || enum_toggled {
            let rule = rules::directed(dir, "type-changed");
            let impact = self.decide(rule, slots, Impact::Runtime);
            let msg = format!(
                "{}: type `{}` is now `{}`",
                what(&nv.ptr),
                ov.describe(),
                nv.describe()
            );
            self.emit(s, rule, dir, impact, nv.ptr.clone(), msg);
            return false;
        }
        if ov.nullable != nv.nullable {
            self.nullable(s, dir, nv, slots);
        }
        if ov.format != nv.format {
            let rule = rules::directed(dir, "format-changed");
            // The generator ignores formats, but a server validating a new format can reject
            // what the client sends.
            let stricter = dir == Direction::Request && nv.format.is_some();
            let unchanged = if stricter {
                Impact::Runtime
            } else {
                Impact::None
            };
            let impact = self.decide(rule, slots, unchanged);
            let show = |f: Option<&str>| f.map_or("none".to_owned(), |f| format!("`{f}`"));
            let msg = format!(
                "{}: format {} is now {}",
                what(&nv.ptr),
                show(ov.format),
                show(nv.format)
            );
            self.emit(s, rule, dir, impact, nv.ptr.clone(), msg);
        }
        let empty = Default::default();
        let (o_values, n_values) = (
            ov.values.as_ref().unwrap_or(&empty),
            nv.values.as_ref().unwrap_or(&empty),
        );
        for value in n_values.difference(o_values) {
            let rule = rules::directed(dir, "enum-value-added");
            let impact = self.enum_impact(rule, slots, None);
            let msg = format!("{}: enum value `{value}` was added", what(&nv.ptr));
            self.emit(s, rule, dir, impact, nv.ptr.clone(), msg);
        }
        for value in o_values.difference(n_values) {
            let rule = rules::directed(dir, "enum-value-removed");
            let impact = self.enum_impact(rule, slots, Some(value));
            let msg = format!("{}: enum value `{value}` was removed", what(&ov.ptr));
            self.emit(s, rule, dir, impact, ov.ptr.clone(), msg);
        }
        true
    }

    fn nullable(&mut self, s: &mut Scope<'a>, dir: Direction, nv: &View<'a>, slots: Pair<'a>) {
        let suffix = if nv.nullable {
            "became-nullable"
        } else {
            "became-non-nullable"
        };
        let rule = rules::directed(dir, suffix);
        let fields = matches!((slots.old, slots.new), (Slot::Field(_), Slot::Field(_)));
        // Outside struct fields the generator drops `nullable` (`Vec<T>` items, bodies): a
        // response null then fails to decode; a request simply never sends one.
        let unchanged = if !fields && dir == Direction::Response && nv.nullable {
            Impact::Runtime
        } else {
            Impact::None
        };
        let impact = self.decide(rule, slots, unchanged);
        let msg = if nv.nullable {
            "became nullable"
        } else {
            "is no longer nullable"
        };
        self.emit(
            s,
            rule,
            dir,
            impact,
            nv.ptr.clone(),
            format!("{} {msg}", what(&nv.ptr)),
        );
    }

    /// Enums are open (`Unknown(String)`): a new value costs nothing unless an existing variant
    /// got another name; a removed value removes its variant.
    fn enum_impact(&self, rule: &Rule, slots: Pair<'a>, removed: Option<&str>) -> Impact {
        let variants = |ir: Option<&Ir<'a>>, slot| ir.and_then(|ir| ir.enum_variants(slot));
        let (o, n) = (
            variants(self.old_ir.as_ref(), slots.old),
            variants(self.new_ir.as_ref(), slots.new),
        );
        match (o, n, removed) {
            (Some(o), _, Some(value)) if o.iter().any(|(wire, _)| *wire == value) => {
                Impact::Compile
            }
            (Some(o), Some(n), None) if o.iter().all(|v| n.contains(v)) => Impact::None,
            (Some(_), Some(_), None) => Impact::Compile,
            _ => {
                let request_removal =
                    removed.is_some() && rule.direction == Some(Direction::Request);
                let unchanged = if request_removal {
                    Impact::Runtime
                } else {
                    Impact::None
                };
                self.decide(rule, slots, unchanged)
            }
        }
    }

    /// Properties added, removed, changed in requiredness or deprecation, and recursed into.
    fn object(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        ov: &View<'a>,
        nv: &View<'a>,
        slots: Pair<'a>,
        depth: usize,
    ) {
        for (name, _, o_ptr) in &ov.props {
            if nv.props.iter().all(|(n, ..)| n != name) {
                self.property_removed(s, dir, name, o_ptr, slots);
            }
        }
        for (name, n_schema, n_ptr) in &nv.props {
            let Some((_, o_schema, o_ptr)) = ov.props.iter().find(|(o, ..)| o == name) else {
                self.property_added(s, dir, name, nv.required.contains(name), n_ptr, slots);
                continue;
            };
            let child_slots = self.nav(slots, |ir, slot| ir.property(slot, name));
            let (o_req, n_req) = (ov.required.contains(name), nv.required.contains(name));
            if o_req != n_req {
                let suffix = if n_req {
                    "property-became-required"
                } else {
                    "property-became-optional"
                };
                let rule = rules::directed(dir, suffix);
                let impact = self.decide(rule, child_slots, Impact::None);
                let msg = format!(
                    "property `{name}` became {}",
                    if n_req { "required" } else { "optional" }
                );
                self.emit(s, rule, dir, impact, n_ptr.clone(), msg);
            }
            let deprecated =
                |doc: &'a Value, node: &'a Value| flag(resolve(doc, node, "").0, "deprecated");
            if !deprecated(self.old, o_schema) && deprecated(self.new, n_schema) {
                let rule = rules::directed(dir, "property-deprecated");
                let msg = format!("property `{name}` is now deprecated");
                self.emit(s, rule, dir, Impact::None, n_ptr.clone(), msg);
            }
            let loc = Loc::new(o_schema, o_ptr.clone(), n_schema, n_ptr.clone());
            self.schema(s, dir, loc, child_slots, depth + 1);
        }
        self.additional(s, dir, ov, nv, slots, depth);
    }

    fn property_added(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        name: &str,
        required: bool,
        ptr: &str,
        parent: Pair<'a>,
    ) {
        let id = match (dir, required) {
            (Direction::Response, _) => "response-property-added",
            (_, true) => "request-required-property-added",
            (_, false) => "request-optional-property-added",
        };
        let rule = rules::find(id);
        let impact = match &self.new_ir {
            None => rule.impact,
            Some(_) if !parent.new.known() => rule.impact,
            // A new pub field breaks every struct literal and exhaustive pattern, `Default` or
            // not; users only build the structs used in requests.
            Some(ir) if ir.is_struct(parent.new) => {
                match dir == Direction::Request || ir.in_request(parent.new) {
                    true => Impact::Compile,
                    false => Impact::None,
                }
            }
            Some(_) if opaque(parent.new) && rule.level == Level::Breaking => Impact::Runtime,
            Some(_) => Impact::None,
        };
        let msg = format!(
            "{} property `{name}` was added",
            if required { "required" } else { "optional" }
        );
        self.emit(s, rule, dir, impact, ptr.to_owned(), msg);
    }

    fn property_removed(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        name: &str,
        ptr: &str,
        parent: Pair<'a>,
    ) {
        let rule = rules::directed(dir, "property-removed");
        let impact = match &self.old_ir {
            None => rule.impact,
            Some(_) if !parent.old.known() => rule.impact,
            Some(ir) if ir.property(parent.old, name).known() && !opaque(parent.old) => {
                Impact::Compile
            }
            Some(_) if opaque(parent.old) && rule.level == Level::Breaking => Impact::Runtime,
            Some(_) => Impact::None,
        };
        let msg = format!("property `{name}` was removed");
        self.emit(s, rule, dir, impact, ptr.to_owned(), msg);
    }

    /// `additionalProperties`: a change of the struct's extra-fields map or of the map itself.
    fn additional(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        ov: &View<'a>,
        nv: &View<'a>,
        slots: Pair<'a>,
        depth: usize,
    ) {
        let values = self.nav(slots, |ir, slot| ir.map_value(slot));
        match (&ov.additional, &nv.additional) {
            (Additional::Schema(o, o_ptr), Additional::Schema(n, n_ptr)) => {
                let loc = Loc::new(o, o_ptr.clone(), n, n_ptr.clone());
                self.schema(s, dir, loc, values, depth + 1);
            }
            (o, n) if o.describe() != n.describe() => {
                let rule = rules::directed(dir, "additional-properties-changed");
                let impact = match (&self.old_ir, &self.new_ir) {
                    (Some(o_ir), Some(n_ir)) if slots.old.known() && slots.new.known() => {
                        let changed = o_ir.shape(values.old) != n_ir.shape(values.new)
                            || self.shape_changed(slots) == Some(true);
                        if changed {
                            Impact::Compile
                        } else {
                            Impact::None
                        }
                    }
                    _ => rule.impact,
                };
                let msg = format!(
                    "{}: additionalProperties changed from {} to {}",
                    what(&nv.ptr),
                    o.describe(),
                    n.describe()
                );
                self.emit(s, rule, dir, impact, nv.ptr.clone(), msg);
            }
            _ => {}
        }
    }

    /// `oneOf`/`anyOf` branches, matched by `$ref`, pinned literal or kind and position.
    fn branches(
        &mut self,
        s: &mut Scope<'a>,
        dir: Direction,
        ov: &View<'a>,
        nv: &View<'a>,
        slots: Pair<'a>,
        depth: usize,
    ) {
        let o_keys = keyed(self.old, &ov.branches);
        let n_keys = keyed(self.new, &nv.branches);
        for (key, (o, o_ptr)) in &o_keys {
            if !n_keys.contains_key(key) {
                let rule = rules::directed(dir, "one-of-branch-removed");
                let is_union = self
                    .old_ir
                    .as_ref()
                    .and_then(|ir| ir.union_is_open(slots.old))
                    .is_some();
                let unchanged = if dir == Direction::Request {
                    Impact::Runtime
                } else {
                    Impact::None
                };
                let impact = if is_union {
                    Impact::Compile
                } else {
                    self.decide(rule, slots, unchanged)
                };
                let msg = format!(
                    "{}: branch {key}{} was removed",
                    what(&ov.ptr),
                    branch_detail(self.old, o)
                );
                self.emit(s, rule, dir, impact, o_ptr.clone(), msg);
            }
        }
        for (key, (n, n_ptr)) in &n_keys {
            let Some((o, o_ptr)) = o_keys.get(key) else {
                let rule = rules::directed(dir, "one-of-branch-added");
                // Tagged unions keep unknown kinds in `Unknown(Value)`; untagged ones are
                // exhaustive enums that gain a variant.
                let impact = match self
                    .new_ir
                    .as_ref()
                    .and_then(|ir| ir.union_is_open(slots.new))
                {
                    Some(true) if self.shape_changed(slots) != Some(true) => Impact::None,
                    Some(_) => Impact::Compile,
                    None => self.decide(rule, slots, Impact::None),
                };
                let msg = format!(
                    "{}: branch {key}{} was added",
                    what(&nv.ptr),
                    branch_detail(self.new, n)
                );
                self.emit(s, rule, dir, impact, n_ptr.clone(), msg);
                continue;
            };
            let branch = |doc: &'a Value,
                          ir: Option<&Ir<'a>>,
                          slot: Slot<'a>,
                          node: &'a Value,
                          ptr: &str| {
                let Some(ir) = ir else { return Slot::Unknown };
                let tag = ir.union_tag(slot).and_then(|tag| pinned(doc, node, tag));
                ir.branch(slot, tag.as_deref(), ptr)
            };
            let branch_slots = Pair {
                old: branch(self.old, self.old_ir.as_ref(), slots.old, o, o_ptr),
                new: branch(self.new, self.new_ir.as_ref(), slots.new, n, n_ptr),
            };
            let loc = Loc::new(o, o_ptr.clone(), n, n_ptr.clone());
            self.schema(s, dir, loc, branch_slots, depth + 1);
        }
    }
}

/// Branches by their matching key (see [`branch_key`]).
fn keyed<'a>(
    doc: &'a Value,
    branches: &[(&'a Value, String)],
) -> BTreeMap<String, (&'a Value, String)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for (branch, ptr) in branches {
        let kind = View::of(doc, branch, ptr).describe();
        let index = seen.entry(kind).or_insert(0);
        let key = branch_key(doc, branch, *index);
        *index += 1;
        // Logto repeats some branches (a literal `format` and an `enum` for the same tag):
        // number the repeats so that none hides another.
        let mut unique = key.clone();
        let mut n = 2;
        while out.contains_key(&unique) {
            unique = format!("{key} (#{n})");
            n += 1;
        }
        out.insert(unique, (*branch, ptr.clone()));
    }
    out
}
