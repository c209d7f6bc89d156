//! Stage 3: IR -> `TokenStream`. One small function per generated item; output order follows the
//! IR, which is deterministic.

mod errors;
mod examples;
mod operations;
mod types;

use crate::docs::sanitize;
use crate::ir::{Api, TypeRef};
use crate::naming::needs_raw;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// How the generated code attaches to the client type.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Emit accessors (`client.experience()`) as inherent methods of `logto_api::Client`. Only
    /// possible inside the `logto-api` crate itself; elsewhere a `ClientExt` trait is emitted.
    pub inherent: bool,
    /// The path users reach the generated module by (`logto_api::management`); when set, every
    /// operation method's docs show a `no_run` example of its call through that path.
    pub examples: Option<String>,
}

/// Emits the whole generated surface for `api`.
pub fn emit(api: &Api, options: &Options) -> TokenStream {
    let types = types::emit_types(api);
    let calls = operations::emit_calls(api);
    let groups = operations::emit_groups(api, options);
    let title = doc_attr(&format!("Models used by the `{}` operations.", api.title));
    let calls_doc = doc_attr("Request builders: set optional parameters, then `.send().await`.");
    quote! {
        #title
        pub mod types {
            #[allow(unused_imports)]
            use ::logto_api::__private::serde::{Deserialize, Serialize};
            #[allow(unused_imports)]
            use ::logto_api::__private::serde_json::Value;
            #[allow(unused_imports)]
            use ::std::collections::BTreeMap;
            #types
        }
        #calls_doc
        pub mod calls {
            #[allow(unused_imports)]
            use super::types;
            #[allow(unused_imports)]
            use ::logto_api::__private::serde_json::Value;
            #[allow(unused_imports)]
            use ::std::collections::BTreeMap;
            #calls
        }
        /// The operation groups (one struct per tag, reached through the client's accessors)
        /// and, for a crate other than `logto-api`, the `ClientExt` trait that adds them.
        pub mod groups {
            #[allow(unused_imports)]
            use super::{calls, types};
            #[allow(unused_imports)]
            use ::logto_api::__private::serde_json::Value;
            #[allow(unused_imports)]
            use ::std::collections::BTreeMap;
            #groups
        }
        pub use self::groups::*;
    }
}

/// An identifier, raw when `name` is a keyword.
pub(crate) fn ident(name: &str) -> Ident {
    if needs_raw(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// `#[doc = "..."]` lines for sanitized spec prose (nothing when empty).
pub(crate) fn doc_attr(text: &str) -> TokenStream {
    let text = sanitize(text);
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

/// Doc lines from optional spec prose, with `fallback` when the spec is silent.
pub(crate) fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => doc_attr(t),
        None => doc_attr(fallback),
    }
}

/// The Rust type for `ty`, as written inside the `types` module (`prefix` is empty) or from
/// `calls` (`prefix` is `types::`).
pub(crate) fn type_tokens(ty: &TypeRef, prefix: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer => quote!(i64),
        TypeRef::Int32 => quote!(i32),
        TypeRef::UInt32 => quote!(u32),
        TypeRef::UInt64 => quote!(u64),
        TypeRef::Number => quote!(f64),
        TypeRef::Float => quote!(f32),
        TypeRef::Timestamp => quote!(::logto_api::Timestamp),
        TypeRef::String => quote!(String),
        TypeRef::Any => quote!(Value),
        TypeRef::File => quote!(::logto_api::FilePart),
        TypeRef::Bytes => quote!(::logto_api::Bytes),
        TypeRef::Named(n) => {
            let n = ident(n);
            quote!(#prefix #n)
        }
        TypeRef::List(t) => {
            let t = type_tokens(t, prefix);
            quote!(Vec<#t>)
        }
        TypeRef::Map(t) => {
            let t = type_tokens(t, prefix);
            quote!(BTreeMap<String, #t>)
        }
        TypeRef::Nullable(t) => {
            let t = type_tokens(t, prefix);
            quote!(Option<#t>)
        }
        TypeRef::Boxed(t) => {
            let t = type_tokens(t, prefix);
            quote!(Box<#t>)
        }
    }
}

/// Pretty-prints generated tokens as a Rust source file.
pub fn pretty(tokens: &TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(prettyplease::unparse(&file))
}
