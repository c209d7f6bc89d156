//! The three output formats. All are pure functions of the (sorted) report, so equal inputs
//! print equal bytes.

use super::model::{Bump, Change, Impact, Level, Report};
use serde_json::json;

/// Text, grouped by operation, with the summary last.
pub fn text(report: &Report, old: &str, new: &str) -> String {
    let mut out = format!("spec diff {old} -> {new}\n");
    if report.is_empty() {
        out.push_str("\nno changes\n");
    }
    let mut current: Option<(&str, &str, &str)> = None;
    for c in &report.changes {
        let key = (c.method.as_str(), c.path.as_str(), c.operation.as_str());
        if current != Some(key) {
            out.push_str(&format!("\n{} {} ({})\n", c.method, c.path, c.operation));
            current = Some(key);
        }
        out.push_str(&format!(
            "  [{}/{}/{}] {}: {}\n      at {}\n",
            c.level, c.direction, c.impact, c.rule, c.message, c.pointer
        ));
    }
    out.push('\n');
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out.push_str(&format!("summary: {}\n", report.summary()));
    out
}

/// The JSON document described in the module docs, pretty-printed, with a final newline.
pub fn json(report: &Report) -> String {
    let changes: Vec<serde_json::Value> = report.changes.iter().map(change_json).collect();
    let bump = match report.bump() {
        Bump::None => "none",
        Bump::Patch => "patch",
        Bump::Breaking => "breaking",
    };
    let value = json!({
        "summary": {
            "total": report.changes.len(),
            "breaking": report.count_level(Level::Breaking),
            "warning": report.count_level(Level::Warning),
            "info": report.count_level(Level::Info),
            "compile": report.count_impact(Impact::Compile),
            "runtime": report.count_impact(Impact::Runtime),
            "no_impact": report.count_impact(Impact::None),
            "bump": bump,
            "semver": report.proposed_version(),
        },
        "changes": changes,
        "notes": report.notes,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn change_json(c: &Change) -> serde_json::Value {
    json!({
        "rule": c.rule,
        "level": c.level.as_str(),
        "direction": c.direction.as_str(),
        "impact": c.impact.as_str(),
        "operation": c.operation,
        "method": c.method,
        "path": c.path,
        "pointer": c.pointer,
        "message": c.message,
    })
}

/// Markdown for a pull-request comment: a heading, the summary and one table row per change.
pub fn markdown(report: &Report, old: &str, new: &str) -> String {
    let mut out = format!("### OpenAPI drift: `{}` → `{}`\n\n", cell(old), cell(new));
    out.push_str(&format!("**{}**\n\n", report.summary()));
    for note in &report.notes {
        out.push_str(&format!("> note: {}\n\n", cell(note)));
    }
    if report.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    out.push_str("| Level | Impact | Direction | Operation | Rule | Change | Pointer |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for c in &report.changes {
        out.push_str(&format!(
            "| {} | {} | {} | `{} {}` (`{}`) | `{}` | {} | `{}` |\n",
            c.level,
            c.impact,
            c.direction,
            c.method,
            cell(&c.path),
            cell(&c.operation),
            c.rule,
            cell(&c.message),
            cell(&c.pointer)
        ));
    }
    out
}

/// Keeps a table cell on one line and its pipes literal.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
