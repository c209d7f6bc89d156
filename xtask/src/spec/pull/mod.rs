//! `cargo xtask spec pull (--url URL | --file PATH) --out FILE [--timeout SECS] [--keep-order]`:
//! fetch an OpenAPI document from a running Logto (for example
//! `{endpoint}/api/.well-known/management.openapi.json`) or read it from a file, check that the
//! generator can read it, and write it normalised to `--out`.
//!
//! # Normal form
//!
//! Object keys are sorted recursively (byte order), the JSON is pretty-printed with a 2-space
//! indent and ends with a newline. Logto builds its documents by merging route definitions, so
//! the key order it serves can move between releases without anything changing; sorting makes a
//! `git diff` of two pulls show only real changes. Array order is kept: it is meaningful
//! (`parameters`, `enum`, `allOf`, `required`). The generator follows document order for struct
//! fields and operations, so a sorted document yields a client with fields in alphabetical order.
//! `--keep-order` writes the served key order instead (spec/README.md rule 1 asks the curated
//! documents to keep it), still pretty-printed the same way.
//!
//! The file is only rewritten when its bytes change. When `--out` existed, a one-line drift
//! summary against it is printed (from `spec diff`), and the replaced version is kept under the
//! system temp dir so `cargo xtask spec diff` can show the details.

mod document;
mod fetch;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Total time allowed for one HTTP request when `--timeout` is not given.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

const USAGE: &str = "usage: cargo xtask spec pull (--url URL | --file PATH) --out FILE [--timeout SECS] [--keep-order]";

/// Where the document comes from.
#[derive(Debug, PartialEq)]
enum Source {
    Url(String),
    File(PathBuf),
}

/// The parsed command line.
#[derive(Debug, PartialEq)]
struct Args {
    source: Source,
    out: PathBuf,
    timeout: Duration,
    keep_order: bool,
}

/// Runs `spec pull` with the arguments after `pull`.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse_args(args)?;
    let (display, text) = match &args.source {
        Source::Url(url) => (url.clone(), fetch::fetch(url, args.timeout)?),
        Source::File(path) => (path.display().to_string(), read_source(path)?),
    };
    let pulled = document::check(&display, &text)?;
    println!("read {display} ({})", pulled.describe());
    let rendered = document::render(pulled.value.clone(), !args.keep_order)?;
    let previous = read_previous(&args.out)?;
    if previous.as_deref() == Some(rendered.as_bytes()) {
        println!("{}: unchanged", args.out.display());
        return Ok(());
    }
    write_atomically(&args.out, rendered.as_bytes())?;
    let order = if args.keep_order {
        "served key order"
    } else {
        "keys sorted"
    };
    println!(
        "wrote {} ({} bytes, {order})",
        args.out.display(),
        rendered.len()
    );
    if let Some(old) = previous {
        report_drift(&args.out, &old, &pulled.value);
    } else {
        println!("no previous {} to compare with", args.out.display());
    }
    Ok(())
}

/// Parses the flags after `pull`; every flag takes a value except `--keep-order`.
fn parse_args(args: &[String]) -> Result<Args, String> {
    let (mut url, mut file, mut out, mut timeout) = (None, None, None, None);
    let mut keep_order = false;
    let mut rest = args.iter();
    while let Some(name) = rest.next() {
        if name == "--keep-order" {
            keep_order = true;
            continue;
        }
        let slot = match name.as_str() {
            "--url" => &mut url,
            "--file" => &mut file,
            "--out" => &mut out,
            "--timeout" => &mut timeout,
            other => return Err(format!("spec pull: unknown argument {other:?}\n{USAGE}")),
        };
        let value = rest
            .next()
            .ok_or_else(|| format!("spec pull: {name} needs a value\n{USAGE}"))?;
        if slot.replace(value.clone()).is_some() {
            return Err(format!("spec pull: {name} given twice\n{USAGE}"));
        }
    }
    let source = match (url, file) {
        (Some(url), None) => Source::Url(url),
        (None, Some(file)) => Source::File(PathBuf::from(file)),
        _ => {
            return Err(format!(
                "spec pull: give exactly one of --url and --file\n{USAGE}"
            ))
        }
    };
    let out = out.ok_or_else(|| format!("spec pull: --out FILE is required\n{USAGE}"))?;
    let timeout = match timeout {
        Some(secs) => parse_timeout(&secs)?,
        None => DEFAULT_TIMEOUT,
    };
    Ok(Args {
        source,
        out: PathBuf::from(out),
        timeout,
        keep_order,
    })
}

/// `--timeout SECS`: a positive number of seconds, fractions allowed.
fn parse_timeout(secs: &str) -> Result<Duration, String> {
    let invalid =
        || format!("spec pull: --timeout wants a positive number of seconds, not {secs:?}");
    let value: f64 = secs.parse().map_err(|_| invalid())?;
    // try_from_secs_f64 rejects negative, NaN and overflowing values instead of panicking.
    match Duration::try_from_secs_f64(value) {
        Ok(duration) if !duration.is_zero() => Ok(duration),
        _ => Err(invalid()),
    }
}

fn read_source(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (invalid byte at offset {}), so not JSON",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// The current content of `out`, or `None` when it does not exist yet.
fn read_previous(out: &Path) -> Result<Option<Vec<u8>>, String> {
    match std::fs::read(out) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", out.display())),
    }
}

/// Writes through a sibling temporary file and a rename, so an interrupted pull never leaves a
/// half-written document where the generator will read it.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut tmp_name = out.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".pull-tmp");
    let tmp = out.with_file_name(tmp_name);
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, out));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", out.display())
    })
}

/// Prints the one-line drift summary against the replaced file and where to see the details.
fn report_drift(out: &Path, old: &[u8], new: &serde_json::Value) {
    let old_value: serde_json::Value = match serde_json::from_slice(old) {
        Ok(value) => value,
        Err(e) => {
            println!(
                "the replaced {} was not valid JSON ({e}); no drift summary",
                out.display()
            );
            return;
        }
    };
    let report = super::diff::diff_documents(&old_value, new);
    println!("drift: {}", report.summary());
    match keep_previous(out, old) {
        Ok(kept) => println!(
            "run `cargo xtask spec diff {} {}` for details",
            kept.display(),
            out.display()
        ),
        // The pull itself succeeded; only the convenience copy is missing.
        Err(e) => println!(
            "run `cargo xtask spec diff <old> {}` for details (could not keep the old version: {e})",
            out.display()
        ),
    }
}

/// Copies the replaced document to `$TMPDIR/logto-api-spec-pull/<stem>.previous.json`: outside
/// the repository so nothing untracked appears in spec/, but still there for `spec diff`.
fn keep_previous(out: &Path, old: &[u8]) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join("logto-api-spec-pull");
    std::fs::create_dir_all(&dir)?;
    let stem = out.file_stem().and_then(|s| s.to_str()).unwrap_or("spec");
    let kept = dir.join(format!("{stem}.previous.json"));
    std::fs::write(&kept, old)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_url_out_and_timeout() {
        let parsed = parse_args(&args(&[
            "--url",
            "http://x/",
            "--out",
            "a.json",
            "--timeout",
            "1.5",
        ]));
        assert_eq!(
            parsed,
            Ok(Args {
                source: Source::Url("http://x/".to_owned()),
                out: PathBuf::from("a.json"),
                timeout: Duration::from_millis(1500),
                keep_order: false,
            })
        );
    }

    #[test]
    fn refuses_bad_arguments() {
        for bad in [
            &["--out", "a.json"][..],
            &["--url", "u", "--file", "f", "--out", "a.json"],
            &["--url", "u"],
            &["--url", "u", "--out", "a", "--timeout", "0"],
            &["--url", "u", "--out", "a", "--timeout", "-1"],
            &["--url", "u", "--out", "a", "--timeout", "1e400"],
            &["--url", "u", "--out", "a", "--timeout", "NaN"],
            &["--url", "u", "--out", "a", "--bogus"],
            &["--url", "u", "--out"],
            &["--url", "u", "--url", "v", "--out", "a"],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
