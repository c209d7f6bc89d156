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
    for fixture in ["hostile.json", "schemas.json"] {
        mutate(fixture);
    }
}

fn mutate(fixture: &str) {
    let path = format!("{}/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
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
        "{fixture}: {} mutations: {generated} generated, {refused} refused with diagnostics",
        generated + refused
    );
    assert!(
        generated > 0 && refused > 0,
        "both outcomes must occur, or the mutations test nothing"
    );
}

/// Component `C{i}` for link `i` of a chain of `kind`, pointing at `C{next}`.
fn link(kind: &str, i: usize, next: usize) -> String {
    let to = format!(r##"{{"$ref":"#/components/schemas/C{next}"}}"##);
    let body = match kind {
        "property" => format!(r#"{{"type":"object","properties":{{"next":{to}}}}}"#),
        "items" => format!(r#"{{"type":"array","items":{to}}}"#),
        "map" => format!(r#"{{"type":"object","additionalProperties":{to}}}"#),
        "oneOf" => format!(r#"{{"oneOf":[{{"type":"string"}},{to}]}}"#),
        "required-oneOf" => format!(
            r#"{{"type":"object","required":["next"],"properties":{{"next":{{"oneOf":[{{"type":"boolean"}},{to}]}}}}}}"#
        ),
        "allOf" => format!(r#"{{"allOf":[{to},{{"type":"object","required":["x"]}}]}}"#),
        "allOf-properties" => {
            format!(r#"{{"allOf":[{{"type":"object","properties":{{"next":{to}}}}}]}}"#)
        }
        "discriminator" => {
            format!(r#"{{"oneOf":[{to}],"discriminator":{{"propertyName":"kind"}}}}"#)
        }
        "alias" => to,
        other => unreachable!("{other}"),
    };
    format!(r#""C{i}":{body}"#)
}

/// A document whose answer is `C0`, the head of a chain of `links` components of `kind`; with
/// `cycle` the last link points back at the head.
fn chain(kind: &str, links: usize, cycle: bool) -> String {
    let schemas: Vec<String> = (0..links)
        .map(|i| match (i + 1 == links, cycle) {
            (false, _) => link(kind, i, i + 1),
            (true, true) => link(kind, i, 0),
            (true, false) => format!(r#""C{i}":{{"type":"string"}}"#),
        })
        .collect();
    format!(
        r##"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/x":{{"get":{{
        "operationId":"GetChain","responses":{{"200":{{"description":"ok",
        "content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/C0"}}}}}}}}}}}}}}}},
        "components":{{"schemas":{{{}}}}}}}"##,
        schemas.join(",")
    )
}

/// Chains and cycles a few thousand links long, of every way a schema can refer to another,
/// on a thread with a 2 MiB stack (a quarter of what rustc gives a proc macro): each document
/// either generates valid Rust or is refused with diagnostics, and nothing overflows the stack
/// (an overflow aborts this test binary).
#[test]
fn deep_chains_and_cycles_never_overflow() {
    let kinds = [
        "property",
        "items",
        "map",
        "oneOf",
        "required-oneOf",
        "allOf",
        "allOf-properties",
        "discriminator",
        "alias",
    ];
    let small_stack = std::thread::Builder::new().stack_size(2 * 1024 * 1024);
    let outcomes = small_stack
        .spawn(move || {
            let mut outcomes = Vec::new();
            for kind in kinds {
                for cycle in [false, true] {
                    let text = chain(kind, 3000, cycle);
                    let outcome = match logto_api_codegen::load::load_str("chain.json", &text)
                        .and_then(|doc| logto_api_codegen::generate(&doc, &Default::default()))
                    {
                        Ok(tokens) => match logto_api_codegen::pretty(&tokens) {
                            Ok(_) => "generated".to_owned(),
                            Err(e) => panic!("{kind} (cycle: {cycle}): invalid Rust: {e}"),
                        },
                        Err(d) => {
                            assert!(!d.0.is_empty(), "{kind}: an error without diagnostics");
                            format!("refused: {}", d.0[0].message)
                        }
                    };
                    outcomes.push(format!("{kind} (cycle: {cycle}): {outcome}"));
                }
            }
            outcomes
        })
        .expect("thread")
        .join()
        .expect("no panic");
    for outcome in &outcomes {
        println!("{outcome}");
    }
    // Plain chains through properties, items, maps and unions are ordinary documents.
    for kind in ["property", "items", "map", "oneOf", "allOf-properties"] {
        let line = format!("{kind} (cycle: false): generated");
        assert!(
            outcomes.contains(&line),
            "{line} missing from {outcomes:#?}"
        );
    }
}
