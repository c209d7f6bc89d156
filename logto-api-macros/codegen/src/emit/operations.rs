//! Emission of operations: group structs with one method per operation, and a request builder
//! per operation whose `send()` builds the request through the runtime and decodes the answer.

use super::{doc_attr, doc_or, ident, type_tokens};
use crate::ir::{
    Api, Body, BodyEncoding, Group, Location, Operation, Output, Paging, Param, Payload, Response,
    Style, TypeRef,
};
use crate::naming::pascal;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn types_prefix() -> TokenStream {
    quote!(types::)
}

/// Group structs and the client accessors that hand them out.
pub(super) fn emit_groups(api: &Api, options: &super::Options) -> TokenStream {
    let examples = options
        .examples
        .as_deref()
        .map(|module| super::examples::ExampleContext {
            module,
            inherent: options.inherent,
        });
    let groups = api.groups.iter().map(|g| emit_group(g, examples.as_ref()));
    let signatures: Vec<(TokenStream, TokenStream, TokenStream)> = api
        .groups
        .iter()
        .map(|g| {
            let (accessor, name) = (ident(&g.accessor), ident(&g.struct_name));
            let doc = doc_attr(&format!("Operations tagged `{}`.", g.tag));
            (
                doc,
                quote!(fn #accessor(&self) -> #name<'_>),
                quote!({ #name::new(self) }),
            )
        })
        .collect();
    let attach = if options.inherent {
        let methods = signatures
            .iter()
            .map(|(doc, sig, body)| quote!(#doc #[must_use] pub #sig #body));
        quote! {
            impl ::logto_api::Client {
                #(#methods)*
            }
        }
    } else {
        let decls = signatures.iter().map(|(doc, sig, _)| quote!(#doc #sig;));
        let impls = signatures.iter().map(|(_, sig, body)| quote!(#sig #body));
        quote! {
            /// Adds this API's operation groups to [`logto_api::Client`](::logto_api::Client).
            pub trait ClientExt {
                #(#decls)*
            }
            impl ClientExt for ::logto_api::Client {
                #(#impls)*
            }
        }
    };
    quote! { #(#groups)* #attach }
}

fn emit_group(g: &Group, examples: Option<&super::examples::ExampleContext<'_>>) -> TokenStream {
    let name = ident(&g.struct_name);
    let doc = doc_attr(&format!("Operations tagged `{}`.", g.tag));
    let methods = g.operations.iter().map(|op| {
        let example = examples.map(|cx| {
            let (params, body) = positional(op);
            super::examples::example_doc(op, &g.accessor, &params, body, cx)
        });
        emit_method(op, example)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            client: &'a ::logto_api::Client,
        }

        impl<'a> #name<'a> {
            /// Operations of this group, sent through `client`.
            pub fn new(client: &'a ::logto_api::Client) -> Self {
                Self { client }
            }
            #(#methods)*
        }
    }
}

/// Arguments taken positionally: required path, query and header parameters, then a required
/// body.
fn positional(op: &Operation) -> (Vec<&Param>, Option<&Body>) {
    let params = op.params.iter().filter(|p| p.required).collect();
    (params, op.body.as_ref().filter(|b| b.required))
}

fn arg_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(impl Into<String>),
        other => type_tokens(other, &types_prefix()),
    }
}

fn arg_value(name: &proc_macro2::Ident, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Bytes => quote!(#name.into()),
        _ => quote!(#name),
    }
}

/// A body argument: `impl Into<String>` for text and `impl Into<Bytes>` for raw bytes, else its
/// type (a JSON body that is a plain string stays `String`).
fn body_arg_type(b: &Body) -> TokenStream {
    match (b.encoding, &b.ty) {
        (BodyEncoding::Text, TypeRef::String) => quote!(impl Into<String>),
        (BodyEncoding::Bytes, TypeRef::Bytes) => quote!(impl Into<::logto_api::Bytes>),
        _ => type_tokens(&b.ty, &types_prefix()),
    }
}

fn body_arg_value(b: &Body) -> TokenStream {
    match b.encoding {
        BodyEncoding::Text | BodyEncoding::Bytes => quote!(body.into()),
        _ => quote!(body),
    }
}

/// `::logto_api::__private::Style::DeepObject`, ...
fn style_tokens(style: Style) -> TokenStream {
    let variant = format_ident!("{}", pascal(style.as_str()));
    quote!(::logto_api::__private::Style::#variant)
}

fn operation_doc(op: &Operation) -> TokenStream {
    let mut text = String::new();
    for part in [op.summary.as_deref(), op.description.as_deref()]
        .into_iter()
        .flatten()
    {
        if !part.trim().is_empty() && !text.contains(part.trim()) {
            text.push_str(part.trim());
            text.push_str("\n\n");
        }
    }
    let head = doc_attr(&text);
    // Path and id go into code spans: no line breaks or backticks may end them early (a
    // document could otherwise smuggle a doctest into the docs).
    let inline = |s: &str| s.replace(['\n', '\r', '`'], " ");
    let call = format!(
        " `{} {}` (operation `{}`).",
        op.method.as_str(),
        inline(&op.path),
        inline(&op.id)
    );
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated by the API description")]));
    let errors = super::errors::error_doc(op);
    quote! { #head #[doc = #call] #errors #deprecated }
}

fn emit_method(op: &Operation, example: Option<TokenStream>) -> TokenStream {
    let (method, builder) = (ident(&op.method_name), ident(&op.builder));
    let (params, body) = positional(op);
    let args = params.iter().map(|p| {
        let (n, t) = (ident(&p.name), arg_type(&p.ty));
        quote!(#n: #t)
    });
    let body_arg = body.map(|b| {
        let t = body_arg_type(b);
        quote!(body: #t)
    });
    let values = params.iter().map(|p| arg_value(&ident(&p.name), &p.ty));
    let body_value = body.map(body_arg_value);
    let doc = operation_doc(op);
    quote! {
        #doc
        #example
        pub fn #method(&self, #(#args,)* #body_arg) -> calls::#builder<'a> {
            calls::#builder::new(self.client, #(#values,)* #body_value)
        }
    }
}

/// Every request builder (and per-status response enum) of `api`.
pub(super) fn emit_calls(api: &Api) -> TokenStream {
    api.operations().map(emit_builder).collect()
}

fn stored_type(p: &Param) -> TokenStream {
    let t = type_tokens(&p.ty, &types_prefix());
    if p.required {
        t
    } else {
        quote!(Option<#t>)
    }
}

fn emit_builder(op: &Operation) -> TokenStream {
    let builder = ident(&op.builder);
    let doc = doc_attr(&format!(
        "Request builder for `{0}` (`{1} {2}`).",
        op.id,
        op.method.as_str(),
        op.path
    ));
    let (positional_params, required_body) = positional(op);
    let fields = op.params.iter().map(|p| {
        let (n, t) = (ident(&p.name), stored_type(p));
        quote!(#n: #t,)
    });
    let body_field = op.body.as_ref().map(|b| {
        let t = type_tokens(&b.ty, &types_prefix());
        if b.required {
            quote!(body: #t,)
        } else {
            quote!(body: Option<#t>,)
        }
    });
    let ctor_args = positional_params.iter().map(|p| {
        let (n, t) = (ident(&p.name), type_tokens(&p.ty, &types_prefix()));
        quote!(#n: #t)
    });
    let ctor_body_arg = required_body.map(|b| {
        let t = type_tokens(&b.ty, &types_prefix());
        quote!(body: #t)
    });
    let init = op.params.iter().map(|p| {
        let n = ident(&p.name);
        if p.required {
            quote!(#n,)
        } else {
            quote!(#n: None,)
        }
    });
    let body_init = op.body.as_ref().map(|b| {
        if b.required {
            quote!(body,)
        } else {
            quote!(body: None,)
        }
    });
    let setters = op.params.iter().filter(|p| !p.required).map(emit_setter);
    let body_setter = op.body.as_ref().filter(|b| !b.required).map(|b| {
        let (t, value) = (body_arg_type(b), body_arg_value(b));
        let doc = doc_or(b.doc.as_deref(), "Sets the request body.");
        quote! { #doc pub fn body(mut self, body: #t) -> Self { self.body = Some(#value); self } }
    });
    let (output_ty, response_enum) = output(op);
    let error_enum = super::errors::emit_error_body(op);
    let send = emit_send(op, &output_ty);
    let paging = op.paging.as_ref().map(emit_paging);
    quote! {
        #response_enum
        #error_enum

        #doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `.send().await`"]
        pub struct #builder<'a> {
            client: &'a ::logto_api::Client,
            #(#fields)*
            #body_field
        }

        impl<'a> #builder<'a> {
            pub(crate) fn new(client: &'a ::logto_api::Client, #(#ctor_args,)* #ctor_body_arg) -> Self {
                Self { client, #(#init)* #body_init }
            }
            #(#setters)*
            #body_setter
            #send
            #paging
        }
    }
}

/// `send_page()` (one page with its `Total-Number`) and `stream()` (every item of every page)
/// for a list operation that pages.
fn emit_paging(paging: &Paging) -> TokenStream {
    let (page, size) = (ident(&paging.page), ident(&paging.page_size));
    let item = type_tokens(&paging.item, &types_prefix());
    quote! {
        /// Fetches one page (the first unless `page` is set) with the total from `Total-Number`.
        /// Without an explicit `page_size` the server's default of 20 is asked for explicitly.
        pub async fn send_page(mut self) -> ::logto_api::Result<::logto_api::Page<#item>> {
            let page = *self.#page.get_or_insert(1);
            let page_size = *self.#size.get_or_insert(::logto_api::DEFAULT_PAGE_SIZE);
            let response = self.send().await?;
            Ok(::logto_api::Page::from_response(response, page, page_size))
        }

        /// Every item of every page from `page` (default 1) on, fetching each page when the
        /// previous one has been consumed; ends after the last item.
        pub fn stream(self) -> impl ::logto_api::__private::Stream<Item = ::logto_api::Result<#item>> + 'a {
            let first = self.#page.unwrap_or(1);
            ::logto_api::__private::paginate(self, first, |mut builder: Self, page: i64| {
                builder.#page = Some(page);
                builder.send_page()
            })
        }
    }
}

fn emit_setter(p: &Param) -> TokenStream {
    let n = ident(&p.name);
    let fallback = format!("Sets `{}`.", p.wire);
    let doc = doc_or(p.doc.as_deref(), &fallback);
    let (arg, value) = (arg_type(&p.ty), arg_value(&n, &p.ty));
    quote! {
        #doc
        pub fn #n(mut self, #n: #arg) -> Self {
            self.#n = Some(#value);
            self
        }
    }
}

/// The type inside `ApiResponse<_>`, and the per-status enum when one is needed.
fn output(op: &Operation) -> (TokenStream, TokenStream) {
    let p = types_prefix();
    match &op.output {
        Output::Unit => (quote!(()), TokenStream::new()),
        Output::Text => (quote!(String), TokenStream::new()),
        Output::Bytes => (quote!(::logto_api::Bytes), TokenStream::new()),
        Output::Json(t) => (type_tokens(t, &p), TokenStream::new()),
        Output::OptionalJson(t) => {
            let t = type_tokens(t, &p);
            (quote!(Option<#t>), TokenStream::new())
        }
        Output::PerStatus(name) => {
            let name_ident = ident(name);
            let variants = op.responses.iter().map(|r| {
                let v = format_ident!("{}", response_variant(r));
                let doc = doc_or(r.doc.as_deref(), "A documented status.");
                match &r.payload {
                    Payload::Empty => quote!(#doc #v,),
                    Payload::Text => quote!(#doc #v(String),),
                    Payload::Bytes => quote!(#doc #v(::logto_api::Bytes),),
                    Payload::Json(t) => {
                        let t = type_tokens(t, &p);
                        quote!(#doc #v(#t),)
                    }
                }
            });
            let doc = doc_attr(&format!("The success answers of `{}`, by status.", op.id));
            // One answer is one value: boxing the larger variants would only cost the caller a
            // dereference.
            let def = quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                #[allow(clippy::large_enum_variant)]
                pub enum #name_ident { #(#variants)* }
            };
            (quote!(#name_ident), def)
        }
    }
}

/// The variant of a per-status enum for `r`: named after its status, or `Status2XX` for a range.
fn response_variant(r: &Response) -> String {
    match r.status {
        Some(status) => status_variant(status),
        None => format!("Status{}XX", r.covers.0 / 100),
    }
}

/// `200` -> `Ok`, `201` -> `Created`, ... (`Status299` for the rest).
fn status_variant(status: u16) -> String {
    let known = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        _ => "",
    };
    if known.is_empty() {
        format!("Status{status}")
    } else {
        pascal(known)
    }
}

fn emit_send(op: &Operation, output_ty: &TokenStream) -> TokenStream {
    let (id, method) = (&op.id, format_ident!("{}", op.method.as_str()));
    let path = emit_path(op);
    let params = op
        .params
        .iter()
        .filter(|p| p.location != Location::Path)
        .map(|p| {
            let (n, wire) = (ident(&p.name), &p.wire);
            let value = if p.required {
                quote!(Some(&self.#n))
            } else {
                quote!(self.#n.as_ref())
            };
            // The defaults keep their short calls, so most generated code does not name a style.
            let explode = p.explode;
            match (p.location, p.style) {
                (Location::Query, Style::Form) => {
                    quote!(request.query(#wire, #value, #explode)?;)
                }
                (Location::Query, style) => {
                    let style = style_tokens(style);
                    quote!(request.query_style(#wire, #value, #style, #explode)?;)
                }
                (Location::Header, _) if !explode => quote!(request.header(#wire, #value)?;),
                (Location::Header, _) => quote!(request.header_style(#wire, #value, true)?;),
                (Location::Cookie, _) if explode => quote!(request.cookie(#wire, #value)?;),
                (Location::Cookie, _) => quote!(request.cookie_style(#wire, #value, false)?;),
                (Location::Path, _) => TokenStream::new(),
            }
        });
    let body = op.body.as_ref().map(|b| {
        let value = if b.required {
            quote!(Some(self.body))
        } else {
            quote!(self.body)
        };
        let media = &b.media;
        match b.encoding {
            BodyEncoding::Json if media == "application/json" => {
                quote!(request.json(#value.as_ref())?;)
            }
            BodyEncoding::Json => quote!(request.json_as(#value.as_ref(), #media)?;),
            BodyEncoding::Form if b.styles.is_empty() => quote!(request.form(#value.as_ref())?;),
            BodyEncoding::Form => {
                let styles = b.styles.iter().map(|s| {
                    let (wire, style, explode) = (&s.wire, style_tokens(s.style), s.explode);
                    quote!((#wire, #style, #explode))
                });
                quote!(request.form_style(#value.as_ref(), &[#(#styles),*])?;)
            }
            BodyEncoding::Multipart => quote!(request.multipart(#value);),
            BodyEncoding::Text => quote!(request.text(#value, #media);),
            BodyEncoding::Bytes => quote!(request.bytes(#value, #media);),
        }
    });
    let decode = emit_decode(op);
    let template = &op.path;
    let success = success_statuses(op);
    quote! {
        /// Sends the request and decodes the answer.
        pub async fn send(self) -> ::logto_api::Result<::logto_api::ApiResponse<#output_ty>> {
            let path = #path;
            let mut request = ::logto_api::__private::Request::new(self.client, ::logto_api::__private::Method::#method, #id, #template, path);
            request.success_statuses(&[#(#success),*]);
            #(#params)*
            #body
            let response = request.send().await?;
            #decode
        }
    }
}

/// The statuses the operation documents as success, as inclusive pairs (`(200, 200)`,
/// `(200, 299)` for `2XX`); any 2xx when it documents none, as with only a `default` answer.
fn success_statuses(op: &Operation) -> Vec<TokenStream> {
    let mut covered: Vec<(u16, u16)> = op.responses.iter().map(|r| r.covers).collect();
    if covered.is_empty() {
        covered.push((200, 299));
    }
    covered.sort_unstable();
    covered.dedup();
    covered
        .into_iter()
        .map(|(low, high)| {
            let (low, high) = (
                proc_macro2::Literal::u16_unsuffixed(low),
                proc_macro2::Literal::u16_unsuffixed(high),
            );
            quote!((#low, #high))
        })
        .collect()
}

/// `format!("/api/users/{}", encode(&self.user_id))`, or the literal path.
fn emit_path(op: &Operation) -> TokenStream {
    let mut pattern = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        pattern.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        pattern.push_str("{}");
        let wire = &rest[start + 1..start + len];
        if let Some(p) = op
            .params
            .iter()
            .find(|p| p.location == Location::Path && p.wire == wire)
        {
            let n = ident(&p.name);
            args.push(if p.style == Style::Simple && !p.explode {
                quote!(::logto_api::__private::encode_segment(&self.#n))
            } else {
                let (style, explode, wire) = (style_tokens(p.style), p.explode, &p.wire);
                quote!(::logto_api::__private::encode_path(#wire, &self.#n, #style, #explode))
            });
        }
        rest = &rest[start + len + 1..];
    }
    pattern.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    if args.is_empty() {
        quote!(String::from(#pattern))
    } else {
        quote!(format!(#pattern, #(#args),*))
    }
}

fn emit_decode(op: &Operation) -> TokenStream {
    match &op.output {
        Output::Unit => quote!(response.unit()),
        Output::Text => quote!(response.text()),
        Output::Bytes => quote!(response.bytes()),
        Output::Json(_) => quote!(response.json()),
        Output::OptionalJson(_) => {
            let empty: Vec<u16> = op
                .responses
                .iter()
                .filter(|r| r.payload == Payload::Empty)
                .filter_map(|r| r.status)
                .collect();
            quote!(response.optional_json(&[#(#empty),*]))
        }
        Output::PerStatus(name) => {
            let name = ident(name);
            // Exact statuses before ranges (`2XX`), as OpenAPI gives them precedence.
            let mut ordered: Vec<&Response> = op.responses.iter().collect();
            ordered.sort_by_key(|r| r.status.is_none());
            let arms = ordered.into_iter().map(|r| {
                let v = format_ident!("{}", response_variant(r));
                let (low, high) = (
                    proc_macro2::Literal::u16_unsuffixed(r.covers.0),
                    proc_macro2::Literal::u16_unsuffixed(r.covers.1),
                );
                let status = match r.status {
                    Some(_) => quote!(#low),
                    None => quote!(#low..=#high),
                };
                match &r.payload {
                    Payload::Empty => {
                        quote!(#status => response.unit().map(|r| r.map(|()| #name::#v)),)
                    }
                    Payload::Text => quote!(#status => response.text().map(|r| r.map(#name::#v)),),
                    Payload::Bytes => {
                        quote!(#status => response.bytes().map(|r| r.map(#name::#v)),)
                    }
                    Payload::Json(t) => {
                        let t = type_tokens(t, &types_prefix());
                        quote!(#status => response.json::<#t>().map(|r| r.map(#name::#v)),)
                    }
                }
            });
            // A range (`2XX`) overlaps the exact statuses listed before it on purpose: OpenAPI
            // gives the exact ones precedence, and so does the order of the arms.
            quote! {
                #[allow(clippy::match_overlapping_arm)]
                let decoded = match response.status().as_u16() {
                    #(#arms)*
                    _ => Err(response.unexpected_status()),
                };
                decoded
            }
        }
    }
}
