//! `cargo xtask spec pull|diff`: keep `spec/` in step with Logto and explain what changed.

mod diff;
mod pull;

/// Runs `spec <subcommand>`.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("pull") => pull::run(&args[1..]),
        Some("diff") => diff::run(&args[1..]),
        _ => Err("usage: cargo xtask spec pull (--url URL | --file PATH) --out FILE [--timeout SECS] [--keep-order]\n       cargo xtask spec diff OLD NEW [--format text|json|markdown] [--fail-on breaking|warning]\n(OLD/NEW: a path or a git revision such as HEAD~1:spec/experience.json)".to_owned()),
    }
}
