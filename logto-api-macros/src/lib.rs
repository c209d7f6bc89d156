//! `generate!`: a typed async client for an OpenAPI 3.0 document, generated at build time.
//!
//! Most crates call it through its re-export in `logto-api`, so that one dependency is enough
//! (`logto-api = { version = "0.1", default-features = false }` compiles none of Logto's own
//! APIs):
//!
//! ```ignore
//! mod petstore {
//!     logto_api::generate!(spec = "openapi/petstore.json");
//! }
//! // Several documents: one invocation each, in its own module.
//! mod billing {
//!     logto_api::generate!(spec = "openapi/billing.json");
//! }
//! ```
//!
//! Arguments:
//! - `spec = "PATH"` (required): the document, relative to the invoking crate's
//!   `CARGO_MANIFEST_DIR`. Cargo rebuilds the crate when the file changes. `${NAME}` is replaced
//!   by the environment variable `NAME` at build time, e.g. `spec = "${OUT_DIR}/api.json"` for a
//!   document a build script fetched.
//! - `inherent = true` (optional): add the group accessors (`client.pets()`) as inherent methods
//!   of `logto_api::Client`. Only the `logto-api` crate itself can do this; other crates get a
//!   `ClientExt` trait to import instead.
//! - `examples = "PATH"` (optional): the path users reach the generated module by, such as
//!   `"my_crate::petstore"`; each operation method's docs then show a `no_run` example of its
//!   call, which `cargo test` compiles as a doctest. Without it, methods have no example.
//!
//! The generated code calls `::logto_api`, so the invoking crate depends on `logto-api` under
//! that name.
//! Problems in the document become `compile_error!`s naming the file, the JSON pointer and, for
//! parse errors, the line and column; all of them are reported at once.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use std::path::PathBuf;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitBool, LitStr, Token};

/// Generates models, operation groups and request builders from an OpenAPI 3.0 document.
/// See the crate documentation for the arguments.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    match syn::parse::<Args>(input) {
        Ok(args) => expand(args).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

struct Args {
    spec: LitStr,
    inherent: bool,
    examples: Option<String>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut spec: Option<LitStr> = None;
        let mut inherent = false;
        let mut examples: Option<String> = None;
        let mut errors: Option<syn::Error> = None;
        let mut push = |e: syn::Error| match &mut errors {
            Some(all) => all.combine(e),
            None => errors = Some(e),
        };
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "spec" => spec = Some(input.parse()?),
                "inherent" => inherent = input.parse::<LitBool>()?.value,
                "examples" => {
                    let path: LitStr = input.parse()?;
                    match syn::parse_str::<syn::Path>(&path.value()) {
                        Ok(parsed) if usable_from_doctest(&parsed) => examples = Some(path.value()),
                        _ => push(syn::Error::new(
                            path.span(),
                            format!("`examples` must be the path other crates reach the module by, such as `\"my_crate::api\"` (no `crate`, `self`, `super` or generics: doctests are other crates), not {:?}", path.value()),
                        )),
                    }
                }
                other => {
                    // Consume the value so every unknown argument is reported, not just the first.
                    let _: syn::Expr = input.parse()?;
                    push(syn::Error::new(
                        key.span(),
                        format!("unknown argument `{other}`; expected `spec = \"PATH\"`, `inherent = true|false` or `examples = \"PATH\"`"),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        if spec.is_none() {
            push(syn::Error::new(
                Span::call_site(),
                "missing argument `spec = \"PATH\"` (an OpenAPI 3.0 JSON document)",
            ));
        }
        match (errors, spec) {
            (Some(e), _) => Err(e),
            (None, Some(spec)) => Ok(Args {
                spec,
                inherent,
                examples,
            }),
            (None, None) => Err(syn::Error::new(
                Span::call_site(),
                "missing argument `spec`",
            )),
        }
    }
}

/// True for a path a doctest (an outside crate) can name: no `crate`/`self`/`super`, no
/// generic arguments.
fn usable_from_doctest(path: &syn::Path) -> bool {
    path.segments.iter().all(|s| {
        s.arguments.is_none()
            && !matches!(
                s.ident.to_string().as_str(),
                "crate" | "self" | "super" | "Self"
            )
    })
}

fn expand(args: Args) -> proc_macro2::TokenStream {
    let relative = args.spec.value();
    // `option_env!` puts each variable the path names into the crate's dep-info, so Cargo
    // rebuilds when it changes (a build reading another document), not only when the file does.
    let tracked: Vec<proc_macro2::TokenStream> = env_names(&relative)
        .into_iter()
        .map(|name| {
            quote!(
                const _: ::core::option::Option<&str> = ::core::option_env!(#name);
            )
        })
        .collect();
    let expanded = match expand_env(&relative) {
        Ok(path) => path,
        Err(message) => {
            let error = syn::Error::new(args.spec.span(), message).to_compile_error();
            return quote!(#error #(#tracked)*);
        }
    };
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let path = root.join(expanded);
    let options = logto_api_codegen::Options {
        inherent: args.inherent,
        examples: args.examples,
    };
    let generated = match logto_api_codegen::generate_file(&path, &relative, &options) {
        Ok(tokens) => tokens,
        Err(diagnostics) => {
            let errors = diagnostics.0.iter().map(|d| {
                let message = d.to_string();
                quote::quote_spanned!(args.spec.span()=> ::core::compile_error!(#message);)
            });
            // Empty modules keep `use api::types::*;` and friends resolving, so the user sees
            // the spec problems rather than a wall of "unresolved import" follow-ons.
            return quote! {
                #(#errors)*
                #(#tracked)*
                pub mod types {}
                pub mod calls {}
            };
        }
    };
    // Makes Cargo rebuild the invoking crate when the document changes.
    let track = path.to_string_lossy().into_owned();
    quote! {
        #generated
        const _: &[u8] = include_bytes!(#track);
        #(#tracked)*
    }
}

/// A spec path taken apart: literal text and `${NAME}` variables, in order.
enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
}

fn pieces(path: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else {
            return Err(format!("unclosed `${{` in spec path `{path}`"));
        };
        pieces.push(Piece::Text(&rest[..start]));
        pieces.push(Piece::Var(&rest[start + 2..start + len]));
        rest = &rest[start + len + 1..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// The names of the `${NAME}` variables in `path` (none when it is malformed).
fn env_names(path: &str) -> Vec<String> {
    let pieces = pieces(path).unwrap_or_default();
    pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Var(name) => Some((*name).to_owned()),
            Piece::Text(_) => None,
        })
        .collect()
}

/// Replaces each `${NAME}` in `path` with the environment variable `NAME`.
fn expand_env(path: &str) -> Result<String, String> {
    let mut out = String::new();
    for piece in pieces(path)? {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Var(name) => out.push_str(&std::env::var(name).map_err(|_| {
                format!(
                    "spec path `{path}` uses `${{{name}}}`, but that environment variable is not set"
                )
            })?),
        }
    }
    Ok(out)
}
