//! `oneOf`/`anyOf`: decide whether a union is really a scalar, an enum, a tagged union keyed by a
//! literal property (Logto's `type: "Password"` written as `format: "\"Password\""`), or an
//! untagged union tried in a well-defined order.

use super::shape::{Properties, Shape};
use super::{Hint, Lowered, Lowerer};
use crate::diag::child;
use crate::ir::{TypeKind, TypeRef, Union, Variant};
use crate::naming::{pascal, Namespace};
use openapiv3::{Discriminator, ReferenceOr, Schema};
use std::borrow::Cow;

/// What a union turns into, decided before any type is created.
pub(crate) enum Plan<'d> {
    /// One branch: the union is that branch.
    Single,
    /// Branches of (nearly) every JSON kind: any value.
    AnyJson,
    /// Only strings, some unconstrained: a `String`.
    PlainString,
    /// Only booleans.
    Bool,
    /// Only numbers: their common type, or `f64` when they differ.
    Number(TypeRef),
    /// Only string literals or enums: one open enum with all their values.
    StringEnum(Vec<String>),
    /// Objects told apart by this property's literal value.
    Tagged(String),
    /// Told apart by the `discriminator`'s property, values from its `mapping` or the
    /// components' names.
    Discriminated(&'d Discriminator),
    /// Anything else: tried in order.
    Untagged,
}

impl<'a> Lowerer<'a> {
    /// Lowers a union schema found inline.
    pub(crate) fn union(
        &mut self,
        schema: &Schema,
        branches: &[ReferenceOr<Schema>],
        hint: &Hint,
        ptr: &str,
    ) -> Lowered {
        let nullable = schema.schema_data.nullable;
        let ty = match self.plan(branches, schema.schema_data.discriminator.as_ref()) {
            Plan::Single => {
                let branch = self.schema((&branches[0]).into(), hint, &branch_ptr(ptr, 0));
                return Lowered {
                    ty: branch.ty,
                    nullable: nullable || branch.nullable,
                };
            }
            Plan::AnyJson => TypeRef::Any,
            Plan::PlainString => TypeRef::String,
            Plan::Bool => TypeRef::Bool,
            Plan::Number(ty) => ty,
            Plan::StringEnum(_) | Plan::Tagged(_) | Plan::Discriminated(_) | Plan::Untagged => {
                self.named(schema, hint, ptr, None)
            }
        };
        Lowered {
            ty,
            nullable: self.accepts_null(schema),
        }
    }

    /// True when `schema` admits `null`: `nullable`, or a union with a nullable branch.
    pub(crate) fn accepts_null(&self, schema: &Schema) -> bool {
        schema.schema_data.nullable
            || match Shape::of(schema) {
                Shape::Union { branches, .. } => branches
                    .iter()
                    .any(|b| self.branch(b).is_some_and(|s| s.schema_data.nullable)),
                _ => false,
            }
    }

    /// The definition of a union that needs a type of its own.
    pub(crate) fn union_kind(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        overlay: Option<&Properties>,
        discriminator: Option<&Discriminator>,
        name: &str,
        ptr: &str,
    ) -> Option<TypeKind> {
        match self.plan(branches, discriminator) {
            Plan::StringEnum(values) => Some(super::schema::enum_kind(&values)),
            Plan::Tagged(tag) => Some(self.tagged(branches, &tag, overlay, name, ptr)),
            Plan::Discriminated(d) => Some(self.discriminated(branches, d, name, ptr)),
            Plan::Untagged => Some(self.untagged(branches, name, ptr)),
            _ => None,
        }
    }

    /// A branch as lowering will see it: `$ref` followed, `allOf` merged.
    fn branch<'s>(&self, branch: &'s ReferenceOr<Schema>) -> Option<Cow<'s, Schema>>
    where
        'a: 's,
    {
        let schema = match branch {
            ReferenceOr::Item(s) => s,
            ReferenceOr::Reference { reference } => self.lookup(reference)?,
        };
        Some(self.effective(schema))
    }

    fn plan<'d>(
        &self,
        branches: &[ReferenceOr<Schema>],
        discriminator: Option<&'d Discriminator>,
    ) -> Plan<'d> {
        if let Some(d) = discriminator {
            return Plan::Discriminated(d);
        }
        if branches.len() == 1 {
            return Plan::Single;
        }
        let schemas: Vec<Option<Cow<'_, Schema>>> =
            branches.iter().map(|b| self.branch(b)).collect();
        let shapes: Vec<Shape<'_>> = schemas
            .iter()
            .map(|s| s.as_deref().map_or(Shape::Any, Shape::of))
            .collect();
        if covers_any_json(&shapes) {
            return Plan::AnyJson;
        }
        if shapes.iter().all(|s| matches!(s, Shape::String { .. })) {
            let mut values = Vec::new();
            for s in &shapes {
                match s {
                    Shape::String { values: v } if !v.is_empty() => {
                        values.extend(v.iter().cloned())
                    }
                    _ => return Plan::PlainString,
                }
            }
            return Plan::StringEnum(values);
        }
        if shapes.iter().all(|s| matches!(s, Shape::Bool)) {
            return Plan::Bool;
        }
        let numbers: Vec<&TypeRef> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Number(ty) | Shape::Integer(ty) => Some(ty),
                _ => None,
            })
            .collect();
        if numbers.len() == shapes.len() {
            return Plan::Number(common_number(&numbers));
        }
        match tag_property(&shapes, self) {
            Some(tag) => Plan::Tagged(tag),
            None => Plan::Untagged,
        }
    }

    fn tagged(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        tag: &str,
        overlay: Option<&Properties>,
        parent: &str,
        ptr: &str,
    ) -> TypeKind {
        let mut names = Namespace::default();
        names.claim("Unknown");
        let mut variants = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let Some(schema) = self.branch(branch).map(Cow::into_owned) else {
                continue;
            };
            let value = literal_of(&schema, tag, self).unwrap_or_default();
            // The tag only repeats for a branch equivalent to an earlier one (`tag_property`).
            if variants
                .iter()
                .any(|v: &Variant| v.tag_value.as_deref() == Some(&value))
            {
                continue;
            }
            let variant = names.claim(&pascal(&value));
            let ty = match branch {
                ReferenceOr::Reference { .. } => {
                    self.schema(branch.into(), &Hint::default(), ptr).ty
                }
                ReferenceOr::Item(s) => {
                    let hint = Hint::new([format!("{parent}{variant}")]);
                    let _ = overlay;
                    self.named(s, &hint, &branch_ptr(ptr, i), Some(tag))
                }
            };
            variants.push(Variant {
                name: variant,
                tag_value: Some(value),
                ty,
                pins: Vec::new(),
            });
        }
        TypeKind::Union(Union {
            tag: Some(tag.to_owned()),
            variants,
        })
    }

    /// A union with a `discriminator`: one variant per tag value. A `$ref` branch takes the
    /// values its `mapping` gives it, or its component name when the mapping has none (the
    /// implicit mapping of OpenAPI 3.0); mapped components that are not listed as branches are
    /// variants too. The referenced types keep their own fields, tag included, and encoding
    /// writes the variant's tag value over it; an unknown tag value decodes as `Unknown`.
    fn discriminated(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        discriminator: &Discriminator,
        parent: &str,
        ptr: &str,
    ) -> TypeKind {
        let tag = discriminator.property_name.clone();
        let mut names = Namespace::default();
        names.claim("Unknown");
        let map_ptr = child(&child(ptr, "discriminator"), "mapping");
        let mut mapping: Vec<(String, Option<String>)> = Vec::new();
        for (value, target) in &discriminator.mapping {
            let key = mapping_key(target);
            if key.is_none() {
                self.error(
                    &child(&map_ptr, value),
                    format!("discriminator mapping target `{target}` is not a component schema"),
                );
            }
            mapping.push((value.clone(), key));
        }
        let mut used = vec![false; mapping.len()];
        // (tag value, type, where it came from): the first use of a value wins.
        let mut found: Vec<(String, TypeRef, String)> = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let b_ptr = branch_ptr(ptr, i);
            if let Some(kind) = self.non_object(branch) {
                self.error(&b_ptr, format!("a branch of a union with a discriminator must be an object (it carries the `{tag}` property); this one is {kind}"));
                continue;
            }
            let (values, ty) = match (branch, branch_key(branch)) {
                (_, Some(key)) => {
                    let mut values = Vec::new();
                    for (j, (value, target)) in mapping.iter().enumerate() {
                        if target.as_deref() == Some(key.as_str()) {
                            used[j] = true;
                            values.push(value.clone());
                        }
                    }
                    // The implicit value (the component's name) only when no mapping names
                    // this component, and never one the mapping gives to another.
                    if values.is_empty() && mapping.iter().all(|(v, _)| *v != key) {
                        values.push(key.clone());
                    }
                    let ty = match branch {
                        ReferenceOr::Reference { .. } => {
                            self.schema(branch.into(), &Hint::default(), &b_ptr).ty
                        }
                        ReferenceOr::Item(schema) => {
                            let hint = Hint::new([format!("{}{parent}", pascal(&key))]);
                            self.named(schema, &hint, &b_ptr, None)
                        }
                    };
                    (values, ty)
                }
                (ReferenceOr::Item(schema), None) => {
                    let effective = self.effective(schema).into_owned();
                    let Some(value) = literal_of(&effective, &tag, self) else {
                        self.error(&b_ptr, format!("an inline branch of a union with a discriminator needs a `$ref` (with or without a mapping) or a literal `{tag}`"));
                        continue;
                    };
                    let variant = pascal(&value);
                    let hint = Hint::new([format!("{parent}{variant}")]);
                    (vec![value], self.named(schema, &hint, &b_ptr, Some(&tag)))
                }
                (ReferenceOr::Reference { reference }, None) => {
                    self.error(
                        &b_ptr,
                        format!("discriminator branch `{reference}` is not a component schema"),
                    );
                    continue;
                }
            };
            for value in values {
                self.add_tag_value(&mut found, value, ty.clone(), &b_ptr);
            }
        }
        for (j, (value, target)) in mapping.iter().enumerate() {
            let Some(key) = target.as_ref().filter(|_| !used[j]) else {
                continue;
            };
            let reference = super::schema::component_ref(key);
            let v_ptr = child(&map_ptr, value);
            let ty = self
                .schema(super::SchemaRef::Ref(&reference), &Hint::default(), &v_ptr)
                .ty;
            self.add_tag_value(&mut found, value.clone(), ty, &v_ptr);
        }
        let variants = found
            .into_iter()
            .map(|(value, ty, _)| Variant {
                name: names.claim(&pascal(&value)),
                tag_value: Some(value),
                ty,
                pins: Vec::new(),
            })
            .collect();
        TypeKind::Union(Union {
            tag: Some(tag),
            variants,
        })
    }

    /// Records tag value `value` for a variant of type `ty`; a value already taken by another
    /// branch is a diagnostic (the tag would not tell the two apart).
    fn add_tag_value(
        &mut self,
        found: &mut Vec<(String, TypeRef, String)>,
        value: String,
        ty: TypeRef,
        at: &str,
    ) {
        match found.iter().find(|(v, _, _)| *v == value) {
            Some((_, _, first)) if !first.is_empty() => {
                let first = first.clone();
                self.error(
                    at,
                    format!(
                        "discriminator value `{value}` is already used by the branch at {first}"
                    ),
                );
            }
            Some(_) => {}
            None => found.push((value, ty, at.to_owned())),
        }
    }

    /// What a branch is when it is not an object (or a union of objects): `None` for objects.
    fn non_object(&self, branch: &ReferenceOr<Schema>) -> Option<&'static str> {
        let schema = self.branch(branch)?;
        match Shape::of(&schema) {
            Shape::Bool => Some("a boolean"),
            Shape::Integer(_) | Shape::Number(_) => Some("a number"),
            Shape::String { .. } => Some("a string"),
            Shape::Array { .. } => Some("an array"),
            _ => None,
        }
    }

    fn untagged(&mut self, branches: &[ReferenceOr<Schema>], parent: &str, ptr: &str) -> TypeKind {
        let mut names = Namespace::default();
        let mut variants: Vec<(i32, Variant)> = Vec::new();
        let shapes: Vec<Option<Schema>> = branches
            .iter()
            .map(|b| self.branch(b).map(Cow::into_owned))
            .collect();
        let mut pins = self.branch_pins(&shapes);
        for (i, branch) in branches.iter().enumerate() {
            let label = branch_label(&shapes, i);
            let hint = Hint::new([format!("{parent}{label}")]);
            let ty = self.schema(branch.into(), &hint, &branch_ptr(ptr, i)).ty;
            if variants.iter().any(|(_, v)| v.ty == ty) {
                continue;
            }
            let name = names.claim(&variant_name(&ty, parent));
            let rank = order_rank(&ty, shapes[i].as_ref());
            variants.push((
                rank,
                Variant {
                    name,
                    tag_value: None,
                    ty,
                    pins: std::mem::take(&mut pins[i]),
                },
            ));
        }
        // serde tries untagged variants in order: the strictest first, catch-alls last.
        variants.sort_by_key(|(rank, _)| *rank);
        let variants = variants.into_iter().map(|(_, v)| v).collect();
        TypeKind::Union(Union {
            tag: None,
            variants,
        })
    }
}

/// The narrowest type that holds every value of `numbers`: one type when they agree, the
/// wider integer when one holds the other (`i32` and `i64` -> `i64`, `u32` and `u64` -> `u64`,
/// `u32` and a signed one -> `i64`), else `f64`.
fn common_number(numbers: &[&TypeRef]) -> TypeRef {
    let first = numbers[0];
    if numbers.iter().all(|t| *t == first) {
        return first.clone();
    }
    let only = |allowed: &[TypeRef]| numbers.iter().all(|t| allowed.contains(t));
    if only(&[TypeRef::Int32, TypeRef::UInt32, TypeRef::Integer]) {
        TypeRef::Integer
    } else if only(&[TypeRef::UInt32, TypeRef::UInt64]) {
        TypeRef::UInt64
    } else {
        TypeRef::Number
    }
}

fn branch_ptr(ptr: &str, i: usize) -> String {
    child(&child(ptr, "oneOf"), &i.to_string())
}

/// `[object, array, string, number, boolean]` (or all but one of them) means "any JSON value".
fn covers_any_json(shapes: &[Shape<'_>]) -> bool {
    let mut kinds = [false; 5];
    for s in shapes {
        match s {
            Shape::Object { properties, .. } if properties.is_empty() => kinds[0] = true,
            Shape::Array { .. } => kinds[1] = true,
            Shape::String { values } if values.is_empty() => kinds[2] = true,
            Shape::Number(_) | Shape::Integer(_) => kinds[3] = true,
            Shape::Bool => kinds[4] = true,
            _ => {}
        }
    }
    kinds.iter().filter(|k| **k).count() >= 4
}

/// A property that every branch has as a distinct string literal (preferring `type`).
fn tag_property(shapes: &[Shape<'_>], lowerer: &Lowerer<'_>) -> Option<String> {
    let first = match shapes.first()? {
        Shape::Object { properties, .. } => properties,
        _ => return None,
    };
    let mut candidates: Vec<&String> = first.keys().collect();
    candidates.sort_by_key(|k| k.as_str() != "type");
    candidates.into_iter().find_map(|prop| {
        let mut seen: Vec<(String, String)> = Vec::new();
        for s in shapes {
            let Shape::Object {
                properties,
                required,
                ..
            } = s
            else {
                return None;
            };
            let value = properties
                .get(prop)
                .and_then(|p| prop_literal(p, lowerer))?;
            let key = object_key(properties, required, lowerer);
            // A branch that repeats an earlier one (Logto lists some twice, once with the tag
            // as `format: "\"X\""` and once as `enum: [X]`) adds nothing; any other repeat
            // of a value means the property does not tell the branches apart.
            match seen.iter().find(|(v, _)| *v == value) {
                Some((_, earlier)) if *earlier == key => continue,
                Some(_) => return None,
                None => seen.push((value, key)),
            }
        }
        Some(prop.clone())
    })
}

/// An object branch's structure with literals written one way (`format: "\"X\""` and
/// `enum: [X]` agree) and prose left out, so equivalent branches compare equal.
fn object_key(properties: &Properties, required: &[String], lowerer: &Lowerer<'_>) -> String {
    let mut parts: Vec<String> = properties
        .iter()
        .map(|(name, prop)| {
            let value = match (prop_literal(prop, lowerer), prop) {
                (Some(literal), _) => format!("={literal}"),
                (None, ReferenceOr::Reference { reference }) => reference.clone(),
                (None, ReferenceOr::Item(schema)) => super::schema::canonical(schema),
            };
            format!("{name}:{value}")
        })
        .collect();
    parts.sort();
    let mut required = required.to_vec();
    required.sort();
    format!("{parts:?}|{required:?}")
}

fn prop_literal(prop: &ReferenceOr<Box<Schema>>, lowerer: &Lowerer<'_>) -> Option<String> {
    let schema: &Schema = match prop {
        ReferenceOr::Item(s) => s,
        ReferenceOr::Reference { reference } => lowerer.lookup(reference)?,
    };
    super::shape::string_literal(schema)
}

fn literal_of(schema: &Schema, tag: &str, lowerer: &Lowerer<'_>) -> Option<String> {
    match Shape::of(schema) {
        Shape::Object { properties, .. } => prop_literal(properties.get(tag)?, lowerer),
        _ => None,
    }
}

/// A word that tells branch `i` apart from its siblings, from what the document says, best
/// first: the branch's `title`, a literal it pins (`type: "Totp"` -> `Totp`), a required
/// property only it has, any property only it has, its kind when it is the only object or list
/// among scalars. `VariantN` only when the document gives nothing.
fn branch_label(shapes: &[Option<Schema>], i: usize) -> String {
    let Some(schema) = &shapes[i] else {
        return format!("Variant{}", i + 1);
    };
    if let Some(title) = title_label(schema) {
        return title;
    }
    let own = branch_props(schema);
    if let Some((_, _, Some(lit))) = own.iter().find(|(_, _, lit)| lit.is_some()) {
        return pascal(lit);
    }
    let others: Vec<_> = shapes
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, s)| s.as_ref().map(branch_props).unwrap_or_default())
        .collect();
    let only_here = |k: &str, required_elsewhere_too: bool| {
        others.iter().all(|o| {
            o.iter()
                .all(|(ok, oreq, _)| ok != k || (required_elsewhere_too && !oreq))
        })
    };
    if let Some((k, _, _)) = own.iter().find(|(k, req, _)| *req && only_here(k, true)) {
        return pascal(k);
    }
    if let Some((k, _, _)) = own.iter().find(|(k, _, _)| only_here(k, false)) {
        return pascal(k);
    }
    let kind = |s: &Option<Schema>| s.as_ref().map(|s| kind_label(&Shape::of(s)));
    let mine = kind(&shapes[i]);
    let alone = shapes
        .iter()
        .enumerate()
        .all(|(j, s)| j == i || kind(s) != mine);
    match mine {
        Some(Some(label)) if alone => label.to_owned(),
        _ => format!("Variant{}", i + 1),
    }
}

/// A branch's `title` as a type-name word, when it is short enough to be a name rather than a
/// sentence.
fn title_label(schema: &Schema) -> Option<String> {
    let title = schema.schema_data.title.as_deref()?.trim();
    let short = !title.is_empty() && title.split_whitespace().count() <= 4 && title.len() <= 48;
    short.then(|| pascal(title))
}

/// The properties of an object branch: name, whether required, and the literal it pins.
fn branch_props(schema: &Schema) -> Vec<(String, bool, Option<String>)> {
    match Shape::of(schema) {
        Shape::Object {
            properties,
            required,
            ..
        } => properties
            .iter()
            .map(|(k, v)| {
                let lit = match v {
                    ReferenceOr::Item(s) => bool_or_string_literal(s),
                    ReferenceOr::Reference { .. } => None,
                };
                (k.clone(), required.contains(k), lit)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The word for a branch of a kind that needs no more words when it is the only one of its
/// kind: an object or a list among scalars.
fn kind_label(shape: &Shape<'_>) -> Option<&'static str> {
    match shape {
        Shape::Object { .. } => Some("Object"),
        Shape::Array { .. } => Some("List"),
        _ => None,
    }
}

fn bool_or_string_literal(schema: &Schema) -> Option<String> {
    if let Some(s) = super::shape::string_literal(schema) {
        return Some(s);
    }
    match &schema.schema_kind {
        openapiv3::SchemaKind::Any(a) if a.typ.as_deref() == Some("boolean") => a.format.clone(),
        _ => None,
    }
}

fn variant_name(ty: &TypeRef, parent: &str) -> String {
    match ty {
        TypeRef::Bool => "Bool".to_owned(),
        TypeRef::Integer | TypeRef::Int32 | TypeRef::UInt32 | TypeRef::UInt64 => {
            "Integer".to_owned()
        }
        TypeRef::Number | TypeRef::Float => "Number".to_owned(),
        TypeRef::Timestamp => "Timestamp".to_owned(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Any => "Any".to_owned(),
        TypeRef::File => "File".to_owned(),
        TypeRef::Bytes => "Bytes".to_owned(),
        TypeRef::List(_) => "List".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => variant_name(inner, parent),
        TypeRef::Named(n) => match n.strip_prefix(parent) {
            // `Self` is no variant name: keep the whole type name then.
            Some(rest)
                if !rest.is_empty()
                    && rest != "Self"
                    && rest.starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                rest.to_owned()
            }
            _ => n.clone(),
        },
    }
}

/// Lower ranks are tried first: integers before numbers, objects with more required fields
/// before laxer ones, and values that accept anything last.
fn order_rank(ty: &TypeRef, schema: Option<&Schema>) -> i32 {
    match ty {
        t if t.is_integer() => 0,
        TypeRef::Any => 1000,
        TypeRef::Map(_) => 900,
        TypeRef::Named(_) => {
            let required = match schema.map(Shape::of) {
                Some(Shape::Object { required, .. }) => required.len() as i32,
                _ => 0,
            };
            100 - required
        }
        _ => 100,
    }
}

/// The component a discriminator branch stands for: a `$ref`, or an inline `allOf` whose one
/// `$ref` part it extends (how an object beside the union is folded into each branch).
fn branch_key(branch: &ReferenceOr<Schema>) -> Option<String> {
    match branch {
        ReferenceOr::Reference { reference } => super::schema::component_key(reference),
        ReferenceOr::Item(schema) => {
            let parts = match &schema.schema_kind {
                openapiv3::SchemaKind::AllOf { all_of } => all_of,
                openapiv3::SchemaKind::Any(any) => &any.all_of,
                _ => return None,
            };
            let mut refs = parts.iter().filter_map(|p| match p {
                ReferenceOr::Reference { reference } => super::schema::component_key(reference),
                ReferenceOr::Item(_) => None,
            });
            match (refs.next(), refs.next()) {
                (Some(key), None) => Some(key),
                _ => None,
            }
        }
    }
}

/// The component a discriminator `mapping` value names: a `#/components/schemas/...` reference
/// or a bare schema name.
fn mapping_key(target: &str) -> Option<String> {
    if target.starts_with('#') {
        super::schema::component_key(target)
    } else if target.contains('/') || target.contains('#') {
        None
    } else {
        Some(target.to_owned())
    }
}
