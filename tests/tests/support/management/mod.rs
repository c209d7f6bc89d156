//! The 284 Management API operations (`spec/management.json`), called with the machine-to-machine
//! access token. Split by tag into four parts so that each file stays readable; see each part's
//! header for the tags it covers.

mod apps;
mod config;
mod orgs;
mod users;

use super::{Case, Doc, ExpectedRequest, Invoke, Reply};

/// A Management API case with the default bearer credentials.
pub(super) fn case(op: &'static str, call: Invoke, request: ExpectedRequest, reply: Reply) -> Case {
    Case::new(Doc::Management, op, call, request, reply)
}

/// Every Management case, grouped by tag.
pub fn cases() -> Vec<Case> {
    let mut all = apps::cases();
    all.extend(users::cases());
    all.extend(orgs::cases());
    all.extend(config::cases());
    all
}
