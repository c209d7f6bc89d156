//! The `# Example` section of each operation method: a `no_run` call a reader can copy.
//!
//! Emitted only when the invocation says where users reach the generated module
//! (`examples = "logto_api::management"`): an example has to name that path to compile as a
//! doctest, and the generator cannot know it otherwise.

use super::type_tokens;
use crate::ir::{Body, BodyEncoding, Operation, Param, TypeRef};
use crate::naming::needs_raw;
use proc_macro2::TokenStream;
use std::fmt::Write as _;

/// Where the generated items live, for examples.
pub(super) struct ExampleContext<'a> {
    /// The path of the generated module (`logto_api::management`).
    pub module: &'a str,
    /// Whether the group accessors are inherent methods of `logto_api::Client`.
    pub inherent: bool,
}

/// The doc lines of the example for `op`, reached through `client.<accessor>()`.
pub(super) fn example_doc(
    op: &Operation,
    accessor: &str,
    params: &[&Param],
    body: Option<&Body>,
    cx: &ExampleContext<'_>,
) -> TokenStream {
    let mut hidden = vec!["client: &logto_api::Client".to_owned()];
    let mut args = Vec::new();
    for p in params {
        match &p.ty {
            // `{:?}` writes a Rust string literal, escapes and all, whatever the wire name holds.
            TypeRef::String => args.push(format!("{:?}", format!("<{}>", p.wire))),
            other => {
                let name = rust_ident(&p.name);
                hidden.push(format!("{name}: {}", type_text(other, cx.module)));
                args.push(name);
            }
        }
    }
    if let Some(b) = body {
        match (b.encoding, &b.ty) {
            (BodyEncoding::Text, TypeRef::String) => args.push("\"<text>\"".to_owned()),
            (BodyEncoding::Bytes, TypeRef::Bytes) => args.push("b\"<bytes>\".to_vec()".to_owned()),
            (_, ty) => {
                hidden.push(format!("body: {}", type_text(ty, cx.module)));
                args.push("body".to_owned());
            }
        }
    }
    let mut code = String::from("```no_run\n");
    // Crates may deny warnings in doctests; the example function is never called, and a
    // deprecated operation is still worth showing.
    code.push_str("# #[allow(dead_code, deprecated)]\n");
    let _ = writeln!(
        code,
        "# async fn example({}) -> logto_api::Result<()> {{",
        hidden.join(", ")
    );
    if !cx.inherent {
        let _ = writeln!(code, "# use {}::ClientExt as _;", cx.module);
    }
    let _ = writeln!(
        code,
        "let response = client.{}().{}({}).send().await?;",
        rust_ident(accessor),
        rust_ident(&op.method_name),
        args.join(", ")
    );
    code.push_str("println!(\"{} {:?}\", response.status, response.body);\n");
    code.push_str("# Ok(())\n# }\n```");
    let lines = ["", " # Example", ""]
        .into_iter()
        .map(str::to_owned)
        .chain(code.lines().map(|l| format!(" {l}")));
    lines.map(|l| quote::quote!(#[doc = #l])).collect()
}

/// `name` as written in Rust source: `r#type` for a keyword.
fn rust_ident(name: &str) -> String {
    if needs_raw(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// `ty` as Rust source a reader can read, with generated types under `module::types`.
fn type_text(ty: &TypeRef, module: &str) -> String {
    let prefix: TokenStream = format!("{module}::types::").parse().unwrap_or_default();
    // The generated modules import `BTreeMap` and `Value`; a doctest sees neither.
    let text = type_tokens(ty, &prefix)
        .to_string()
        .split(' ')
        .map(|token| match token {
            "BTreeMap" => "std::collections::BTreeMap",
            "Value" => "logto_api::__private::serde_json::Value",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ");
    text.replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" ::", "::")
        .replace(" < ", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::type_text;
    use crate::ir::TypeRef;

    #[test]
    fn keywords_are_raw_identifiers() {
        assert_eq!(super::rust_ident("type"), "r#type");
        assert_eq!(super::rust_ident("users"), "users");
    }

    #[test]
    fn types_read_as_written() {
        let list = TypeRef::List(Box::new(TypeRef::Named("User".into())));
        assert_eq!(
            type_text(&list, "logto_api::management"),
            "Vec<logto_api::management::types::User>"
        );
        let map = TypeRef::Map(Box::new(TypeRef::Any));
        assert_eq!(
            type_text(&map, "api"),
            "std::collections::BTreeMap<String, logto_api::__private::serde_json::Value>"
        );
    }
}
