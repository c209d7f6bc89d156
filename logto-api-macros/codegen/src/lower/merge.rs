//! Schemas that combine others, rewritten into schemas the rest of lowering already handles:
//!
//! - `allOf` is the intersection of its parts. Object parts merge into one object (properties in
//!   order, `required` from every part and from beside `allOf`); a single part that is not an
//!   object (a `$ref` to a string, enum or union, an inline scalar) is the value itself; parts
//!   that only carry `required`, `nullable` or prose add just that. Nested `allOf`s flatten.
//!   Parts that cannot both hold (an object and a string, two different scalars, two unions)
//!   are a diagnostic naming both.
//! - An object with typed `properties` beside `oneOf`/`anyOf`: branches that only constrain
//!   (`required`, `minProperties`, ...) leave the object as it is; branches with a shape of their
//!   own become the union's variants, each also carrying the object's properties (as if each
//!   branch were `allOf: [object, branch]`). Properties that only carry a description stay
//!   documentation for the branches' fields, as Logto writes them.

use super::shape::{Properties, Shape};
use super::Lowerer;
use crate::diag::child;
use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind};
use std::borrow::Cow;

/// How deep `allOf`s may nest (through `$ref`s too) before the document is refused.
const MAX_NESTING: usize = 64;

/// What to lower in place of a schema that combines others.
#[derive(Debug)]
pub(crate) enum Rewrite {
    /// This schema.
    Schema(Box<Schema>),
    /// Exactly this part, found at `ptr`; `nullable` when the wrapper or a part allows `null`.
    Part {
        part: Box<ReferenceOr<Schema>>,
        ptr: String,
        nullable: bool,
    },
}

/// One part of an `allOf`, with its `$ref` (if it was one) and where it was written.
struct Part<'a> {
    schema: Cow<'a, Schema>,
    reference: Option<&'a str>,
    ptr: String,
}

/// Where flattening is: the `$ref`s being expanded (a repeat is a cycle) and those done.
#[derive(Default)]
struct Walk<'s> {
    chain: Vec<&'s str>,
    done: std::collections::HashSet<&'s str>,
}

/// What a part contributes to the intersection.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    /// Only `required`, `nullable`, prose or "is an object".
    Constraint,
    /// Properties or `additionalProperties`.
    Object,
    /// `oneOf`/`anyOf`.
    Union,
    /// A scalar, enum or array: the value itself.
    Value,
}

impl<'a> Lowerer<'a> {
    /// The rewrite of `schema`, `None` when it combines nothing, or the reason it cannot be
    /// lowered (already worded with the pointers at fault, to report at `ptr`).
    pub(crate) fn rewrite(&self, schema: &Schema, ptr: &str) -> Option<Result<Rewrite, String>> {
        if let Some(parts) = all_of(schema) {
            return Some(self.intersect(schema, parts, ptr));
        }
        self.object_beside_union(schema).map(Ok)
    }

    /// `schema` with any combination rewritten, for looking at its shape (errors are reported
    /// when the schema is lowered, not here).
    pub(crate) fn effective<'s>(&self, schema: &'s Schema) -> Cow<'s, Schema>
    where
        'a: 's,
    {
        let mut current: Cow<'s, Schema> = Cow::Borrowed(schema);
        for _ in 0..MAX_NESTING {
            let next = self.rewrite(&current, "");
            current = match next {
                Some(Ok(Rewrite::Schema(s))) => Cow::Owned(*s),
                Some(Ok(Rewrite::Part { part, .. })) => match *part {
                    ReferenceOr::Item(s) => Cow::Owned(s),
                    ReferenceOr::Reference { reference } => match self.lookup(&reference) {
                        Some(s) => Cow::Borrowed(s),
                        None => return current,
                    },
                },
                _ => return current,
            };
        }
        current
    }

    fn intersect<'s>(
        &self,
        wrapper: &'s Schema,
        parts: &'s [ReferenceOr<Schema>],
        ptr: &str,
    ) -> Result<Rewrite, String>
    where
        'a: 's,
    {
        if let Some(rewrite) = alias_of_one(wrapper, parts, ptr) {
            return Ok(rewrite);
        }
        let mut flat = Vec::new();
        if let Some(own) = own_keywords(wrapper) {
            flat.push(Part {
                schema: Cow::Owned(own),
                reference: None,
                ptr: ptr.to_owned(),
            });
        }
        let mut walk = Walk::default();
        self.flatten(parts, &child(ptr, "allOf"), &mut flat, &mut walk, 0)?;
        let roles: Vec<Role> = flat.iter().map(|p| role(&p.schema)).collect();
        let nullable = wrapper.schema_data.nullable
            || flat
                .iter()
                .zip(&roles)
                .any(|(p, r)| *r == Role::Constraint && p.schema.schema_data.nullable);
        let of = |wanted: Role| -> Vec<usize> {
            (0..flat.len()).filter(|i| roles[*i] == wanted).collect()
        };
        let (objects, unions, values) = (of(Role::Object), of(Role::Union), of(Role::Value));
        if let (Some(&o), Some(&v)) = (objects.first(), values.first()) {
            return Err(cannot_intersect(
                &flat[o],
                &flat[v],
                "an object and a value",
            ));
        }
        if let [first, second, ..] = unions.as_slice() {
            return Err(cannot_intersect(
                &flat[*first],
                &flat[*second],
                "two unions",
            ));
        }
        if objects.is_empty() && !values.is_empty() {
            // A value is at least as strict as a union it must also satisfy.
            return self.one_value(&flat, &values, nullable);
        }
        if objects.is_empty() {
            if let Some(&u) = unions.first() {
                return Ok(as_part(&flat[u], nullable));
            }
        }
        self.merge_objects(wrapper, &flat, &roles, nullable)
    }

    /// Appends the parts of `parts`, with nested `allOf`s (inline or behind `$ref`s) flattened.
    fn flatten<'s>(
        &self,
        parts: &'s [ReferenceOr<Schema>],
        ptr: &str,
        out: &mut Vec<Part<'s>>,
        walk: &mut Walk<'s>,
        depth: usize,
    ) -> Result<(), String>
    where
        'a: 's,
    {
        if depth > MAX_NESTING {
            return Err(format!(
                "allOf nests more than {MAX_NESTING} levels deep at {ptr}"
            ));
        }
        for (i, part) in parts.iter().enumerate() {
            let part_ptr = child(ptr, &i.to_string());
            let (schema, reference) = match part {
                ReferenceOr::Item(s) => (s, None),
                ReferenceOr::Reference { reference } => match self.lookup(reference) {
                    Some(s) => (s, Some(reference.as_str())),
                    None => return Err(format!("dangling $ref `{reference}` at {part_ptr}")),
                },
            };
            if let Some(r) = reference {
                // Intersecting a part twice changes nothing; flattening it once keeps a
                // document of shared bases (diamonds) linear.
                if walk.done.contains(r) {
                    continue;
                }
            }
            let Some(nested) = all_of(schema) else {
                walk.done.extend(reference);
                out.push(Part {
                    schema: Cow::Borrowed(schema),
                    reference,
                    ptr: part_ptr,
                });
                continue;
            };
            if let Some(r) = reference {
                if walk.chain.contains(&r) {
                    return Err(format!("allOf includes itself through `{r}` at {part_ptr}"));
                }
                walk.chain.push(r);
            }
            if let Some(own) = own_keywords(schema) {
                out.push(Part {
                    schema: Cow::Owned(own),
                    reference: None,
                    ptr: part_ptr.clone(),
                });
            }
            let nested_ptr = match reference {
                Some(r) => child(&component_pointer(r), "allOf"),
                None => child(&part_ptr, "allOf"),
            };
            self.flatten(nested, &nested_ptr, out, walk, depth + 1)?;
            if let Some(r) = reference {
                walk.chain.pop();
                walk.done.insert(r);
            }
        }
        Ok(())
    }

    /// Parts that are all values: one of them, if they agree on the kind of value. A named
    /// (`$ref`) part is preferred, then one that lists values, then the first.
    fn one_value(
        &self,
        flat: &[Part<'_>],
        values: &[usize],
        nullable: bool,
    ) -> Result<Rewrite, String> {
        let first = &flat[values[0]];
        for &i in &values[1..] {
            if kind(&first.schema) != kind(&flat[i].schema) {
                return Err(cannot_intersect(
                    first,
                    &flat[i],
                    "two different kinds of value",
                ));
            }
        }
        let pick = values
            .iter()
            .find(|&&i| flat[i].reference.is_some())
            .or_else(|| {
                values.iter().find(|&&i| {
                    matches!(Shape::of(&flat[i].schema), Shape::String { values } if !values.is_empty())
                })
            })
            .unwrap_or(&values[0]);
        Ok(as_part(&flat[*pick], nullable))
    }

    /// Every object part's properties (and the one union's branches) in one object schema.
    fn merge_objects(
        &self,
        wrapper: &Schema,
        flat: &[Part<'_>],
        roles: &[Role],
        nullable: bool,
    ) -> Result<Rewrite, String> {
        let mut merged = AnySchema {
            typ: Some("object".to_owned()),
            ..AnySchema::default()
        };
        let mut origin: Vec<(String, String)> = Vec::new();
        let mut discriminator = wrapper.schema_data.discriminator.clone();
        for (part, role) in flat.iter().zip(roles) {
            if *role == Role::Union {
                merged.one_of = union_branches(&part.schema).to_vec();
                discriminator =
                    discriminator.or_else(|| part.schema.schema_data.discriminator.clone());
            }
            let Some(object) = object_keywords(&part.schema) else {
                continue;
            };
            for name in object.required {
                if !merged.required.contains(name) {
                    merged.required.push(name.clone());
                }
            }
            for (name, prop) in object.properties {
                match merged.properties.get(name) {
                    None => {
                        merged.properties.insert(name.clone(), prop.clone());
                        origin.push((name.clone(), part.ptr.clone()));
                    }
                    Some(existing) => {
                        let (old, new) = (self.prop_kind(existing), self.prop_kind(prop));
                        if old.is_none() && new.is_some() {
                            merged.properties.insert(name.clone(), prop.clone());
                        } else if old.is_some()
                            && old == new
                            && old == Some(OBJECT)
                            && !same(existing, prop)
                        {
                            // Both parts describe it as an object: the property is their
                            // intersection too (scalars of one kind need nothing more).
                            let both = Schema {
                                schema_data: SchemaData::default(),
                                schema_kind: SchemaKind::AllOf {
                                    all_of: vec![unbox(existing), unbox(prop)],
                                },
                            };
                            merged
                                .properties
                                .insert(name.clone(), ReferenceOr::Item(Box::new(both)));
                        } else if old.is_some() && new.is_some() && old != new {
                            let first = origin
                                .iter()
                                .find(|(n, _)| n == name)
                                .map(|(_, p)| p.as_str());
                            return Err(format!(
                                "allOf parts give property `{name}` types that cannot both hold: {} and {}",
                                child(&child(first.unwrap_or(""), "properties"), name),
                                child(&child(&part.ptr, "properties"), name)
                            ));
                        }
                    }
                }
            }
            if merged.additional_properties.is_none() {
                merged.additional_properties = object.additional.cloned();
            }
        }
        Ok(Rewrite::Schema(Box::new(Schema {
            schema_data: SchemaData {
                nullable,
                discriminator,
                ..wrapper.schema_data.clone()
            },
            schema_kind: SchemaKind::Any(merged),
        })))
    }

    /// The kind of value a property holds, `None` when it only documents.
    fn prop_kind(&self, prop: &ReferenceOr<Box<Schema>>) -> Option<u8> {
        let schema: &Schema = match prop {
            ReferenceOr::Item(s) => s,
            ReferenceOr::Reference { reference } => self.lookup(reference)?,
        };
        match kind(&self.effective(schema)) {
            0 => None,
            k => Some(k),
        }
    }

    /// `{properties, oneOf}` with typed properties and branches that have a shape of their own:
    /// a union of `allOf: [properties, branch]`. Branches that only constrain: the object alone.
    fn object_beside_union(&self, schema: &Schema) -> Option<Rewrite> {
        let SchemaKind::Any(any) = &schema.schema_kind else {
            return None;
        };
        let branches = if any.one_of.is_empty() {
            &any.any_of
        } else {
            &any.one_of
        };
        if branches.is_empty() || (any.properties.is_empty() && any.additional_properties.is_none())
        {
            return None;
        }
        let object = AnySchema {
            typ: Some("object".to_owned()),
            properties: any.properties.clone(),
            required: any.required.clone(),
            additional_properties: any.additional_properties.clone(),
            ..AnySchema::default()
        };
        let data = schema.schema_data.clone();
        if branches.iter().all(|b| self.only_constrains(b)) {
            return Some(Rewrite::Schema(Box::new(Schema {
                schema_data: data,
                schema_kind: SchemaKind::Any(object),
            })));
        }
        if any.properties.values().all(documents_only) && any.additional_properties.is_none() {
            // Documentation for the branches' fields, as Logto writes it: left to the union.
            return None;
        }
        let parent = ReferenceOr::Item(Schema {
            schema_data: SchemaData::default(),
            schema_kind: SchemaKind::Any(object),
        });
        let one_of = branches
            .iter()
            .map(|branch| {
                ReferenceOr::Item(Schema {
                    schema_data: SchemaData::default(),
                    schema_kind: SchemaKind::AllOf {
                        all_of: vec![parent.clone(), branch.clone()],
                    },
                })
            })
            .collect();
        let union = if any.one_of.is_empty() {
            AnySchema {
                any_of: one_of,
                ..AnySchema::default()
            }
        } else {
            AnySchema {
                one_of,
                ..AnySchema::default()
            }
        };
        Some(Rewrite::Schema(Box::new(Schema {
            schema_data: data,
            schema_kind: SchemaKind::Any(union),
        })))
    }

    fn only_constrains(&self, branch: &ReferenceOr<Schema>) -> bool {
        match branch {
            ReferenceOr::Item(s) => role(s) == Role::Constraint,
            ReferenceOr::Reference { .. } => false,
        }
    }
}

/// True for a property that only carries prose (a description, or `properties` that in turn
/// only carry descriptions): how Logto's documents document the fields of a union's branches.
fn documents_only(prop: &ReferenceOr<Box<Schema>>) -> bool {
    let ReferenceOr::Item(schema) = prop else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            let rest = AnySchema {
                properties: Default::default(),
                ..any.clone()
            };
            rest == AnySchema::default() && any.properties.values().all(documents_only)
        }
        _ => false,
    }
}

/// [`kind`] of an object.
const OBJECT: u8 = 5;

/// True when two property schemas are written the same way (prose aside).
fn same(a: &ReferenceOr<Box<Schema>>, b: &ReferenceOr<Box<Schema>>) -> bool {
    match (a, b) {
        (ReferenceOr::Reference { reference: x }, ReferenceOr::Reference { reference: y }) => {
            x == y
        }
        (ReferenceOr::Item(x), ReferenceOr::Item(y)) => {
            super::schema::canonical(x) == super::schema::canonical(y)
        }
        _ => false,
    }
}

/// A property schema as an `allOf` part.
fn unbox(prop: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match prop {
        ReferenceOr::Item(s) => ReferenceOr::Item((**s).clone()),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
    }
}

/// The parts of an `allOf`, whether openapiv3 parsed it alone or beside other keywords.
fn all_of(schema: &Schema) -> Option<&[ReferenceOr<Schema>]> {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => Some(all_of),
        SchemaKind::Any(any) if !any.all_of.is_empty() => Some(&any.all_of),
        _ => None,
    }
}

/// `allOf: [{$ref: X}]` beside nothing but `nullable` or prose (the common way to make a
/// reference nullable or describe it): X itself, keeping its name and kind (a base with a
/// discriminator stays the union of its extensions).
fn alias_of_one(wrapper: &Schema, parts: &[ReferenceOr<Schema>], ptr: &str) -> Option<Rewrite> {
    let mut reference = None;
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        match part {
            ReferenceOr::Reference { reference: r } if reference.is_none() => {
                reference = Some(r);
                at = i;
            }
            ReferenceOr::Item(s) if only_prose(s) => {}
            _ => return None,
        }
    }
    if own_keywords(wrapper).is_some() {
        return None;
    }
    let nullable = wrapper.schema_data.nullable
        || parts
            .iter()
            .any(|p| matches!(p, ReferenceOr::Item(s) if s.schema_data.nullable));
    Some(Rewrite::Part {
        part: Box::new(ReferenceOr::Reference {
            reference: reference?.clone(),
        }),
        ptr: child(&child(ptr, "allOf"), &at.to_string()),
        nullable,
    })
}

/// True for `allOf: [{$ref: X}]` with nothing but `nullable` or prose: another name for X, not
/// a schema extending it.
pub(crate) fn is_alias(schema: &Schema) -> bool {
    all_of(schema).is_some_and(|parts| alias_of_one(schema, parts, "").is_some())
}

/// A part that says nothing but `nullable` or prose.
fn only_prose(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default())
}

/// What a schema written beside `allOf` says itself (`type`, `properties`, `required`, ...),
/// as a part of its own; `None` when it says nothing but prose.
fn own_keywords(schema: &Schema) -> Option<Schema> {
    let SchemaKind::Any(any) = &schema.schema_kind else {
        return None;
    };
    let rest = AnySchema {
        all_of: Vec::new(),
        ..any.clone()
    };
    (rest != AnySchema::default()).then(|| Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Any(rest),
    })
}

fn role(schema: &Schema) -> Role {
    match Shape::of(schema) {
        Shape::Any | Shape::AllOf => Role::Constraint,
        Shape::Object {
            properties,
            additional,
            ..
        } if properties.is_empty() && additional.is_none() => Role::Constraint,
        Shape::Object { .. } => Role::Object,
        Shape::Union { .. } => Role::Union,
        _ => Role::Value,
    }
}

/// A number per kind of JSON value (0 for "anything"), to tell which parts can both hold.
fn kind(schema: &Schema) -> u8 {
    match Shape::of(schema) {
        Shape::Any | Shape::AllOf => 0,
        Shape::Bool => 1,
        Shape::Integer(_) | Shape::Number(_) => 2,
        Shape::String { .. } => 3,
        Shape::Array { .. } => 4,
        Shape::Object { .. } => 5,
        Shape::Union { .. } => 6,
    }
}

/// The object keywords of a part: properties, `required` and `additionalProperties`.
struct ObjectKeywords<'s> {
    properties: &'s Properties,
    required: &'s [String],
    additional: Option<&'s openapiv3::AdditionalProperties>,
}

fn object_keywords(schema: &Schema) -> Option<ObjectKeywords<'_>> {
    match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(o)) => Some(ObjectKeywords {
            properties: &o.properties,
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        }),
        SchemaKind::Any(any) => Some(ObjectKeywords {
            properties: &any.properties,
            required: &any.required,
            additional: any.additional_properties.as_ref(),
        }),
        _ => None,
    }
}

fn union_branches(schema: &Schema) -> &[ReferenceOr<Schema>] {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => one_of,
        SchemaKind::AnyOf { any_of } => any_of,
        SchemaKind::Any(any) if !any.one_of.is_empty() => &any.one_of,
        SchemaKind::Any(any) => &any.any_of,
        _ => &[],
    }
}

fn as_part(part: &Part<'_>, nullable: bool) -> Rewrite {
    Rewrite::Part {
        part: Box::new(match part.reference {
            Some(r) => ReferenceOr::Reference {
                reference: r.to_owned(),
            },
            None => ReferenceOr::Item(part.schema.clone().into_owned()),
        }),
        ptr: part.ptr.clone(),
        nullable,
    }
}

fn cannot_intersect(a: &Part<'_>, b: &Part<'_>, what: &str) -> String {
    format!(
        "allOf parts cannot both hold ({what}): {} and {}",
        a.ptr, b.ptr
    )
}

fn component_pointer(reference: &str) -> String {
    match super::schema::component_key(reference) {
        Some(key) => format!("/components/schemas/{}", crate::diag::escape_token(&key)),
        None => reference.to_owned(),
    }
}
