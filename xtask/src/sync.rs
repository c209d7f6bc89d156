//! `cargo xtask sync [--check]`: refreshes the copies the published crates carry of files that
//! live elsewhere in the workspace, or with `--check` only reports the ones that differ.
//!
//! A package can only hold files inside its own folder, so:
//! - `logto-api/spec/*.json` are copies of the `spec/` documents that `logto-api`'s `generate!`
//!   calls read (symbolic links would become plain text files in Windows checkouts);
//! - each published crate keeps a copy of the root `LICENSE-MIT` and `LICENSE-APACHE`.
//!
//! The originals are the only ones edited. This is an xtask rather than a test of the client
//! because the client is generated from these very copies: when one is missing or stale next to
//! code written for the new document, the client does not compile, and a repair that needed it
//! could not run.

use crate::root;
use std::path::{Path, PathBuf};

/// The crates published to crates.io (the rest of the workspace has `publish = false`).
const PUBLISHED: &[&str] = &["logto-api", "logto-api-macros", "logto-api-macros/codegen"];
const LICENSES: &[&str] = &["LICENSE-MIT", "LICENSE-APACHE"];

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask sync [--check]".to_owned()),
    };
    let root = root();
    let mut problems = Vec::new();
    for (original, copy) in copies(&root)? {
        let want = std::fs::read(&original)
            .map_err(|e| format!("cannot read {}: {e}", original.display()))?;
        if std::fs::read(&copy).ok().as_deref() == Some(want.as_slice()) {
            continue;
        }
        let shown = copy
            .strip_prefix(&root)
            .unwrap_or(&copy)
            .display()
            .to_string();
        if check {
            problems.push(format!("{shown} differs from its original"));
        } else {
            std::fs::write(&copy, &want).map_err(|e| format!("cannot write {shown}: {e}"))?;
            println!("refreshed {shown}");
        }
    }
    problems.extend(unread_documents(&root)?);
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\nthe originals are spec/ and the root LICENSE-* files; refresh the copies with \
         `cargo xtask sync`",
        problems.join("\n")
    ))
}

/// `(original, copy)` pairs.
fn copies(root: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let mut pairs = Vec::new();
    for document in generated_documents(root)? {
        let name = document
            .strip_prefix("spec/")
            .ok_or_else(|| format!("logto-api reads {document}, which is not under spec/"))?;
        pairs.push((
            root.join("spec").join(name),
            root.join("logto-api").join(&document),
        ));
    }
    for krate in PUBLISHED {
        for license in LICENSES {
            pairs.push((root.join(license), root.join(krate).join(license)));
        }
    }
    Ok(pairs)
}

/// The `spec = "..."` paths of the `generate!` calls in `logto-api/src/lib.rs`.
fn generated_documents(root: &Path) -> Result<Vec<String>, String> {
    let path = root.join("logto-api/src/lib.rs");
    let lib = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // The arguments of each call, however they are laid out: `spec = "..."` among them.
    let documents: Vec<String> = lib
        .match_indices("generate!(")
        .filter_map(|(at, m)| {
            let args = &lib[at + m.len()..];
            let args = &args[..args.find(')')?];
            let (_, after) = args.split_once("spec")?;
            let value = after
                .trim_start()
                .strip_prefix('=')?
                .trim_start()
                .strip_prefix('"')?;
            value.find('"').map(|end| value[..end].to_owned())
        })
        .collect();
    if documents.is_empty() {
        return Err(format!(
            "{} has no generate!(spec = \"...\") call",
            path.display()
        ));
    }
    Ok(documents)
}

/// Copies in `logto-api/spec/` that no `generate!` call reads; they would still be published.
fn unread_documents(root: &Path) -> Result<Vec<String>, String> {
    let read = generated_documents(root)?;
    let dir = root.join("logto-api/spec");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    Ok(entries
        .filter_map(|entry| {
            entry
                .ok()
                .map(|e| e.file_name().to_string_lossy().into_owned())
        })
        .filter(|name| name.ends_with(".json") && !read.contains(&format!("spec/{name}")))
        .map(|name| format!("logto-api/spec/{name} is read by no generate! call; delete it"))
        .collect())
}
