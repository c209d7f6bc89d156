//! Serde helpers that keep generated impls to a line each.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Reads a string for an open enum.
pub fn deserialize_str<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d)
}

/// Serializes `payload` (an object) with `tag: value` added, for tagged unions.
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    s: S,
    tag: &str,
    value: &str,
    payload: &T,
) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    // On a growing stack, like the client's own encoding: the payload may nest deeply.
    let to_value = serde_stacker::Serializer::new(serde_json::value::Serializer);
    let mut json = payload.serialize(to_value).map_err(S::Error::custom)?;
    match &mut json {
        Value::Object(map) => {
            map.insert(tag.to_owned(), Value::String(value.to_owned()));
        }
        other => {
            return Err(S::Error::custom(format!(
                "tagged union payload is not an object: {other}"
            )))
        }
    }
    json.serialize(s)
}

/// The string value of property `tag`, if `value` is an object that has one.
pub fn tag_of<'v>(value: &'v Value, tag: &str) -> Option<&'v str> {
    value.get(tag)?.as_str()
}

/// Decodes a union branch from an already parsed value.
pub fn from_value<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: Value,
) -> Result<T, E> {
    // On a growing stack: the branch may nest as deeply as the document allows.
    T::deserialize(serde_stacker::Deserializer::new(value)).map_err(E::custom)
}

/// A value as text for a query, header or multipart part: strings as they are, integers
/// without a fraction, everything else as JSON.
pub fn text_value<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(v) => scalar_text(&v),
        // Only maps with non-string keys fail to convert, and no generated type has one.
        Err(_) => String::new(),
    }
}

pub(crate) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                format!("{}", f as i64)
            }
            _ => n.to_string(),
        },
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
