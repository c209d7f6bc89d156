//! `cargo xtask downstream`: builds `tests/downstream`, a crate outside the workspace that points
//! `generate!` at its own OpenAPI document and depends on `logto-api` with
//! `default-features = false`, and proves from the build itself that this compiles none of
//! Logto's APIs:
//!
//! - every `logto-api` artifact of the build (all targets, so dev- and build-dependencies count)
//!   was built with no Cargo feature enabled;
//! - their dep-info (the files rustc read) names none of the documents under `logto-api/spec/`;
//! - none of the dependencies `logto-api` declares as optional (only Logto's APIs need them) was
//!   resolved for it.
//!
//! It lives outside the workspace because inside it, feature unification with the test crate
//! would turn the default features back on.

use crate::root;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err("usage: cargo xtask downstream".to_owned());
    }
    let dir = root().join("tests/downstream");
    let manifest = dir.join("Cargo.toml");
    // The crate has no lock file of its own; the workspace's pins the same versions, so the
    // build needs nothing the workspace build did not already fetch.
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock into {}: {e}", dir.display()))?;
    let artifacts = build(&manifest)?;
    let mut read = 0;
    for artifact in &artifacts {
        check_features(artifact)?;
        read = read.max(check_documents_unread(artifact)?);
    }
    let deps = check_optional_dependencies(&manifest)?;
    println!(
        "tests/downstream builds: logto-api with no features, {read} source files and no Logto \
         document read, {deps} dependencies of logto-api (none of its optional ones)"
    );
    Ok(())
}

/// The `compiler-artifact` messages Cargo printed for the `logto_api` library (one per distinct
/// build of it: a build-dependency with other features would be a second one).
fn build(manifest: &Path) -> Result<Vec<Value>, String> {
    let output = cargo()
        .args([
            "build",
            "--all-targets",
            "--message-format=json-render-diagnostics",
            "--manifest-path",
        ])
        .arg(manifest)
        .env("CARGO_TARGET_DIR", root().join("target"))
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("{} does not build (see above)", manifest.display()));
    }
    let artifacts: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == "logto_api"
        })
        .collect();
    if artifacts.is_empty() {
        return Err("cargo reported no artifact for logto_api".to_owned());
    }
    Ok(artifacts)
}

fn check_features(artifact: &Value) -> Result<(), String> {
    match artifact["features"].as_array() {
        Some(features) if features.is_empty() => Ok(()),
        other => Err(format!(
            "logto-api was built with features {other:?}; a downstream crate with \
             `default-features = false` must get none"
        )),
    }
}

/// Returns how many files rustc read for `logto_api`, after checking that no spec is among them.
fn check_documents_unread(artifact: &Value) -> Result<usize, String> {
    let dep_info = dep_info_path(artifact)?;
    let text = std::fs::read_to_string(&dep_info)
        .map_err(|e| format!("cannot read {}: {e}", dep_info.display()))?;
    // The first line is `<output>: <every input>`; the rest repeats the inputs one per rule.
    let inputs: Vec<String> = text
        .lines()
        .next()
        .and_then(|line| line.split_once(": "))
        .map(|(_, inputs)| make_paths(inputs))
        .unwrap_or_default();
    let documents: Vec<&String> = inputs.iter().filter(|f| f.ends_with(".json")).collect();
    if inputs.is_empty() || !documents.is_empty() {
        return Err(format!(
            "{}: expected the sources of logto-api and no OpenAPI document, got {} inputs, \
             documents {documents:?}",
            dep_info.display(),
            inputs.len()
        ));
    }
    Ok(inputs.len())
}

/// The paths of a Makefile dependency list, where a space inside a path is written `\ `.
fn make_paths(list: &str) -> Vec<String> {
    let (mut paths, mut current) = (Vec::new(), String::new());
    let mut chars = list.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&' ') {
            current.push(' ');
            chars.next();
        } else if c.is_whitespace() {
            paths.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
        } else {
            current.push(c);
        }
    }
    paths.extend((!current.is_empty()).then_some(current));
    paths
}

/// `target/debug/deps/liblogto_api-HASH.rlib` -> `target/debug/deps/logto_api-HASH.d`.
fn dep_info_path(artifact: &Value) -> Result<PathBuf, String> {
    let rlib = artifact["filenames"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find(|f| f.ends_with(".rlib"))
        .ok_or("the logto_api artifact has no .rlib")?;
    let rlib = Path::new(rlib);
    let stem = rlib
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("lib"))
        .ok_or_else(|| format!("unexpected library name {}", rlib.display()))?;
    Ok(rlib.with_file_name(format!("{stem}.d")))
}

/// Returns how many dependencies `logto-api` resolved to, after checking that none of its
/// optional ones is among them.
fn check_optional_dependencies(manifest: &Path) -> Result<usize, String> {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(manifest)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
    let package = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "logto-api")
        .ok_or("cargo metadata does not list logto-api")?;
    let optional: Vec<&str> = package["dependencies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["optional"] == true)
        .filter_map(|d| d["name"].as_str())
        .collect();
    let node = metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["id"] == package["id"])
        .ok_or("the resolve graph has no logto-api")?;
    let resolved: Vec<&str> = node["deps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["name"].as_str())
        .collect();
    // `deps[].name` is the crate name (underscores); dependency names use the package's.
    let pulled: Vec<&&str> = optional
        .iter()
        .filter(|name| resolved.contains(&name.replace('-', "_").as_str()))
        .collect();
    if !pulled.is_empty() {
        return Err(format!(
            "logto-api without features still resolves its optional dependencies {pulled:?}"
        ));
    }
    Ok(resolved.len())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaped_spaces_stay_in_their_path() {
        let list = "/a/sp\\ ace/lib.rs /b/x.json\n";
        assert_eq!(super::make_paths(list), ["/a/sp ace/lib.rs", "/b/x.json"]);
    }
}
