//! Lowering of one schema: scalars, lists, maps, structs and enums (unions live in `union.rs`).

use super::merge::Rewrite;
use super::shape::{Properties, Shape};
use super::{Hint, Lowered, Lowerer, SchemaRef};
use crate::diag::child;
use crate::ir::{EnumValue, Field, Struct, TypeDef, TypeKind, TypeRef};
use crate::naming::{is_type_name, pascal, singular, snake, Namespace};
use openapiv3::{AdditionalProperties, Schema};

/// Deepest nesting of lists and maps written out without a name (`Vec<Vec<...>>`).
const MAX_ANONYMOUS_NESTING: usize = 32;
/// How many rewrites of combined schemas may be in progress at once: deeper means a cycle
/// through `allOf`s or unions beside properties, which would otherwise never end.
const MAX_REWRITES: usize = 256;
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
        if let Some(ty) = self.components.get(&key).cloned() {
            if let TypeRef::Named(name) = &ty {
                self.handed_out.insert(name.clone());
            }
            // Every use of a nullable component is nullable, not only the first one lowered.
            let nullable = self.component_nullable.contains(&key);
            return Lowered { ty, nullable };
        }
        if self.following.contains(&key) {
            let start = self.following.iter().position(|k| *k == key).unwrap_or(0);
            let chain = match &self.following[start..] {
                [first, .., last] if self.following.len() - start > 4 => {
                    format!("{first} -> ... -> {last}")
                }
                links => links.join(" -> "),
            };
            self.error(
                ptr,
                format!("$ref cycle with no schema in it: {chain} -> {key}"),
            );
            return Lowered {
                ty: TypeRef::Any,
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
                self.following.push(key.clone());
                // Through `schema`, whose stack grows: alias chains can be long too.
                let lowered = self.schema(SchemaRef::Ref(next), &Hint::default(), &target_ptr);
                self.following.pop();
                self.components.insert(key, lowered.ty.clone());
                lowered
            }
            openapiv3::ReferenceOr::Item(schema) => {
                let polymorphic = self.polymorphic(&key, schema);
                let schema = polymorphic.as_ref().unwrap_or(schema);
                let name = match self.component_names.get(&key) {
                    Some(name) => name.clone(),
                    None => self.names.claim(&pascal(&key)),
                };
                self.components
                    .insert(key.clone(), TypeRef::Named(name.clone()));
                // An alias chain that reaches a real schema is not a cycle of aliases, even if
                // that schema refers back to the chain's start (`A: $ref B`, `B: [A]`).
                let following = std::mem::take(&mut self.following);
                // Its inline schemas belong to the component, whoever refers to it first.
                let outer = std::mem::replace(&mut self.scope, target_ptr.clone());
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
                    None => {
                        let ty = self
                            .inline(schema, &Hint::new([name.clone()]), &target_ptr)
                            .ty;
                        self.newtype_if_recursive(name, ty, schema, target_ptr)
                    }
                };
                self.following = following;
                self.scope = outer;
                let nullable = self.accepts_null(schema);
                if nullable {
                    self.component_nullable.insert(key.clone());
                }
                self.components.insert(key, ty.clone());
                Lowered { ty, nullable }
            }
        }
    }

    /// A base schema with a `discriminator` but no `oneOf`, which other components extend with
    /// `allOf: [{$ref: base}, ...]` (the inheritance style of OpenAPI 3.0): a value of the base
    /// is one of those components, so it becomes a union of them keyed by the discriminator
    /// (values from its `mapping`, else the components' names). `None` for any other schema.
    fn polymorphic(&self, key: &str, schema: &Schema) -> Option<Schema> {
        let discriminator = schema.schema_data.discriminator.as_ref()?;
        if matches!(Shape::of(schema), Shape::Union { .. }) {
            return None;
        }
        let own = component_ref(key);
        let extends = |s: &Schema| {
            match &s.schema_kind {
            openapiv3::SchemaKind::AllOf { all_of } => all_of.iter().any(|p| matches!(p, openapiv3::ReferenceOr::Reference { reference } if *reference == own)),
            openapiv3::SchemaKind::Any(any) => any.all_of.iter().any(|p| matches!(p, openapiv3::ReferenceOr::Reference { reference } if *reference == own)),
            _ => false,
        }
        };
        let schemas = &self.api.components.as_ref()?.schemas;
        let one_of: Vec<openapiv3::ReferenceOr<Schema>> = schemas
            .iter()
            .filter(|(k, s)| {
                k.as_str() != key
                    && matches!(s, openapiv3::ReferenceOr::Item(s) if extends(s) && !super::merge::is_alias(s))
            })
            .map(|(k, _)| openapiv3::ReferenceOr::Reference {
                reference: component_ref(k),
            })
            .collect();
        // A mapping back to the base itself would make the union contain itself.
        let mut discriminator = discriminator.clone();
        discriminator
            .mapping
            .retain(|_, target| *target != own && *target != key);
        if one_of.is_empty() && discriminator.mapping.is_empty() {
            return None;
        }
        Some(Schema {
            schema_data: openapiv3::SchemaData {
                discriminator: Some(discriminator),
                ..schema.schema_data.clone()
            },
            schema_kind: openapiv3::SchemaKind::OneOf { one_of },
        })
    }

    /// A component that is a list, map or scalar needs no type of its own, unless its
    /// definition refers back to it, or nests lists and maps so deep that writing the type out
    /// would strain every recursive tool after us (rustc, syn, prettyplease): then its name
    /// becomes a newtype around what it is.
    fn newtype_if_recursive(
        &mut self,
        name: String,
        ty: TypeRef,
        schema: &Schema,
        pointer: String,
    ) -> TypeRef {
        if !self.handed_out.contains(&name) && nesting(&ty) <= MAX_ANONYMOUS_NESTING {
            return ty;
        }
        if ty == TypeRef::Named(name.clone()) {
            self.error(
                &pointer,
                format!("schema `{name}` is only a reference to itself: it describes no value"),
            );
            return TypeRef::Any;
        }
        self.types.push(TypeDef {
            name: name.clone(),
            doc: schema.schema_data.description.clone(),
            pointer,
            kind: TypeKind::Newtype(ty),
        });
        TypeRef::Named(name)
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
        match self.rewrite(schema, ptr) {
            Some(Ok(Rewrite::Schema(merged))) => return self.definition(&merged, name, ptr, skip),
            Some(Ok(Rewrite::Part { part, ptr, .. })) => match *part {
                openapiv3::ReferenceOr::Item(part) => {
                    return self.definition(&part, name, &ptr, skip)
                }
                // A `$ref` part is the referenced type: `inline` follows it.
                openapiv3::ReferenceOr::Reference { .. } => return None,
            },
            // A conflict is reported by `inline`, which the caller falls back to.
            Some(Err(_)) => return None,
            None => {}
        }
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
            } => self.union_kind(
                branches,
                doc_overlay,
                schema.schema_data.discriminator.as_ref(),
                name,
                ptr,
            ),
            _ => None,
        };
        kind
    }

    /// Lowers an inline schema, creating (or reusing) a named type when it needs one.
    pub(crate) fn inline(&mut self, schema: &Schema, hint: &Hint, ptr: &str) -> Lowered {
        if let Some(rewrite) = self.rewrite(schema, ptr) {
            return self.rewritten(rewrite, hint, ptr);
        }
        let nullable = schema.schema_data.nullable;
        let ty = match Shape::of(schema) {
            Shape::Bool => TypeRef::Bool,
            Shape::Integer(ty) | Shape::Number(ty) => ty,
            Shape::String { values } if values.is_empty() => TypeRef::String,
            Shape::Object {
                properties,
                additional,
                ..
            } if properties.is_empty() => {
                TypeRef::Map(Box::new(self.additional(additional, hint, ptr)))
            }
            Shape::Array { items } => {
                let item_hint = Hint::new(hint.candidates.iter().map(|c| item_name(c)));
                let item = match items {
                    Some(items) => self
                        .schema(items.into(), &item_hint, &child(ptr, "items"))
                        .or_null(),
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

    /// Lowers what an `allOf` (or an object beside a union) was rewritten to.
    fn rewritten(&mut self, rewrite: Result<Rewrite, String>, hint: &Hint, ptr: &str) -> Lowered {
        let any = Lowered {
            ty: TypeRef::Any,
            nullable: false,
        };
        if self.rewrites >= MAX_REWRITES {
            self.error(
                ptr,
                format!("schema combinations (allOf, oneOf beside properties) nest more than {MAX_REWRITES} deep; is there a cycle through them?"),
            );
            return any;
        }
        self.rewrites += 1;
        let lowered = match rewrite {
            Ok(Rewrite::Schema(schema)) => self.inline(&schema, hint, ptr),
            Ok(Rewrite::Part {
                part,
                ptr: part_ptr,
                nullable,
            }) => {
                let lowered = self.schema((&*part).into(), hint, &part_ptr);
                Lowered {
                    nullable: lowered.nullable || nullable,
                    ..lowered
                }
            }
            Err(message) => {
                self.error(ptr, message);
                any
            }
        };
        self.rewrites -= 1;
        lowered
    }

    /// A named type for `schema`, shared with any earlier schema of the same structure in the
    /// same scope, or anywhere when the schema names itself with `x-rust-type-name`.
    /// `skip` names a property left out (the tag of a tagged union branch).
    pub(crate) fn named(
        &mut self,
        schema: &Schema,
        hint: &Hint,
        ptr: &str,
        skip: Option<&str>,
    ) -> TypeRef {
        let shape = format!("{}|{}", canonical(schema), skip.unwrap_or(""));
        let explicit = self.explicit_name(schema, ptr);
        let key = match &explicit {
            Some(name) => format!("x-rust-type-name:{name}|{shape}"),
            None => format!("{}|{shape}", self.scope),
        };
        if let Some(existing) = self.by_shape.get(&key).cloned() {
            return existing;
        }
        let name = match explicit {
            Some(name) => self.claim_explicit(&name, ptr),
            None => self.names.claim_first(&hint.candidates),
        };
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

    /// Claims the name `x-rust-type-name` gives the schema at `ptr`: one name stands for one
    /// schema, and it may not be a name already taken (a component's, or one the generated code
    /// uses); either problem is reported, and the name is numbered so lowering goes on.
    pub(crate) fn claim_explicit(&mut self, name: &str, ptr: &str) -> String {
        if let Some(first) = self.explicit.insert(name.to_owned(), ptr.to_owned()) {
            self.error(
                ptr,
                format!("x-rust-type-name `{name}` already names the schema at {first}; one name stands for one schema (share it with `$ref`)"),
            );
        } else if !self.names.is_free(name) {
            self.error(
                ptr,
                format!("x-rust-type-name `{name}` is already a type name here (a component's, or one the generated code uses); choose another"),
            );
        }
        self.names.claim(name)
    }

    /// What documents a property that is a `$ref`: a `description` written beside the `$ref`
    /// (OpenAPI 3.0 tools may ignore it, but it is where a document says what this use of a
    /// shared schema means), else the referenced schema's own description.
    fn ref_description(
        &self,
        prop: &openapiv3::ReferenceOr<Box<Schema>>,
        ptr: &str,
    ) -> Option<String> {
        let openapiv3::ReferenceOr::Reference { reference } = prop else {
            return None;
        };
        let beside = self
            .raw
            .pointer(ptr)
            .filter(|node| node.get("$ref").and_then(|r| r.as_str()) == Some(reference.as_str()))
            .and_then(|node| node.get("description")?.as_str());
        match beside {
            Some(text) if !text.trim().is_empty() => Some(text.to_owned()),
            _ => self.lookup(reference)?.schema_data.description.clone(),
        }
    }

    /// The name a schema gives itself with the vendor extension `x-rust-type-name`, if it is
    /// usable; a value that is not a type name is reported and ignored.
    pub(crate) fn explicit_name(&mut self, schema: &Schema, ptr: &str) -> Option<String> {
        let value = schema.schema_data.extensions.get(EXPLICIT_NAME)?;
        match value.as_str() {
            Some(name) if is_type_name(name) => Some(name.to_owned()),
            _ => {
                self.error(
                    &crate::diag::child(ptr, EXPLICIT_NAME),
                    format!("{EXPLICIT_NAME} must be an UpperCamelCase Rust type name such as `UserProfile`, not {value}"),
                );
                None
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
                    .or_null()
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
            let ty = lowered.ty;
            let doc = description(prop)
                .or_else(|| self.ref_description(prop, &prop_ptr))
                .or_else(|| overlay.and_then(|o| o.get(wire)).and_then(description));
            fields.push(Field {
                name: field_names.claim(&snake(wire)),
                wire: wire.clone(),
                ty,
                required: required.contains(wire),
                nullable: lowered.nullable,
                // Known only once every operation is lowered (`patch::mark_patch_fields`).
                patch: false,
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
}

impl<'a> Lowerer<'a> {
    /// A component schema by `$ref`, without lowering it. Borrows the document, not `self`, so
    /// the result can be held while lowering goes on.
    pub(crate) fn lookup(&self, reference: &str) -> Option<&'a Schema> {
        lookup_in(self.api, reference)
    }
}

fn lookup_in<'a>(api: &'a openapiv3::OpenAPI, reference: &str) -> Option<&'a Schema> {
    let schemas = &api.components.as_ref()?.schemas;
    let mut key = component_key(reference)?;
    // An alias chain visits each component at most once; a longer walk is a cycle.
    for _ in 0..=schemas.len() {
        match schemas.get(&key)? {
            openapiv3::ReferenceOr::Item(s) => return Some(s),
            openapiv3::ReferenceOr::Reference { reference } => key = component_key(reference)?,
        }
    }
    None
}

/// How many lists, maps and boxes `ty` nests.
fn nesting(ty: &TypeRef) -> usize {
    let (mut depth, mut current) = (0, ty);
    while let TypeRef::List(inner)
    | TypeRef::Map(inner)
    | TypeRef::Boxed(inner)
    | TypeRef::Nullable(inner) = current
    {
        depth += 1;
        current = inner;
    }
    depth
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

/// The name for the type of property `wire` of type `parent`, always qualified by the parent:
/// a bare property name would go to whichever place claimed it first, so removing an unrelated
/// operation could rename this type.
fn property_hint(parent: &str, wire: &str) -> Hint {
    Hint::new([format!("{parent}{}", pascal(wire))])
}

/// The vendor extension that names the type generated for a schema.
pub(crate) const EXPLICIT_NAME: &str = "x-rust-type-name";

/// The name of a list's item type: `UserIdentities` -> `UserIdentity`, `ListUsersResponse` ->
/// `ListUsersResponseItem`.
fn item_name(list: &str) -> String {
    match singular(list) {
        same if same == list => format!("{list}Item"),
        item => item,
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

/// `A/B` -> `#/components/schemas/A~1B`.
pub(crate) fn component_ref(key: &str) -> String {
    format!("#/components/schemas/{}", crate::diag::escape_token(key))
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
            // Extensions say nothing about structure, except a name the schema gives itself.
            map.retain(|key, _| !key.starts_with("x-") || key == EXPLICIT_NAME);
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
