//! How values travel: the media type chosen for a request body or a success response, and the
//! `style`/`explode` of parameters and of form-body properties.
//!
//! # Media types
//!
//! Every media type has an encoding; none is refused:
//!
//! | media type (essence)                        | request body                        | answer                |
//! | ------------------------------------------- | ----------------------------------- | --------------------- |
//! | `application/json`, any `*/*+json`          | the schema's type, as JSON          | the schema's type     |
//! | `application/x-www-form-urlencoded`         | an object, form-encoded             | raw bytes             |
//! | `multipart/form-data`                       | an object, one part per property    | raw bytes             |
//! | `text/*`                                    | `impl Into<String>`, sent as is     | `String` (never lossy)|
//! | anything else (`application/octet-stream`, `image/png`, `*/*`, ...) | `impl Into<logto_api::Bytes>`, sent unchanged | `logto_api::Bytes`, exact |
//!
//! The schema of a text or bytes body is not consulted (only whole bodies become bytes: a
//! `format: binary` string inside JSON stays a `String`).
//!
//! When a body or an answer lists several media types, one is chosen by this preference:
//! **JSON, then form, then multipart, then text, then bytes**; among several of the same kind,
//! the first listed. A request is sent with the chosen media type as its `Content-Type`, except
//! that a wildcard is sent as `text/plain` (`text/*`) or `application/octet-stream` (any other).
//!
//! # Styles
//!
//! Parameters follow OpenAPI 3.0.3's "Style Values" table: query `form` (default, exploded by
//! default), `spaceDelimited`, `pipeDelimited`, `deepObject`; path `simple` (default), `label`,
//! `matrix`; header `simple`; cookie `form` (exploded by default). Every other style defaults
//! `explode` to false, except `deepObject`, which only exists exploded: without `explode` it is
//! taken as exploded. A form body's properties take the style of their entry in the media
//! type's `encoding` map, else `form`, exploded (arrays repeat their name).
//!
//! Combinations the "Style Examples" table leaves undefined are diagnostics:
//! `spaceDelimited`/`pipeDelimited` on a scalar or with `explode: true`, `deepObject` on
//! anything but an object or with `explode: false`. (A style that does not exist for a location
//! at all, such as `deepObject` on a path parameter, is refused when the document is loaded.)
//! For a union or a schema without a type the shape is only known at run time, so every style
//! is accepted and the runtime renders whatever value comes.

use super::Lowerer;
use crate::diag::child;
use crate::ir::{BodyEncoding, PropertyStyle, Style, TypeKind, TypeRef};
use openapiv3::{MediaType, Parameter, QueryStyle};

/// The encoding of media type `media` (as in a `content` map), whatever its schema.
pub(crate) fn classify(media: &str) -> BodyEncoding {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => BodyEncoding::Json,
        m if m.ends_with("+json") => BodyEncoding::Json,
        "application/x-www-form-urlencoded" => BodyEncoding::Form,
        "multipart/form-data" => BodyEncoding::Multipart,
        m if m.starts_with("text/") => BodyEncoding::Text,
        _ => BodyEncoding::Bytes,
    }
}

fn rank(encoding: BodyEncoding) -> u8 {
    match encoding {
        BodyEncoding::Json => 0,
        BodyEncoding::Form => 1,
        BodyEncoding::Multipart => 2,
        BodyEncoding::Text => 3,
        BodyEncoding::Bytes => 4,
    }
}

/// The media type a request body is sent with, by the preference in the module docs.
pub(crate) fn pick_request<'m>(
    content: &'m indexmap::IndexMap<String, MediaType>,
) -> Option<(&'m String, &'m MediaType, BodyEncoding)> {
    content
        .iter()
        .map(|(media, m)| (media, m, classify(media)))
        // `min_by_key` keeps the first of equal keys.
        .min_by_key(|(_, _, encoding)| rank(*encoding))
}

/// The media type an answer is read as: JSON, then text, then bytes (an answer in a form or
/// multipart encoding is kept as bytes).
pub(crate) fn pick_response<'m>(
    content: &'m indexmap::IndexMap<String, MediaType>,
) -> Option<(&'m String, &'m MediaType, BodyEncoding)> {
    content
        .iter()
        .map(|(media, m)| {
            let encoding = match classify(media) {
                BodyEncoding::Form | BodyEncoding::Multipart => BodyEncoding::Bytes,
                other => other,
            };
            (media, m, encoding)
        })
        .min_by_key(|(_, _, encoding)| rank(*encoding))
}

/// The `Content-Type` to send for `media`: as written, unless it is a wildcard.
pub(crate) fn content_type(media: &str, encoding: BodyEncoding) -> String {
    if !media.contains('*') {
        return media.trim().to_owned();
    }
    match encoding {
        BodyEncoding::Text => "text/plain".to_owned(),
        BodyEncoding::Json => "application/json".to_owned(),
        _ => "application/octet-stream".to_owned(),
    }
}

/// What a value looks like to a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Array,
    Object,
    /// A union or untyped value: known at run time only.
    Unknown,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Scalar => "a scalar",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Unknown => "a value",
        }
    }
}

fn query_style(style: &QueryStyle) -> Style {
    match style {
        QueryStyle::Form => Style::Form,
        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        QueryStyle::PipeDelimited => Style::PipeDelimited,
        QueryStyle::DeepObject => Style::DeepObject,
    }
}

/// `explode` when the document does not say: true for `form` (and `deepObject`, which is
/// defined only exploded), false for the others.
fn default_explode(style: Style) -> bool {
    matches!(style, Style::Form | Style::DeepObject)
}

/// Why `style` with `explode` (as written, if it was) is undefined for a value of `kind`.
fn undefined(style: Style, explode: Option<bool>, kind: Kind) -> Option<String> {
    let name = style.as_str();
    match style {
        Style::SpaceDelimited | Style::PipeDelimited if kind == Kind::Scalar => Some(format!(
            "`style: {name}` is defined for arrays and objects only, not for {}",
            kind.noun()
        )),
        Style::SpaceDelimited | Style::PipeDelimited if explode == Some(true) => Some(format!(
            "`style: {name}` with `explode: true` is not defined by OpenAPI 3.0 (`style: form` repeats the name)"
        )),
        Style::DeepObject if matches!(kind, Kind::Scalar | Kind::Array) => Some(format!(
            "`style: deepObject` is defined for objects only, not for {}",
            kind.noun()
        )),
        Style::DeepObject if explode == Some(false) => Some(
            "`style: deepObject` with `explode: false` is not defined by OpenAPI 3.0".to_owned(),
        ),
        _ => None,
    }
}

impl Lowerer<'_> {
    /// The style and `explode` of a parameter of type `ty`, reporting undefined combinations
    /// at `ptr` (the parameter).
    pub(crate) fn param_style(&mut self, p: &Parameter, ty: &TypeRef, ptr: &str) -> (Style, bool) {
        let explode = p.parameter_data_ref().explode;
        let style = match p {
            Parameter::Query { style, .. } => query_style(style),
            Parameter::Path { style, .. } => match style {
                openapiv3::PathStyle::Simple => Style::Simple,
                openapiv3::PathStyle::Label => Style::Label,
                openapiv3::PathStyle::Matrix => Style::Matrix,
            },
            Parameter::Header { .. } => Style::Simple,
            Parameter::Cookie { .. } => Style::Form,
        };
        if let Some(message) = undefined(style, explode, self.kind(ty)) {
            let location = match p {
                Parameter::Query { .. } => "query",
                Parameter::Path { .. } => "path",
                Parameter::Header { .. } => "header",
                Parameter::Cookie { .. } => "cookie",
            };
            let name = &p.parameter_data_ref().name;
            self.error(
                &child(ptr, "style"),
                format!("{location} parameter `{name}`: {message}"),
            );
        }
        (style, explode.unwrap_or_else(|| default_explode(style)))
    }

    /// The non-default property encodings of a form body of type `ty` whose media type is `m`,
    /// found at `ptr` (the media type object).
    pub(crate) fn form_styles(
        &mut self,
        m: &MediaType,
        ty: &TypeRef,
        ptr: &str,
    ) -> Vec<PropertyStyle> {
        let mut out = Vec::new();
        for (property, encoding) in &m.encoding {
            let e_ptr = child(&child(ptr, "encoding"), property);
            let style = encoding.style.as_ref().map_or(Style::Form, query_style);
            // openapiv3 reads an absent `explode` as false; the default depends on the style.
            let written = self
                .raw
                .pointer(&child(&e_ptr, "explode"))
                .and_then(serde_json::Value::as_bool);
            let kind = self.property_kind(ty, property);
            if let Some(message) = undefined(style, written, kind) {
                self.error(
                    &child(&e_ptr, "style"),
                    format!("form property `{property}`: {message}"),
                );
            }
            let explode = written.unwrap_or_else(|| default_explode(style));
            if (style, explode) != (Style::Form, true) {
                out.push(PropertyStyle {
                    wire: property.clone(),
                    style,
                    explode,
                });
            }
        }
        out
    }

    /// Reports a form body whose type cannot be an object (a form is a list of properties).
    pub(crate) fn check_form_body(&mut self, ty: &TypeRef, ptr: &str) {
        if matches!(self.kind(ty), Kind::Scalar | Kind::Array) {
            self.error(
                ptr,
                "an application/x-www-form-urlencoded body must be an object",
            );
        }
    }

    fn property_kind(&self, ty: &TypeRef, property: &str) -> Kind {
        let TypeRef::Named(name) = ty else {
            return Kind::Unknown;
        };
        let def = self.types.iter().find(|t| &t.name == name);
        match def.map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => s
                .fields
                .iter()
                .find(|f| f.wire == property)
                .map_or(Kind::Unknown, |f| self.kind(&f.ty)),
            _ => Kind::Unknown,
        }
    }

    fn kind(&self, ty: &TypeRef) -> Kind {
        match ty {
            TypeRef::Bool
            | TypeRef::Integer
            | TypeRef::Number
            | TypeRef::String
            | TypeRef::File
            | TypeRef::Bytes => Kind::Scalar,
            TypeRef::List(_) => Kind::Array,
            TypeRef::Map(_) => Kind::Object,
            TypeRef::Boxed(inner) => self.kind(inner),
            TypeRef::Any => Kind::Unknown,
            TypeRef::Named(name) => match self.types.iter().find(|t| &t.name == name) {
                Some(t) => match &t.kind {
                    TypeKind::Struct(_) => Kind::Object,
                    TypeKind::Enum(_) => Kind::Scalar,
                    TypeKind::Union(_) => Kind::Unknown,
                },
                None => Kind::Unknown,
            },
        }
    }
}
