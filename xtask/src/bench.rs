//! `cargo xtask bench`: how long the generator takes on a document (median of 10 runs).

use crate::{flag, root};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const RUNS: usize = 10;

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), String> {
    let spec = flag(args, "--spec")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("spec/experience.json"));
    let text = std::fs::read_to_string(&spec)
        .map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let name = spec.display().to_string();
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut lines = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let doc = logto_api_codegen::load::load_str(&name, &text).map_err(|d| d.to_string())?;
        let tokens =
            logto_api_codegen::generate(&doc, &Default::default()).map_err(|d| d.to_string())?;
        let source = logto_api_codegen::pretty(&tokens).map_err(|e| e.to_string())?;
        times.push(start.elapsed());
        lines = source.lines().count();
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "{name}: median {:.1} ms over {RUNS} runs (min {:.1} ms, max {:.1} ms; load + lower + emit + pretty-print), {lines} lines",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
    );
    Ok(())
}
