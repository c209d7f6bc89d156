//! JSON comparison that treats numbers by value: the generator maps `type: number` to `f64`, so a
//! served `60000` comes back as `60000.0`. Everything else must match exactly (same keys, no
//! extra or missing ones, same nulls), except that [`diff_answer`] lets a `null` member of an
//! answer come back left out.

use serde_json::Value;

/// The first difference between `expected` and `actual`, as `path: what`, or `None` when equal.
pub fn diff(expected: &Value, actual: &Value) -> Option<String> {
    diff_at("$", expected, actual, false)
}

/// [`diff`] for an answer that was decoded and encoded again: a member the server sent as `null`
/// may come back left out, because outside PATCH bodies an optional field reads `null` and
/// absent alike as `None`, which is left out when encoding. Nothing else may differ: a required
/// nullable field is always written, and an optional one inside a `Patch` keeps its `null`.
pub fn diff_answer(served: &Value, reencoded: &Value) -> Option<String> {
    diff_at("$", served, reencoded, true)
}

/// True when the two values are equal under numeric-aware comparison.
pub fn eq(expected: &Value, actual: &Value) -> bool {
    diff(expected, actual).is_none()
}

fn diff_at(path: &str, expected: &Value, actual: &Value, nulls_may_go: bool) -> Option<String> {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) if x == y => None,
            _ => Some(format!("{path}: expected {a}, got {b}")),
        },
        (Value::Object(a), Value::Object(b)) => {
            // A `null` left out is no loss where the caller allows it.
            let lost = |(k, v): &(&String, &Value)| {
                let may_go = nulls_may_go && v.is_null();
                !b.contains_key(*k) && !may_go
            };
            if let Some((key, _)) = a.iter().find(lost) {
                return Some(format!("{path}: missing key `{key}`"));
            }
            if let Some(key) = b.keys().find(|k| !a.contains_key(*k)) {
                return Some(format!(
                    "{path}: extra key `{key}` = {}",
                    short(&b[key.as_str()])
                ));
            }
            a.iter()
                .filter_map(|(key, value)| Some((key, value, b.get(key)?)))
                .find_map(|(key, x, y)| diff_at(&format!("{path}.{key}"), x, y, nulls_may_go))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!(
                    "{path}: expected {} items, got {}",
                    a.len(),
                    b.len()
                ));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| diff_at(&format!("{path}[{i}]"), x, y, nulls_may_go))
        }
        (a, b) if a == b => None,
        (a, b) => Some(format!("{path}: expected {}, got {}", short(a), short(b))),
    }
}

/// A value for a message, cut to a readable length.
pub fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 160 {
        let cut: String = text.chars().take(160).collect();
        format!("{cut}…")
    } else {
        text
    }
}
