//! Management API cases for the tenant-wide settings and the public endpoints: tags `Configs`,
//! `Connectors`, `Connector factories`, `Sign-in experience`, `Custom phrases`, `Domains`,
//! `SSO connector providers`, `SSO connectors`, `Systems`, `Email templates`,
//! `Captcha provider`, `Sentinel activities`, `CIMD`, `Well-known`, `Status`, `Authn` and
//! `Swagger.json`. Split into files of a few tags each; ids and values are made up, shaped like
//! what Logto 1.42 answers.

mod configs;
mod connectors;
mod misc;
mod sign_in;

use serde_json::Value;
use std::collections::BTreeMap;

use super::super::Case;

/// A JSON object as the `BTreeMap` the generated types use for free-form objects.
fn object(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).expect("a JSON object")
}

/// A map of strings (environment variables and the like).
fn strings(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

pub fn cases() -> Vec<Case> {
    let mut all = configs::cases();
    all.extend(connectors::cases());
    all.extend(sign_in::cases());
    all.extend(misc::cases());
    all
}
