//! The report's data: one [`Change`] per difference, and the [`Report`] that sorts, counts and
//! summarises them.

use std::fmt;

/// How much an HTTP client of the API (in any language) should care about a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Additive or harmless.
    Info,
    /// Needs a look: may affect some clients (deprecations, new shapes, stricter validation).
    Warning,
    /// An existing client's call can now be rejected or misread.
    Breaking,
}

impl Level {
    /// The name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Breaking => "breaking",
        }
    }

    /// Parses `breaking` / `warning` / `info` (the `--fail-on` values).
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "breaking" => Some(Level::Breaking),
            "warning" => Some(Level::Warning),
            "info" => Some(Level::Info),
            _ => None,
        }
    }
}

/// Which half of the exchange a change affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// What the client sends: parameters, request bodies, security.
    Request,
    /// What the client receives: statuses, response bodies.
    Response,
    /// The operation as a whole (added, removed, renamed, deprecated).
    None,
}

impl Direction {
    /// The name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::None => "none",
        }
    }
}

/// What upgrading `logto-api` to a client generated from NEW does to code written against OLD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Nothing: the code compiles and behaves as before.
    None,
    /// The code still compiles, but a call or a decode can now fail.
    Runtime,
    /// The code stops compiling.
    Compile,
}

impl Impact {
    /// The name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Runtime => "runtime",
            Impact::Compile => "compile",
        }
    }
}

macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(Level, Direction, Impact);

/// One difference between two documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Stable rule id, e.g. `operation-removed` (see the table in the module docs).
    pub rule: &'static str,
    /// How much an HTTP client should care.
    pub level: Level,
    /// Request, response or the whole operation.
    pub direction: Direction,
    /// What it does to code using the generated crate.
    pub impact: Impact,
    /// The `operationId` (NEW's, or OLD's when the operation was removed).
    pub operation: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template (NEW's, or OLD's when the operation was removed).
    pub path: String,
    /// JSON pointer to the changed node: into NEW, or into OLD for `*-removed` rules.
    pub pointer: String,
    /// What changed, in plain words.
    pub message: String,
}

impl Change {
    /// The deterministic order of the report: by path, method, operation, then pointer, rule
    /// and message, so equal inputs always print equal bytes.
    fn sort_key(&self) -> (&str, &str, &str, &str, &str, &str) {
        (
            &self.path,
            &self.method,
            &self.operation,
            &self.pointer,
            self.rule,
            &self.message,
        )
    }
}

/// The result of comparing two documents.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every change, sorted deterministically (see [`Report::sort`]).
    pub changes: Vec<Change>,
    /// Caveats about the comparison itself, e.g. a document the generator cannot lower, in which
    /// case impacts fall back to each rule's default.
    pub notes: Vec<String>,
}

/// The semver bump a report calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bump {
    /// No change at all.
    None,
    /// Compatible: nothing stops compiling.
    Patch,
    /// Incompatible for a 0.x crate (`0.x` -> `0.(x+1).0`), major from 1.0 on.
    Breaking,
}

impl Report {
    /// Sorts the changes and drops exact duplicates.
    pub fn sort(&mut self) {
        self.changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.changes.dedup();
    }

    /// True when there are no changes.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Number of changes at `level`.
    pub fn count_level(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    /// Number of changes with `impact`.
    pub fn count_impact(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// True when some change is at `level` or worse (the `--fail-on` test).
    pub fn reaches(&self, level: Level) -> bool {
        self.changes.iter().any(|c| c.level >= level)
    }

    /// The bump: breaking when anything stops compiling, patch for any other change.
    pub fn bump(&self) -> Bump {
        if self.changes.is_empty() {
            Bump::None
        } else if self.count_impact(Impact::Compile) > 0 {
            Bump::Breaking
        } else {
            Bump::Patch
        }
    }

    /// The proposed next version of `logto-api`, e.g. `0.2.0 (breaking)`.
    pub fn proposed_version(&self) -> String {
        // xtask shares `workspace.package.version` with logto-api, so this is its version.
        proposed_version(env!("CARGO_PKG_VERSION"), self.bump())
    }

    /// One line: `N breaking, N warnings, N info; impact: N compile, N runtime; proposed bump: ...`.
    pub fn summary(&self) -> String {
        format!(
            "{} breaking, {} warnings, {} info; impact: {} compile, {} runtime; proposed bump: {}",
            self.count_level(Level::Breaking),
            self.count_level(Level::Warning),
            self.count_level(Level::Info),
            self.count_impact(Impact::Compile),
            self.count_impact(Impact::Runtime),
            self.proposed_version()
        )
    }
}

/// Applies `bump` to `current` (`MAJOR.MINOR.PATCH`, pre-release suffixes dropped).
pub fn proposed_version(current: &str, bump: Bump) -> String {
    let core = current.split(['-', '+']).next().unwrap_or(current);
    let mut parts = core.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor, patch) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    match bump {
        Bump::None => format!("none (stays {core})"),
        Bump::Patch => format!("{major}.{minor}.{} (patch)", patch + 1),
        Bump::Breaking if major == 0 => format!("0.{}.0 (breaking)", minor + 1),
        Bump::Breaking => format!("{}.0.0 (breaking)", major + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_rules_for_0x() {
        assert_eq!(
            proposed_version("0.1.0", Bump::Breaking),
            "0.2.0 (breaking)"
        );
        assert_eq!(proposed_version("0.1.3", Bump::Patch), "0.1.4 (patch)");
        assert_eq!(
            proposed_version("1.4.2", Bump::Breaking),
            "2.0.0 (breaking)"
        );
        assert_eq!(
            proposed_version("0.1.0-dev", Bump::None),
            "none (stays 0.1.0)"
        );
    }
}
