//! Pins: the literal values an object branch of an untagged union gives its properties. The
//! decoder tries the branches a value agrees with first, so branches with the same fields and
//! different literals (Logto's connector form items `type: "Select"` and
//! `type: "MultiSelect"`) each get their own values, even though the literal properties decode
//! as open enums that would accept the other branch's value.

use super::shape::Shape;
use super::Lowerer;
use crate::ir::{Literal, Pin};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

impl Lowerer<'_> {
    /// The pins of each branch (none for a branch that is not an object), keeping only those
    /// that tell the branch apart: a pin every other branch has alike decides nothing.
    pub(crate) fn branch_pins(&self, branches: &[Option<Schema>]) -> Vec<Vec<Pin>> {
        let all: Vec<Vec<Pin>> = branches
            .iter()
            .map(|b| b.as_ref().map(|s| self.pins_of(s)).unwrap_or_default())
            .collect();
        all.iter()
            .enumerate()
            .map(|(i, pins)| {
                pins.iter()
                    .filter(|pin| {
                        all.iter()
                            .enumerate()
                            .any(|(j, other)| j != i && !other.contains(pin))
                    })
                    .cloned()
                    .collect()
            })
            .collect()
    }

    fn pins_of(&self, schema: &Schema) -> Vec<Pin> {
        let Shape::Object {
            properties,
            required,
            ..
        } = Shape::of(schema)
        else {
            return Vec::new();
        };
        properties
            .iter()
            .filter_map(|(name, prop)| {
                let written: &Schema = match prop {
                    ReferenceOr::Item(s) => s,
                    ReferenceOr::Reference { reference } => self.lookup(reference)?,
                };
                // `allOf: [{$ref}]` beside `nullable` is how OpenAPI 3.0 makes a reference
                // nullable: the literals are the target's.
                let prop = self.effective(written);
                let mut values = literals(&prop)?;
                if written.schema_data.nullable || prop.schema_data.nullable {
                    values.push(Literal::Null);
                }
                values.sort();
                values.dedup();
                Some(Pin {
                    property: name.clone(),
                    required: required.contains(name),
                    values,
                })
            })
            .collect()
    }
}

/// The values a property schema allows, when it allows only a few literals: a string, integer
/// or boolean `enum` (with or without a `type`), or Logto's literal `format`.
fn literals(schema: &Schema) -> Option<Vec<Literal>> {
    let values: Vec<Literal> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => match Shape::of(schema) {
            Shape::String { values } => values.into_iter().map(Literal::String).collect(),
            _ => Vec::new(),
        },
        SchemaKind::Type(Type::Integer(i)) => i
            .enumeration
            .iter()
            .map(|v| v.map_or(Literal::Null, Literal::Integer))
            .collect(),
        SchemaKind::Type(Type::Boolean(b)) => b
            .enumeration
            .iter()
            .map(|v| v.map_or(Literal::Null, Literal::Bool))
            .collect(),
        SchemaKind::Any(any) => match (any.typ.as_deref(), any.format.as_deref()) {
            (Some("boolean"), Some("true")) => vec![Literal::Bool(true)],
            (Some("boolean"), Some("false")) => vec![Literal::Bool(false)],
            (Some("string"), Some(format)) if any.enumeration.is_empty() => {
                super::shape::literal(format)
                    .map(Literal::String)
                    .into_iter()
                    .collect()
            }
            _ => any
                .enumeration
                .iter()
                .map(json_literal)
                .collect::<Option<_>>()?,
        },
        _ => Vec::new(),
    };
    (!values.is_empty() && values.iter().any(|v| *v != Literal::Null)).then_some(values)
}

fn json_literal(value: &serde_json::Value) -> Option<Literal> {
    match value {
        serde_json::Value::String(s) => Some(Literal::String(s.clone())),
        serde_json::Value::Bool(b) => Some(Literal::Bool(*b)),
        serde_json::Value::Number(n) => n.as_i64().map(Literal::Integer),
        serde_json::Value::Null => Some(Literal::Null),
        _ => None,
    }
}
