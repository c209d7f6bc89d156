//! The generator's view of a document: what Rust type each schema location became.
//!
//! Both documents are lowered with `logto_api_codegen::lower` (the code the macro runs), so names,
//! dedupe, `Option` wrapping and output enums are exactly what users compile against. The walkers
//! carry a [`Slot`] per schema location and ask this module whether the Rust side changed.

use logto_api_codegen::ir::{
    Api, Field, Location, Operation, Output, Payload, TypeDef, TypeKind, TypeRef,
};
use std::collections::{BTreeSet, HashMap};

/// `serde_json::Value`, for the places inside one.
static ANY: TypeRef = TypeRef::Any;

/// Upper-case methods as `ir::Method::as_str` spells them.
const METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
];

/// What the generator made of one schema location.
#[derive(Debug, Clone, Copy, Default)]
pub enum Slot<'a> {
    /// Not known: no IR, or a place the walkers cannot map (an untagged union's branch).
    #[default]
    Unknown,
    /// A type in a position without `Option` wrapping (body, item, parameter, branch).
    Type(&'a TypeRef),
    /// A struct field: its type is wrapped by `required`/`nullable`.
    Field(&'a Field),
}

impl<'a> Slot<'a> {
    /// The type at this slot, without field wrapping.
    pub fn ty(self) -> Option<&'a TypeRef> {
        match self {
            Slot::Unknown => None,
            Slot::Type(t) => Some(t),
            Slot::Field(f) => Some(&f.ty),
        }
    }

    /// True when the slot is known.
    pub fn known(self) -> bool {
        !matches!(self, Slot::Unknown)
    }
}

/// One lowered document, indexed for lookups.
#[derive(Debug)]
pub struct Ir<'a> {
    types: HashMap<&'a str, &'a TypeDef>,
    ops: HashMap<(&'static str, &'a str), (&'a Operation, &'a str)>,
    /// Named types reachable from a parameter or a request body: users construct these.
    request_types: BTreeSet<&'a str>,
}

/// Lowers `doc` (a parsed OpenAPI value) the way the macro does.
pub fn lower(doc: &serde_json::Value, label: &str) -> Result<Api, String> {
    let text = serde_json::to_string(doc).map_err(|e| e.to_string())?;
    let loaded = logto_api_codegen::load::load_str(label, &text).map_err(|d| d.to_string())?;
    logto_api_codegen::lower::lower(&loaded).map_err(|d| d.to_string())
}

impl<'a> Ir<'a> {
    /// Indexes `api`.
    pub fn new(api: &'a Api) -> Self {
        let types = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut ops = HashMap::new();
        for g in &api.groups {
            for op in &g.operations {
                ops.insert(
                    (op.method.as_str(), op.path.as_str()),
                    (op, g.accessor.as_str()),
                );
            }
        }
        let mut ir = Ir {
            types,
            ops,
            request_types: BTreeSet::new(),
        };
        let roots: Vec<&TypeRef> = api
            .operations()
            .flat_map(|op| {
                let params = op.params.iter().map(|p| &p.ty);
                params.chain(op.body.iter().map(|b| &b.ty))
            })
            .collect();
        for root in roots {
            ir.mark_request(root);
        }
        ir
    }

    fn mark_request(&mut self, ty: &'a TypeRef) {
        match ty {
            TypeRef::Named(n) => {
                let Some(def) = self.types.get(n.as_str()).copied() else {
                    return;
                };
                if !self.request_types.insert(def.name.as_str()) {
                    return;
                }
                match &def.kind {
                    TypeKind::Struct(s) => {
                        for f in &s.fields {
                            self.mark_request(&f.ty);
                        }
                        if let Some(extra) = &s.extra {
                            self.mark_request(extra);
                        }
                    }
                    TypeKind::Union(u) => u.variants.iter().for_each(|v| self.mark_request(&v.ty)),
                    TypeKind::Newtype(inner) => self.mark_request(inner),
                    TypeKind::Enum(_) => {}
                }
            }
            TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
                self.mark_request(t)
            }
            _ => {}
        }
    }

    /// The operation at `method` (upper case) and `path`, with its group accessor.
    pub fn op(&self, method: &str, path: &str) -> Option<(&'a Operation, &'a str)> {
        let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(method))?;
        self.ops.get(&(*method, path)).copied()
    }

    /// The definition behind a named (possibly boxed) type.
    pub fn def(&self, ty: &TypeRef) -> Option<&'a TypeDef> {
        match ty {
            TypeRef::Named(n) => self.types.get(n.as_str()).copied(),
            TypeRef::Boxed(t) | TypeRef::Nullable(t) => self.def(t),
            _ => None,
        }
    }

    /// The field `wire` of the struct at `slot`.
    pub fn property(&self, slot: Slot<'a>, wire: &str) -> Slot<'a> {
        let Some(def) = slot.ty().and_then(|t| self.def(t)) else {
            return self.opaque_child(slot);
        };
        match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .find(|f| f.wire == wire)
                .map_or(Slot::Unknown, Slot::Field),
            _ => Slot::Unknown,
        }
    }

    /// Inside `serde_json::Value` everything stays `Value`.
    fn opaque_child(&self, slot: Slot<'a>) -> Slot<'a> {
        match slot.ty() {
            Some(TypeRef::Any) => Slot::Type(&ANY),
            _ => Slot::Unknown,
        }
    }

    /// The item type of the list at `slot`.
    pub fn items(&self, slot: Slot<'a>) -> Slot<'a> {
        match slot.ty() {
            Some(TypeRef::List(t)) => Slot::Type(t),
            _ => self.opaque_child(slot),
        }
    }

    /// The value type of the map (or a struct's `additionalProperties`) at `slot`.
    pub fn map_value(&self, slot: Slot<'a>) -> Slot<'a> {
        match slot.ty() {
            Some(TypeRef::Map(t)) => Slot::Type(t),
            Some(t) => match self.def(t).map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) => s.extra.as_ref().map_or(Slot::Unknown, Slot::Type),
                _ => self.opaque_child(slot),
            },
            None => Slot::Unknown,
        }
    }

    /// The branch of the union at `slot` for a `oneOf` entry: found by its tag value, or (for
    /// untagged unions) by the pointer the generator recorded for the branch's own type.
    pub fn branch(&self, slot: Slot<'a>, tag_value: Option<&str>, pointer: &str) -> Slot<'a> {
        let Some(def) = slot.ty().and_then(|t| self.def(t)) else {
            return self.opaque_child(slot);
        };
        let TypeKind::Union(u) = &def.kind else {
            return Slot::Unknown;
        };
        let found = match (&u.tag, tag_value) {
            (Some(_), Some(value)) => u
                .variants
                .iter()
                .find(|v| v.tag_value.as_deref() == Some(value)),
            _ => u.variants.iter().find(|v| {
                self.def(&v.ty)
                    .is_some_and(|d| d.pointer == pointer.replace("/anyOf/", "/oneOf/"))
            }),
        };
        found.map_or(Slot::Unknown, |v| Slot::Type(&v.ty))
    }

    /// The property a tagged union at `slot` is keyed by.
    pub fn union_tag(&self, slot: Slot<'a>) -> Option<&'a str> {
        match &self.def(slot.ty()?)?.kind {
            TypeKind::Union(u) => u.tag.as_deref(),
            _ => None,
        }
    }

    /// True when the union at `slot` has a catch-all `Unknown` variant (it is tagged).
    pub fn union_is_open(&self, slot: Slot<'a>) -> Option<bool> {
        match &self.def(slot.ty()?)?.kind {
            TypeKind::Union(u) => Some(u.tag.is_some()),
            _ => None,
        }
    }

    /// `wire -> variant name` of the enum at `slot`.
    pub fn enum_variants(&self, slot: Slot<'a>) -> Option<Vec<(&'a str, &'a str)>> {
        match &self.def(slot.ty()?)?.kind {
            TypeKind::Enum(values) => Some(
                values
                    .iter()
                    .map(|v| (v.wire.as_str(), v.name.as_str()))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// True when the named type at `slot` is also used in a request (so users build it).
    pub fn in_request(&self, slot: Slot<'a>) -> bool {
        slot.ty()
            .and_then(|t| self.def(t))
            .is_some_and(|d| self.request_types.contains(d.name.as_str()))
    }

    /// True when the slot is a struct (its fields are Rust fields users name).
    pub fn is_struct(&self, slot: Slot<'a>) -> bool {
        slot.ty()
            .and_then(|t| self.def(t))
            .is_some_and(|d| matches!(d.kind, TypeKind::Struct(_)))
    }

    /// The Rust type at `slot` with generated names erased (`Option<Vec<struct>>`), so that a
    /// rename is not mistaken for a type change; renames are reported on their own.
    pub fn shape(&self, slot: Slot<'a>) -> Option<String> {
        match slot {
            Slot::Unknown => None,
            Slot::Type(t) => Some(self.erased(t)),
            Slot::Field(f) => {
                let t = self.erased(&f.ty);
                Some(match (f.required, f.nullable) {
                    (true, false) => t,
                    (false, true) if f.patch => format!("Patch<{t}>"),
                    _ => format!("Option<{t}>"),
                })
            }
        }
    }

    fn erased(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Bool => "bool".into(),
            TypeRef::Integer => "i64".into(),
            TypeRef::Int32 => "i32".into(),
            TypeRef::UInt32 => "u32".into(),
            TypeRef::UInt64 => "u64".into(),
            TypeRef::Number => "f64".into(),
            TypeRef::Float => "f32".into(),
            TypeRef::Timestamp => "Timestamp".into(),
            TypeRef::String => "String".into(),
            TypeRef::Any => "Value".into(),
            TypeRef::File => "FilePart".into(),
            TypeRef::Bytes => "Bytes".into(),
            TypeRef::List(t) => format!("Vec<{}>", self.erased(t)),
            TypeRef::Map(t) => format!("BTreeMap<String, {}>", self.erased(t)),
            TypeRef::Boxed(t) => format!("Box<{}>", self.erased(t)),
            TypeRef::Nullable(t) => format!("Option<{}>", self.erased(t)),
            TypeRef::Named(n) => match self.types.get(n.as_str()).map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) if s.multipart => "multipart".into(),
                Some(TypeKind::Struct(_)) => "struct".into(),
                Some(TypeKind::Enum(_)) => "enum".into(),
                Some(TypeKind::Union(u)) if u.tag.is_some() => "tagged-union".into(),
                Some(TypeKind::Union(_)) => "union".into(),
                Some(TypeKind::Newtype(inner)) => format!("newtype({})", self.erased(inner)),
                None => "?".into(),
            },
        }
    }

    /// The generated name at `slot`, if it is a named type.
    pub fn name(&self, slot: Slot<'a>) -> Option<&'a str> {
        slot.ty().and_then(|t| self.def(t)).map(|d| d.name.as_str())
    }
}

/// A parameter of `op` by wire name and location (`in` as written in the document).
pub fn param<'a>(op: &'a Operation, name: &str, location: &str) -> Option<&'a TypeRef> {
    let location = match location {
        "path" => Location::Path,
        "query" => Location::Query,
        "header" => Location::Header,
        _ => Location::Cookie,
    };
    op.params
        .iter()
        .find(|p| p.wire == name && p.location == location)
        .map(|p| &p.ty)
}

/// The payload type of the success response `status` (`None` when not JSON or not found).
pub fn payload<'a>(op: &'a Operation, status: &str) -> Option<&'a TypeRef> {
    let code: u16 = status.parse().ok()?;
    op.responses
        .iter()
        .find(|r| r.status == Some(code))
        .and_then(|r| match &r.payload {
            Payload::Json(t) => Some(t),
            _ => None,
        })
}

/// What `send()` returns, with names erased: a change here changes the caller's types.
pub fn output_shape(ir: &Ir<'_>, op: &Operation) -> String {
    let payload = |p: &Payload| match p {
        Payload::Empty => "empty".to_owned(),
        Payload::Text => "text".to_owned(),
        Payload::Bytes => "bytes".to_owned(),
        Payload::Json(t) => ir.erased(t),
    };
    match &op.output {
        Output::Unit => "()".into(),
        Output::Text => "String".into(),
        Output::Bytes => "Bytes".into(),
        Output::Json(t) => ir.erased(t),
        Output::OptionalJson(t) => format!("Option<{}>", ir.erased(t)),
        Output::PerStatus(_) => {
            let statuses: Vec<String> = op
                .responses
                .iter()
                .filter_map(|r| Some(format!("{}: {}", r.status?, payload(&r.payload))))
                .collect();
            format!("enum {{ {} }}", statuses.join(", "))
        }
    }
}
