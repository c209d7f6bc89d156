//! What the README promises about using the generator from another crate. (The copies the
//! published crates carry are checked by `xtask/tests/copies.rs`.)

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The file's text with line endings as in the repository, whatever the checkout made of them
/// (`core.autocrlf` on Windows).
fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .replace("\r\n", "\n")
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
