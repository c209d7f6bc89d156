//! Lowering of one schema: scalars, lists, maps, structs and enums (unions live in `union.rs`).

use super::shape::{Properties, Shape};
use super::{Hint, Lowered, Lowerer, SchemaRef};
use crate::diag::child;
use crate::ir::{EnumValue, Field, Struct, TypeDef, TypeKind, TypeRef};
use crate::naming::{is_vague, pascal, singular, snake, Namespace};
use openapiv3::{AdditionalProperties, Schema};

/// Below this much stack left, [`Lowerer::schema`] continues on a new segment...
const RED_ZONE: usize = 128 * 1024;
/// ...of this size.
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

impl Lowerer<'_> {
    /// Lowers any schema, inline or referenced.
    ///
    /// A referenced component is lowered where it is first used, so a chain of `$ref`s is a
    /// chain of calls as long as the chain. Each call runs on a stack that grows on the heap
    /// when little is left (`stacker`), so no document, however long its chains, overflows the
    /// stack of the compiler running the macro.
    pub(crate) fn schema(&mut self, s: SchemaRef<'_>, hint: &Hint, ptr: &str) -> Lowered {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || match s {
            SchemaRef::Ref(reference) => self.reference(reference, ptr),
            SchemaRef::Inline(schema) => self.inline(schema, hint, ptr),
        })
    }

    fn reference(&mut self, reference: &str, ptr: &str) -> Lowered {
        let Some(key) = component_key(reference) else {
            self.error(
                ptr,
                format!(
                    "unsupported $ref `{reference}`: only `#/components/schemas/...` is followed"
                ),
            );
            return Lowered {
                ty: TypeRef::Any,
                nullable: false,
            };
        };
        if let Some(ty) = self.components.get(&key) {
            return Lowered {
                ty: ty.clone(),
                nullable: false,
            };
        }
        let api = self.api;
        let found = api.components.as_ref().and_then(|c| c.schemas.get(&key));
        let Some(target) = found else {
            self.error(
                ptr,
                format!("dangling $ref `{reference}`: no schema `{key}` in components.schemas"),
            );
            return Lowered {
                ty: TypeRef::Any,
                nullable: false,
            };
        };
        let target_ptr = format!("/components/schemas/{}", crate::diag::escape_token(&key));
        match target {
            openapiv3::ReferenceOr::Reference { reference: next } => {
                // Guard against `A -> B -> A` alias chains before following.
                self.components.insert(key.clone(), TypeRef::Any);
                let lowered = self.reference(next, &target_ptr);
                self.components.insert(key, lowered.ty.clone());
                lowered
            }
            openapiv3::ReferenceOr::Item(schema) => {
                let name = match self.component_names.get(&key) {
                    Some(name) => name.clone(),
                    None => self.names.claim(&pascal(&key)),
                };
                self.components
                    .insert(key.clone(), TypeRef::Named(name.clone()));
                let ty = match self.definition(schema, &name, &target_ptr, None) {
                    Some(kind) => {
                        let doc = type_doc(schema);
                        self.types.push(TypeDef {
                            name: name.clone(),
                            doc,
                            pointer: target_ptr,
                            kind,
                        });
                        TypeRef::Named(name)
                    }
                    None => self.inline(schema, &Hint::new([name]), &target_ptr).ty,
                };
                self.components.insert(key, ty.clone());
                Lowered {
                    ty,
                    nullable: schema.schema_data.nullable,
                }
            }
        }
    }

    /// Builds the definition of a named type for `schema`, or `None` when the schema is a
    /// scalar, list or map that needs no type of its own.
    fn definition(
        &mut self,
        schema: &Schema,
        name: &str,
        ptr: &str,
        skip: Option<&str>,
    ) -> Option<TypeKind> {
        self.in_progress.push(name.to_owned());
        let kind = match Shape::of(schema) {
            Shape::String { values } if !values.is_empty() => Some(enum_kind(&values)),
            Shape::Object {
                properties,
                required,
                additional,
            } if !properties.is_empty() => {
                let s = self.object(properties, required, additional, name, ptr, skip, None);
                Some(TypeKind::Struct(s))
            }
            Shape::Union {
                branches,
                doc_overlay,
            } => self.union_kind(branches, doc_overlay, name, ptr),
            Shape::AllOf(parts) => self.all_of(parts, name, ptr).map(TypeKind::Struct),
            _ => None,
        };
        self.in_progress.pop();
        kind
    }

    /// Lowers an inline schema, creating (or reusing) a named type when it needs one.
    pub(crate) fn inline(&mut self, schema: &Schema, hint: &Hint, ptr: &str) -> Lowered {
        let nullable = schema.schema_data.nullable;
        let ty = match Shape::of(schema) {
            Shape::Bool => TypeRef::Bool,
            Shape::Integer => TypeRef::Integer,
            Shape::Number => TypeRef::Number,
            Shape::String { values } if values.is_empty() => TypeRef::String,
            Shape::Object {
                properties,
                additional,
                ..
            } if properties.is_empty() => {
                TypeRef::Map(Box::new(self.additional(additional, hint, ptr)))
            }
            Shape::Array { items } => {
                let item_hint = Hint::new(hint.candidates.iter().map(|c| singular(c)));
                let item = match items {
                    Some(items) => {
                        self.schema(items.into(), &item_hint, &child(ptr, "items"))
                            .ty
                    }
                    None => TypeRef::Any,
                };
                TypeRef::List(Box::new(item))
            }
            Shape::Any => TypeRef::Any,
            Shape::Union { branches, .. } => return self.union(schema, branches, hint, ptr),
            _ => self.named(schema, hint, ptr, None),
        };
        Lowered { ty, nullable }
    }

    /// A named type for `schema`, shared with any earlier schema of the same structure.
    /// `skip` names a property left out (the tag of a tagged union branch).
    pub(crate) fn named(
        &mut self,
        schema: &Schema,
        hint: &Hint,
        ptr: &str,
        skip: Option<&str>,
    ) -> TypeRef {
        let key = format!("{}|{}", canonical(schema), skip.unwrap_or(""));
        let context = hint.candidates.first().cloned().unwrap_or_default();
        if let Some(existing) = self.by_shape.get(&key).cloned() {
            if let TypeRef::Named(name) = &existing {
                self.contexts.entry(name.clone()).or_default().push(context);
            }
            return existing;
        }
        let name = self.names.claim_first(&hint.candidates);
        self.contexts.entry(name.clone()).or_default().push(context);
        self.by_shape
            .insert(key.clone(), TypeRef::Named(name.clone()));
        match self.definition(schema, &name, ptr, skip) {
            Some(kind) => {
                let doc = type_doc(schema);
                self.types.push(TypeDef {
                    name: name.clone(),
                    doc,
                    pointer: ptr.to_owned(),
                    kind,
                });
                TypeRef::Named(name)
            }
            None => {
                // Only reachable for schemas `inline` never sends here; stay total anyway.
                self.by_shape.insert(key, TypeRef::Any);
                TypeRef::Any
            }
        }
    }

    fn additional(
        &mut self,
        additional: Option<&AdditionalProperties>,
        hint: &Hint,
        ptr: &str,
    ) -> TypeRef {
        match additional {
            Some(AdditionalProperties::Schema(s)) => {
                let value_hint = Hint::new(hint.candidates.iter().map(|c| format!("{c}Value")));
                let s: &openapiv3::ReferenceOr<Schema> = s;
                self.schema(s.into(), &value_hint, &child(ptr, "additionalProperties"))
                    .ty
            }
            _ => TypeRef::Any,
        }
    }

    /// The fields of an object; `overlay` supplies descriptions for fields that have none.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn object(
        &mut self,
        properties: &Properties,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        parent: &str,
        ptr: &str,
        skip: Option<&str>,
        overlay: Option<&Properties>,
    ) -> Struct {
        let mut field_names = Namespace::default();
        let mut fields = Vec::new();
        let props_ptr = child(ptr, "properties");
        for (wire, prop) in properties {
            if Some(wire.as_str()) == skip {
                continue;
            }
            let prop_ptr = child(&props_ptr, wire);
            let hint = property_hint(parent, wire);
            let lowered = self.schema(prop.into(), &hint, &prop_ptr);
            let ty = match lowered.ty {
                TypeRef::Named(n) if self.in_progress.contains(&n) => {
                    TypeRef::Boxed(Box::new(TypeRef::Named(n)))
                }
                other => other,
            };
            let doc = description(prop)
                .or_else(|| overlay.and_then(|o| o.get(wire)).and_then(description));
            fields.push(Field {
                name: field_names.claim(&snake(wire)),
                wire: wire.clone(),
                ty,
                required: required.contains(wire),
                nullable: lowered.nullable,
                doc,
            });
        }
        let extra = match additional {
            Some(AdditionalProperties::Any(false)) | None => None,
            other => Some(self.additional(other, &Hint::new([parent.to_owned()]), ptr)),
        };
        Struct {
            fields,
            extra,
            multipart: false,
        }
    }

    /// `allOf`: the properties of every part merged into one struct.
    fn all_of(
        &mut self,
        parts: &[openapiv3::ReferenceOr<Schema>],
        name: &str,
        ptr: &str,
    ) -> Option<Struct> {
        let mut merged = Struct::default();
        let mut names = Namespace::default();
        for (i, part) in parts.iter().enumerate() {
            let part_ptr = child(&child(ptr, "allOf"), &i.to_string());
            let schema = match SchemaRef::from(part) {
                SchemaRef::Inline(s) => s,
                SchemaRef::Ref(r) => match self.lookup(r) {
                    Some(s) => s,
                    None => {
                        self.error(&part_ptr, format!("dangling $ref `{r}`"));
                        continue;
                    }
                },
            };
            match Shape::of(schema) {
                Shape::Object {
                    properties,
                    required,
                    additional,
                    ..
                } => {
                    let part = self.object(
                        properties, required, additional, name, &part_ptr, None, None,
                    );
                    for mut f in part.fields {
                        if names.is_free(&f.name) {
                            f.name = names.claim(&f.name);
                            merged.fields.push(f);
                        }
                    }
                    merged.extra = merged.extra.or(part.extra);
                }
                _ => self.error(
                    &part_ptr,
                    "allOf part is not an object; only objects can be merged",
                ),
            }
        }
        Some(merged)
    }
}

impl<'a> Lowerer<'a> {
    /// A component schema by `$ref`, without lowering it. Borrows the document, not `self`, so
    /// the result can be held while lowering goes on.
    pub(crate) fn lookup(&self, reference: &str) -> Option<&'a Schema> {
        lookup_in(self.api, reference, 0)
    }
}

fn lookup_in<'a>(api: &'a openapiv3::OpenAPI, reference: &str, depth: usize) -> Option<&'a Schema> {
    let key = component_key(reference)?;
    match api.components.as_ref()?.schemas.get(&key)? {
        openapiv3::ReferenceOr::Item(s) => Some(s),
        // Alias chains are followed a bounded number of times, so a cycle cannot hang us.
        openapiv3::ReferenceOr::Reference { reference } if depth < 32 => {
            lookup_in(api, reference, depth + 1)
        }
        openapiv3::ReferenceOr::Reference { .. } => None,
    }
}

/// An open enum's values, with names that are unique and valid.
pub(crate) fn enum_kind(values: &[String]) -> TypeKind {
    let mut names = Namespace::default();
    names.claim("Unknown");
    let mut out: Vec<EnumValue> = Vec::new();
    for v in values {
        if out.iter().any(|e| &e.wire == v) {
            continue;
        }
        out.push(EnumValue {
            name: names.claim(&pascal(v)),
            wire: v.clone(),
        });
    }
    TypeKind::Enum(out)
}

/// Names for the type of property `wire` of type `parent`: the property's own name when it says
/// enough, else qualified by the parent.
fn property_hint(parent: &str, wire: &str) -> Hint {
    let own = pascal(wire);
    let qualified = format!("{parent}{own}");
    if is_vague(wire) {
        Hint::new([qualified])
    } else {
        Hint::new([own, qualified])
    }
}

/// What documents the type made for `schema`: its description, else its title.
pub(crate) fn type_doc(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    [&data.description, &data.title]
        .into_iter()
        .flatten()
        .find(|text| !text.trim().is_empty())
        .cloned()
}

/// The description of an inline property schema.
pub(crate) fn description<T: std::borrow::Borrow<Schema>>(
    prop: &openapiv3::ReferenceOr<T>,
) -> Option<String> {
    match prop {
        openapiv3::ReferenceOr::Item(s) => s.borrow().schema_data.description.clone(),
        openapiv3::ReferenceOr::Reference { .. } => None,
    }
}

/// `#/components/schemas/A~1B` -> `A/B`.
pub(crate) fn component_key(reference: &str) -> Option<String> {
    let raw = reference.strip_prefix("#/components/schemas/")?;
    Some(raw.replace("~1", "/").replace("~0", "~"))
}

/// The structure of a schema as a string, ignoring prose and `x-` extensions, so that two inline
/// schemas that differ only in their descriptions become one Rust type. Its own `nullable` is
/// left out too: that belongs to the place using the type (it travels in `Lowered::nullable`),
/// while a property's `nullable` stays, as it shapes the field.
pub(crate) fn canonical(schema: &Schema) -> String {
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    if let serde_json::Value::Object(map) = &mut value {
        map.remove("nullable");
    }
    strip_prose(&mut value);
    value.to_string()
}

fn strip_prose(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for key in ["description", "title", "example", "default", "externalDocs"] {
                map.remove(key);
            }
            map.retain(|key, _| !key.starts_with("x-"));
            // Serialization order depends on which optional keywords are present (a
            // description moves `enum` ahead of `type`), so sort to compare structure only.
            map.sort_keys();
            for (key, v) in map.iter_mut() {
                match key.as_str() {
                    // Maps from names the document chose to schemas: keep every name.
                    "properties" => {
                        if let serde_json::Value::Object(props) = v {
                            props.values_mut().for_each(strip_prose);
                        }
                    }
                    // Values, not schemas: compared as written.
                    "enum" | "discriminator" => {}
                    _ => strip_prose(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_prose),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::canonical;

    fn schema(json: &str) -> openapiv3::Schema {
        serde_json::from_str(json).expect("a schema")
    }

    #[test]
    fn prose_does_not_change_the_structure_key() {
        let bare = schema(r#"{"type":"string","enum":["User","MachineToMachine"]}"#);
        let described = schema(
            r#"{"description":"Who gets it.","type":"string","enum":["User","MachineToMachine"]}"#,
        );
        assert_eq!(canonical(&bare), canonical(&described));
        let other = schema(r#"{"type":"string","enum":["User"]}"#);
        assert_ne!(canonical(&bare), canonical(&other));
    }

    #[test]
    fn nullable_and_extensions_do_not_change_the_structure_key() {
        let bare = schema(r#"{"type":"string","enum":["on","off"]}"#);
        let marked = schema(
            r#"{"type":"string","enum":["on","off"],"nullable":true,"x-order":3,"title":"Switch"}"#,
        );
        assert_eq!(canonical(&bare), canonical(&marked));
        // A property's `nullable` shapes its field, so it stays part of the key.
        let plain = schema(r#"{"type":"object","properties":{"a":{"type":"string"}}}"#);
        let nullable =
            schema(r#"{"type":"object","properties":{"a":{"type":"string","nullable":true}}}"#);
        assert_ne!(canonical(&plain), canonical(&nullable));
        // Names the document chose are kept, even when they look like prose or extensions.
        let named = schema(r#"{"type":"object","properties":{"x-id":{"type":"string"}}}"#);
        let other = schema(r#"{"type":"object","properties":{"x-key":{"type":"string"}}}"#);
        assert_ne!(canonical(&named), canonical(&other));
        let tagged = |tag: &str| {
            schema(&format!(
                r##"{{"oneOf":[{{"$ref":"#/components/schemas/A"}}],"discriminator":{{"propertyName":"kind","mapping":{{"{tag}":"#/components/schemas/A"}}}}}}"##
            ))
        };
        assert_ne!(canonical(&tagged("title")), canonical(&tagged("x-a")));
    }
}
