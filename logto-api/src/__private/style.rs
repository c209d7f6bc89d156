//! OpenAPI 3.0 parameter serialization: `style` and `explode` for query, path, header and cookie
//! parameters and for the properties of `application/x-www-form-urlencoded` bodies, following
//! the "Style Values" and "Style Examples" tables of OpenAPI 3.0.3.
//!
//! Values arrive as JSON (what the generated type serializes to), so every value of a generated
//! type has a rendering and nothing here fails. The delimiters a style adds (`,`, `|`, `%20`,
//! `[`/`]`, `.`, `;`, `=`) are written literally, and every name and value between them is
//! percent-encoded, so a value can never forge a delimiter, another pair or another segment.
//! Items that are themselves arrays or objects (which the tables do not cover) are written as
//! JSON text, except under `deepObject`, which nests (`filter[a][b]=1`).

use super::serde_support::scalar_text;
use percent_encoding::{percent_encode, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use serde_json::Value;

/// How a parameter (or a form property) is written. `explode` is passed beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `name=a,b` / `name=a&name=b` (query, cookie, form bodies).
    Form,
    /// `name=a%20b` (query, form bodies; arrays and objects).
    SpaceDelimited,
    /// `name=a|b` (query, form bodies; arrays and objects).
    PipeDelimited,
    /// `name[key]=value` (query, form bodies; objects).
    DeepObject,
    /// `a,b` (path, header).
    Simple,
    /// `.a.b` (path).
    Label,
    /// `;name=a,b` / `;name=a;name=b` (path).
    Matrix,
}

/// Everything but RFC 3986 unreserved characters is escaped.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// For label-style path values, `.` too: it is the style's delimiter.
const LABEL_VALUE: &AsciiSet = &UNRESERVED.add(b'.');

/// Bytes a cookie value may not hold (RFC 6265 `cookie-octet`), plus `%` so the encoding is
/// reversible.
const COOKIE_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// A value taken apart for a style: nothing, one scalar, array items or object entries, each as
/// text.
enum Parts {
    Null,
    Scalar(String),
    Array(Vec<String>),
    Object(Vec<(String, String)>),
}

fn parts(value: &Value) -> Parts {
    match value {
        Value::Null => Parts::Null,
        Value::Array(items) => Parts::Array(items.iter().map(scalar_text).collect()),
        Value::Object(map) => Parts::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), scalar_text(v)))
                .collect(),
        ),
        scalar => Parts::Scalar(scalar_text(scalar)),
    }
}

fn enc(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn join<'a>(
    items: impl Iterator<Item = &'a str>,
    set: &'static AsciiSet,
    delimiter: &str,
) -> String {
    let encoded: Vec<String> = items
        .map(|i| utf8_percent_encode(i, set).to_string())
        .collect();
    encoded.join(delimiter)
}

/// Keys and values alternating (`k,v,k,v`) or as `k=v` pairs, each part encoded with `set`.
fn entries(
    entries: &[(String, String)],
    set: &'static AsciiSet,
    pairs: bool,
    delimiter: &str,
) -> String {
    let encoded: Vec<String> = entries
        .iter()
        .map(|(k, v)| {
            let (k, v) = (utf8_percent_encode(k, set), utf8_percent_encode(v, set));
            if pairs {
                format!("{k}={v}")
            } else {
                format!("{k}{delimiter}{v}")
            }
        })
        .collect();
    encoded.join(delimiter)
}

/// The `name=value` pairs (already percent-encoded, to be joined with `&`) for one query
/// parameter or form property.
pub(crate) fn query_pairs(name: &str, value: &Value, style: Style, explode: bool) -> Vec<String> {
    let n = enc(name);
    if style == Style::DeepObject && value.is_object() {
        let mut out = Vec::new();
        deep(&n, value, &mut out);
        return out;
    }
    let delimiter = match style {
        Style::SpaceDelimited => "%20",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    // `explode` for spaceDelimited and pipeDelimited is not defined by OpenAPI 3.0 (the
    // generator refuses it); it falls back to form's, like arrays under deepObject.
    match parts(value) {
        Parts::Null => Vec::new(),
        Parts::Scalar(s) => vec![format!("{n}={}", enc(&s))],
        Parts::Array(items) if explode || style == Style::DeepObject => {
            items.iter().map(|i| format!("{n}={}", enc(i))).collect()
        }
        Parts::Array(items) => {
            vec![format!(
                "{n}={}",
                join(items.iter().map(String::as_str), UNRESERVED, delimiter)
            )]
        }
        Parts::Object(map) if explode => map
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect(),
        Parts::Object(map) => vec![format!(
            "{n}={}",
            entries(&map, UNRESERVED, false, delimiter)
        )],
    }
}

/// `prefix[key]=value` for each property, nesting for objects and repeating for arrays.
fn deep(prefix: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                deep(&format!("{prefix}[{}]", enc(k)), v, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        out.push(format!("{prefix}={}", enc(&scalar_text(item))));
                    }
                    _ => deep(prefix, item, out),
                }
            }
        }
        scalar => out.push(format!("{prefix}={}", enc(&scalar_text(scalar)))),
    }
}

/// One path segment's worth of text for a path parameter: `simple` (`a,b`), `label` (`.a.b`)
/// or `matrix` (`;name=a,b`), values percent-encoded so the result never holds a `/`.
pub(crate) fn path_value(name: &str, value: &Value, style: Style, explode: bool) -> String {
    match style {
        Style::Label => {
            let body = match parts(value) {
                Parts::Null => String::new(),
                Parts::Scalar(s) => utf8_percent_encode(&s, LABEL_VALUE).to_string(),
                Parts::Array(items) => join(items.iter().map(String::as_str), LABEL_VALUE, "."),
                Parts::Object(map) => entries(&map, LABEL_VALUE, explode, "."),
            };
            format!(".{body}")
        }
        Style::Matrix => {
            let n = enc(name);
            match parts(value) {
                Parts::Null => format!(";{n}"),
                Parts::Scalar(s) if s.is_empty() => format!(";{n}"),
                Parts::Scalar(s) => format!(";{n}={}", enc(&s)),
                Parts::Array(items) if items.is_empty() => format!(";{n}"),
                Parts::Array(items) if explode => {
                    items.iter().map(|i| format!(";{n}={}", enc(i))).collect()
                }
                Parts::Array(items) => {
                    format!(
                        ";{n}={}",
                        join(items.iter().map(String::as_str), UNRESERVED, ",")
                    )
                }
                Parts::Object(map) if explode => map
                    .iter()
                    .map(|(k, v)| format!(";{}={}", enc(k), enc(v)))
                    .collect(),
                Parts::Object(map) => format!(";{n}={}", entries(&map, UNRESERVED, false, ",")),
            }
        }
        _ => match parts(value) {
            Parts::Null => String::new(),
            Parts::Scalar(s) => enc(&s),
            Parts::Array(items) => join(items.iter().map(String::as_str), UNRESERVED, ","),
            Parts::Object(map) => entries(&map, UNRESERVED, explode, ","),
        },
    }
}

/// A header parameter's value, `simple` style, not percent-encoded (an invalid header value is
/// refused when the request is built).
pub(crate) fn header_value(value: &Value, explode: bool) -> String {
    match parts(value) {
        Parts::Null => String::new(),
        Parts::Scalar(s) => s,
        Parts::Array(items) => items.join(","),
        Parts::Object(map) => {
            let all: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    if explode {
                        format!("{k}={v}")
                    } else {
                        format!("{k},{v}")
                    }
                })
                .collect();
            all.join(",")
        }
    }
}

/// A cookie parameter's `name=value` pairs, `form` style: exploded arrays repeat the cookie,
/// exploded objects become one cookie per property. Values are percent-encoded where RFC 6265
/// forbids the byte, so a value cannot end its cookie early.
pub(crate) fn cookie_pairs(name: &str, value: &Value, explode: bool) -> Vec<String> {
    let c = |text: &str| percent_encode(text.as_bytes(), COOKIE_VALUE).to_string();
    match parts(value) {
        Parts::Null => Vec::new(),
        Parts::Scalar(s) => vec![format!("{name}={}", c(&s))],
        Parts::Array(items) if explode => {
            items.iter().map(|i| format!("{name}={}", c(i))).collect()
        }
        Parts::Array(items) => {
            let all: Vec<String> = items.iter().map(|i| c(i)).collect();
            vec![format!("{name}={}", all.join(","))]
        }
        Parts::Object(map) if explode => map
            .iter()
            .map(|(k, v)| format!("{}={}", c(k), c(v)))
            .collect(),
        Parts::Object(map) => {
            let all: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{},{}", c(k), c(v)))
                .collect();
            vec![format!("{name}={}", all.join(","))]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(value: Value, style: Style, explode: bool) -> String {
        query_pairs("color", &value, style, explode).join("&")
    }

    /// OpenAPI 3.0.3, "Style Examples", with `blue`, `["blue","black","brown"]` and
    /// `{"R":100,"G":200,"B":150}`.
    #[test]
    fn query_styles_follow_the_style_examples() {
        let (s, a, o) = (
            json!("blue"),
            json!(["blue", "black", "brown"]),
            json!({"R": 100, "G": 200, "B": 150}),
        );
        assert_eq!(q(s.clone(), Style::Form, false), "color=blue");
        assert_eq!(q(a.clone(), Style::Form, false), "color=blue,black,brown");
        assert_eq!(q(o.clone(), Style::Form, false), "color=R,100,G,200,B,150");
        assert_eq!(q(s, Style::Form, true), "color=blue");
        assert_eq!(
            q(a.clone(), Style::Form, true),
            "color=blue&color=black&color=brown"
        );
        assert_eq!(q(o.clone(), Style::Form, true), "R=100&G=200&B=150");
        assert_eq!(
            q(a.clone(), Style::SpaceDelimited, false),
            "color=blue%20black%20brown"
        );
        assert_eq!(
            q(o.clone(), Style::SpaceDelimited, false),
            "color=R%20100%20G%20200%20B%20150"
        );
        assert_eq!(q(a, Style::PipeDelimited, false), "color=blue|black|brown");
        assert_eq!(
            q(o.clone(), Style::PipeDelimited, false),
            "color=R|100|G|200|B|150"
        );
        assert_eq!(
            q(o, Style::DeepObject, true),
            "color[R]=100&color[G]=200&color[B]=150"
        );
        assert_eq!(q(json!(""), Style::Form, true), "color=");
    }

    #[test]
    fn values_cannot_forge_delimiters() {
        assert_eq!(
            q(json!(["a,b", "c&d=e"]), Style::Form, false),
            "color=a%2Cb,c%26d%3De"
        );
        assert_eq!(
            q(json!({"k]x": "v"}), Style::DeepObject, true),
            "color[k%5Dx]=v"
        );
        assert_eq!(
            path_value("id", &json!(["a/b", "c.d"]), Style::Label, false),
            ".a%2Fb.c%2Ed"
        );
        assert_eq!(
            cookie_pairs("sid", &json!("a; b=c"), true),
            ["sid=a%3B%20b=c"]
        );
    }

    #[test]
    fn path_styles_follow_the_style_examples() {
        let (s, a, o) = (
            json!("blue"),
            json!(["blue", "black", "brown"]),
            json!({"R": 100, "G": 200, "B": 150}),
        );
        let p = |v: &Value, style, explode| path_value("color", v, style, explode);
        assert_eq!(p(&s, Style::Simple, false), "blue");
        assert_eq!(p(&a, Style::Simple, false), "blue,black,brown");
        assert_eq!(p(&o, Style::Simple, false), "R,100,G,200,B,150");
        assert_eq!(p(&o, Style::Simple, true), "R=100,G=200,B=150");
        assert_eq!(p(&s, Style::Label, false), ".blue");
        assert_eq!(p(&a, Style::Label, false), ".blue.black.brown");
        assert_eq!(p(&a, Style::Label, true), ".blue.black.brown");
        assert_eq!(p(&o, Style::Label, false), ".R.100.G.200.B.150");
        assert_eq!(p(&o, Style::Label, true), ".R=100.G=200.B=150");
        assert_eq!(p(&s, Style::Matrix, false), ";color=blue");
        assert_eq!(p(&a, Style::Matrix, false), ";color=blue,black,brown");
        assert_eq!(
            p(&a, Style::Matrix, true),
            ";color=blue;color=black;color=brown"
        );
        assert_eq!(p(&o, Style::Matrix, false), ";color=R,100,G,200,B,150");
        assert_eq!(p(&o, Style::Matrix, true), ";R=100;G=200;B=150");
        assert_eq!(p(&json!(""), Style::Matrix, true), ";color");
        assert_eq!(p(&json!(""), Style::Label, true), ".");
    }

    /// Whatever the value, a path parameter stays inside its segment and a query value inside
    /// its pair: the only `/`, `?`, `#`, `&` or space would be one a value forged.
    #[test]
    fn hostile_values_stay_in_place() {
        let hostile = [
            "a/b", "../..", "?x=1", "#frag", "a&b=c", "a b", "%2F", "ü/ñ", "a;b=c", "[x]", "\n",
        ];
        let styles = [Style::Simple, Style::Label, Style::Matrix];
        let queries = [
            Style::Form,
            Style::SpaceDelimited,
            Style::PipeDelimited,
            Style::DeepObject,
        ];
        for text in hostile {
            for value in [json!(text), json!([text, text]), json!({ text: text })] {
                for (style, explode) in styles.iter().flat_map(|s| [(*s, false), (*s, true)]) {
                    let segment = path_value(text, &value, style, explode);
                    let escapes_only = segment.split('%').skip(1).all(|rest| {
                        rest.get(..2)
                            .is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
                    });
                    assert!(
                        !segment.contains(['/', '?', '#', ' ']) && escapes_only,
                        "{style:?} {explode} {value}: {segment}"
                    );
                }
                for (style, explode) in queries.iter().flat_map(|s| [(*s, false), (*s, true)]) {
                    for pair in query_pairs(text, &value, style, explode) {
                        assert!(
                            !pair.contains(['&', '#', ' ', '/', '?'])
                                && pair.matches('=').count() == 1,
                            "{style:?} {explode} {value}: {pair}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn headers_and_cookies() {
        let o = json!({"R": 100, "G": 200});
        assert_eq!(header_value(&json!([3, 4, 5]), false), "3,4,5");
        assert_eq!(header_value(&o, false), "R,100,G,200");
        assert_eq!(header_value(&o, true), "R=100,G=200");
        assert_eq!(cookie_pairs("id", &json!([3, 4]), true), ["id=3", "id=4"]);
        assert_eq!(cookie_pairs("id", &json!([3, 4]), false), ["id=3,4"]);
        assert_eq!(cookie_pairs("id", &o, true), ["R=100", "G=200"]);
        assert_eq!(cookie_pairs("id", &o, false), ["id=R,100,G,200"]);
    }
}
