//! Decoding an untagged union whose object branches pin properties to literal values.
//!
//! serde's `untagged` takes the first branch that decodes. When two branches have the same
//! fields and differ only in a literal (`type: "Select"` or `type: "MultiSelect"`), and that
//! literal decodes as an open enum, the first branch would take both. Here the literals decide:
//!
//! 1. branches whose pins the value names (a pinned property present with an allowed value),
//!    in the order listed;
//! 2. branches the value says nothing against (no pinned property present);
//! 3. branches the value contradicts only with a literal no branch knows, so that a kind this
//!    client does not know yet still decodes into the first branch whose fields fit.
//!
//! A branch the value contradicts with a literal another branch knows (or a boolean, or by
//! leaving out a pinned property the branch requires) is not tried at all.

use serde_json::Value;

/// A JSON literal a [`Pin`] allows.
#[derive(Debug, Clone, Copy)]
pub enum Literal {
    /// A string.
    Str(&'static str),
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
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

/// How far a branch's reason goes in the error: a branch's error embeds those of the unions
/// inside it, so without a bound a nested union's message grows with each level.
const MAX_REASON: usize = 240;

/// Decodes `value` as the branch its literals pick (see the module docs). The error names
/// every branch and why it does not fit.
pub fn decode_untagged<T>(value: &Value, union: &str, branches: &[Branch<T>]) -> Result<T, String> {
    let fits: Vec<Fit> = branches
        .iter()
        .map(|b| fit(value, b.pins, branches))
        .collect();
    let mut reasons: Vec<String> = Vec::with_capacity(branches.len());
    for pass in [Fit::Named, Fit::Silent, Fit::UnknownLiteral] {
        for (branch, _) in branches.iter().zip(&fits).filter(|(_, f)| **f == pass) {
            match (branch.decode)(value) {
                Ok(decoded) => return Ok(decoded),
                Err(e) => reasons.push(reason(branch.name, &e.to_string())),
            }
        }
    }
    for (branch, fit) in branches.iter().zip(&fits) {
        if let Fit::Contradicted(property) = fit {
            reasons.push(format!("{}: `{property}` does not match", branch.name));
        }
    }
    Err(format!("no form of {union} fits ({})", reasons.join("; ")))
}

/// What a value says about a branch's pins.
#[derive(Debug, PartialEq)]
enum Fit {
    /// A pinned property is present with a value the branch allows, and none disagrees.
    Named,
    /// No pinned property is present (or the branch pins none, or the value is no object).
    Silent,
    /// A pinned property holds a string no branch allows: a literal this client does not know.
    UnknownLiteral,
    /// This property holds a value another branch allows (or a boolean, number or `null` the
    /// branch does not), or is missing though the branch requires it.
    Contradicted(&'static str),
}

fn fit<T>(value: &Value, pins: &[Pin], branches: &[Branch<T>]) -> Fit {
    let Value::Object(map) = value else {
        return Fit::Silent;
    };
    let (mut named, mut unknown) = (false, false);
    for pin in pins {
        match map.get(pin.property) {
            None if pin.required => return Fit::Contradicted(pin.property),
            None => {}
            Some(found) if allows(pin, found) => named = true,
            Some(found @ Value::String(_)) if !known(found, pin.property, branches) => {
                unknown = true;
            }
            Some(_) => return Fit::Contradicted(pin.property),
        }
    }
    match (unknown, named) {
        (true, _) => Fit::UnknownLiteral,
        (false, true) => Fit::Named,
        (false, false) => Fit::Silent,
    }
}

fn allows(pin: &Pin, found: &Value) -> bool {
    pin.values.iter().any(|allowed| match (found, *allowed) {
        (Value::String(s), Literal::Str(a)) => s == a,
        (Value::Bool(b), Literal::Bool(a)) => *b == a,
        (Value::Number(n), Literal::Int(a)) => n.as_i64() == Some(a),
        (Value::Null, Literal::Null) => true,
        _ => false,
    })
}

/// Whether any branch allows `found` for `property`.
fn known<T>(found: &Value, property: &str, branches: &[Branch<T>]) -> bool {
    branches
        .iter()
        .flat_map(|b| b.pins)
        .any(|pin| pin.property == property && allows(pin, found))
}

/// `name: error`, the error cut at [`MAX_REASON`] bytes (on a character boundary).
fn reason(name: &str, error: &str) -> String {
    if error.len() <= MAX_REASON {
        return format!("{name}: {error}");
    }
    let cut = (0..=MAX_REASON)
        .rev()
        .find(|i| error.is_char_boundary(*i))
        .unwrap_or(0);
    format!("{name}: {}…", &error[..cut])
}

/// Decodes a branch from a borrowed value, on a growing stack like [`super::from_value`].
pub fn branch_from_value<T: serde::de::DeserializeOwned>(
    value: &Value,
) -> Result<T, serde_json::Error> {
    T::deserialize(serde_stacker::Deserializer::new(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Kind {
        One,
        Two,
    }

    const ONE: &[Pin] = &[Pin {
        property: "type",
        required: true,
        values: &[Literal::Str("one")],
    }];
    const TWO: &[Pin] = &[Pin {
        property: "type",
        required: true,
        values: &[Literal::Str("two")],
    }];

    /// Branch `one` needs `a`, branch `two` needs `b`.
    fn branches() -> [Branch<Kind>; 2] {
        [
            Branch {
                name: "One",
                pins: ONE,
                decode: |v| match v.get("a") {
                    Some(_) => Ok(Kind::One),
                    None => Err(serde::de::Error::custom("missing field `a`")),
                },
            },
            Branch {
                name: "Two",
                pins: TWO,
                decode: |v| match v.get("b") {
                    Some(_) => Ok(Kind::Two),
                    None => Err(serde::de::Error::custom("missing field `b`")),
                },
            },
        ]
    }

    #[test]
    fn a_known_literal_is_never_taken_by_another_branch() {
        let value = serde_json::json!({ "type": "two", "a": 1 });
        let err = decode_untagged(&value, "Kind", &branches()).expect_err("two needs b");
        assert_eq!(
            err,
            "no form of Kind fits (Two: missing field `b`; One: `type` does not match)"
        );
    }

    #[test]
    fn an_unknown_literal_falls_back_in_order() {
        let value = serde_json::json!({ "type": "three", "a": 1, "b": 2 });
        assert_eq!(decode_untagged(&value, "Kind", &branches()), Ok(Kind::One));
    }

    #[test]
    fn long_reasons_are_cut_on_a_character_boundary() {
        let long = "é".repeat(MAX_REASON);
        let cut = reason("One", &long);
        assert!(cut.ends_with('…'));
        assert!(cut.len() <= "One: ".len() + MAX_REASON + '…'.len_utf8());
    }
}
