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
                let prop: &Schema = match prop {
                    ReferenceOr::Item(s) => s,
                    ReferenceOr::Reference { reference } => self.lookup(reference)?,
                };
                let mut values = literals(prop)?;
                if prop.schema_data.nullable {
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

/// The values a property schema allows, when it allows only a few literals.
fn literals(schema: &Schema) -> Option<Vec<Literal>> {
    match Shape::of(schema) {
        Shape::String { values } if !values.is_empty() => {
            Some(values.into_iter().map(Literal::String).collect())
        }
        Shape::Bool => bool_literal(schema).map(|b| vec![Literal::Bool(b)]),
        _ => None,
    }
}

/// A boolean pinned to one value: `enum: [true]`, or Logto's `format: "true"`.
fn bool_literal(schema: &Schema) -> Option<bool> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Boolean(b)) => match b.enumeration.as_slice() {
            [Some(value)] => Some(*value),
            _ => None,
        },
        SchemaKind::Any(any) => match (any.format.as_deref(), any.enumeration.as_slice()) {
            (Some("true"), _) => Some(true),
            (Some("false"), _) => Some(false),
            (_, [serde_json::Value::Bool(value)]) => Some(*value),
            _ => None,
        },
        _ => None,
    }
}
