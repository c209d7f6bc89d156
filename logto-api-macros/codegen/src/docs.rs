//! Turning prose from a spec into rustdoc that neither warns nor runs.
//!
//! Spec text is Markdown written for a web page: `[id]` would become a broken intra-doc link,
//! `<T>` an unclosed HTML tag, a bare URL a rustdoc lint, and a fenced block a doctest. Each of
//! those is neutralised here; code spans and fenced blocks are left as written.

/// Makes `text` safe to put in a `///` comment.
pub fn sanitize(text: &str) -> String {
    let text = visible(text);
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if !in_fence {
                // A fence without a language would be compiled as a doctest.
                let indent = &line[..line.len() - trimmed.len()];
                out.push(format!("{indent}```text"));
            } else {
                out.push(line.to_owned());
            }
            in_fence = !in_fence;
            continue;
        }
        out.push(if in_fence {
            line.to_owned()
        } else {
            escape_line(line)
        });
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// `text` with tabs as four spaces and other control characters but line breaks written as
/// escapes (`\u{0}`): a tab in a doc comment is a clippy warning, and a raw NUL makes the
/// expanded source a binary file to most tools.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\n' | '\r' => out.push(c),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// Escapes one line outside code spans.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside a code span (when the backticks pair up).
        if i % 2 == 1 && line.matches('`').count().is_multiple_of(2) {
            out.push_str(part);
        } else {
            out.push_str(&escape_prose(part));
        }
    }
    out
}

fn escape_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(url_len) = bare_url_len(rest) {
            let (url, tail) = rest.split_at(url_len);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = tail;
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or_default();
        match c {
            '[' | ']' | '<' | '>' | '*' | '_' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

/// Length of an `http(s)://` URL at the start of `text`, if one starts there.
fn bare_url_len(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | '<' | ']'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn brackets_tags_and_urls_are_neutralised() {
        assert_eq!(
            sanitize("Use [id] or Array<string>."),
            "Use \\[id\\] or Array\\<string\\>."
        );
        assert_eq!(
            sanitize("See https://logto.io/docs."),
            "See <https://logto.io/docs>."
        );
        assert_eq!(sanitize("keep `a[0] <b>` as is"), "keep `a[0] <b>` as is");
        assert_eq!(
            sanitize("snake_case and *stars*"),
            "snake\\_case and \\*stars\\*"
        );
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(sanitize("a\tb"), "a    b");
        assert_eq!(sanitize("`a\u{0}b`"), "`a\\u{0}b`");
        assert_eq!(sanitize("one\r\ntwo"), "one\ntwo");
    }

    #[test]
    fn fences_never_run() {
        let doc = sanitize("Example:\n```\nlet x = [1];\n```");
        assert_eq!(doc, "Example:\n```text\nlet x = [1];\n```");
        assert_eq!(sanitize("```json\n{}\n```"), "```text\n{}\n```");
        assert_eq!(sanitize("```\nunclosed"), "```text\nunclosed\n```");
    }
}
