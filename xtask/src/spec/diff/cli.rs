//! `spec diff OLD NEW [--format text|json|markdown] [--fail-on breaking|warning]`.

use super::model::Level;
use super::{diff_documents, render};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::Command;

const USAGE: &str = "usage: cargo xtask spec diff OLD NEW [--format text|json|markdown] [--fail-on breaking|warning]\n  OLD/NEW: a file, or REV:PATH for `git show REV:PATH` (e.g. HEAD~1:spec/experience.json)";

/// Parsed command line.
#[derive(Debug)]
struct Args {
    old: String,
    new: String,
    format: String,
    fail_on: Option<Level>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut positional = Vec::new();
    let (mut format, mut fail_on) = ("text".to_owned(), None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some(f @ ("text" | "json" | "markdown")) => format = f.to_owned(),
                other => {
                    return Err(format!(
                        "--format takes text, json or markdown, not {other:?}\n{USAGE}"
                    ))
                }
            },
            "--fail-on" => match it.next().map(String::as_str).and_then(Level::parse) {
                Some(level @ (Level::Breaking | Level::Warning)) => fail_on = Some(level),
                _ => return Err(format!("--fail-on takes breaking or warning\n{USAGE}")),
            },
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            _ => positional.push(arg.clone()),
        }
    }
    match <[String; 2]>::try_from(positional) {
        Ok([old, new]) => Ok(Args {
            old,
            new,
            format,
            fail_on,
        }),
        Err(_) => Err(USAGE.to_owned()),
    }
}

/// Reads a document: an existing file, else `REV:PATH` through `git show` at the repository root.
pub fn load(arg: &str) -> Result<Value, String> {
    let bytes = if Path::new(arg).is_file() {
        std::fs::read(arg).map_err(|e| format!("cannot read {arg}: {e}"))?
    } else if let Some((rev, path)) = arg.split_once(':').filter(|(rev, _)| !rev.is_empty()) {
        let output = Command::new("git")
            .arg("show")
            .arg(format!("{rev}:{path}"))
            .current_dir(crate::root())
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(format!("`git show {arg}` failed: {}", stderr.trim()));
        }
        output.stdout
    } else {
        return Err(format!(
            "{arg}: no such file (and not a REV:PATH git revision)"
        ));
    };
    serde_json::from_slice(&bytes).map_err(|e| format!("{arg}: invalid JSON: {e}"))
}

/// Runs the command; exits with status 1 itself when `--fail-on` is met (after printing).
pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let (old, new) = (load(&args.old)?, load(&args.new)?);
    let report = diff_documents(&old, &new);
    let text = match args.format.as_str() {
        "json" => render::json(&report),
        "markdown" => render::markdown(&report, &args.old, &args.new),
        _ => render::text(&report, &args.old, &args.new),
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    if let Some(level) = args.fail_on.filter(|l| report.reaches(*l)) {
        eprintln!("spec diff: failing because a change is at level `{level}` or worse");
        std::process::exit(1);
    }
    Ok(())
}
