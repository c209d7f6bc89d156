//! Small builders for the generated types' free-form fields, shared by the table's parts.

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

/// A JSON object as the `BTreeMap` the generated types use for free-form objects
/// (`customData`, headers); the value type follows from where it is used.
pub fn object<T: DeserializeOwned>(value: Value) -> BTreeMap<String, T> {
    serde_json::from_value(value).expect("a JSON object")
}

/// String pairs as a string map (`search_params`, environment variables).
pub fn strings(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A list of ids as the generated `Vec<String>`.
pub fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}
