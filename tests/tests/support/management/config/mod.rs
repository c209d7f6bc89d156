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

use super::super::Case;
use crate::support::values::{object, strings};

pub fn cases() -> Vec<Case> {
    let mut all = configs::cases();
    all.extend(connectors::cases());
    all.extend(sign_in::cases());
    all.extend(misc::cases());
    all
}
