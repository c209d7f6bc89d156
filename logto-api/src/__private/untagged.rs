//! Decoding an untagged union whose object branches pin properties to literal values.
//!
//! serde's `untagged` takes the first branch that decodes. When two branches have the same
//! fields and differ only in a literal (`type: "Select"` or `type: "MultiSelect"`), and that
//! literal decodes as an open enum, the first branch would take both. Here the branches a
//! value agrees with are tried first, in the order listed; then, so that a value carrying a
//! literal this client does not know yet still decodes, the others in the same order.

use serde_json::Value;

/// A JSON literal a [`Pin`] allows.
#[derive(Debug, Clone, Copy)]
pub enum Literal {
    /// A string.
    Str(&'static str),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// A property that a branch pins to a few literal values.
#[derive(Debug, Clone, Copy)]
pub struct Pin {
    /// The property's name on the wire.
    pub property: &'static str,
    /// Whether the branch requires the property; else it may be absent.
    pub required: bool,
    /// The values it may hold.
    pub values: &'static [Literal],
}

/// One branch of an untagged union `T`.
#[derive(Debug)]
pub struct Branch<T> {
    /// The variant's name, for the error that says why no branch fits.
    pub name: &'static str,
    /// What the branch pins.
    pub pins: &'static [Pin],
    /// Decodes the branch and wraps it in its variant.
    pub decode: fn(&Value) -> Result<T, serde_json::Error>,
}

/// Decodes `value` as the first branch whose pins it agrees with, else the first other branch
/// that decodes. The error names every branch and why it did not decode.
pub fn decode_untagged<T>(value: &Value, union: &str, branches: &[Branch<T>]) -> Result<T, String> {
    let agrees: Vec<bool> = branches.iter().map(|b| agrees(value, b.pins)).collect();
    let mut reasons = Vec::with_capacity(branches.len());
    for pass in [true, false] {
        for (branch, _) in branches.iter().zip(&agrees).filter(|(_, a)| **a == pass) {
            match (branch.decode)(value) {
                Ok(decoded) => return Ok(decoded),
                Err(e) => reasons.push(format!("{}: {e}", branch.name)),
            }
        }
    }
    Err(format!("no form of {union} fits ({})", reasons.join("; ")))
}

/// True when `value` is an object that gives every pinned property one of its values (or
/// leaves out one the branch does not require).
fn agrees(value: &Value, pins: &[Pin]) -> bool {
    let Value::Object(map) = value else {
        return pins.is_empty();
    };
    pins.iter().all(|pin| match map.get(pin.property) {
        None => !pin.required,
        Some(found) => pin.values.iter().any(|allowed| matches(found, *allowed)),
    })
}

fn matches(found: &Value, allowed: Literal) -> bool {
    match (found, allowed) {
        (Value::String(s), Literal::Str(a)) => s == a,
        (Value::Bool(b), Literal::Bool(a)) => *b == a,
        (Value::Null, Literal::Null) => true,
        _ => false,
    }
}

/// Decodes a branch from a borrowed value, on a growing stack like [`super::from_value`].
pub fn branch_from_value<T: serde::de::DeserializeOwned>(
    value: &Value,
) -> Result<T, serde_json::Error> {
    T::deserialize(serde_stacker::Deserializer::new(value))
}
