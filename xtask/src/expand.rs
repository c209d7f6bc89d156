//! `cargo xtask expand`: write the generated source for a document to a file, to read it.

use crate::{flag, generate_pretty, root};
use std::path::PathBuf;

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("usage: cargo xtask expand [--spec FILE] [--out FILE]\n  without --spec: the three documents in spec/, each to target/expand/NAME.rs");
        return Ok(());
    }
    let specs: Vec<PathBuf> = match flag(args, "--spec") {
        Some(spec) => vec![PathBuf::from(spec)],
        None => ["experience", "account", "management"]
            .iter()
            .map(|name| root().join(format!("spec/{name}.json")))
            .collect(),
    };
    if specs.len() > 1 && flag(args, "--out").is_some() {
        return Err("--out names one file: give --spec too".to_owned());
    }
    let out_dir = root().join("target/expand");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    for spec in specs {
        let source = generate_pretty(&spec, false)?;
        let out = match flag(args, "--out") {
            Some(out) => PathBuf::from(out),
            None => {
                let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("spec");
                out_dir.join(format!("{stem}.rs"))
            }
        };
        std::fs::write(&out, &source)
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        println!(
            "{} -> {} ({} lines)",
            spec.display(),
            out.display(),
            source.lines().count()
        );
    }
    Ok(())
}
