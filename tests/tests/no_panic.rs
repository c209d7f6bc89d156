//! Bad input never panics: every node of the hostile fixture is replaced, one at a time, by
//! values of the wrong kind, and the generator must answer with code or with diagnostics.

use serde_json::Value;

/// Every JSON pointer in `value`, parents before children.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn mutated_documents_never_panic() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/hostile.json");
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let mut all = Vec::new();
    pointers(&original, String::new(), &mut all);
    let replacements = [
        Value::Null,
        serde_json::json!({}),
        serde_json::json!([]),
        serde_json::json!("#/x"),
    ];
    let (mut generated, mut refused) = (0, 0);
    for pointer in all.iter().skip(1) {
        for replacement in &replacements {
            let mut doc = original.clone();
            *doc.pointer_mut(pointer).expect("pointer from the walk") = replacement.clone();
            let text = doc.to_string();
            let outcome = std::panic::catch_unwind(|| {
                let doc = logto_api_codegen::load::load_str("mutated.json", &text)?;
                logto_api_codegen::generate(&doc, &Default::default())
            });
            match outcome {
                Ok(Ok(tokens)) => {
                    // Whatever the input, what is emitted must at least be valid Rust syntax.
                    if let Err(e) = logto_api_codegen::pretty(&tokens) {
                        panic!("invalid Rust emitted with {replacement} at {pointer}: {e}");
                    }
                    generated += 1;
                }
                Ok(Err(diagnostics)) => {
                    assert!(
                        !diagnostics.0.is_empty(),
                        "an error without diagnostics at {pointer}"
                    );
                    refused += 1;
                }
                Err(_) => panic!("the generator panicked with {replacement} at {pointer}"),
            }
        }
    }
    println!(
        "{} mutations: {generated} generated, {refused} refused with diagnostics",
        generated + refused
    );
    assert!(
        generated > 0 && refused > 0,
        "both outcomes must occur, or the mutations test nothing"
    );
}
