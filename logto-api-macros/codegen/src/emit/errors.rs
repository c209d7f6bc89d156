//! Emission of `{Op}ErrorBody`: one variant per documented error answer, and `from_error`, which
//! picks the variant by the error's status and decodes the body the error kept.

use super::{doc_attr, doc_or, ident, type_tokens};
use crate::ir::{ErrorAnswer, Operation};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The `{Op}ErrorBody` enum of `op`, when it documents error answers.
pub(super) fn emit_error_body(op: &Operation) -> TokenStream {
    let Some(name) = &op.error_body else {
        return TokenStream::new();
    };
    let name = ident(name);
    let prefix = quote!(types::);
    let variants = op.errors.iter().map(|e| {
        let (v, t) = (ident(&e.variant), type_tokens(&e.ty, &prefix));
        let fallback = format!("The {} answer.", statuses(e));
        let doc = doc_or(e.doc.as_deref(), &fallback);
        let statuses = format!(" Status: {}.", statuses(e));
        quote!(#doc #[doc = ""] #[doc = #statuses] #v(#t),)
    });
    // Exact statuses before ranges before `default`, as OpenAPI gives them precedence.
    let mut ordered: Vec<&ErrorAnswer> = op.errors.iter().collect();
    ordered.sort_by_key(|e| match e.covers {
        Some((low, high)) if low == high => 0,
        Some(_) => 1,
        None => 2,
    });
    let arms = ordered.iter().map(|e| {
        let v = ident(&e.variant);
        let pattern = match e.covers {
            Some((low, high)) if low == high => {
                let low = Literal::u16_unsuffixed(low);
                quote!(#low)
            }
            Some((low, high)) => {
                let (low, high) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
                quote!(#low..=#high)
            }
            None => quote!(_),
        };
        quote!(#pattern => api.body_json().map(Self::#v),)
    });
    let fallback = op
        .errors
        .iter()
        .all(|e| e.covers.is_some())
        .then(|| quote!(_ => None,));
    let doc = doc_attr(&format!(
        "The error answers `{}` documents, by status: decode one from the error a call returned \
         with `from_error`.",
        op.id
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }

        impl #name {
            /// The documented body of `error`: `None` unless the server answered with a status
            /// documented here and a body that decodes as documented.
            pub fn from_error(error: &::logto_api::Error) -> Option<Self> {
                let api = error.as_api()?;
                match api.status.as_u16() {
                    #(#arms)*
                    #fallback
                }
            }
        }
    }
}

/// Doc lines for the operation's method saying how its documented error answers are decoded.
pub(super) fn error_doc(op: &Operation) -> TokenStream {
    let Some(name) = &op.error_body else {
        return TokenStream::new();
    };
    // Written by the generator, with links: not spec prose, so not sanitized.
    let mut lines = vec![
        String::new(),
        " # Errors".to_owned(),
        String::new(),
        " A 4xx or 5xx answer is an [`Error::Api`](::logto_api::Error::Api);".to_owned(),
        format!(" [`calls::{name}::from_error`] decodes the bodies the API documents:"),
        String::new(),
    ];
    for e in &op.errors {
        let ty = type_tokens(&e.ty, &quote!(types::))
            .to_string()
            .replace(' ', "");
        lines.push(format!(" - {}: `{ty}`", statuses(e)));
    }
    quote! { #( #[doc = #lines] )* }
}

/// `404`, `4XX` or `default`, as the document writes it.
fn statuses(e: &ErrorAnswer) -> String {
    match e.covers {
        Some((low, high)) if low == high => low.to_string(),
        Some((low, _)) => format!("{}XX", low / 100),
        None => "default".to_owned(),
    }
}
