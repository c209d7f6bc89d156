//! A flat view of a schema that hides how openapiv3 happened to parse it.
//!
//! openapiv3 keeps a schema that mixes keywords (`type` beside `oneOf`, `properties` on a
//! `string`) as `SchemaKind::Any`; [`Shape::of`] folds both representations into one set of cases
//! so lowering needs only one `match`.

use crate::ir::TypeRef;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

/// Properties of an object schema.
pub type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// What a schema describes, once mixed keywords are resolved.
#[derive(Debug)]
pub enum Shape<'s> {
    /// `boolean` (a `format` of `true`/`false` marks a literal, which we do not narrow).
    Bool,
    /// `integer`, with the Rust type its `format` picks.
    Integer(TypeRef),
    /// `number`, with the Rust type its `format` picks.
    Number(TypeRef),
    /// `string`, with its enum values or the literal Logto writes as `format: "\"X\""`.
    String { values: Vec<String> },
    /// `object` (or any schema with `properties`).
    Object {
        properties: &'s Properties,
        required: &'s [String],
        additional: Option<&'s AdditionalProperties>,
    },
    /// `array`
    Array {
        items: Option<&'s ReferenceOr<Box<Schema>>>,
    },
    /// `oneOf`/`anyOf`; sibling `properties` only carry per-property documentation.
    Union {
        branches: &'s [ReferenceOr<Schema>],
        doc_overlay: Option<&'s Properties>,
    },
    /// `allOf`: lowering rewrites these first (`merge.rs`), so only a raw look sees one.
    AllOf,
    /// No usable type.
    Any,
}

impl<'s> Shape<'s> {
    /// Classifies `schema`.
    pub fn of(schema: &'s Schema) -> Shape<'s> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => Shape::Bool,
            SchemaKind::Type(Type::Integer(i)) => {
                Shape::Integer(integer_type(format_name(&i.format)))
            }
            SchemaKind::Type(Type::Number(n)) => Shape::Number(number_type(format_name(&n.format))),
            SchemaKind::Type(Type::String(s)) => {
                let mut values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                if let VariantOrUnknownOrEmpty::Unknown(format) = &s.format {
                    values.extend(literal(format));
                }
                Shape::String { values }
            }
            SchemaKind::Type(Type::Object(o)) => Shape::Object {
                properties: &o.properties,
                required: &o.required,
                additional: o.additional_properties.as_ref(),
            },
            SchemaKind::Type(Type::Array(a)) => Shape::Array {
                items: a.items.as_ref(),
            },
            SchemaKind::OneOf { one_of } => Shape::Union {
                branches: one_of,
                doc_overlay: None,
            },
            SchemaKind::AnyOf { any_of } => Shape::Union {
                branches: any_of,
                doc_overlay: None,
            },
            SchemaKind::AllOf { .. } => Shape::AllOf,
            SchemaKind::Not { .. } => Shape::Any,
            SchemaKind::Any(any) => Self::of_mixed(any),
        }
    }

    fn of_mixed(any: &'s openapiv3::AnySchema) -> Shape<'s> {
        let overlay = (!any.properties.is_empty()).then_some(&any.properties);
        if !any.one_of.is_empty() {
            return Shape::Union {
                branches: &any.one_of,
                doc_overlay: overlay,
            };
        }
        if !any.any_of.is_empty() {
            return Shape::Union {
                branches: &any.any_of,
                doc_overlay: overlay,
            };
        }
        if !any.all_of.is_empty() {
            return Shape::AllOf;
        }
        // Properties win over a conflicting `type`: Logto's `acsUrl` says `string` but lists
        // object properties, and the server only accepts the object.
        if !any.properties.is_empty() || any.additional_properties.is_some() {
            return Shape::Object {
                properties: &any.properties,
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            };
        }
        match any.typ.as_deref() {
            Some("boolean") => Shape::Bool,
            Some("integer") => Shape::Integer(integer_type(any.format.as_deref())),
            Some("number") => Shape::Number(number_type(any.format.as_deref())),
            Some("string") => {
                let mut values: Vec<String> = any
                    .enumeration
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect();
                values.extend(any.format.as_deref().and_then(literal));
                Shape::String { values }
            }
            Some("array") => Shape::Array {
                items: any.items.as_ref(),
            },
            Some("object") => Shape::Object {
                properties: &any.properties,
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            },
            _ => Shape::Any,
        }
    }
}

/// Logto writes a zod string literal as a JSON-quoted `format`: `"\"Password\""` -> `Password`.
pub fn literal(format: &str) -> Option<String> {
    if format.len() >= 2 && format.starts_with('"') && format.ends_with('"') {
        serde_json::from_str::<String>(format).ok()
    } else {
        None
    }
}

/// The literal a string schema pins, if it pins exactly one value.
pub fn string_literal(schema: &Schema) -> Option<String> {
    match Shape::of(schema) {
        Shape::String { values } if values.len() == 1 => values.into_iter().next(),
        _ => None,
    }
}

/// A numeric `format` as written, whether openapiv3 knows it or not.
fn format_name<F: NumericFormat>(format: &VariantOrUnknownOrEmpty<F>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(known) => Some(known.name()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// The formats openapiv3 parses into enums, back to their names.
trait NumericFormat {
    fn name(&self) -> &'static str;
}

impl NumericFormat for IntegerFormat {
    fn name(&self) -> &'static str {
        match self {
            IntegerFormat::Int32 => "int32",
            IntegerFormat::Int64 => "int64",
        }
    }
}

impl NumericFormat for NumberFormat {
    fn name(&self) -> &'static str {
        match self {
            NumberFormat::Float => "float",
            NumberFormat::Double => "double",
        }
    }
}

/// `format` picks the width and signedness of an integer, or says what it counts: `unixtime-ms`
/// (milliseconds since the Unix epoch, named after the format registry's `unixtime` in seconds)
/// is `logto_api::Timestamp`. Without a format (or with one Rust has no better type for) it is
/// `i64`, which holds every integer JSON writers commonly produce.
pub fn integer_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("int32") => TypeRef::Int32,
        Some("uint32") => TypeRef::UInt32,
        Some("uint64") => TypeRef::UInt64,
        Some("unixtime-ms") => TypeRef::Timestamp,
        _ => TypeRef::Integer,
    }
}

/// `format: float` is `f32`; anything else, `double` included, is `f64`.
pub fn number_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("float") => TypeRef::Float,
        _ => TypeRef::Number,
    }
}
