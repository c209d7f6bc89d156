//! The rule catalogue: every rule id with its level, direction and default impact.
//!
//! The level and direction of a rule never vary; the impact listed here is the one used when the
//! generator's IR cannot tell (a document that does not lower). With the IR, the walkers refine
//! it per change as the module docs' table explains.

use super::model::{Direction, Impact, Level};

/// One rule of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// Fixed level.
    pub level: Level,
    /// Fixed direction; `None` for `type-renamed`, which takes the direction of its location.
    pub direction: Option<Direction>,
    /// Impact when the IR does not say otherwise.
    pub impact: Impact,
}

const fn rule(id: &'static str, level: Level, direction: Direction, impact: Impact) -> Rule {
    Rule {
        id,
        level,
        direction: Some(direction),
        impact,
    }
}

use Direction::{None as Whole, Request as Req, Response as Resp};
use Impact::{Compile, None as NoImpact, Runtime};
use Level::{Breaking, Info, Warning};

/// Every rule, grouped as in the module docs.
pub const RULES: &[Rule] = &[
    rule("operation-added", Info, Whole, NoImpact),
    rule("operation-removed", Breaking, Whole, Compile),
    rule("operation-id-changed", Warning, Whole, Compile),
    rule("operation-group-changed", Info, Whole, Compile),
    rule("operation-deprecated", Warning, Whole, NoImpact),
    rule("operation-undeprecated", Info, Whole, NoImpact),
    Rule {
        id: "type-renamed",
        level: Info,
        direction: None,
        impact: Compile,
    },
    rule("security-added", Warning, Req, Runtime),
    rule("security-removed", Info, Req, NoImpact),
    rule("security-changed", Warning, Req, Runtime),
    rule("path-parameter-renamed", Info, Req, NoImpact),
    rule("required-parameter-added", Breaking, Req, Compile),
    rule("optional-parameter-added", Info, Req, NoImpact),
    rule("parameter-removed", Warning, Req, Compile),
    rule("parameter-became-required", Breaking, Req, Compile),
    rule("parameter-became-optional", Info, Req, Compile),
    rule("parameter-style-changed", Warning, Req, NoImpact),
    rule("parameter-explode-changed", Warning, Req, NoImpact),
    rule("parameter-deprecated", Warning, Req, NoImpact),
    rule("required-request-body-added", Breaking, Req, Compile),
    rule("optional-request-body-added", Info, Req, NoImpact),
    rule("request-body-removed", Warning, Req, Compile),
    rule("request-body-became-required", Breaking, Req, Compile),
    rule("request-body-became-optional", Info, Req, Compile),
    rule("request-media-type-added", Info, Req, NoImpact),
    rule("request-media-type-removed", Breaking, Req, Compile),
    rule("response-success-status-added", Warning, Resp, NoImpact),
    rule("response-success-status-removed", Info, Resp, NoImpact),
    rule("response-error-status-added", Info, Resp, NoImpact),
    rule("response-error-status-removed", Info, Resp, NoImpact),
    rule("response-media-type-added", Info, Resp, NoImpact),
    rule("response-media-type-removed", Breaking, Resp, Compile),
    rule("response-output-changed", Info, Resp, Compile),
    rule("request-required-property-added", Breaking, Req, Compile),
    rule("request-optional-property-added", Info, Req, Compile),
    rule("response-property-added", Info, Resp, NoImpact),
    rule("request-property-removed", Warning, Req, Compile),
    rule("response-property-removed", Breaking, Resp, Compile),
    rule("request-property-became-required", Breaking, Req, Compile),
    rule("response-property-became-required", Info, Resp, Compile),
    rule("request-property-became-optional", Info, Req, Compile),
    rule("response-property-became-optional", Breaking, Resp, Compile),
    rule("request-property-deprecated", Warning, Req, NoImpact),
    rule("response-property-deprecated", Warning, Resp, NoImpact),
    rule("request-became-nullable", Info, Req, Compile),
    rule("response-became-nullable", Breaking, Resp, Compile),
    rule("request-became-non-nullable", Breaking, Req, Compile),
    rule("response-became-non-nullable", Info, Resp, Compile),
    rule("request-type-changed", Breaking, Req, Compile),
    rule("response-type-changed", Breaking, Resp, Compile),
    rule("request-format-changed", Warning, Req, Runtime),
    rule("response-format-changed", Info, Resp, NoImpact),
    rule("request-enum-value-added", Info, Req, NoImpact),
    rule("response-enum-value-added", Warning, Resp, NoImpact),
    rule("request-enum-value-removed", Breaking, Req, Compile),
    rule("response-enum-value-removed", Info, Resp, Compile),
    rule("request-one-of-branch-added", Info, Req, NoImpact),
    rule("response-one-of-branch-added", Warning, Resp, NoImpact),
    rule("request-one-of-branch-removed", Breaking, Req, Compile),
    rule("response-one-of-branch-removed", Info, Resp, Compile),
    rule(
        "request-additional-properties-changed",
        Warning,
        Req,
        Compile,
    ),
    rule(
        "response-additional-properties-changed",
        Warning,
        Resp,
        Compile,
    ),
];

/// The rule named `id`. Ids are written as literals in the walkers and all appear in [`RULES`]
/// (a unit test checks every one), so the fallback is never used in practice.
pub fn find(id: &str) -> &'static Rule {
    const UNKNOWN: Rule = rule("unknown-rule", Warning, Whole, Compile);
    RULES.iter().find(|r| r.id == id).unwrap_or(&UNKNOWN)
}

/// The id of the schema rule `suffix` for `direction` (`request-` or `response-` prefixed).
pub fn directed(direction: Direction, suffix: &str) -> &'static Rule {
    let prefix = match direction {
        Direction::Response => "response",
        _ => "request",
    };
    find(&format!("{prefix}-{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_documented() {
        let docs = include_str!("mod.rs");
        for (i, r) in RULES.iter().enumerate() {
            assert!(
                RULES[..i].iter().all(|o| o.id != r.id),
                "duplicate rule {}",
                r.id
            );
            assert!(
                docs.contains(&format!("| `{}` |", r.id)),
                "rule {} is missing from the table in mod.rs",
                r.id
            );
        }
    }

    #[test]
    fn directed_rules_exist_for_both_directions() {
        for suffix in [
            "property-removed",
            "type-changed",
            "format-changed",
            "enum-value-added",
            "enum-value-removed",
            "one-of-branch-added",
            "one-of-branch-removed",
            "became-nullable",
            "became-non-nullable",
            "property-became-required",
            "property-became-optional",
            "property-deprecated",
            "additional-properties-changed",
        ] {
            for d in [Direction::Request, Direction::Response] {
                assert_ne!(directed(d, suffix).id, "unknown-rule", "{suffix}");
            }
        }
    }
}
