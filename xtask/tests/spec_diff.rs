//! `cargo xtask spec diff`, driven through the built binary.
//!
//! Every folder of `fixtures/diff/` holds a tiny `old.json`/`new.json` pair for one rule (named
//! `<rule-id>` or `<rule-id>--<variant>`) and the exact `--format json` report in `expected.json`.
//! Bless changes with `EXPECTORATE=overwrite cargo test -p xtask --test spec_diff`, then review
//! the diff of the `expected.json` files.

// Helpers outside `#[test]` functions are test code too; a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    manifest_dir().join("tests/fixtures/diff")
}

/// Runs `xtask spec diff ARGS...` from the workspace root.
fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("spec")
        .arg("diff")
        .args(args)
        .current_dir(manifest_dir().parent().unwrap())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "xtask failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn json_report(old: &Path, new: &Path) -> String {
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    stdout(&xtask(&[old, new, "--format", "json"]))
}

fn rules_of(report: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(report).unwrap();
    value["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap().to_owned())
        .collect()
}

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_fixture_reports_exactly_its_expected_changes() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 60, "fixtures missing: {}", dirs.len());
    for dir in dirs {
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let rule = name.split("--").next().unwrap();
        let report = json_report(&dir.join("old.json"), &dir.join("new.json"));
        // Guards blessing: the fixture must at least show the rule it is named after.
        assert!(
            rules_of(&report).iter().any(|r| r == rule),
            "{name}: rule `{rule}` not reported:\n{report}"
        );
        expectorate::assert_contents(dir.join("expected.json"), &report);
    }
}

#[test]
fn every_rule_has_a_fixture() {
    let docs = std::fs::read_to_string(manifest_dir().join("src/spec/diff/mod.rs")).unwrap();
    let names: Vec<String> = fixture_dirs()
        .iter()
        .map(|d| d.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    let documented: Vec<&str> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("//! | `"))
        .filter_map(|l| l.split_once("` |").map(|(id, _)| id))
        .filter(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect();
    assert!(documented.len() >= 60, "rule table not found");
    for id in documented {
        assert!(
            names.iter().any(|n| n.split("--").next() == Some(id)),
            "no fixture for rule `{id}`"
        );
    }
}

#[test]
fn a_document_against_itself_is_empty_and_output_is_deterministic() {
    let doc = manifest_dir().join("../spec/experience.json");
    let first = json_report(&doc, &doc);
    let value: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(value["summary"]["total"], 0, "{first}");
    assert_eq!(value["changes"].as_array().unwrap().len(), 0);
    assert_eq!(value["summary"]["bump"], "none");
    for format in ["text", "json", "markdown"] {
        let dir = fixtures().join("response-output-changed");
        let (old, new) = (dir.join("old.json"), dir.join("new.json"));
        let args = [
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            format,
        ];
        let (a, b) = (stdout(&xtask(&args)), stdout(&xtask(&args)));
        assert_eq!(a, b, "{format} output differs between runs");
    }
}

#[test]
fn prose_changes_are_not_reported() {
    // Unlike a self-diff (answered without lowering), this goes through the whole walk and both
    // IRs on a real document.
    let path = manifest_dir().join("../spec/experience.json");
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    for (_, item) in doc["paths"].as_object_mut().unwrap().iter_mut() {
        for (_, op) in item.as_object_mut().unwrap().iter_mut() {
            if let Some(op) = op.as_object_mut() {
                op.insert("summary".into(), "reworded".into());
                op.insert("description".into(), "reworded".into());
            }
        }
    }
    let reworded =
        std::env::temp_dir().join(format!("spec-diff-prose-{}.json", std::process::id()));
    std::fs::write(&reworded, serde_json::to_vec(&doc).unwrap()).unwrap();
    let report = json_report(&path, &reworded);
    std::fs::remove_file(&reworded).unwrap();
    assert!(rules_of(&report).is_empty(), "{report}");
}

#[test]
fn text_and_markdown_show_the_summary_and_every_change() {
    let dir = fixtures().join("response-property-added--shared-with-request");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let text = stdout(&xtask(&[old, new]));
    assert!(text.contains("\nGET /things/{id} (GetThing)\n"), "{text}");
    assert!(text.contains("[info/request/compile] request-optional-property-added"));
    assert!(text.ends_with(
        "summary: 0 breaking, 0 warnings, 2 info; impact: 2 compile, 0 runtime; proposed bump: 0.2.0 (breaking)\n"
    ));
    let markdown = stdout(&xtask(&[old, new, "--format", "markdown"]));
    assert!(
        markdown.contains("| Level | Impact | Direction | Operation | Rule | Change | Pointer |")
    );
    assert_eq!(
        markdown.matches("| info | compile |").count(),
        2,
        "{markdown}"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = fixtures().join("operation-removed");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let code = |args: &[&str]| xtask(args).status.code().unwrap();
    assert_eq!(code(&[old, new]), 0, "no --fail-on: always 0");
    assert_eq!(code(&[old, new, "--fail-on", "breaking"]), 1);
    assert_eq!(code(&[old, new, "--fail-on", "warning"]), 1);
    // Removed -> added is only `info`.
    assert_eq!(code(&[new, old, "--fail-on", "breaking"]), 0);
    assert_eq!(code(&[new, old, "--fail-on", "warning"]), 0);
    let warning = fixtures().join("operation-deprecated");
    let (w_old, w_new) = (warning.join("old.json"), warning.join("new.json"));
    let (w_old, w_new) = (w_old.to_str().unwrap(), w_new.to_str().unwrap());
    assert_eq!(code(&[w_old, w_new, "--fail-on", "breaking"]), 0);
    assert_eq!(code(&[w_old, w_new, "--fail-on", "warning"]), 1);
    // The report is still printed before failing.
    let output = xtask(&[old, new, "--fail-on", "breaking", "--format", "json"]);
    assert_eq!(
        rules_of(&String::from_utf8(output.stdout).unwrap()),
        ["operation-removed"]
    );
    assert_eq!(
        code(&[old, new, "--fail-on", "sometimes"]),
        1,
        "bad value is an error"
    );
}

#[test]
fn git_revisions_are_read_with_git_show() {
    let root = manifest_dir().parent().unwrap().to_path_buf();
    let tracked = Command::new("git")
        .args(["cat-file", "-e", "HEAD:spec/experience.json"])
        .current_dir(&root)
        .status();
    if !tracked.is_ok_and(|s| s.success()) {
        eprintln!("skipped: HEAD:spec/experience.json is not available (no git checkout)");
        return;
    }
    // The committed copy against itself, read twice through git: empty whatever the worktree.
    let report = stdout(&xtask(&[
        "HEAD:spec/experience.json",
        "HEAD:spec/experience.json",
        "--format",
        "json",
    ]));
    assert!(rules_of(&report).is_empty(), "{report}");
    // The committed copy against the worktree copy: empty unless someone edits it right now.
    let status = Command::new("git")
        .args(["diff", "--quiet", "HEAD", "--", "spec/experience.json"])
        .current_dir(&root)
        .status()
        .unwrap();
    if status.success() {
        let report = stdout(&xtask(&[
            "HEAD:spec/experience.json",
            "spec/experience.json",
            "--format",
            "json",
        ]));
        assert!(rules_of(&report).is_empty(), "{report}");
    }
    let missing = xtask(&["HEAD:spec/no-such-file.json", "spec/experience.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("git show"));
}

#[test]
fn served_management_documents_differ_by_one_added_operation() {
    let served = manifest_dir().join("../../shared/specs/logto");
    let (old, new) = (
        served.join("management.openapi.json"),
        served.join("admin-tenant/management.openapi.json"),
    );
    if !old.is_file() || !new.is_file() {
        eprintln!(
            "skipped: the served documents are not in {}",
            served.display()
        );
        return;
    }
    let report = json_report(&old, &new);
    let value: Value = serde_json::from_str(&report).unwrap();
    let changes = value["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report}");
    assert_eq!(changes[0]["rule"], "operation-added");
    assert_eq!(changes[0]["method"], "GET");
    assert_eq!(changes[0]["path"], "/api/.well-known/endpoints/{tenantId}");
    assert_eq!(value["summary"]["breaking"], 0);
    assert_eq!(value["summary"]["compile"], 0);
    assert_eq!(
        value["notes"].as_array().unwrap().len(),
        0,
        "both documents lower"
    );
}
