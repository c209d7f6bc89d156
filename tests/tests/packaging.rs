//! What the published crates carry, and what the README promises about them.
//!
//! A package can only hold files inside its own folder, so `logto-api/spec/` keeps copies of the
//! documents `logto-api` is generated from, and each published crate keeps a copy of the license
//! texts. The originals (`spec/`, the root `LICENSE-*`) are the only ones edited; these tests
//! fail when a copy differs and, with `EXPECTORATE=overwrite`, rewrite it from the original.

use std::path::{Path, PathBuf};

/// The crates published to crates.io (the rest of the workspace has `publish = false`).
const PUBLISHED: &[&str] = &["logto-api", "logto-api-macros", "logto-api-macros/codegen"];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Checks that `copy` has the bytes of `original`; rewrites it under `EXPECTORATE=overwrite`.
fn check_copy(original: &Path, copy: &Path) -> Option<String> {
    let want = std::fs::read(original)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", original.display()));
    if std::fs::read(copy).ok().as_deref() == Some(want.as_slice()) {
        return None;
    }
    if std::env::var("EXPECTORATE").as_deref() == Ok("overwrite") {
        std::fs::write(copy, &want)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", copy.display()));
        return None;
    }
    Some(format!(
        "{} differs from {}",
        copy.display(),
        original.display()
    ))
}

/// The `spec = "..."` paths of the `generate!` calls in `logto-api/src/lib.rs`.
fn generated_documents() -> Vec<String> {
    let lib = read(&repo_root().join("logto-api/src/lib.rs"));
    lib.match_indices("generate!(spec = \"")
        .map(|(at, m)| {
            let rest = &lib[at + m.len()..];
            rest[..rest.find('"').expect("closing quote")].to_owned()
        })
        .collect()
}

#[test]
fn logto_api_carries_copies_of_the_documents_it_is_generated_from() {
    let root = repo_root();
    let documents = generated_documents();
    assert_eq!(
        documents.len(),
        3,
        "one generate! call per API: {documents:?}"
    );
    let mut problems = Vec::new();
    for document in &documents {
        let name = document
            .strip_prefix("spec/")
            .unwrap_or_else(|| panic!("{document} is not under logto-api/spec/"));
        problems.extend(check_copy(
            &root.join("spec").join(name),
            &root.join("logto-api").join(document),
        ));
    }
    // A copy nothing reads would still be published.
    for entry in std::fs::read_dir(root.join("logto-api/spec")).expect("logto-api/spec") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".json") && !documents.contains(&format!("spec/{name}")) {
            problems.push(format!(
                "logto-api/spec/{name} is not read by any generate! call"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nspec/ is where the documents are edited; refresh the copies with \
         `EXPECTORATE=overwrite cargo test -p logto-api-tests --test packaging`",
        problems.join("\n")
    );
}

#[test]
fn published_crates_carry_the_license_texts() {
    let root = repo_root();
    let problems: Vec<String> = PUBLISHED
        .iter()
        .flat_map(|krate| ["LICENSE-MIT", "LICENSE-APACHE"].map(|file| (krate, file)))
        .filter_map(|(krate, file)| check_copy(&root.join(file), &root.join(krate).join(file)))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The body of the first fenced block of `lang` after `heading` in `markdown`.
fn fenced_block<'a>(markdown: &'a str, heading: &str, lang: &str) -> &'a str {
    let section = &markdown[markdown
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"))..];
    let fence = format!("```{lang}\n");
    let start = section
        .find(&fence)
        .unwrap_or_else(|| panic!("no ```{lang} block after {heading:?}"))
        + fence.len();
    let len = section[start..].find("```\n").expect("closing fence");
    &section[start..start + len]
}

/// The README's "own API" section shows the downstream crate that `cargo xtask downstream`
/// builds, so its instructions are known to compile.
#[test]
fn readme_shows_the_downstream_crate_verbatim() {
    let root = repo_root();
    let readme = read(&root.join("README.md"));
    let heading = "## Using the generator for your own API";
    let downstream = root.join("tests/downstream");

    let manifest = read(&downstream.join("Cargo.toml"));
    let dependencies = &manifest[manifest.find("[dependencies]\n").expect("[dependencies]")..];
    let dependencies =
        &dependencies[..dependencies.find("\n\n").expect("end of [dependencies]") + 1];
    // The crate builds against this checkout; a user's crate takes the version from crates.io.
    let as_published: String = dependencies
        .lines()
        .map(|line| match line.find(", path = \"") {
            Some(at) => {
                let end = at + 10 + line[at + 10..].find('"').expect("closing quote") + 1;
                format!("{}{}\n", &line[..at], &line[end..])
            }
            None => format!("{line}\n"),
        })
        .collect();
    assert_eq!(fenced_block(&readme, heading, "toml"), as_published);

    let main = read(&downstream.join("src/main.rs"));
    assert_eq!(fenced_block(&readme, heading, "rust,ignore"), main);
}
