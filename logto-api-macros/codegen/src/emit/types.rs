//! Emission of models: structs, open enums, tagged and untagged unions.

use super::{doc_attr, doc_or, ident, type_tokens};
use crate::ir::{Api, EnumValue, Field, Literal, Pin, Struct, TypeDef, TypeKind, TypeRef, Union};
use proc_macro2::TokenStream;
use quote::quote;

const SERDE_CRATE: &str = "::logto_api::__private::serde";

/// Every model of `api`.
pub(super) fn emit_types(api: &Api) -> TokenStream {
    api.types.iter().map(emit_type).collect()
}

fn emit_type(def: &TypeDef) -> TokenStream {
    let fallback = format!("Schema at `{}`.", def.pointer);
    let doc = doc_or(def.doc.as_deref(), &fallback);
    match &def.kind {
        TypeKind::Struct(s) if s.multipart => emit_multipart(&def.name, s, doc),
        TypeKind::Struct(s) => emit_struct(&def.name, s, doc),
        TypeKind::Enum(values) => emit_enum(&def.name, values, doc),
        TypeKind::Union(u) if u.tag.is_some() => emit_tagged(&def.name, u, doc),
        TypeKind::Union(u) => emit_untagged(&def.name, u, doc),
        TypeKind::Newtype(inner) => emit_newtype(&def.name, inner, doc),
    }
}

fn emit_newtype(name: &str, inner: &TypeRef, doc: TokenStream) -> TokenStream {
    let name = ident(name);
    let t = type_tokens(inner, &TokenStream::new());
    let default = is_default_type(inner).then(|| quote!(Default,));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
        #[serde(crate = #SERDE_CRATE, transparent)]
        pub struct #name(pub #t);
    }
}

fn field_type(f: &Field) -> TokenStream {
    let t = type_tokens(&f.ty, &TokenStream::new());
    match (f.required, f.nullable) {
        (true, false) => t,
        // Absent, `null` and a value are three different requests (see `lower::patch`).
        (false, true) if f.patch => quote!(::logto_api::Patch<#t>),
        // Elsewhere `null` and absent both read as `None`.
        _ => quote!(Option<#t>),
    }
}

fn field_attrs(f: &Field) -> TokenStream {
    let rename = (f.name != f.wire).then(|| {
        let wire = &f.wire;
        quote!(#[serde(rename = #wire)])
    });
    let presence = match (f.required, f.patch) {
        // A required nullable field is written as `null` when `None`.
        (true, _) => quote!(),
        (false, true) => {
            quote!(#[serde(default, skip_serializing_if = "::logto_api::Patch::is_unchanged")])
        }
        (false, false) => quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
    };
    quote!(#rename #presence)
}

fn is_defaultable(f: &Field) -> bool {
    !f.required || f.nullable || is_default_type(&f.ty)
}

/// Types whose `Default` is a sensible empty value.
fn is_default_type(ty: &TypeRef) -> bool {
    ty.is_number()
        || matches!(
            ty,
            TypeRef::Bool | TypeRef::String | TypeRef::Any | TypeRef::List(_) | TypeRef::Map(_)
        )
}

fn field_doc(f: &Field) -> TokenStream {
    let fallback = format!(
        "`{}`{}.",
        f.wire,
        if f.required { "" } else { " (optional)" }
    );
    doc_or(f.doc.as_deref(), &fallback)
}

fn extra_field_name(s: &Struct) -> String {
    ["extra", "extra_properties", "additional_properties"]
        .into_iter()
        .find(|n| s.fields.iter().all(|f| f.name != *n))
        .unwrap_or("extra_fields_")
        .to_owned()
}

fn emit_struct(name: &str, s: &Struct, doc: TokenStream) -> TokenStream {
    let name = ident(name);
    let fields = s.fields.iter().map(|f| {
        let (doc, attrs, fname, ty) = (field_doc(f), field_attrs(f), ident(&f.name), field_type(f));
        quote! { #doc #attrs pub #fname: #ty, }
    });
    let extra = s.extra.as_ref().map(|t| {
        let t = type_tokens(t, &TokenStream::new());
        let fname = ident(&extra_field_name(s));
        quote! {
            /// Properties beyond the named ones.
            #[serde(flatten)]
            pub #fname: BTreeMap<String, #t>,
        }
    });
    let default = s
        .fields
        .iter()
        .all(is_defaultable)
        .then(|| quote!(Default,));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
        #[serde(crate = #SERDE_CRATE)]
        pub struct #name {
            #(#fields)*
            #extra
        }
    }
}

fn emit_multipart(name: &str, s: &Struct, doc: TokenStream) -> TokenStream {
    let name = ident(name);
    let fields = s.fields.iter().map(|f| {
        let (doc, fname) = (field_doc(f), ident(&f.name));
        let ty = field_type(&Field {
            nullable: false,
            patch: false,
            ..f.clone()
        });
        quote! { #doc pub #fname: #ty, }
    });
    let parts = s.fields.iter().map(|f| {
        let (fname, wire) = (ident(&f.name), &f.wire);
        let add = if f.ty == TypeRef::File {
            quote!(form = form.part(#wire, value.into_part());)
        } else {
            quote!(form = form.text(#wire, ::logto_api::__private::text_value(&value));)
        };
        if f.required {
            quote! { let value = self.#fname; #add }
        } else {
            quote! { if let Some(value) = self.#fname { #add } }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct #name { #(#fields)* }

        impl ::logto_api::__private::IntoMultipart for #name {
            fn into_form(self) -> ::logto_api::__private::Form {
                let mut form = ::logto_api::__private::Form::new();
                #(#parts)*
                form
            }
        }
    }
}

fn emit_enum(name: &str, values: &[EnumValue], doc: TokenStream) -> TokenStream {
    let name = ident(name);
    let variants = values.iter().map(|v| {
        let doc = match v.wire.as_str() {
            "" => doc_attr("The empty string."),
            wire => doc_attr(&format!("`{wire}`")),
        };
        let vname = ident(&v.name);
        quote! { #doc #vname, }
    });
    let to_str = values.iter().map(|v| {
        let (vname, wire) = (ident(&v.name), &v.wire);
        quote! { Self::#vname => #wire, }
    });
    let from_str = values.iter().map(|v| {
        let (vname, wire) = (ident(&v.name), &v.wire);
        quote! { #wire => Self::#vname, }
    });
    quote! {
        #doc
        // Open: a newer server may send more values, and a new known value must not break
        // downstream `match`es.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know yet, kept as sent.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(other) => other,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: ::logto_api::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: ::logto_api::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::logto_api::__private::deserialize_str(deserializer).map(|s| Self::from(s.as_ref()))
            }
        }
    }
}

fn emit_tagged(name: &str, u: &Union, doc: TokenStream) -> TokenStream {
    let tag = u.tag.as_deref().unwrap_or("type");
    let name = ident(name);
    let variants = u.variants.iter().map(|v| {
        let (vname, t) = (ident(&v.name), type_tokens(&v.ty, &TokenStream::new()));
        let doc = doc_attr(&format!(
            "`{tag}: \"{}\"`",
            v.tag_value.as_deref().unwrap_or("")
        ));
        quote! { #doc #vname(#t), }
    });
    let ser = u.variants.iter().map(|v| {
        let (vname, value) = (ident(&v.name), v.tag_value.as_deref().unwrap_or(""));
        quote! { Self::#vname(v) => ::logto_api::__private::serialize_tagged(serializer, #tag, #value, v), }
    });
    let de = u.variants.iter().map(|v| {
        let (vname, value) = (ident(&v.name), v.tag_value.as_deref().unwrap_or(""));
        quote! { Some(#value) => ::logto_api::__private::from_value(value).map(Self::#vname), }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A kind this client does not know yet, kept as sent.
            Unknown(Value),
        }

        impl Serialize for #name {
            fn serialize<S: ::logto_api::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#ser)*
                    Self::Unknown(v) => v.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: ::logto_api::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                match ::logto_api::__private::tag_of(&value, #tag) {
                    #(#de)*
                    _ => Ok(Self::Unknown(value)),
                }
            }
        }
    }
}

fn emit_untagged(name: &str, u: &Union, doc: TokenStream) -> TokenStream {
    let type_name = ident(name);
    let variants = u.variants.iter().map(|v| {
        let (vname, t) = (ident(&v.name), type_tokens(&v.ty, &TokenStream::new()));
        let doc = doc_attr(&format!("The `{}` form.", v.name));
        quote! { #doc #vname(#t), }
    });
    // Branches that pin literals need the decoder that reads them; others keep serde's.
    let pinned = u.variants.iter().any(|v| !v.pins.is_empty());
    let (order, derive_deserialize, deserialize) = if pinned {
        (
            "Variants are tried in the order listed, those whose literal properties agree with\nthe value first.",
            TokenStream::new(),
            emit_pinned_deserialize(name, u),
        )
    } else {
        (
            "Variants are tried in the order listed.",
            quote!(, Deserialize),
            TokenStream::new(),
        )
    };
    let order = doc_attr(order);
    quote! {
        #doc
        ///
        #order
        #[derive(Debug, Clone, PartialEq, Serialize #derive_deserialize)]
        #[serde(crate = #SERDE_CRATE, untagged)]
        pub enum #type_name {
            #(#variants)*
        }

        #deserialize
    }
}

/// `Deserialize` for an untagged union some of whose branches pin literal properties.
fn emit_pinned_deserialize(name: &str, u: &Union) -> TokenStream {
    let type_name = ident(name);
    let branches = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let label = &v.name;
        let pins = v.pins.iter().map(pin_tokens);
        quote! {
            __private::Branch {
                name: #label,
                pins: &[#(#pins),*],
                decode: |v| __private::branch_from_value(v).map(Self::#vname),
            },
        }
    });
    quote! {
        impl<'de> Deserialize<'de> for #type_name {
            fn deserialize<D: ::logto_api::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use ::logto_api::__private;
                let value = Value::deserialize(deserializer)?;
                __private::decode_untagged(&value, #name, &[#(#branches)*])
                    .map_err(<D::Error as __private::serde::de::Error>::custom)
            }
        }
    }
}

fn pin_tokens(pin: &Pin) -> TokenStream {
    let (property, required) = (&pin.property, pin.required);
    let values = pin.values.iter().map(|value| match value {
        Literal::String(s) => quote!(__private::Literal::Str(#s)),
        Literal::Bool(b) => quote!(__private::Literal::Bool(#b)),
        Literal::Integer(i) => quote!(__private::Literal::Int(#i)),
        Literal::Null => quote!(__private::Literal::Null),
    });
    quote! {
        __private::Pin { property: #property, required: #required, values: &[#(#values),*] }
    }
}
